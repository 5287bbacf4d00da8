"""Reading CSV files row by row with 1-based line numbers and field checks that name the place."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from seed_data.bundle import BundleError, ProblemCollector

DEFAULT_DATA_DIR = Path(__file__).parent / "reference"
T = TypeVar("T")

TRUE_WORDS = frozenset({"true", "1", "yes", "ja", "y", "j"})
FALSE_WORDS = frozenset({"false", "0", "no", "nee", "n", ""})


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its file (as named in messages), line number and values."""

    file: str
    line: int
    values: dict[str, str]

    def error(self, field: str, value: str | None, reason: str) -> BundleError:
        """An error pointing at one field of this row."""
        return BundleError.at(self.file, self.line, field, value, reason)

    def get(self, field: str) -> str:
        """The stripped value of a field ('' when empty)."""
        return (self.values.get(field) or "").strip()

    def require(self, field: str) -> str:
        """The value of a field that must not be empty."""
        value = self.get(field)
        if not value:
            raise self.error(field, value, "must not be empty")
        return value

    def match(self, field: str, pattern: re.Pattern[str], what: str, optional: bool = False) -> str:
        """The value of a field that must match a pattern (e.g. a GM code)."""
        value = self.get(field)
        if optional and not value:
            return ""
        if not pattern.fullmatch(value):
            raise self.error(field, value, f"is not {what}")
        return value

    def integer(self, field: str, minimum: int | None = None, maximum: int | None = None,
                optional: bool = False) -> int | None:
        """The value of a field as an integer within bounds."""
        value = self.get(field)
        if optional and not value:
            return None
        try:
            number = int(value)
        except ValueError:
            raise self.error(field, value, "is not a whole number") from None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            raise self.error(field, value, f"is outside {minimum}..{maximum}")
        return number

    def number(self, field: str, minimum: float = 0.0, maximum: float | None = None) -> float:
        """The value of a field as a float within bounds."""
        value = self.get(field)
        try:
            number = float(value)
        except ValueError:
            raise self.error(field, value, "is not a number") from None
        if number < minimum or (maximum is not None and number > maximum) or number != number:
            raise self.error(field, value, f"is outside {minimum}..{maximum}")
        return number

    def boolean(self, field: str, default: bool = False) -> bool:
        """The value of a field as a boolean (true/false, 1/0, yes/no, ja/nee; empty = default)."""
        value = self.get(field).lower()
        if not value:
            return default
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        raise self.error(field, self.get(field), "is not true or false")

    def one_of(self, field: str, allowed: Iterable[str]) -> str:
        """The value of a field that must be one of the allowed values."""
        value = self.get(field)
        options = list(allowed)
        if value not in options:
            raise self.error(field, value, f"is not one of {', '.join(options)}")
        return value

    def split(self, field: str, sep: str = "|") -> tuple[str, ...]:
        """The non-empty parts of a separated field."""
        return tuple(p.strip() for p in self.get(field).split(sep) if p.strip())


def read_table(path: Path, name: str, required: Sequence[str]) -> list[Row]:
    """Read a UTF-8 CSV with a header; `name` is how messages call the file.

    Line numbers are those of the file: the header is line 1, and a row that spans several
    lines (quoted newlines) gets the number of its first line.
    """
    if not path.is_file():
        raise BundleError.at(name, None, "", None, "file is missing")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return _rows(csv.reader(handle), name, required)
    except UnicodeDecodeError as exc:
        raise BundleError.at(name, None, "", None, f"is not UTF-8 ({exc.reason})") from None
    except csv.Error as exc:
        raise BundleError.at(name, None, "", None, f"is not valid CSV ({exc})") from None


def _rows(reader: Iterable[list[str]], name: str, required: Sequence[str]) -> list[Row]:
    iterator = iter(reader)
    header = [h.strip() for h in next(iterator, [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise BundleError.at(name, 1, missing[0], None, "column is missing from the header")
    rows: list[Row] = []
    start = 2
    for values in iterator:
        end = reader.line_num  # type: ignore[attr-defined]
        if any(v.strip() for v in values):
            if len(values) > len(header):
                raise BundleError.at(name, start, "", None,
                                     f"has {len(values)} fields, the header has {len(header)}")
            rows.append(Row(name, start, dict(zip(header, values, strict=False))))
        start = end + 1
    return rows


def reference_table(data_dir: Path | None, relpath: str, required: Sequence[str]) -> list[Row]:
    """Read a file of the reference folder, naming it by its path relative to that folder."""
    base = data_dir if data_dir is not None else DEFAULT_DATA_DIR
    return read_table(base / relpath, relpath, required)


def parse_rows(rows: Iterable[Row], parse: Callable[[Row], T]) -> list[T]:
    """Apply `parse` to every row, collecting all row errors into one BundleError."""
    problems = ProblemCollector()
    out: list[T] = []
    for row in rows:
        try:
            out.append(parse(row))
        except BundleError as exc:
            problems.extend(exc)
    problems.raise_if_any()
    return out


GM_CODE = re.compile(r"GM\d{4}")
PV_CODE = re.compile(r"PV\d{2}")
BRIN = re.compile(r"\d{2}[A-Z0-9]{2}")
