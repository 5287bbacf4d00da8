"""Coalitie in a real browser: checklist, gaps, what-if, reload, shared link, exports, print."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.browser import axe_violations, screenshot
from tests.e2e.conftest import FORMULA_ID, FORMULA_NAME

HANZE = "Hanzehogeschool Groningen"


def _rule(page, rule):
    return page.locator(f"#checklist li[data-rule={rule}]")


def _start_with_hanze(page):
    page.goto("/missie?missie=waterstof+en+energietransitie&provincie=PV20")
    hbo = page.locator("section.kind-results").filter(
        has=page.get_by_role("heading", name="hogescholen", exact=False))
    hbo.locator("article.candidate").first.get_by_role(
        "button", name="Toevoegen aan coalitie").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Coalitie").click()
    expect(_rule(page, "has_hbo")).to_have_class("met")


def test_adding_partners_changes_the_checklist_and_removing_one_shows_the_what_if(page):
    _start_with_hanze(page)
    expect(_rule(page, "has_mbo")).to_have_class("missing")
    assert page.locator("#mission-summary").inner_text().endswith("provincie: Groningen")
    gap = page.get_by_role("region", name="Kandidaten: mbo-instellingen")
    mbo_name = gap.locator("article.candidate h3").first.inner_text()
    gap.get_by_role("button", name="Toevoegen aan coalitie").first.click()
    what_if = page.locator("#what-if-body")
    expect(what_if).to_contain_text(f"{mbo_name} toegevoegd")
    expect(what_if).to_contain_text("Minstens één mbo-instelling: nu voldaan")
    expect(_rule(page, "has_mbo")).to_have_class("met")
    expect(page.locator("#member-count")).to_have_text("2")
    assert axe_violations(page) == []
    screenshot(page, "coalitie")

    page.get_by_role("button", name=f"{HANZE} verwijderen").click()
    expect(what_if).to_contain_text(f"{HANZE} verwijderd")
    expect(what_if).to_contain_text("Minstens één hogeschool: niet meer voldaan")
    expect(_rule(page, "has_hbo")).to_have_class("missing")

    page.reload()
    expect(page.locator("#members li")).to_have_count(1)
    expect(page.locator("#members li a")).to_have_text(mbo_name)
    expect(_rule(page, "has_mbo")).to_have_class("met")


def test_pointing_at_a_candidate_or_a_remove_button_previews_the_what_if_before_the_change(page):
    _start_with_hanze(page)
    what_if = page.locator("#what-if-body")
    gap = page.get_by_role("region", name="Kandidaten: mbo-instellingen")
    card = gap.locator("article.candidate").first
    mbo_name = card.locator("h3").inner_text()
    card.hover()
    expect(what_if).to_contain_text(f"Als je {mbo_name} toevoegt: regels voldaan")
    expect(what_if).to_contain_text("Minstens één mbo-instelling: wordt voldaan")
    expect(_rule(page, "has_mbo")).to_have_class("missing to-met")
    expect(_rule(page, "has_mbo").locator(".mark")).to_have_text("→✓")
    expect(_rule(page, "has_mbo")).to_contain_text("(wordt voldaan)")
    # Only a preview: nothing changed yet.
    expect(page.locator("#member-count")).to_have_text("1")
    assert axe_violations(page) == []
    screenshot(page, "coalitie-wat-als-voorbeeld")
    page.locator("h1").hover()
    expect(_rule(page, "has_mbo")).to_have_class("missing")
    expect(_rule(page, "has_mbo").locator(".mark")).to_have_text("✗")
    expect(page.locator("#what-if")).to_be_hidden()

    # By keyboard: focusing the remove button previews the removal.
    page.get_by_role("button", name=f"{HANZE} verwijderen").focus()
    expect(what_if).to_contain_text(f"Als je {HANZE} verwijdert")
    expect(what_if).to_contain_text("Minstens één hogeschool: wordt niet meer voldaan")
    expect(_rule(page, "has_hbo")).to_have_class("met to-missing")
    expect(_rule(page, "has_hbo")).to_contain_text("(wordt niet meer voldaan)")
    page.locator("#share-link").focus()
    expect(_rule(page, "has_hbo")).to_have_class("met")

    # The change itself then reports what it did, and the checklist follows.
    card.hover()
    expect(what_if).to_contain_text(f"Als je {mbo_name} toevoegt")
    card.get_by_role("button", name="Toevoegen aan coalitie").click()
    expect(what_if).to_contain_text(f"{mbo_name} toegevoegd")
    expect(what_if).to_contain_text("Minstens één mbo-instelling: nu voldaan")
    expect(_rule(page, "has_mbo")).to_have_class("met")
    expect(page.locator("#checklist li.to-met, #checklist li.to-missing")).to_have_count(0)


def test_a_shared_link_restores_the_coalition_with_names(page):
    page.goto("/coalitie?lid=duo:25BE&missie=waterstof&provincie=PV20&thema=hydrogen")
    expect(page.locator("#members li a")).to_have_text(HANZE)
    expect(page.locator("#mission-summary")).to_have_text(
        "waterstof · thema's: Waterstof · provincie: Groningen")
    link = page.locator("#share-link").input_value()
    assert "/coalitie?lid=duo%3A25BE&missie=waterstof&provincie=PV20&thema=hydrogen" in link


def test_exports_read_back_with_the_formula_neutralised(page, tmp_path):
    page.goto(f"/coalitie?lid=duo:25BE&lid={FORMULA_ID}&missie=waterstof&provincie=PV20")
    expect(page.locator("#members li")).to_have_count(2)
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer XLSX").click()
    path = tmp_path / "coalitie.xlsx"
    download.value.save_as(path)
    book = load_workbook(path)
    partners = [row for row in book["partners"].iter_rows(values_only=True)]
    assert partners[0] == ("Id", "Naam", "Soort", "Synthetisch")
    assert partners[1] == ("duo:25BE", HANZE, "hbo", False)
    assert partners[2] == (FORMULA_ID, "'" + FORMULA_NAME, "bedrijf", True)
    rules = {row[0]: row[1] for row in book["regels"].iter_rows(min_row=2, values_only=True)}
    assert rules["Minstens één hogeschool"] is True
    assert rules["Minstens één mbo-instelling"] is False

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer CSV").click()
    text = (tmp_path / "c.csv")
    download.value.save_as(text)
    rows = list(csv.reader(io.StringIO(text.read_text(encoding="utf-8"))))
    assert rows[2] == [FORMULA_ID, "'" + FORMULA_NAME, "bedrijf", "true"]


def test_the_printable_view_leaves_out_navigation_and_buttons(page):
    page.goto("/coalitie?lid=duo:25BE&missie=waterstof&provincie=PV20")
    expect(_rule(page, "has_hbo")).to_have_class("met")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert not page.get_by_role("button", name="Afdrukken").is_visible()
    assert page.locator("#checklist").is_visible()
    screenshot(page, "coalitie-afdrukken")
