"""Real organisations named as pps members that no DUO or government list holds, and the names
by which pps sources refer to any real organisation of the seed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph_schema.model import Organisation, OrgKind, Relationship, RelType, make_relationship
from seed_data.bundle import Bundle
from seed_data.csvio import Row, parse_rows, reference_table
from seed_data.governments import RegionalOrganisation, governments_bundle
from seed_data.regions import Regions
from seed_data.themes import Taxonomy, normalise

NAMED_FILE = "pps/genoemde_organisaties.csv"
ALIASES_FILE = "pps/organisatie_aliassen.csv"
NAMED_ID = re.compile(r"org:[a-z0-9-]+")
NAMED_THEME_WEIGHT = 0.8
NAMED_KINDS = (OrgKind.COMPANY, OrgKind.KNOWLEDGE_INSTITUTE, OrgKind.BOARD, OrgKind.OTHER)


@dataclass(frozen=True)
class NamedOrganisations:
    """The hand-listed organisations with their themes, as one bundle."""

    records: tuple[RegionalOrganisation, ...]
    themes: tuple[Relationship, ...]

    def bundle(self, regions: Regions) -> Bundle:
        """Nodes, LOCATED_IN / OPERATES_IN and WORKS_ON of the listed organisations."""
        return governments_bundle(list(self.records), regions).concat(
            Bundle(relationships=self.themes))


def load_named(data_dir: Path | None, regions: Regions, taxonomy: Taxonomy) -> NamedOrganisations:
    """genoemde_organisaties.csv: located in a gemeente only where it is known, else operating
    in the province the pps source places it in."""
    rows = reference_table(data_dir, NAMED_FILE, ("id", "naam", "kind", "gemeente", "provincie",
                                                  "themes", "basis", "bron_url"))

    def parse(row: Row) -> tuple[RegionalOrganisation, list[Relationship]]:
        org_id = row.match("id", NAMED_ID, "an id like org:name")
        kind = OrgKind(row.one_of("kind", [k.value for k in NAMED_KINDS]))
        province = regions.province_code(row.require("provincie"))
        if province is None:
            raise row.error("provincie", row.get("provincie"), "is not a province name or code")
        gemeente = ""
        if row.get("gemeente"):
            gemeente = regions.gemeente_code(row.get("gemeente")) or ""
            if regions.province_of.get(gemeente) != province:
                raise row.error("gemeente", row.get("gemeente"),
                                f"is not a 2024 gemeente of {row.get('provincie')}")
        themes = []
        for theme in row.split("themes"):
            if theme not in taxonomy.by_id:
                raise row.error("themes", theme, "is not a theme id")
            themes.append(make_relationship(RelType.WORKS_ON, org_id, theme,
                                            weight=NAMED_THEME_WEIGHT))
        org = Organisation(id=org_id, name=row.require("naam"), kind=kind,
                           source=f"named in {row.require('bron_url')}",
                           description=f"{row.require('naam')}: genoemd als partner in een pps "
                                       f"(bron: {row.get('bron_url')}).")
        return RegionalOrganisation(org, (province,), (gemeente,) if gemeente else ()), themes

    parsed = parse_rows(rows, parse)
    return NamedOrganisations(tuple(r for r, _ in parsed),
                              tuple(t for _, themes in parsed for t in themes))


def organisation_names(data_dir: Path | None,
                       orgs: Iterable[Organisation]) -> list[tuple[str, str]]:
    """(normalised name, id) of every real organisation and alias, longest names first."""
    known = {org.id: org for org in orgs}
    rows = reference_table(data_dir, ALIASES_FILE, ("alias", "org_id"))

    def parse(row: Row) -> tuple[str, str]:
        org = row.require("org_id")
        if org not in known:
            raise row.error("org_id", org, "is not the id of a real organisation of the seed")
        return normalise(row.require("alias")), org

    names = {normalise(o.name): o.id for o in known.values()}
    names.update(parse_rows(rows, parse))
    return sorted(names.items(), key=lambda a: (-len(a[0]), a[0]))


def kinds_of(orgs: Iterable[Organisation]) -> Mapping[str, OrgKind]:
    """Organisation id -> kind."""
    return {o.id: o.kind for o in orgs}
