"""matcher.notions: one definition of an organisation's provinces and of regional support."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import Organisation, OrgKind, make_relationship
from matcher import Mission, build_index, check_coalition
from matcher.coverage import coverage, coverage_model
from matcher.notions import gives_regional_support, organisation_provinces
from tests.contract import sample


def test_provinces_are_those_of_the_gemeenten_plus_those_operated_in():
    located = sp.csr_matrix(np.array([[1, 0, 0], [0, 0, 1], [0, 0, 0], [1, 1, 0]]))
    operates = sp.csr_matrix(np.array([[0, 0], [0, 0], [0, 1], [0, 1]]))
    # gemeente 2 has no known province
    found = organisation_provinces(located, np.array([0, 1, -1]), operates)
    assert found.toarray().tolist() == [[1, 0], [0, 0], [0, 1], [1, 1]]


@pytest.mark.parametrize(("kind", "subtype", "regional"), [
    (OrgKind.GOVERNMENT, "gemeente", True),
    (OrgKind.GOVERNMENT, "Provincie", True),
    (OrgKind.GOVERNMENT, "", True),
    (OrgKind.GOVERNMENT, "rijk", False),
    (OrgKind.BOARD, "", True),
    (OrgKind.COMPANY, "", False),
])
def test_rules_and_coverage_agree_on_regional_support(kind, subtype, regional):
    org = Organisation("org:x", "Partner X", kind, subtype=subtype)
    assert gives_regional_support(org) is regional
    store = MemoryGraphStore()
    sample.load_sample(store)
    store.upsert_nodes([org])
    store.link([make_relationship("LOCATED_IN", "org:x", "GM0344", main=True),
                make_relationship("WORKS_ON", "org:x", "energy_transition", weight=1.0)])
    snapshot = store.snapshot()
    [cell] = coverage(coverage_model(snapshot), provinces=["PV26"], themes=["energy_transition"])
    rules = {r.rule: r.met for r in check_coalition(
        build_index(snapshot), Mission(province="PV26", with_ids=("org:x",))).rules}
    assert rules["regional_support"] is regional
    assert ("government" not in cell.missing_kinds) is regional
