"""Read transactions: nodes, relationships, snapshot, search, neighbourhood and counts.

Results are sorted in Python with the same keys as the memory store. Neo4j sorts strings by
UTF-16 unit, Python by code point; the two differ only for ids with a character >= U+E000, so
paged searches let Neo4j sort unless such an id was ever written (`wide_ids` on the meta node).
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, cast

import neo4j

from graph_schema import checks
from graph_schema.errors import NotFound
from graph_schema.model import (
    REL_ENDPOINTS,
    GraphSnapshot,
    GraphStats,
    Label,
    Node,
    Organisation,
    OrganisationQuery,
    OrgKind,
    Relationship,
    RelType,
    Subgraph,
    node_from_properties,
)
from graph_schema.neo4j_store import cypher
from graph_schema.neo4j_store.cypher import fill
from graph_schema.neo4j_store.rows import relationship

NO_LIMIT = 2**62
# The relationship types leaving each label (REL_ENDPOINTS' sources).
OUTGOING: dict[Label, tuple[RelType, ...]] = {
    label: tuple(t for t, (source, _) in REL_ENDPOINTS.items() if source is label)
    for label in Label}
_REL_ORDER = itemgetter(0, 1, 2)


def wide_ids(tx: neo4j.ManagedTransaction) -> bool:
    """Whether an id that Neo4j may sort differently from Python was ever written."""
    return bool(tx.run(fill(cypher.WIDE_IDS, label=cypher.META_LABEL)).single(strict=True)[0])


def _pages(tx: neo4j.ManagedTransaction, label: Label, types: list[RelType], nodes: bool,
           page: int) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """Node properties (when `nodes`) and outgoing relationship rows of a label, by key."""
    query = fill(cypher.PAGE_BY_KEY, label=label)
    names = [t.value for t in types]
    node_rows: list[dict[str, Any]] = []
    rel_rows: list[list[Any]] = []
    last = ""  # every id is a non-empty string, so all sort after it
    while True:
        record = tx.run(query, last=last, page=page, nodes=nodes, types=names).single(
            strict=True)
        node_rows += record["nodes"]
        rel_rows += record["rels"]
        if record["count"] < page:
            return node_rows, rel_rows
        last = record["last"]


def _nodes(label: Label, rows: list[dict[str, Any]]) -> tuple[Any, ...]:
    nodes = [node_from_properties(label, props) for props in rows]
    nodes.sort(key=lambda node: node.id)  # already in order unless ids are wide: linear then
    return tuple(nodes)


def _relationships(rows: list[list[Any]]) -> tuple[Relationship, ...]:
    rows.sort(key=_REL_ORDER)
    return tuple(map(relationship, rows))


def list_nodes(tx: neo4j.ManagedTransaction, label: Label, page: int) -> tuple[Any, ...]:
    """All nodes of a label, sorted by id."""
    rows, _ = _pages(tx, label, [], True, page)
    return _nodes(label, rows)


def relationships(tx: neo4j.ManagedTransaction, types: list[RelType],
                  page: int) -> tuple[Relationship, ...]:
    """All relationships of the given types, sorted by (type, source, target)."""
    rows: list[list[Any]] = []
    for label, outgoing in OUTGOING.items():
        wanted = [t for t in outgoing if t in types]
        if wanted:
            rows += _pages(tx, label, wanted, False, page)[1]
    return _relationships(rows)


def snapshot(tx: neo4j.ManagedTransaction, page: int) -> GraphSnapshot:
    """Every node and relationship, reading each node once with its outgoing relationships."""
    nodes: dict[Label, tuple[Any, ...]] = {}
    rels: list[list[Any]] = []
    for label, outgoing in OUTGOING.items():
        node_rows, rel_rows = _pages(tx, label, list(outgoing), True, page)
        nodes[label] = _nodes(label, node_rows)
        rels += rel_rows
    return GraphSnapshot(
        organisations=nodes[Label.ORGANISATION], ppses=nodes[Label.PPS],
        themes=nodes[Label.THEME], provinces=nodes[Label.PROVINCE],
        municipalities=nodes[Label.MUNICIPALITY], relationships=_relationships(rels))


def search(tx: neo4j.ManagedTransaction, query: OrganisationQuery) -> tuple[Organisation, ...]:
    """Organisations matching every filter, sorted by id, paged by the query's offset."""
    params: dict[str, Any] = {
        "text": query.text.lower() if query.text else None,
        "kind": OrgKind(query.kind).value if query.kind is not None else None,
        "synthetic": query.synthetic,
        "theme": query.theme or None,
        "province": query.province or None,
    }
    params = {key: value for key, value in params.items() if value is not None}
    where = " AND ".join(cypher.SEARCH_FILTERS[key] for key in params) or "true"
    if not wide_ids(tx):
        rows = tx.run(fill(cypher.SEARCH_PAGE, where=where), params, offset=query.offset,
                      limit=query.limit).single(strict=True)[0]
    else:  # page in Python, where the order is Python's
        ids = sorted(tx.run(fill(cypher.SEARCH_ALL_IDS, where=where), params).single(
            strict=True)[0])
        page = ids[query.offset:query.offset + query.limit]
        rows = tx.run(fill(cypher.NODES_BY_IDS, label=Label.ORGANISATION), ids=page).single(
            strict=True)[0]
    orgs = [cast(Organisation, node_from_properties(Label.ORGANISATION, props)) for props in rows]
    return tuple(sorted(orgs, key=lambda org: org.id))


