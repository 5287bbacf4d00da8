"""Business establishments per province and KWB sector group (CBS KWB 2021, approximate).

The coverage report sets the mkb companies in pps'en against these counts; nearly all
establishments are mkb. A theme's SBI sections and divisions select the sector groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from seed_data.bundle import BundleError
from seed_data.csvio import Row, parse_rows, reference_table
from seed_data.regions import PROVINCE_ALIASES
from seed_data.themes import normalise

PROVINCE_FILE = "kwb/kwb2021_bedrijfsvestigingen_per_provincie_reconstructed.csv"
GROUPS_FILE = "kwb/kwb_sectorgroepen.csv"
PROVINCES_FILE = "regions/provincies_2024.csv"
SBI_FILE = "sbi/sbi_codes.csv"
SECTION_RANGE = re.compile(r"^([A-U])(?:([-+])([A-U]))?$")


@dataclass(frozen=True)
class Establishments:
    """Counts per province code and sector group, and which SBI sections each group holds."""

    counts: dict[str, dict[str, int]]  # PVxx -> group -> establishments
    totals: dict[str, int]  # PVxx -> all establishments
    group_sections: dict[str, frozenset[str]]
    division_section: dict[str, str]  # 2-digit SBI division -> section letter

    def groups_of(self, sbi: Iterable[str]) -> tuple[str, ...]:
        """The sector groups holding any of these SBI sections (A-U) or divisions (2 digits)."""
        sections = {self.division_section.get(s, s) for s in sbi}
        return tuple(g for g, held in self.group_sections.items() if held & sections)

    def count(self, province: str, groups: Iterable[str]) -> int:
        """Establishments of a province in the given groups."""
        return sum(self.counts.get(province, {}).get(g, 0) for g in groups)


def _sections(spec: str) -> frozenset[str]:
    """'B-F' -> B..F, 'G+I' -> G and I, 'A' -> A."""
    found = SECTION_RANGE.match(spec.strip())
    if not found:
        raise ValueError(spec)
    first, op, last = found.groups()
    if op == "-":
        return frozenset(chr(c) for c in range(ord(first), ord(last) + 1))
    return frozenset({first, last} - {None})


def _groups(data_dir: Path | None) -> dict[str, frozenset[str]]:
    rows = reference_table(data_dir, GROUPS_FILE, ("kwb_groep", "sbi_secties"))

    def parse(row: Row) -> tuple[str, frozenset[str]]:
        spec = row.require("sbi_secties")
        try:
            return row.require("kwb_groep"), _sections(spec)
        except ValueError:
            raise row.error("sbi_secties", spec, "is not a section, A-B range or A+B pair") \
                from None

    return dict(parse_rows(rows, parse))


def _province_codes(data_dir: Path | None) -> dict[str, str]:
    rows = reference_table(data_dir, PROVINCES_FILE, ("provincie_code", "provincie_naam"))
    names = {normalise(r.require("provincie_naam")): r.require("provincie_code") for r in rows}
    names.update({normalise(a): code for code, aliases in PROVINCE_ALIASES.items()
                  for a in aliases})
    return names


def load_establishments(data_dir: Path | None = None) -> Establishments:
    """Read the province counts; every province name must be known, every count whole."""
    groups = _groups(data_dir)
    codes = _province_codes(data_dir)
    columns = {g: f"vestigingen_{g}_approx" for g in groups}
    total_col = "bedrijfsvestigingen_totaal_approx"
    rows = reference_table(data_dir, PROVINCE_FILE, ("provincie", total_col, *columns.values()))

    def parse(row: Row) -> tuple[str, int, dict[str, int]]:
        name = row.require("provincie")
        if normalise(name) not in codes:
            raise row.error("provincie", name, "is not a province")
        counts = {g: row.integer(c, minimum=0, optional=True) or 0 for g, c in columns.items()}
        return codes[normalise(name)], row.integer(total_col, minimum=0) or 0, counts

    parsed = parse_rows(rows, parse)
    if len({p for p, _, _ in parsed}) != len(set(codes.values())):
        raise BundleError.at(PROVINCE_FILE, None, "provincie", None,
                             "does not list every province exactly once")
    sbi = reference_table(data_dir, SBI_FILE, ("sectie", "afdeling"))
    return Establishments(
        counts={p: c for p, _, c in parsed}, totals={p: t for p, t, _ in parsed},
        group_sections=groups,
        division_section={r.require("afdeling"): r.require("sectie") for r in sbi})
