"""The Flask app through its test client, on a small hand-made graph."""

from __future__ import annotations

import pytest

from graph_schema.errors import StoreUnavailable
from graph_schema.memory_store import MemoryGraphStore
from tests.contract import sample
from web.app import create_app
from web.config import Settings


@pytest.fixture
def app():
    """An app on a memory store holding the sample graph."""
    store = MemoryGraphStore()
    sample.load_sample(store)
    return create_app(Settings(), store=store)


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


class DownStore(MemoryGraphStore):
    """A store whose backend is unreachable."""

    def revision(self) -> str:
        """Always fails as a down server would."""
        raise StoreUnavailable("Neo4j at bolt://127.0.0.1:1 does not answer")

    def stats(self):
        """Always fails as a down server would."""
        return self.revision()


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_names_the_store(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["store"] == "memory://"


def test_index_page_lists_counts_in_dutch(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<th scope=\"row\">Organisaties</th><td class=\"num\">5</td>" in html
    assert "<th scope=\"row\">bedrijven</th><td class=\"num\">2</td>" in html
    assert "synthetisch" in html


def test_store_outage_gives_503_with_the_error_shape():
    client = create_app(Settings(), store=DownStore()).test_client()
    for path in ("/readyz", "/"):
        response = client.get(path)
        assert response.status_code == 503
        body = response.get_json()
        assert body["code"] == "store_unavailable"
        assert "does not answer" in body["message"]
        assert body["errors"] == []


def test_unknown_path_gives_404_json(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"
