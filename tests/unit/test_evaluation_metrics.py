"""Ranking metrics against hand-computed values."""

from __future__ import annotations

import math

import pytest

from matcher.metrics import (
    mean_metrics,
    metrics_from_rank,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
)

RANKED = ["a", "b", "c", "d"]


def test_recall_at_k_counts_relevant_items_in_the_first_k():
    assert recall_at_k(RANKED, {"c"}, 2) == 0.0
    assert recall_at_k(RANKED, {"c"}, 3) == 1.0
    assert recall_at_k(RANKED, {"a", "c"}, 2) == 0.5
    assert recall_at_k(RANKED, set(), 2) == 0.0


def test_reciprocal_rank_is_one_over_the_first_hit():
    assert reciprocal_rank(RANKED, {"c"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(RANKED, {"d", "b"}) == 0.5
    assert reciprocal_rank(RANKED, {"z"}) == 0.0


def test_ndcg_at_k_matches_hand_computed_values():
    assert ndcg_at_k(RANKED, {"c"}, 3) == pytest.approx(0.5)  # 1/log2(4)
    assert ndcg_at_k(RANKED, {"c"}, 2) == 0.0
    expected = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(RANKED, {"a", "c"}, 3) == pytest.approx(expected)
    assert ndcg_at_k(RANKED, {"a"}, 3) == 1.0


def test_metrics_from_rank_agree_with_the_list_metrics():
    for rank in (1, 2, 3, 4):
        relevant = {RANKED[rank - 1]}
        assert metrics_from_rank(rank, 3) == pytest.approx({
            "recall_at_k": recall_at_k(RANKED, relevant, 3),
            "mrr": reciprocal_rank(RANKED, relevant),
            "ndcg_at_k": ndcg_at_k(RANKED, relevant, 3),
        })


def test_mean_metrics_average_over_queries():
    rows = [metrics_from_rank(1, 10), metrics_from_rank(4, 10), metrics_from_rank(20, 10)]
    assert mean_metrics(rows) == {
        "recall_at_k": round(2 / 3, 4),
        "mrr": round((1 + 0.25 + 0.05) / 3, 4),
        "ndcg_at_k": round((1 + 1 / math.log2(5)) / 3, 4),
    }
    assert mean_metrics([]) == {"recall_at_k": 0.0, "mrr": 0.0, "ndcg_at_k": 0.0}
