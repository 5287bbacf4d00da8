"""Turning the bytes of a CSV file into text, or saying exactly why they are not UTF-8 CSV."""

from __future__ import annotations

import csv

from seed_data.bundle import BundleError

# Signatures of binary formats people upload by mistake (a workbook, an archive, an image).
MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx workbook)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SNIFF_BYTES = 4096


def decode_csv(data: bytes, name: str) -> str:
    """The text of a UTF-8 CSV file (a UTF-8 BOM is dropped); BundleError with line and field.

    Refused: binary files, UTF-16 (with or without BOM), bytes that are not UTF-8 (reported
    at their line and column, with what they would be in Windows-1252), an empty file.
    """
    head = data[:SNIFF_BYTES]
    for magic, what in MAGIC:
        if head.startswith(magic):
            raise BundleError.at(name, 1, "", None, f"is {what}, not a CSV text file")
    if head.startswith(UTF16_BOMS) or (b"\x00" in head and _looks_utf16(head)):
        raise BundleError.at(name, 1, "", None,
                             "is UTF-16 text: save it as UTF-8 (e.g. 'CSV UTF-8' in Excel)")
    if b"\x00" in head:
        raise BundleError.at(name, 1, "", None, "holds NUL bytes: it is binary, not CSV text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, name, exc) from None
    if not text.strip():
        raise BundleError.at(name, 1, "", None, "is empty: it needs a header row and data rows")
    return text


def _looks_utf16(head: bytes) -> bool:
    """Every other byte NUL: ASCII text written as UTF-16 without a byte order mark."""
    pairs = len(head) // 2
    return pairs > 0 and (head[1::2].count(0) > pairs * 0.6 or head[0::2].count(0) > pairs * 0.6)


def _not_utf8(data: bytes, name: str, exc: UnicodeDecodeError) -> BundleError:
    """An error at the line and column of the first byte that is not UTF-8."""
    start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    bad = data[exc.start:exc.end]
    as_cp1252 = bad.decode("cp1252", errors="replace")
    reason = (f"byte 0x{bad.hex()} is not UTF-8 (in Windows-1252 it would be {as_cp1252!r}): "
              "save the file as UTF-8")
    return BundleError.at(name, line, _field_at(data, start, exc.start), None, reason)


def _field_at(data: bytes, line_start: int, position: int) -> str:
    """The header name of the column that holds byte `position` of its line ('' if unknown)."""
    header_end = data.find(b"\n")
    if line_start == 0 or header_end < 0:
        return ""
    try:
        header = next(csv.reader([data[:header_end].decode("utf-8-sig", errors="replace")]), [])
        prefix = data[line_start:position].decode("utf-8", errors="replace")
        index = len(next(csv.reader([prefix + "x"]), [""])) - 1
    except csv.Error:
        return ""
    return header[index].strip() if index < len(header) else ""
