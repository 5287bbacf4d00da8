"""Reading CSV files row by row with 1-based line numbers and field checks that name the place."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from seed_data.bundle import BundleError, ProblemCollector
from seed_data.decoding import decode_csv

DEFAULT_DATA_DIR = Path(__file__).parent / "reference"
T = TypeVar("T")
# Longer fields stop the reader (csv's own default is 131,072); text limits per field are lower.
MAX_FIELD_CHARACTERS = 16 * 1024 * 1024
csv.field_size_limit(MAX_FIELD_CHARACTERS)
# C0 and C1 controls and DEL, except tab and the line breaks a quoted field may hold.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

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
    return list(iter_table(path, name, required))


def iter_table(path: Path, name: str, required: Sequence[str]) -> Iterator[Row]:
    """The rows of a UTF-8 CSV one by one (see `read_table`); BundleError at the first flaw.

    Refused with file, line and field: bytes that are not UTF-8 text (see `decode_csv`), a
    header without a required column or with a column twice, a header without rows, a row
    with more or fewer fields than the header, a quote left open, control characters.
    """
    if not path.is_file():
        raise BundleError.at(name, None, "", None, "file is missing")
    text = decode_csv(path.read_bytes(), name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = _header(reader, name, required)
    start, rows = 2, 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise BundleError.at(name, start, "", None, _csv_problem(exc, start)) from None
        if any(v.strip() for v in values):
            if len(values) != len(header):
                raise BundleError.at(name, start, "", None,
                                     f"has {len(values)} fields, the header has {len(header)}")
            row = Row(name, start, dict(zip(header, values, strict=True)))
            _check_characters(row)
            rows += 1
            yield row
        start = reader.line_num + 1
    if rows == 0:
        raise BundleError.at(name, 1, "", None, "has a header but no data rows")


def _header(reader: Iterator[list[str]], name: str, required: Sequence[str]) -> list[str]:
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise BundleError.at(name, 1, "", None, _csv_problem(exc, 1)) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise BundleError.at(name, 1, missing[0], None, "column is missing from the header")
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise BundleError.at(name, 1, twice[0], None, "column occurs twice in the header")
    return header


def _csv_problem(exc: csv.Error, start: int) -> str:
    """The csv module's complaint in words; most come from a quote that is never closed."""
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field is longer than {MAX_FIELD_CHARACTERS:,} characters"
    return (f"is not valid CSV ({text}): is a quote opened on line {start} "
            "and not closed where the field ends?")


def _check_characters(row: Row) -> None:
    """Refuse control characters (NUL, escape, ...): they hide in names and break exports."""
    if not CONTROL.search("".join(row.values.values())):
        return
    for field, value in row.values.items():
        bad = CONTROL.search(value)
        if bad:
            raise row.error(field, value,
                            f"holds the control character U+{ord(bad.group()):04X}")


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
