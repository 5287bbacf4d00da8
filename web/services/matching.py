"""Matching use cases: recommendations, coalition check, builder, what-if and evaluation."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

import matcher
from graph_schema.store import GraphStore
from matcher import CoalitionCheck, MatchResult, Mission
from matcher.coalition import CoalitionProposal
from web.services.read_model import ReadModel

P = ParamSpec("P")
T = TypeVar("T")
# The matcher is CPU-bound (Python and numpy in turns). Requests that run it in parallel
# threads of one process pass the GIL back and forth and thrash it: at 100k organisations, 8
# clients on one worker got 25.7 recommendations/s at p99 1,234 ms with 8 threads, and 46.7/s at
# p99 207 ms with one. So each process matches one request at a time; other requests (pages,
# searches, health) keep the other threads, and workers are processes of their own.
_MATCHING = threading.Lock()


def one_at_a_time(use_case: Callable[P, T]) -> Callable[P, T]:
    """Run the use case while no other thread of this process runs a matching use case."""
    @functools.wraps(use_case)
    def serialised(*args: P.args, **kwargs: P.kwargs) -> T:
        with _MATCHING:
            return use_case(*args, **kwargs)
    return serialised


@one_at_a_time
def recommend(model: ReadModel, mission: Mission) -> MatchResult:
    """Ranked partners per wanted kind with breakdown and reasons, plus the coalition check."""
    return matcher.match(model.index, mission)


@one_at_a_time
def check_coalition(model: ReadModel, mission: Mission) -> CoalitionCheck:
    """Rules met by the coalition `mission.with_ids`, missing kinds, candidates to fill them."""
    return matcher.check_coalition(model.index, mission)


@one_at_a_time
def build_coalition(model: ReadModel, mission: Mission, max_size: int) -> CoalitionProposal:
    """A proposed complete coalition for the mission, starting from `mission.with_ids`."""
    return matcher.build_coalition(model.index, mission, max_size)


@one_at_a_time
def what_if(model: ReadModel, mission: Mission, add: Sequence[str],
            remove: Sequence[str]) -> dict[str, Any]:
    """How rules met and theme coverage change when partners are added or removed."""
    return matcher.what_if(model.index, mission, add, remove)


def evaluate(store: GraphStore, k: int, split_year: int | None,
             ablate: bool = False) -> dict[str, Any]:
    """Leave-one-out evaluation of ppsmatch and baselines on the store's coalitions."""
    return matcher.evaluate(store.snapshot(), k=k, split_year=split_year, ablate=ablate)


def learn_weights(stores: Sequence[GraphStore], split_year: int | None,
                  real_only: bool = False) -> dict[str, Any]:
    """ppsmatch's component weights learned from the known coalitions of several stores."""
    weights, queries = matcher.learn_weights([s.snapshot() for s in stores], split_year,
                                             real_only)
    return {"weights": weights, "queries": queries, "split_year": split_year,
            "real_only": real_only}
