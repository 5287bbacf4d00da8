"""Shared fixtures: a store of each kind; the Neo4j one talks to the real local server."""

from __future__ import annotations

import os

import pytest

from graph_schema.memory_store import MemoryGraphStore

NEO4J_URL_VAR = "PPSMATCH_NEO4J_URL"


@pytest.fixture(scope="session")
def neo4j_store():
    """The real Neo4j server started by scripts/neo4j (the test command starts it)."""
    url = os.environ.get(NEO4J_URL_VAR)
    if not url:
        pytest.fail(
            f"{NEO4J_URL_VAR} is not set: run the tests with scripts/test, or start the server "
            f"with `scripts/neo4j start` and export {NEO4J_URL_VAR}=$(scripts/neo4j url); "
            "deselect these tests locally with -m 'not neo4j'")
    from graph_schema.neo4j_store import Neo4jGraphStore, auth_from_env

    store = Neo4jGraphStore(url, auth=auth_from_env())
    store.ensure_schema()
    yield store
    store.clear()
    store.close()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """An empty GraphStore of each kind, one test at a time."""
    if request.param == "memory":
        yield MemoryGraphStore()
        return
    neo = request.getfixturevalue("neo4j_store")
    neo.clear()
    yield neo
