"""Province boundaries (CBS/PDOK, simplified, WGS84) for the maps of the reports."""

from __future__ import annotations

import json
from pathlib import Path

from seed_data.bundle import BundleError
from seed_data.csvio import DEFAULT_DATA_DIR

BOUNDARIES_FILE = "regions/provincies_nl_wgs84.geojson"
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


def load_province_boundaries(data_dir: Path | None = None) -> dict[str, tuple[Ring, ...]]:
    """PVxx -> the rings of its boundary, read from the GeoJSON of the reference folder."""
    path = (data_dir if data_dir is not None else DEFAULT_DATA_DIR) / BOUNDARIES_FILE
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise BundleError.at(BOUNDARIES_FILE, None, "", None,
                             f"is not a readable GeoJSON FeatureCollection ({exc})") from None
    out: dict[str, tuple[Ring, ...]] = {}
    for feature in features:
        code = str(feature.get("id") or feature.get("properties", {}).get("statcode", ""))
        out[code] = _rings(BOUNDARIES_FILE, code, feature.get("geometry") or {})
    return dict(sorted(out.items()))
