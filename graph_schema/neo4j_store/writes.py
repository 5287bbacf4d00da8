"""Write transactions: schema, node upserts, relationship merges and deletes."""

from __future__ import annotations

import neo4j

from graph_schema.errors import InvalidGraphData, NotFound
from graph_schema.model import REL_ENDPOINTS, Label, Relationship, RelType
from graph_schema.neo4j_store import cypher
from graph_schema.neo4j_store.cypher import META_LABEL, fill
from graph_schema.store import INDEXED_PROPERTIES, UNIQUE_KEYS

NodeRow = tuple[Label, dict]
RelRow = tuple[int, Relationship]  # (position in the call, relationship)


def schema_statements() -> list[str]:
    """The constraints and range indexes of UNIQUE_KEYS and INDEXED_PROPERTIES."""
    statements = [fill(cypher.CREATE_UNIQUE, name="ppsmatch_graph_meta_key", label=META_LABEL,
                       prop="key")]
    for label, prop in UNIQUE_KEYS.items():
        statements.append(fill(cypher.CREATE_UNIQUE, name=f"ppsmatch_{label.lower()}_{prop}",
                               label=label, prop=prop))
    for label, props in INDEXED_PROPERTIES.items():
        statements += [fill(cypher.CREATE_RANGE_INDEX, name=f"ppsmatch_{label.lower()}_{prop}",
                            label=label, prop=prop) for prop in props]
    return statements


def upsert_chunk(tx: neo4j.ManagedTransaction, chunk: list[NodeRow]) -> None:
    """Create or replace a chunk of nodes, per label: CREATE the absent ids, SET the others."""
    by_label: dict[Label, dict[str, dict]] = {}
    for label, props in chunk:
        by_label.setdefault(label, {})[props["id"]] = props  # a repeated id: the last wins
    for label, rows in by_label.items():
        query = fill(cypher.EXISTING_IDS, label=label)
        existing = set(tx.run(query, ids=list(rows)).single(strict=True)["ids"])
        new = [row for node_id, row in rows.items() if node_id not in existing]
        old = [row for node_id, row in rows.items() if node_id in existing]
        if new:
            tx.run(fill(cypher.CREATE_NODES, label=label), rows=new).consume()
        if old:
            tx.run(fill(cypher.REPLACE_NODES, label=label), rows=old).consume()


def check_endpoints(tx: neo4j.ManagedTransaction, chunk: list[RelRow]) -> None:
    """Raise InvalidGraphData naming the first relationship with a missing endpoint."""
    missing: list[tuple[int, bool]] = []
    for rel_type, rows in _by_type(chunk).items():
        source, target = REL_ENDPOINTS[rel_type]
        query = fill(cypher.MISSING_ENDPOINTS, source=source, target=target, type=rel_type)
        record = tx.run(query, rows=rows).single()
        if record is not None and record["first"] is not None:
            missing.append(tuple(record["first"]))
    if missing:
        i, source_missing = min(missing)
        rel = dict(chunk)[i]
        label = REL_ENDPOINTS[rel.type][0 if source_missing else 1]
        node_id = rel.source if source_missing else rel.target
        raise InvalidGraphData(f"{rel.type.value} {rel.source} -> {rel.target}: "
                               f"{label.value} '{node_id}' does not exist")


def link_chunk(tx: neo4j.ManagedTransaction, chunk: list[RelRow]) -> None:
    """Merge a chunk of relationships, or raise for its first missing endpoint."""
    for rel_type, rows in _by_type(chunk).items():
        source, target = REL_ENDPOINTS[rel_type]
        query = fill(cypher.MERGE_RELATIONSHIPS, source=source, target=target, type=rel_type)
        if tx.run(query, rows=rows).single(strict=True)["merged"] < len(rows):
            # A row matched no endpoint: name the chunk's first such row (of any type);
            # raising rolls back what this transaction merged so far.
            check_endpoints(tx, chunk)
            raise InvalidGraphData(f"{rel_type.value}: an endpoint vanished during the write")


def _by_type(chunk: list[RelRow]) -> dict[RelType, list[dict]]:
    grouped: dict[RelType, list[dict]] = {}
    for i, rel in chunk:
        grouped.setdefault(rel.type, []).append(
            {"i": i, "source": rel.source, "target": rel.target, "props": rel.props})
    return grouped


def delete_organisation(tx: neo4j.ManagedTransaction, node_id: str) -> None:
    """Delete an organisation with its relationships; NotFound when absent."""
    query = fill(cypher.DELETE_ORGANISATION, label=Label.ORGANISATION)
    if tx.run(query, id=node_id).single(strict=True)["deleted"] == 0:
        raise NotFound(Label.ORGANISATION.value, node_id)
