"""Province and gemeente boundaries (CBS/PDOK, simplified, WGS84) for the maps."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from seed_data.bundle import BundleError
from seed_data.csvio import DEFAULT_DATA_DIR

BOUNDARIES_FILE = "regions/provincies_nl_wgs84.geojson"
MUNICIPALITY_BOUNDARIES_FILE = "regions/gemeenten_nl_wgs84.geojson"
Ring = tuple[tuple[float, float], ...]  # (lon, lat) points


def _rings(name: str, code: str, geometry: dict) -> tuple[Ring, ...]:
    """The outer and inner rings of a Polygon or MultiPolygon."""
    kind = geometry.get("type")
    polygons = ([geometry["coordinates"]] if kind == "Polygon"
                else geometry["coordinates"] if kind == "MultiPolygon" else None)
    if polygons is None:
        raise BundleError.at(name, None, "geometry.type", str(kind),
                             f"of {code} is not a Polygon or MultiPolygon")
    return tuple(tuple((float(x), float(y)) for x, y, *_ in ring)
                 for polygon in polygons for ring in polygon)


# The maps draw the same boundaries on every request: they are parsed once per process
# (about 20 ms for the gemeenten) and handed out read-only.
@functools.cache
def _load(name: str, data_dir: Path | None) -> Mapping[str, tuple[Ring, ...]]:
    """Feature id (or statcode) -> the rings of its boundary, sorted by code."""
    path = (data_dir if data_dir is not None else DEFAULT_DATA_DIR) / name
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise BundleError.at(name, None, "", None,
                             f"is not a readable GeoJSON FeatureCollection ({exc})") from None
    out: dict[str, tuple[Ring, ...]] = {}
    for feature in features:
        code = str(feature.get("id") or feature.get("properties", {}).get("statcode", ""))
        out[code] = _rings(name, code, feature.get("geometry") or {})
    return MappingProxyType(dict(sorted(out.items())))


def load_province_boundaries(data_dir: Path | None = None) -> Mapping[str, tuple[Ring, ...]]:
    """PVxx -> the rings of its boundary, read from the GeoJSON of the reference folder."""
    return _load(BOUNDARIES_FILE, data_dir)


def load_municipality_boundaries(data_dir: Path | None = None
                                 ) -> Mapping[str, tuple[Ring, ...]]:
    """GMxxxx -> the rings of its boundary (the CBS gemeenten of 2024)."""
    return _load(MUNICIPALITY_BOUNDARIES_FILE, data_dir)
