"""Write the report files into a temporary folder and move it into place as a whole."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from web.reports.csv_files import write_csv
from web.reports.pages import write_pages
from web.reports.tables import report_tables
from web.reports.workbook import XLSX_NAME, write_workbook

FORMATS = ("json", "csv", "xlsx", "html")
JSON_NAME = "coverage.json"
Writer = Callable[[dict[str, Any], Path], list[Path]]


def _json(doc: dict[str, Any], folder: Path) -> list[Path]:
    path = folder / JSON_NAME
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [path]


def _csv(doc: dict[str, Any], folder: Path) -> list[Path]:
    (folder / "csv").mkdir()
    paths = []
    for table in report_tables(doc):
        path = folder / "csv" / f"{table.name}.csv"
        write_csv(table, path)
        paths.append(path)
    return paths


def _xlsx(doc: dict[str, Any], folder: Path) -> list[Path]:
    path = folder / XLSX_NAME
    write_workbook(report_tables(doc), path)
    return [path]


def _html(doc: dict[str, Any], folder: Path) -> list[Path]:
    (folder / "html").mkdir()
    return write_pages(doc, folder / "html")


WRITERS: dict[str, Writer] = {"json": _json, "csv": _csv, "xlsx": _xlsx, "html": _html}


def parse_formats(raw: str) -> tuple[str, ...]:
    """'csv,json' -> ('csv', 'json'); ValueError naming an unknown format."""
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in raw.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in WRITERS]
    if unknown or not chosen:
        raise ValueError(f"--format: unknown format {', '.join(unknown) or '(none)'} "
                         f"(choose from {','.join(FORMATS)})")
    return chosen


def _move_into_place(temp: Path, out: Path) -> None:
    """Rename the finished folder to `out`; an older report there is replaced whole."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} exists and is not a folder")
    if not out.exists():
        os.rename(temp, out)
        return
    old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
    os.rename(out, old)
    try:
        os.rename(temp, out)
    except OSError:
        os.rename(old, out)  # put the previous report back
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_report(doc: dict[str, Any], out: Path, formats: Sequence[str],
                 on_file: Callable[[Path], None] | None = None) -> list[Path]:
    """Write the formats under `out` (created or replaced whole); return the final paths.

    Everything is written into a temporary sibling folder first, so a failure leaves no
    half report and an older report at `out` intact. `on_file` is called per final file.
    """
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o777 & ~umask)  # mkdtemp makes it private; the report is an ordinary folder
    try:
        written = [p for fmt in formats for p in WRITERS[fmt](doc, temp)]
        _move_into_place(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    final = [out / p.relative_to(temp) for p in written]
    for path in final:
        if on_file is not None:
            on_file(path)
    return final
