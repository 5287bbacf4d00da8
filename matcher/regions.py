"""The region graph: gemeenten in provinces, province borders and region fit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph_schema.model import Municipality, Province
from matcher.sparse import bfs_distances

# Region fit: the mission's gemeente or province 1.0; another gemeente in the province of a
# mission gemeente 0.75; each border crossed multiplies the fit by DECAY_PER_BORDER (a coalition
# is regional: a bordering province 0.35, two borders away about 0.12).
SAME_PROVINCE_OF_GEMEENTE = 0.75
DECAY_PER_BORDER = 0.35
MAX_PROVINCE_HOPS = 11


@dataclass(frozen=True, eq=False)
class RegionModel:
    """Provinces and gemeenten in id order, with hop distances between provinces."""

    provinces: tuple[Province, ...]
    province_pos: dict[str, int]
    municipalities: tuple[Municipality, ...]
    municipality_pos: dict[str, int]
    municipality_province: np.ndarray  # province index per gemeente, -1 when unknown
    province_distance: np.ndarray  # provinces x provinces hops, -1 when unreachable

    def province_fit(self, sources: dict[int, float]) -> np.ndarray:
        """Fit per province: the best of base * DECAY_PER_BORDER**hops over the source provinces."""
        fit = np.zeros(len(self.provinces))
        for prov, base in sources.items():
            hops = self.province_distance[prov]
            reach = np.where(hops >= 0, base * DECAY_PER_BORDER ** np.maximum(hops, 0), 0.0)
            fit = np.maximum(fit, reach)
        return fit

    def mission_province_fit(self, province: int | None,
                             gemeenten: tuple[int, ...]) -> np.ndarray:
        """Region fit of every province as a whole, for a mission's province and/or gemeenten.

        The province of a mission gemeente fits SAME_PROVINCE_OF_GEMEENTE: working somewhere in
        it is not working in the gemeente.
        """
        sources: dict[int, float] = {}
        for g in gemeenten:
            prov = int(self.municipality_province[g])
            if prov >= 0:
                sources[prov] = max(sources.get(prov, 0.0), SAME_PROVINCE_OF_GEMEENTE)
        if province is not None:
            sources[province] = 1.0
        return self.province_fit(sources)

    def municipality_fit(self, province: int | None, gemeenten: tuple[int, ...]) -> np.ndarray:
        """Region fit of every gemeente for a mission given as a province and/or gemeenten."""
        prov_fit = np.r_[self.mission_province_fit(province, gemeenten), 0.0]
        # Index -1 (unknown province) lands on the appended 0.
        fit = prov_fit[self.municipality_province]
        fit[list(gemeenten)] = 1.0
        return fit

    def hops(self, a: int, b: int) -> int:
        """Borders crossed between two provinces (-1 when unreachable or unknown)."""
        if a < 0 or b < 0:
            return -1
        return int(self.province_distance[a, b])


def build_regions(
    provinces: tuple[Province, ...],
    municipalities: tuple[Municipality, ...],
    part_of: list[tuple[str, str]],
    borders: list[tuple[str, str]],
) -> RegionModel:
    """Build the region model from PART_OF and BORDERS pairs (borders are undirected)."""
    prov_pos = {p.id: i for i, p in enumerate(provinces)}
    muni_pos = {m.id: i for i, m in enumerate(municipalities)}
    muni_prov = np.full(len(municipalities), -1, dtype=np.int64)
    for muni, prov in part_of:
        if muni in muni_pos and prov in prov_pos:
            muni_prov[muni_pos[muni]] = prov_pos[prov]
    edges = [(prov_pos[a], prov_pos[b]) for a, b in borders if a in prov_pos and b in prov_pos]
    dist = bfs_distances(len(provinces), edges, MAX_PROVINCE_HOPS)
    return RegionModel(provinces, prov_pos, municipalities, muni_pos, muni_prov, dist)
