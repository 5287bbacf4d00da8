"""Coverage per province and theme: partners of each kind, pps'en, gaps, mkb in pps'en, overlap.

Built on the notions of `matcher.notions` (works on a theme, is in a province, gives regional
support), so coverage, the coalition rules and the recommendations agree. The numbers for all
provinces x themes come from two sparse products over a `CoverageModel` (one pass, no loop
per cell or per organisation).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from graph_schema.model import GraphSnapshot, Organisation, OrgKind, Pps, Relationship, RelType
from matcher.notions import (
    gives_regional_support,
    organisation_provinces,
    own_theme_weights,
    theme_ancestors,
    theme_weights,
    works_on_themes,
)
from matcher.regions import RegionModel, build_regions
from matcher.rules import PUBLIC, WORK_FIELD

# What a coalition needs (DESIGN section 1), as kinds that can fill each need, the same kinds
# as the coalition rules; "government" is filled by any organisation that gives regional
# support (notions.gives_regional_support).
REQUIRED: dict[str, frozenset[OrgKind]] = {
    "hbo": frozenset({OrgKind.HBO}),
    "mbo": frozenset({OrgKind.MBO}),
    "company": WORK_FIELD,
    "government": PUBLIC,
}
REGIONAL_NEED = "government"
# Regional support is about where a party is, not what it works on: these kinds count in every
# theme of the provinces they are in.
LOCATION_KINDS = frozenset({OrgKind.GOVERNMENT, OrgKind.BOARD})
# Phases after which a pps no longer counts as active.
ENDED_PHASES = frozenset({"afgerond", "beeindigd", "beëindigd", "gestopt", "ended"})
# Rows of the coverage products: organisations of each kind, mkb companies, regional support.
GROUPS = (*(kind.value for kind in OrgKind), "mkb", "regional")


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """One province x theme: partner counts per kind, active pps'en, gaps, mkb and overlap.

    `counts` holds organisations of each kind in the province that work on the theme;
    governments and boards count by location alone. `mkb_in_pps` counts mkb companies that
    are members of an active pps of the province on the theme; `overlap` names the active
    pps'en when there are several.
    """

    province: str
    theme: str
    priority: bool
    counts: dict[str, int]
    regional_support: int
    mkb_companies: int
    pps_real: int
    pps_synthetic: int
    mkb_in_pps: int
    missing_kinds: tuple[str, ...]
    overlap: tuple[str, ...]

    @property
    def active_pps(self) -> int:
        """Active pps'en on the theme in the province, real and synthetic."""
        return self.pps_real + self.pps_synthetic

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a cell."""
        return {"province": self.province, "theme": self.theme, "priority": self.priority,
                "counts": dict(self.counts), "regional_support": self.regional_support,
                "mkb_companies": self.mkb_companies, "active_pps": self.active_pps,
                "pps_real": self.pps_real, "pps_synthetic": self.pps_synthetic,
                "mkb_in_pps": self.mkb_in_pps, "missing_kinds": list(self.missing_kinds),
                "overlap": list(self.overlap)}


@dataclass(frozen=True, eq=False)
class CoverageModel:
    """What coverage needs, as id-ordered arrays and 0/1 matrices; build with `coverage_model`."""

    orgs: tuple[Organisation, ...]
    ppses: tuple[Pps, ...]
    theme_ids: tuple[str, ...]
    regions: RegionModel
    org_provinces: sp.csr_matrix  # org x province (notions.organisation_provinces)
    works_on: sp.csc_matrix  # org x theme (notions.works_on_themes); CSC: .T is theme-major
    membership: sp.csr_matrix  # org x pps
    pps_provinces: sp.csr_matrix  # pps x province (ACTIVE_IN)
    pps_themes: sp.csr_matrix  # pps x theme, FOCUSES_ON closed over broader themes
    pps_cells: sp.csr_matrix  # pps x (province * themes + theme): the active pps'en's cells
    priorities: frozenset[tuple[int, int]]  # (province, theme) pairs a province prioritises
    # Per-organisation and per-pps facts as arrays, read once from the snapshot so that
    # `coverage` is sparse algebra only (no loop over a million organisations per call).
    group_provinces: sp.csr_matrix  # org x (group * province), groups as in GROUPS
    mkb_membership: sp.csr_matrix  # mkb company x pps (rows of `membership`)
    pps_synthetic: np.ndarray  # bool per pps
    pps_names: np.ndarray  # per pps, its name (object array)
    pps_name_rank: np.ndarray  # per pps, its position when all are sorted by name

    @property
    def province_ids(self) -> tuple[str, ...]:
        """Province ids in index order."""
        return tuple(p.id for p in self.regions.provinces)


def _incidence(rels: Iterable[Relationship], rows: dict[str, int], cols: dict[str, int],
               value: str | None = None) -> sp.csr_matrix:
    """Rows x cols from the relationships whose both ends are known (a property or 1)."""
    pairs = [(rows[r.source], cols[r.target], float(r.props.get(value, 1.0)) if value else 1.0)
             for r in rels if r.source in rows and r.target in cols]
    data = np.array([p[2] for p in pairs], dtype=np.float32)
    index = (np.array([p[0] for p in pairs], dtype=np.int64),
             np.array([p[1] for p in pairs], dtype=np.int64))
    out = sp.csr_matrix((data, index), shape=(len(rows), len(cols)))
    out.sum_duplicates()
    return out


def coverage_model(snapshot: GraphSnapshot) -> CoverageModel:
    """Parse a snapshot into the arrays coverage aggregates over."""
    orgs = tuple(sorted(snapshot.organisations, key=lambda o: o.id))
    ppses = tuple(sorted(snapshot.ppses, key=lambda p: p.id))
    themes = tuple(sorted(snapshot.themes, key=lambda t: t.id))
    by_type: dict[RelType, list[Relationship]] = defaultdict(list)
    for rel in snapshot.relationships:
        by_type[rel.type].append(rel)
    regions = build_regions(
        tuple(sorted(snapshot.provinces, key=lambda p: p.id)),
        tuple(sorted(snapshot.municipalities, key=lambda m: m.id)),
        [(r.source, r.target) for r in by_type[RelType.PART_OF]],
        [(r.source, r.target) for r in by_type[RelType.BORDERS]])
    org_pos = {o.id: i for i, o in enumerate(orgs)}
    pps_pos = {p.id: i for i, p in enumerate(ppses)}
    theme_pos = {t.id: i for i, t in enumerate(themes)}
    prov_pos = regions.province_pos
    broader = _incidence(by_type[RelType.BROADER], theme_pos, theme_pos).tocoo()
    ancestors = theme_ancestors(len(themes), list(zip(broader.row.tolist(),
                                                      broader.col.tolist(), strict=True)))
    focus = _incidence(by_type[RelType.FOCUSES_ON], pps_pos, theme_pos)
    membership = _incidence(by_type[RelType.MEMBER_OF], org_pos, pps_pos)
    works = _incidence(by_type[RelType.WORKS_ON], org_pos, theme_pos, "weight")
    weights = theme_weights(own_theme_weights(works, orgs, themes), membership, focus)
    priorities = _incidence(by_type[RelType.PRIORITISES], prov_pos, theme_pos).tocoo()
    org_provinces = organisation_provinces(
        _incidence(by_type[RelType.LOCATED_IN], org_pos, regions.municipality_pos),
        regions.municipality_province,
        _incidence(by_type[RelType.OPERATES_IN], org_pos, prov_pos))
    groups = _org_groups(orgs)
    pps_provinces = _incidence(by_type[RelType.ACTIVE_IN], pps_pos, prov_pos)
    pps_themes = works_on_themes(focus, ancestors)
    active = np.array([p.phase.strip().lower() not in ENDED_PHASES for p in ppses], dtype=bool)
    names = np.array([p.name for p in ppses], dtype=object)
    name_rank = np.empty(len(ppses), dtype=np.int64)
    name_rank[np.argsort(names, kind="stable")] = np.arange(len(ppses))
    return CoverageModel(
        orgs=orgs, ppses=ppses, theme_ids=tuple(theme_pos), regions=regions,
        org_provinces=org_provinces,
        works_on=sp.csc_matrix(works_on_themes(weights, ancestors)),
        membership=membership,
        pps_provinces=pps_provinces,
        pps_themes=pps_themes,
        pps_cells=sp.csr_matrix(sp.diags(active.astype(np.float32))
                                @ _row_kron(pps_provinces, pps_themes)),
        priorities=frozenset(zip(priorities.row.tolist(), priorities.col.tolist(), strict=True)),
        group_provinces=_row_kron(groups, org_provinces),
        mkb_membership=membership[np.flatnonzero(groups[:, GROUPS.index("mkb")].toarray())],
        pps_synthetic=np.array([p.synthetic for p in ppses], dtype=bool),
        pps_names=names,
        pps_name_rank=name_rank,
    )


def _org_groups(orgs: Sequence[Organisation]) -> sp.csr_matrix:
    """Organisation x GROUPS, 1 for its kind, for an mkb company and for regional support."""
    column = {group: i for i, group in enumerate(GROUPS)}
    rows: list[int] = []
    cols: list[int] = []
    for i, org in enumerate(orgs):
        rows.append(i)
        cols.append(column[org.kind.value])
        if org.kind is OrgKind.COMPANY and org.mkb:
            rows.append(i)
            cols.append(column["mkb"])
        if gives_regional_support(org):
            rows.append(i)
            cols.append(column["regional"])
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(orgs), len(GROUPS)))


def _row_kron(a: sp.csr_matrix, b: sp.csr_matrix) -> sp.csr_matrix:
    """Row-wise Kronecker product: out[i, j*B + k] = a[i, j] * b[i, k] (B = columns of b)."""
    na, nb = a.shape[1], b.shape[1]
    spread_a = sp.kron(sp.identity(na, format="csr"), np.ones((1, nb)), format="csr")
    spread_b = sp.kron(np.ones((1, na)), sp.identity(nb, format="csr"), format="csr")
    return sp.csr_matrix((a @ spread_a).multiply(b @ spread_b))


def _dense(m: Any) -> np.ndarray:
    """A (sparse or dense) matrix as a dense int64 array."""
    return np.asarray(m.toarray() if sp.issparse(m) else m).astype(np.int64)


@dataclass(frozen=True, eq=False)
class _Totals:
    """Province x theme arrays for all cells, from one pass of aggregations."""

    by_kind: dict[str, np.ndarray]
    regional: np.ndarray  # per province
    mkb: np.ndarray
    pps_real: np.ndarray
    pps_synthetic: np.ndarray
    mkb_in_pps: np.ndarray
    cell_pps: sp.csr_matrix  # (province * themes + theme) x pps, active pps'en per cell


def _totals(model: CoverageModel) -> _Totals:
    """Every count of every cell: one sparse product for the organisations, one for the pps'en."""
    n_prov, n_theme = len(model.regions.provinces), len(model.theme_ids)
    # theme x (group * province); theme-major on the left is the faster order for scipy
    on_theme = _dense(model.works_on.T @ model.group_provinces).T.reshape(
        len(GROUPS), n_prov, n_theme)
    in_place = _dense(model.group_provinces.sum(axis=0)).reshape(len(GROUPS), n_prov)
    by_kind = {kind.value: np.repeat(in_place[g][:, None], n_theme, axis=1)
               if kind in LOCATION_KINDS else on_theme[g] for g, kind in enumerate(OrgKind)}
    cells = model.pps_cells
    per_cell = cells.T.tocsr()
    shape = (n_prov, n_theme)
    reached = model.mkb_membership @ cells
    return _Totals(
        by_kind=by_kind,
        regional=in_place[GROUPS.index("regional")],
        mkb=on_theme[GROUPS.index("mkb")],
        pps_real=_dense(per_cell @ (~model.pps_synthetic).astype(np.float32)).reshape(shape),
        pps_synthetic=_dense(per_cell @ model.pps_synthetic.astype(np.float32)).reshape(shape),
        mkb_in_pps=_dense((reached != 0).sum(axis=0)).reshape(shape),
        cell_pps=per_cell,
    )


