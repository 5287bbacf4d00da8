"""The collaboration graph for the browser's network map: organisations and pps'en with what
the map filters on (kind, provinces, themes) and sizes by (experience)."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from matcher.notions import organisation_provinces
from web.services.read_model import ReadModel

# Enough for every organisation of the seed; the map stays responsive far beyond it (WebGL).
MAX_MAP_NODES = 20_000


def map_graph(model: ReadModel, limit: int = MAX_MAP_NODES) -> dict[str, Any]:
    """All pps'en, then organisations by number of pps'en (most first, ties by id), up to `limit`
    nodes, with the MEMBER_OF edges between them."""
    index = model.index
    rows = np.arange(len(index.orgs))
    provinces = organisation_provinces(index.org_municipalities,
                                       index.regions.municipality_province, index.org_provinces)
    themes = index.direct_themes(rows)
    province_ids = [p.id for p in index.regions.provinces]
    theme_ids = [t.id for t in index.themes]
    ppses = model.pps.ppses[:limit]
    order = sorted(rows.tolist(), key=lambda r: (-int(index.memberships[r]), index.orgs[r].id))
    chosen = order[:max(limit - len(ppses), 0)]
    members: dict[str, int] = {}
    for rel in model.memberships:
        members[rel.target] = members.get(rel.target, 0) + 1
    nodes = [{"id": p.id, "name": p.name, "kind": "pps", "synthetic": p.synthetic,
              "provinces": sorted(model.pps.active.get(p.id, ())),
              "themes": sorted(model.pps.focus.get(p.id, ())),
              "experience": members.get(p.id, 0)} for p in ppses]
    for r in chosen:
        org = index.orgs[r]
        nodes.append({
            "id": org.id, "name": org.name, "kind": org.kind.value, "synthetic": org.synthetic,
            "provinces": sorted(province_ids[c] for c in _row(provinces, r)),
            "themes": sorted(theme_ids[c] for c in _row(themes, r)),
            "experience": int(index.memberships[r])})
    kept = {n["id"] for n in nodes}
    edges = [[rel.source, rel.target] for rel in model.memberships
             if rel.source in kept and rel.target in kept]
    return {"nodes": nodes, "edges": edges, "truncated": len(nodes) < len(ppses) + len(rows)}


def _row(matrix: sp.csr_matrix, row: int) -> np.ndarray:
    """Column indices of the non-zero cells of one row."""
    return matrix.indices[matrix.indptr[row]:matrix.indptr[row + 1]]
