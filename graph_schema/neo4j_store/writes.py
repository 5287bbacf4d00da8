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
    """Merge a chunk of nodes, one UNWIND per label."""
    by_label: dict[Label, list[dict]] = {}
    for label, props in chunk:
        by_label.setdefault(label, []).append(props)
    for label, rows in by_label.items():
        tx.run(fill(cypher.UPSERT_NODES, label=label), rows=rows).consume()


def check_endpoints(tx: neo4j.ManagedTransaction, chunk: list[RelRow]) -> None:
    """Raise InvalidGraphData naming the first relationship with a missing endpoint."""
    _run_per_type(tx, chunk, cypher.MISSING_ENDPOINTS)


def link_chunk(tx: neo4j.ManagedTransaction, chunk: list[RelRow]) -> None:
    """Merge a chunk of relationships, or raise for its first missing endpoint."""
    _run_per_type(tx, chunk, cypher.MERGE_RELATIONSHIPS)


def _by_type(chunk: list[RelRow]) -> dict[RelType, list[dict]]:
    grouped: dict[RelType, list[dict]] = {}
    for i, rel in chunk:
        grouped.setdefault(rel.type, []).append(
            {"i": i, "source": rel.source, "target": rel.target, "props": rel.props})
    return grouped


def _run_per_type(tx: neo4j.ManagedTransaction, chunk: list[RelRow], template: str) -> None:
    """Run a per-type query over a chunk; raise for the first missing endpoint reported."""
    missing: list[tuple[int, bool]] = []
    for rel_type, rows in _by_type(chunk).items():
        source, target = REL_ENDPOINTS[rel_type]
        query = fill(template, source=source, target=target, type=rel_type)
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


def delete_organisation(tx: neo4j.ManagedTransaction, node_id: str) -> None:
    """Delete an organisation with its relationships; NotFound when absent."""
    query = fill(cypher.DELETE_ORGANISATION, label=Label.ORGANISATION)
    if tx.run(query, id=node_id).single(strict=True)["deleted"] == 0:
        raise NotFound(Label.ORGANISATION.value, node_id)
