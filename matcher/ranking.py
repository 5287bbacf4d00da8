"""Score candidates of a kind in one sparse pass, select the top (matcher.selection), explain."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind
from matcher.components import COMPONENTS, kind_components, off_theme, weighed, weight_vector
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
NETWORK = COMPONENTS.index("network_fit")


class CandidateCache:
    """Every candidate's components per kind for one mission, kept while its partners change.

    A coalition build adds partners one at a time and ranks the same kinds again: the text,
    theme, region and experience columns stay as they were, only the network column and which
    candidates are already partners change (see _raw_components).
    """

    def __init__(self, prep: PreparedMission):
        """A cache for `prep` and the same mission with other partners (with_partners)."""
        self._query = prep.query
        self._blocks: dict[OrgKind, np.ndarray] = {}

    def block(self, index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> np.ndarray:
        """Every candidate of a kind (block order) x COMPONENTS; the network column is stale."""
        if prep.query is not self._query:
            raise ValueError("CandidateCache: a mission with other text, themes or regions")
        if kind not in self._blocks:
            self._blocks[kind] = kind_components(index, prep, kind)
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
    """The candidates of a kind that pass the filters: (rows, rows x COMPONENTS unweighed)."""
    keep = _filter_mask(index, prep, kind)
    rows = index.blocks[kind].rows[keep]
    components = (cache or CandidateCache(prep)).block(index, prep, kind)[keep]
    # The rows are a copy: the partners' network fit of this prep goes in without touching
    # the cache (network fit lies in [0, 1], as kind_components would have clipped it).
    components[:, NETWORK] = prep.network.fit[rows] if prep.network is not None else 0.0
    return rows, components


def candidate_components(index: MatchIndex, prep: PreparedMission, kind: OrgKind
                         ) -> tuple[np.ndarray, np.ndarray]:
    """The candidates of a kind that pass the filters: (rows, rows x COMPONENTS as weighed,
    the context of off-theme candidates scaled down)."""
    rows, components = _raw_components(index, prep, kind, None)
    return rows, weighed(components, off_theme(index, prep, rows, components))


def scored(index: MatchIndex, prep: PreparedMission, kind: OrgKind,
           cache: CandidateCache | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every candidate of a kind that passes the filters: (rows, components unweighed, as the
    breakdown shows them, scores in [0, 1])."""
    rows, components = _raw_components(index, prep, kind, cache)
    weighted = weighed(components, off_theme(index, prep, rows, components))
    score = weighted @ weight_vector(prep.weights)
    if prep.municipality_fit is not None and kind in REGIONAL_KINDS:
        score *= weighted[:, COMPONENTS.index("region_fit")]
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
    return explain(index, prep, rows[at], scores[at], components[at], chosen.promoted)
