"""The report as an XLSX workbook: one sheet per table, typed cells, frozen header, autofilter."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from web.reports.tables import Column, Table, neutralise

XLSX_NAME = "coverage.xlsx"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
NUMBER_FORMATS = {"int": "0", "percent": "0.00%", "float": "0.0000"}
MAX_WIDTH = 60
SHEET_NAME_CHARS = 31  # Excel's limit


def _value(column: Column, value: Any) -> Any:
    """Numbers and booleans as such; text neutralised against formula injection."""
    if value is None or column.type in ("int", "float", "percent", "bool"):
        return value
    return neutralise(str(value))


def _sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(table.name[:SHEET_NAME_CHARS])
    sheet.append([c.header for c in table.columns])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in table.rows:
        sheet.append([_value(c, v) for c, v in zip(table.columns, row, strict=True)])
    for i, column in enumerate(table.columns, start=1):
        letter = get_column_letter(i)
        fmt = NUMBER_FORMATS.get(column.type)
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = fmt
        longest = max([len(column.header)] + [len(str(r[i - 1] or "")) for r in table.rows])
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, longest + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"


def write_workbook(tables: tuple[Table, ...], path: Path | IO[bytes]) -> None:
    """Write every table to its own sheet of one workbook (to a path or a binary file)."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        _sheet(book, table)
    book.save(path)
