"""Inputs and outputs of the matcher: frozen dataclasses with their JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_schema.model import OrgKind


class MatchError(ValueError):
    """A request names an unknown theme, region, kind or organisation (a client error)."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Which candidates may be proposed; empty fields do not filter.

    `province` keeps organisations located in that province (any of their gemeenten) or
    operating in it (OPERATES_IN);
    `size_classes` applies to organisations that have a size class (companies), others pass;
    `subtypes` keeps organisations with one of these subtypes (e.g. gemeente, provincie).
    """

    province: str = ""
    size_classes: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    include_synthetic: bool = True


@dataclass(frozen=True, slots=True)
class Mission:
    """A matching request: what the coalition is about, where, and which partners it wants.

    `kinds` are the wanted partner kinds (one result list each); `with_ids` are the partners
    already in the coalition; `k` is the number of candidates per kind.
    """

    text: str = ""
    themes: tuple[str, ...] = ()
    province: str = ""
    gemeenten: tuple[str, ...] = ()
    kinds: tuple[OrgKind, ...] = ()
    with_ids: tuple[str, ...] = ()
    k: int = 10
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True, slots=True)
class Reason:
    """A stable English reason code with its evidence in plain Dutch."""

    code: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """The JSON shape of a reason."""
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed partner: score in [0, 1], its components and the reasons behind it."""

    id: str
    name: str
    kind: str
    score: float
    breakdown: dict[str, float]
    reasons: tuple[Reason, ...]
    synthetic: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a candidate."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "score": self.score,
            "breakdown": dict(self.breakdown),
            "reasons": [r.to_dict() for r in self.reasons],
            "synthetic": self.synthetic,
        }


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One coalition rule (DESIGN section 1), met or not, with the reason in Dutch."""

    rule: str
    met: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a rule result."""
        return {"rule": self.rule, "met": self.met, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class CoalitionCheck:
    """The rules for a draft coalition, the missing required kinds and candidates for each."""

    rules: tuple[RuleResult, ...]
    missing_kinds: tuple[str, ...]
    candidates_by_kind: dict[str, tuple[Candidate, ...]]

    @property
    def all_met(self) -> bool:
        """Whether every rule is met."""
        return all(r.met for r in self.rules)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a coalition check."""
        return {
            "rules": [r.to_dict() for r in self.rules],
            "missing_kinds": list(self.missing_kinds),
            "candidates_by_kind": {
                kind: [c.to_dict() for c in cands]
                for kind, cands in self.candidates_by_kind.items()
            },
        }


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Ranked candidates per wanted kind and the check of the coalition given with them."""

    results: dict[str, tuple[Candidate, ...]]
    coalition: CoalitionCheck
    mission_themes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a match answer."""
        return {
            "results": {k: [c.to_dict() for c in cands] for k, cands in self.results.items()},
            "coalition": self.coalition.to_dict(),
            "mission_themes": list(self.mission_themes),
        }
