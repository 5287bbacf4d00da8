"""Which schools join a synthetic pps: theme fit, presence in or near its province, and size.

A school's weight for a pps is (theme fit) ** FIT_EXPONENT x (capacity near the pps).
Theme fit: half the school's weight on the pps's main theme, half its mean weight on the
other themes. An AOC or vakinstelling joins only where its own sector is the main theme or
at least half of the themes; broad schools (ROCs, most hogescholen) keep a small floor and
also count sibling themes. Capacity: the school's size (students, vestigingen) raised to an
exponent, times its share in the pps's province plus NEAR_WEIGHT times its share in the
bordering provinces, so large schools join many pps'en, small ones few, and a satellite
location little. Schools only in a bordering province together get at most NEIGHBOUR_SHARE
of the local weight. Squaring the fit lets the sector school beat the big generalist on its
own themes. The constants are assumptions (see PROVENANCE.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seed_data.regions import Regions
from seed_data.schools import SchoolRecord
from seed_data.themes import Taxonomy

SIZE_EXPONENT = 0.6
# Vestigingen are a weaker measure of size than students (Deltion: one vestiging in
# KiesMBO, yet a large ROC), so they count for less.
VESTIGING_EXPONENT = 0.4
# Relative size of one vestiging by subtype: no mbo enrolment figures are in the sources.
SUBTYPE_UNIT = {"roc": 1.0, "aoc": 0.6, "vakinstelling": 0.4}
NEAR_WEIGHT = 0.25
NEIGHBOUR_SHARE = 0.25
SPECIALISTS = frozenset({"aoc", "vakinstelling"})
# A broad school (ROC, most hogescholen: at least BROAD_CLUSTERS clusters at weight >= 0.3)
# can take part in any pps, and a sibling theme (same cluster) counts for SIBLING_SHARE.
BROAD_CLUSTERS, BROAD_MIN_WEIGHT, BROAD_FLOOR = 5, 0.3, 0.02
SIBLING_SHARE = 0.5
# A school on a whole cluster ("techniek") works on each theme in it, less so.
CLUSTER_SHARE = 0.5
# The first theme of a pps is its main focus (it names the pps): half of the theme fit.
MAIN_SHARE = 0.5
FIT_EXPONENT = 2.0
# When no school near a province fits the themes at all, a required type still joins.
FALLBACK_FIT = 0.05


@dataclass(frozen=True)
class Candidates:
    """The schools in or next to one province: their capacity there and theme weights."""

    records: list[SchoolRecord]
    capacity: np.ndarray
    local: np.ndarray  # float 1.0 where located in the province itself, else 0.0
    weights: np.ndarray  # school x theme, widened to related themes
    specialist: np.ndarray  # bool
    floor: np.ndarray


class SchoolPool:
    """Schools of one group (hbo, funded mbo, wo), precomputed per province."""

    def __init__(self, records: list[SchoolRecord], theme_pos: dict[str, int],
                 taxonomy: Taxonomy, regions: Regions, fallback: bool,
                 exponent: float = SIZE_EXPONENT):
        self.fallback = fallback
        subtypes = [r.org.subtype or "" for r in records]
        specialist = np.array([s in SPECIALISTS for s in subtypes], dtype=bool)
        weights, breadth = _related_weights(records, theme_pos, taxonomy, specialist)
        floor = np.where(~specialist & (breadth >= BROAD_CLUSTERS), BROAD_FLOOR, 0.0)
        units = np.array([SUBTYPE_UNIT.get(s, 1.0) for s in subtypes])
        presence = _presence_by_province(records, regions)
        self.candidates = {}
        for province in regions.provinces:
            rows, capacity, local = _candidates(presence, units, province.id,
                                                regions.neighbours(province.id), exponent)
            self.candidates[province.id] = Candidates(
                [records[i] for i in rows], capacity, local, weights[rows], specialist[rows],
                floor[rows])

    def pick(self, rng: np.random.Generator, province: str, columns: list[int],
             count: int) -> list[SchoolRecord]:
        """Up to `count` distinct schools for a pps in a province on the theme columns."""
        cand = self.candidates[province]
        if count <= 0 or not cand.records:
            return []
        weight = self._weights(cand, columns)
        # weighted sampling without replacement (Efraimidis-Spirakis): top-k of u ** (1 / w)
        u = rng.random(len(cand.records))
        positive = weight > 0
        inverse = np.divide(1.0, weight, out=np.zeros_like(weight), where=positive)
        keys = np.where(positive, u ** inverse, -1.0)
        chosen = np.argsort(-keys, kind="stable")[:count]
        return [cand.records[int(c)] for c in chosen if keys[c] >= 0]

    def _weights(self, cand: Candidates, columns: list[int]) -> np.ndarray:
        """(theme fit) ** FIT_EXPONENT x capacity, neighbours capped, fallback if none fits."""
        themes = cand.weights[:, columns]
        main = themes[:, 0]
        if len(columns) == 1:
            fit = main + cand.floor
            fit[cand.specialist & (main <= 0)] = 0.0
        else:
            rest = themes[:, 1:].sum(axis=1) / (len(columns) - 1)
            fit = MAIN_SHARE * main + (1 - MAIN_SHARE) * rest + cand.floor
            # a specialised school joins only where its own sector is the main theme or at
            # least half of the themes
            covered = np.count_nonzero(themes, axis=1)
            fit[cand.specialist & (main <= 0) & (2 * covered < len(columns))] = 0.0
        weight = fit ** FIT_EXPONENT * cand.capacity
        total = float(weight.sum())
        local = float(weight @ cand.local)
        near = total - local
        if local > 0 and near > NEIGHBOUR_SHARE * local:
            weight = weight * (cand.local + (1 - cand.local) * NEIGHBOUR_SHARE * local / near)
        elif total <= 0 and self.fallback:
            weight = FALLBACK_FIT * cand.capacity
        return weight


def _related_weights(records: list[SchoolRecord], theme_pos: dict[str, int],
                     taxonomy: Taxonomy, specialist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Theme weights widened to related themes, and per school its number of clusters.

    A school on a whole cluster ("techniek") works on each theme in it at CLUSTER_SHARE; a
    broad school also on the siblings of its themes at SIBLING_SHARE, a specialist not.
    """
    own = np.zeros((len(records), len(theme_pos)))
    for i, record in enumerate(records):
        for theme, w in record.themes.items():
            own[i, theme_pos[theme]] = w
    cluster_ids = sorted({taxonomy.cluster_of(t) for t in theme_pos})
    cluster_of = np.array([cluster_ids.index(taxonomy.cluster_of(t)) for t in theme_pos])
    best = np.zeros((len(records), len(cluster_ids)))
    for c in range(len(cluster_ids)):
        best[:, c] = own[:, cluster_of == c].max(axis=1)
    cluster_col = [theme_pos[taxonomy.cluster_of(t)] for t in theme_pos]
    weights = np.maximum(own, CLUSTER_SHARE * own[:, cluster_col])
    siblings = np.where(specialist[:, None], 0.0, SIBLING_SHARE * best[:, cluster_of])
    return np.maximum(weights, siblings), (best >= BROAD_MIN_WEIGHT).sum(axis=1)


