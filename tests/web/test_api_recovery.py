"""A Neo4j outage gives 503 on store reads (the read model keeps serving), and the service
recovers by itself when Neo4j returns."""

from __future__ import annotations

import os
import time
from urllib.parse import urlsplit

import pytest

from graph_schema.neo4j_store import Neo4jGraphStore, auth_from_env
from tests.conftest import NEO4J_URL_VAR
from tests.contract import sample
from tests.web.tcp_proxy import TcpProxy
from web.app import create_app
from web.config import Settings

PATHS = ("/readyz", "/api/organisations", "/api/network?id=pps:1")
# Answered from the read model alone: served through an outage.
MODEL_PATHS = ("/api/themes", "/api/coverage")


def _eventually(client, path, status, seconds=20.0):
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(path)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


@pytest.mark.neo4j
def test_outage_gives_503_and_the_service_recovers(neo4j_store, tokens_file):
    neo4j_store.clear()
    sample.load_sample(neo4j_store)
    upstream = urlsplit(os.environ[NEO4J_URL_VAR])
    with TcpProxy(upstream.hostname, upstream.port) as proxy:
        store = Neo4jGraphStore(f"bolt://127.0.0.1:{proxy.port}", auth=auth_from_env(),
                                connection_timeout=1.0, retry_seconds=0.5)
        client = create_app(Settings(tokens_file=str(tokens_file)), store=store).test_client()
        try:
            every = PATHS + MODEL_PATHS
            assert [client.get(p).status_code for p in every] == [200] * len(every)
            proxy.stop()
            for path in PATHS:
                response = client.get(path)
                assert response.status_code == 503, path
                assert response.get_json()["code"] == "store_unavailable"
                assert "unavailable" in response.get_json()["message"]
            time.sleep(1.1)  # past the read models' recheck, which meets the outage too
            for path in MODEL_PATHS:
                assert client.get(path).status_code == 200, path
            proxy.start()
            for path in PATHS:
                assert _eventually(client, path, 200).status_code == 200, path
        finally:
            store.close()
