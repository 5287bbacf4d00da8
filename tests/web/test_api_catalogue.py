"""/api/themes, /api/regions and /api/pps on both stores."""

from __future__ import annotations

PPS = {"name": "Digitale Delta", "type": "Centre of Expertise", "phase": "0",
       "start_year": 2025, "themes": ["ict"], "provinces": ["Noord-Holland"],
       "members": [{"id": "kvk:2", "role": "partner"}, {"id": "duo:25LX", "role": "penvoerder"}]}


def test_themes_list_the_taxonomy_both_ways(client):
    items = client.get("/api/themes").get_json()["items"]
    by_id = {t["id"]: t for t in items}
    assert list(by_id) == ["energy", "energy_transition", "ict"]
    assert by_id["energy"]["narrower"] == ["energy_transition"]
    assert by_id["energy_transition"]["broader"] == ["energy"]
    assert by_id["ict"]["synonyms"] == ["digitalisering", "software"]


def test_regions_list_provinces_with_neighbours_and_gemeenten(client):
    body = client.get("/api/regions").get_json()
    provinces = {p["id"]: p for p in body["provinces"]}
    assert provinces["PV26"]["borders"] == ["PV27"]
    assert provinces["PV27"]["borders"] == ["PV26"]
    assert provinces["PV26"]["priorities"] == ["energy_transition"]
    assert {g["id"]: g["province"] for g in body["gemeenten"]} == {
        "GM0344": "PV26", "GM0363": "PV27", "GM0687": "PV29"}


def test_regions_of_one_province_by_name(client):
    body = client.get("/api/regions?province=zeeland").get_json()
    assert [p["id"] for p in body["provinces"]] == ["PV29"]
    assert [g["name"] for g in body["gemeenten"]] == ["Middelburg"]


def test_pps_list_shows_members_and_filters(client):
    body = client.get("/api/pps?province=PV26&theme=energy_transition").get_json()
    assert [p["id"] for p in body["items"]] == ["pps:1"]
    members = body["items"][0]["members"]
    assert [(m["id"], m["role"]) for m in members] == [
        ("duo:25LX", "penvoerder"), ("kvk:1", "partner")]
    assert client.get("/api/pps?province=Zeeland").get_json()["items"] == []


def test_pps_detail_and_404(client):
    body = client.get("/api/pps/pps:1").get_json()
    assert body["themes"] == ["energy_transition"]
    assert body["provinces"] == ["PV26"]
    assert client.get("/api/pps/pps:404").status_code == 404


def test_editor_upserts_a_pps_with_members(client, bearer):
    response = client.put("/api/pps/pps:2", json=PPS, headers=bearer("editor"))
    assert response.status_code == 200
    body = client.get("/api/pps/pps:2").get_json()
    assert body["provinces"] == ["PV27"]
    assert [m["id"] for m in body["members"]] == ["duo:25LX", "kvk:2"]
    detail = client.get("/api/organisations/kvk:2").get_json()
    assert detail["pps"] == [{"id": "pps:2", "name": "Digitale Delta", "role": "partner"}]


def test_pps_upsert_with_an_unknown_member_writes_nothing(client, bearer):
    bad = {**PPS, "members": [{"id": "kvk:2"}, {"id": "kvk:404"}]}
    response = client.put("/api/pps/pps:2", json=bad, headers=bearer("editor"))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "members.1.id"
    assert client.get("/api/pps/pps:2").status_code == 404
