"""The bundle manifest and the security headers of the HTML pages."""

from __future__ import annotations

import json

import pytest
from flask import Flask, render_template_string

from web import assets
from web.security import CSP


def _app_with(manifest) -> Flask:
    app = Flask(__name__)
    assets.init_app(app, manifest)
    return app


def test_asset_urls_carry_the_content_hash_from_the_manifest(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"app.js": "app-ABC123.js"}), encoding="utf-8")
    with _app_with(manifest).test_request_context():
        assert render_template_string("{{ asset('app.js') }}") == "/static/dist/app-ABC123.js"


def test_a_missing_bundle_names_the_command_that_builds_it(tmp_path):
    with _app_with(tmp_path / "absent.json").test_request_context():
        with pytest.raises(assets.BundleMissing, match="run scripts/bootstrap"):
            render_template_string("{{ asset('app.js') }}")


def test_pages_send_a_policy_without_inline_scripts(client):
    response = client.get("/")
    assert response.headers["Content-Security-Policy"] == CSP
    assert "'unsafe-inline'" not in CSP and "script-src 'self';" in CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_self_contained_coverage_page_may_keep_its_own_styles_but_no_scripts(client):
    response = client.get("/api/reports/coverage?format=html")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy
