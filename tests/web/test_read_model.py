"""The read model per revision: rebuilt off the request path, old one serving meanwhile."""

from __future__ import annotations

import threading
import time

import pytest

from graph_schema.memory_store import MemoryGraphStore
from tests.contract import sample
from tests.web.visibility import wait_visible
from web.app import create_app
from web.config import Settings
from web.services import seeding
from web.state import READ_MODEL_HEADER, WRITE_HEADER, state

PROVINCE = {"name": "Provincie Utrecht", "kind": "government", "subtype": "provincie",
            "gemeenten": ["GM0344"], "themes": [{"id": "energy_transition", "weight": 1.0}]}
CELL = "/api/coverage?province=PV26&theme=energy_transition"


def _governments(client) -> tuple[int, str]:
    """Governments in the Utrecht x energy transition cell, and the revision that answered."""
    response = client.get(CELL)
    return response.get_json()["cells"][0]["counts"]["government"], response.headers[
        READ_MODEL_HEADER]


def _gated(app):
    """Make the app's rebuilds wait for a gate; returns (started, gate)."""
    models = state(app).read_models
    build, started, gate = models.build, threading.Event(), threading.Event()

    def gated_build(store):
        started.set()
        assert gate.wait(60), "the test never opened the gate"
        return build(store)

    models.build = gated_build
    return started, gate


def test_a_write_becomes_visible_after_the_rebuild(client, bearer):
    before, old = _governments(client)
    write = client.put("/api/organisations/gov:pv26", json=PROVINCE, headers=bearer("editor"))
    assert write.status_code == 200
    assert write.headers[READ_MODEL_HEADER] == old
    assert write.headers[WRITE_HEADER] != old
    ready = wait_visible(client, write)
    assert ready["read_model"]["last_error"] is None
    after, served = _governments(client)
    assert (before, after) == (0, 1)
    assert served == ready["read_model"]["revision"]


def test_readers_during_a_rebuild_are_served_by_the_old_model(app, client, bearer):
    _, old = _governments(client)
    started, gate = _gated(app)
    write = client.put("/api/organisations/gov:pv26", json=PROVINCE, headers=bearer("editor"))
    assert started.wait(10)
    for _ in range(3):
        assert _governments(client) == (0, old)
    ready = client.get("/readyz").get_json()
    assert ready["read_model"]["building"] is True
    assert ready["read_model"]["revision"] == old
    assert ready["store_revision"] == write.headers[WRITE_HEADER]
    gate.set()
    wait_visible(client, write)
    assert _governments(client)[0] == 1


def test_a_failing_rebuild_keeps_the_old_model_and_says_so_on_readyz(app, client, bearer):
    _, old = _governments(client)
    models = state(app).read_models
    build = models.build

    def failing(store):
        raise RuntimeError("snapshot exploded")

    models.build = failing
    write = client.put("/api/organisations/gov:pv26", json=PROVINCE, headers=bearer("editor"))
    assert models.wait_idle(30)
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["read_model"]["revision"] == old
    assert body["read_model"]["last_error"] == "RuntimeError: snapshot exploded"
    assert _governments(client) == (0, old)
    models.build = build
    models.refresh()  # a later change (or a write) tries again
    wait_visible(client, write)
    assert client.get("/readyz").get_json()["read_model"]["last_error"] is None
    assert _governments(client)[0] == 1


def test_concurrent_requests_after_a_write_start_one_rebuild(tokens_file, bearer):
    store = MemoryGraphStore()
    sample.load_sample(store)
    app = create_app(Settings(tokens_file=str(tokens_file)), store=store)
    client = app.test_client()
    models = state(app).read_models
    started, gate = _gated(app)
    builds = models.builds
    write = client.put("/api/organisations/gov:pv26", json=PROVINCE, headers=bearer("editor"))
    assert started.wait(10)
    answers: list[int] = []

    def read():
        own = app.test_client()
        for _ in range(5):
            answers.append(own.get(CELL).status_code)
            answers.append(own.get("/readyz").status_code)
            time.sleep(0.25)  # several rechecks fall inside the build

    readers = [threading.Thread(target=read) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    gate.set()
    wait_visible(client, write)
    for _ in range(5):  # rechecks after the build find nothing new
        client.get(CELL)
        time.sleep(0.25)
    assert models.wait_idle(30)
    assert answers == [200] * 80
    assert models.builds == builds + 1


@pytest.fixture(scope="module")
def seeded_store():
    """A seeded embedded graph, big enough that a rebuild takes a while."""
    store = MemoryGraphStore()
    seeding.seed_store(store, 2000, 11)
    return store


def test_a_rebuild_completes_while_readers_saturate_the_service(seeded_store, tokens_file,
                                                                bearer, capsys):
    app = create_app(Settings(tokens_file=str(tokens_file)), store=seeded_store)
    alone = state(app).read_models.status()["build_seconds"]
    client = app.test_client()
    stop = threading.Event()
    served: list[tuple[int, str]] = []
    mission = {"mission": "energietransitie en waterstof", "province": "Groningen", "k": 5}

    def read():
        own = app.test_client()
        while not stop.is_set():
            response = own.post("/api/recommendations", json=mission)
            served.append((response.status_code, response.headers[READ_MODEL_HEADER]))

    readers = [threading.Thread(target=read) for _ in range(6)]
    for reader in readers:
        reader.start()
    try:
        deadline = time.monotonic() + 60
        while not served and time.monotonic() < deadline:
            time.sleep(0.05)  # until the readers are being answered (slow on a loaded machine)
        old = served[-1][1]
        began = time.perf_counter()
        write = client.put("/api/organisations/gov:pv20", headers=bearer("editor"), json={
            **PROVINCE, "name": "Provincie Groningen", "gemeenten": ["GM0014"]})
        ready = wait_visible(client, write, timeout=300)
        took = time.perf_counter() - began
        deadline = time.monotonic() + 30
        while served[-1][1] == old and time.monotonic() < deadline:
            time.sleep(0.05)  # until a reader is answered by the new model
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    with capsys.disabled():
        print(f"\nrebuild: {alone:.2f} s alone, visible after {took:.2f} s under "
              f"{len(readers)} saturating readers ({len(served)} recommendations served)")
    assert ready["read_model"]["revision"] == write.headers[WRITE_HEADER]
    assert {status for status, _ in served} == {200}
    revisions = [revision for _, revision in served]
    assert old in revisions and write.headers[WRITE_HEADER] in revisions


def test_a_replaced_model_is_let_go_and_its_memory_handed_back(app, client, bearer):
    import gc
    import weakref

    from web.memory import release_freed_memory

    models = state(app).read_models
    old = weakref.ref(models.current())
    response = client.put("/api/organisations/weg:1", json={"name": "Weg B.V.",
                                                            "kind": "company"},
                          headers=bearer("editor"))
    assert response.status_code == 200
    assert models.wait_idle(60)
    gc.collect()
    assert old() is None  # nothing holds the previous revision's model
    assert models.current().revision == response.headers[WRITE_HEADER]
    assert release_freed_memory() is True  # glibc: malloc_trim is there and was called