def neighbourhood(tx: neo4j.ManagedTransaction, label: Label, node_id: str, depth: int,
                  limit: int) -> Subgraph:
    """The node and everything within `depth` hops, the nearest kept when cut at `limit`."""
    start = tx.run(fill(cypher.START_NODE, label=label), id=node_id).single()
    if start is None:
        raise NotFound(label.value, node_id)
    kept: dict[str, tuple[Label, Node]] = {
        start["eid"]: (label, node_from_properties(label, start["props"]))}
    room, truncated, wide = max(limit, 1) - 1, False, wide_ids(tx)
    for hops in range(1, depth + 1):
        if truncated:
            break
        # One more than fits tells whether the ring is cut; all of it when Neo4j's order
        # may differ from Python's.
        fetch = NO_LIMIT if wide else room + 1
        rows = tx.run(fill(cypher.RING, hops=str(hops)), start=start["eid"], seen=list(kept),
                      labels=cypher.MODEL_LABELS, room=fetch).single(strict=True)[0]
        ring = sorted(((eid, Label(lab), props) for eid, lab, props in rows),
                      key=lambda item: (item[1].value, item[2]["id"]))
        truncated = len(ring) > room
        for eid, lab, props in ring[:room]:
            kept[eid] = (lab, node_from_properties(lab, props))
        room -= min(room, len(ring))
    rows = tx.run(cypher.RELATIONSHIPS_AMONG, eids=list(kept),
                  types=cypher.MODEL_TYPES).single(strict=True)[0]
    nodes = sorted(kept.values(), key=lambda item: (item[0].value, item[1].id))
    rels = sorted((relationship(row) for row in rows), key=Relationship.sort_key)
    return Subgraph(tuple(nodes), tuple(rels), truncated=truncated)


def stats(tx: neo4j.ManagedTransaction) -> GraphStats:
    """Counts per label, relationship type, organisation kind and pps origin."""
    labels = {label.value: tx.run(fill(cypher.COUNT_LABEL, label=label)).single(
        strict=True)["count"] for label in Label}
    types = {rel_type.value: tx.run(fill(cypher.COUNT_TYPE, type=rel_type)).single(
        strict=True)["count"] for rel_type in RelType}
    kinds = dict(tx.run(fill(cypher.COUNT_KINDS, label=Label.ORGANISATION)).values())
    origins = dict(tx.run(fill(cypher.COUNT_ORIGINS, label=Label.PPS)).values())
    return checks.complete_stats(labels, types, kinds, origins)
