"""network_view: partners' direct co-members counted once per partner, two hops at 0.3."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import numpy as np
import pytest
import scipy.sparse as sp

from matcher.index import MatchIndex
from matcher.network import DIRECT_BASE, DIRECT_SHARE, TWO_HOPS, network_view

# org x pps: org 0 and 1 are partners. Org 2 shares pps 0 AND pps 1 with partner 0 (one partner,
# counted once) and pps 2 with partner 1; org 3 shares pps 2 with partner 1 only; org 4 shares
# pps 3 with org 3 (two hops); org 5 is in no pps.
MEMBERSHIP = [[1, 1, 0, 0], [0, 0, 1, 0], [1, 1, 1, 0], [0, 0, 1, 1], [0, 0, 0, 1], [0, 0, 0, 0]]


@pytest.fixture
def index() -> MatchIndex:
    """The arrays network_view reads, for the graph above."""
    membership = sp.csr_matrix(np.array(MEMBERSHIP, dtype=np.float32))
    return cast(MatchIndex, SimpleNamespace(
        orgs=tuple(range(len(MEMBERSHIP))), ppses=tuple(range(len(MEMBERSHIP[0]))),
        membership=membership, members=membership.T.tocsr()))


def test_each_partner_counts_once_however_many_pps_it_shares(index):
    view = network_view(index, np.array([0, 1]))
    assert view.direct.tolist() == [0, 0, 2, 1, 0, 0]
    assert view.fit.tolist() == pytest.approx([
        0.0, 0.0, DIRECT_BASE + DIRECT_SHARE, DIRECT_BASE + DIRECT_SHARE / 2, TWO_HOPS, 0.0])


def test_one_partner_reaches_its_co_members_and_their_co_members(index):
    view = network_view(index, np.array([1]))
    assert view.direct.tolist() == [0, 0, 1, 1, 0, 0]
    # Org 0 is reached through org 2 (pps 0 and 1), org 4 through org 3 (pps 3).
    assert view.fit.tolist() == pytest.approx(
        [TWO_HOPS, 0.0, DIRECT_BASE + DIRECT_SHARE, DIRECT_BASE + DIRECT_SHARE, TWO_HOPS, 0.0])
