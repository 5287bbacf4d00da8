"""Selecting the top k: prefix-stable, promotions only within the margin and explained."""

from __future__ import annotations

import numpy as np
import pytest

from matcher import Mission, build_index
from matcher.preparation import prepare_mission
from matcher.selection import REORDER_MARGIN, select
from tests.unit import graphs

MISSION = Mission(text="energietransitie en warmte", themes=("energietransitie",),
                  province="PV20")


@pytest.fixture(scope="module")
def setup():
    index = build_index(graphs.snapshot())
    return index, prepare_mission(index, MISSION), np.arange(len(index.orgs))


def _theme_fit(index, prep, rows):
    n_text = index.model.n_text
    return np.asarray(index.profile_rows(rows)[:, n_text:] @ prep.query[n_text:, 1]).ravel()


@pytest.mark.parametrize("seed", range(5))
def test_the_first_n_of_a_longer_list_are_the_list_of_length_n(setup, seed):
    index, prep, rows = setup
    scores = np.random.default_rng(seed).uniform(0.3, 0.5, len(rows))
    full = select(index, prep, rows, scores, len(rows))
    for k in range(1, len(rows)):
        part = select(index, prep, rows, scores, k)
        assert part.positions.tolist() == full.positions[:k].tolist()
        assert part.promoted == full.promoted[:k]


@pytest.mark.parametrize("seed", range(5))
def test_promotions_stay_within_the_margin_and_say_why(setup, seed):
    index, prep, rows = setup
    scores = np.random.default_rng(seed).uniform(0.3, 0.5, len(rows))
    chosen = select(index, prep, rows, scores, len(rows))
    listed = chosen.positions.tolist()
    for i, pos in enumerate(listed):
        later = scores[listed[i:]].max()
        assert scores[pos] >= later - REORDER_MARGIN - 1e-12
        assert bool(chosen.promoted[i]) == (scores[pos] < later)


def test_a_candidate_without_theme_fit_is_never_promoted_over_one_with_it(setup):
    index, prep, rows = setup
    theme = _theme_fit(index, prep, rows) > 0
    assert theme.any() and (~theme).any()
    # Every candidate without theme fit scores a little higher: within the margin.
    scores = np.where(theme, 0.5, 0.5 + REORDER_MARGIN / 2)
    listed = select(index, prep, rows, scores, len(rows)).positions.tolist()
    for i, pos in enumerate(listed):
        if not theme[pos]:
            continue
        # A theme-fit candidate is listed only once it is the best remaining or ties it.
        assert scores[pos] >= scores[listed[i:]].max() - REORDER_MARGIN


def test_promotions_without_margin_do_not_reorder(setup, monkeypatch):
    index, prep, rows = setup
    monkeypatch.setattr("matcher.selection.REORDER_MARGIN", 0.0)
    scores = np.random.default_rng(1).uniform(0.3, 0.5, len(rows))
    chosen = select(index, prep, rows, scores, len(rows))
    assert np.all(np.diff(scores[chosen.positions]) <= 0)
    assert not any(chosen.promoted)
