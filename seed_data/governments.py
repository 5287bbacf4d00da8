"""Governments (provincies, gemeenten, ministries) and regional economic boards as organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph_schema.model import Organisation, OrgKind, RelType, make_relationship
from seed_data.bundle import Bundle
from seed_data.csvio import Row, parse_rows, reference_table
from seed_data.regions import Regions

EXTRA_FILE = "governments/regionale_organisaties.csv"
ORG_ID = re.compile(r"(gov|board):[a-z0-9-]+")
CBS_SOURCE = "CBS Gebieden in Nederland 2024"


@dataclass(frozen=True)
class RegionalOrganisation:
    """A government or board with the provinces it serves and its known seat(s)."""

    org: Organisation
    provinces: tuple[str, ...]
    gemeenten: tuple[str, ...]


def provincie_id(code: str) -> str:
    """The organisation id of a provincial government (gov:PVxx)."""
    return f"gov:{code}"


def gemeente_id(code: str) -> str:
    """The organisation id of a municipal government (gov:GMxxxx)."""
    return f"gov:{code}"


def load_governments(data_dir: Path | None, regions: Regions) -> list[RegionalOrganisation]:
    """The 12 provincies, the 342 gemeenten and the hand-listed ministries and boards."""
    out = [RegionalOrganisation(
        Organisation(id=provincie_id(p.id), name=f"Provincie {p.name}", kind=OrgKind.GOVERNMENT,
                     subtype="provincie", source=CBS_SOURCE,
                     description=f"Provinciebestuur van {p.name}; zetel in de hoofdstad."),
        (p.id,), (regions.capitals[p.id],)) for p in regions.provinces]
    out += [RegionalOrganisation(
        Organisation(id=gemeente_id(m.id), name=f"Gemeente {m.name}", kind=OrgKind.GOVERNMENT,
                     subtype="gemeente", source=CBS_SOURCE,
                     description=f"Gemeentebestuur van {m.name} (arbeidsmarktregio "
                                 f"{m.labour_market_region}); mogelijke regionale ondersteuner."),
        (regions.province_of[m.id],), (m.id,)) for m in regions.municipalities]
    return out + _extra(data_dir, regions)


def _extra(data_dir: Path | None, regions: Regions) -> list[RegionalOrganisation]:
    rows = reference_table(data_dir, EXTRA_FILE, ("id", "naam", "kind", "subtype", "provincies",
                                                  "vestigingsgemeenten", "website", "basis"))

    def parse(row: Row) -> RegionalOrganisation:
        org_id = row.match("id", ORG_ID, "an id like board:name or gov:name")
        kind = row.one_of("kind", (OrgKind.GOVERNMENT.value, OrgKind.BOARD.value))
        provinces = row.split("provincies")
        for code in provinces:
            if regions.province_code(code) != code:
                raise row.error("provincies", code, "is not a CBS province code (PVxx)")
        gemeenten = row.split("vestigingsgemeenten")
        for code in gemeenten:
            if code not in regions.province_of:
                raise row.error("vestigingsgemeenten", code, "is not a 2024 gemeente code")
        org = Organisation(id=org_id, name=row.require("naam"), kind=OrgKind(kind),
                           subtype=row.require("subtype"), website=row.get("website"),
                           source=f"hand-listed ({row.require('basis')})",
                           description=_description(row, provinces, regions))
        return RegionalOrganisation(org, provinces, gemeenten)

    return parse_rows(rows, parse)


def _description(row: Row, provinces: tuple[str, ...], regions: Regions) -> str:
    names = ", ".join(p.name for p in regions.provinces if p.id in provinces) or "Nederland"
    return f"{row.require('naam')} ({row.get('subtype')}); werkgebied: {names}."


def governments_bundle(items: list[RegionalOrganisation], regions: Regions) -> Bundle:
    """Organisation nodes, LOCATED_IN their seat(s), OPERATES_IN the provinces beyond them.

    Every province an organisation serves beyond the provinces of its seats becomes an
    OPERATES_IN: a seat there is never invented.
    """
    rels = []
    for item in items:
        for i, gemeente in enumerate(item.gemeenten):
            rels.append(make_relationship(RelType.LOCATED_IN, item.org.id, gemeente, main=(i == 0)))
        seated = {regions.province_of[g] for g in item.gemeenten}
        rels.extend(make_relationship(RelType.OPERATES_IN, item.org.id, p)
                    for p in item.provinces if p not in seated)
    return Bundle(nodes=tuple(i.org for i in items), relationships=tuple(rels))
