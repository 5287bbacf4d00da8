"""Coalition check, greedy builder and what-if, on top of the rules and the ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from graph_schema.model import OrgKind
from matcher.index import MatchIndex
from matcher.notions import REGIONAL_SUBTYPES
from matcher.preparation import PreparedMission, prepare_mission, with_partners
from matcher.query import Candidate, CoalitionCheck, MatchError, MatchResult, Mission, RuleResult
from matcher.ranking import CandidateCache, rank_kind, scored
from matcher.reasons import explain
from matcher.rules import check_rules, missing_kinds
from matcher.selection import top_positions

DEFAULT_KINDS = (OrgKind.HBO, OrgKind.MBO, OrgKind.COMPANY, OrgKind.GOVERNMENT)
# Kinds the builder draws on to cover the mission's themes once the rules are met.
COVERAGE_KINDS = (OrgKind.COMPANY, OrgKind.OTHER, OrgKind.KNOWLEDGE_INSTITUTE, OrgKind.HBO,
                  OrgKind.MBO, OrgKind.WO, OrgKind.BOARD)
DEFAULT_MAX_SIZE = 8


def _candidates_for(index: MatchIndex, prep: PreparedMission, kind: OrgKind,
                    cache: CandidateCache | None = None) -> tuple[Candidate, ...]:
    """Ranked candidates of a kind; governments must be regional (gemeente or provincie)."""
    mission = prep.mission
    if kind is OrgKind.GOVERNMENT and not mission.filters.subtypes:
        filters = replace(mission.filters, subtypes=tuple(sorted(REGIONAL_SUBTYPES)))
        # Filters only mask candidates, so the prepared vectors stay valid.
        prep = replace(prep, mission=replace(mission, filters=filters))
    return rank_kind(index, prep, kind, cache)


def _rows(index: MatchIndex, ids: Sequence[str]) -> list[int]:
    """Rows of known organisation ids (prepare_mission has validated them)."""
    return sorted(index.org_pos[i] for i in ids)


def gap_candidates(index: MatchIndex, mission: Mission, kinds: Sequence[OrgKind]
                   ) -> dict[str, tuple[Candidate, ...]]:
    """Ranked candidates for each of the given missing kinds, as the coalition check picks them
    (governments only when they give regional support)."""
    prep = prepare_mission(index, mission)
    cache = CandidateCache(prep)
    return {kind.value: _candidates_for(index, prep, kind, cache) for kind in kinds}


def check_coalition(index: MatchIndex, mission: Mission) -> CoalitionCheck:
    """Rules met by the coalition `mission.with_ids`, missing kinds and candidates to fill them."""
    return _check(index, prepare_mission(index, mission))


def _check(index: MatchIndex, prep: PreparedMission,
           ranked: dict[str, tuple[Candidate, ...]] | None = None,
           cache: CandidateCache | None = None) -> CoalitionCheck:
    """The coalition check for a prepared mission, reusing lists `ranked` already (and the
    components of `cache`)."""
    rows = _rows(index, prep.mission.with_ids)
    rules = check_rules(index, prep, rows)
    missing = missing_kinds(index, rules, rows)
    known = {k: v for k, v in (ranked or {}).items() if k != OrgKind.GOVERNMENT.value}
    candidates = {k.value: known.get(k.value) or _candidates_for(index, prep, k, cache)
                  for k in missing}
    return CoalitionCheck(rules, tuple(k.value for k in missing), candidates)


def match(index: MatchIndex, mission: Mission) -> MatchResult:
    """Top-k candidates per wanted kind and the check of the coalition `with_ids` (maybe still
    empty), so that missing required kinds are always flagged."""
    prep = prepare_mission(index, mission)
    if not mission.text.strip() and not mission.themes:
        # Without text or themes every score is region and experience alone: not a match.
        raise MatchError("mission: give a mission text or at least one theme")
    kinds = mission.kinds or DEFAULT_KINDS
    # The check's regional governments reuse the components of a government list asked for.
    cache = CandidateCache(prep)
    results = {OrgKind(k).value: rank_kind(index, prep, OrgKind(k), cache) for k in kinds}
    check = _check(index, prep, results, cache)
    themes = tuple(index.themes[t].id for t in prep.mission_themes)
    return MatchResult(results, check, themes)


def _theme_rows(index: MatchIndex, rows: Sequence[int]) -> np.ndarray:
    """Dense expanded theme weights of organisations (rows x themes)."""
    profiles = index.profile_rows(np.asarray(rows, dtype=np.int64))
    return np.asarray(profiles[:, index.model.n_text :].toarray())


def _best_per_theme(index: MatchIndex, rows: Sequence[int]) -> np.ndarray:
    """For each theme, the highest weight any of the organisations has."""
    if not rows:
        return np.zeros(len(index.themes))
    return _theme_rows(index, rows).max(axis=0)


def coverage(index: MatchIndex, prep: PreparedMission, rows: Sequence[int]) -> float:
    """Weighted share of the mission's themes covered by the best member for each theme."""
    total = prep.theme_weights.sum()
    if not total:
        return 0.0
    return float(_best_per_theme(index, rows) @ prep.theme_weights / total)


