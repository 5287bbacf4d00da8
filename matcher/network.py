"""The collaboration graph: co-membership of pps'en, network fit and warm-introduction paths."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.index import MatchIndex

# Network fit: a direct co-member of the coalition scores 0.6 plus up to 0.4 for the share of
# coalition partners it already works with; an organisation two hops away scores 0.3.
DIRECT_BASE = 0.6
DIRECT_SHARE = 0.4
TWO_HOPS = 0.3


@dataclass(frozen=True, eq=False)
class NetworkView:
    """Reach of the coalition's partners in the co-membership graph, for one query."""

    seeds: np.ndarray  # rows of the partners already in the coalition, ascending
    direct: np.ndarray  # per row: how many partners it shares a pps with
    fit: np.ndarray  # per row: network fit in [0, 1]


def network_view(index: MatchIndex, seeds: np.ndarray) -> NetworkView:
    """Breadth-first reach (two hops) from the coalition partners over shared pps'en."""
    n = len(index.orgs)
    # Each partner's co-members once (a partner's reach is a few thousand rows even in a
    # million), without sorting them, counted over partners in one pass; the second ring's
    # pps'en and rows are marked in boolean masks.
    last = np.empty(n, dtype=np.int64)  # per row: where it last occurs in a partner's reach
    reach = [np.zeros(0, dtype=np.int64)]
    for s in seeds.tolist():
        rows = index.members[index.membership[s].indices].indices
        at = np.arange(len(rows))
        last[rows] = at  # of a row met twice, the later write stays: one occurrence is kept
        reach.append(rows[last[rows] == at])
    direct = np.bincount(np.concatenate(reach), minlength=n)
    direct[seeds] = 0
    ring = direct > 0
    ring[seeds] = True
    pps2 = np.zeros(len(index.ppses), dtype=bool)
    pps2[index.membership[np.flatnonzero(ring)].indices] = True
    second = np.zeros(n, dtype=bool)
    second[index.members[np.flatnonzero(pps2)].indices] = True
    fit = np.zeros(n)
    fit[second & ~ring] = TWO_HOPS
    near = np.flatnonzero(direct)
    partners = max(len(seeds), 1)
    fit[near] = DIRECT_BASE + DIRECT_SHARE * (np.minimum(direct[near], partners) / partners)
    return NetworkView(seeds, direct, fit)


def _shared(index: MatchIndex, a: int, b: int) -> int | None:
    """The first (lowest id) pps both organisations are members of."""
    common = np.intersect1d(index.membership[a].indices, index.membership[b].indices)
    return int(common[0]) if len(common) else None


def collaboration_path(index: MatchIndex, view: NetworkView, row: int) -> str | None:
    """Dutch evidence of the shortest path (at most two hops) from a row to a partner."""
    if view.direct[row] > 0:
        for seed in view.seeds.tolist():
            pps = _shared(index, row, seed)
            if pps is not None:
                return (
                    f"werkt al samen met {index.orgs[seed].name} "
                    f"in pps {index.ppses[pps].name}"
                )
    if view.fit[row] <= 0:
        return None
    for pps1 in index.membership[row].indices.tolist():
        for via in index.members[pps1].indices.tolist():
            if via == row or view.direct[via] == 0:
                continue
            for seed in view.seeds.tolist():
                pps2 = _shared(index, via, seed)
                if pps2 is not None:
                    return (
                        f"via {index.orgs[via].name} (pps {index.ppses[pps1].name}) "
                        f"en {index.orgs[seed].name} (pps {index.ppses[pps2].name})"
                    )
    return None
