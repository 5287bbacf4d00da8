"""Missie zoeken in a real browser: autocomplete, results per kind with reasons, the coalition."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.e2e.browser import axe_violations, screenshot
from tests.e2e.conftest import HOSTILE_NAME

MISSION = "waterstof en energietransitie in Groningen"
SIGNALS = ["Thema", "Tekst", "Eerdere missies", "Regio", "Netwerk", "Ervaring", "Nieuwkomer"]


def _search(page, mission=MISSION, province="Groningen"):
    page.goto("/missie")
    page.get_by_label("Missie (Nederlands of Engels)").fill(mission)
    page.get_by_label("Provincie").select_option(label=province)
    page.get_by_role("button", name="Zoek partners").click()
    page.get_by_role("heading", name="hogescholen", exact=False).wait_for()


def _section(page, heading):
    return page.locator("section.kind-results").filter(
        has=page.get_by_role("heading", name=heading, exact=False))


def test_a_mission_finds_real_schools_of_the_province_with_bars_and_dutch_reasons(page):
    _search(page)
    for kind in ("hogescholen", "mbo-instellingen"):
        first = _section(page, kind).locator("article.candidate").first
        reasons = first.locator("ul.reasons li").all_inner_texts()
        assert any("(Groningen), in de gevraagde regio" in r for r in reasons), reasons
        assert first.locator(".badge-synthetic").count() == 0  # a real school
        assert first.locator("dl.signals dt").all_inner_texts() == SIGNALS
        assert first.locator("meter").count() == len(SIGNALS)
    hbo = _section(page, "hogescholen").locator("article.candidate h3").first
    assert hbo.inner_text() == "Hanzehogeschool Groningen"
    # Generated companies say so.
    companies = _section(page, "bedrijven").locator("article.candidate")
    assert companies.locator(".badge-synthetic").count() >= 1
    # The search is in the address bar, to share.
    assert "provincie=PV20" in page.url and "missie=waterstof" in page.url
    assert axe_violations(page) == []
    screenshot(page, "missie-zoeken")


def test_themes_autocomplete_on_english_labels_and_synonyms(page):
    page.goto("/missie")
    themes = page.get_by_role("combobox", name="Thema's")
    dropdown = page.locator(".ts-dropdown [role=option]")
    themes.fill("brandstofcel")  # a Dutch synonym of Waterstof
    expect(dropdown).to_have_text(["Waterstof Hydrogen"])
    themes.fill("hydrogen")  # its English label
    dropdown.filter(has_text="Waterstof").first.click()
    chosen = page.locator("#thema").evaluate("s => [...s.selectedOptions].map(o => o.value)")
    assert chosen == ["hydrogen"]


def test_a_result_goes_into_the_coalition_with_one_click_and_stays_after_reload(page):
    _search(page)
    card = _section(page, "hogescholen").locator("article.candidate").first
    card.get_by_role("button", name="Toevoegen aan coalitie").click()
    assert card.get_by_role("button", name="In coalitie").is_disabled()
    draft = json.loads(page.evaluate("() => localStorage.getItem('ppsmatch.coalitie')"))
    assert [m["name"] for m in draft["members"]] == ["Hanzehogeschool Groningen"]
    assert draft["province"] == "PV20"
    page.reload()
    page.get_by_role("heading", name="hogescholen", exact=False).wait_for()
    chips = page.locator(".ts-wrapper .item").all_inner_texts()
    assert any("Hanzehogeschool Groningen" in chip for chip in chips)


def test_an_organisation_named_like_a_script_shows_as_text(page):
    _search(page, mission="waterstof energietransitie")
    shown = page.get_by_role("heading", name=HOSTILE_NAME, exact=True)
    assert shown.count() == 1 and shown.is_visible()
    assert page.locator("script", has_text="alert(1)").count() == 0


def test_a_mission_in_chosen_gemeenten_finds_partners_located_there(page):
    page.goto("/missie")
    page.get_by_label("Missie (Nederlands of Engels)").fill("zorg en technologie")
    gemeenten = page.get_by_role("combobox", name="Gemeenten")
    gemeenten.fill("Leeuwarden")
    page.locator(".ts-dropdown [role=option]", has_text="Leeuwarden (Fryslân)").first.click()
    page.get_by_role("button", name="Zoek partners").click()
    first = _section(page, "hogescholen").locator("article.candidate").first
    expect(first.locator("ul.reasons")).to_contain_text("Leeuwarden")
    assert "gemeente=GM0080" in page.url


def test_the_form_has_every_input_and_a_partner_on_board_is_found_by_name(page):
    page.goto("/missie")
    for label in ("Missie (Nederlands of Engels)", "Provincie"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    for name in ("Thema's", "Gemeenten", "Partners al aan boord"):
        expect(page.get_by_role("combobox", name=name)).to_be_visible()
    kinds = page.get_by_role("group", name="Soorten partners").get_by_role("checkbox")
    assert kinds.count() == 8
    page.get_by_label("Missie (Nederlands of Engels)").fill(MISSION)
    page.get_by_label("Provincie").select_option(label="Groningen")
    partners = page.get_by_role("combobox", name="Partners al aan boord")
    partners.fill("Hanzehog")  # part of the name
    page.locator(".ts-dropdown [role=option]", has_text="Hanzehogeschool Groningen").click()
    with page.expect_request("**/api/recommendations") as asked:
        page.get_by_role("button", name="Zoek partners").click()
    assert json.loads(asked.value.post_data)["with"] == ["duo:25BE"]
    hbo = _section(page, "hogescholen").locator("article.candidate h3")
    expect(hbo.first).to_be_visible()
    assert "Hanzehogeschool Groningen" not in hbo.all_inner_texts()  # already on board
    mbo = _section(page, "mbo-instellingen").locator("ul.reasons")
    expect(mbo.first).to_contain_text("Hanzehogeschool Groningen")  # a warm introduction


def test_gemeenten_on_offer_are_those_of_the_chosen_province(page):
    page.goto("/missie?gemeente=GM0080")  # Leeuwarden, from a shared link
    gemeenten = page.get_by_role("combobox", name="Gemeenten")
    chosen = page.locator("#gemeente option:checked")
    expect(chosen).to_have_text(["Leeuwarden (Fryslân)"])
    page.get_by_label("Provincie").select_option(label="Groningen")
    expect(chosen).to_have_count(0)  # Leeuwarden lies in Fryslân: dropped
    gemeenten.fill("Leeuwarden")
    expect(page.locator(".ts-dropdown .no-results")).to_have_text("Geen gemeente gevonden")
    gemeenten.fill("Eemsdelta")
    page.locator(".ts-dropdown [role=option]", has_text="Eemsdelta (Groningen)").click()
    page.get_by_label("Missie (Nederlands of Engels)").fill(MISSION)
    with page.expect_request("**/api/recommendations") as asked:
        page.get_by_role("button", name="Zoek partners").click()
    sent = json.loads(asked.value.post_data)
    assert sent["province"] == "PV20" and sent["gemeenten"] == ["GM1979"]