def missing_needs(counts: dict[str, int], regional: int) -> tuple[str, ...]:
    """The required needs no organisation in a cell fills, from its counts per kind and its
    regional supporters (also used per gemeente, web.services.municipality_coverage)."""
    return tuple(need for need, kinds in REQUIRED.items()
                 if not (regional if need == REGIONAL_NEED
                         else any(counts[k.value] for k in kinds)))


def coverage(model: CoverageModel, provinces: Sequence[str] = (),
             themes: Sequence[str] = ()) -> tuple[CoverageCell, ...]:
    """Cells for the given province and theme ids (all when empty), sorted by province, theme.

    An organisation counts for a theme when it works on it (notions.works_on_themes) and for a
    province when it is in it (notions.organisation_provinces); each once per cell.
    """
    prov_ids, theme_ids = model.province_ids, model.theme_ids
    unknown = sorted((set(provinces) - set(prov_ids)) | (set(themes) - set(theme_ids)))
    if unknown:
        raise ValueError(f"unknown province or theme: {', '.join(unknown)}")
    wanted_p = sorted(prov_ids.index(p) for p in set(provinces)) or range(len(prov_ids))
    wanted_t = sorted(theme_ids.index(t) for t in set(themes)) or range(len(theme_ids))
    totals = _totals(model)
    out = []
    for p in wanted_p:
        for t in wanted_t:
            counts = {kind: int(v[p, t]) for kind, v in totals.by_kind.items()}
            regional = int(totals.regional[p])
            cell = p * len(theme_ids) + t
            pps = totals.cell_pps.indices[totals.cell_pps.indptr[cell]:
                                          totals.cell_pps.indptr[cell + 1]]
            by_name = pps[np.argsort(model.pps_name_rank[pps], kind="stable")]
            names = tuple(model.pps_names[by_name].tolist()) if len(pps) > 1 else ()
            out.append(CoverageCell(
                prov_ids[p], theme_ids[t], (p, t) in model.priorities, counts, regional,
                int(totals.mkb[p, t]), int(totals.pps_real[p, t]),
                int(totals.pps_synthetic[p, t]), int(totals.mkb_in_pps[p, t]),
                missing_needs(counts, regional), names))
    return tuple(out)
