"""Business-establishment counts per gemeente and sector (CBS KWB), SBI codes and size classes."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from seed_data.bundle import BundleError
from seed_data.csvio import GM_CODE, Row, parse_rows, reference_table
from seed_data.regions import Regions

KWB_FILE = "kwb/kwb2021_bedrijfsvestigingen_per_gemeente_reconstructed.csv"
GROUPS_FILE = "kwb/kwb_sectorgroepen.csv"
SUCCESSORS_FILE = "regions/gemeente_opvolgers_2021_2024.csv"
SHARES_FILE = "synthetic/sectie_aandelen.csv"
SBI_FILE = "sbi/sbi_codes.csv"
SECTIONS_FILE = "sbi/sbi2008_secties.csv"
SIZES_FILE = "synthetic/grootteklassen.csv"
SBI_CODE = re.compile(r"\d{4,5}")


@dataclass(frozen=True)
class Economy:
    """Everything the company generator samples from, as arrays in a fixed order.

    `establishments[g, k]` is the KWB count of gemeente `gemeenten[g]` in sector group
    `groups[k]`; `section_shares[k]` splits a group over SBI sections.
    """

    gemeenten: tuple[str, ...]
    groups: tuple[str, ...]
    establishments: np.ndarray
    section_shares: dict[str, dict[str, float]]
    sections: dict[str, str]
    codes: dict[str, tuple[tuple[str, str, str], ...]]
    size_classes: tuple[str, ...]
    size_labels: tuple[str, ...]
    size_shares: np.ndarray
    size_pps_weights: np.ndarray
    size_mkb: np.ndarray


def load_economy(data_dir: Path | None, regions: Regions) -> Economy:
    """Read and check the KWB counts (mapped onto the 2024 gemeenten) and the sector tables."""
    groups = _groups(data_dir)
    counts = _establishments(data_dir, regions, groups)
    sections = _sections(data_dir)
    sizes = _sizes(data_dir)
    return Economy(
        gemeenten=tuple(m.id for m in regions.municipalities), groups=groups,
        establishments=counts, section_shares=_shares(data_dir, groups, sections),
        sections=sections, codes=_codes(data_dir, sections),
        size_classes=tuple(s[0] for s in sizes), size_labels=tuple(s[1] for s in sizes),
        size_shares=np.array([s[2] for s in sizes]) / sum(s[2] for s in sizes),
        size_pps_weights=np.array([s[3] for s in sizes]),
        size_mkb=np.array([s[4] for s in sizes], dtype=bool))


def _groups(data_dir: Path | None) -> tuple[str, ...]:
    rows = reference_table(data_dir, GROUPS_FILE, ("kwb_groep", "sbi_secties"))
    return tuple(parse_rows(rows, lambda row: row.require("kwb_groep")))


def _successors(data_dir: Path | None, regions: Regions) -> dict[str, str]:
    rows = reference_table(data_dir, SUCCESSORS_FILE, ("gemeentecode_2021", "gemeentecode_2024"))

    def parse(row: Row) -> tuple[str, str]:
        new = row.match("gemeentecode_2024", GM_CODE, "a CBS gemeente code (GMxxxx)")
        if new not in regions.province_of:
            raise row.error("gemeentecode_2024", new, "is not a 2024 gemeente")
        return row.match("gemeentecode_2021", GM_CODE, "a CBS gemeente code (GMxxxx)"), new

    return dict(parse_rows(rows, parse))


def _establishments(data_dir: Path | None, regions: Regions,
                    groups: tuple[str, ...]) -> np.ndarray:
    """KWB 2021 counts per 2024 gemeente: merged gemeenten are summed into their successor."""
    successors = _successors(data_dir, regions)
    index = {m.id: i for i, m in enumerate(regions.municipalities)}
    columns = tuple(f"vestigingen_{g}_approx" for g in groups)
    rows = reference_table(data_dir, KWB_FILE, ("gemeentecode", *columns))

    def parse(row: Row) -> tuple[int, list[int]]:
        code = row.match("gemeentecode", GM_CODE, "a CBS gemeente code (GMxxxx)")
        target = successors.get(code, code)
        if target not in index:
            raise row.error("gemeentecode", code,
                            f"is neither a 2024 gemeente nor listed in {SUCCESSORS_FILE}")
        # an empty cell is a count CBS did not publish (too small): it counts as 0
        return index[target], [row.integer(c, minimum=0, optional=True) or 0 for c in columns]

    counts = np.zeros((len(index), len(groups)), dtype=np.float64)
    for i, values in parse_rows(rows, parse):
        counts[i] += values
    if counts.sum() <= 0:
        raise BundleError.at(KWB_FILE, None, "", None, "has no establishments at all")
    return counts


def _sections(data_dir: Path | None) -> dict[str, str]:
    rows = reference_table(data_dir, SECTIONS_FILE, ("sectie", "omschrijving"))
    return dict(parse_rows(rows, lambda row: (row.require("sectie"), row.require("omschrijving"))))


def _shares(data_dir: Path | None, groups: tuple[str, ...],
            sections: dict[str, str]) -> dict[str, dict[str, float]]:
    rows = reference_table(data_dir, SHARES_FILE, ("kwb_groep", "sectie", "share"))

    def parse(row: Row) -> tuple[str, str, float]:
        return (row.one_of("kwb_groep", groups), row.one_of("sectie", sections),
                row.number("share", 0.0, 1.0))

    out: dict[str, dict[str, float]] = defaultdict(dict)
    for group, section, share in parse_rows(rows, parse):
        out[group][section] = share
    for group in groups:
        if sum(out[group].values()) <= 0:
            raise BundleError.at(SHARES_FILE, None, "kwb_groep", group, "has no positive share")
    return dict(out)


def _codes(data_dir: Path | None,
           sections: dict[str, str]) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Section -> (sbi code, description, 2-digit division) of its lowest-level codes."""
    rows = reference_table(data_dir, SBI_FILE, ("sbi_code", "omschrijving", "sectie", "afdeling"))

    def parse(row: Row) -> tuple[str, tuple[str, str, str]]:
        code = row.match("sbi_code", SBI_CODE, "a 4- or 5-digit SBI code")
        division = row.match("afdeling", re.compile(r"\d{2}"), "a 2-digit SBI division")
        if not code.startswith(division):
            raise row.error("afdeling", division, f"does not match SBI code {code}")
        return row.one_of("sectie", sections), (code, row.require("omschrijving"), division)

    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for section, item in parse_rows(rows, parse):
        out[section].append(item)
    return {s: tuple(items) for s, items in out.items()}


def _sizes(data_dir: Path | None) -> list[tuple[str, str, float, float, bool]]:
    rows = reference_table(data_dir, SIZES_FILE, ("size_class", "label_nl", "min_werkzame_personen",
                                                  "max_werkzame_personen", "share", "pps_weight"))

    def parse(row: Row) -> tuple[str, str, float, float, bool]:
        upper = row.integer("max_werkzame_personen", minimum=1, optional=True)
        mkb = upper is not None and upper < 250  # EU definition: fewer than 250 persons
        return (row.require("size_class"), row.require("label_nl"), row.number("share", 0.0, 1.0),
                row.number("pps_weight", 0.0), mkb)

    return parse_rows(rows, parse)
