"""Browser-test helpers: Debian's chromium under Playwright, axe-core checks, screenshots."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


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
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS
    ]


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
