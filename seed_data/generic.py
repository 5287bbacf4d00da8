"""Reader of the generic import format: organisations.csv, coalitions.csv, memberships.csv.

See seed_data/IMPORT_FORMAT.md. Theme labels and synonyms resolve to theme ids through the
taxonomy, province names (also "Friesland"/"Fryslân") to PVxx. An organisation with a
province but no gemeente gets no LOCATED_IN (that would invent a location) but OPERATES_IN
its province.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from graph_schema.model import (
    Organisation,
    OrgKind,
    Pps,
    Relationship,
    RelType,
    make_relationship,
)
from seed_data.bundle import Bundle, BundleError, ProblemCollector
from seed_data.csvio import Row, iter_table
from seed_data.pps import PHASES, PPS_TYPES, ROLES, pps_type
from seed_data.regions import Regions, load_regions
from seed_data.themes import Taxonomy, load_taxonomy

ORGANISATIONS = "organisations.csv"
COALITIONS = "coalitions.csv"
MEMBERSHIPS = "memberships.csv"
ORG_COLUMNS = ("id", "name", "kind", "description", "themes", "province", "gemeente",
               "size_class", "synthetic")
COALITION_COLUMNS = ("id", "name", "mission", "province", "themes", "start_year", "type")
MEMBERSHIP_COLUMNS = ("coalition_id", "organisation_id", "role")
SIZE_CLASSES = {"1": True, "2-4": True, "5-9": True, "10-49": True, "50-249": True,
                "250+": False}
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._\-]{0,99}")
# Characters a spreadsheet reads as the start of a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@")
# Longest value per field in characters; free text may be long, names and codes may not.
MAX_CHARACTERS = {"description": 20_000, "mission": 20_000}
MAX_OTHER_CHARACTERS = 1_000
DECLARED_THEME_WEIGHT = 1.0
ORG_KINDS = tuple(k.value for k in OrgKind)


@dataclass(frozen=True)
class _Parsed:
    node: Organisation | Pps
    rels: tuple[Relationship, ...]


def read_generic(folder: Path | str, themes: Taxonomy | None = None,
                 regions: Regions | None = None,
                 known_org_ids: Collection[str] = ()) -> Bundle:
    """Read a folder in the generic format into a Bundle; BundleError lists every problem.

    coalitions.csv and memberships.csv are optional. A membership may name an organisation
    of organisations.csv or one of `known_org_ids` (e.g. the ids already in the store).
    """
    base = Path(folder)
    taxonomy = themes if themes is not None else load_taxonomy()
    places = regions if regions is not None else load_regions()
    problems = ProblemCollector()
    orgs = _read(base, ORGANISATIONS, ORG_COLUMNS, True, problems,
                 lambda row: _organisation(row, taxonomy, places, base.name))
    coalitions = _read(base, COALITIONS, COALITION_COLUMNS, False, problems,
                       lambda row: _coalition(row, taxonomy, places))
    org_ids = {p.node.id for p in orgs} | set(known_org_ids)
    pps_ids = {p.node.id for p in coalitions}
    seen: set[tuple[str, str]] = set()
    memberships = _read(base, MEMBERSHIPS, MEMBERSHIP_COLUMNS, False, problems,
                        lambda row: _membership(row, org_ids, pps_ids, seen))
    problems.raise_if_any()
    parsed = [*orgs, *coalitions]
    return Bundle(nodes=tuple(p.node for p in parsed),
                  relationships=tuple(r for p in parsed for r in p.rels) + tuple(memberships))


def _read(base: Path, name: str, columns: tuple[str, ...], required: bool,
          problems: ProblemCollector, parse) -> list:
    """Parse one file, collecting problems (also duplicate ids) instead of stopping."""
    if not (base / name).is_file() and not required:
        return []
    out, ids = [], set()
    try:
        for row in iter_table(base / name, name, columns):
            if problems.truncated:
                break  # enough to fix first; reading on would only cost time and memory
            try:
                _check_cells(row)
                item = parse(row)
            except BundleError as exc:
                problems.extend(exc)
                continue
            key = getattr(getattr(item, "node", None), "id", None)
            if key is not None and key in ids:
                problems.add("occurs twice", row.file, row.line, "id", key)
                continue
            ids.add(key)
            out.append(item)
    except BundleError as exc:
        problems.extend(exc)
    return out


def _check_cells(row: Row) -> None:
    """Refuse values a spreadsheet would run as formulas, and values too long for their field."""
    for field, raw in row.values.items():
        value = raw.strip()
        if value.startswith(FORMULA_STARTS):
            raise row.error(field, value, f"starts with {value[0]!r}: a spreadsheet would read "
                            "it as a formula (remove that first character)")
        limit = MAX_CHARACTERS.get(field, MAX_OTHER_CHARACTERS)
        if len(value) > limit:
            raise row.error(field, value, f"is longer than {limit:,} characters")


def _organisation(row: Row, taxonomy: Taxonomy, regions: Regions, folder: str) -> _Parsed:
    org_id = row.match("id", ID, "an id (letters, digits and : . _ -, up to 100)")
    kind = row.one_of("kind", ORG_KINDS)
    size = row.get("size_class")
    if size and size not in SIZE_CLASSES:
        raise row.error("size_class", size, f"is not one of {', '.join(SIZE_CLASSES)}")
    province, gemeente = _place(row, regions)
    org = Organisation(id=org_id, name=row.require("name"), kind=OrgKind(kind),
                       description=row.get("description"), size_class=size,
                       mkb=_mkb(row, size), synthetic=row.boolean("synthetic"),
                       source=f"generic import ({folder})")
    rels = [make_relationship(RelType.WORKS_ON, org_id, t, weight=DECLARED_THEME_WEIGHT)
            for t in _themes(row, taxonomy)]
    if gemeente:
        rels.append(make_relationship(RelType.LOCATED_IN, org_id, gemeente, main=True))
    elif province:
        rels.append(make_relationship(RelType.OPERATES_IN, org_id, province))
    return _Parsed(org, tuple(rels))


def _mkb(row: Row, size: str) -> bool | None:
    """The mkb flag: from the `mkb` column (registers with an SME flag only), else the size."""
    by_size = SIZE_CLASSES.get(size)
    if not row.get("mkb"):
        return by_size
    flag = row.boolean("mkb")
    if by_size is not None and flag != by_size:
        raise row.error("mkb", row.get("mkb"), f"contradicts size_class {size}")
    return flag


def _place(row: Row, regions: Regions) -> tuple[str, str]:
    """(PVxx, GMxxxx) from the province and gemeente fields; both may be empty."""
    province = ""
    if row.get("province"):
        province = regions.province_code(row.get("province")) or ""
        if not province:
            raise row.error("province", row.get("province"),
                            "is not a province code (PV20-PV31) or name")
    gemeente = ""
    if row.get("gemeente"):
        gemeente = regions.gemeente_code(row.get("gemeente")) or ""
        if not gemeente:
            raise row.error("gemeente", row.get("gemeente"), "is not a 2024 gemeente code or name")
        if province and regions.province_of[gemeente] != province:
            raise row.error("gemeente", row.get("gemeente"),
                            f"lies in {regions.province_of[gemeente]}, not in {province}")
    return province, gemeente


def _themes(row: Row, taxonomy: Taxonomy) -> list[str]:
    out: list[str] = []
    for part in row.split("themes", ";"):
        theme = taxonomy.resolve(part)
        if theme is None:
            raise row.error("themes", part, "is not a theme id, label or synonym")
        if theme not in out:
            out.append(theme)
    return out


def _coalition(row: Row, taxonomy: Taxonomy, regions: Regions) -> _Parsed:
    pps_id = row.match("id", ID, "an id (letters, digits and : . _ -, up to 100)")
    kind = pps_type(row.get("type"))
    if kind is None:
        raise row.error("type", row.get("type"), f"is not one of {', '.join(PPS_TYPES)}")
    phase = row.get("phase") or kind[1]
    if phase and phase not in PHASES:
        raise row.error("phase", phase, f"is not one of {', '.join(PHASES)}")
    province, _ = _place(row, regions)
    pps = Pps(id=pps_id, name=row.require("name"), type=kind[0], phase=phase,
              start_year=row.integer("start_year", 1900, 2100, optional=True),
              mission=row.get("mission"), synthetic=row.boolean("synthetic"))
    rels = [make_relationship(RelType.FOCUSES_ON, pps_id, t) for t in _themes(row, taxonomy)]
    if province:
        rels.append(make_relationship(RelType.ACTIVE_IN, pps_id, province))
    return _Parsed(pps, tuple(rels))


def _membership(row: Row, org_ids: set[str], pps_ids: set[str],
                seen: set[tuple[str, str]]) -> Relationship:
    coalition = row.require("coalition_id")
    if coalition not in pps_ids:
        raise row.error("coalition_id", coalition, f"is not an id of {COALITIONS}")
    org = row.require("organisation_id")
    if org not in org_ids:
        raise row.error("organisation_id", org,
                        f"is not an id of {ORGANISATIONS} nor of a known organisation")
    role = row.get("role") or "partner"
    if role not in ROLES:
        raise row.error("role", role, f"is not one of {', '.join(ROLES)}")
    if (coalition, org) in seen:
        raise row.error("organisation_id", org, f"is already a member of {coalition}")
    seen.add((coalition, org))
    return make_relationship(RelType.MEMBER_OF, org, coalition, role=role)
