"""Batch coverage-gap reports: the report document, its tables and the JSON/CSV/XLSX/HTML files."""
