"""A mission prepared once serves every partner set (with_partners, CandidateCache)."""

from __future__ import annotations

import numpy as np
import pytest

from graph_schema.model import OrgKind
from matcher import Mission, build_index
from matcher.preparation import prepare_mission, with_partners
from matcher.query import MatchError
from matcher.ranking import CandidateCache, score_kind, scored
from tests.unit import graphs

MISSION = Mission(text="warmtenet energietransitie", themes=("energietransitie",),
                  province="PV20")
# From no partners to partners whose pps'en reach companies directly and in two hops.
PARTNER_SETS = ((), ("hbo-hanze",), ("hbo-hanze", "co-ver"), ("mbo-noorderpoort",), ())


@pytest.fixture(scope="module")
def index():
    """The index of the small graph, built once."""
    return build_index(graphs.snapshot())


@pytest.mark.parametrize("ids", PARTNER_SETS[1:4])
def test_with_partners_is_prepare_mission_with_those_partners(index, ids):
    start = prepare_mission(index, MISSION)
    changed = with_partners(index, start, ids)
    fresh = prepare_mission(index, Mission(**{**_fields(MISSION), "with_ids": ids}))
    assert changed.mission == fresh.mission
    assert changed.weights == fresh.weights
    assert changed.weights != start.weights  # network fit now weighs
    np.testing.assert_array_equal(changed.network.seeds, fresh.network.seeds)
    np.testing.assert_array_equal(changed.network.fit, fresh.network.fit)


def test_one_cache_scores_every_partner_set_as_a_fresh_ranking(index):
    start = prepare_mission(index, MISSION)
    cache = CandidateCache(start)
    reached = False
    for ids in PARTNER_SETS:
        prep = with_partners(index, start, ids)
        for kind in (OrgKind.COMPANY, OrgKind.MBO, OrgKind.GOVERNMENT):
            rows, _, scores = scored(index, prep, kind, cache)
            fresh = prepare_mission(index, Mission(**{**_fields(MISSION), "with_ids": ids}))
            want_rows, want = score_kind(index, fresh, kind)
            np.testing.assert_array_equal(rows, want_rows)
            np.testing.assert_array_equal(scores, want)
            assert not set(rows.tolist()) & {index.org_pos[i] for i in ids}
            reached |= prep.network is not None and bool(prep.network.fit[rows].any())
    assert reached  # some candidate had network fit, so a stale network column would show


def test_cache_refuses_a_mission_with_other_text(index):
    cache = CandidateCache(prepare_mission(index, MISSION))
    other = prepare_mission(index, Mission(text="zorgtechnologie", province="PV20"))
    with pytest.raises(ValueError, match="CandidateCache"):
        scored(index, other, OrgKind.COMPANY, cache)


def test_with_partners_rejects_an_unknown_partner(index):
    with pytest.raises(MatchError, match="unknown organisation: org-nope"):
        with_partners(index, prepare_mission(index, MISSION), ("org-nope",))


def _fields(mission: Mission) -> dict:
    """A mission's fields by name (Mission has slots, no __dict__)."""
    return {name: getattr(mission, name) for name in Mission.__slots__}
