"""Coverage per gemeente of one province: partners of each need, active pps'en and gaps per
theme, for the gemeenten of the Provinciekaart.

The same notions as the province cells of `matcher.coverage`: an organisation works on a theme
by `notions.works_on_themes` (own WORKS_ON and SBI fit raised by its pps'en's themes, closed
over broader themes); governments and boards count by location alone; a need is missing by
the coverage rule. An organisation counts in each gemeente it is LOCATED_IN (one that only
OPERATES_IN the province has no gemeente); an active pps of the province (ACTIVE_IN, as for the
province's cells) counts in each gemeente where one of its members is located.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from graph_schema.model import OrgKind
from matcher.coverage import (
    ENDED_PHASES,
    LOCATION_KINDS,
    REGIONAL_NEED,
    REQUIRED,
    missing_needs,
)
from matcher.notions import (
    gives_regional_support,
    theme_ancestors,
    theme_weights,
    works_on_themes,
)
from web.services.read_model import ReadModel


@dataclass(frozen=True, slots=True)
class MunicipalityCell:
    """One gemeente x theme: organisations per need, active pps'en there, missing needs."""

    municipality: str
    theme: str
    needs: dict[str, int]  # need (as in matcher.coverage.REQUIRED) -> organisations
    active_pps: int
    missing: tuple[str, ...]


def municipality_cells(model: ReadModel, province: str, themes: tuple[str, ...]
                       ) -> dict[str, dict[str, MunicipalityCell]]:
    """GMxxxx -> theme -> cell, for every gemeente of a province (PVxx) and the given themes."""
    index = model.index
    gemeenten = sorted(g for g, p in model.regions.province_of.items()
                       if p == province and g in index.regions.municipality_pos)
    columns = [index.regions.municipality_pos[g] for g in gemeenten]
    located = sp.csr_matrix(index.org_municipalities[:, columns] != 0, dtype=np.float32)
    rows = np.flatnonzero(np.diff(located.indptr) > 0)
    located = located[rows]  # the organisations in the province's gemeenten only
    theme_cols = [index.theme_pos[t] for t in themes]
    works = _works_on(model, rows)[:, theme_cols]
    kinds = [index.orgs[r].kind for r in rows.tolist()]
    # Governments and boards count by location alone, in every theme.
    per_kind = {kind: np.repeat(_count(located, [k is kind for k in kinds]), len(themes), axis=1)
                if kind in LOCATION_KINDS else _count(located, [k is kind for k in kinds], works)
                for kind in OrgKind}
    regional = _count(located, [gives_regional_support(index.orgs[r]) for r in rows.tolist()])
    pps = _active_pps(model, province, rows, located, theme_cols)
    out: dict[str, dict[str, MunicipalityCell]] = {}
    for g, code in enumerate(gemeenten):
        out[code] = {}
        for t, theme in enumerate(themes):
            counts = {kind.value: int(per_kind[kind][g, t]) for kind in OrgKind}
            support = int(regional[g, 0])
            needs = {need: support if need == REGIONAL_NEED
                     else sum(counts[k.value] for k in held) for need, held in REQUIRED.items()}
            out[code][theme] = MunicipalityCell(code, theme, needs, int(pps[g, t]),
                                                missing_needs(counts, support))
    return out


def _works_on(model: ReadModel, rows: np.ndarray) -> sp.csr_matrix:
    """Organisations at `rows` x every theme, 1 where it works on the theme."""
    index = model.index
    return works_on_themes(
        theme_weights(index.own_themes[rows], index.membership[rows], _pps_focus(model)),
        _ancestors(model))


def _ancestors(model: ReadModel) -> sp.csr_matrix:
    """Theme x theme: the theme itself and every broader theme above it."""
    pos = model.index.theme_pos
    pairs = [(pos[child], pos[parent]) for child, parents in model.taxonomy.broader.items()
             for parent in parents if child in pos and parent in pos]
    return theme_ancestors(len(pos), pairs)


def _pps_focus(model: ReadModel) -> sp.csr_matrix:
    """Pps x theme, 1 where the pps FOCUSES_ON the theme (in the index's order)."""
    index = model.index
    pairs = [(index.pps_pos[p], index.theme_pos[t]) for p, focus in model.pps.focus.items()
             if p in index.pps_pos for t in focus if t in index.theme_pos]
    data = np.ones(len(pairs), dtype=np.float32)
    return sp.csr_matrix((data, ([p for p, _ in pairs], [t for _, t in pairs])),
                         shape=(len(index.ppses), len(index.themes)))


def _count(located: sp.csr_matrix, chosen: list[bool], works: sp.csr_matrix | None = None
           ) -> np.ndarray:
    """Gemeente x theme (or x 1 without `works`): the chosen organisations located there."""
    pick = sp.diags(np.array(chosen, dtype=np.float32))
    right = works if works is not None else np.ones((located.shape[0], 1), dtype=np.float32)
    found = located.T @ (pick @ right)
    return np.asarray(found.toarray() if sp.issparse(found) else found).astype(np.int64)


def _active_pps(model: ReadModel, province: str, rows: np.ndarray, located: sp.csr_matrix,
                theme_cols: list[int]) -> np.ndarray:
    """Gemeente x theme: the province's active pps'en on the theme with a member located in
    the gemeente."""
    index = model.index
    present = sp.csr_matrix(located.T @ index.membership[rows])
    present.data[:] = 1.0
    active = np.array([p.phase.strip().lower() not in ENDED_PHASES
                       and province in model.pps.active.get(p.id, ()) for p in index.ppses],
                      dtype=np.float32)
    on_theme = works_on_themes(_pps_focus(model), _ancestors(model))[:, theme_cols]
    return (present @ sp.diags(active) @ on_theme).toarray().astype(np.int64)
