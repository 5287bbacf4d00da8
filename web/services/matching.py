"""Matching use cases: recommendations, coalition check, builder, what-if and evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matcher
from graph_schema.store import GraphStore
from matcher import CoalitionCheck, MatchIndex, MatchResult, Mission, build_index
from matcher.coalition import CoalitionProposal
from web.services import catalogue


def match_index(store: GraphStore) -> MatchIndex:
    """The matcher's index for the store's current data, rebuilt only after a change."""
    return catalogue.cached(store, "match_index", lambda s: build_index(s.snapshot()))


def recommend(store: GraphStore, mission: Mission) -> MatchResult:
    """Ranked partners per wanted kind with breakdown and reasons, plus the coalition check."""
    return matcher.match(match_index(store), mission)


def check_coalition(store: GraphStore, mission: Mission) -> CoalitionCheck:
    """Rules met by the coalition `mission.with_ids`, missing kinds, candidates to fill them."""
    return matcher.check_coalition(match_index(store), mission)


def build_coalition(store: GraphStore, mission: Mission, max_size: int) -> CoalitionProposal:
    """A proposed complete coalition for the mission, starting from `mission.with_ids`."""
    return matcher.build_coalition(match_index(store), mission, max_size)


def what_if(store: GraphStore, mission: Mission, add: Sequence[str],
            remove: Sequence[str]) -> dict[str, Any]:
    """How rules met and theme coverage change when partners are added or removed."""
    return matcher.what_if(match_index(store), mission, add, remove)


def evaluate(store: GraphStore, k: int, split_year: int | None) -> dict[str, Any]:
    """Leave-one-out evaluation of ppsmatch and baselines on the store's coalitions."""
    return matcher.evaluate(store.snapshot(), k=k, split_year=split_year)
