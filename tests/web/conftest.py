"""Fixtures of the API tests: an app over the sample graph on each store, and tokens."""

from __future__ import annotations

import pytest

from tests.contract import sample
from web.app import create_app
from web.auth import TokenFile
from web.config import Settings


@pytest.fixture
def tokens_file(tmp_path):
    """A token file of this test only."""
    return tmp_path / "tokens.json"


@pytest.fixture
def sample_store(store):
    """The `store` fixture (memory and Neo4j) holding the sample graph."""
    sample.load_sample(store)
    return store


@pytest.fixture
def app(sample_store, tokens_file):
    """The app over the sample graph, reads public."""
    return create_app(Settings(tokens_file=str(tokens_file)), store=sample_store)


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def bearer(tokens_file):
    """Make a token of a role and return the Authorization header carrying it."""

    def make(role: str) -> dict[str, str]:
        _, token = TokenFile(tokens_file).create(f"test-{role}", role)
        return {"Authorization": f"Bearer {token}"}

    return make
