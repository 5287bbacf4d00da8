"""Text fit weighs nothing in the served weights: it is computed only where it is needed."""

from __future__ import annotations

import numpy as np
import pytest

from graph_schema.model import OrgKind
from matcher import Mission, build_index
from matcher.components import (
    COMPONENTS,
    REGION,
    TEXT,
    THEME,
    kind_components,
    off_theme,
    text_weighs,
    weighed,
    weight_vector,
)
from matcher.preparation import prepare_mission
from matcher.ranking import REGIONAL_KINDS, rank_kind, scored
from tests.unit import graphs

MISSION = Mission(text="warmtenet energietransitie", themes=("energietransitie",),
                  province="PV20")


@pytest.fixture(scope="module")
def index():
    """The index of the small graph, built once."""
    return build_index(graphs.snapshot())


def _full(index, prep, kind):
    """Every candidate's components with text fit, computed for all at once."""
    block = kind_components(index, prep, kind)
    block[TEXT] = np.clip(index.block_scores(kind, prep.query)[:, 0], 0.0, 1.0)
    return block


@pytest.mark.parametrize("kind", [OrgKind.COMPANY, OrgKind.MBO, OrgKind.GOVERNMENT])
def test_the_breakdown_shows_the_text_fit_a_full_pass_gives(index, kind):
    prep = prepare_mission(index, MISSION)
    assert not text_weighs(prep)  # the served weights: the lazy path
    ranked = scored(index, prep, kind)
    shown = ranked.components(np.arange(len(ranked.rows)))
    np.testing.assert_array_equal(shown[:, TEXT], _full(index, prep, kind)[TEXT])
    assert shown[:, TEXT].any()
    for candidate in rank_kind(index, prep, kind):
        row = int(np.flatnonzero(ranked.rows == index.org_pos[candidate.id])[0])
        assert candidate.breakdown["text_fit"] == round(float(shown[row, TEXT]), 4)


def test_without_theme_fit_relevance_compares_the_text_fit_of_all(index):
    # No candidate fits the mission's themes: the newcomer prior follows text fit.
    prep = prepare_mission(index, Mission(text="warmtenet gemeente energie", province="PV20"))
    kind = OrgKind.GOVERNMENT
    full = _full(index, prep, kind)
    assert not full[THEME].any() and full[TEXT].any()
    weighted = weighed(full, off_theme(index, prep, index.blocks[kind].rows, full[THEME]))
    want = weight_vector(prep.weights) @ weighted
    if kind in REGIONAL_KINDS:
        want = want * weighted[REGION]
    got = scored(index, prep, kind)
    np.testing.assert_array_equal(got.scores, np.clip(want, 0.0, 1.0))
    assert weighted[COMPONENTS.index("newcomer")].any()  # the branch that reads text fit
