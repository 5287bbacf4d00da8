"""Choose the top k from scored candidates: greedy, diverse, mixed, within a score margin.

The choice is greedy, position by position, over a short list that does not depend on k, so
the first n of a longer list are the list of length n. At each position the best remaining
candidate is taken, unless one scoring at most REORDER_MARGIN below it is preferred for
diversity (MMR over profile text) or for the mix of new and experienced partners; such a
candidate is promoted and says why. A candidate without theme fit is never promoted over one
with theme fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.index import MatchIndex
from matcher.preparation import MAX_K, PreparedMission

# The short list: the best by score, enough for the longest list served.
SHORTLIST = 2 * MAX_K
# top_positions first takes the best of every SAMPLE_EVERY-th candidate of a long list.
SAMPLE_EVERY = 16
# The largest score gap a promotion may jump (scores are in [0, 1]; with the learned weights
# a list's scores lie close together, about 0.1-0.3, so the margin is kept small).
REORDER_MARGIN = 0.01
# MMR trade-off between score and redundancy (text-profile cosine to those already chosen).
MMR_LAMBDA = 0.8
# Among the first p positions at least floor(p * MIX_SHARE) are new partners (no pps yet) and
# as many experienced ones, where such candidates are within the margin.
MIX_SHARE = 0.2
PROMOTED_NEW = "nieuwe partner: voorgetrokken voor een mix van nieuwe en ervaren partners"
PROMOTED_EXPERIENCED = "ervaren partner: voorgetrokken voor een mix van nieuwe en ervaren partners"
PROMOTED_DIVERSE = "andere invalshoek: voorgetrokken omdat het profiel verschilt van de eerdere"


@dataclass(frozen=True, slots=True)
class Selection:
    """Chosen positions in list order, and per position why it was promoted ('' if not)."""

    positions: np.ndarray
    promoted: tuple[str, ...]


def top_positions(scores: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Positions of the n best scores, best first, ties by row (= by id)."""
    if n >= len(scores):
        return np.lexsort((rows, -scores))
    if len(scores) >= SAMPLE_EVERY * n * 4:
        # The n-th best of every SAMPLE_EVERY-th score is at most the n-th best of all: the
        # scores from it up hold the n best and every tie of the last, at a fraction of a
        # partition over all candidates (20 ms at a million).
        floor = np.partition(scores[::SAMPLE_EVERY], -n)[-n]
        keep = np.flatnonzero(scores >= floor)
        if len(keep) < len(scores):  # (not when the scores are mostly ties)
            return keep[top_positions(scores[keep], rows[keep], n)]
    cut = np.argpartition(-scores, n - 1)[:n]
    threshold = scores[cut].min()
    above = np.flatnonzero(scores > threshold)
    ties = np.flatnonzero(scores == threshold)
    ties = ties[np.argsort(rows[ties], kind="stable")][: n - len(above)]
    chosen = np.concatenate([above, ties])
    return chosen[np.lexsort((rows[chosen], -scores[chosen]))]


def _mix_need(new: np.ndarray, chosen: list[int]) -> bool | None:
    """Whether the next position must be a new (True) or experienced (False) partner."""
    quota = int((len(chosen) + 1) * MIX_SHARE)
    picked_new = int(new[chosen].sum()) if chosen else 0
    if picked_new < quota:
        return True
    if len(chosen) - picked_new < quota:
        return False
    return None


def select(index: MatchIndex, prep: PreparedMission, rows: np.ndarray, scores: np.ndarray,
           k: int) -> Selection:
    """The top-k positions into rows/scores, in list order, with the promotions' reasons."""
    short = top_positions(scores, rows, SHORTLIST)
    s = scores[short]
    if len(short) > k:
        # Only candidates within the margin of the k-th score can ever be eligible (every
        # position's best scores at least that): the rest of the short list, a prefix of
        # which they are, changes no choice and costs most of the similarity product.
        short = short[: int(np.searchsorted(-s, REORDER_MARGIN - s[k - 1], side="right"))]
        s = s[: len(short)]
    profiles = index.profile_rows(rows[short])
    n_text = index.model.n_text
    text = profiles[:, :n_text]
    sim = (text @ text.T).toarray()
    theme = np.asarray(profiles[:, n_text:] @ prep.query[n_text:, 1]).ravel() > 0
    new = index.memberships[rows[short]] == 0
    free = np.ones(len(short), dtype=bool)
    redundancy = np.zeros(len(short))
    chosen: list[int] = []
    promoted: list[str] = []
    for _ in range(min(k, len(short))):
        best = int(np.flatnonzero(free)[0])  # short is sorted: the first free scores highest
        eligible = free & (s >= s[best] - REORDER_MARGIN)
        if theme[best]:
            eligible &= theme
        need = _mix_need(new, chosen)
        why = PROMOTED_DIVERSE
        if need is not None and (eligible & (new == need)).any():
            eligible &= new == need
            why = PROMOTED_NEW if need else PROMOTED_EXPERIENCED
        value = np.where(eligible, MMR_LAMBDA * s - (1 - MMR_LAMBDA) * redundancy, -np.inf)
        pick = int(np.argmax(value))
        chosen.append(pick)
        promoted.append(why if s[pick] < s[best] else "")
        free[pick] = False
        redundancy = np.maximum(redundancy, sim[pick])
    return Selection(short[np.asarray(chosen, dtype=np.int64)], tuple(promoted))
