"""Synthetic pps'en: type, phase, themes near the province's priorities, and plausible members."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from graph_schema.model import Pps, Relationship, RelType
from seed_data.bundle import Bundle
from seed_data.coalition_members import MemberPicker, Members
from seed_data.companies import MARK, CompanyTable
from seed_data.reference_data import ReferenceData

MIN_SYNTHETIC_PPS = 10
TYPES = ("regionale pps", "CIV", "Centre of Expertise", "ecosysteem pps")
TYPE_P = (0.45, 0.2, 0.15, 0.2)
TYPE_PREFIX = {"regionale pps": "Regionale pps", "CIV": "CIV",
               "Centre of Expertise": "Centre of Expertise", "ecosysteem pps": "Ecosysteem"}
FIRST_YEAR = {"regionale pps": 2010, "CIV": 2012, "Centre of Expertise": 2011,
              "ecosysteem pps": 2021}
CURRENT_YEAR = 2025
THEME_COUNT_P = (0.35, 0.45, 0.2)
PRIORITY_P = 0.7
GOALS = ("meer en beter toegeruste instroom in de regionale arbeidsmarkt",
         "hogere kwaliteit en actualiteit van het beroepsonderwijs",
         "leven lang ontwikkelen voor werkenden in het mkb",
         "praktijkgericht onderzoek en innovatie samen met het mkb")
# Deliberately incomplete coalitions, so that the coalition check has something to flag
DROP_P = {"mbo": 0.08, "hbo": 0.05, "government": 0.05, "company": 0.04}


@dataclass(frozen=True)
class PpsDraft:
    """One generated pps before it becomes nodes and relationships."""

    pps: Pps
    province: str
    themes: tuple[str, ...]
    members: tuple[tuple[str, str], ...]


def pps_count(companies: int, real: int) -> int:
    """How many synthetic pps'en go with a number of companies (about 400 in all at 5,000).

    At least MIN_SYNTHETIC_PPS even where the real ones fill the share: small graphs (tests,
    the evaluation's few-company seeds) still need pps'en among the generated companies.
    """
    return max(MIN_SYNTHETIC_PPS, round(companies * 0.08) - real) if companies else 0


def generate_pps(count: int, rng: np.random.Generator, ref: ReferenceData,
                 companies: CompanyTable) -> Bundle:
    """Generate `count` pps'en with ACTIVE_IN, FOCUSES_ON and MEMBER_OF relationships."""
    picker = MemberPicker(ref, companies)
    weights = ref.economy.establishments.sum(axis=1)
    provinces = [p.id for p in ref.regions.provinces]
    per_province = np.array([sum(weights[i] for i, g in enumerate(ref.economy.gemeenten)
                                 if ref.regions.province_of[g] == p) for p in provinces])
    chosen = rng.choice(len(provinces), size=count, p=per_province / per_province.sum())
    names: Counter[str] = Counter()
    choice = ThemeChoice(ref)
    drafts = [_draft(i, provinces[int(chosen[i])], rng, ref, picker, choice, names)
              for i in range(count)]
    return _bundle(drafts)


def _draft(i: int, province: str, rng: np.random.Generator, ref: ReferenceData,
           picker: MemberPicker, choice: ThemeChoice, names: Counter[str]) -> PpsDraft:
    kind = TYPES[int(rng.choice(len(TYPES), p=TYPE_P))]
    year = int(rng.integers(FIRST_YEAR[kind], CURRENT_YEAR + 1))
    themes = choice.pick(rng, province)
    members = picker.pick(rng, province, themes, kind)
    members = _drop(rng, members)
    pps = Pps(id=f"syn:pps:{i + 1:06d}", name=_name(kind, themes, province, members, ref, names),
              type=kind, phase=_phase(rng, kind, year), start_year=year,
              mission=_mission(rng, ref, themes, province), synthetic=True)
    return PpsDraft(pps, province, themes, members.with_roles(kind, rng))


class ThemeChoice:
    """Chooses 1-3 narrower themes per pps; the first usually from the province's priorities."""

    def __init__(self, ref: ReferenceData):
        tax = ref.taxonomy
        self.narrower = [t for t in tax.ids() if t in tax.broader]
        self.priorities = ref.priority_themes()
        self.children = {t: tax.narrower(t) for t in tax.ids()}
        self.siblings = {t: [s for s in tax.narrower(tax.cluster_of(t)) if s != t]
                         for t in self.narrower}

    def pick(self, rng: np.random.Generator, province: str) -> tuple[str, ...]:
        """Themes for one pps in a province."""
        priorities = self.priorities.get(province, ())
        if priorities and rng.random() < PRIORITY_P:
            first = priorities[int(rng.integers(len(priorities)))]
            children = self.children[first]
            if children:  # a cluster priority ("digitalisering") becomes one of its themes
                first = children[int(rng.integers(len(children)))]
        else:
            first = self.narrower[int(rng.integers(len(self.narrower)))]
        out = [first]
        wanted = 1 + int(rng.choice(3, p=THEME_COUNT_P))
        siblings = self.siblings[first]
        while len(out) < wanted:
            pool = siblings if siblings and rng.random() < 0.5 else self.narrower
            theme = pool[int(rng.integers(len(pool)))]
            if theme not in out:
                out.append(theme)
        return tuple(out)


def _drop(rng: np.random.Generator, members: Members) -> Members:
    """Remove one whole partner type from a small share of coalitions (at most one type)."""
    u = rng.random()
    for group, p in DROP_P.items():
        if u < p:
            return members.without(group)
        u -= p
    return members


def _phase(rng: np.random.Generator, kind: str, year: int) -> str:
    age = CURRENT_YEAR - year
    if age <= 1:
        options = ("verkennen", "businessplan", "aanvraag") if kind == "ecosysteem pps" else (
            "verkennen", "businessplan")
    elif age <= 6:
        options = ("uitvoering",)
    else:
        options = ("uitvoering", "verduurzamen")
    return options[int(rng.integers(len(options)))]


def _name(kind: str, themes: tuple[str, ...], province: str, members: Members,
          ref: ReferenceData, names: Counter[str]) -> str:
    place = members.place or next(p.name for p in ref.regions.provinces if p.id == province)
    base = f"{TYPE_PREFIX[kind]} {ref.taxonomy.get(themes[0]).label_nl} {place}"
    names[base] += 1
    return f"{base}{'' if names[base] == 1 else f' {names[base]}'}{MARK}"


def _mission(rng: np.random.Generator, ref: ReferenceData, themes: tuple[str, ...],
             province: str) -> str:
    tax = ref.taxonomy
    labels = [tax.get(t).label_nl.lower() for t in themes]
    focus = [s for t in themes for s in tax.get(t).synonyms[:2]]
    goals = rng.choice(len(GOALS), size=2, replace=False)
    region = next(p.name for p in ref.regions.provinces if p.id == province)
    topic = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} en {labels[-1]}"
    return (f"Onderwijs, bedrijfsleven en overheid in {region} werken samen aan {topic}. "
            f"Focus op {', '.join(focus)}. Doel: {GOALS[goals[0]]} en {GOALS[goals[1]]}.")


def _bundle(drafts: list[PpsDraft]) -> Bundle:
    rels: list[Relationship] = []
    for d in drafts:
        rels.append(Relationship(RelType.ACTIVE_IN, d.pps.id, d.province))
        rels.extend(Relationship(RelType.FOCUSES_ON, d.pps.id, t) for t in d.themes)
        rels.extend(Relationship(RelType.MEMBER_OF, org, d.pps.id, (("role", role),))
                    for org, role in d.members)
    return Bundle(nodes=tuple(d.pps for d in drafts), relationships=tuple(rels))

