"""Score candidates of a kind in one sparse pass, take the top, diversify, explain."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind
from matcher.index import MatchIndex
from matcher.notions import organisation_provinces
from matcher.preparation import PreparedMission
from matcher.query import Candidate
from matcher.reasons import explain

# The short list MMR works on: max(SHORTLIST_MIN, SHORTLIST_FACTOR * k) best by score.
SHORTLIST_MIN = 30
SHORTLIST_FACTOR = 3
# MMR trade-off between score and redundancy (text-profile cosine to those already chosen).
MMR_LAMBDA = 0.8
# At least this share of the top k are new partners (no pps yet) and at least this share
# experienced ones, when the short list has such candidates scoring >= MIX_MIN_RELATIVE * best.
MIX_SHARE = 0.2
MIX_MIN_RELATIVE = 0.5
# Regional support comes from the mission's own region (DESIGN section 1): the scores of
# governments and boards are scaled by their region fit, so those elsewhere sink to the bottom
# while every candidate stays rankable.
REGIONAL_KINDS = (OrgKind.GOVERNMENT, OrgKind.BOARD)


def _filter_mask(index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> np.ndarray:
    """Which candidates of a kind pass the mission's filters and are not yet partners."""
    block = index.blocks[kind]
    filters = prep.mission.filters
    keep = np.ones(len(block.rows), dtype=bool)
    if prep.network is not None:
        keep &= ~np.isin(block.rows, prep.network.seeds)
    if not filters.include_synthetic:
        keep &= ~index.synthetic[block.rows]
    if filters.size_classes:
        sizes = index.size_classes.codes_of(filters.size_classes, keep_empty=True)
        keep &= np.isin(index.size_classes.codes[block.rows], sizes)
    if filters.subtypes:
        subtypes = index.subtypes.codes_of(tuple(s.lower() for s in filters.subtypes))
        keep &= np.isin(index.subtypes.codes[block.rows], subtypes)
    if filters.province:
        prov = index.regions.province_pos[filters.province]
        inside = organisation_provinces(block.municipalities, index.regions.municipality_province,
                                        block.provinces)[:, prov]
        keep &= inside.toarray().ravel() > 0
    return keep


def score_kind(
    index: MatchIndex, prep: PreparedMission, kind: OrgKind
) -> tuple[np.ndarray, np.ndarray]:
    """Scores in [0, 1] of every candidate of a kind that passes the filters: (rows, scores)."""
    block = index.blocks[kind]
    score = index.block_scores(kind, prep.query)
    w = prep.weights
    region = None
    if prep.municipality_fit is not None:
        region = prep.region_fit(block.municipalities, block.provinces, block.rows)
        score += w["region_fit"] * region
    if prep.network is not None:
        score += w["network_fit"] * prep.network.fit[block.rows]
    score += w["experience"] * index.experience[block.rows]
    if region is not None and kind in REGIONAL_KINDS:
        score *= region
    keep = _filter_mask(index, prep, kind)
    return block.rows[keep], np.clip(score[keep], 0.0, 1.0)


def top_positions(scores: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Positions of the n best scores, best first, ties by row (= by id)."""
    if n >= len(scores):
        return np.lexsort((rows, -scores))
    cut = np.argpartition(-scores, n - 1)[:n]
    threshold = scores[cut].min()
    above = np.flatnonzero(scores > threshold)
    ties = np.flatnonzero(scores == threshold)
    ties = ties[np.argsort(rows[ties], kind="stable")][: n - len(above)]
    chosen = np.concatenate([above, ties])
    return chosen[np.lexsort((rows[chosen], -scores[chosen]))]


def _mmr(index: MatchIndex, rows: np.ndarray, scores: np.ndarray, k: int) -> list[int]:
    """Maximal marginal relevance over a short list sorted by score (ties by id)."""
    text = index.profile_rows(rows)[:, : index.model.n_text]
    sim = (text @ text.T).toarray()
    chosen: list[int] = []
    redundancy = np.zeros(len(rows))
    free = np.ones(len(rows), dtype=bool)
    for _ in range(min(k, len(rows))):
        value = np.where(free, MMR_LAMBDA * scores - (1 - MMR_LAMBDA) * redundancy, -np.inf)
        pick = int(np.argmax(value))
        chosen.append(pick)
        free[pick] = False
        redundancy = np.maximum(redundancy, sim[pick])
    return chosen


def _mix(index: MatchIndex, rows: np.ndarray, scores: np.ndarray, chosen: list[int],
         k: int) -> list[int]:
    """Make sure the top k holds both new and experienced partners where good ones exist."""
    quota = int(k * MIX_SHARE)
    if quota == 0 or not chosen:
        return chosen
    new = index.memberships[rows] == 0
    floor = MIX_MIN_RELATIVE * scores[chosen[0]]
    for want_new in (True, False):
        have = sum(1 for c in chosen if new[c] == want_new)
        spare = [i for i in range(len(rows)) if i not in chosen and new[i] == want_new
                 and scores[i] >= floor]
        for extra in spare[: max(0, quota - have)]:
            # Replace the lowest-ranked member of the over-represented group.
            victim = max(p for p, c in enumerate(chosen) if new[c] != want_new)
            chosen[victim] = extra
    return chosen


def select(index: MatchIndex, rows: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """The final top-k positions: short list by score, MMR and the mix choose, score orders.

    Diversity and the mix decide who is in the top k; the list is shown by the score it
    shows (ties by id), so a user never sees a lower score above a higher one.
    """
    short = top_positions(scores, rows, max(SHORTLIST_MIN, SHORTLIST_FACTOR * k))
    picked = _mix(index, rows[short], scores[short],
                  _mmr(index, rows[short], scores[short], k), k)
    picked.sort(key=lambda p: (-scores[short[p]], rows[short[p]]))
    return short[np.asarray(picked, dtype=np.int64)]


def rank_kind(index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> tuple[Candidate, ...]:
    """The top-k candidates of one kind, with breakdown and reasons."""
    rows, scores = score_kind(index, prep, kind)
    if len(rows) == 0:
        return ()
    chosen = select(index, rows, scores, prep.mission.k)
    return explain(index, prep, rows[chosen], scores[chosen])
