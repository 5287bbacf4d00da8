"""The Neo4j adapter turns every driver error into a graph_schema error naming the server."""

from __future__ import annotations

import os
import socket

import pytest
from neo4j import exceptions as neo4j_errors

from graph_schema.errors import GraphError, InvalidGraphData, NotFound, StoreUnavailable
from graph_schema.model import Label, OrganisationQuery, Theme
from graph_schema.neo4j_store import Neo4jGraphStore, auth_from_env
from tests.conftest import NEO4J_URL_VAR

CALLS = {
    "get_node": lambda s: s.get_node(Label.THEME, "energy"),
    "upsert_nodes": lambda s: s.upsert_nodes([Theme("energy", "Energie", "Energy")]),
    "search": lambda s: s.search_organisations(OrganisationQuery()),
    "snapshot": lambda s: s.snapshot(),
    "stats": lambda s: s.stats(),
    "revision": lambda s: s.revision(),
    "clear": lambda s: s.clear(),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("call", CALLS, ids=list(CALLS))
def test_a_server_that_does_not_answer_is_unavailable(call):
    url = f"bolt://127.0.0.1:{_free_port()}"
    store = Neo4jGraphStore(url, connection_timeout=1.0, retry_seconds=0.0)
    try:
        with pytest.raises(StoreUnavailable, match=f"Neo4j at {url} is unavailable"):
            CALLS[call](store)
    finally:
        store.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("call", CALLS, ids=list(CALLS))
def test_a_closed_store_is_unavailable(call):
    store = Neo4jGraphStore(os.environ[NEO4J_URL_VAR], auth=auth_from_env())
    store.revision()
    store.close()
    with pytest.raises(StoreUnavailable, match="is closed"):
        CALLS[call](store)


@pytest.mark.neo4j
def test_a_server_error_is_a_graph_error_naming_the_server():
    url = os.environ[NEO4J_URL_VAR]
    store = Neo4jGraphStore(url, auth=auth_from_env(), database="nosuchdatabase")
    try:
        with pytest.raises(GraphError, match=f"Neo4j at {url} failed") as caught:
            store.stats()
    finally:
        store.close()
    assert not isinstance(caught.value, neo4j_errors.Neo4jError | neo4j_errors.DriverError)
    assert isinstance(caught.value.__cause__, neo4j_errors.Neo4jError)


@pytest.mark.neo4j
def test_a_missing_node_is_not_found_not_a_driver_error(neo4j_store):
    neo4j_store.clear()
    with pytest.raises(NotFound):
        neo4j_store.get_node(Label.ORGANISATION, "kvk:404")
    with pytest.raises(NotFound):
        neo4j_store.delete_organisation("kvk:404")


@pytest.mark.parametrize("url", ["http://127.0.0.1:7474", "bolt://127.0.0.1:notaport"])
def test_a_bad_url_is_invalid_graph_data(url):
    with pytest.raises(InvalidGraphData, match="URL"):
        Neo4jGraphStore(url)
