"""Coverage per province and theme: partners of each kind, pps'en and missing required kinds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from graph_schema.model import GraphSnapshot, Organisation, OrgKind, RelType
from matcher.notions import gives_regional_support, organisation_provinces

# What a coalition needs (DESIGN section 1), as kinds that can fill each need; the government
# need is filled only by those that give regional support (REGIONAL_NEED).
REQUIRED: dict[str, frozenset[OrgKind]] = {
    "hbo": frozenset({OrgKind.HBO}),
    "mbo": frozenset({OrgKind.MBO}),
    "company": frozenset({OrgKind.COMPANY, OrgKind.OTHER}),
    "government": frozenset({OrgKind.GOVERNMENT, OrgKind.BOARD}),
}
# Phases after which a pps no longer counts as active.
ENDED_PHASES = frozenset({"afgerond", "beeindigd", "beëindigd", "gestopt", "ended"})
REGIONAL_NEED = "government"
REGIONAL = "regional_support"  # counter key of organisations giving regional support


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """One province x theme: partner counts per kind, mkb companies, active pps'en, gaps."""

    province: str
    theme: str
    priority: bool
    counts: dict[str, int]
    mkb_companies: int
    active_pps: int
    missing_kinds: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a cell."""
        return {"province": self.province, "theme": self.theme, "priority": self.priority,
                "counts": dict(self.counts), "mkb_companies": self.mkb_companies,
                "active_pps": self.active_pps, "missing_kinds": list(self.missing_kinds)}


def theme_ancestors(snapshot: GraphSnapshot) -> dict[str, frozenset[str]]:
    """Each theme with every broader theme above it (itself included)."""
    parents: dict[str, set[str]] = {t.id: set() for t in snapshot.themes}
    for rel in _of_type(snapshot, RelType.BROADER):
        parents.setdefault(rel.source, set()).add(rel.target)
    out: dict[str, frozenset[str]] = {}
    for theme in parents:
        seen, todo = {theme}, [theme]
        while todo:  # the seen-set also guards against cycles in imported taxonomies
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        out[theme] = frozenset(seen)
    return out


def coverage(snapshot: GraphSnapshot, provinces: Iterable[str] = (),
             themes: Iterable[str] = ()) -> tuple[CoverageCell, ...]:
    """Cells for the given provinces and themes (all when empty), sorted by province, theme.

    An organisation counts for a theme when it works on it or on a narrower theme, and for a
    province when it is located in one of its gemeenten or operates in the province
    (OPERATES_IN); each organisation once per cell.
    """
    wanted_p = set(provinces) or {p.id for p in snapshot.provinces}
    wanted_t = set(themes) or {t.id for t in snapshot.themes}
    ancestors = theme_ancestors(snapshot)
    org_provinces = _organisation_provinces(snapshot)
    counts: dict[tuple[str, str], Counter[str]] = {}
    by_id = {o.id: o for o in snapshot.organisations}
    for org_id, worked_on in _grouped(_of_type(snapshot, RelType.WORKS_ON)).items():
        cells = {(p, a) for p in org_provinces.get(org_id, ()) if p in wanted_p
                 for w in worked_on for a in ancestors.get(w, (w,)) if a in wanted_t}
        for cell in cells:
            _count(counts.setdefault(cell, Counter()), by_id[org_id])
    pps_cells = _pps_cells(snapshot, ancestors)
    priorities = {(r.source, r.target) for r in _of_type(snapshot, RelType.PRIORITISES)}
    return tuple(
        _cell(p, t, (p, t) in priorities, counts.get((p, t), Counter()), pps_cells[(p, t)])
        for p in sorted(wanted_p) for t in sorted(wanted_t))


def _cell(province: str, theme: str, priority: bool, counted: Counter[str],
          pps: int) -> CoverageCell:
    by_kind = {kind.value: counted.get(kind.value, 0) for kind in OrgKind}
    missing = tuple(need for need, kinds in REQUIRED.items()
                    if not (counted.get(REGIONAL, 0) if need == REGIONAL_NEED
                            else any(by_kind[k.value] for k in kinds)))
    return CoverageCell(province, theme, priority, by_kind, counted.get("mkb", 0), pps, missing)


def _count(counter: Counter[str], org: Organisation) -> None:
    counter[org.kind.value] += 1
    if org.kind is OrgKind.COMPANY and org.mkb:
        counter["mkb"] += 1
    if gives_regional_support(org):
        counter[REGIONAL] += 1


def _organisation_provinces(snapshot: GraphSnapshot) -> dict[str, list[str]]:
    """Province ids per organisation id, by matcher.notions.organisation_provinces."""
    orgs = [o.id for o in snapshot.organisations]
    provinces = [p.id for p in snapshot.provinces]
    gemeenten = [m.id for m in snapshot.municipalities]
    org_pos = {o: i for i, o in enumerate(orgs)}
    prov_pos = {p: i for i, p in enumerate(provinces)}
    muni_pos = {m: i for i, m in enumerate(gemeenten)}
    muni_prov = np.full(len(gemeenten), -1, dtype=np.int64)
    for rel in _of_type(snapshot, RelType.PART_OF):
        if rel.source in muni_pos and rel.target in prov_pos:
            muni_prov[muni_pos[rel.source]] = prov_pos[rel.target]
    located = _incidence(_of_type(snapshot, RelType.LOCATED_IN), org_pos, muni_pos)
    operates = _incidence(_of_type(snapshot, RelType.OPERATES_IN), org_pos, prov_pos)
    found = organisation_provinces(located, muni_prov, operates)
    return {orgs[r]: [provinces[c] for c in found.indices[found.indptr[r]:found.indptr[r + 1]]]
            for r in range(len(orgs)) if found.indptr[r + 1] > found.indptr[r]}


def _incidence(rels: Iterable[Any], rows: Mapping[str, int], cols: Mapping[str, int]
               ) -> sp.csr_matrix:
    """Rows x cols 0/1 of the relationships whose both ends are known."""
    pairs = [(rows[r.source], cols[r.target]) for r in rels
             if r.source in rows and r.target in cols]
    data = np.ones(len(pairs), dtype=np.float32)
    index = (np.array([p[0] for p in pairs], dtype=np.int64),
             np.array([p[1] for p in pairs], dtype=np.int64))
    return sp.csr_matrix((data, index), shape=(len(rows), len(cols)))


def _pps_cells(snapshot: GraphSnapshot,
               ancestors: Mapping[str, frozenset[str]]) -> Counter[tuple[str, str]]:
    active = {p.id for p in snapshot.ppses if p.phase.strip().lower() not in ENDED_PHASES}
    focus = _grouped(_of_type(snapshot, RelType.FOCUSES_ON))
    cells: Counter[tuple[str, str]] = Counter()
    for pps_id, provinces in _grouped(_of_type(snapshot, RelType.ACTIVE_IN)).items():
        if pps_id not in active:
            continue
        themes = {a for t in focus.get(pps_id, ()) for a in ancestors.get(t, (t,))}
        cells.update((p, t) for p in provinces for t in themes)
    return cells


def _of_type(snapshot: GraphSnapshot, rel_type: RelType) -> Iterable[Any]:
    return (r for r in snapshot.relationships if r.type is rel_type)


def _grouped(rels: Iterable[Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for rel in rels:
        out.setdefault(rel.source, set()).add(rel.target)
    return out
