"""Use cases of the service, in primitives and dataclasses (no Flask here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matcher
from graph_schema.model import GraphStats, Label
from graph_schema.store import GraphStore
from matcher import MatchIndex, Mission, build_index, match
from seed_data.loader import LoadReport, load_bundle
from seed_data.seed import build_import_bundle, build_seed_bundle
from web import catalogue


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


def match_index(store: GraphStore) -> MatchIndex:
    """The matcher's index for the store's current data, rebuilt only after a change."""
    return catalogue.cached(store, "match_index", lambda s: build_index(s.snapshot()))


def recommend(store: GraphStore, mission: Mission) -> dict[str, Any]:
    """Ranked partners per wanted kind with breakdown and reasons, plus the coalition check."""
    return match(match_index(store), mission).to_dict()


def check_coalition(store: GraphStore, mission: Mission) -> dict[str, Any]:
    """Rules met by the coalition `mission.with_ids`, missing kinds, candidates to fill them."""
    return matcher.check_coalition(match_index(store), mission).to_dict()


def build_coalition(store: GraphStore, mission: Mission, max_size: int) -> dict[str, Any]:
    """A proposed complete coalition for the mission, starting from `mission.with_ids`."""
    return matcher.build_coalition(match_index(store), mission, max_size).to_dict()


def what_if(store: GraphStore, mission: Mission, add: Sequence[str],
            remove: Sequence[str]) -> dict[str, Any]:
    """How rules met and theme coverage change when partners are added or removed."""
    return matcher.what_if(match_index(store), mission, add, remove)


def evaluate(store: GraphStore, k: int, split_year: int | None) -> dict[str, Any]:
    """Leave-one-out evaluation of ppsmatch and baselines on the store's coalitions."""
    return matcher.evaluate(store.snapshot(), k=k, split_year=split_year)


def import_folder(store: GraphStore, folder: str) -> LoadReport:
    """Load a folder in the generic import format (all-or-nothing)."""
    known = [o.id for o in store.list_nodes(Label.ORGANISATION)]
    return load_bundle(store, build_import_bundle(folder, known_org_ids=known))
