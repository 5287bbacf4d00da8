"""`ppsmatch serve` on Neo4j with 2 workers: one snapshot and build before the fork, shared."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph_schema.model import Organisation, OrgKind
from tests.contract import sample

PPSMATCH = Path(sys.executable).parent / "ppsmatch"
WORKERS = 2
BUILT = re.compile(r"read model of revision \S+ built by pid (\d+) into a file")  # a build


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _readyz(base: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except OSError:
        return 0, {}  # not listening yet


def _every_worker(base: str, done, seconds: float = 90) -> dict[int, dict]:
    """Poll /readyz until each worker's latest answer satisfies `done`; by worker pid."""
    seen: dict[int, dict] = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = _readyz(base)
        if status == 200:
            seen[body["pid"]] = body
            if len(seen) == WORKERS and all(done(pid, b) for pid, b in seen.items()):
                return seen
        time.sleep(0.05)
    pytest.fail(f"the workers never all answered as expected: {seen}")


def _messages(log: Path) -> list[str]:
    lines = (json.loads(line) for line in log.read_text().splitlines() if line.startswith("{"))
    return [line["message"] for line in lines]


def _builders(log: Path) -> list[int]:
    """The pid of every builder child in the order they finished."""
    return [int(found[1]) for found in map(BUILT.match, _messages(log)) if found]


@contextmanager
def _serve(url: str, folder: Path, **env: str):
    """`ppsmatch serve --workers 2` on a Neo4j store; (base url, master, log)."""
    port, log = _free_port(), folder / f"serve-{time.monotonic_ns()}.log"
    env = {**os.environ, "PPSMATCH_TOKENS_FILE": str(folder / "tokens.json"), **env}
    with log.open("w") as sink:
        master = subprocess.Popen(
            [str(PPSMATCH), "serve", "--store", url, "--port", str(port),
             "--workers", str(WORKERS), "--threads", "2"],
            env=env, stdout=sink, stderr=sink)
    try:
        yield f"http://127.0.0.1:{port}", master, log
    finally:
        master.terminate()
        master.wait(30)


@pytest.fixture
def served(neo4j_store, tmp_path):
    """The sample graph in Neo4j served by `ppsmatch serve --workers 2`; (url, master, log)."""
    neo4j_store.clear()
    sample.load_sample(neo4j_store)
    with _serve(neo4j_store.url, tmp_path) as service:
        yield service


@pytest.mark.neo4j
def test_every_worker_serves_the_one_model_built_before_forking(served, neo4j_store):
    base, master, log = served
    revision = neo4j_store.revision()
    workers = _every_worker(base, lambda pid, body: True)
    assert master.pid not in workers
    [builder] = _builders(log)  # a child of the master, before the workers were forked
    for body in workers.values():
        assert body["read_model"]["built_by"] == builder
        assert body["read_model"]["revision"] == body["store_revision"] == revision
        assert body["read_model"]["building"] is False
    assert builder not in {master.pid, *workers}
    [shared] = [m for m in _messages(log) if m.endswith("shared by the workers")]
    assert shared.startswith(f"read model of revision {revision} (built by pid {builder} in ")


@pytest.mark.neo4j
def test_after_a_write_one_child_builds_the_model_every_worker_loads(served, neo4j_store):
    base, master, log = served
    _every_worker(base, lambda pid, body: True)
    neo4j_store.upsert_nodes([Organisation("kvk:9", "Nieuw B.V.", OrgKind.COMPANY)])
    revision = neo4j_store.revision()
    workers = _every_worker(base, lambda pid, body: body["read_model"]["revision"] == revision)
    builders = {body["read_model"]["built_by"] for body in workers.values()}
    assert len(builders) == 1
    assert builders.isdisjoint({master.pid, *workers})  # a child of one of the workers
    assert len(_builders(log)) == 1 + 1


@pytest.mark.neo4j
def test_a_restart_on_a_built_revision_loads_its_kept_model(neo4j_store, tmp_path):
    neo4j_store.clear()
    sample.load_sample(neo4j_store)
    kept = tmp_path / "models"
    with _serve(neo4j_store.url, tmp_path, PPSMATCH_MODEL_DIR=str(kept)) as (base, _, log):
        first = _every_worker(base, lambda pid, body: True)
        [builder] = _builders(log)
    with _serve(neo4j_store.url, tmp_path, PPSMATCH_MODEL_DIR=str(kept)) as (base, _, log):
        again = _every_worker(base, lambda pid, body: True)
        assert _builders(log) == []  # nothing built: the file of that revision was loaded
    assert {b["read_model"]["built_by"] for b in again.values()} == {builder}
    assert set(again).isdisjoint(first)
    [folder] = kept.iterdir()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_when_the_first_build_fails_the_workers_start_and_build_their_own(tmp_path):
    port, log = _free_port(), tmp_path / "serve.log"
    env = {**os.environ, "PPSMATCH_TOKENS_FILE": str(tmp_path / "tokens.json")}
    with log.open("w") as sink:
        master = subprocess.Popen(  # nothing listens on the store's port
            [str(PPSMATCH), "serve", "--store", f"bolt://127.0.0.1:{_free_port()}", "--port",
             str(port), "--workers", str(WORKERS)], env=env, stdout=sink, stderr=sink)
    try:
        deadline, status = time.monotonic() + 60, 0
        while status == 0 and time.monotonic() < deadline:
            status, body = _readyz(f"http://127.0.0.1:{port}")
            time.sleep(0.1)
    finally:
        master.terminate()
        master.wait(30)
    assert (status, body["code"]) == (503, "store_unavailable")
    assert "each worker builds its own" in log.read_text()
