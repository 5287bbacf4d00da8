"""Security headers on every response: every route of the app, errors and static files too."""

from __future__ import annotations

import re

import pytest

from tests.web.test_api_access import limited_client
from web.app import create_app
from web.config import Settings
from web.security import HEADERS

REQUIRED = ("Content-Security-Policy", *HEADERS)
SAMPLE_ARGS = {"org_id": "kvk:1", "pps_id": "pps:1", "filename": "style.css"}


def check(response) -> None:
    """The response carries every header; its CSP forbids inline scripts and framing."""
    missing = [name for name in REQUIRED if name not in response.headers]
    assert missing == [], (response.status_code, response.request.path)
    policy = response.headers["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]*)", policy) or re.search(r"default-src ([^;]*)", policy)
    assert script and "'unsafe-inline'" not in script.group(1)
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_route_answers_with_the_security_headers(app, client):
    seen = 0
    for rule in app.url_map.iter_rules():
        url = re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: SAMPLE_ARGS.get(m.group(1), "x"),
                     rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, json={} if method != "GET" else None)
            check(response)
            seen += 1
    assert seen >= 20


@pytest.mark.parametrize(("method", "url", "kwargs", "status"), [
    ("GET", "/no/such/page", {}, 404),
    ("GET", "/api/organisations/nobody", {}, 404),
    ("PATCH", "/api/themes", {}, 405),
    ("POST", "/api/recommendations", {"data": "x", "content_type": "text/plain"}, 415),
    ("POST", "/api/recommendations", {"data": "{broken", "content_type": "application/json"},
     400),
    ("PUT", "/api/organisations/kvk:9", {"json": {"name": "x", "kind": "company"}}, 401),
    ("GET", "/api/organisations?limit=-1", {}, 422),
])
def test_error_responses_carry_the_headers_too(client, method, url, kwargs, status):
    response = client.open(url, method=method, **kwargs)
    assert response.status_code == status
    check(response)


def test_a_body_over_the_limit_and_a_rate_limited_caller_get_the_headers(tokens_file, store):
    big = create_app(Settings(tokens_file=str(tokens_file), max_content_length=100), store=store)
    response = big.test_client().post("/api/recommendations", json={"mission": "x" * 500})
    assert response.status_code == 413
    check(response)
    client = limited_client(tokens_file, 1, lambda: 0.0)
    wrong = {"Authorization": "Bearer ppsm_0_x"}
    client.put("/api/organisations/kvk:9", json={}, headers=wrong)
    response = client.put("/api/organisations/kvk:9", json={}, headers=wrong)
    assert response.status_code == 429
    check(response)
