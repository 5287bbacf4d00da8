"""Browser-test helpers: Debian's chromium under Playwright, axe-core checks, screenshots."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
AXE_RESULTS = "axe_results.json"


def chromium_path() -> str:
    """Debian's chromium (scripts/browser installs it); a clear failure when it is missing."""
    found = shutil.which("chromium")
    if not found:
        raise RuntimeError("chromium is not installed: run scripts/bootstrap dev "
                           "(it installs Debian's chromium package)")
    return found


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now.

    axe is evaluated through the DevTools protocol, not as a <script> tag, so the page's
    Content-Security-Policy (no inline scripts) stays in force during the check.
    """
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run scripts/bootstrap (npm ci)")
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    _record_axe(page.url, result)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS
    ]


def _record_axe(url: str, result: dict) -> None:
    """Keep the axe outcome per page in artifacts/axe_results.json (the run's summary)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / AXE_RESULTS
    found = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    impacts: dict[str, int] = {}
    for violation in result["violations"]:
        impacts[violation["impact"]] = impacts.get(violation["impact"], 0) + 1
    found[urlsplit(url)._replace(scheme="", netloc="").geturl()] = {
        "rules_passed": len(result["passes"]), "violations_by_impact": impacts}
    path.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
