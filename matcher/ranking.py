"""Score candidates of a kind in one sparse pass, select the top (matcher.selection), explain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph_schema.model import OrgKind
from matcher.components import (
    NETWORK,
    REGION,
    TEXT,
    THEME,
    kind_components,
    off_theme,
    relevance_basis,
    text_row,
    text_weighs,
    weighed,
    weight_vector,
)
from matcher.index import MatchIndex
from matcher.notions import organisation_provinces
from matcher.preparation import PreparedMission, with_partners
from matcher.query import Candidate
from matcher.reasons import explain
from matcher.selection import select

# Regional support comes from the mission's own region (DESIGN section 1): the scores of
# governments and boards are scaled by their region fit, so those elsewhere sink to the bottom
# while every candidate stays rankable.
REGIONAL_KINDS = (OrgKind.GOVERNMENT, OrgKind.BOARD)


@dataclass(frozen=True, eq=False)
class _Part:
    """The candidates of a kind that pass a mission's filters, scored without network fit."""

    rows: np.ndarray
    components: np.ndarray  # COMPONENTS x rows, unweighed, network fit 0, read-only
    base: np.ndarray  # the weights times the weighed components (before the region factor)
    factor: np.ndarray | None  # regional kinds: the weighed region fit scaling the score
    basis: tuple[int, float]  # the relevance basis and best value (components.relevance)
    at_best: int  # how many candidates have that best value
    text: bool  # whether the text fit row is filled in (else 0: kind_components)


def _part(index: MatchIndex, prep: PreparedMission, kind: OrgKind, rows: np.ndarray,
          components: np.ndarray, text: bool) -> _Part:
    """Score candidates of a kind (rows, COMPONENTS x rows with network fit 0, text fit
    filled in or not) without network fit."""
    if not text and components[THEME].max(initial=0.0) <= 0:
        # Nobody fits the themes: relevance compares text fit, so every candidate needs it.
        components = components.copy()
        components[TEXT] = text_row(index, prep, rows)
        components.flags.writeable = False
        text = True
    weighted = weighed(components, off_theme(index, prep, rows, components[THEME]))
    factor = None
    if prep.municipality_fit is not None and kind in REGIONAL_KINDS:
        factor = weighted[REGION]
    basis = relevance_basis(components)
    at_best = int(np.count_nonzero(components[basis[0]] == basis[1])) if basis[1] > 0 else 0
    return _Part(rows, components, weight_vector(prep.weights) @ weighted, factor, basis, at_best,
                 text)


