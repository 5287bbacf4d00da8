"""Every page on a tablet: no sideways scrolling, no serious axe violations, keyboard way in."""

from __future__ import annotations

import pytest

from tests.e2e.browser import axe_violations, screenshot

PAGES = {
    "start": "/", "missie-zoeken": "/missie", "coalitie": "/coalitie",
    "netwerkkaart": "/netwerkkaart", "provinciekaart": "/provinciekaart",
    "provinciekaart-gemeente": "/provinciekaart?maat=pps&provincie=PV20&gemeente=GM0014",
    "organisatie": "/organisatie/duo:25BE", "pps": "/pps/pps:centre-of-expertise-energie",
    "api-documentatie": "/api/docs",
}
TABLET = {"width": 768, "height": 1024}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_fits_a_tablet_and_has_no_serious_axe_violations(page, name):
    page.set_viewport_size(TABLET)
    page.goto(PAGES[name])
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px"
    assert axe_violations(page) == []
    screenshot(page, f"tablet-{name}")


def test_the_network_map_uses_the_width_of_a_tablet(page):
    page.set_viewport_size(TABLET)
    page.goto("/netwerkkaart")
    page.wait_for_function("() => window.ppsmatchMap && window.ppsmatchMap.timings.firstFrameMs")
    canvas = page.locator("#network-canvas").bounding_box()
    main = page.locator("main").bounding_box()
    assert canvas["width"] >= 0.9 * (main["width"] - 32) and canvas["height"] >= 400


def test_the_keyboard_reaches_the_content_first_through_the_skip_link(page):
    page.goto("/missie")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "missie"
