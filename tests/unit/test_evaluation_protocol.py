"""The leave-one-member-out protocol: shape, split year and no leakage."""

from __future__ import annotations

import numpy as np
import pytest

from matcher import Mission, build_index, evaluate
from matcher.evaluation import (
    METHODS,
    hidden_member_ranks,
    history_snapshot,
    known_coalitions,
    ppsmatch_ranks,
    rank_hidden,
)
from tests.unit import graphs

# Warmtenet Noord has no description and no themes: in Energie Noord only its membership
# (mission text, themes, ties to the other members) could point at it.
ENERGIE = Mission(text="Samen versnellen we de energietransitie in Noord-Nederland",
                  themes=("energietransitie",), province="PV20",
                  with_ids=("gov-pv20", "hbo-hanze", "mbo-noorderpoort"))


def test_evaluation_reports_every_method_in_the_agreed_shape():
    out = evaluate(graphs.snapshot(), k=2)
    assert out["k"] == 2
    assert out["queries"] == 10  # three coalitions: 4 + 3 + 3 members
    assert set(out["methods"]) == set(METHODS)
    for metrics in out["methods"].values():
        assert set(metrics) == {"recall_at_k", "mrr", "ndcg_at_k"}
        assert all(0.0 <= v <= 1.0 for v in metrics.values())
    assert 0.0 <= out["rules_met_share"] <= 1.0


def test_visible_membership_would_put_the_hidden_member_first():
    """The control: with the membership visible the hidden member is found at once."""
    leaky = build_index(graphs.snapshot())
    ranks = rank_hidden(leaky, ENERGIE, "co-warm", 3, np.random.default_rng(0))
    assert ranks["ppsmatch"] == 1


def test_hidden_membership_is_removed_from_every_signal():
    index = build_index(graphs.snapshot())
    hidden = index.without_memberships([("co-warm", "pps-energie-noord")])
    ranks = rank_hidden(hidden, ENERGIE, "co-warm", 3, np.random.default_rng(0))
    assert ranks["ppsmatch"] > 1
    row = index.org_pos["co-warm"]
    assert hidden.memberships[row] == index.memberships[row] - 1
    assert hidden.direct_themes(np.array([row])).nnz == 0
    assert index.direct_themes(np.array([row])).nnz == 1


def test_evaluation_does_not_leak_the_hidden_membership():
    snapshot = graphs.snapshot()
    records, learned = hidden_member_ranks(snapshot, k=3)
    warm = next(r for r in records if r["pps"] == "pps-energie-noord" and r["hidden"] == "co-warm")
    assert warm["kind"] == "company"
    assert warm["ranks"]["text_tfidf"] > 1
    # ppsmatch ranks it as on an index that never had the membership, under its fold's weights
    # (on this tiny graph they may rank it first on its region and its other pps alone).
    hidden = build_index(snapshot).without_memberships([("co-warm", "pps-energie-noord")])
    ranks = {ppsmatch_ranks(hidden, ENERGIE, "co-warm", 3, fit["ppsmatch"])[0] for fit in learned}
    assert warm["ranks"]["ppsmatch"] in ranks


def test_split_year_keeps_later_coalitions_out_of_the_history():
    snap = graphs.snapshot()
    queries = known_coalitions(snap, split_year=2020)
    assert [c.pps_id for c in queries] == ["pps-netwerk", "pps-zorg-zuid"]
    history = build_index(history_snapshot(snap, 2020))
    assert history.memberships[history.org_pos["co-zorg"]] == 0
    assert history.memberships[history.org_pos["co-warm"]] == 1
    out = evaluate(snap, k=3, split_year=2020)
    assert out["queries"] == 6


@pytest.mark.parametrize("seed", [0, 1])
def test_evaluation_is_deterministic_for_a_seed(seed):
    snap = graphs.snapshot()
    assert evaluate(snap, k=2, random_state=seed) == evaluate(snap, k=2, random_state=seed)
