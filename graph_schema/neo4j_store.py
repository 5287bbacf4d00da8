"""Neo4jGraphStore: the GraphStore on a Neo4j 5 server; the only module with Cypher or `neo4j`.

Cypher lives in UPPER_SNAKE constants with $parameters. Labels, relationship types and
property names are filled in only by `_cypher`, which accepts the model's allow-lists.
Results are sorted in Python with the same keys as the memory store. Neo4j sorts strings by
UTF-16 unit, Python by code point; the two differ only for ids with a character >= U+E000, so
paged reads let Neo4j sort unless such an id was ever written (`wide_ids` on the meta node).
"""

# The folder ./neo4j (the server's pom.xml) makes ruff take `neo4j` for a first-party package;
# the order below is the true one (driver = third party) until pyproject.toml says so too.
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from functools import partial
from itertools import islice
from typing import Any, TypeVar
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from graph_schema import checks, values
from graph_schema.errors import GraphError, InvalidGraphData, NotFound, StoreUnavailable
from graph_schema.model import (
    NODE_CLASSES,
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
    node_to_properties,
)
from graph_schema.store import INDEXED_PROPERTIES, MAX_NEIGHBOURHOOD_DEPTH, UNIQUE_KEYS

T = TypeVar("T")
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
META_LABEL = "GraphMeta"
ADAPTER_LABELS = frozenset({META_LABEL})  # labels of the adapter's own bookkeeping nodes
MODEL_LABELS = [label.value for label in Label]
MODEL_TYPES = [rel_type.value for rel_type in RelType]
_PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

# --- Schema ----------------------------------------------------------------------------------
CREATE_UNIQUE = ("CREATE CONSTRAINT {name} IF NOT EXISTS "
                 "FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE")
CREATE_RANGE_INDEX = "CREATE RANGE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# --- Writes (every write transaction ends with BUMP_REVISION) ----------------------------------
# `wide_ids` records that some id has a character >= U+E000: only then can Neo4j's string order
# (UTF-16 units) differ from Python's (code points), and reads then sort in Python instead.
BUMP_REVISION = """
MERGE (m:{label} {{key: 'graph'}})
ON CREATE SET m.epoch = randomUUID(), m.revision = 0, m.wide_ids = false
SET m.revision = m.revision + 1,
    m.wide_ids = CASE WHEN $reset THEN false ELSE m.wide_ids OR $wide END
"""
UPSERT_NODES = "UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row"
MISSING_ENDPOINTS = """
UNWIND $rows AS row
OPTIONAL MATCH (a:{source} {{id: row.source}})
OPTIONAL MATCH (b:{target} {{id: row.target}})
WITH row, a, b WHERE a IS NULL OR b IS NULL
RETURN [row.i, a IS NULL] AS first ORDER BY row.i LIMIT 1
"""
# Looks the endpoints up once: merges only when all exist, else returns the first missing
# one as [row index, source missing?] (and the caller raises, rolling the transaction back).
MERGE_RELATIONSHIPS = """
UNWIND $rows AS row
OPTIONAL MATCH (a:{source} {{id: row.source}})
OPTIONAL MATCH (b:{target} {{id: row.target}})
WITH collect({{row: row, a: a, b: b}}) AS pairs
WITH pairs, [p IN pairs WHERE p.a IS NULL OR p.b IS NULL | [p.row.i, p.a IS NULL]] AS missing
CALL (pairs, missing) {{
  UNWIND CASE WHEN missing = [] THEN pairs ELSE [] END AS p
  WITH p.a AS a, p.b AS b, p.row AS row
  MERGE (a)-[r:{type}]->(b)
  SET r = row.props
}}
RETURN reduce(first = missing[0], m IN missing | CASE WHEN m[0] < first[0] THEN m ELSE first END)
    AS first
"""
DELETE_ORGANISATION = ("MATCH (o:{label} {{id: $id}}) WITH o, o.id AS id DETACH DELETE o "
                       "RETURN count(id) AS deleted")
DELETE_ALL = ("MATCH (n) WHERE NOT n:{meta} "
              "CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS")

