"""Learn the component weights from known coalitions: a conditional logit, weights >= 0.

Each training query hides one member of a known coalition; the model maximises the softmax
probability of the hidden member among the candidates of its kind (the hidden member plus a
sample of the others), so the weights are fitted for ranking, not for classifying pairs.
Non-negative weights keep every component an explanation of the score ("more fit, higher
score"); normalised to sum 1 they keep the score in [0, 1].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

from matcher.components import COMPONENTS

# Candidates sampled beside the hidden member per training query, and the L2 penalty.
NEGATIVES = 300
L2_PENALTY = 1e-4


@dataclass(frozen=True, slots=True)
class TrainingQuery:
    """Components of the hidden member (row 0) and of sampled other candidates."""

    components: np.ndarray  # candidates x COMPONENTS


def training_query(rows: np.ndarray, components: np.ndarray, target: int,
                   rng: np.random.Generator, negatives: int = NEGATIVES) -> TrainingQuery:
    """The hidden member's components first, then those of up to `negatives` others."""
    position = int(np.flatnonzero(rows == target)[0])
    others = np.flatnonzero(rows != target)
    sample = rng.choice(others, min(negatives, len(others)), replace=False)
    return TrainingQuery(components[np.concatenate([[position], np.sort(sample)])])


def _loss(w: np.ndarray, queries: list[TrainingQuery], shares: np.ndarray, penalty: float
          ) -> tuple[float, np.ndarray]:
    """Share-weighted negative log-likelihood of the hidden members plus an L2 penalty, and
    its gradient."""
    loss = penalty * float(w @ w)
    grad = 2 * penalty * w
    for q, share in zip(queries, shares, strict=True):
        s = q.components @ w
        lse = logsumexp(s)
        p = np.exp(s - lse)
        loss -= share * (s[0] - lse)
        grad -= share * (q.components[0] - p @ q.components)
    return loss, grad


def fit_pooled(sets: Sequence[Sequence[TrainingQuery]], penalty: float = L2_PENALTY
               ) -> dict[str, float]:
    """Non-negative component weights summing to 1 that rank the hidden members highest, each
    set of queries (one data set) counting equally however many queries it has."""
    sets = [list(s) for s in sets if s]
    if not sets:
        raise ValueError("no training queries: the data has no coalitions to learn from")
    queries = [q for s in sets for q in s]
    shares = np.concatenate([np.full(len(s), 1.0 / (len(s) * len(sets))) for s in sets])
    start = np.ones(len(COMPONENTS))
    fitted = minimize(_loss, start, args=(queries, shares, penalty), jac=True,
                      method="L-BFGS-B", bounds=[(0.0, None)] * len(COMPONENTS))
    total = float(fitted.x.sum())
    if total <= 0:
        raise ValueError("the learned weights are all zero: no component separates members")
    return {c: round(float(w) / total, 4) for c, w in zip(COMPONENTS, fitted.x, strict=True)}


def fit_weights(queries: list[TrainingQuery], penalty: float = L2_PENALTY) -> dict[str, float]:
    """Non-negative component weights summing to 1 that rank the hidden members highest."""
    return fit_pooled([queries], penalty)
