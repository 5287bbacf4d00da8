"""Error paths: one error shape for 400/413/415/422/500/503, request ids and JSON logs."""

from __future__ import annotations

import json

import pytest

from graph_schema.errors import StoreUnavailable
from graph_schema.memory_store import MemoryGraphStore
from tests.contract import sample
from web.app import create_app
from web.config import Settings

BODY = {"name": "Nieuw B.V.", "kind": "company"}


def _shape(response):
    body = response.get_json()
    assert set(body) == {"code", "message", "errors"}
    return body


def test_malformed_json_is_400(client, bearer):
    response = client.put("/api/organisations/kvk:9", data="{not json",
                          content_type="application/json", headers=bearer("editor"))
    assert response.status_code == 400
    assert _shape(response)["errors"][0]["field"] == "body"


def test_a_body_that_is_not_json_is_415(client, bearer):
    response = client.put("/api/organisations/kvk:9", data="name=x",
                          content_type="application/x-www-form-urlencoded",
                          headers=bearer("editor"))
    assert response.status_code == 415
    assert _shape(response)["errors"][0]["field"] == "Content-Type"


def test_a_body_over_the_limit_is_413(tokens_file, bearer):
    app = create_app(Settings(tokens_file=str(tokens_file), max_content_length=1024),
                     store=MemoryGraphStore())
    big = {**BODY, "description": "x" * 5000}
    response = app.test_client().put("/api/organisations/kvk:9", json=big,
                                     headers=bearer("editor"))
    assert response.status_code == 413
    body = _shape(response)
    assert body["code"] == "request_entity_too_large"
    assert "1024 bytes" in body["message"]


def test_a_json_array_instead_of_an_object_is_422(client, bearer):
    response = client.put("/api/organisations/kvk:9", json=[1, 2], headers=bearer("editor"))
    assert response.status_code == 422
    assert _shape(response)["errors"]


def test_invalid_unicode_text_is_422_naming_the_field(client, bearer):
    raw = '{"name": "\\ud800", "kind": "company"}'
    response = client.put("/api/organisations/kvk:9", data=raw,
                          content_type="application/json", headers=bearer("editor"))
    assert response.status_code == 422
    assert _shape(response)["errors"] == [
        {"field": "name", "message": "must be valid Unicode text"}]


def test_unknown_api_path_is_404_in_the_error_shape(client):
    response = client.get("/api/bestaat-niet")
    assert response.status_code == 404
    assert _shape(response)["code"] == "not_found"


def test_wrong_method_is_405_in_the_error_shape(client):
    response = client.post("/api/themes", json={})
    assert response.status_code == 405
    assert _shape(response)["code"] == "method_not_allowed"
    assert response.headers["Allow"]


class BrokenStore(MemoryGraphStore):
    """A store with a bug: searching crashes."""

    def search_organisations(self, query):
        """Fails as a bug would."""
        raise RuntimeError("secret internals")


def test_a_crash_is_500_without_internals(tokens_file):
    app = create_app(Settings(tokens_file=str(tokens_file)), store=BrokenStore())
    response = app.test_client().get("/api/organisations")
    assert response.status_code == 500
    body = _shape(response)
    assert body["code"] == "internal_error"
    assert "secret" not in json.dumps(body)


class DownStore(MemoryGraphStore):
    """A store whose server is down."""

    def revision(self):
        """Fails as a down server would."""
        raise StoreUnavailable("Neo4j at bolt://127.0.0.1:1 is unavailable")

    def search_organisations(self, query):
        """Fails as a down server would."""
        return self.revision()


@pytest.mark.parametrize("path", ["/api/organisations", "/api/themes", "/api/regions",
                                  "/api/network?province=Utrecht", "/api/coverage", "/readyz"])
def test_store_outage_gives_503(tokens_file, path):
    app = create_app(Settings(tokens_file=str(tokens_file)), store=DownStore())
    response = app.test_client().get(path)
    assert response.status_code == 503
    assert _shape(response)["code"] == "store_unavailable"
    assert "unavailable" in response.get_json()["message"]


def test_every_response_carries_a_request_id(client):
    made = client.get("/api/themes")
    assert len(made.headers["X-Request-Id"]) == 32
    echoed = client.get("/api/themes", headers={"X-Request-Id": "abc-123"})
    assert echoed.headers["X-Request-Id"] == "abc-123"
    forged = client.get("/api/themes", headers={"X-Request-Id": '{"level": "x"}'})
    assert len(forged.headers["X-Request-Id"]) == 32


def test_requests_are_logged_as_json_with_the_request_id(client, capsys):
    client.get("/api/themes", headers={"X-Request-Id": "log-1"})
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    [line] = [x for x in lines if x.get("request_id") == "log-1"]
    assert line["logger"] == "ppsmatch.access"
    assert line["message"] == "request"
    assert line["status"] == 200
    assert line["path"] == "/api/themes"
    assert line["duration_ms"] >= 0


def test_sample_graph_is_untouched_by_rejected_writes(client, bearer):
    before = client.get("/api/organisations?limit=50").get_json()
    client.put("/api/organisations/kvk:9", data="x", headers=bearer("editor"))
    client.put("/api/organisations/kvk:9", json={"kind": "company"}, headers=bearer("editor"))
    assert client.get("/api/organisations?limit=50").get_json() == before
    assert len(before["items"]) == len(sample.ORGANISATIONS)