@dataclass(frozen=True, slots=True)
class CoalitionProposal:
    """A proposed coalition: the given partners plus those added, with rules and coverage."""

    member_ids: tuple[str, ...]
    added: tuple[Candidate, ...]
    rules: tuple[RuleResult, ...]
    coverage: float

    @property
    def all_met(self) -> bool:
        """Whether the proposal meets every rule."""
        return all(r.met for r in self.rules)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a proposal."""
        return {"member_ids": list(self.member_ids), "added": [c.to_dict() for c in self.added],
                "rules": [r.to_dict() for r in self.rules], "coverage": round(self.coverage, 4),
                "all_met": self.all_met}


def _fill_required(index: MatchIndex, start: PreparedMission, members: list[str],
                   added: list[Candidate], max_size: int, cache: CandidateCache) -> None:
    """Add the best candidate of each kind the rules still miss."""
    for kind in DEFAULT_KINDS:
        prep = cache.with_partners(index, start, tuple(members))
        rows = _rows(index, members)
        if len(members) >= max_size or kind not in missing_kinds(
            index, check_rules(index, prep, rows), rows
        ):
            continue
        best = _candidates_for(index, replace(prep, mission=replace(prep.mission, k=1)), kind,
                               cache)
        if best:
            members.append(best[0].id)
            added.append(best[0])


def _best_gain(index: MatchIndex, start: PreparedMission, members: list[str],
               cache: CandidateCache) -> Candidate | None:
    """Among each kind's top k, the one adding most theme coverage (ties: score, then id)."""
    prep = cache.with_partners(index, start, tuple(members))
    mission = prep.mission
    total = prep.theme_weights.sum()
    if not total:
        return None
    have = _best_per_theme(index, _rows(index, members))
    best: tuple[float, float, int] | None = None
    lead = np.zeros(0)  # the components of the best so far, for its breakdown
    for kind in mission.kinds or COVERAGE_KINDS:
        ranked = scored(index, prep, OrgKind(kind), cache)
        rows, scores = ranked.rows, ranked.scores
        top = top_positions(scores, rows, mission.k)
        gains = (np.maximum(_theme_rows(index, rows[top]), have) - have) @ prep.theme_weights
        for pos, gain in zip(top.tolist(), (gains / total).tolist(), strict=True):
            key = (-round(gain, 9), -float(scores[pos]), int(rows[pos]))
            if gain > 1e-9 and (best is None or key < best):
                best = key
                lead = ranked.components(np.array([pos]))[0]
    if best is None:
        return None
    return explain(index, prep, np.array([best[2]]), np.array([-best[1]]),
                   lead[np.newaxis])[0]


def build_coalition(index: MatchIndex, mission: Mission,
                    max_size: int = DEFAULT_MAX_SIZE) -> CoalitionProposal:
    """Propose a coalition: fill the required kinds, then cover the mission's themes greedily."""
    # The mission is prepared once; each added partner changes only its network part.
    start = prepare_mission(index, mission)
    cache = CandidateCache(start)
    members = list(mission.with_ids)
    added: list[Candidate] = []
    _fill_required(index, start, members, added, max_size, cache)
    while len(members) < max_size:
        extra = _best_gain(index, start, members, cache)
        if extra is None:
            break
        members.append(extra.id)
        added.append(extra)
    prep = cache.with_partners(index, start, tuple(members))
    rows = _rows(index, members)
    return CoalitionProposal(tuple(members), tuple(added), check_rules(index, prep, rows),
                             coverage(index, prep, rows))


def what_if(index: MatchIndex, mission: Mission, add: Sequence[str] = (),
            remove: Sequence[str] = ()) -> dict[str, Any]:
    """Change in rules met and theme coverage when partners are added or removed."""
    stray = sorted(set(remove) - set(mission.with_ids))
    if stray:
        raise MatchError(f"not in the coalition: {', '.join(stray)}")
    after_ids = tuple(i for i in mission.with_ids if i not in set(remove)) + tuple(
        i for i in add if i not in mission.with_ids)
    start = prepare_mission(index, mission)
    states = {}
    for name, ids in (("before", mission.with_ids), ("after", after_ids)):
        prep = with_partners(index, start, ids)
        rows = _rows(index, ids)
        states[name] = (check_rules(index, prep, rows), coverage(index, prep, rows))
    (rules_b, cov_b), (rules_a, cov_a) = states["before"], states["after"]
    changed = [{"rule": a.rule, "before": b.met, "after": a.met, "reason": a.reason}
               for b, a in zip(rules_b, rules_a, strict=True) if a.met != b.met]
    met_b, met_a = sum(r.met for r in rules_b), sum(r.met for r in rules_a)
    return {
        "before": {"rules_met": met_b, "coverage": round(cov_b, 4)},
        "after": {"rules_met": met_a, "coverage": round(cov_a, 4)},
        "delta": {"rules_met": met_a - met_b, "coverage": round(cov_a - cov_b, 4)},
        "changed_rules": changed,
        "member_ids": list(after_ids),
    }

