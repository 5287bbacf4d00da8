"""The report document as flat tables (one per CSV file and XLSX sheet), with typed columns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph_schema.model import OrgKind

# Dutch names of the organisation kinds, as the pages and sheets show them.
KIND_NL = {"mbo": "mbo", "hbo": "hbo", "wo": "wo", "company": "bedrijf",
           "government": "overheid", "board": "economisch board",
           "knowledge_institute": "kennisinstelling", "other": "overig"}


@dataclass(frozen=True, slots=True)
class Column:
    """A column: machine key (CSV header), Dutch header (XLSX) and cell type."""

    key: str
    header: str
    type: str  # text | int | bool | percent | float


@dataclass(frozen=True, slots=True)
class Table:
    """A named table: `name` is the CSV file stem and the sheet name."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def _theme_rows(doc: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for prov in doc["provinces"]:
        for theme in prov["themes"]:
            yield prov, theme


def _coverage_table(doc: dict[str, Any]) -> Table:
    kinds = [k.value for k in OrgKind]
    columns = (Column("province", "Provinciecode", "text"),
               Column("province_name", "Provincie", "text"),
               Column("theme", "Thema-id", "text"), Column("theme_label", "Thema", "text"),
               Column("priority", "Prioriteit", "bool"),
               *(Column(f"n_{k}", KIND_NL[k], "int") for k in kinds),
               Column("regional_support", "Regionale steun", "int"),
               Column("mkb_companies", "Mkb op thema", "int"),
               Column("pps_real", "Pps (echt)", "int"),
               Column("pps_synthetic", "Pps (synthetisch)", "int"),
               Column("missing_kinds", "Ontbrekend", "text"),
               Column("mkb_in_pps", "Mkb in pps", "int"),
               Column("establishments", "Bedrijfsvestigingen (KWB)", "int"),
               Column("sector_groups", "KWB-sectorgroepen", "text"),
               Column("mkb_reach", "Mkb-bereik", "percent"))
    rows = tuple(
        (p["code"], p["name"], t["theme"], t["label"], t["priority"],
         *(t["counts"][k] for k in kinds), t["regional_support"], t["mkb_companies"],
         t["pps_real"], t["pps_synthetic"], ", ".join(KIND_NL[k] for k in t["missing_kinds"]),
         t["mkb_in_pps"], t["establishments"], ", ".join(t["sector_groups"]), t["mkb_reach"])
        for p, t in _theme_rows(doc))
    return Table("dekking", "Dekking per provincie en thema", columns, rows)


def _candidate_table(doc: dict[str, Any]) -> Table:
    columns = (Column("province", "Provinciecode", "text"),
               Column("theme", "Thema-id", "text"), Column("theme_label", "Thema", "text"),
               Column("missing_kind", "Ontbrekende soort", "text"),
               Column("rank", "Rang", "int"), Column("id", "Organisatie-id", "text"),
               Column("name", "Naam", "text"), Column("score", "Score", "float"),
               Column("synthetic", "Synthetisch", "bool"), Column("reasons", "Redenen", "text"))
    rows = tuple(
        (p["code"], t["theme"], t["label"], KIND_NL[kind], rank, c["id"], c["name"],
         c["score"], c["synthetic"], "; ".join(c["reasons"]))
        for p, t in _theme_rows(doc) for kind, found in t["candidates"].items()
        for rank, c in enumerate(found, start=1))
    return Table("kandidaten", "Kandidaten per gat", columns, rows)


def _overlap_table(doc: dict[str, Any]) -> Table:
    columns = (Column("province", "Provinciecode", "text"),
               Column("province_name", "Provincie", "text"),
               Column("theme", "Thema-id", "text"), Column("theme_label", "Thema", "text"),
               Column("pps_count", "Aantal pps'en", "int"),
               Column("pps_names", "Pps'en", "text"))
    rows = tuple((p["code"], p["name"], t["theme"], t["label"], len(t["overlap"]),
                  "; ".join(t["overlap"])) for p, t in _theme_rows(doc) if t["overlap"])
    return Table("overlap", "Overlap: meerdere pps'en op één thema in één provincie",
                 columns, rows)


def _summary_tables(doc: dict[str, Any]) -> tuple[Table, ...]:
    summary = doc["summary"]
    ranked = Table(
        "provincies", "Provincies naar aantal gaten",
        (Column("rank", "Rang", "int"), Column("province", "Provinciecode", "text"),
         Column("province_name", "Provincie", "text"),
         Column("themes_with_gaps", "Thema's met gaten", "int"),
         Column("missing_total", "Ontbrekende soorten", "int"),
         Column("priorities_without_pps", "Prioriteiten zonder pps", "int")),
        tuple((i, p["code"], p["name"], p["themes_with_gaps"], p["missing_total"],
               p["priorities_without_pps"])
              for i, p in enumerate(summary["provinces_by_gaps"], start=1)))
    uncovered = Table(
        "themas_zonder_dekking", "Thema's zonder pps in enige provincie",
        (Column("theme", "Thema-id", "text"), Column("theme_label", "Thema", "text")),
        tuple((t["theme"], t["label"]) for t in summary["themes_without_coverage"]))
    no_pps = Table(
        "prioriteiten_zonder_pps", "Provinciale prioriteiten zonder pps",
        (Column("province", "Provinciecode", "text"),
         Column("province_name", "Provincie", "text"),
         Column("theme", "Thema-id", "text"), Column("theme_label", "Thema", "text")),
        tuple((p["province"], p["province_name"], p["theme"], p["label"])
              for p in summary["priorities_without_pps"]))
    return ranked, uncovered, no_pps


def report_tables(doc: dict[str, Any]) -> tuple[Table, ...]:
    """Every table of the report: the national summary first, then the detail."""
    return (*_summary_tables(doc), _coverage_table(doc), _candidate_table(doc),
            _overlap_table(doc))


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with a quote (OWASP).

    Numbers and booleans pass unchanged; text starting with = + - @ tab or CR gets a "'".
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
