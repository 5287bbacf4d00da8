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
