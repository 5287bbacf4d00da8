"""The Neo4j figures of one scale: load rows/s beside a one-row-per-call baseline, snapshot, clear.

Run in a fresh process per scale (see bench.suite), against a server from bench.neo4j_server.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from bench.neo4j_server import cpu_seconds
from bench.timing import timed
from graph_schema.factory import open_store
from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import GraphSnapshot, Node, Relationship
from graph_schema.store import GraphStore
from seed_data.bundle import Bundle
from seed_data.loader import load_bundle, validate_bundle
from seed_data.seed import build_seed_bundle

T = TypeVar("T")
# The baseline writes one row per call (one transaction each): a sample of this share of the
# rows, at least and at most so many, is timed and compared as rows per second.
BASELINE_SHARE = 200
BASELINE_ROWS = (100, 5_000)


def _measured(work: Callable[[], T], server_pid: int) -> tuple[T, dict[str, float]]:
    """The value of `work` and its wall seconds, this process's and the server's CPU seconds."""
    server, cpu, start = cpu_seconds(server_pid), time.process_time(), time.perf_counter()
    value = work()
    return value, {"seconds": time.perf_counter() - start,
                   "client_cpu_s": time.process_time() - cpu,
                   "server_cpu_s": cpu_seconds(server_pid) - server}


def snapshot_digest(snapshot: GraphSnapshot) -> str:
    """SHA-256 over every node and relationship of a snapshot, in its order."""
    digest = hashlib.sha256()
    for group in (snapshot.provinces, snapshot.municipalities, snapshot.themes,
                  snapshot.organisations, snapshot.ppses, snapshot.relationships):
        for item in group:
            digest.update(repr(item).encode("utf-8"))
        digest.update(b"|")
    return digest.hexdigest()


def _sample(bundle: Bundle) -> tuple[list[Node], list[Relationship]]:
    """Every k-th distinct node and relationship, about one row in BASELINE_SHARE."""
    by_label, by_type = validate_bundle(None, bundle)
    nodes = [node for group in by_label.values() for node in group]
    rels = [rel for group in by_type.values() for rel in group]
    low, high = BASELINE_ROWS
    wanted = min(max((len(nodes) + len(rels)) // BASELINE_SHARE, low), high)
    step = max((len(nodes) + len(rels)) // wanted, 1)
    return nodes[::step], rels[::step]


def _baseline(store: GraphStore, nodes: Sequence[Node], rels: Sequence[Relationship],
              server_pid: int) -> dict[str, float]:
    """Rows per second when every row is its own call, on rows already loaded (idempotent)."""
    def one_by_one() -> None:
        for node in nodes:
            store.upsert_nodes([node])
        for rel in rels:
            store.link([rel])

    _, cost = _measured(one_by_one, server_pid)
    rows = len(nodes) + len(rels)
    return {"rows": rows, **cost, "rows_per_s": rows / cost["seconds"]}


def _reference(bundle: Bundle) -> tuple[str, float]:
    """The memory store's snapshot digest for the bundle and its snapshot seconds."""
    memory = MemoryGraphStore()
    load_bundle(memory, bundle)
    snapshot, seconds = timed(memory.snapshot)
    return snapshot_digest(snapshot), seconds


def _load(store: GraphStore, companies: int, seed: int, server_pid: int) -> dict[str, Any]:
    """Generate the seed graph, load it into the emptied store, time the baseline on it.

    The bundle lives only in here, so the snapshot afterwards is measured without it.
    """
    bundle, generate_s = timed(lambda: build_seed_bundle(companies=companies, seed=seed))
    reference, memory_snapshot_s = _reference(bundle)
    _, clear_before_s = timed(store.clear)
    report, load = _measured(lambda: load_bundle(store, bundle), server_pid)
    rows = sum(report.nodes.values()) + sum(report.relationships.values())
    rate = rows / load["seconds"]
    baseline = _baseline(store, *_sample(bundle), server_pid)
    return {"rows": rows, "reference": reference,
            "seconds": {"generate": generate_s, "clear_before": clear_before_s,
                        "memory_store_snapshot": memory_snapshot_s},
            "load": {**load, "rows_per_s": rate, "batches": report.batches},
            "baseline": baseline, "load_ratio": rate / baseline["rows_per_s"]}


def measure_neo4j(companies: int, seed: int, url: str, server_pid: int) -> dict[str, Any]:
    """Load the seed graph into an emptied Neo4j, time a baseline, snapshot() and clear()."""
    store = open_store(url)
    try:
        store.ensure_schema()
        figures = _load(store, companies, seed, server_pid)
        snapshot, snap = _measured(store.snapshot, server_pid)
        snap["identical_to_memory_store"] = snapshot_digest(snapshot) == figures.pop("reference")
        snap["ratio_to_memory_store"] = (snap["seconds"]
                                         / figures["seconds"]["memory_store_snapshot"])
        counts = {"organisations": len(snapshot.organisations),
                  "relationships": len(snapshot.relationships)}
        del snapshot
        _, clear = _measured(store.clear, server_pid)
        stats = store.stats()
        clear["leaves_empty_store"] = (not any(stats.nodes.values())
                                       and not any(stats.relationships.values()))
    finally:
        store.close()
    return {"companies": companies, **counts, **figures, "snapshot": snap, "clear": clear}
