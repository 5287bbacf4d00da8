"""Seeding and importing whole datasets, and the graph's counts."""

from __future__ import annotations

from graph_schema.model import GraphStats, Label
from graph_schema.store import GraphStore
from seed_data.loader import LoadReport, load_bundle
from seed_data.seed import build_import_bundle, build_seed_bundle


def seed_store(store: GraphStore, companies: int, seed: int) -> LoadReport:
    """Load the real reference data plus `companies` synthetic companies into a store."""
    bundle = build_seed_bundle(companies=companies, seed=seed)
    return load_bundle(store, bundle)


def seed_if_empty(store: GraphStore, companies: int, seed: int) -> LoadReport | None:
    """Seed an empty embedded store; leave a store that already holds data alone."""
    if any(store.stats().nodes.values()):
        return None
    return seed_store(store, companies, seed)


def graph_stats(store: GraphStore) -> GraphStats:
    """Counts per label, relationship type and organisation kind."""
    return store.stats()


def import_folder(store: GraphStore, folder: str) -> LoadReport:
    """Load a folder in the generic import format (all-or-nothing)."""
    known = [o.id for o in store.list_nodes(Label.ORGANISATION)]
    return load_bundle(store, build_import_bundle(folder, known_org_ids=known))
