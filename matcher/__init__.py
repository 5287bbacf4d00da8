"""Pure matching analytics: partner ranking, coalition rules and builder, evaluation.

No I/O, no store, no Flask: everything works on a `GraphSnapshot` through a `MatchIndex`
built once with `build_index`.
"""

from matcher.coalition import build_coalition, check_coalition, match, what_if
from matcher.evaluation import evaluate
from matcher.index import MatchIndex, build_index
from matcher.preparation import WEIGHTS
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
    "match",
    "what_if",
]
