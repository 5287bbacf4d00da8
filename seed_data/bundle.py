"""The Bundle (nodes and relationships ready to load) and the errors that name file and line."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from graph_schema.model import (
    LABEL_OF,
    Label,
    Node,
    Organisation,
    OrgKind,
    Pps,
    Relationship,
    RelType,
)

MAX_PROBLEMS = 50
# How much of a value a message quotes: a 10 MB field must not become a 10 MB message.
SHOWN_CHARACTERS = 80
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation problem; file and line are empty for bundle-level problems."""

    reason: str
    file: str = ""
    line: int | None = None
    field: str = ""
    value: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file if self.line is None else f"{self.file} line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        value = f"'{shown(self.value)}' " if self.value is not None else ""
        text = f"{value}{self.reason}"
        return f"{prefix}: {text}" if prefix else text


def shown(value: str) -> str:
    """A value as a message quotes it: unprintable characters escaped, long ones cut."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in
                   value[:SHOWN_CHARACTERS])
    return text if len(value) <= SHOWN_CHARACTERS else f"{text}... ({len(value):,} characters)"


class BundleError(Exception):
    """Invalid input data; carries every problem found (up to MAX_PROBLEMS).

    `file`, `line`, `field`, `value` and `reason` describe the first problem.
    """

    def __init__(self, problems: Sequence[Problem] | Problem, truncated: bool = False):
        items = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not items:
            raise ValueError("BundleError needs at least one problem")
        self.problems: tuple[Problem, ...] = items
        self.truncated = truncated
        first = items[0]
        self.file, self.line, self.field = first.file, first.line, first.field
        self.value, self.reason = first.value, first.reason
        super().__init__(self._message())

    def _message(self) -> str:
        lines = [str(p) for p in self.problems]
        if len(lines) > 1 or self.truncated:
            more = " (more not shown)" if self.truncated else ""
            lines.insert(0, f"{len(self.problems)} problems{more}:")
        return "\n".join(lines)

    @classmethod
    def at(cls, file: str, line: int | None, field: str, value: str | None,
           reason: str) -> BundleError:
        """Build an error with a single problem."""
        return cls(Problem(reason, file, line, field, value))


@dataclass
class ProblemCollector:
    """Collects problems while reading; `raise_if_any` raises one BundleError for all."""

    problems: list[Problem] = field(default_factory=list)
    truncated: bool = False

    def add(self, reason: str, file: str = "", line: int | None = None, field: str = "",
            value: str | None = None) -> None:
        """Record a problem (beyond MAX_PROBLEMS only the fact that there were more)."""
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated = True
            return
        self.problems.append(Problem(reason, file, line, field, value))

    def extend(self, error: BundleError) -> None:
        """Record every problem of an existing error."""
        for problem in error.problems:
            self.add(problem.reason, problem.file, problem.line, problem.field, problem.value)

    def raise_if_any(self) -> None:
        """Raise a BundleError when anything was recorded."""
        if self.problems:
            raise BundleError(self.problems, self.truncated)


@dataclass(frozen=True, slots=True)
class Bundle:
    """Nodes and relationships to load, plus notes on how they were built.

    `notes` are human-readable findings made while building (e.g. corrected main locations).
    """

    nodes: tuple[Node, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    notes: tuple[str, ...] = ()

    def merge(self, *others: Bundle) -> Bundle:
        """Concatenate bundles, dropping exact duplicates but keeping first-seen order."""
        joined = self.concat(*others)
        return Bundle(
            nodes=_unique(joined.nodes),
            relationships=_unique(joined.relationships),
            notes=joined.notes,
        )

    def concat(self, *others: Bundle) -> Bundle:
        """Concatenate bundles known to be disjoint (no duplicate check: fast for big ones)."""
        parts = (self, *others)
        return Bundle(
            nodes=tuple(n for b in parts for n in b.nodes),
            relationships=tuple(r for b in parts for r in b.relationships),
            notes=tuple(n for b in parts for n in b.notes),
        )

    def digest(self) -> str:
        """A SHA-256 over the whole content in order: equal digests mean identical bundles."""
        sha = hashlib.sha256()
        for item in (*self.nodes, *self.relationships, *self.notes):
            sha.update(repr(item).encode("utf-8"))
            sha.update(b"\n")
        return sha.hexdigest()

    def nodes_of(self, label: Label) -> tuple[Node, ...]:
        """The nodes with one label, in bundle order."""
        cls = _class_of(label)
        return tuple(n for n in self.nodes if type(n) is cls)

    def relationships_of(self, rel_type: RelType) -> tuple[Relationship, ...]:
        """The relationships of one type, in bundle order."""
        return tuple(r for r in self.relationships if r.type is rel_type)

    def organisations(self) -> tuple[Organisation, ...]:
        """All organisations."""
        return tuple(n for n in self.nodes if isinstance(n, Organisation))

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts per label, relationship type and organisation kind (all keys present)."""
        labels = Counter(LABEL_OF[type(n)].value for n in self.nodes)
        types = Counter(r.type.value for r in self.relationships)
        kinds = Counter(n.kind.value for n in self.organisations())
        synthetic = Counter(n.synthetic for n in self.nodes if isinstance(n, Pps))
        return {
            "nodes": {label.value: labels.get(label.value, 0) for label in Label},
            "relationships": {t.value: types.get(t.value, 0) for t in RelType},
            "organisations_by_kind": {k.value: kinds.get(k.value, 0) for k in OrgKind},
            "pps_by_origin": {"real": synthetic[False], "synthetic": synthetic[True]},
        }


def _class_of(label: Label) -> type:
    for cls, lab in LABEL_OF.items():
        if lab is label:
            return cls
    raise KeyError(label)


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))
