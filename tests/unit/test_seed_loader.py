"""Loading bundles into the memory store: validated first, idempotent, resumable."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import Label, Organisation, OrgKind, RelType, make_relationship
from seed_data.bundle import Bundle, BundleError
from seed_data.loader import load_bundle, validate_bundle
from seed_data.seed import build_import_bundle, build_seed_bundle, framework_bundle

EXAMPLE = Path(__file__).resolve().parents[2] / "seed_data" / "example"


@lru_cache(maxsize=1)
def seed() -> Bundle:
    return build_seed_bundle(companies=300)


def test_the_seed_loads_and_the_store_counts_match_the_bundle():
    store = MemoryGraphStore()
    report = load_bundle(store, seed())
    stats = store.stats()
    assert stats.nodes == seed().counts()["nodes"]
    assert stats.relationships == seed().counts()["relationships"]
    assert stats.organisations_by_kind == seed().counts()["organisations_by_kind"]
    assert stats.pps_by_origin == seed().counts()["pps_by_origin"]
    assert report.nodes == stats.nodes and report.relationships == stats.relationships
    assert "loaded" in report.summary()


def test_loading_twice_changes_nothing():
    store = MemoryGraphStore()
    load_bundle(store, seed())
    before = store.snapshot()
    load_bundle(store, seed())
    assert store.snapshot() == before


def test_an_invalid_bundle_writes_nothing():
    bad = seed().merge(Bundle(relationships=(
        make_relationship(RelType.LOCATED_IN, "duo:25PZ", "GM9999", main=False),)))
    store = MemoryGraphStore()
    with pytest.raises(BundleError, match="Municipality 'GM9999' is neither in the bundle"):
        load_bundle(store, bad)
    assert not any(store.stats().nodes.values())


def test_a_node_given_twice_with_different_content_is_refused():
    org = Organisation(id="x", name="X", kind=OrgKind.OTHER)
    with pytest.raises(BundleError, match="Organisation 'x' is given twice"):
        validate_bundle(None, Bundle(nodes=(org, replace(org, name="Y"))))


def test_bad_property_values_are_refused_before_writing():
    org = Organisation(id="x", name="X", kind=OrgKind.OTHER)
    rel = make_relationship(RelType.WORKS_ON, "x", "hydrogen", weight=1.5)
    bundle = framework_bundle().merge(Bundle(nodes=(org,), relationships=(rel,)))
    store = MemoryGraphStore()
    with pytest.raises(BundleError, match=r"weight 1.5 is not a number in \[0, 1\]"):
        load_bundle(store, bundle)
    assert not any(store.stats().nodes.values())


def test_endpoints_already_in_the_store_are_accepted():
    store = MemoryGraphStore()
    load_bundle(store, framework_bundle())
    org = Organisation(id="x", name="X", kind=OrgKind.OTHER)
    load_bundle(store, Bundle(nodes=(org,), relationships=(
        make_relationship(RelType.LOCATED_IN, "x", "GM0014", main=True),)))
    assert store.get_node(Label.ORGANISATION, "x") == org


class CrashingStore(MemoryGraphStore):
    """A memory store whose process 'dies' after a number of write calls."""

    def __init__(self, writes_before_crash: int):
        super().__init__()
        self.left = writes_before_crash

    def _tick(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise KeyboardInterrupt("killed")

    def upsert_nodes(self, nodes):
        self._tick()
        return super().upsert_nodes(nodes)

    def link(self, relationships):
        self._tick()
        return super().link(relationships)


def test_a_killed_load_is_completed_by_running_it_again():
    store = CrashingStore(writes_before_crash=6)
    with pytest.raises(KeyboardInterrupt):
        load_bundle(store, seed(), batch_size=500)
    store.left = 10**9
    load_bundle(store, seed(), batch_size=500)
    clean = MemoryGraphStore()
    load_bundle(clean, seed())
    assert store.snapshot() == clean.snapshot()


def test_batches_follow_the_batch_size_and_progress_is_reported():
    calls = []
    report = load_bundle(MemoryGraphStore(), framework_bundle(), batch_size=100,
                         progress=lambda name, done, total: calls.append((name, done, total)))
    assert ("Municipality", 342, 342) in calls
    assert report.batches == len(calls)


def test_the_example_import_loads_on_its_own_and_on_top_of_the_seed():
    alone = MemoryGraphStore()
    load_bundle(alone, build_import_bundle(EXAMPLE))
    assert alone.get_node(Label.PPS, "ex:pps-zuivel").type == "CIV"
    both = MemoryGraphStore()
    load_bundle(both, seed())
    load_bundle(both, build_import_bundle(EXAMPLE))
    assert both.stats().nodes["Pps"] == seed().counts()["nodes"]["Pps"] + 4
