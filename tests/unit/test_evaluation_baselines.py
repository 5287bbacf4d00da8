"""The baselines a critical reader asks for, the segments and the ablation of `evaluate`."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind
from matcher import build_index, evaluate
from matcher.baselines import co_membership, hybrid_grid, text_word
from matcher.components import COMPONENTS
from matcher.evaluation import hidden_member_ranks, tune_mix
from tests.unit import graphs

BASELINES = {"random", "popularity", "text_tfidf", "text_word", "network", "hybrid"}


def companies(index):
    """The rows of the companies, in id order."""
    return index.blocks[OrgKind.COMPANY].rows


def test_text_word_compares_the_mission_with_the_words_of_past_missions():
    index = build_index(graphs.snapshot())
    rows = companies(index)
    scores = text_word(index, "ouderen langer thuis wonen", rows)
    best = index.orgs[int(rows[np.argmax(scores)])].id
    assert best == "co-zorg"
    # Waterstof Assen has a description but no coalition: its words do not count here.
    assert scores[list(rows).index(index.org_pos["co-waterstof"])] == 0.0


def test_network_counts_the_coalitions_shared_with_the_given_partners():
    index = build_index(graphs.snapshot())
    rows = companies(index)
    seeds = np.array([index.org_pos["hbo-hanze"], index.org_pos["gov-pv20"]])
    shared = dict(zip((index.orgs[r].id for r in rows), co_membership(index, seeds, rows),
                      strict=True))
    assert shared["co-warm"] == 2  # Energie Noord with both partners
    assert shared["co-zorg"] == shared["co-ver"] == 0


def test_evaluation_reports_the_baselines_per_segment():
    out = evaluate(graphs.snapshot(), k=2, split_year=2020)
    assert set(out["methods"]) == {"ppsmatch"} | BASELINES
    seg = out["segments"]
    assert seg["with_history"]["queries"] + seg["without_history"]["queries"] == out["queries"]
    assert sum(v["queries"] for n, v in seg.items() if n.startswith("kind:")) == out["queries"]
    # Only Warmtenet Noord (Energie Noord, 2018) was in a coalition before 2020.
    assert seg["with_history"]["queries"] == 1
    assert seg["without_history"]["queries"] == 5
    assert set(seg["kind:company"]["methods"]) == {"ppsmatch"} | BASELINES


def test_hybrid_weights_are_tuned_on_the_history_only():
    snap = graphs.snapshot()
    records, used = hidden_member_ranks(snap, k=3, split_year=2020, keep_mixes=True)
    assert len(used) == 1
    # The control: tuned on the measured (2020 and later) queries the mix would differ.
    test_tuned = hybrid_grid()[tune_mix([r["hybrid_by_mix"] for r in records], 3)]
    assert list(used[0]["hybrid"].values()) != [round(float(w), 2) for w in test_tuned]


def test_without_a_split_year_no_query_tunes_its_own_hybrid_weights():
    records, used = hidden_member_ranks(graphs.snapshot(), k=3, keep_mixes=True)
    assert 1 <= len(used) <= 2  # one mix per half of the coalitions, tuned on the other half
    for r in records:
        assert r["ranks"]["hybrid"] in set(r["hybrid_by_mix"].tolist())


def test_ablation_switches_each_component_off_in_turn():
    out = evaluate(graphs.snapshot(), k=2, ablate=True)
    assert set(out["ablation"]) == {f"without {c}" for c in COMPONENTS}
    full = out["methods"]["ppsmatch"]
    assert any(m != full for m in out["ablation"].values())
