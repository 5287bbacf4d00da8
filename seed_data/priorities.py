"""Regional priorities: PRIORITISES from every province to its priority themes, with the basis."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from graph_schema.model import Relationship, RelType, make_relationship
from seed_data.bundle import Bundle, BundleError
from seed_data.csvio import PV_CODE, Row, parse_rows, reference_table
from seed_data.regions import Regions
from seed_data.themes import Taxonomy

PRIORITIES_FILE = "priorities/priorities.csv"
# The basis is shown to Dutch users (shortened to "bron: <source>" or "illustratief" by the
# matcher), so it follows one of two forms: "<source> noemt <what> (<url>; ...)" for a
# sourced priority, "illustratief: aangenomen op grond van <what> (geen bron)" otherwise.
SOURCED_VERB = " noemt "
ILLUSTRATIVE_PREFIX = "illustratief: "


def load_priorities(data_dir: Path | None, regions: Regions,
                    taxonomy: Taxonomy) -> tuple[Relationship, ...]:
    """PRIORITISES relationships (basis, illustrative); every province must have some."""
    rows = reference_table(data_dir, PRIORITIES_FILE,
                           ("provincie_code", "theme", "illustrative", "basis"))

    def parse(row: Row) -> Relationship:
        province = row.match("provincie_code", PV_CODE, "a CBS province code (PVxx)")
        if regions.province_code(province) != province:
            raise row.error("provincie_code", province, "is not one of the 12 provinces")
        theme = row.require("theme")
        if theme not in taxonomy.by_id:
            raise row.error("theme", theme, "is not a theme id")
        illustrative = row.boolean("illustrative")
        return make_relationship(RelType.PRIORITISES, province, theme,
                                 basis=_basis(row, illustrative), illustrative=illustrative)

    rels = parse_rows(rows, parse)
    _check_unique_and_complete(rows, rels, regions)
    return tuple(rels)


def _basis(row: Row, illustrative: bool) -> str:
    """The basis, checked against its form: sourced with a link, or marked illustrative."""
    basis = row.require("basis")
    if illustrative and not basis.startswith(ILLUSTRATIVE_PREFIX):
        raise row.error("basis", basis, f"must start with '{ILLUSTRATIVE_PREFIX}' "
                                        "when illustrative is true")
    if not illustrative:
        source, verb, rest = basis.partition(SOURCED_VERB)
        if not (source and verb and "http" in rest):
            raise row.error("basis", basis, "must read '<bron> noemt <wat> (<url>)' "
                                            "when illustrative is false")
    return basis


def _check_unique_and_complete(rows: list[Row], rels: list[Relationship],
                               regions: Regions) -> None:
    seen: set[tuple[str, str]] = set()
    for row, rel in zip(rows, rels, strict=True):
        if (rel.source, rel.target) in seen:
            raise row.error("theme", rel.target, f"is listed twice for {rel.source}")
        seen.add((rel.source, rel.target))
    covered = {rel.source for rel in rels}
    missing = [p.id for p in regions.provinces if p.id not in covered]
    if missing:
        raise BundleError.at(PRIORITIES_FILE, None, "provincie_code", missing[0],
                             "has no priorities")


def priorities_by_province(rels: tuple[Relationship, ...]) -> dict[str, tuple[str, ...]]:
    """Province -> its priority theme ids, in file order."""
    out: dict[str, list[str]] = defaultdict(list)
    for rel in rels:
        out[rel.source].append(rel.target)
    return {k: tuple(v) for k, v in out.items()}


def priorities_bundle(rels: tuple[Relationship, ...]) -> Bundle:
    """The PRIORITISES relationships as a bundle."""
    return Bundle(relationships=rels)
