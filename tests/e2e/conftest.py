"""Fixtures of the browser tests: the app served over HTTP, and chromium pages that fail on
console errors, page errors and dialogs (an alert means a script ran that should not)."""

from __future__ import annotations

import json
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import Organisation, OrgKind, Relationship, RelType
from tests.e2e.browser import ARTIFACTS, AXE_RESULTS, chromium_path
from web.app import create_app
from web.config import DEFAULT_COMPANIES, DEFAULT_SEED, Settings
from web.services import seeding

# Companies whose names are markup or a spreadsheet formula: every page must show them as
# text (and never run them), every export must neutralise the formula.
HOSTILE_ID = "company:e2e-hostile"
HOSTILE_NAME = "<script>alert(1)</script>"
FORMULA_ID = "company:e2e-formula"
FORMULA_NAME = '=HYPERLINK("http://example.invalid","klik")'


def _add_hostile_companies(store: MemoryGraphStore) -> None:
    """Synthetic hydrogen companies in the gemeente Groningen with hostile names."""
    for org_id, name in ((HOSTILE_ID, HOSTILE_NAME), (FORMULA_ID, FORMULA_NAME)):
        store.upsert_nodes([Organisation(org_id, name, OrgKind.COMPANY, size_class="10-49",
                                         mkb=True, synthetic=True,
                                         description="waterstof en energietransitie")])
        store.link([Relationship(RelType.LOCATED_IN, org_id, "GM0014"),
                    Relationship(RelType.WORKS_ON, org_id, "hydrogen", (("weight", 1.0),)),
                    Relationship(RelType.WORKS_ON, org_id, "energy_transition",
                                 (("weight", 1.0),))])


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app over the default seed (as scripts/serve runs it), in the embedded store."""
    store = MemoryGraphStore()
    seeding.seed_if_empty(store, DEFAULT_COMPANIES, DEFAULT_SEED)
    _add_hostile_companies(store)
    tokens = tmp_path_factory.mktemp("tokens") / "tokens.json"
    return create_app(Settings(tokens_file=str(tokens)), store=store)


@pytest.fixture(scope="session")
def base_url(live_app):
    """The URL of the app served by werkzeug on a free port, in a thread of the test run."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session", autouse=True)
def fresh_axe_summary():
    """The axe summary of this run only."""
    (ARTIFACTS / AXE_RESULTS).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright."""
    with sync_playwright() as playwright:
        # As root (CI containers) chromium refuses to start without --no-sandbox.
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def problems():
    """Console errors, page errors and dialogs seen by `page` (a test may take expected ones)."""
    return []


@pytest.fixture
def page(browser, base_url, problems):
    """A fresh page (own storage) that fails the test on console errors or dialogs."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(
        f"console error: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))

    def on_dialog(dialog):
        problems.append(f"dialog opened: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()
    assert not problems, problems


def pytest_terminal_summary(terminalreporter):
    """After the run: the axe outcome of every page checked, and where the artefacts are."""
    path = ARTIFACTS / AXE_RESULTS
    if not path.exists():
        return
    results = json.loads(path.read_text(encoding="utf-8"))
    terminalreporter.section("axe-core per page (browser tests)")
    for url, outcome in sorted(results.items()):
        found = outcome["violations_by_impact"]
        shown = ", ".join(f"{impact} {n}" for impact, n in sorted(found.items())) or "none"
        terminalreporter.write_line(
            f"{url}: {outcome['rules_passed']} rules passed; violations: {shown}")
    terminalreporter.write_line(f"screenshots and figures: {ARTIFACTS}")
