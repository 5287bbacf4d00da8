"""Baselines for the evaluation: what a critical reader would rank with instead of ppsmatch.

`text_tfidf` is the mission's char n-gram cosine to the candidates' profiles; `text_word` a
word 1-2-gram TF-IDF cosine to the missions of the candidate's past coalitions; `network`
co-membership with the coalition's remaining members; `popularity` the number of coalitions;
`hybrid` a linear mix of text_word, network, popularity and region whose weights are chosen
on queries that are not being measured (matcher.evaluation).
"""

from __future__ import annotations

from itertools import product

import numpy as np

from graph_schema.model import OrgKind
from matcher.index import MatchIndex
from matcher.preparation import PreparedMission

HYBRID_SIGNALS = ("text_word", "network", "popularity", "region")
# The hybrid's weights are searched on this grid over the simplex (286 mixes at 0.1).
HYBRID_GRID_STEP = 0.1


def text_word(index: MatchIndex, text: str, rows: np.ndarray) -> np.ndarray:
    """Cosine of the mission's words and the words of each candidate's past missions."""
    return index.word_fit(rows, text)


def text_char(index: MatchIndex, kind: OrgKind, text: str, rows: np.ndarray) -> np.ndarray:
    """Char n-gram TF-IDF cosine of the mission text alone and the candidates' profiles."""
    query = np.zeros(index.model.n_text + len(index.themes), dtype=np.float32)
    vec = index.model.vectoriser.transform([text])
    norm = float(np.sqrt(vec.multiply(vec).sum())) or 1.0
    query[vec.indices] = vec.data / norm
    return index.block_scores(kind, query)[index.kind_pos[rows]]


def co_membership(index: MatchIndex, seeds: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per candidate: how many (partner, shared pps) pairs tie it to the given partners."""
    if len(seeds) == 0:
        return np.zeros(len(rows))
    per_pps = np.asarray(index.membership[seeds].sum(axis=0)).ravel()
    return np.asarray(index.membership[rows] @ per_pps).ravel()


def popularity(index: MatchIndex, rows: np.ndarray) -> np.ndarray:
    """The number of coalitions each candidate is a member of."""
    return index.memberships[rows].astype(float)


def hybrid_signals(index: MatchIndex, prep: PreparedMission,
                   rows: np.ndarray) -> np.ndarray:
    """The hybrid's inputs per candidate, each scaled to [0, 1]: rows x HYBRID_SIGNALS."""
    seeds = prep.network.seeds if prep.network is not None else np.zeros(0, dtype=int)
    network = 1.0 - 0.5 ** co_membership(index, seeds, rows)
    top = max(1.0, float(index.memberships.max(initial=0)))
    popular = np.log1p(popularity(index, rows)) / np.log1p(top)
    region = prep.region_fit(index, rows)
    return np.column_stack([text_word(index, prep.mission.text, rows), network,
                            popular, region])


def hybrid_grid() -> np.ndarray:
    """Every mix of the hybrid signals on the grid (weights >= 0, sum 1): mixes x signals."""
    steps = round(1 / HYBRID_GRID_STEP)
    mixes = [c for c in product(range(steps + 1), repeat=len(HYBRID_SIGNALS))
             if sum(c) == steps]
    return np.asarray(mixes, dtype=float) / steps


def ranks_under(signals: np.ndarray, mixes: np.ndarray, rows: np.ndarray,
                target: int) -> np.ndarray:
    """1-based rank of the target row under each mix (descending score, ties by id)."""
    scores = signals @ mixes.T
    t = int(np.flatnonzero(rows == target)[0])
    mine = scores[t]
    earlier = (rows < rows[t])[:, None]
    better = (scores > mine) | ((scores == mine) & earlier)
    return 1 + better.sum(axis=0)
