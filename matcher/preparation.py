"""Turn a Mission into vectors over the index: themes, text, region and network reach."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from graph_schema.model import OrgKind
from matcher.index import MatchIndex
from matcher.location_reasons import related_themes
from matcher.network import NetworkView, network_view
from matcher.query import MatchError, Mission
from matcher.sparse import row_max, unit_rows
from matcher.weights import WEIGHTS

# Largest top-k served: MMR compares the short list pairwise (3k x 3k).
MAX_K = 100
# Weight of the mission themes' labels beside the mission text in the text query.
LABEL_QUERY_WEIGHT = 1.0


@dataclass(frozen=True, eq=False)
class PreparedMission:
    """A mission resolved against an index; shared by every kind asked for."""

    mission: Mission
    theme_weights: np.ndarray  # per theme, explicit 1.0 or inferred containment
    mission_themes: tuple[int, ...]  # explicit first, then inferred
    text_vec: sp.csr_matrix  # 1 x vocabulary, l2-normalised
    provinces: tuple[int, ...]  # the mission's province(s), for priorities and reasons
    municipality_fit: np.ndarray | None  # per gemeente, None without a mission region
    province_fit: np.ndarray | None  # per province as a whole (for OPERATES_IN)
    network: NetworkView | None
    weights: dict[str, float]  # active components, summing to 1
    related: np.ndarray | None  # per theme: related to a mission theme (None: no themes)
    location_fit: np.ndarray | None  # per org: fit of its weighted locations, NaN: not known
    query: np.ndarray  # dense columns [text | 0] and [0 | theme weights]: one product for both
    components: Mapping[str, float]  # the component weights before they were renormalised

    def region_fit(self, index: MatchIndex, rows: np.ndarray) -> np.ndarray:
        """Per organisation row: the best fit over its gemeenten (LOCATED_IN) and provinces
        (OPERATES_IN).

        Schools with student counts per location get the fit of their weighted locations
        instead (matcher.location_reasons).
        """
        if self.municipality_fit is None or self.province_fit is None:
            return np.zeros(len(rows))
        groups = index.location_group[rows]
        local = row_max(index.group_municipalities, self.municipality_fit)[groups]
        if self.location_fit is not None:
            weighted = self.location_fit[rows]
            known = ~np.isnan(weighted)
            local[known] = weighted[known]
        return np.maximum(local, row_max(index.group_provinces, self.province_fit)[groups])


def _lookup(table: dict[str, int], ids: tuple[str, ...], what: str) -> list[int]:
    """Resolve ids to rows or raise MatchError naming the unknown ones."""
    unknown = sorted({i for i in ids if i not in table})
    if unknown:
        raise MatchError(f"unknown {what}: {', '.join(unknown)}")
    return [table[i] for i in ids]


def _validate(mission: Mission) -> None:
    """Reject kinds and k that cannot be answered."""
    valid = {k.value for k in OrgKind}
    bad = sorted({str(k) for k in mission.kinds} - valid)
    if bad:
        raise MatchError(f"unknown kind: {', '.join(bad)}")
    if not 1 <= mission.k <= MAX_K:
        raise MatchError(f"k must be between 1 and {MAX_K}")


def _themes(index: MatchIndex, mission: Mission) -> tuple[np.ndarray, tuple[int, ...]]:
    """Theme weights: chosen themes 1.0, themes the text names by their labels."""
    explicit = _lookup(index.theme_pos, mission.themes, "theme")
    weights = np.zeros(len(index.themes))
    weights[explicit] = 1.0
    inferred = index.theme_inference.infer(mission.text)
    for t, w in inferred:
        weights[t] = max(weights[t], w)
    order = list(dict.fromkeys(explicit + [t for t, _ in inferred]))
    return weights, tuple(order)


def _text_vector(index: MatchIndex, raw: sp.csr_matrix, themes: tuple[int, ...]
                 ) -> sp.csr_matrix:
    """The mission text plus the labels (nl, en, synonyms) of its themes, l2-normalised.

    The labels let an English mission reach Dutch profiles through the taxonomy.
    """
    vec = unit_rows(raw)
    if themes:
        labels = index.model.theme_text[list(themes)].sum(axis=0)
        vec = vec + unit_rows(sp.csr_matrix(labels)) * LABEL_QUERY_WEIGHT
    return sp.csr_matrix(unit_rows(vec), dtype=np.float32)


def _active_weights(base: Mapping[str, float], text: bool, themes: bool, region: bool,
                    network: bool) -> dict[str, float]:
    """The component weights that apply, renormalised to sum to 1 (all 0 when none applies)."""
    on = {"theme_fit": themes, "text_fit": text, "word_fit": text, "region_fit": region,
          "network_fit": network, "experience": True, "newcomer": True}
    total = sum(w for c, w in base.items() if on[c])
    return {c: (w / total if on[c] and total else 0.0) for c, w in base.items()}


def prepare_mission(index: MatchIndex, mission: Mission,
                    components: Mapping[str, float] = WEIGHTS) -> PreparedMission:
    """Resolve a mission's ids and compute its query vectors (MatchError on unknown ids).

    `components` are the component weights (matcher.weights); evaluation passes others.
    """
    _validate(mission)
    raw = index.model.vectoriser.transform([mission.text])
    weights, mission_themes = _themes(index, mission)
    text_vec = _text_vector(index, raw, mission_themes)
    regions = index.regions
    prov = _lookup(regions.province_pos, tuple(filter(None, [mission.province])), "province")
    gems = _lookup(regions.municipality_pos, mission.gemeenten, "gemeente")
    _lookup(regions.province_pos, tuple(filter(None, [mission.filters.province])), "province")
    provinces = tuple(dict.fromkeys(prov + [int(regions.municipality_province[g]) for g in gems]))
    muni_fit = prov_fit = None
    if prov or gems:
        muni_fit = regions.municipality_fit(prov[0] if prov else None, tuple(gems))
        prov_fit = regions.mission_province_fit(prov[0] if prov else None, tuple(gems))
    network = _partners(index, mission.with_ids)
    active = _active_weights(components, text_vec.nnz > 0, weights.sum() > 0, muni_fit is not None,
                             network is not None)
    related = related_themes(weights, index.model.theme_sim)
    location_fit = None
    if muni_fit is not None:
        location_fit = np.full(len(index.orgs), np.nan)
        located, fit = index.locations.fit(muni_fit, related)
        location_fit[located] = fit
    theme_part = weights / weights.sum() if weights.sum() else weights
    n_text = index.model.n_text
    query = np.zeros((n_text + len(weights), 2))
    query[:n_text, 0] = text_vec.toarray().ravel()
    query[n_text:, 1] = theme_part
    return PreparedMission(
        mission, weights, mission_themes, text_vec, tuple(p for p in provinces if p >= 0),
        muni_fit, prov_fit, network, active, related, location_fit, query.astype(np.float32),
        components,
    )


def _partners(index: MatchIndex, ids: tuple[str, ...]) -> NetworkView | None:
    """The network reach of the partners already in the coalition (None without partners)."""
    seeds = np.array(sorted(_lookup(index.org_pos, ids, "organisation")), dtype=int)
    return network_view(index, seeds) if len(seeds) else None


def with_partners(index: MatchIndex, prep: PreparedMission, ids: tuple[str, ...]
                  ) -> PreparedMission:
    """The prepared mission with other partners in the coalition, as prepare_mission would
    give it: only the network reach and whether network fit weighs depend on the partners."""
    network = _partners(index, ids)
    active = _active_weights(prep.components, prep.text_vec.nnz > 0, prep.theme_weights.sum() > 0,
                             prep.municipality_fit is not None, network is not None)
    return replace(prep, mission=replace(prep.mission, with_ids=ids), network=network,
                   weights=active)
