"""Bad import folders too big to commit, written at test time: 10 MB field, 1M rows, zip bomb."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

HEADER = "id,name,kind,description,themes,province,gemeente,size_class,synthetic\n"
FIRST_ROW = "gen:a,Bedrijf A,company,,,Groningen,GM0014,10-49,true\n"
MEGABYTE = 1024 * 1024


def _expect(folder: Path, why: str, line: int, field: str, says: str, status: int = 422) -> Path:
    (folder / "expected.json").write_text(json.dumps(
        {"why": why, "file": "organisations.csv", "line": line, "field": field, "says": says,
         "api_status": status}))
    return folder


def ten_megabyte_field(folder: Path) -> Path:
    """One description of 10 MiB: under the body limit, so the API must name the field."""
    text = HEADER + FIRST_ROW + "gen:b,B,company," + "x" * (10 * MEGABYTE) + ",,,,,\n"
    (folder / "organisations.csv").write_text(text, encoding="utf-8")
    return _expect(folder, "a 10 MiB description", 3, "description", "longer than 20,000")


def million_rows(folder: Path) -> Path:
    """1,000,000 good rows and then a duplicate id: all is read, nothing written; 413 on the API."""
    with (folder / "organisations.csv").open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.writelines(f"gen:{i},Bedrijf {i},company,,,,,,\n" for i in range(1_000_000))
        handle.write("gen:17,Bedrijf 17 again,company,,,,,,\n")
    return _expect(folder, "1M rows, the last repeating an id", 1_000_002, "id", "occurs twice",
                   status=413)


def zip_bomb(folder: Path) -> Path:
    """A ZIP that would inflate to 1 GiB of zeros, uploaded as organisations.csv."""
    with zipfile.ZipFile(folder / "organisations.csv", "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("organisations.csv", "w", force_zip64=True) as member:
            block = bytes(MEGABYTE)
            for _ in range(1024):
                member.write(block)
    return _expect(folder, "a zip bomb (1 GiB of zeros deflated)", 1, "", "ZIP archive")


GENERATED: dict[str, Callable[[Path], Path]] = {
    "ten-megabyte-field": ten_megabyte_field,
    "million-rows": million_rows,
    "zip-bomb": zip_bomb,
}
