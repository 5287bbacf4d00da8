"""mbo institutions (KiesMBO): all vestigingen, a checked main location, subtype and themes."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from graph_schema.model import Organisation, OrgKind
from seed_data.csvio import BRIN, GM_CODE, Row, parse_rows, reference_table
from seed_data.regions import Regions
from seed_data.schools import SchoolRecord
from seed_data.themes import Taxonomy, merge_weights, normalise

INSTITUTIONS_FILE = "duo/mbo_instellingen_kiesmbo_2025.csv"
LOCATIONS_FILE = "duo/mbo_vestigingen_kiesmbo_2025.csv"
SUBTYPES_FILE = "duo/mbo_soorten.csv"
SUBTYPE_THEMES_FILE = "themes/mbo_soort_themes.csv"
SUBTYPES = ("roc", "aoc", "vakinstelling", "private")
SUBTYPE_LABELS = {"roc": "Regionaal opleidingencentrum (roc)",
                  "aoc": "Agrarisch opleidingscentrum (aoc)",
                  "vakinstelling": "Vakinstelling", "private": "Niet-bekostigde mbo-aanbieder"}
NAME_THEME_WEIGHT = 0.8
BASIS_FORMS = ("known:", "name contains", "assumed")  # "assumed": the subtype is not verified
SOURCE = "KiesMBO (SBB) 2025 via onderwijsin/navigator-data-generator"


@dataclass(frozen=True)
class Vestiging:
    """One mbo location."""

    brin: str
    brinvest: str
    gemeente: str


@dataclass(frozen=True)
class Subtype:
    """The hand-made classification of one institution."""

    subtype: str
    themes: dict[str, float]
    basis: str


def load_mbo(data_dir: Path | None, regions: Regions,
             taxonomy: Taxonomy) -> tuple[list[SchoolRecord], list[str]]:
    """All mbo institutions of the file, plus notes on corrected main locations."""
    vestigingen = _vestigingen(data_dir, regions)
    subtypes = _subtypes(data_dir, taxonomy)
    defaults = _subtype_themes(data_dir, taxonomy)
    rows = reference_table(data_dir, INSTITUTIONS_FILE,
                           ("brin", "naam", "website", "hoofdlocatie_brinvest",
                            "hoofdlocatie_gemeentecode"))
    notes: list[str] = []

    def parse(row: Row) -> SchoolRecord:
        brin = row.match("brin", BRIN, "a BRIN code")
        name = row.require("naam")
        given = row.match("hoofdlocatie_gemeentecode", GM_CODE, "a CBS gemeente code", True)
        if given and given not in regions.province_of:
            raise row.error("hoofdlocatie_gemeentecode", given, "is not a 2024 gemeente")
        mine = vestigingen.get(brin, [])
        main, note = check_main_location(name, given, row.get("hoofdlocatie_brinvest"), mine,
                                         regions)
        if note:
            notes.append(f"{row.file} line {row.line}: {note}")
        unlisted = sorted(set(row.split("locatie_brinvests")) - {v.brinvest for v in mine})
        if unlisted:
            notes.append(f"{row.file} line {row.line}: {name}: vestigingen "
                         f"{', '.join(unlisted)} are not in {LOCATIONS_FILE}")
        kind = subtypes.get(brin, Subtype("private", {}, "not in the hand list of bekostigde "
                                                     "instellingen"))
        gemeenten = _ordered_gemeenten(main, mine)
        themes = merge_weights(defaults.get(kind.subtype, {}), kind.themes,
                               {t: NAME_THEME_WEIGHT for t in taxonomy.match_text(name)})
        org = Organisation(
            id=f"duo:{brin}", name=name, kind=OrgKind.MBO, subtype=kind.subtype, duo_code=brin,
            website=row.get("website"), source=SOURCE,
            description=describe(kind, len(mine), len(gemeenten)))
        places = Counter(v.gemeente for v in mine)
        return SchoolRecord(org, gemeenten, themes,
                            tuple(float(max(1, places[g])) for g in gemeenten))

    records = parse_rows(rows, parse)
    return records, notes


def describe(kind: Subtype, vestigingen: int, gemeenten: int) -> str:
    """The Dutch description users see; the hand list's basis stays in the reference file."""
    text = f"{SUBTYPE_LABELS[kind.subtype]}; {vestigingen} vestigingen in {gemeenten} gemeenten."
    if kind.basis.startswith(BASIS_FORMS[-1]):
        text += " Soort aangenomen, niet geverifieerd."
    return text


