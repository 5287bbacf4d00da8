"""Organisatie and pps pages in a real browser: facts, source, links, search partners."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.browser import axe_violations, screenshot
from tests.e2e.conftest import HOSTILE_ID, HOSTILE_NAME


def test_an_organisation_page_shows_its_facts_and_leads_to_its_pps(page):
    page.goto("/organisatie/duo:25BE")
    assert page.get_by_role("heading", level=1).inner_text() == "Hanzehogeschool Groningen"
    assert page.get_by_role("row", name="Herkomst").inner_text().startswith("Herkomst\techt")
    assert "Groningen (Groningen), hoofdvestiging" in page.locator("#vestigingen + ul").inner_text()
    partners = page.locator("ul.partners li")
    assert partners.count() > 0
    expect(partners.first).to_contain_text("via ")
    assert axe_violations(page) == []
    screenshot(page, "organisatie")
    first_pps = page.locator("#ppsen + ul a").first
    name = first_pps.inner_text()
    first_pps.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(name)
    expect(page.locator("#leden + ul")).to_contain_text("Hanzehogeschool Groningen")
    assert axe_violations(page) == []
    screenshot(page, "pps")


def test_search_partners_for_an_organisation_starts_a_coalition_with_it(page):
    page.goto("/organisatie/duo:25BE")
    page.get_by_role("button", name="Zoek partners voor deze organisatie").click()
    page.get_by_role("heading", name="mbo-instellingen", exact=False).wait_for()
    assert "provincie=PV20" in page.url
    # The chip is drawn once the partner's name has been looked up: wait for it, not for
    # the first paint (a loaded machine draws the results' heading first).
    expect(page.locator(".ts-wrapper .item", has_text="Hanzehogeschool Groningen")).to_have_count(1)


def test_a_script_named_organisation_shows_its_name_as_text(page):
    page.goto(f"/organisatie/{HOSTILE_ID}")
    assert page.get_by_role("heading", level=1).inner_text() == f"{HOSTILE_NAME} synthetisch"
    assert page.locator("script", has_text="alert(1)").count() == 0


def test_an_unknown_organisation_gets_a_dutch_not_found_page(page, problems):
    response = page.goto("/organisatie/duo:NOPE")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Niet gevonden"
    assert problems == ["console error: Failed to load resource: the server responded with a "
                        "status of 404 (NOT FOUND)"]
    problems.clear()
