"""Hand-written bad requests on both stores: never a 5xx, always the error shape, nothing changed.

Oversized bodies, 10,000-level nesting, wrong media types, odd unicode (surrogates, RTL marks,
NUL), injection strings (Cypher, HTML, CSV formula) in every text parameter and JSON text field
of the OpenAPI document, huge k and limit, negative offsets. (schemathesis fuzzes the document
in test_api_openapi.py; `scripts/fuzz` runs it long.)
"""

from __future__ import annotations

import pytest

from web.app import create_app
from web.config import Settings

INJECTIONS = (
    "' OR 1=1 //",
    "\"}) MATCH (n) DETACH DELETE n //",
    "x` DETACH DELETE n //",
    "$id",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\u202eevil\u202c",
    "\u200f\u061c\u2066rtl",
    "\U0001f600 \u0301 \ufeff",
)
# A valid JSON body per POST read, so that one field at a time can be made hostile.
BODIES = {
    "/api/recommendations": {"mission": "energietransitie", "province": "Utrecht",
                             "kinds": ["company"], "k": 3},
    "/api/coalition/check": {"with": ["kvk:1", "duo:25LX"], "mission": "energie",
                             "province": "Utrecht"},
    "/api/coalition/build": {"mission": "energietransitie", "province": "Utrecht"},
    "/api/coalition/what-if": {"with": ["kvk:1"], "add": ["duo:25LX"], "mission": "energie",
                               "province": "Utrecht"},
}



def sound(response) -> None:
    """Not a 5xx; an error has the one shape; HTML never carries a script from the input."""
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert set(response.get_json()) == {"code", "message", "errors"}
    if response.mimetype == "text/html":
        text = response.get_data(as_text=True)
        assert "<script>alert" not in text and "<img src=x" not in text


def string_parameters(spec: dict):
    """(path, name) of every string query parameter of a GET operation."""
    for path, item in spec["paths"].items():
        op = item.get("get")
        if op is None or "{" in path:
            continue
        for param in op.get("parameters", []):
            schema = param.get("schema", {})
            if param["in"] == "query" and (schema.get("type") == "string" or
                                           schema.get("items", {}).get("type") == "string"):
                yield path, param["name"]


def test_injection_strings_in_every_text_parameter_change_nothing(client, sample_store):
    spec = client.get("/api/openapi.json").get_json()
    params = list(string_parameters(spec))
    assert len(params) >= 10
    before = sample_store.snapshot().digest()
    for path, name in params:
        for text in INJECTIONS:
            sound(client.get(path, query_string={name: text}))
    assert sample_store.snapshot().digest() == before


def test_injection_strings_in_every_json_text_field_change_nothing(client, sample_store):
    spec = client.get("/api/openapi.json").get_json()
    assert set(BODIES) <= set(spec["paths"])
    before = sample_store.snapshot().digest()
    for path, body in BODIES.items():
        assert client.post(path, json=body).status_code == 200, path
        for field, value in body.items():
            for text in INJECTIONS:
                hostile = [text] if isinstance(value, list) else text
                sound(client.post(path, json={**body, field: hostile}))
    assert sample_store.snapshot().digest() == before


def test_injection_strings_written_by_an_editor_are_stored_as_plain_text(client, sample_store,
                                                                         bearer):
    headers = bearer("editor")
    before = len(sample_store.snapshot().organisations)
    for i, text in enumerate(INJECTIONS):
        body = {"name": f"n {text}", "kind": "company", "description": text, "website": text}
        response = client.put(f"/api/organisations/inj:{i}", json=body, headers=headers)
        sound(response)
        if response.status_code == 200:
            stored = client.get(f"/api/organisations/inj:{i}").get_json()["organisation"]
            assert (stored["name"], stored["description"]) == (body["name"], text)
    after = sample_store.snapshot()
    assert len(after.organisations) >= before  # nothing was deleted by a payload
    assert {o.id for o in after.organisations} >= {"kvk:1", "kvk:2", "duo:25LX"}