def check_main_location(name: str, given: str, given_brinvest: str, vestigingen: list[Vestiging],
                        regions: Regions) -> tuple[str | None, str]:
    """The main gemeente of a school and a note when the listed one looked wrong.

    The listed main location is suspicious when (a) it is not one of the school's vestigingen,
    (b) the school's name names a province or gemeente that has vestigingen of the school but
    the main location lies outside it ("ROC van Flevoland" seated in Amsterdam), or (c) the
    BRIN+'00' vestiging (by DUO convention the main seat) lies in the school's busiest
    gemeente and the listed one has fewer vestigingen. The replacement is the busiest
    gemeente of the named region, else that of the '00' vestiging, else the busiest gemeente
    overall (ties by vestiging code).
    """
    if not vestigingen:
        return (given or None), ("" if given else f"{name}: no vestigingen listed, no location")
    places = Counter(v.gemeente for v in vestigingen)
    named = _named_gemeenten(name, regions) & set(places)
    seat00 = next((v.gemeente for v in vestigingen if v.brinvest.endswith("00")), None)
    if seat00 is not None and not places[seat00] == max(places.values()) > places[given]:
        seat00 = None  # the '00' rule only speaks when the '00' gemeente clearly dominates
    listed = given in places and given_brinvest in {v.brinvest for v in vestigingen}
    if listed and (not named or given in named) and seat00 is None:
        return given, ""
    if named and given not in named:
        pool = [v for v in vestigingen if v.gemeente in named]
    elif seat00 is not None:
        pool = [v for v in vestigingen if v.gemeente == seat00]
    else:
        pool = vestigingen
    seat = min(pool, key=lambda v: (-places[v.gemeente], v.brinvest)).gemeente
    if seat == given:
        return given, ""
    return seat, (f"{name}: listed main location {given or '(none)'} is not plausible against "
                  f"its vestigingen; main location set to {seat}")


def _named_gemeenten(name: str, regions: Regions) -> set[str]:
    """The gemeenten of every province or gemeente whose name occurs in a school name."""
    text = f" {normalise(name)} "
    found: set[str] = set()
    for key, code in regions.province_names.items():
        if f" {key} " in text:
            found.update(regions.gemeenten_in(code))
    for key, code in regions.gemeente_names.items():
        if f" {key} " in text:
            found.add(code)
    return found


def _ordered_gemeenten(main: str | None, vestigingen: list[Vestiging]) -> tuple[str, ...]:
    """Every gemeente with a vestiging, main first, then by number of vestigingen and code."""
    places = Counter(v.gemeente for v in vestigingen)
    rest = sorted((g for g in places if g != main), key=lambda g: (-places[g], g))
    return ((main,) if main else ()) + tuple(rest)


def _vestigingen(data_dir: Path | None, regions: Regions) -> dict[str, list[Vestiging]]:
    rows = reference_table(data_dir, LOCATIONS_FILE, ("brin", "brinvest", "gemeentecode"))

    def parse(row: Row) -> Vestiging:
        brin = row.match("brin", BRIN, "a BRIN code")
        brinvest = row.require("brinvest")
        if not brinvest.startswith(brin):
            raise row.error("brinvest", brinvest, f"does not start with the BRIN {brin}")
        gemeente = row.match("gemeentecode", GM_CODE, "a CBS gemeente code (GMxxxx)")
        if gemeente not in regions.province_of:
            raise row.error("gemeentecode", gemeente, "is not a 2024 gemeente")
        return Vestiging(brin, brinvest, gemeente)

    out: dict[str, list[Vestiging]] = defaultdict(list)
    for vestiging in parse_rows(rows, parse):
        out[vestiging.brin].append(vestiging)
    return out


def _subtypes(data_dir: Path | None, taxonomy: Taxonomy) -> dict[str, Subtype]:
    rows = reference_table(data_dir, SUBTYPES_FILE, ("brin", "soort", "themes", "basis"))

    def parse(row: Row) -> tuple[str, Subtype]:
        brin = row.match("brin", BRIN, "a BRIN code")
        themes = parse_theme_weights(row, "themes", taxonomy)
        basis = row.require("basis")
        if not basis.startswith(BASIS_FORMS):
            raise row.error("basis", basis, f"does not start with one of {', '.join(BASIS_FORMS)}")
        return brin, Subtype(row.one_of("soort", SUBTYPES), themes, basis)

    return dict(parse_rows(rows, parse))


def parse_theme_weights(row: Row, field: str, taxonomy: Taxonomy) -> dict[str, float]:
    """A 'theme:weight|theme:weight' field as a dict, every id and weight checked."""
    out: dict[str, float] = {}
    for part in row.split(field):
        theme, _, weight = part.partition(":")
        if theme not in taxonomy.by_id:
            raise row.error(field, theme, "is not a theme id")
        try:
            value = float(weight)
        except ValueError:
            raise row.error(field, part, "has no weight (theme:0.5)") from None
        if not 0 < value <= 1:
            raise row.error(field, part, "has a weight outside (0, 1]")
        out[theme] = value
    return out


def _subtype_themes(data_dir: Path | None, taxonomy: Taxonomy) -> dict[str, dict[str, float]]:
    rows = reference_table(data_dir, SUBTYPE_THEMES_FILE, ("soort", "theme", "weight"))

    def parse(row: Row) -> tuple[str, str, float]:
        theme = row.require("theme")
        if theme not in taxonomy.by_id:
            raise row.error("theme", theme, "is not a theme id")
        return row.one_of("soort", SUBTYPES), theme, row.number("weight", 0.0, 1.0)

    out: dict[str, dict[str, float]] = defaultdict(dict)
    for subtype, theme, weight in parse_rows(rows, parse):
        out[subtype][theme] = weight
    return dict(out)
