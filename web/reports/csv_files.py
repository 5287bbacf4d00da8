"""CSV files of the report: one per table, machine keys as the header, formulas neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TextIO

from web.reports.tables import Table, neutralise


def _cell(value: object) -> object:
    """Booleans as true/false, None as empty, text neutralised against formula injection."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return neutralise(value)


def _write(table: Table, handle: TextIO) -> None:
    writer = csv.writer(handle)
    writer.writerow([c.key for c in table.columns])
    writer.writerows([_cell(v) for v in row] for row in table.rows)


def write_csv(table: Table, path: Path) -> None:
    """Write one table as UTF-8 CSV with a header row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        _write(table, handle)


def csv_text(table: Table) -> str:
    """One table as CSV text with a header row."""
    buffer = io.StringIO(newline="")
    _write(table, buffer)
    return buffer.getvalue()
