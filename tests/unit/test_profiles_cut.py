"""Capped text profiles: cutting the theme-label part early keeps the same n-grams and values."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from matcher.features import TEXT_PART_WEIGHTS
from matcher.graph_parts import split_snapshot
from matcher.sparse import unit_rows
from tests.unit import graphs

MAX_TERMS = 12  # small enough that the small graph's profiles are cut


def test_capped_profiles_equal_the_sum_of_the_uncut_parts_cut_once():
    parts = split_snapshot(graphs.snapshot(), None, MAX_TERMS)
    model = parts.model
    w = TEXT_PART_WEIGHTS
    uncut_labels = unit_rows(parts.own_themes.astype(bool).astype(np.float32) @ model.theme_text)
    missions = unit_rows(parts.membership @ model.mission_text)
    expected = model.cap(w["description"] * model.cap(parts.documents)
                         + w["theme_labels"] * uncut_labels + w["missions"] * missions)
    got = model.text_rows(parts.orgs, parts.own_themes, parts.membership, parts.documents)
    assert (uncut_labels.getnnz(axis=1) > MAX_TERMS).any()  # the early cut does cut
    assert np.array_equal(sp.csr_matrix(got != 0).toarray(), sp.csr_matrix(expected != 0).toarray())
    assert np.allclose(got.toarray(), expected.toarray(), atol=1e-6)
