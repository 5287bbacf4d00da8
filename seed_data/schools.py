"""Hogescholen (hbo) and universities (wo) from DUO and HOVI, with locations and derived themes."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.model import Organisation, OrgKind, Relationship, RelType, make_relationship
from seed_data.bundle import Bundle
from seed_data.csvio import BRIN, GM_CODE, Row, parse_rows, reference_table
from seed_data.regions import Regions
from seed_data.themes import Taxonomy, merge_weights, normalise, weights_from_counts, works_on

HBO_FILE = "duo/hogescholen_2024.csv"
HBO_LOCATIONS_FILE = "duo/hogescholen_vestigingsgemeenten_2024.csv"
HO_INSTITUTIONS_FILE = "duo/ho_instellingen_hovi_2025.csv"
HO_PROGRAMMES_FILE = "duo/ho_opleidingen_hovi_2025.csv"
WO_EXTRA_FILE = "duo/universiteiten_aanvulling.csv"
SECTOR_THEMES_FILE = "themes/ho_sector_themes.csv"
HBO_SOURCE = "DUO Ingeschrevenen hbo 2024 (locations); HOVI 2025 (programmes)"
GENERIC_THEMES = frozenset({"business_services"})
TEACHER_PROGRAMME_WEIGHT = 0.3
WO_SOURCE = "HOVI / Studiekeuzedatabase 2025 (programmes and locations)"
# DUO counts students per gemeente even where a hogeschool has no campus (Windesheim: 11
# in Groningen). Below this in both 2023 and 2024 a gemeente is no location (unless main).
MIN_LOCATION_STUDENTS = 50


@dataclass(frozen=True)
class SchoolRecord:
    """A school with its locations (main first) and theme weights, before it becomes a bundle.

    `presence` is aligned with `gemeenten`: how much of the school is there (students for a
    hogeschool, vestigingen for an mbo school, programmes for a university); empty means
    one each. The synthetic generator uses it to weigh schools near a pps; it is not loaded.
    """

    org: Organisation
    gemeenten: tuple[str, ...]
    themes: dict[str, float] = field(default_factory=dict)
    presence: tuple[float, ...] = ()
    # Per gemeente (hogescholen only): DUO students in 2024, the HO sectors taught there, and
    # the theme ids of what is taught there (its HOVI programmes and sectors).
    students: tuple[int, ...] = ()
    sectors: tuple[tuple[str, ...], ...] = ()
    taught: tuple[tuple[str, ...], ...] = ()

    @property
    def main(self) -> str | None:
        """The main gemeente, if the school has any location."""
        return self.gemeenten[0] if self.gemeenten else None


def records_bundle(records: list[SchoolRecord]) -> Bundle:
    """Organisation nodes, LOCATED_IN (main=True on the first gemeente; students and sectors
    where known) and WORKS_ON."""
    rels: list[Relationship] = []
    for record in records:
        for i, gemeente in enumerate(record.gemeenten):
            students = record.students[i] if record.students else None
            sectors = "|".join(record.sectors[i]) if record.sectors else None
            taught = "|".join(record.taught[i]) if record.taught else None
            rels.append(make_relationship(RelType.LOCATED_IN, record.org.id, gemeente,
                                          main=(i == 0), students=students, sectors=sectors,
                                          themes=taught))
        rels.extend(works_on(record.org.id, record.themes))
    return Bundle(nodes=tuple(r.org for r in records), relationships=tuple(rels))


@dataclass(frozen=True)
class Programme:
    """One HOVI programme row (an opleiding at one location)."""

    brin: str
    name: str
    level: str
    sector: str
    funding: str
    gemeente: str


def load_programmes(data_dir: Path | None, regions: Regions) -> dict[str, list[Programme]]:
    """HOVI programmes per BRIN; an unknown gemeente code is an error, an empty one allowed."""
    rows = reference_table(data_dir, HO_PROGRAMMES_FILE,
                           ("brin", "opleiding", "niveau", "croho_naam", "croho_sector",
                            "financiering", "gemeentecode"))

    def parse(row: Row) -> Programme:
        gemeente = row.match("gemeentecode", GM_CODE, "a CBS gemeente code (GMxxxx)", True)
        if gemeente and gemeente not in regions.province_of:
            raise row.error("gemeentecode", gemeente, "is not a 2024 gemeente")
        name = " ".join(p for p in (row.get("opleiding"), row.get("croho_naam")) if p)
        if not name:
            raise row.error("opleiding", "", "must not be empty (nor croho_naam)")
        return Programme(row.match("brin", BRIN, "a BRIN code"), name, row.get("niveau"),
                         row.get("croho_sector").replace("_", " "), row.get("financiering"),
                         gemeente)

    out: dict[str, list[Programme]] = defaultdict(list)
    for programme in parse_rows(rows, parse):
        out[programme.brin].append(programme)
    return out


def programme_themes(programmes: list[Programme], sector_themes: dict[str, str],
                     taxonomy: Taxonomy) -> dict[str, float]:
    """Theme weights from programme names (keywords) and from the share of each HO sector.

    Teacher-training programmes count for education only: "leraar scheikunde" trains
    teachers, not chemists. Generic matches (clusters, "management") only count when a
    programme names nothing more specific: "Logistics Management" is logistics.
    """
    generic = set(taxonomy.top_level()) | GENERIC_THEMES
    counts: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    for prog in {(p.name, p.level, p.sector): p for p in programmes}.values():
        sectors[prog.sector] += 1
        if prog.sector == "onderwijs":  # one teacher programme per school subject: damp them
            counts["education"] += TEACHER_PROGRAMME_WEIGHT
            continue
        found = set(taxonomy.match_text(prog.name))
        found = (found - generic) or found
        for theme in found:
            counts[theme] += 1 / len(found)
    by_sector: dict[str, float] = {}
    top = max(sectors.values(), default=0)
    for sector, n in sectors.items():
        if sector in sector_themes:
            by_sector[sector_themes[sector]] = round(0.3 + 0.5 * n / top, 2)
    keep = Counter({t: c for t, c in counts.items() if c >= 1})
    return merge_weights(weights_from_counts(keep, sqrt=True), by_sector)


def load_sector_themes(data_dir: Path | None, taxonomy: Taxonomy) -> dict[str, str]:
    """HO sector name -> cluster theme id."""
    rows = reference_table(data_dir, SECTOR_THEMES_FILE, ("sector", "theme"))

    def parse(row: Row) -> tuple[str, str]:
        theme = row.require("theme")
        if theme not in taxonomy.by_id:
            raise row.error("theme", theme, "is not a theme id")
        return normalise(row.require("sector")), theme

    return dict(parse_rows(rows, parse))


def load_hbo(data_dir: Path | None, regions: Regions, taxonomy: Taxonomy,
             programmes: dict[str, list[Programme]]) -> tuple[list[SchoolRecord], list[str]]:
    """The bekostigde hogescholen with their 2024 locations and themes, plus notes.

    The notes name every hogeschool-gemeente pair dropped for too few students.
    """
    rows = reference_table(data_dir, HBO_FILE,
                           ("instellingscode", "instellingsnaam", "ingeschrevenen_2024",
                            "ho_sectoren"))
    locations, notes = _hbo_locations(data_dir, regions)
    sector_themes = load_sector_themes(data_dir, taxonomy)

    def parse(row: Row) -> SchoolRecord:
        brin = row.match("instellingscode", BRIN, "a BRIN code")
        students = row.integer("ingeschrevenen_2024", minimum=0)
        sectors = ", ".join(row.split("ho_sectoren"))
        org = Organisation(
            id=f"duo:{brin}", name=row.require("instellingsnaam"), kind=OrgKind.HBO,
            subtype="hogeschool", duo_code=brin, source=HBO_SOURCE,
            description=f"Bekostigde hogeschool, {students} ingeschrevenen (2024); "
                        f"HO-sectoren: {sectors}.")
        themes = programme_themes(programmes.get(brin, []), sector_themes, taxonomy)
        for sector in row.split("ho_sectoren"):
            cluster = sector_themes.get(normalise(sector))
            if cluster:
                themes = merge_weights(themes, {cluster: 0.3})
        places = locations.get(brin, ())
        taught = tuple(_taught(programmes.get(brin, []), p, sector_themes, taxonomy)
                       for p in places)
        return SchoolRecord(org, tuple(p.gemeente for p in places), themes,
                            tuple(float(max(1, p.students)) for p in places),
                            tuple(p.students for p in places), tuple(p.sectors for p in places),
                            taught)

    return parse_rows(rows, parse), notes


def _taught(programmes: list[Programme], place: HboLocation, sector_themes: dict[str, str],
            taxonomy: Taxonomy) -> tuple[str, ...]:
    """Theme ids of what a hogeschool teaches in one gemeente: its programmes there (HOVI)
    and the cluster themes of the HO sectors DUO counts there."""
    here = [p for p in programmes if p.gemeente == place.gemeente]
    found = set(programme_themes(here, sector_themes, taxonomy)) if here else set()
    found |= {sector_themes[s] for s in map(normalise, place.sectors) if s in sector_themes}
    return tuple(sorted(found))


@dataclass(frozen=True)
class HboLocation:
    """One location of a hogeschool: gemeente, 2024 students, HO sectors taught there."""

    gemeente: str
    students: int
    sectors: tuple[str, ...]


def _hbo_locations(data_dir: Path | None, regions: Regions
                   ) -> tuple[dict[str, tuple[HboLocation, ...]], list[str]]:
    """The locations of each hogeschool, main first, and notes on dropped pairs.

    A pair is a location when it is active in 2024 and either the main location (most
    students in 2024) or has at least MIN_LOCATION_STUDENTS students in 2023 or 2024.
    """
    rows = reference_table(data_dir, HBO_LOCATIONS_FILE,
                           ("instellingscode", "instellingsnaam", "gemeentecode", "gemeentenaam",
                            "ingeschrevenen_2023", "ingeschrevenen_2024", "ho_sectoren",
                            "actief_2024"))

    def parse(row: Row) -> tuple[Row, str, str, int, int, bool]:
        gemeente = row.match("gemeentecode", GM_CODE, "a CBS gemeente code (GMxxxx)")
        if gemeente not in regions.province_of:
            raise row.error("gemeentecode", gemeente, "is not a 2024 gemeente")
        return (row, row.match("instellingscode", BRIN, "a BRIN code"), gemeente,
                row.integer("ingeschrevenen_2023", minimum=0) or 0,
                row.integer("ingeschrevenen_2024", minimum=0) or 0, row.boolean("actief_2024"))

    found: dict[str, list[tuple[int, str, int, Row]]] = defaultdict(list)
    for row, brin, gemeente, before, students, active in parse_rows(rows, parse):
        if active:
            found[brin].append((-students, gemeente, before, row))
    out: dict[str, tuple[HboLocation, ...]] = {}
    notes: list[tuple[int, str]] = []
    for brin, items in found.items():
        items.sort(key=lambda item: item[:2])
        kept = [items[0]]
        for item in items[1:]:
            minus_students, gemeente, before, row = item
            if max(-minus_students, before) >= MIN_LOCATION_STUDENTS:
                kept.append(item)
            else:
                notes.append((row.line, f"{row.file} line {row.line}: "
                              f"{row.get('instellingsnaam')} in {row.get('gemeentenaam')} "
                              f"({gemeente}): {before} and {-minus_students} students in 2023 "
                              f"and 2024, fewer than {MIN_LOCATION_STUDENTS}; not a location"))
        out[brin] = tuple(HboLocation(gemeente, -minus, row.split("ho_sectoren"))
                          for minus, gemeente, _, row in kept)
    return out, [text for _, text in sorted(notes)]


def load_wo(data_dir: Path | None, regions: Regions, taxonomy: Taxonomy,
            programmes: dict[str, list[Programme]]) -> list[SchoolRecord]:
    """Universities of HOVI (type universiteit) plus the hand-listed ones missing from HOVI."""
    rows = reference_table(data_dir, HO_INSTITUTIONS_FILE, ("brin", "naam", "type"))
    sector_themes = load_sector_themes(data_dir, taxonomy)

    def parse(row: Row) -> SchoolRecord | None:
        brin = row.match("brin", BRIN, "a BRIN code")
        mine = programmes.get(brin, [])
        places = Counter(p.gemeente for p in mine if p.gemeente)
        if row.get("type") != "universiteit" or not places:
            return None
        public = any(p.funding == "government" for p in mine)
        org = Organisation(
            id=f"duo:{brin}", name=row.require("naam"), kind=OrgKind.WO,
            subtype="universiteit" if public else "private", duo_code=brin, source=WO_SOURCE,
            description=f"Universiteit met {len(mine)} opleidingen in HOVI (2025).")
        ranked = sorted(places.items(), key=lambda i: (-i[1], i[0]))
        return SchoolRecord(org, tuple(g for g, _ in ranked),
                            programme_themes(mine, sector_themes, taxonomy),
                            tuple(float(n) for _, n in ranked))

    found = [r for r in parse_rows(rows, parse) if r is not None]
    return found + _wo_extra(data_dir, regions)


def _wo_extra(data_dir: Path | None, regions: Regions) -> list[SchoolRecord]:
    rows = reference_table(data_dir, WO_EXTRA_FILE,
                           ("brin", "naam", "vestigingsgemeenten", "basis"))

    def parse(row: Row) -> SchoolRecord:
        brin = row.match("brin", BRIN, "a BRIN code")
        gemeenten = row.split("vestigingsgemeenten")
        for gemeente in gemeenten:
            if gemeente not in regions.province_of:
                raise row.error("vestigingsgemeenten", gemeente, "is not a 2024 gemeente")
        org = Organisation(id=f"duo:{brin}", name=row.require("naam"), kind=OrgKind.WO,
                           subtype="universiteit", duo_code=brin,
                           source=f"hand-listed ({row.require('basis')})",
                           description="Universiteit (programmes not in the HOVI snapshot).")
        return SchoolRecord(org, gemeenten, {})

    return parse_rows(rows, parse)
