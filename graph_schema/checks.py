"""Validation shared by both stores, so that they accept and reject exactly the same input."""

from __future__ import annotations

from collections.abc import Mapping

from graph_schema.errors import InvalidGraphData
from graph_schema.model import (
    LABEL_OF,
    REL_PROPERTIES,
    GraphStats,
    Label,
    Node,
    OrganisationQuery,
    OrgKind,
    Relationship,
    RelType,
)

MAX_PAGE_SIZE = 1000


def label_of(node: object) -> Label:
    """Return the label of a model node; InvalidGraphData for anything else or an empty id."""
    label = LABEL_OF.get(type(node))
    if label is None:
        raise InvalidGraphData(f"not a node of the model: {type(node).__name__}")
    node_id = getattr(node, "id", "")
    if not isinstance(node_id, str) or not node_id.strip():
        raise InvalidGraphData(f"{label.value} without an id: {node!r}")
    return label


def check_relationship(rel: Relationship) -> None:
    """Reject a relationship whose type or properties are not in the allow-lists."""
    if not isinstance(rel, Relationship) or not isinstance(rel.type, RelType):
        raise InvalidGraphData(f"not a relationship of the model: {rel!r}")
    allowed = REL_PROPERTIES[rel.type]
    for name, _ in rel.properties:
        if name not in allowed:
            raise InvalidGraphData(
                f"{rel.type.value} {rel.source} -> {rel.target}: property '{name}' is not "
                f"allowed (allowed: {', '.join(allowed) or 'none'})")


def check_depth(depth: int, maximum: int) -> None:
    """Reject a neighbourhood depth outside 1..maximum."""
    if not isinstance(depth, int) or not 1 <= depth <= maximum:
        raise InvalidGraphData(f"depth must be between 1 and {maximum}, got {depth!r}")


def check_paging(query: OrganisationQuery) -> None:
    """Reject a negative offset or a limit outside 1..MAX_PAGE_SIZE."""
    if not 1 <= query.limit <= MAX_PAGE_SIZE:
        raise InvalidGraphData(f"limit must be between 1 and {MAX_PAGE_SIZE}, got {query.limit}")
    if query.offset < 0:
        raise InvalidGraphData(f"offset must not be negative, got {query.offset}")


def complete_stats(labels: Mapping[str, int], types: Mapping[str, int],
                   kinds: Mapping[str, int], synthetic_pps: Mapping[bool, int]) -> GraphStats:
    """Build GraphStats with every label, type and kind present (zero when absent).

    `synthetic_pps` counts pps'en by their `synthetic` flag.
    """
    return GraphStats(
        nodes={label.value: int(labels.get(label.value, 0)) for label in Label},
        relationships={t.value: int(types.get(t.value, 0)) for t in RelType},
        organisations_by_kind={k.value: int(kinds.get(k.value, 0)) for k in OrgKind},
        pps_by_origin={"real": int(synthetic_pps.get(False, 0)),
                       "synthetic": int(synthetic_pps.get(True, 0))},
    )


def nodes_by_label(nodes: list[Node] | tuple[Node, ...]) -> dict[Label, list[Node]]:
    """Group nodes by label (checking each), keeping their order."""
    grouped: dict[Label, list[Node]] = {}
    for node in nodes:
        grouped.setdefault(label_of(node), []).append(node)
    return grouped
