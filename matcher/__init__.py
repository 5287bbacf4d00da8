"""Pure matching analytics: partner ranking, coalition rules and builder, evaluation.

No I/O, no store, no Flask: everything works on a `GraphSnapshot` through a `MatchIndex`
built once with `build_index` (rebuild it when the store's revision changes).

    index = build_index(snapshot)
    match(index, Mission(...)).to_dict()           # ranked candidates per kind (+ check)
    check_coalition(index, mission).to_dict()       # rules, missing kinds, candidates
    gap_candidates(index, mission, kinds)            # candidates for given missing kinds
    build_coalition(index, mission, max_size=8).to_dict()
    what_if(index, mission, add=(...), remove=(...))  # already a dict
    evaluate(snapshot, k=10, split_year=None, random_state=0)  # metrics dict
    learn_weights(snapshot, split_year=None)       # component weights from known coalitions

Unknown theme, province, gemeente or organisation ids and bad kinds or k raise `MatchError`
(a ValueError): a client error.
"""

from matcher.coalition import build_coalition, check_coalition, gap_candidates, match, what_if
from matcher.evaluation import evaluate, learn_weights
from matcher.index import MatchIndex, build_index
from matcher.query import (
    Candidate,
    CoalitionCheck,
    Filters,
    MatchError,
    MatchResult,
    Mission,
    Reason,
    RuleResult,
)
from matcher.weights import WEIGHTS

__all__ = [
    "WEIGHTS",
    "Candidate",
    "CoalitionCheck",
    "Filters",
    "MatchError",
    "MatchIndex",
    "MatchResult",
    "Mission",
    "Reason",
    "RuleResult",
    "build_coalition",
    "build_index",
    "check_coalition",
    "evaluate",
    "gap_candidates",
    "learn_weights",
    "match",
    "what_if",
]
