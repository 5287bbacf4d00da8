"""/api/recommendations and /api/coalition/* on both stores, over the sample graph."""

from __future__ import annotations

MISSION = {"mission": "energietransitie in Utrecht", "province": "Utrecht", "k": 2}


def test_recommendations_rank_partners_per_kind_with_reasons(client):
    response = client.post("/api/recommendations", json=MISSION)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body["results"]) == {"hbo", "mbo", "company", "government"}
    top = body["results"]["hbo"][0]
    assert top["id"] == "duo:25LX"
    assert 0 <= top["score"] <= 1
    assert {"theme_fit", "region_fit", "network_fit", "experience"} <= set(top["breakdown"])
    assert all(set(r) == {"code", "text"} for r in top["reasons"])
    coalition = body["coalition"]
    assert {"hbo", "mbo"} <= set(coalition["missing_kinds"])
    assert coalition["candidates_by_kind"]["hbo"] == body["results"]["hbo"]


def test_province_by_name_or_code_gives_the_same_answer(client):
    by_name = client.post("/api/recommendations", json=MISSION).get_json()
    by_code = client.post("/api/recommendations", json={**MISSION, "province": "PV26"})
    assert by_code.get_json() == by_name


def test_recommendations_with_partners_include_the_coalition_check(client):
    body = client.post("/api/recommendations",
                       json={"themes": ["ict"], "kinds": ["company"], "with": ["duo:25LX"]})
    result = body.get_json()
    assert list(result["results"]) == ["company"]
    assert result["results"]["company"][0]["id"] == "kvk:2"
    assert "has_hbo" in {r["rule"] for r in result["coalition"]["rules"]}


def test_recommendations_name_each_bad_field(client):
    bad = {"themes": ["nope"], "kinds": ["school"], "k": 0, "with": "duo:25LX",
           "filters": {"include_synthetic": "misschien"}}
    response = client.post("/api/recommendations", json=bad)
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"kinds.0", "k", "with", "filters.include_synthetic"}


def test_unknown_references_are_422_naming_the_field(client):
    cases = [({"themes": ["ict", "nope"]}, "themes.1"), ({"gemeenten": ["GM9999"]}, "gemeenten.0"),
             ({"with": ["kvk:404"]}, "with.0"), ({"province": "Atlantis"}, "province"),
             ({"filters": {"province": "Atlantis"}}, "filters.province")]
    for body, field in cases:
        response = client.post("/api/recommendations", json=body)
        assert response.status_code == 422, body
        assert response.get_json()["errors"][0]["field"] == field


def test_coalition_check_reports_rules_and_missing_kinds(client):
    body = client.post("/api/coalition/check",
                       json={"mission": "energie", "with": ["duo:25LX", "kvk:1"]}).get_json()
    rules = {r["rule"]: r["met"] for r in body["rules"]}
    assert rules["has_hbo"] is True
    assert rules["has_mbo"] is False
    assert "mbo" in body["missing_kinds"]
    assert body["candidates_by_kind"]["mbo"][0]["id"] == "duo:25PZ"


def test_coalition_build_fills_the_required_kinds(client):
    body = client.post("/api/coalition/build",
                       json={"mission": "energie", "province": "PV26", "with": ["duo:25LX"],
                             "max_size": 5}).get_json()
    assert body["member_ids"][0] == "duo:25LX"
    assert "duo:25PZ" in body["member_ids"]
    assert len(body["member_ids"]) <= 5
    assert {c["id"] for c in body["added"]} == set(body["member_ids"][1:])


def test_what_if_shows_the_change_of_adding_a_partner(client):
    body = client.post("/api/coalition/what-if",
                       json={"mission": "energie", "with": ["duo:25LX"],
                             "add": ["duo:25PZ"]}).get_json()
    assert body["delta"]["rules_met"] == 1
    assert body["changed_rules"][0]["rule"] == "has_mbo"
    assert body["member_ids"] == ["duo:25LX", "duo:25PZ"]


def test_what_if_cannot_remove_a_partner_outside_the_coalition(client):
    response = client.post("/api/coalition/what-if",
                           json={"with": ["duo:25LX"], "remove": ["kvk:1"]})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "remove.0"


def test_matching_needs_a_json_body(client):
    response = client.post("/api/recommendations", data="mission=x")
    assert response.status_code == 415


def test_json_numbers_and_booleans_are_not_coerced_from_strings(client):
    for body, field in [({"k": "5"}, "k"), ({"k": True}, "k"),
                        ({"filters": {"include_synthetic": 1}}, "filters.include_synthetic")]:
        response = client.post("/api/recommendations", json=body)
        assert response.status_code == 422, body
        assert response.get_json()["errors"][0]["field"] == field


def test_a_blank_mission_without_themes_gets_422_naming_mission(client):
    response = client.post("/api/recommendations", json={**MISSION, "mission": "  ",
                                                           "themes": []})
    assert response.status_code == 422
    assert response.get_json()["message"].startswith("mission: ")
