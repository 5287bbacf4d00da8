"""Property values both stores accept, checked and normalised before either store sees them.

A node field holds a primitive (str, bool, int, float); a field whose default is () holds a
tuple of primitives of one type; a field whose default is None may be None (unset). A
relationship property holds a primitive; None means unset and is dropped. Lists become tuples
and an organisation's kind becomes an OrgKind, so what a store returns equals what it was
given, whichever store it is.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from typing import Any, cast

from graph_schema import checks
from graph_schema.errors import InvalidGraphData
from graph_schema.model import NODE_CLASSES, Label, Node, Organisation, OrgKind, Relationship

PRIMITIVES = (str, bool, int, float)
# Neo4j stores integers as 64-bit; a larger Python int would be refused there only.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# Per node class: (field name, its default) for every field.
_FIELDS = {cls: tuple((f.name, f.default) for f in fields(cls)) for cls in NODE_CLASSES.values()}


def clean_node(node: object) -> tuple[Label, Node]:
    """Return the node's label and the node with normalised values; InvalidGraphData if bad."""
    label = checks.label_of(node)
    typed = cast(Node, node)  # label_of checked its class
    changed: dict[str, Any] = {}
    for name, default in _FIELDS[type(node)]:
        value = getattr(node, name)
        if value is None:
            if default is not None:
                raise InvalidGraphData(_where(label, node, name, value, "must be set"))
            continue
        cleaned = _node_value(label, node, name, value, many=default == ())
        if cleaned is not value:
            changed[name] = cleaned
    if isinstance(node, Organisation) and type(node.kind) is not OrgKind:
        try:
            changed["kind"] = OrgKind(node.kind)
        except ValueError:
            raise InvalidGraphData(_where(label, node, "kind", node.kind, "is not a kind "
                                          f"({', '.join(k.value for k in OrgKind)})")) from None
    return label, (replace(typed, **changed) if changed else typed)


def clean_relationship(rel: Relationship) -> Relationship:
    """Return the relationship with unset properties dropped and the rest sorted by name."""
    checks.check_relationship(rel)
    names = [name for name, _ in rel.properties]
    if len(set(names)) != len(names):
        raise InvalidGraphData(f"{_rel(rel)}: a property is given twice: {', '.join(names)}")
    kept: dict[str, Any] = {}
    for name, value in rel.properties:
        if value is None:
            continue
        if not _is_primitive(value):
            raise InvalidGraphData(f"{_rel(rel)}: property '{name}' = {value!r} is not a "
                                   "text, number or true/false")
        kept[name] = value
    properties = tuple(sorted(kept.items()))
    return rel if properties == rel.properties else replace(rel, properties=properties)


def _node_value(label: Label, node: object, name: str, value: Any, many: bool) -> Any:
    if not many:
        if _is_primitive(value):
            return value
        raise InvalidGraphData(_where(label, node, name, value,
                                      "is not a text, number or true/false"))
    if isinstance(value, tuple | list):
        kinds = {type(item) for item in value}
        if len(kinds) > 1 or not all(_is_primitive(item) for item in value):
            raise InvalidGraphData(_where(label, node, name, value, "must hold values of one "
                                          "type: texts, numbers or true/false"))
        return value if isinstance(value, tuple) else tuple(value)
    raise InvalidGraphData(_where(label, node, name, value, "is not a list"))


def _is_primitive(value: Any) -> bool:
    if not isinstance(value, PRIMITIVES):
        return False
    if isinstance(value, int) and not isinstance(value, bool):
        return INT_MIN <= value <= INT_MAX
    if isinstance(value, float):
        return math.isfinite(value)
    return True


def _where(label: Label, node: object, name: str, value: Any, problem: str) -> str:
    return f"{label.value} '{getattr(node, 'id', '')}': field '{name}' = {value!r} {problem}"


def _rel(rel: Relationship) -> str:
    return f"{rel.type.value} {rel.source} -> {rel.target}"