def _presence_by_province(records: list[SchoolRecord], regions: Regions
                          ) -> list[dict[str, float]]:
    """Per school: its presence (students, vestigingen ...) summed per province."""
    out = []
    for record in records:
        amounts = record.presence or (1.0,) * len(record.gemeenten)
        totals: dict[str, float] = {}
        for gemeente, amount in zip(record.gemeenten, amounts, strict=True):
            province = regions.province_of[gemeente]
            totals[province] = totals.get(province, 0.0) + amount
        out.append(totals)
    return out


def _candidates(presence: list[dict[str, float]], units: np.ndarray, province: str,
                neighbours: tuple[str, ...], exponent: float
                ) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Schools in the province, then those only in a neighbour, with their capacity there.

    Capacity is the school's size (raised to `exponent`) times the share of it that is in
    the province, plus NEAR_WEIGHT times the share in its neighbours: a satellite location
    counts for little, a large campus next door for something.
    """
    rows: list[int] = []
    capacity: list[float] = []
    local: list[float] = []
    for i, totals in enumerate(presence):
        size = sum(totals.values())
        here = totals.get(province, 0.0)
        near = sum(totals.get(p, 0.0) for p in neighbours)
        if here > 0 or near > 0:
            rows.append(i)
            capacity.append(units[i] * size ** exponent * (here + NEAR_WEIGHT * near) / size)
            local.append(1.0 if here > 0 else 0.0)
    return rows, np.array(capacity, dtype=np.float64), np.array(local, dtype=np.float64)
