"""The front-end bundle: reads its manifest and gives templates cache-busting asset URLs."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, url_for

MANIFEST = Path(__file__).parent / "static" / "dist" / "manifest.json"
BUILD_HINT = "the web UI's bundle is not built: run scripts/bootstrap (npm ci and esbuild)"


class BundleMissing(RuntimeError):
    """The esbuild manifest (or an entry in it) is not there."""


def init_app(app: Flask, manifest: Path = MANIFEST) -> None:
    """Offer `asset(name)` to the templates; the manifest is read once, here."""
    try:
        entries: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        entries = {}

    def asset(name: str) -> str:
        """The URL of a bundled file by its logical name ("app.js"), with its content hash."""
        if name not in entries:
            raise BundleMissing(f"{BUILD_HINT} ({manifest}: no entry {name!r})")
        return url_for("static", filename=f"dist/{entries[name]}")

    app.jinja_env.globals["asset"] = asset