# --- Reads -----------------------------------------------------------------------------------
# Large reads come as chunks collected into one record each: a record costs the Python driver
# ~15 us, a list element far less.
REVISION = "MATCH (m:{label} {{key: 'graph'}}) RETURN m.revision AS revision, m.epoch AS epoch"
WIDE_IDS = "OPTIONAL MATCH (m:{label} {{key: 'graph'}}) RETURN coalesce(m.wide_ids, false) AS wide"
GET_NODE = "MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS props LIMIT 1"
LIST_NODES = ("MATCH (n:{label}) WITH n SKIP $skip LIMIT $chunk "
              "RETURN collect(properties(n)) AS rows")
LIST_RELATIONSHIPS = """
MATCH (a)-[r:{type}]->(b) WITH a, r, b SKIP $skip LIMIT $chunk
RETURN collect([a.id, b.id, properties(r)]) AS rows
"""
COUNT_LABEL = "MATCH (n:{label}) RETURN count(n) AS count"
COUNT_TYPE = "MATCH ()-[r:{type}]->() RETURN count(r) AS count"
COUNT_KINDS = "MATCH (o:{label}) RETURN o.kind AS kind, count(*) AS count"
COUNT_ORIGINS = ("MATCH (p:{label}) RETURN coalesce(p.synthetic, false) AS synthetic, "
                 "count(*) AS count")
SEARCH_PAGE = """
MATCH (o:Organisation) WHERE o.id IS NOT NULL AND {where}
WITH o ORDER BY o.id SKIP $offset LIMIT $limit
RETURN collect(properties(o)) AS rows
"""
SEARCH_ALL_IDS = "MATCH (o:Organisation) WHERE {where} RETURN collect(o.id) AS ids"
SEARCH_FILTERS = {
    "text": "toLower(o.name) CONTAINS $text",
    "kind": "o.kind = $kind",
    "synthetic": "o.synthetic = $synthetic",
    "theme": "EXISTS { (o)-[:WORKS_ON]->(:Theme {id: $theme}) }",
    # Located in one of the province's gemeenten, or operating in the province as a whole.
    "province": (f"(EXISTS {{ (o)-[:{RelType.LOCATED_IN.value}]->(:Municipality)"
                 f"-[:{RelType.PART_OF.value}]->(:Province {{id: $province}}) }} "
                 f"OR EXISTS {{ (o)-[:{RelType.OPERATES_IN.value}]->"
                 "(:Province {id: $province}) })"),
}
NODES_BY_IDS = ("UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
                "RETURN collect(properties(n)) AS rows")
START_NODE = "MATCH (s:{label} {{id: $id}}) RETURN elementId(s) AS eid, properties(s) AS props"
# Nodes at exactly `hops` hops from the start and not seen yet, first $room by (label, id).
RING = """
MATCH (s) WHERE elementId(s) = $start
MATCH (s)-[*{hops}..{hops}]-(n) WHERE n <> s AND NOT elementId(n) IN $seen
WITH DISTINCT n, [l IN labels(n) WHERE l IN $labels][0] AS label
WHERE label IS NOT NULL
WITH n, label ORDER BY label, n.id LIMIT $room
RETURN collect([elementId(n), label, properties(n)]) AS rows
"""
RELATIONSHIPS_AMONG = """
MATCH (a)-[r]->(b) WHERE elementId(a) IN $eids AND elementId(b) IN $eids AND type(r) IN $types
RETURN collect([type(r), a.id, b.id, properties(r)]) AS rows
"""
WIDE_CHAR = "\ue000"  # ids with a character >= this may sort differently in Neo4j
NO_LIMIT = 2**62


def _cypher(template: str, **names: str) -> str:
    """Fill a query template with labels, types or properties from the allow-lists only."""
    allowed = set(MODEL_LABELS) | set(MODEL_TYPES) | ADAPTER_LABELS
    quoted = {}
    for key, value in names.items():
        value = getattr(value, "value", value)
        if key in ("prop", "name"):
            ok = bool(_PROPERTY_NAME.match(value))
        else:
            ok = value in allowed
        if not ok:
            raise InvalidGraphData(f"'{value}' is not an allowed {key} name")
        quoted[key] = value if key == "name" else f"`{value}`"
    return template.format(**quoted)


def auth_from_env(variable: str = "PPSMATCH_NEO4J_AUTH") -> tuple[str, str] | None:
    """Read Neo4j credentials: `none` (default) or `user/password`."""
    text = os.environ.get(variable, "none").strip()
    if text.lower() in ("", "none"):
        return None
    user, sep, password = text.partition("/")
    if not sep or not user or not password:
        raise ValueError(f"{variable} must be `none` or `user/password`")
    return user, password


