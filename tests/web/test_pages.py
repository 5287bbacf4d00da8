"""The HTML pages as the server renders them (the browser tests in tests/e2e drive them)."""

from __future__ import annotations


def test_mission_page_prefills_the_form_from_a_shared_link(client):
    response = client.get("/missie?missie=waterstof&provincie=Utrecht&soort=hbo")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ">waterstof</textarea>" in html
    assert '<option value="PV26" selected>Utrecht</option>' in html
    assert 'value="hbo" checked' in html and 'value="mbo" checked' not in html


def test_mission_page_asks_the_default_kinds_when_none_are_given(client):
    html = client.get("/missie").get_data(as_text=True)
    for kind in ("hbo", "mbo", "company", "government"):
        assert f'value="{kind}" checked' in html
    assert 'value="wo" checked' not in html
