"""Provinces, gemeenten (PART_OF), province borders and place-name lookup."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.model import Municipality, Province, RelType, make_relationship
from seed_data.bundle import Bundle, BundleError, ProblemCollector
from seed_data.csvio import (
    DEFAULT_DATA_DIR,
    GM_CODE,
    PV_CODE,
    Row,
    parse_rows,
    reference_table,
)
from seed_data.themes import normalise

GEMEENTEN_FILE = "regions/gemeenten_2024.csv"
PROVINCES_FILE = "regions/provincies_2024.csv"
CAPITALS_FILE = "regions/provincie_hoofdsteden.csv"
WATER_BORDERS_FILE = "regions/provincie_waterborders.csv"
ALIASES_FILE = "regions/plaatsnaam_aliassen.csv"
GEOJSON_FILE = "regions/provincies_nl_wgs84.geojson"
PROVINCE_ALIASES = {"PV21": ("Friesland", "Fryslan", "Frisia")}


@dataclass(frozen=True)
class Regions:
    """The 12 provinces, the 342 gemeenten and how they relate."""

    provinces: tuple[Province, ...]
    municipalities: tuple[Municipality, ...]
    province_of: dict[str, str]
    borders: tuple[tuple[str, str], ...]
    capitals: dict[str, str]
    province_names: dict[str, str] = field(repr=False)
    gemeente_names: dict[str, str] = field(repr=False)

    def province_code(self, text: str) -> str | None:
        """PVxx for a province code or name (CBS or common, e.g. 'Friesland'), else None."""
        value = text.strip()
        if PV_CODE.fullmatch(value.upper()):
            code = value.upper()
            return code if any(p.id == code for p in self.provinces) else None
        return self.province_names.get(normalise(value))

    def gemeente_code(self, text: str) -> str | None:
        """GMxxxx for a gemeente code or name (incl. common aliases like 'Den Haag'), else None."""
        value = text.strip()
        if GM_CODE.fullmatch(value.upper()):
            return value.upper() if value.upper() in self.province_of else None
        return self.gemeente_names.get(normalise(value))

    def place_province(self, text: str) -> str | None:
        """The province of a province or gemeente name; None for anything else."""
        code = self.province_code(text)
        if code:
            return code
        gemeente = self.gemeente_code(text)
        return self.province_of[gemeente] if gemeente else None

    def neighbours(self, province: str) -> tuple[str, ...]:
        """The provinces that border a province (land and water borders)."""
        out = [b for a, b in self.borders if a == province]
        out += [a for a, b in self.borders if b == province]
        return tuple(sorted(out))

    def gemeenten_in(self, province: str) -> tuple[str, ...]:
        """The gemeente codes of a province, sorted."""
        return tuple(sorted(g for g, p in self.province_of.items() if p == province))

    def bundle(self) -> Bundle:
        """Province and Municipality nodes, PART_OF and BORDERS (once per pair, source < target)."""
        rels = [make_relationship(RelType.PART_OF, g, p)
                for g, p in sorted(self.province_of.items())]
        rels += [make_relationship(RelType.BORDERS, a, b) for a, b in self.borders]
        return Bundle(nodes=(*self.provinces, *self.municipalities), relationships=tuple(rels))


def load_regions(data_dir: Path | None = None) -> Regions:
    """Read and check the region files; derive the borders from the province GeoJSON."""
    provinces = _provinces(data_dir)
    codes = {p.id for p in provinces}
    rows = reference_table(data_dir, GEMEENTEN_FILE, (
        "gemeentecode", "gemeentenaam", "provincie_code", "arbeidsmarktregio_naam",
        "inwoners_2024_01_01"))
    parsed = parse_rows(rows, lambda row: _gemeente(row, codes))
    _check_unique(rows, [m.id for m, _ in parsed], "gemeentecode")
    municipalities = tuple(sorted((m for m, _ in parsed), key=lambda m: m.id))
    province_of = {m.id: p for m, p in parsed}
    base = data_dir if data_dir is not None else DEFAULT_DATA_DIR
    borders = land_borders(base / GEOJSON_FILE, GEOJSON_FILE) | _water_borders(data_dir, codes)
    capitals = _capitals(data_dir, province_of)
    return Regions(provinces, municipalities, province_of, tuple(sorted(borders)), capitals,
                   province_names(provinces), _gemeente_names(data_dir, municipalities))


def _provinces(data_dir: Path | None) -> tuple[Province, ...]:
    rows = reference_table(data_dir, PROVINCES_FILE,
                           ("provincie_code", "provincie_naam", "inwoners_2024_01_01"))

    def parse(row: Row) -> Province:
        return Province(id=row.match("provincie_code", PV_CODE, "a CBS province code (PVxx)"),
                        name=row.require("provincie_naam"),
                        population=row.integer("inwoners_2024_01_01", minimum=0) or 0)

    provinces = parse_rows(rows, parse)
    _check_unique(rows, [p.id for p in provinces], "provincie_code")
    return tuple(sorted(provinces, key=lambda p: p.id))


def _gemeente(row: Row, provinces: set[str]) -> tuple[Municipality, str]:
    code = row.match("gemeentecode", GM_CODE, "a CBS gemeente code (GMxxxx)")
    province = row.match("provincie_code", PV_CODE, "a CBS province code (PVxx)")
    if province not in provinces:
        raise row.error("provincie_code", province, f"is not in {PROVINCES_FILE}")
    municipality = Municipality(id=code, name=row.require("gemeentenaam"),
                                labour_market_region=row.require("arbeidsmarktregio_naam"),
                                population=row.integer("inwoners_2024_01_01", minimum=0) or 0)
    return municipality, province


def _check_unique(rows: list[Row], keys: list[str], field_name: str) -> None:
    problems = ProblemCollector()
    seen: set[str] = set()
    for row, key in zip(rows, keys, strict=True):
        if key in seen:
            problems.add("occurs twice", row.file, row.line, field_name, key)
        seen.add(key)
    problems.raise_if_any()


def land_borders(path: Path, name: str = GEOJSON_FILE) -> set[tuple[str, str]]:
    """Province pairs whose polygons share at least one boundary edge.

    The simplified boundaries lie on one quantisation grid, so neighbours share exact
    vertices; a shared edge (two consecutive vertices) rules out mere corner contacts.
    """
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        edges = {f["properties"]["statcode"]: _edges(f["geometry"]) for f in features}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BundleError.at(name, None, "", None,
                             f"is not a readable province GeoJSON ({exc})") from None
    return {(a, b) for a, b in itertools.combinations(sorted(edges), 2) if edges[a] & edges[b]}


def _edges(geometry: dict) -> set[frozenset[tuple[float, float]]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    out: set[frozenset[tuple[float, float]]] = set()
    for polygon in polygons:
        for ring in polygon:
            points = [tuple(p[:2]) for p in ring]
            out.update(frozenset(pair) for pair in zip(points, points[1:], strict=False))
    return out


def _water_borders(data_dir: Path | None, codes: set[str]) -> set[tuple[str, str]]:
    rows = reference_table(data_dir, WATER_BORDERS_FILE, ("provincie_a", "provincie_b", "basis"))

    def parse(row: Row) -> tuple[str, str]:
        pair = []
        for column in ("provincie_a", "provincie_b"):
            code = row.match(column, PV_CODE, "a CBS province code (PVxx)")
            if code not in codes:
                raise row.error(column, code, f"is not in {PROVINCES_FILE}")
            pair.append(code)
        row.require("basis")
        a, b = sorted(pair)
        return a, b

    return set(parse_rows(rows, parse))


def _capitals(data_dir: Path | None, province_of: dict[str, str]) -> dict[str, str]:
    rows = reference_table(data_dir, CAPITALS_FILE, ("provincie_code", "gemeentecode"))

    def parse(row: Row) -> tuple[str, str]:
        province = row.match("provincie_code", PV_CODE, "a CBS province code (PVxx)")
        gemeente = row.match("gemeentecode", GM_CODE, "a CBS gemeente code (GMxxxx)")
        if province_of.get(gemeente) != province:
            raise row.error("gemeentecode", gemeente, f"is not a gemeente of {province}")
        return province, gemeente

    return dict(parse_rows(rows, parse))


def province_names(provinces: tuple[Province, ...]) -> dict[str, str]:
    """Normalised province name, code or common alias (e.g. 'Friesland') -> PVxx."""
    names = {normalise(p.name): p.id for p in provinces}
    names.update({normalise(p.id): p.id for p in provinces})
    for code, aliases in PROVINCE_ALIASES.items():
        names.update({normalise(a): code for a in aliases})
    return names


def _gemeente_names(data_dir: Path | None,
                    municipalities: tuple[Municipality, ...]) -> dict[str, str]:
    names = {normalise(m.name): m.id for m in municipalities}
    rows = reference_table(data_dir, ALIASES_FILE, ("alias", "gemeentecode"))
    known = {m.id for m in municipalities}

    def parse(row: Row) -> tuple[str, str]:
        code = row.match("gemeentecode", GM_CODE, "a CBS gemeente code (GMxxxx)")
        if code not in known:
            raise row.error("gemeentecode", code, f"is not in {GEMEENTEN_FILE}")
        return normalise(row.require("alias")), code

    names.update(dict(parse_rows(rows, parse)))
    return names
