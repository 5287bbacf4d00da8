"""A mission prepared once serves every partner set (with_partners, CandidateCache)."""

from __future__ import annotations

import numpy as np
import pytest

from graph_schema.model import OrgKind
from matcher import Mission, build_index
from matcher.components import REGION, kind_components, relevance_basis, weight_vector
from matcher.preparation import prepare_mission, with_partners
from matcher.query import MatchError
from matcher.ranking import REGIONAL_KINDS, CandidateCache, candidate_components, score_kind, scored
from matcher.selection import top_positions
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
            ranked = scored(index, prep, kind, cache)
            rows, scores = ranked.rows, ranked.scores
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


def _expected_scores(index, prep, kind):
    """The scores as the weighed components of the candidates left (the definition)."""
    rows, weighted = candidate_components(index, prep, kind)
    score = weighted @ weight_vector(prep.weights)
    if kind in REGIONAL_KINDS:
        score *= weighted[:, REGION]
    return rows, np.clip(score, 0.0, 1.0)


@pytest.mark.parametrize("kind", [OrgKind.COMPANY, OrgKind.MBO, OrgKind.GOVERNMENT])
def test_partners_that_were_the_best_fit_leave_relevance_to_the_others(index, kind):
    start = prepare_mission(index, MISSION)
    block = kind_components(index, start, kind)
    basis, best = relevance_basis(block)
    tops = tuple(index.orgs[r].id for r in index.blocks[kind].rows[block[basis] == best])
    for ids in (tops, (*tops, "hbo-hanze"), ("hbo-hanze",)):
        prep = with_partners(index, start, ids)
        ranked = scored(index, prep, kind, CandidateCache(start))
        rows, want = _expected_scores(index, prep, kind)
        np.testing.assert_array_equal(ranked.rows, rows)
        np.testing.assert_allclose(ranked.scores, want, rtol=1e-12, atol=1e-15)
        left = relevance_basis(ranked.components(np.arange(len(rows))).T)
        if set(tops) <= set(ids):
            assert left != (basis, best)  # the best fit left: relevance compares with another


def test_top_positions_of_a_long_list_are_those_of_a_full_sort():
    rng = np.random.default_rng(7)
    for values in (rng.random(40_000), np.round(rng.random(40_000), 2),
                   np.where(rng.random(40_000) < 0.01, 1.0, 0.0)):
        rows = np.sort(rng.choice(100_000, len(values), replace=False))
        for n in (1, 10, 100):
            want = np.lexsort((rows, -values))[:n]
            np.testing.assert_array_equal(top_positions(values, rows, n), want)
