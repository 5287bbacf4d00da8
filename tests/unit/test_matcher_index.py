"""The MatchIndex: held-out memberships, profile caps and id order."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind, RelType
from matcher import build_index
from matcher.index import LARGE_GRAPH_MAX_TERMS, PROFILE_TERM_BUDGET, profile_terms
from tests.unit import graphs


def membership(org: str, pps: str):
    """The MEMBER_OF relationship of the small graph."""
    return next(r for r in graphs.snapshot().relationships
                if r.type is RelType.MEMBER_OF and (r.source, r.target) == (org, pps))


def test_without_memberships_equals_a_rebuild_without_that_membership():
    full = build_index(graphs.snapshot())
    held = full.without_memberships([("co-warm", "pps-energie-noord")])
    rebuilt = build_index(graphs.snapshot(drop=(membership("co-warm", "pps-energie-noord"),)))
    row = np.array([full.org_pos["co-warm"]])
    assert np.allclose(held.profile_rows(row).toarray(), rebuilt.profile_rows(row).toarray())
    assert np.array_equal(held.experience, rebuilt.experience)
    assert (held.membership != rebuilt.membership).nnz == 0


def test_without_memberships_leaves_the_base_index_untouched():
    full = build_index(graphs.snapshot())
    before = full.profile_rows(np.array([full.org_pos["co-warm"]])).toarray()
    full.without_memberships([("co-warm", "pps-energie-noord")])
    after = full.profile_rows(np.array([full.org_pos["co-warm"]])).toarray()
    assert np.array_equal(before, after)
    assert full.memberships[full.org_pos["co-warm"]] == 2


def test_max_terms_caps_the_ngrams_of_every_profile():
    index = build_index(graphs.snapshot(), max_terms=5)
    text = index.blocks[OrgKind.COMPANY].profile[:, : index.model.n_text]
    assert np.diff(text.indptr).max() == 5
    assert np.allclose(np.sqrt(text.multiply(text).sum(axis=1)), 1.0)


def test_rows_are_in_id_order():
    index = build_index(graphs.snapshot())
    ids = [o.id for o in index.orgs]
    assert ids == sorted(ids)
    rows = index.blocks[OrgKind.COMPANY].rows
    assert [index.orgs[r].id for r in rows] == sorted(index.orgs[r].id for r in rows)


def test_an_empty_graph_and_a_graph_without_pps_can_be_indexed_and_queried():
    from graph_schema.model import GraphSnapshot, Organisation
    from matcher import Mission, build_index, match

    empty = build_index(GraphSnapshot((), (), (), (), (), ()))
    assert match(empty, Mission(text="energie")).results["hbo"] == ()
    school = Organisation("hbo:1", "Hogeschool Energie", OrgKind.HBO, description="energie")
    only_orgs = build_index(GraphSnapshot((school,), (), (), (), (), ()))
    assert [c.id for c in match(only_orgs, Mission(text="energie")).results["hbo"]] == ["hbo:1"]


def test_profiles_share_a_budget_of_ngrams_and_keep_at_least_64():
    assert profile_terms(10_000) == PROFILE_TERM_BUDGET // 10_000
    assert profile_terms(100_000) > profile_terms(1_000_000) == LARGE_GRAPH_MAX_TERMS == 64
    index = build_index(graphs.snapshot())  # a small graph keeps whole profiles
    text = index.blocks[OrgKind.COMPANY].profile[:, : index.model.n_text]
    whole = build_index(graphs.snapshot(), max_terms=None).blocks[OrgKind.COMPANY].profile
    assert text.nnz == whole[:, : index.model.n_text].nnz
