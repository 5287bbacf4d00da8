"""The start page in a real browser: purpose, navigation, counts, headers, accessibility."""

from __future__ import annotations

from tests.e2e.browser import axe_violations, screenshot


def test_start_page_explains_ppsmatch_and_shows_real_and_synthetic_counts(page):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Partners vinden voor een pps"
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Start").get_attribute("aria-current") == "page"
    assert "synthetisch" in page.locator("#wat-is-echt + p").inner_text()
    provinces = page.get_by_role("row", name="Provincies")
    assert provinces.locator("td").inner_text() == "12"
    screenshot(page, "start")


def test_start_page_forbids_inline_scripts_and_has_no_serious_axe_violations(page, problems):
    response = page.goto("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    # An inline script injected into the page must not run under this policy.
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.body.appendChild(s);
    }""")
    assert page.evaluate("() => window.inlineRan === undefined")
    blocked = [p for p in problems if "Content Security Policy" in p]
    assert len(blocked) == 1
    problems.remove(blocked[0])
    assert axe_violations(page) == []


def test_the_mission_box_leads_to_missie_zoeken_with_the_results(page):
    page.goto("/")
    page.get_by_role("searchbox", name="Missie").fill("zorgtechnologie")
    page.get_by_role("button", name="Zoek partners").click()
    page.get_by_role("heading", name="hogescholen", exact=False).wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Missie zoeken"
    assert page.get_by_label("Missie (Nederlands of Engels)").input_value() == "zorgtechnologie"
