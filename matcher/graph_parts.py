"""Parse a GraphSnapshot into id-ordered arrays and sparse matrices, and fit the vectoriser."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
import scipy.sparse as sp

from graph_schema.model import GraphSnapshot, Organisation, Pps, Relationship, RelType, Theme
from matcher.features import ProfileModel, org_document
from matcher.location_reasons import LocationModel, build_locations
from matcher.notions import own_theme_weights
from matcher.regions import RegionModel, build_regions
from matcher.sparse import keep_top_per_row, unit_rows
from matcher.taxonomy import theme_similarity
from matcher.text import fit_vectoriser, theme_text
from matcher.theme_inference import ThemeInference


@dataclass(frozen=True, eq=False)
class SnapshotParts:
    """The snapshot as arrays: the raw material of a MatchIndex."""

    orgs: tuple[Organisation, ...]
    ppses: tuple[Pps, ...]
    themes: tuple[Theme, ...]
    own_themes: sp.csr_matrix
    membership: sp.csr_matrix
    org_municipalities: sp.csr_matrix
    org_provinces: sp.csr_matrix  # OPERATES_IN: works in the province, gemeente unknown
    pps_start: np.ndarray
    regions: RegionModel
    priorities: dict[int, tuple[tuple[int, str], ...]]
    reference_year: int
    model: ProfileModel
    documents: sp.csr_matrix  # TF-IDF rows of the organisations' own texts
    theme_inference: ThemeInference
    locations: LocationModel


Triple = tuple[int, int, Relationship]


def _pairs(rels: Sequence[Relationship], rows: dict[str, int], cols: dict[str, int]
           ) -> list[Triple]:
    """(row, col, relationship) for relationships whose both ends are known."""
    return [(rows[r.source], cols[r.target], r) for r in rels
            if r.source in rows and r.target in cols]


def _matrix(pairs: list[Triple], shape: tuple[int, int], value: str | None = None) -> sp.csr_matrix:
    """A CSR matrix from (row, col, relationship) triples; values from a property or 1."""
    data = [float(r.props.get(value, 1.0)) if value else 1.0 for _, _, r in pairs]
    rows = [p[0] for p in pairs]
    cols = [p[1] for p in pairs]
    m = sp.csr_matrix((np.asarray(data, dtype=np.float32), (rows, cols)), shape=shape)
    m.sum_duplicates()
    m.data = np.clip(m.data, 0.0, 1.0)
    return m


def _priorities(pairs: list[Triple]) -> dict[int, tuple[tuple[int, str], ...]]:
    """Province index -> (theme index, basis text), sorted by theme."""
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for prov, theme, rel in pairs:
        out[prov].append((theme, str(rel.props.get("basis", ""))))
    return {p: tuple(sorted(v)) for p, v in out.items()}


def _fit_model(
    snapshot_orgs: Sequence[Organisation], ppses: Sequence[Pps], themes: Sequence[Theme],
    pps_themes: sp.csr_matrix, broader: list[tuple[int, int]], max_features: int | None,
    max_terms: int | None,
) -> tuple[ProfileModel, sp.csr_matrix]:
    """Fit the TF-IDF vocabulary on every text of the graph (no membership information).

    Returns the model and the TF-IDF rows of the organisations' own texts (one pass).
    """
    theme_docs = [theme_text(t) for t in themes]
    missions = [p.mission for p in ppses]
    corpus = [org_document(o) for o in snapshot_orgs] + missions + theme_docs
    # Organisation texts are cut as they are made, as cap() would cut them anyway.
    cut = None if max_terms is None else partial(keep_top_per_row, n=max_terms)
    vectoriser, rows = fit_vectoriser(corpus or ["leeg"], max_features, len(snapshot_orgs), cut)
    n, p = len(snapshot_orgs), len(missions)
    model = ProfileModel(
        vectoriser=vectoriser,
        theme_text=unit_rows(rows[n + p :]),
        mission_text=unit_rows(rows[n : n + p]),
        pps_themes=pps_themes,
        theme_sim=theme_similarity(len(themes), broader),
        max_terms=max_terms,
    )
    # Missions are summed into member profiles: cap them first, so sums stay small.
    return replace(model, mission_text=model.cap(model.mission_text)), rows[:n]


def _regions(snapshot: GraphSnapshot) -> RegionModel:
    """The region model of a snapshot (provinces, gemeenten, PART_OF, BORDERS)."""
    return build_regions(
        tuple(sorted(snapshot.provinces, key=lambda p: p.id)),
        tuple(sorted(snapshot.municipalities, key=lambda m: m.id)),
        [(r.source, r.target) for r in snapshot.relationships if r.type is RelType.PART_OF],
        [(r.source, r.target) for r in snapshot.relationships if r.type is RelType.BORDERS],
    )


def split_snapshot(snapshot: GraphSnapshot, max_features: int | None = None,
                   max_terms: int | None = None) -> SnapshotParts:
    """Turn a snapshot into the arrays and matrices of a MatchIndex."""
    orgs = tuple(sorted(snapshot.organisations, key=lambda o: o.id))
    ppses = tuple(sorted(snapshot.ppses, key=lambda p: p.id))
    themes = tuple(sorted(snapshot.themes, key=lambda t: t.id))
    regions = _regions(snapshot)
    org_pos = {o.id: i for i, o in enumerate(orgs)}
    pps_pos = {p.id: i for i, p in enumerate(ppses)}
    theme_pos = {t.id: i for i, t in enumerate(themes)}
    by_type: dict[RelType, list[Relationship]] = defaultdict(list)
    for rel in snapshot.relationships:
        by_type[rel.type].append(rel)
    n, p, t = len(orgs), len(ppses), len(themes)
    works_on = _matrix(_pairs(by_type[RelType.WORKS_ON], org_pos, theme_pos), (n, t), "weight")
    pps_themes = _matrix(_pairs(by_type[RelType.FOCUSES_ON], pps_pos, theme_pos), (p, t))
    broader = [(a, b) for a, b, _ in _pairs(by_type[RelType.BROADER], theme_pos, theme_pos)]
    model, documents = _fit_model(orgs, ppses, themes, pps_themes, broader, max_features,
                                  max_terms)
    starts = np.array([pp.start_year or 0 for pp in ppses], dtype=np.float64)
    located = _pairs(by_type[RelType.LOCATED_IN], org_pos, regions.municipality_pos)
    operates = _pairs(by_type[RelType.OPERATES_IN], org_pos, regions.province_pos)
    return SnapshotParts(
        orgs=orgs,
        ppses=ppses,
        themes=themes,
        own_themes=own_theme_weights(works_on, orgs, themes),
        membership=_matrix(_pairs(by_type[RelType.MEMBER_OF], org_pos, pps_pos), (n, p)),
        org_municipalities=_matrix(located, (n, len(regions.municipalities))),
        org_provinces=_matrix(operates, (n, len(regions.provinces))),
        pps_start=starts,
        regions=regions,
        priorities=_priorities(
            _pairs(by_type[RelType.PRIORITISES], regions.province_pos, theme_pos)
        ),
        reference_year=int(starts.max()) if len(starts) else 0,
        model=model,
        documents=documents,
        theme_inference=ThemeInference.build(themes, broader),
        locations=build_locations(by_type[RelType.LOCATED_IN], org_pos,
                                  regions.municipality_pos, theme_pos),
    )
