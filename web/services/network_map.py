"""The collaboration graph for the browser's network map: organisations and pps'en with what
the map filters on (kind, provinces, themes) and sizes by (experience)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from graph_schema.errors import NotFound
from matcher.notions import organisation_provinces
from web.services.read_model import ReadModel

# Enough for every organisation of the seed; the map stays responsive far beyond it (WebGL).
MAX_MAP_NODES = 20_000


def map_graph(model: ReadModel, limit: int = MAX_MAP_NODES) -> dict[str, Any]:
    """All pps'en, then organisations by number of pps'en (most first, ties by id), up to `limit`
    nodes, with the MEMBER_OF edges between them."""
    index = model.index
    ppses = [p.id for p in model.pps.ppses[:limit]]
    order = sorted(range(len(index.orgs)),
                   key=lambda r: (-int(index.memberships[r]), index.orgs[r].id))
    chosen = order[:max(limit - len(ppses), 0)]
    nodes = _pps_nodes(model, ppses) + _org_nodes(model, chosen)
    kept = {n["id"] for n in nodes}
    edges = [[rel.source, rel.target] for rel in model.memberships
             if rel.source in kept and rel.target in kept]
    return {"nodes": nodes, "edges": edges,
            "truncated": len(nodes) < len(model.pps.ppses) + len(index.orgs)}


def neighbours_graph(model: ReadModel, node_id: str) -> dict[str, Any]:
    """The pps'en of an organisation, or the members of a pps, as map nodes (the same
    attributes as `map_graph`'s), with the MEMBER_OF edges to it; unknown id -> NotFound."""
    index = model.index
    if node_id in index.org_pos:
        edges = [[r.source, r.target] for r in model.memberships if r.source == node_id]
        nodes = _pps_nodes(model, sorted({target for _, target in edges}))
    elif node_id in index.pps_pos:
        edges = [[r.source, r.target] for r in model.memberships if r.target == node_id]
        nodes = _org_nodes(model, sorted(index.org_pos[source] for source, _ in edges))
    else:
        raise NotFound("Organisation or Pps", node_id)
    return {"centre": node_id, "nodes": nodes, "edges": edges}


def _pps_nodes(model: ReadModel, pps_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Map nodes of pps'en: their provinces (ACTIVE_IN), themes and number of members."""
    wanted = set(pps_ids)
    members: dict[str, int] = {}
    for rel in model.memberships:
        if rel.target in wanted:
            members[rel.target] = members.get(rel.target, 0) + 1
    by_id = {p.id: p for p in model.pps.ppses if p.id in wanted}
    return [{"id": p, "name": by_id[p].name, "kind": "pps", "synthetic": by_id[p].synthetic,
             "provinces": sorted(model.pps.active.get(p, ())),
             "themes": sorted(model.pps.focus.get(p, ())),
             "experience": members.get(p, 0)} for p in pps_ids if p in by_id]


def _org_nodes(model: ReadModel, rows: Sequence[int]) -> list[dict[str, Any]]:
    """Map nodes of the organisations at `rows`: kind, provinces, themes, pps'en they are in."""
    index = model.index
    picked = np.asarray(rows, dtype=np.int64)
    provinces = organisation_provinces(index.org_municipalities[picked],
                                       index.regions.municipality_province,
                                       index.org_provinces[picked])
    themes = index.direct_themes(picked)
    province_ids = [p.id for p in index.regions.provinces]
    theme_ids = [t.id for t in index.themes]
    nodes = []
    for i, r in enumerate(picked.tolist()):
        org = index.orgs[r]
        nodes.append({
            "id": org.id, "name": org.name, "kind": org.kind.value, "synthetic": org.synthetic,
            "provinces": sorted(province_ids[c] for c in _row(provinces, i)),
            "themes": sorted(theme_ids[c] for c in _row(themes, i)),
            "experience": int(index.memberships[r])})
    return nodes


def _row(matrix: sp.csr_matrix, row: int) -> np.ndarray:
    """Column indices of the non-zero cells of one row."""
    return matrix.indices[matrix.indptr[row]:matrix.indptr[row + 1]]
