"""/api/network and /api/coverage on both stores."""

from __future__ import annotations


def _ids(body):
    return [n["id"] for n in body["nodes"]]


def test_neighbourhood_of_a_pps(client):
    body = client.get("/api/network?id=pps:1").get_json()
    assert body["centre"] == "pps:1"
    assert set(_ids(body)) == {"pps:1", "duo:25LX", "kvk:1", "energy_transition", "PV26"}
    assert {"source": "kvk:1", "target": "pps:1", "type": "MEMBER_OF",
            "properties": {"role": "partner"}} in body["edges"]
    assert body["truncated"] is False


def test_neighbourhood_of_an_organisation_at_depth_two_is_cut_at_the_limit(client):
    full = client.get("/api/network?id=kvk:1&depth=2").get_json()
    assert "duo:25LX" in _ids(full)
    cut = client.get("/api/network?id=kvk:1&depth=2&limit=3").get_json()
    assert len(cut["nodes"]) == 3
    assert "kvk:1" in _ids(cut)
    assert cut["truncated"] is True
    kept = set(_ids(cut))
    assert all(e["source"] in kept and e["target"] in kept for e in cut["edges"])


def test_filtered_view_by_theme_and_kinds(client):
    body = client.get(
        "/api/network?theme=energy_transition&kinds=company&kinds=hbo").get_json()
    assert _ids(body) == ["energy_transition", "duo:25LX", "kvk:1", "pps:1"]
    assert {(e["source"], e["target"]) for e in body["edges"]} == {
        ("duo:25LX", "energy_transition"), ("kvk:1", "energy_transition"),
        ("duo:25LX", "pps:1"), ("kvk:1", "pps:1")}
    assert body["truncated"] is False


def test_filtered_view_by_province_flags_a_cut(client):
    body = client.get("/api/network?province=Utrecht&limit=2").get_json()
    assert _ids(body) == ["duo:25LX", "duo:25PZ"]
    assert body["truncated"] is True


def test_network_needs_an_id_or_a_filter(client):
    for query in ("", "?id=pps:1&theme=ict", "?id=pps:1&depth=3", "?kinds=school"):
        response = client.get(f"/api/network{query}")
        assert response.status_code == 422, query
        assert response.get_json()["errors"][0]["field"] in ("id", "depth", "kinds.0")


def test_network_of_an_unknown_id_is_404(client):
    assert client.get("/api/network?id=nope").status_code == 404


def test_coverage_counts_partners_pps_and_gaps(client):
    body = client.get("/api/coverage?province=Utrecht&theme=energy").get_json()
    assert body["required_kinds"]["company"] == ["company", "other"]
    [cell] = body["cells"]
    assert cell["province_name"] == "Utrecht"
    assert cell["counts"]["hbo"] == 1
    assert cell["counts"]["company"] == 1
    assert cell["mkb_companies"] == 1
    assert cell["active_pps"] == 1
    assert cell["missing_kinds"] == ["mbo", "government"]


def test_coverage_of_priority_themes_only(client):
    cells = client.get("/api/coverage?priority_only=true").get_json()["cells"]
    assert [(c["province"], c["theme"]) for c in cells] == [("PV26", "energy_transition")]
    all_cells = client.get("/api/coverage").get_json()["cells"]
    assert len(all_cells) == 3 * 3
