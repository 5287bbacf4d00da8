"""Choosing the members of a synthetic pps: fitting schools near it, companies on its themes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from graph_schema.model import OrgKind
from seed_data.coalition_schools import VESTIGING_EXPONENT, SchoolPool
from seed_data.companies import CompanyTable
from seed_data.reference_data import ReferenceData

SECOND_SCHOOL_P, WO_P = 0.25, 0.2
PROVINCIE_P, GEMEENTE_P, BOARD_P = 0.6, 0.5, 0.35
LOCAL_P, EMPLOYER_P = 0.4, 0.8
MAX_COMPANIES = 30
FUNDED_MBO = ("roc", "aoc", "vakinstelling")


@dataclass(frozen=True)
class Members:
    """The chosen members of one pps, by partner group, in a fixed order."""

    hbo: tuple[str, ...] = ()
    mbo: tuple[str, ...] = ()
    wo: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    government: tuple[str, ...] = ()
    board: tuple[str, ...] = ()
    place: str | None = None

    def without(self, group: str) -> Members:
        """The same members minus one group ('government' also drops boards)."""
        extra = {"board": ()} if group == "government" else {}
        return replace(self, **{group: (), **extra})

    def with_roles(self, kind: str, rng: np.random.Generator) -> tuple[tuple[str, str], ...]:
        """(organisation, role) pairs with exactly one penvoerder when there is anyone."""
        lead = self._lead(kind, rng)
        out = []
        for org in (*self.hbo, *self.mbo, *self.wo, *self.company, *self.government, *self.board):
            if org == lead:
                role = "penvoerder"
            elif org in self.wo:
                role = "kennispartner"
            elif org.startswith("gov:PV"):
                role = "cofinancier"
            else:
                role = "partner"
            out.append((org, role))
        return tuple(out)

    def _lead(self, kind: str, rng: np.random.Generator) -> str | None:
        if kind == "Centre of Expertise":
            order = (self.hbo, self.mbo, self.company)
        elif kind == "CIV":
            order = (self.mbo, self.hbo, self.company)
        elif rng.random() < 0.5:
            order = (self.hbo, self.mbo, self.company)
        else:
            order = (self.mbo, self.hbo, self.company)
        return next((group[0] for group in order if group), None)


class MemberPicker:
    """Precomputed indexes so that choosing members costs O(members), not O(organisations)."""

    def __init__(self, ref: ReferenceData, companies: CompanyTable):
        self.ref = ref
        self.theme_ids = ref.taxonomy.ids()
        self.theme_pos = {t: i for i, t in enumerate(self.theme_ids)}
        pool = partial(SchoolPool, theme_pos=self.theme_pos, taxonomy=ref.taxonomy,
                       regions=ref.regions)
        self.hbo = pool(list(ref.hbo), fallback=True)
        self.mbo = pool([r for r in ref.mbo if r.org.subtype in FUNDED_MBO], fallback=True,
                        exponent=VESTIGING_EXPONENT)
        self.wo = pool(list(ref.wo), fallback=False)
        self.gemeente_names = {m.id: m.name for m in ref.regions.municipalities}
        self.boards = {p.id: [g.org.id for g in ref.governments if g.org.kind is OrgKind.BOARD
                              and p.id in g.provinces] for p in ref.regions.provinces}
        self.population = {p.id: self._population(p.id) for p in ref.regions.provinces}
        self.companies = companies
        self.province_pos = {p.id: i for i, p in enumerate(ref.regions.provinces)}
        self.gemeente_pos = {g: i for i, g in enumerate(ref.economy.gemeenten)}
        self._company_pools(companies)

    def _population(self, province: str) -> tuple[list[str], np.ndarray]:
        items = [(m.id, m.population) for m in self.ref.regions.municipalities
                 if self.ref.regions.province_of[m.id] == province]
        return [g for g, _ in items], np.cumsum([max(1, n) for _, n in items], dtype=np.float64)

    def _company_pools(self, table: CompanyTable) -> None:
        """Sorted (tier, key) arrays of company rows per province x theme and gemeente x theme."""
        n_themes = len(self.theme_ids)
        tier = (table.size[table.theme_company] > 0).astype(np.int64)
        self.pools = {}
        for scope, place in (("province", table.province), ("gemeente", table.gemeente)):
            key = (place[table.theme_company] * n_themes + table.theme_index) * 2 + tier
            order = np.argsort(key, kind="stable")
            keys, starts, counts = np.unique(key[order], return_index=True, return_counts=True)
            slices = dict(zip(keys.tolist(), zip(starts.tolist(), counts.tolist(), strict=True),
                              strict=True))
            self.pools[scope] = (slices, table.theme_company[order])

    def pick(self, rng: np.random.Generator, province: str, themes: tuple[str, ...],
             kind: str) -> Members:
        """Members for a pps of a kind in a province working on themes."""
        columns = [self.theme_pos[t] for t in themes]
        second = rng.random(2) < SECOND_SCHOOL_P
        hbo = self.hbo.pick(rng, province, columns, 1 + int(second[0]))
        mbo = self.mbo.pick(rng, province, columns, 1 + int(second[1]))
        wo = self.wo.pick(rng, province, columns, int(rng.random() < WO_P))
        schools = [*hbo, *mbo]
        local = sorted({g for r in schools for g in r.gemeenten
                        if self.ref.regions.province_of[g] == province})
        place = next((self.gemeente_names[g] for r in schools for g in r.gemeenten
                      if self.ref.regions.province_of[g] == province), None)
        count = min(2 + int(rng.poisson(5)), MAX_COMPANIES)
        companies = self._pick_companies(rng, province, columns, local, count)
        return Members(hbo=tuple(r.org.id for r in hbo), mbo=tuple(r.org.id for r in mbo),
                       wo=tuple(r.org.id for r in wo), company=companies,
                       government=self._governments(rng, province, local),
                       board=self._board(rng, province), place=place)

    def _pick_companies(self, rng: np.random.Generator, province: str, columns: list[int],
                        local: list[str], count: int) -> tuple[str, ...]:
        """Companies on the pps themes: mostly employers, partly near the chosen schools."""
        p_index, g_index = self.province_pos[province], self.gemeente_pos
        draws = count * 3
        r_theme, r_local = rng.integers(0, len(columns), draws), rng.random(draws)
        r_place, r_tier, r_pos = rng.integers(0, max(1, len(local)), draws), rng.random(draws), \
            rng.random(draws)
        chosen: dict[int, None] = {}
        n_themes = len(self.theme_ids)
        for d in range(draws):
            if len(chosen) >= count:
                break
            if local and r_local[d] < LOCAL_P:
                scope, place = "gemeente", g_index[local[int(r_place[d])]]
            else:
                scope, place = "province", p_index
            base = (place * n_themes + columns[r_theme[d]]) * 2
            tiers = (1, 0) if r_tier[d] < EMPLOYER_P else (0, 1)
            slices, rows = self.pools[scope]
            for tier in tiers:
                start, size = slices.get(base + tier, (0, 0))
                if size:
                    chosen[int(rows[start + int(r_pos[d] * size)])] = None
                    break
        return tuple(self.companies.ids[c] for c in sorted(chosen))

    def _governments(self, rng: np.random.Generator, province: str,
                     local: list[str]) -> tuple[str, ...]:
        out = []
        if rng.random() < PROVINCIE_P:
            out.append(f"gov:{province}")
        if rng.random() < GEMEENTE_P:
            if local:
                out.append(f"gov:{local[int(rng.integers(len(local)))]}")
            else:
                names, cum = self.population[province]
                out.append(f"gov:{names[int(np.searchsorted(cum, rng.random() * cum[-1]))]}")
        return tuple(out)

    def _board(self, rng: np.random.Generator, province: str) -> tuple[str, ...]:
        boards = self.boards.get(province, [])
        if boards and rng.random() < BOARD_P:
            return (boards[int(rng.integers(len(boards)))],)
        return ()
