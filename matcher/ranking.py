"""Score candidates of a kind in one sparse pass, select the top (matcher.selection), explain."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind
from matcher.components import (
    NETWORK,
    REGION,
    THEME,
    kind_components,
    off_theme,
    weighed,
    weight_vector,
)
from matcher.index import MatchIndex
from matcher.notions import organisation_provinces
from matcher.preparation import PreparedMission
from matcher.query import Candidate
from matcher.reasons import explain
from matcher.selection import select

# Regional support comes from the mission's own region (DESIGN section 1): the scores of
# governments and boards are scaled by their region fit, so those elsewhere sink to the bottom
# while every candidate stays rankable.
REGIONAL_KINDS = (OrgKind.GOVERNMENT, OrgKind.BOARD)


class CandidateCache:
    """Every candidate's components per kind for one mission, kept while its partners change.

    A coalition build adds partners one at a time and ranks the same kinds again: the text,
    theme, region and experience rows stay as they were, only the network row and which
    candidates are already partners change (see _raw_components). The kept rows are
    read-only and hold no network fit (0).
    """

    def __init__(self, prep: PreparedMission):
        """A cache for `prep` and the same mission with other partners (with_partners)."""
        self._query = prep.query
        self._blocks: dict[OrgKind, np.ndarray] = {}

    def block(self, index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> np.ndarray:
        """COMPONENTS x every candidate of a kind (block order), network fit 0, read-only."""
        if prep.query is not self._query:
            raise ValueError("CandidateCache: a mission with other text, themes or regions")
        if kind not in self._blocks:
            block = kind_components(index, prep, kind)
            block[NETWORK] = 0.0
            block.flags.writeable = False
            self._blocks[kind] = block
        return self._blocks[kind]


def _filter_mask(index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> np.ndarray:
    """Which candidates of a kind pass the mission's filters and are not yet partners."""
    block = index.blocks[kind]
    filters = prep.mission.filters
    keep = np.ones(len(block.rows), dtype=bool)
    if prep.network is not None:
        keep &= ~np.isin(block.rows, prep.network.seeds)
    if not filters.include_synthetic:
        keep &= ~index.synthetic[block.rows]
    if filters.size_classes:
        sizes = index.size_classes.codes_of(filters.size_classes, keep_empty=True)
        keep &= np.isin(index.size_classes.codes[block.rows], sizes)
    if filters.subtypes:
        subtypes = index.subtypes.codes_of(tuple(s.lower() for s in filters.subtypes))
        keep &= np.isin(index.subtypes.codes[block.rows], subtypes)
    if filters.province:
        prov = index.regions.province_pos[filters.province]
        inside = organisation_provinces(block.municipalities, index.regions.municipality_province,
                                        block.provinces)[:, prov]
        keep &= inside.toarray().ravel() > 0
    return keep


def _raw_components(index: MatchIndex, prep: PreparedMission, kind: OrgKind,
                    cache: CandidateCache | None) -> tuple[np.ndarray, np.ndarray]:
    """The candidates of a kind that pass the filters: (rows, COMPONENTS x rows unweighed,
    read-only)."""
    keep = _filter_mask(index, prep, kind)
    block = (cache or CandidateCache(prep)).block(index, prep, kind)
    if keep.all() and prep.network is None:
        return index.blocks[kind].rows, block  # nothing to change: the cache's own rows
    rows = index.blocks[kind].rows[keep]
    components = block.copy() if len(rows) == len(keep) else block[:, keep]
    # The copy takes the partners' network fit of this prep without touching the cache
    # (network fit lies in [0, 1], as kind_components would have clipped it).
    if prep.network is not None:
        components[NETWORK] = prep.network.fit[rows]
    return rows, components


def candidate_components(index: MatchIndex, prep: PreparedMission, kind: OrgKind
                         ) -> tuple[np.ndarray, np.ndarray]:
    """The candidates of a kind that pass the filters: (rows, rows x COMPONENTS as weighed,
    the context of off-theme candidates scaled down)."""
    rows, components = _raw_components(index, prep, kind, None)
    return rows, weighed(components, off_theme(index, prep, rows, components[THEME])).T


def scored(index: MatchIndex, prep: PreparedMission, kind: OrgKind,
           cache: CandidateCache | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every candidate of a kind that passes the filters: (rows, COMPONENTS x rows unweighed,
    as the breakdown shows them, scores in [0, 1])."""
    rows, components = _raw_components(index, prep, kind, cache)
    weighted = weighed(components, off_theme(index, prep, rows, components[THEME]))
    score = weight_vector(prep.weights) @ weighted
    if prep.municipality_fit is not None and kind in REGIONAL_KINDS:
        score *= weighted[REGION]
    return rows, components, np.clip(score, 0.0, 1.0)


def score_kind(index: MatchIndex, prep: PreparedMission, kind: OrgKind
               ) -> tuple[np.ndarray, np.ndarray]:
    """Scores in [0, 1] of every candidate of a kind that passes the filters: (rows, scores)."""
    rows, _, scores = scored(index, prep, kind)
    return rows, scores


def rank_kind(index: MatchIndex, prep: PreparedMission, kind: OrgKind,
              cache: CandidateCache | None = None) -> tuple[Candidate, ...]:
    """The top-k candidates of one kind, with breakdown and reasons."""
    rows, components, scores = scored(index, prep, kind, cache)
    if len(rows) == 0:
        return ()
    chosen = select(index, prep, rows, scores, prep.mission.k)
    at = chosen.positions
    return explain(index, prep, rows[at], scores[at], components[:, at].T, chosen.promoted)
