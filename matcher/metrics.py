"""Ranking metrics with binary relevance: Recall@k, reciprocal rank, nDCG@k."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of the relevant items found in the first k."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Collection[str]) -> float:
    """1 / position of the first relevant item (0 when none is ranked)."""
    for pos, item in enumerate(ranked, start=1):
        if item in relevant:
            return 1.0 / pos
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Normalised discounted cumulative gain of the first k (gain 1 per relevant item)."""
    dcg = sum(1.0 / math.log2(pos + 1) for pos, item in enumerate(ranked[:k], 1)
              if item in relevant)
    ideal = sum(1.0 / math.log2(pos + 1) for pos in range(1, min(k, len(relevant)) + 1))
    return dcg / ideal if ideal else 0.0


def metrics_from_rank(rank: int, k: int) -> dict[str, float]:
    """Recall@k, RR and nDCG@k for one relevant item found at a 1-based rank."""
    hit = rank <= k
    return {
        "recall_at_k": 1.0 if hit else 0.0,
        "mrr": 1.0 / rank,
        "ndcg_at_k": 1.0 / math.log2(rank + 1) if hit else 0.0,
    }


def mean_metrics(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """The mean of each metric over queries (0.0 for no queries), rounded to 4 places."""
    keys = ("recall_at_k", "mrr", "ndcg_at_k")
    if not rows:
        return {key: 0.0 for key in keys}
    return {key: round(sum(r[key] for r in rows) / len(rows), 4) for key in keys}
