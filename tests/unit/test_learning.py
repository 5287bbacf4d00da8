"""Learning the component weights: word profiles, the conditional logit, the weights file."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from graph_schema.model import OrgKind
from matcher import build_index, learn_weights
from matcher.components import COMPONENTS
from matcher.learning import TrainingQuery, fit_pooled, fit_weights, training_query
from matcher.sparse import unit_rows
from matcher.weights import WEIGHTS, load_weights
from tests.unit import graphs

TEXT = "de energietransitie versnellen in Noord-Nederland"


def test_word_fit_is_the_cosine_with_the_summed_past_missions():
    index = build_index(graphs.snapshot())
    rows = index.blocks[OrgKind.COMPANY].rows
    query = unit_rows(index.words.vectoriser.transform([TEXT]))
    profiles = unit_rows(index.membership[rows] @ index.words.missions)
    expected = np.asarray((profiles @ query.T).toarray()).ravel()
    assert np.allclose(index.word_fit(rows, TEXT), expected)
    assert expected.max() > 0


def test_word_fit_forgets_a_hidden_membership():
    index = build_index(graphs.snapshot())
    row = index.org_pos["co-warm"]
    pps = [index.ppses[p].id for p in index.membership[row].indices]
    hidden = index.without_memberships([("co-warm", p) for p in pps])
    assert index.word_fit(np.array([row]), TEXT)[0] > 0
    assert hidden.word_fit(np.array([row]), TEXT)[0] == 0.0


def _query(rng: np.random.Generator, signal: int, hidden: float = 1.0) -> TrainingQuery:
    """Random components in [0, 0.5) where column `signal` is `hidden` for the hidden member."""
    comps = rng.random((50, len(COMPONENTS))) * 0.5
    comps[0, signal] = hidden
    return TrainingQuery(comps)


def test_the_component_that_separates_members_gets_the_weight():
    rng = np.random.default_rng(0)
    signal = COMPONENTS.index("word_fit")
    weights = fit_weights([_query(rng, signal) for _ in range(40)])
    assert max(weights, key=weights.__getitem__) == "word_fit"
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-3)
    assert min(weights.values()) >= 0.0


def test_a_small_data_set_counts_as_much_as_a_large_one_when_pooled():
    rng = np.random.default_rng(1)
    # A weak signal (the hidden member just above the others) per data set.
    large = [_query(rng, COMPONENTS.index("text_fit"), 0.6) for _ in range(60)]
    small = [_query(rng, COMPONENTS.index("theme_fit"), 0.6) for _ in range(4)]
    together = fit_weights(large + small)
    pooled = fit_pooled([large, small])
    assert together["theme_fit"] < 0.2 < 0.4 < pooled["theme_fit"]
    assert pooled["text_fit"] > 0.2 and sum(pooled.values()) == pytest.approx(1.0, abs=1e-3)


def test_real_only_learns_from_real_pps_only():
    base = graphs.snapshot()
    # Energie Noord (four members) becomes synthetic; the two others (three each) stay real.
    ppses = tuple(replace(p, synthetic=p.id == "pps-energie-noord") for p in base.ppses)
    snapshot = replace(base, ppses=ppses)
    assert learn_weights([snapshot])[1] == [10]
    assert learn_weights([snapshot], real_only=True)[1] == [6]
    with pytest.raises(ValueError, match="no training queries"):
        learn_weights([snapshot], split_year=1900)


def test_fitting_without_queries_is_a_clear_error():
    with pytest.raises(ValueError, match="no training queries"):
        fit_weights([])


def test_a_training_query_puts_the_hidden_member_first():
    rows = np.array([3, 5, 7, 9])
    comps = np.arange(8, dtype=float).reshape(4, 2)
    query = training_query(rows, comps, 7, np.random.default_rng(0), negatives=2)
    assert query.components.shape == (3, 2)
    assert query.components[0].tolist() == [4.0, 5.0]
    assert [4.0, 5.0] not in query.components[1:].tolist()


def test_learned_weights_come_from_the_coalitions_before_the_split():
    weights, queries = learn_weights([graphs.snapshot()], split_year=2020)
    assert queries == [4]  # Energie Noord (2018) has four members
    assert set(weights) == set(COMPONENTS)
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-3)


def test_the_shipped_weights_file_names_every_component():
    assert set(load_weights()) == set(COMPONENTS) == set(WEIGHTS)