# Per node class, the fields whose default is empty ("" or ()): stored only when set, which
# saves a third of the property writes of a typical organisation; reads restore the default.
_EMPTY_DEFAULTS = {cls: frozenset(f.name for f in fields(cls) if f.default in ("", ()))
                   for cls in NODE_CLASSES.values()}


def _node_row(node: Node) -> dict[str, Any]:
    """The properties to store for a node: model properties without empty defaults."""
    empty = _EMPTY_DEFAULTS[type(node)]
    return {key: value for key, value in node_to_properties(node).items()
            if not (key in empty and value in ("", []))}


def _chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _relationship(row: Sequence[Any]) -> Relationship:
    rel_type, source, target, props = row
    return Relationship(RelType(rel_type), source, target, tuple(sorted(props.items())))


class Neo4jGraphStore:
    """GraphStore on a Neo4j server over Bolt.

    Writes go in `UNWIND $rows` batches of `batch_size` rows, one managed transaction each,
    after the whole call was validated (model checks, and for `link` every endpoint), so
    invalid data writes nothing. A call larger than one batch that loses the server midway
    can leave earlier batches written; writes are idempotent, so repeating the call completes it.
    """

    def __init__(self, url: str, auth: tuple[str, str] | None = None,
                 database: str | None = None, *, batch_size: int = 5000,
                 read_chunk: int = 20000, connection_timeout: float = 5.0,
                 retry_seconds: float = 0.5):
        """Store the settings and make a driver; nothing connects until the first call."""
        self.url = url
        self.database = database
        self.batch_size = batch_size
        self.read_chunk = read_chunk
        try:
            parts = urlsplit(url)
            if parts.scheme not in BOLT_SCHEMES:
                raise InvalidGraphData(f"not a Bolt URL: '{url}' (use bolt:// or neo4j://)")
            parts.port  # noqa: B018 - raises ValueError now, not as a DNS error on first use
            self._driver = neo4j.GraphDatabase.driver(
                url, auth=auth, connection_timeout=connection_timeout,
                max_transaction_retry_time=retry_seconds, user_agent="ppsmatch",
                notifications_min_severity="OFF")
        except (neo4j_errors.ConfigurationError, ValueError) as error:
            raise InvalidGraphData(f"bad Neo4j URL '{url}': {error}") from error
        self._closed = False

    # --- plumbing ----------------------------------------------------------------------------

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn driver errors into graph_schema.errors, naming the server."""
        if self._closed:
            raise StoreUnavailable(f"the Neo4j store for {self.url} is closed")
        try:
            yield
        except GraphError:
            raise
        except neo4j_errors.AuthError as error:
            raise StoreUnavailable(
                f"Neo4j at {self.url} refuses our credentials (PPSMATCH_NEO4J_AUTH): "
                f"{error.message}") from error
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired,
                neo4j_errors.TransientError, neo4j_errors.DatabaseUnavailable,
                neo4j_errors.IncompleteCommit, neo4j_errors.ConnectionPoolError,
                OSError) as error:
            detail = " ".join(str(error).split())
            raise StoreUnavailable(f"Neo4j at {self.url} is unavailable: {detail}") from error
        except (neo4j_errors.ConstraintError, neo4j_errors.CypherTypeError) as error:
            raise InvalidGraphData(f"Neo4j rejected the data: {error.message}") from error
        except neo4j_errors.Neo4jError as error:
            raise GraphError(f"Neo4j at {self.url} failed: {error.message}") from error
        except neo4j_errors.DriverError as error:
            raise GraphError(f"Neo4j driver failed for {self.url}: {error}") from error

    def _read(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        with self._translated(), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T], *, wide: bool = False,
               reset: bool = False) -> T:
        """Run work and bump the revision in one managed write transaction."""
        def unit(tx: neo4j.ManagedTransaction) -> T:
            result = work(tx)
            tx.run(_cypher(BUMP_REVISION, label=META_LABEL), wide=wide, reset=reset).consume()
            return result

        with self._translated(), self._driver.session(database=self.database) as session:
            return session.execute_write(unit)

    def _query(self, query: str, **params: Any) -> list[list[Any]]:
        """One auto-routed read statement; rows as lists of values."""
        with self._translated():
            records, _, _ = self._driver.execute_query(
                query, params, routing_=neo4j.RoutingControl.READ, database_=self.database)
        return [list(record.values()) for record in records]

    def _chunked(self, tx: neo4j.ManagedTransaction, query: str) -> list[Any]:
        """All rows of a SKIP/LIMIT query returning one collected list per chunk."""
        rows: list[Any] = []
        while True:
            chunk = tx.run(query, skip=len(rows), chunk=self.read_chunk).single(strict=True)[0]
            rows += chunk
            if len(chunk) < self.read_chunk:
                return rows

    @staticmethod
    def _wide_ids(tx: neo4j.ManagedTransaction) -> bool:
        return bool(tx.run(_cypher(WIDE_IDS, label=META_LABEL)).single(strict=True)[0])

    # --- schema and writes ---------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and range indexes; safe to call repeatedly."""
        statements = [_cypher(CREATE_UNIQUE, name="ppsmatch_graph_meta_key", label=META_LABEL,
                              prop="key")]
        for label, prop in UNIQUE_KEYS.items():
            statements.append(_cypher(CREATE_UNIQUE, name=f"ppsmatch_{label.lower()}_{prop}",
                                      label=label, prop=prop))
        for label, props in INDEXED_PROPERTIES.items():
            statements += [_cypher(CREATE_RANGE_INDEX, name=f"ppsmatch_{label.lower()}_{prop}",
                                   label=label, prop=prop) for prop in props]
        with self._translated():
            for statement in statements:
                self._driver.execute_query(statement, database_=self.database)
            self._driver.execute_query(AWAIT_INDEXES, {"seconds": 300}, database_=self.database)

    def upsert_nodes(self, nodes: Sequence[Node]) -> int:
        """Create or replace nodes by (label, id), replacing all their properties."""
        rows = [(label, _node_row(node)) for label, node in map(values.clean_node, nodes)]
        for chunk in _chunks(rows, self.batch_size):
            wide = any(max(props["id"]) >= WIDE_CHAR for _, props in chunk)
            self._write(partial(self._upsert_chunk, chunk=chunk), wide=wide)
        return len(rows)

    @staticmethod
    def _upsert_chunk(tx: neo4j.ManagedTransaction, chunk: list[tuple[Label, dict]]) -> None:
        by_label: dict[Label, list[dict]] = {}
        for label, props in chunk:
            by_label.setdefault(label, []).append(props)
        for label, label_rows in by_label.items():
            tx.run(_cypher(UPSERT_NODES, label=label), rows=label_rows).consume()

    def link(self, relationships: Sequence[Relationship]) -> int:
        """Create or update relationships keyed by (type, source, target)."""
        rows = list(enumerate(map(values.clean_relationship, relationships)))
        if len(rows) > self.batch_size:  # later batches must not fail after earlier commits
            for chunk in _chunks(rows, self.batch_size):
                self._read(partial(self._check_endpoints, chunk=chunk))
        for chunk in _chunks(rows, self.batch_size):
            self._write(partial(self._link_chunk, chunk=chunk))
        return len(rows)

    @staticmethod
    def _by_type(chunk: list[tuple[int, Relationship]]) -> dict[RelType, list[dict]]:
        grouped: dict[RelType, list[dict]] = {}
        for i, rel in chunk:
            grouped.setdefault(rel.type, []).append(
                {"i": i, "source": rel.source, "target": rel.target, "props": rel.props})
        return grouped

    def _check_endpoints(self, tx: neo4j.ManagedTransaction,
                         chunk: list[tuple[int, Relationship]]) -> None:
        """Raise InvalidGraphData naming the first relationship with a missing endpoint."""
        self._run_per_type(tx, chunk, MISSING_ENDPOINTS)

    def _link_chunk(self, tx: neo4j.ManagedTransaction,
                    chunk: list[tuple[int, Relationship]]) -> None:
        self._run_per_type(tx, chunk, MERGE_RELATIONSHIPS)

    def _run_per_type(self, tx: neo4j.ManagedTransaction, chunk: list[tuple[int, Relationship]],
                      template: str) -> None:
        """Run a per-type query over a chunk; raise for the first missing endpoint reported."""
        missing: list[tuple[int, bool]] = []
        for rel_type, rows in self._by_type(chunk).items():
            source, target = REL_ENDPOINTS[rel_type]
            query = _cypher(template, source=source, target=target, type=rel_type)
            record = tx.run(query, rows=rows).single()
            if record is not None and record["first"] is not None:
                missing.append(tuple(record["first"]))  # type: ignore[arg-type]
        if missing:
            i, source_missing = min(missing)
            rel = dict(chunk)[i]
            label = REL_ENDPOINTS[rel.type][0 if source_missing else 1]
            node_id = rel.source if source_missing else rel.target
            raise InvalidGraphData(f"{rel.type.value} {rel.source} -> {rel.target}: "
                                   f"{label.value} '{node_id}' does not exist")

    def delete_organisation(self, node_id: str) -> None:
        """Delete an organisation and its relationships; NotFound when absent."""
        def work(tx: neo4j.ManagedTransaction) -> None:
            query = _cypher(DELETE_ORGANISATION, label=Label.ORGANISATION)
            if tx.run(query, id=node_id).single(strict=True)["deleted"] == 0:
                raise NotFound(Label.ORGANISATION.value, node_id)

        self._write(work)

    def clear(self) -> None:
        """Delete all nodes and relationships (in batches, so large graphs fit in memory)."""
        self._write(lambda tx: None)  # a partial clear must already count as a change
        with self._translated():
            with self._driver.session(database=self.database) as session:
                session.run(_cypher(DELETE_ALL, meta=META_LABEL)).consume()
        self._write(lambda tx: None, reset=True)

    def close(self) -> None:
        """Close the driver; the store is unusable afterwards."""
        if not self._closed:
            self._closed = True
            self._driver.close()

    # --- reads ---------------------------------------------------------------------------------

    def get_node(self, label: Label, node_id: str) -> Node:
        """Return one node or raise NotFound."""
        label = Label(label)
        rows = self._query(_cypher(GET_NODE, label=label), id=node_id)
        if not rows:
            raise NotFound(label.value, node_id)
        return node_from_properties(label, rows[0][0])

    def list_nodes(self, label: Label) -> tuple[Node, ...]:
        """Return all nodes of a label, sorted by id."""
        return self._read(partial(self._list_nodes, label=Label(label)))

    def _list_nodes(self, tx: neo4j.ManagedTransaction, label: Label) -> tuple[Any, ...]:
        rows = self._chunked(tx, _cypher(LIST_NODES, label=label))
        # A dict by id, because SKIP pages may overlap when another client writes meanwhile.
        nodes = {props["id"]: node_from_properties(label, props) for props in rows}
        return tuple(nodes[key] for key in sorted(nodes))

    def relationships(self, rel_type: RelType | None = None) -> tuple[Relationship, ...]:
        """Return relationships (of one type, or all), sorted by (type, source, target)."""
        types = list(RelType) if rel_type is None else [RelType(rel_type)]
        return self._read(partial(self._relationships, types=types))

    def _relationships(self, tx: neo4j.ManagedTransaction,
                       types: list[RelType]) -> tuple[Relationship, ...]:
        rels: list[Relationship] = []
        for rel_type in sorted(types, key=lambda t: t.value):
            rows = self._chunked(tx, _cypher(LIST_RELATIONSHIPS, type=rel_type))
            # A dict by key, because SKIP pages may overlap when another client writes meanwhile.
            unique = {(source, target): props for source, target, props in rows}
            rels += [Relationship(rel_type, source, target,
                                  tuple(sorted(props.items())) if props else ())
                     for (source, target), props in sorted(unique.items())]
        return tuple(rels)

    def search_organisations(self, query: OrganisationQuery) -> tuple[Organisation, ...]:
        """Return organisations matching every filter, sorted by id, paged."""
        checks.check_paging(query)
        params: dict[str, Any] = {
            "text": query.text.lower() if query.text else None,
            "kind": OrgKind(query.kind).value if query.kind is not None else None,
            "synthetic": query.synthetic,
            "theme": query.theme or None,
            "province": query.province or None,
        }
        params = {key: value for key, value in params.items() if value is not None}
        where = " AND ".join(SEARCH_FILTERS[key] for key in params) or "true"

        def work(tx: neo4j.ManagedTransaction) -> tuple[Any, ...]:
            if not self._wide_ids(tx):
                rows = tx.run(SEARCH_PAGE.format(where=where), params, offset=query.offset,
                              limit=query.limit).single(strict=True)[0]
            else:  # page in Python, where the order is Python's
                ids = sorted(tx.run(SEARCH_ALL_IDS.format(where=where), params).single(
                    strict=True)[0])
                page = ids[query.offset:query.offset + query.limit]
                query_ = _cypher(NODES_BY_IDS, label=Label.ORGANISATION)
                rows = tx.run(query_, ids=page).single(strict=True)[0]
            orgs = [node_from_properties(Label.ORGANISATION, props) for props in rows]
            return tuple(sorted(orgs, key=lambda org: org.id))

        return self._read(work)

    def neighbourhood(self, label: Label, node_id: str, depth: int = 1,
                      limit: int = 500) -> Subgraph:
        """Return the node and everything within `depth` hops, nearest first when cut."""
        checks.check_depth(depth, MAX_NEIGHBOURHOOD_DEPTH)
        label = Label(label)
        return self._read(lambda tx: self._neighbourhood(tx, label, node_id, depth, limit))

    def _neighbourhood(self, tx: neo4j.ManagedTransaction, label: Label, node_id: str,
                       depth: int, limit: int) -> Subgraph:
        start = tx.run(_cypher(START_NODE, label=label), id=node_id).single()
        if start is None:
            raise NotFound(label.value, node_id)
        kept = {start["eid"]: (label, node_from_properties(label, start["props"]))}
        room, truncated, wide = max(limit, 1) - 1, False, self._wide_ids(tx)
        for hops in range(1, depth + 1):
            if truncated:
                break
            # One more than fits tells whether the ring is cut; all of it when Neo4j's order
            # may differ from Python's.
            fetch = NO_LIMIT if wide else room + 1
            rows = tx.run(RING.format(hops=int(hops)), start=start["eid"], seen=list(kept),
                          labels=MODEL_LABELS, room=fetch).single(strict=True)[0]
            ring = sorted(((eid, Label(lab), props) for eid, lab, props in rows),
                          key=lambda item: (item[1].value, item[2]["id"]))
            truncated = len(ring) > room
            for eid, lab, props in ring[:room]:
                kept[eid] = (lab, node_from_properties(lab, props))
            room -= min(room, len(ring))
        rows = tx.run(RELATIONSHIPS_AMONG, eids=list(kept), types=MODEL_TYPES).single(
            strict=True)[0]
        nodes = sorted(kept.values(), key=lambda item: (item[0].value, item[1].id))
        rels = sorted((_relationship(row) for row in rows), key=Relationship.sort_key)
        return Subgraph(tuple(nodes), tuple(rels), truncated=truncated)

    def snapshot(self) -> GraphSnapshot:
        """Return every node and relationship in one read transaction, each group sorted."""
        def work(tx: neo4j.ManagedTransaction) -> GraphSnapshot:
            nodes = {label: self._list_nodes(tx, label) for label in Label}
            return GraphSnapshot(
                organisations=nodes[Label.ORGANISATION], ppses=nodes[Label.PPS],
                themes=nodes[Label.THEME], provinces=nodes[Label.PROVINCE],
                municipalities=nodes[Label.MUNICIPALITY],
                relationships=self._relationships(tx, list(RelType)))

        return self._read(work)

    def stats(self) -> GraphStats:
        """Return counts per label, relationship type and organisation kind (zeros included)."""
        def work(tx: neo4j.ManagedTransaction) -> GraphStats:
            labels = {label.value: tx.run(_cypher(COUNT_LABEL, label=label)).single(
                strict=True)["count"] for label in Label}
            types = {rel_type.value: tx.run(_cypher(COUNT_TYPE, type=rel_type)).single(
                strict=True)["count"] for rel_type in RelType}
            kinds = dict(tx.run(_cypher(COUNT_KINDS, label=Label.ORGANISATION)).values())
            origins = dict(tx.run(_cypher(COUNT_ORIGINS, label=Label.PPS)).values())
            return checks.complete_stats(labels, types, kinds, origins)

        return self._read(work)

    def revision(self) -> str:
        """Return `<write counter>.<epoch>`; the epoch is new whenever the database is."""
        rows = self._query(_cypher(REVISION, label=META_LABEL))
        if not rows:
            return "0"
        counter, epoch = rows[0]
        return f"{counter}.{epoch}"