class CandidateCache:
    """Every candidate's components and scores per kind for one mission, kept while its
    partners change.

    A coalition build adds partners one at a time and ranks the same kinds again: the text,
    theme, region and experience rows stay as they were; the partners add their network fit to
    the score (it is neither context nor a relevance basis, so the rest of the score holds) and
    leave the candidates. The kept arrays are read-only.
    """

    def __init__(self, prep: PreparedMission):
        """A cache for `prep` and the same mission with other partners (with_partners)."""
        self._query = prep.query
        self._blocks: dict[OrgKind, np.ndarray] = {}
        self._text = text_weighs(prep)  # whether the blocks hold text fit (as its weights)
        self._parts: dict[tuple[object, ...], _Part] = {}
        self._partners: tuple[tuple[str, ...], PreparedMission] | None = None

    def with_partners(self, index: MatchIndex, prep: PreparedMission, ids: tuple[str, ...]
                      ) -> PreparedMission:
        """with_partners(index, prep, ids), kept while the partners stay the same (a network
        view costs a pass over every organisation)."""
        if self._partners is None or self._partners[0] != ids:
            self._partners = (ids, with_partners(index, prep, ids))
        return self._partners[1]

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

    def part(self, index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> _Part:
        """The candidates of a kind passing the mission's filters (partners included), scored
        with the mission's weights but without network fit."""
        key = (kind, prep.mission.filters, tuple(prep.weights.items()))
        if key not in self._parts:
            block = self.block(index, prep, kind)
            keep = _filter_mask(index, prep, kind)
            rows = index.blocks[kind].rows
            if not keep.all():
                rows, block = rows[keep], block[:, keep]
                block.flags.writeable = False
            self._parts[key] = _part(index, prep, kind, rows, block, self._text)
        return self._parts[key]


def _filter_mask(index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> np.ndarray:
    """Which candidates of a kind pass the mission's filters (partners aside)."""
    block = index.blocks[kind]
    filters = prep.mission.filters
    keep = np.ones(len(block.rows), dtype=bool)
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


@dataclass(frozen=True, eq=False)
class Scored:
    """Every candidate of a kind that passes the filters and is not yet a partner: rows and
    scores in [0, 1]; `components(at)` gives some of them unweighed, as the breakdown shows
    them."""

    rows: np.ndarray
    scores: np.ndarray
    _index: MatchIndex
    _prep: PreparedMission
    _part: _Part
    _positions: np.ndarray | None  # each row's position in the part (None: the same rows)
    _network: np.ndarray | None  # per row: network fit (None without partners)

    def components(self, at: np.ndarray) -> np.ndarray:
        """len(at) x COMPONENTS of the candidates at these positions."""
        pos = at if self._positions is None else self._positions[at]
        out = self._part.components[:, pos].T.copy()
        if self._network is not None:
            out[:, NETWORK] = self._network[at]
        if not self._part.text:
            out[:, TEXT] = text_row(self._index, self._prep, self.rows[at])
        return out


def _positions_of(part: _Part, seeds: np.ndarray) -> np.ndarray:
    """Positions in the part of the partners (seeds, ascending) among its candidates."""
    found = np.searchsorted(part.rows, seeds)
    inside = found < len(part.rows)
    return found[inside][part.rows[found[inside]] == seeds[inside]]


def scored(index: MatchIndex, prep: PreparedMission, kind: OrgKind,
           cache: CandidateCache | None = None) -> Scored:
    """Every candidate of a kind that passes the filters and is not yet a partner, scored."""
    part = (cache or CandidateCache(prep)).part(index, prep, kind)
    if prep.network is None:
        score = part.base if part.factor is None else part.base * part.factor
        return Scored(part.rows, np.clip(score, 0.0, 1.0), index, prep, part, None, None)
    partners = _positions_of(part, prep.network.seeds)
    at = np.delete(np.arange(len(part.rows)), partners)
    basis, best = part.basis
    if best > 0 and np.count_nonzero(part.components[basis, partners] == best) == part.at_best:
        # The partners were every best-fitting candidate: relevance compares with another.
        part = _part(index, prep, kind, part.rows[at], part.components[:, at], part.text)
        at = np.arange(len(part.rows))
    rows = part.rows[at]
    network = prep.network.fit[rows]
    score = part.base[at] + prep.weights.get("network_fit", 0.0) * network
    if part.factor is not None:
        score *= part.factor[at]
    return Scored(rows, np.clip(score, 0.0, 1.0), index, prep, part, at, network)


def score_kind(index: MatchIndex, prep: PreparedMission, kind: OrgKind
               ) -> tuple[np.ndarray, np.ndarray]:
    """Scores in [0, 1] of every candidate of a kind that passes the filters: (rows, scores)."""
    ranked = scored(index, prep, kind)
    return ranked.rows, ranked.scores


def candidate_components(index: MatchIndex, prep: PreparedMission, kind: OrgKind
                         ) -> tuple[np.ndarray, np.ndarray]:
    """The candidates of a kind that pass the filters: (rows, rows x COMPONENTS as weighed,
    the context of off-theme candidates scaled down)."""
    ranked = scored(index, prep, kind)
    components = ranked.components(np.arange(len(ranked.rows))).T
    return ranked.rows, weighed(components, off_theme(index, prep, ranked.rows,
                                                      components[THEME])).T


def rank_kind(index: MatchIndex, prep: PreparedMission, kind: OrgKind,
              cache: CandidateCache | None = None) -> tuple[Candidate, ...]:
    """The top-k candidates of one kind, with breakdown and reasons."""
    ranked = scored(index, prep, kind, cache)
    if len(ranked.rows) == 0:
        return ()
    chosen = select(index, prep, ranked.rows, ranked.scores, prep.mission.k)
    at = chosen.positions
    return explain(index, prep, ranked.rows[at], ranked.scores[at], ranked.components(at),
                   chosen.promoted)
