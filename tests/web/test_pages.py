"""The HTML pages as the server renders them (the browser tests in tests/e2e drive them)."""

from __future__ import annotations

import io

from openpyxl import load_workbook


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


def test_coalition_export_csv_lists_the_members_in_order(client):
    response = client.get("/coalitie/export.csv?lid=duo:25PZ&lid=duo:25LX&provincie=Utrecht")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=coalitie.csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines == ["id,name,kind,synthetic", "duo:25PZ,MBO Utrecht,mbo,false",
                     "duo:25LX,Hogeschool Utrecht,hbo,false"]


def test_coalition_export_xlsx_has_the_members_and_the_rules(client):
    response = client.get("/coalitie/export.xlsx?lid=duo:25LX")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["partners", "regels"]
    rules = {row[0]: row[1] for row in book["regels"].iter_rows(min_row=2, values_only=True)}
    assert rules["Minstens één hogeschool"] is True
    assert rules["Minstens één mbo-instelling"] is False


def test_coalition_export_of_an_unknown_member_names_it(client):
    response = client.get("/coalitie/export.csv?lid=duo:NOPE")
    assert response.status_code == 422
    assert "duo:NOPE" in response.get_json()["errors"][0]["message"]


def test_organisation_page_shows_the_source_and_an_unknown_one_is_a_dutch_404(client):
    html = client.get("/organisatie/duo:25LX").get_data(as_text=True)
    assert "<h1>Hogeschool Utrecht</h1>" in html
    response = client.get("/organisatie/duo:NOPE")
    assert response.status_code == 404
    assert "<h1>Niet gevonden</h1>" in response.get_data(as_text=True)


def test_province_map_links_each_province_to_its_figures(client):
    url = "/provinciekaart?maat=pps&thema=energy_transition&provincie=PV26"
    html = client.get(url).get_data(as_text=True)
    assert '<svg class="map" role="group"' in html
    assert ('href="/provinciekaart?maat=pps&amp;thema=energy_transition&amp;provincie=PV27'
            '#cijfers"') in html
    assert "<h2 id=\"cijfers-kop\">Cijfers van Utrecht</h2>" in html
    assert 'href="/api/reports/coverage?format=html&amp;province=PV26"' in html


def test_network_map_data_respects_the_limit(client):
    full = client.get("/netwerkkaart/graaf.json").get_json()
    cut = client.get("/netwerkkaart/graaf.json?limit=2").get_json()
    assert len(cut["nodes"]) == 2 < len(full["nodes"])
    assert cut["truncated"] is True and full["truncated"] is False


def test_network_neighbours_of_a_pps_are_its_members_and_an_unknown_id_is_404(client):
    found = client.get("/netwerkkaart/buren.json?id=pps:1").get_json()
    assert {n["id"] for n in found["nodes"]} == {"duo:25LX", "kvk:1"}
    missing = client.get("/netwerkkaart/buren.json?id=pps:none")
    assert missing.status_code == 404 and missing.get_json()["code"] == "not_found"
