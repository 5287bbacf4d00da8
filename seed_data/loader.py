"""Loading a Bundle into a GraphStore: validate everything first, then write in batches."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from graph_schema import checks
from graph_schema.errors import InvalidGraphData, NotFound
from graph_schema.model import REL_ENDPOINTS, Label, Node, Relationship, RelType
from graph_schema.store import GraphStore
from seed_data.bundle import Bundle, ProblemCollector

# Nodes before relationships; regions and themes first so that later batches can link to them.
LABEL_ORDER = (Label.PROVINCE, Label.MUNICIPALITY, Label.THEME, Label.ORGANISATION, Label.PPS)
TYPE_ORDER = (RelType.PART_OF, RelType.BORDERS, RelType.BROADER, RelType.PRIORITISES,
              RelType.LOCATED_IN, RelType.OPERATES_IN, RelType.WORKS_ON, RelType.ACTIVE_IN,
              RelType.FOCUSES_ON, RelType.MEMBER_OF)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: counts per label and relationship type, batches and seconds."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the command line."""
        nodes = sum(self.nodes.values())
        rels = sum(self.relationships.values())
        rate = (nodes + rels) / self.seconds if self.seconds > 0 else 0.0
        return (f"loaded {nodes:,} nodes and {rels:,} relationships in {self.batches} batches, "
                f"{self.seconds:.1f} s ({rate:,.0f} rows/s)")


def validate_bundle(store: GraphStore | None, bundle: Bundle
                    ) -> tuple[dict[Label, list[Node]], dict[RelType, list[Relationship]]]:
    """Check a bundle against the model (and the store for outside endpoints); dedupe it.

    Returns the distinct nodes per label and relationships per type, in bundle order.

    Raises BundleError listing every problem: a node that is not a model node, an id used
    twice with different content, a relationship whose type, properties or endpoints do not
    fit the model (an endpoint must be in the bundle or already in the store with the
    label REL_ENDPOINTS asks for).
    """
    problems = ProblemCollector()
    nodes = _unique_nodes(bundle.nodes, problems)
    keys = set(nodes)
    rels = _unique_relationships(bundle.relationships, problems)
    missing = _missing_endpoints(rels, keys, store)
    for rel in rels:
        for label, node_id in zip(REL_ENDPOINTS[rel.type], (rel.source, rel.target), strict=True):
            if (label, node_id) in missing:
                problems.add(f"{rel.type.value} {rel.source} -> {rel.target}: {label.value} "
                             f"'{node_id}' is neither in the bundle nor in the store")
    problems.raise_if_any()
    by_label: dict[Label, list[Node]] = {label: [] for label in Label}
    for (label, _), node in nodes.items():
        by_label[label].append(node)
    by_type: dict[RelType, list[Relationship]] = {t: [] for t in RelType}
    for rel in rels:
        by_type[rel.type].append(rel)
    return by_label, by_type


def _unique_nodes(items: Iterable[object],
                  problems: ProblemCollector) -> dict[tuple[Label, str], Node]:
    seen: dict[tuple[Label, str], Node] = {}
    for node in items:
        try:
            label = checks.label_of(node)
        except InvalidGraphData as exc:
            problems.add(str(exc))
            continue
        key = (label, node.id)  # type: ignore[attr-defined]
        if key in seen and seen[key] != node:
            problems.add(f"{label.value} '{key[1]}' is given twice with different content")
        seen.setdefault(key, node)  # type: ignore[arg-type]
    return seen


def _unique_relationships(items: Iterable[object],
                          problems: ProblemCollector) -> list[Relationship]:
    seen: dict[tuple[RelType, str, str], Relationship] = {}
    for rel in items:
        try:
            checks.check_relationship(rel)  # type: ignore[arg-type]
            _check_values(rel)  # type: ignore[arg-type]
        except InvalidGraphData as exc:
            problems.add(str(exc))
            continue
        key = (rel.type, rel.source, rel.target)  # type: ignore[union-attr]
        if key in seen and seen[key] != rel:
            problems.add(f"{key[0].value} {key[1]} -> {key[2]} is given twice with different "
                         "properties")
        seen.setdefault(key, rel)  # type: ignore[arg-type]
    return list(seen.values())


def _check_values(rel: Relationship) -> None:
    """Property values the model expects: a weight in [0, 1], booleans, a non-empty role."""
    props = rel.props
    where = f"{rel.type.value} {rel.source} -> {rel.target}"
    weight = props.get("weight")
    if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int | float)
                               or not 0.0 <= weight <= 1.0):
        raise InvalidGraphData(f"{where}: weight {weight!r} is not a number in [0, 1]")
    for name in ("main", "illustrative"):
        if name in props and not isinstance(props[name], bool):
            raise InvalidGraphData(f"{where}: {name} {props[name]!r} is not true or false")
    if "role" in props and not (isinstance(props["role"], str) and props["role"].strip()):
        raise InvalidGraphData(f"{where}: role must be a non-empty text")


def _missing_endpoints(rels: list[Relationship], keys: set[tuple[Label, str]],
                       store: GraphStore | None) -> set[tuple[Label, str]]:
    """Endpoints that are neither in the bundle nor (asked once each) in the store."""
    outside = {(label, node_id) for rel in rels
               for label, node_id in zip(REL_ENDPOINTS[rel.type], (rel.source, rel.target),
                                         strict=True)
               if (label, node_id) not in keys}
    missing = set()
    for label, node_id in sorted(outside):
        try:
            if store is None:
                raise NotFound(label.value, node_id)
            store.get_node(label, node_id)
        except NotFound:
            missing.add((label, node_id))
    return missing


def load_bundle(store: GraphStore, bundle: Bundle, batch_size: int = 5_000,
                progress: Progress | None = None) -> LoadReport:
    """Validate the whole bundle, then upsert nodes label by label and link type by type.

    Nothing is written when validation fails. Writes are upserts keyed by id (nodes) and by
    (type, source, target) (relationships), so a second run changes no data and a run that
    was killed half-way is completed by running it again.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    nodes, rels = validate_bundle(store, bundle)
    store.ensure_schema()
    node_counts: dict[str, int] = {}
    rel_counts: dict[str, int] = {}
    batches = 0
    for label in LABEL_ORDER:
        batches += _write(nodes[label], batch_size, store.upsert_nodes, label.value, progress)
        node_counts[label.value] = len(nodes[label])
    for rel_type in TYPE_ORDER:
        batches += _write(rels[rel_type], batch_size, store.link, rel_type.value, progress)
        rel_counts[rel_type.value] = len(rels[rel_type])
    return LoadReport(node_counts, rel_counts, batches, time.perf_counter() - started)


def _write(items: Sequence, batch_size: int, write: Callable[[Sequence], int], name: str,
           progress: Progress | None) -> int:
    count = 0
    for start in range(0, len(items), batch_size):
        write(items[start:start + batch_size])
        count += 1
        if progress is not None:
            progress(name, min(start + batch_size, len(items)), len(items))
    return count
