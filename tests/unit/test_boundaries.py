"""The map boundaries are parsed once per process and handed out read-only."""

import json

import pytest

from seed_data.boundaries import BOUNDARIES_FILE, load_province_boundaries
from seed_data.bundle import BundleError


def test_boundaries_are_parsed_once_and_cannot_be_changed():
    first = load_province_boundaries()
    assert load_province_boundaries() is first
    assert len(first) == 12
    with pytest.raises(TypeError):
        first["PV20"] = ()  # type: ignore[index]


def test_a_boundary_file_that_is_not_geojson_names_the_file(tmp_path):
    (tmp_path / BOUNDARIES_FILE).parent.mkdir(parents=True)
    (tmp_path / BOUNDARIES_FILE).write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    with pytest.raises(BundleError, match="provincies_nl_wgs84.geojson"):
        load_province_boundaries(tmp_path)