@pytest.mark.parametrize("body", [
    "[" * 10_000 + "]" * 10_000,
    '{"mission": ' + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "}",
    '{"mission": "x", "themes": ' + "[" * 10_000 + "]" * 10_000 + "}",
])
def test_ten_thousand_levels_of_nesting_are_400(client, body):
    response = client.post("/api/recommendations", data=body, content_type="application/json")
    assert response.status_code == 400
    sound(response)


def test_a_body_over_the_limit_is_413_before_it_is_read(tokens_file, sample_store, bearer):
    app = create_app(Settings(tokens_file=str(tokens_file), max_content_length=64 * 1024),
                     store=sample_store)
    client = app.test_client()
    big = '{"mission": "' + "x" * (1024 * 1024) + '"}'
    for method, path, headers in (("POST", "/api/recommendations", {}),
                                  ("PUT", "/api/organisations/kvk:9", bearer("editor"))):
        response = client.open(path, method=method, data=big, headers=headers,
                               content_type="application/json")
        assert response.status_code == 413
        sound(response)


@pytest.mark.parametrize(("content_type", "data"), [
    ("text/plain", '{"mission": "x"}'),
    ("application/x-www-form-urlencoded", "mission=x"),
    ("multipart/form-data; boundary=x", "--x--"),
    ("application/xml", "<mission>x</mission>"),
    (None, '{"mission": "x"}'),
])
def test_a_wrong_media_type_is_415(client, content_type, data):
    response = client.post("/api/recommendations", data=data, content_type=content_type)
    assert response.status_code == 415
    sound(response)


@pytest.mark.parametrize(("raw", "status"), [
    ('{"mission": "\\ud800 energie"}', 422),  # a lone surrogate
    ('{"mission": "\\udc00\\ud800"}', 422),
    ('{"mission": "energie\\u0000"}', 422),  # NUL
    ('{"mission": "\\u202eeigrene\\u202c"}', 200),  # RTL override: text, nothing more
    ('{"mission": "\\u200f\\u200e energie"}', 200),
])
def test_odd_unicode_in_json_is_refused_or_treated_as_text(client, raw, status):
    response = client.post("/api/recommendations", data=raw, content_type="application/json")
    assert response.status_code == status
    sound(response)


@pytest.mark.parametrize("query", [
    "text=%00", "text=%ED%A0%80", "text=%FF%FE", "text=%E2%80%AE", "kind=%00company",
])
def test_odd_unicode_in_a_query_string_is_never_a_5xx(client, query):
    sound(client.get(f"/api/organisations?{query}"))


@pytest.mark.parametrize(("method", "url", "body"), [
    ("POST", "/api/recommendations", {"mission": "energie", "k": 10**12}),
    ("POST", "/api/recommendations", {"mission": "energie", "k": -1}),
    ("POST", "/api/recommendations", {"mission": "energie", "k": 1e308}),
    ("POST", "/api/coalition/build", {"mission": "energie", "max_size": 10**9}),
    ("GET", "/api/organisations?limit=1000000000000", None),
    ("GET", "/api/organisations?limit=-1", None),
    ("GET", "/api/organisations?offset=-5", None),
    ("GET", "/api/organisations?offset=99999999999999999999999", None),
    ("GET", "/api/pps?offset=-1", None),
    ("GET", "/api/network?theme=energy&province=PV26&limit=99999999999", None),
    ("GET", "/api/network?id=kvk:1&depth=999", None),
    ("GET", "/api/network?id=kvk:1&depth=-1", None),
    ("GET", "/api/reports/coverage?candidates=100000000", None),
])
def test_huge_and_negative_numbers_are_422_naming_the_field(client, method, url, body):
    response = client.open(url, method=method, json=body)
    assert response.status_code == 422
    sound(response)
    assert response.get_json()["errors"][0]["field"]
