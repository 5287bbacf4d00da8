"""/api/organisations on both stores: search, detail, upsert and delete."""

from __future__ import annotations

NEW_ORG = {"name": "Windpark Zeeland B.V.", "kind": "company", "sbi_code": "3511", "mkb": True,
           "synthetic": True, "gemeenten": ["GM0687"],
           "themes": [{"id": "energy_transition", "weight": 0.5}]}


def test_search_filters_by_kind_province_and_theme(client):
    body = client.get("/api/organisations?province=Utrecht&theme=energy_transition").get_json()
    assert [o["id"] for o in body["items"]] == ["duo:25LX", "kvk:1"]
    only_hbo = client.get("/api/organisations?kind=hbo&province=PV26").get_json()
    assert [o["id"] for o in only_hbo["items"]] == ["duo:25LX"]


def test_search_filters_by_text_and_synthetic(client):
    body = client.get("/api/organisations?text=utrecht&synthetic=false").get_json()
    assert [o["id"] for o in body["items"]] == ["duo:25LX", "duo:25PZ"]


def test_search_pages_with_a_more_flag(client):
    first = client.get("/api/organisations?limit=2").get_json()
    rest = client.get("/api/organisations?limit=2&offset=4").get_json()
    assert [o["id"] for o in first["items"]] == ["duo:25LX", "duo:25PZ"]
    assert first["more"] is True
    assert [o["id"] for o in rest["items"]] == ["kvk:2"]
    assert rest["more"] is False


def test_search_rejects_an_unknown_province_naming_the_field(client):
    response = client.get("/api/organisations?province=Atlantis")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "province"


def test_search_rejects_a_bad_limit_and_kind(client):
    response = client.get("/api/organisations?limit=0&kind=school")
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"limit", "kind"}


def test_detail_lists_gemeenten_themes_and_pps(client):
    body = client.get("/api/organisations/duo:25LX").get_json()
    assert body["organisation"]["name"] == "Hogeschool Utrecht"
    assert body["locations"] == [
        {"id": "GM0344", "name": "Utrecht", "province": "PV26", "main": True},
        {"id": "GM0363", "name": "Amsterdam", "province": "PV27", "main": False}]
    assert body["themes"] == [
        {"id": "energy_transition", "label_nl": "Energietransitie", "weight": 0.8}]
    assert body["pps"] == [{"id": "pps:1", "name": "Energiepact Utrecht", "role": "penvoerder"}]
    assert body["provinces"] == []


def test_detail_lists_provinces_an_organisation_operates_in(client):
    body = client.get("/api/organisations/kvk:2").get_json()
    assert [g["id"] for g in body["locations"]] == ["GM0363"]
    assert body["provinces"] == [{"id": "PV29", "name": "Zeeland"}]


def test_detail_of_an_unknown_organisation_is_404(client):
    response = client.get("/api/organisations/kvk:999")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_editor_upserts_an_organisation_with_its_links(client, bearer):
    response = client.put("/api/organisations/kvk:3", json=NEW_ORG, headers=bearer("editor"))
    assert response.status_code == 200
    body = client.get("/api/organisations/kvk:3").get_json()
    assert body["organisation"]["mkb"] is True
    assert [g["id"] for g in body["locations"]] == ["GM0687"]
    assert body["themes"][0]["weight"] == 0.5
    again = client.put("/api/organisations/kvk:3", json=NEW_ORG, headers=bearer("editor"))
    assert again.get_json() == response.get_json()


def test_upsert_with_an_unknown_gemeente_writes_nothing(client, bearer, sample_store):
    bad = {**NEW_ORG, "gemeenten": ["GM0687", "GM9999"]}
    response = client.put("/api/organisations/kvk:3", json=bad, headers=bearer("editor"))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": "gemeenten.1", "message": "Municipality 'GM9999' does not exist"}]
    assert client.get("/api/organisations/kvk:3").status_code == 404


def test_upsert_validates_the_body_naming_each_field(client, bearer):
    bad = {"name": " ", "kind": "school", "themes": [{"id": "ict", "weight": 2}], "extra": 1}
    response = client.put("/api/organisations/kvk:3", json=bad, headers=bearer("editor"))
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"name", "kind", "themes.0.weight", "extra"}


def test_editor_deletes_an_organisation(client, bearer):
    response = client.delete("/api/organisations/kvk:2", headers=bearer("editor"))
    assert response.status_code == 204
    assert client.get("/api/organisations/kvk:2").status_code == 404
    again = client.delete("/api/organisations/kvk:2", headers=bearer("editor"))
    assert again.status_code == 404
