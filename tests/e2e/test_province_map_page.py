"""Provinciekaart in a real browser: the 12 provinces, a measure, a click, the report."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.browser import axe_violations, screenshot


def test_clicking_a_province_shows_its_figures_and_leads_to_its_report(page):
    page.goto("/provinciekaart")
    assert page.locator("svg.map path[data-province]").count() == 12
    assert page.get_by_role("table", name="per provincie").locator("tbody tr, tr").count() == 13
    page.locator("#map-PV20").click()
    assert "provincie=PV20" in page.url
    expect(page.get_by_role("heading", name="Cijfers van Groningen")).to_be_visible()
    figures = page.get_by_role("table", name="Thema's in Groningen: prioriteiten eerst")
    first = figures.locator("tr").nth(1).locator("td").first
    assert first.inner_text() == "ja"  # the province's priority themes come first
    assert axe_violations(page) == []
    screenshot(page, "provinciekaart")
    page.get_by_role("link", name="Dekkingsrapport van Groningen").click()
    expect(page.locator("h1")).to_contain_text("Groningen")


def test_the_map_can_be_coloured_by_mkb_reach_on_a_theme(page):
    page.goto("/provinciekaart")
    page.get_by_label("Kleur naar").select_option("mkb")
    page.get_by_label("Thema (voor pps'en en mkb-bereik)").select_option(label="Waterstof")
    page.get_by_role("button", name="Toon").click()
    expect(page.locator("figcaption")).to_contain_text(
        "Bereik van het mkb op het gekozen thema (aandeel): Waterstof")
    values = page.get_by_role("table", name="per provincie").locator("td.num").all_inner_texts()
    assert len(values) == 12 and all(v.endswith("%") or v == "onbekend" for v in values)


def test_a_province_shows_its_gemeenten_by_the_same_measure_and_a_gemeente_its_figures(page):
    page.goto("/provinciekaart")
    page.get_by_label("Kleur naar").select_option(label="Actieve pps'en op het gekozen thema")
    page.get_by_label("Thema (voor pps'en en mkb-bereik)").select_option(label="Energietransitie")
    page.get_by_role("button", name="Toon").click()
    page.locator("#map-PV20").click()
    expect(page.get_by_role("heading", name="Gemeenten van Groningen")).to_be_visible()
    gemeenten = page.locator("svg.map path[data-gemeente]")
    expect(gemeenten).to_have_count(10)  # the CBS gemeenten of Groningen in 2024
    titles = dict(t.split(": ") for t in gemeenten.locator("title").all_text_contents())
    assert set(titles) >= {"Groningen", "Eemsdelta", "Westerkwartier"}
    # Coloured by active pps'en on the theme: the city has the most, and not every gemeente
    # has the same colour.
    assert int(titles["Groningen"]) == max(int(v) for v in titles.values()) > 0
    assert len({p.get_attribute("fill") for p in gemeenten.all()}) > 1
    page.locator("#map-GM0014").click()
    assert "gemeente=GM0014" in page.url and "provincie=PV20" in page.url
    expect(page.get_by_role("heading", name="Cijfers van gemeente Groningen")).to_be_visible()
    table = page.get_by_role("table", name="Prioritaire thema's van Groningen in Groningen")
    energy = page.get_by_role("rowheader", name="Energietransitie")
    row = table.get_by_role("row").filter(has=energy)
    cells = row.locator("td").all_inner_texts()
    # Prioriteit, Hogescholen, mbo, Werkveld, Regionale steun, Actieve pps'en, Ontbrekend
    assert cells[0] == "ja" and int(cells[1]) >= 1 and int(cells[4]) >= 1
    assert int(cells[5]) == int(titles["Groningen"])  # the figure the map is coloured by
    assert axe_violations(page) == []
    screenshot(page, "provinciekaart-gemeenten")


def test_mkb_reach_leaves_the_gemeenten_grey_and_says_why(page):
    page.goto("/provinciekaart?maat=mkb&thema=hydrogen&provincie=PV20")
    gemeenten = page.locator("svg.map path[data-gemeente]")
    expect(gemeenten).to_have_count(10)
    assert {p.get_attribute("fill") for p in gemeenten.all()} == {"#d9d9d9"}
    expect(page.locator("#gemeenten")).to_contain_text("Het mkb-bereik is er alleen per provincie")
    page.get_by_text("Tabel per gemeente").click()
    page.get_by_role("link", name="Eemsdelta").click()
    expect(page.get_by_role("heading", name="Cijfers van gemeente Eemsdelta")).to_be_visible()
