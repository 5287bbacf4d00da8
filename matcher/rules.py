"""The coalition rules of DESIGN section 1, each reported as met or not with a Dutch reason."""

from __future__ import annotations

from collections.abc import Sequence

from graph_schema.model import OrgKind
from matcher.index import MatchIndex
from matcher.notions import gives_regional_support, organisation_provinces
from matcher.preparation import PreparedMission
from matcher.query import RuleResult
from matcher.reasons import short_basis

EDUCATION = frozenset({OrgKind.MBO, OrgKind.HBO, OrgKind.WO})
# The work field: companies and 'other' (care institutions, public employers, branches).
WORK_FIELD = frozenset({OrgKind.COMPANY, OrgKind.OTHER})
PUBLIC = frozenset({OrgKind.GOVERNMENT, OrgKind.BOARD})
# A priority counts as served when a mission theme is this similar to it in the taxonomy.
PRIORITY_MIN_SIMILARITY = 0.5

# Rule -> the kind that fills it (None: no partner kind can fix it).
RULE_KIND: dict[str, OrgKind | None] = {
    "has_hbo": OrgKind.HBO,
    "has_mbo": OrgKind.MBO,
    "has_work_field": OrgKind.COMPANY,
    "regional_support": OrgKind.GOVERNMENT,
    "three_stakeholder_groups": None,
    "provincial_priority": None,
}
GROUP_KIND = {"onderwijs": OrgKind.MBO, "bedrijfsleven": OrgKind.COMPANY,
              "overheid": OrgKind.GOVERNMENT}


def _names(index: MatchIndex, rows: Sequence[int]) -> str:
    """Names of organisations, comma separated."""
    return ", ".join(index.orgs[r].name for r in rows)


def _has(index: MatchIndex, rows: Sequence[int], rule: str, kinds: frozenset[OrgKind],
         present: str, absent: str) -> RuleResult:
    """A rule met when some member has one of the kinds."""
    found = [r for r in rows if index.orgs[r].kind in kinds]
    if found:
        return RuleResult(rule, True, f"{present}: {_names(index, found)}")
    return RuleResult(rule, False, absent)


def missing_groups(index: MatchIndex, rows: Sequence[int]) -> list[str]:
    """Stakeholder groups (onderwijs, bedrijfsleven, overheid) without a member."""
    kinds = {index.orgs[r].kind for r in rows}
    groups = {"onderwijs": EDUCATION, "bedrijfsleven": WORK_FIELD, "overheid": PUBLIC}
    return [g for g, members in groups.items() if not kinds & members]


def _regional(index: MatchIndex, rows: Sequence[int]) -> RuleResult:
    """Supported by a gemeente, provincie or regional economic board."""
    found = [r for r in rows if gives_regional_support(index.orgs[r])]
    if found:
        return RuleResult("regional_support", True, f"regionale steun: {_names(index, found)}")
    return RuleResult("regional_support", False,
                      "geen gemeente, provincie of regionaal economisch board")


def _groups(index: MatchIndex, rows: Sequence[int]) -> RuleResult:
    """Onderwijs, bedrijfsleven and overheid all present."""
    missing = missing_groups(index, rows)
    if not missing:
        return RuleResult("three_stakeholder_groups", True,
                          "onderwijs, bedrijfsleven en overheid zijn alle drie vertegenwoordigd")
    return RuleResult("three_stakeholder_groups", False,
                      "ontbrekende stakeholdergroep(en): " + ", ".join(missing))


def _provinces(index: MatchIndex, prep: PreparedMission, rows: Sequence[int]) -> list[int]:
    """The mission's provinces, or else those where the members are located or operate."""
    if prep.provinces:
        return list(prep.provinces)
    if not rows:
        return []
    found = organisation_provinces(index.org_municipalities[list(rows)],
                                   index.regions.municipality_province,
                                   index.org_provinces[list(rows)])
    return sorted(set(found.indices.tolist()))


def _priority(index: MatchIndex, prep: PreparedMission, rows: Sequence[int]) -> RuleResult:
    """The mission's themes connect to a priority of the (coalition's) province."""
    provinces = _provinces(index, prep, rows)
    if not provinces:
        return RuleResult("provincial_priority", False, "geen provincie bekend")
    if not prep.mission_themes:
        return RuleResult("provincial_priority", False, "de missie heeft geen herkenbaar thema")
    sim = index.model.theme_sim[list(prep.mission_themes)].max(axis=0)
    names: list[str] = []
    for prov in provinces:
        name = index.regions.provinces[prov].name
        for theme, basis in index.priorities.get(prov, ()):
            if sim[theme] >= PRIORITY_MIN_SIMILARITY:
                label = index.themes[theme].label_nl or index.themes[theme].id
                text = f"sluit aan bij prioriteit {label} van {name}"
                cited = short_basis(basis)
                return RuleResult("provincial_priority", True,
                                  f"{text} ({cited})" if cited else text)
        names.append(name)
    return RuleResult("provincial_priority", False,
                      "geen aansluiting bij de prioriteiten van " + ", ".join(names))


def check_rules(index: MatchIndex, prep: PreparedMission, rows: Sequence[int]
                ) -> tuple[RuleResult, ...]:
    """Every rule of DESIGN section 1 for the coalition formed by `rows`."""
    return (
        _has(index, rows, "has_hbo", frozenset({OrgKind.HBO}), "hogeschool",
             "geen hogeschool (hbo) in de coalitie"),
        _has(index, rows, "has_mbo", frozenset({OrgKind.MBO}), "mbo-instelling",
             "geen mbo-instelling in de coalitie"),
        _has(index, rows, "has_work_field", WORK_FIELD, "werkveld",
             "geen bedrijf of publieke werkgever in de coalitie"),
        _regional(index, rows),
        _groups(index, rows),
        _priority(index, prep, rows),
    )


def missing_kinds(index: MatchIndex, rules: Sequence[RuleResult], rows: Sequence[int]
                  ) -> tuple[OrgKind, ...]:
    """The partner kinds that would fix the unmet rules, in a fixed order."""
    wanted = {RULE_KIND[r.rule] for r in rules if not r.met and RULE_KIND[r.rule]}
    wanted |= {GROUP_KIND[g] for g in missing_groups(index, rows)}
    order = (OrgKind.HBO, OrgKind.MBO, OrgKind.COMPANY, OrgKind.GOVERNMENT)
    return tuple(k for k in order if k in wanted)
