"""Word profiles: the per-pps fit of a mission text is kept for the next calls, boundedly."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind
from matcher import build_index
from matcher.word_profiles import MISSION_FITS_KEPT
from tests.unit import graphs

TEXT = "de energietransitie versnellen in Noord-Nederland"


def test_a_kept_fit_equals_a_fresh_one_and_only_the_last_texts_are_kept():
    index = build_index(graphs.snapshot())
    rows = index.blocks[OrgKind.COMPANY].rows
    first = index.word_fit(rows, TEXT)
    for i in range(MISSION_FITS_KEPT + 5):
        index.word_fit(rows, f"warmte en waterstof {i}")
    assert len(index.words.by_text) == MISSION_FITS_KEPT
    assert TEXT not in index.words.by_text
    again = index.word_fit(rows, TEXT)
    assert np.array_equal(first, again) and first.max() > 0
    assert np.array_equal(index.word_fit(rows, TEXT), again)
    assert next(reversed(index.words.by_text)) == TEXT
    # Each text keeps its own fit: the same as an index that never saw another text.
    other = "warmte en waterstof 7"
    assert np.array_equal(index.word_fit(rows, other),
                          build_index(graphs.snapshot()).word_fit(rows, other))
