"""Conversions between model objects and the rows the Cypher statements send and return."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields
from itertools import islice
from typing import Any, TypeVar

from graph_schema.model import NODE_CLASSES, Node, Relationship, RelType, node_to_properties

T = TypeVar("T")
WIDE_CHAR = "\ue000"  # ids with a character >= this may sort differently in Neo4j

# Per node class, the fields whose default is empty ("" or ()): stored only when set, which
# saves a third of the property writes of a typical organisation; reads restore the default.
_EMPTY_DEFAULTS = {cls: frozenset(f.name for f in fields(cls) if f.default in ("", ()))
                   for cls in NODE_CLASSES.values()}


def node_row(node: Node) -> dict[str, Any]:
    """The properties to store for a node: model properties without empty defaults."""
    empty = _EMPTY_DEFAULTS[type(node)]
    return {key: value for key, value in node_to_properties(node).items()
            if not (key in empty and value in ("", []))}


def relationship(row: Sequence[Any]) -> Relationship:
    """A relationship from a [type, source id, target id, properties] row."""
    rel_type, source, target, props = row
    return Relationship(RelType(rel_type), source, target, tuple(sorted(props.items())))


def is_wide(node_id: str) -> bool:
    """Whether Neo4j may sort this id differently from Python."""
    return bool(node_id) and max(node_id) >= WIDE_CHAR


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
