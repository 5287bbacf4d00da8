"""POST /api/import on both stores: the generic format, all or nothing, errors with file/line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from seed_data.loader import load_bundle
from seed_data.seed import build_seed_bundle
from tests.web.visibility import wait_visible
from web.app import create_app
from web.config import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "seed_data" / "example"
NAMES = ("organisations", "coalitions", "memberships")


@pytest.fixture(scope="session")
def reference_bundle():
    """The real reference data (regions, themes, schools, governments), no companies."""
    return build_seed_bundle(companies=0, seed=1)


@pytest.fixture
def seeded(store, reference_bundle, tokens_file):
    """A client of an app whose store holds the reference data."""
    load_bundle(store, reference_bundle)
    return create_app(Settings(tokens_file=str(tokens_file)), store=store).test_client()


def _files(**contents: bytes):
    return {name: (io.BytesIO(data), f"{name}.csv") for name, data in contents.items()}


def _example() -> dict[str, bytes]:
    return {name: (EXAMPLE / f"{name}.csv").read_bytes() for name in NAMES}


def _stats(client):
    return client.get("/api/coverage?priority_only=true").get_json()


def test_import_loads_the_example_and_is_idempotent(seeded, bearer):
    headers = bearer("editor")
    response = seeded.post("/api/import", data=_files(**_example()), headers=headers)
    assert response.status_code == 200
    report = response.get_json()
    assert report["nodes"]["Organisation"] == 12
    assert report["nodes"]["Pps"] == 4
    detail = seeded.get("/api/organisations/ex:hbo-noordkust").get_json()
    assert "ex:pps-waterstofwerkplaats" in {p["id"] for p in detail["pps"]}
    wait_visible(seeded, response)
    before = _stats(seeded)
    again = seeded.post("/api/import", data=_files(**_example()), headers=headers)
    assert again.status_code == 200
    wait_visible(seeded, again)
    assert _stats(seeded) == before


def test_a_bad_row_is_422_naming_file_line_and_field_and_writes_nothing(seeded, bearer):
    files = _example()
    files["coalitions"] = files["coalitions"].replace(b",2021,", b",twintig,", 1)
    before = _stats(seeded)
    response = seeded.post("/api/import", data=_files(**files), headers=bearer("editor"))
    assert response.status_code == 422
    problem = response.get_json()["errors"][0]
    assert (problem["file"], problem["line"], problem["field"]) == (
        "coalitions.csv", 3, "start_year")
    assert "twintig" in problem["message"]
    assert seeded.get("/api/organisations/ex:hbo-noordkust").status_code == 404
    assert _stats(seeded) == before


def test_memberships_may_name_organisations_already_in_the_store(seeded, bearer):
    files = _example()
    files["memberships"] += b"ex:pps-waterstofwerkplaats,duo:00IC,partner\n"
    response = seeded.post("/api/import", data=_files(**files), headers=bearer("editor"))
    assert response.status_code == 200
    members = seeded.get("/api/pps/ex:pps-waterstofwerkplaats").get_json()["members"]
    assert "duo:00IC" in {m["id"] for m in members}


def test_import_needs_the_organisations_file(client, bearer):
    response = client.post("/api/import", data=_files(memberships=b"coalition_id\n"),
                           headers=bearer("editor"))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "organisations"


def test_import_needs_an_editor_token_and_multipart(client, bearer):
    assert client.post("/api/import", data=_files(**_example())).status_code == 401
    reader = client.post("/api/import", data=_files(**_example()), headers=bearer("reader"))
    assert reader.status_code == 403
    as_json = client.post("/api/import", json={"organisations": "x"},
                          headers=bearer("editor"))
    assert as_json.status_code == 415


def test_a_file_that_is_not_utf8_is_422(client, bearer):
    response = client.post("/api/import", data=_files(organisations=b"id,name\n\xff\xfe,x\n"),
                           headers=bearer("editor"))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["file"] == "organisations.csv"


def test_import_into_an_empty_store_brings_the_reference_framework(store, tokens_file, bearer):
    client = create_app(Settings(tokens_file=str(tokens_file)), store=store).test_client()
    response = client.post("/api/import", data=_files(**_example()), headers=bearer("editor"))
    assert response.status_code == 200
    assert response.get_json()["nodes"]["Province"] == 12
    wait_visible(client, response)
    regions = client.get("/api/regions?province=Groningen").get_json()
    assert regions["provinces"][0]["id"] == "PV20"
