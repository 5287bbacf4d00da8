"""Neo4jGraphStore: the GraphStore port on a Neo4j server, composed of reads and writes."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from neo4j import exceptions as neo4j_errors

from graph_schema import checks, values
from graph_schema.errors import InvalidGraphData, NotFound
from graph_schema.model import (
    GraphSnapshot,
    GraphStats,
    Label,
    Node,
    Organisation,
    OrganisationQuery,
    Relationship,
    RelType,
    Subgraph,
    node_from_properties,
)
from graph_schema.neo4j_store import cypher, reads, writes
from graph_schema.neo4j_store.connection import Connection
from graph_schema.neo4j_store.cypher import META_LABEL, fill
from graph_schema.neo4j_store.rows import chunks, is_wide, node_row
from graph_schema.store import MAX_NEIGHBOURHOOD_DEPTH


class Neo4jGraphStore:
    """GraphStore on a Neo4j server over Bolt.

    Writes go in `UNWIND $rows` batches of `batch_size` rows, one managed transaction each,
    after the whole call was validated (model checks, and for `link` every endpoint), so
    invalid data writes nothing. A call larger than one batch that loses the server midway
    can leave earlier batches written; writes are idempotent, so repeating the call completes it.
    Large reads come in pages of `read_chunk` nodes.
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
        self._auth, self._timeouts = auth, (connection_timeout, retry_seconds)
        self._db = Connection(url, auth, database, connection_timeout, retry_seconds)

    # --- schema and writes ---------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and range indexes; safe to call repeatedly."""
        for statement in writes.schema_statements():
            self._db.execute(statement)
        self._db.execute(cypher.AWAIT_INDEXES, seconds=300)

    def upsert_nodes(self, nodes: Sequence[Node]) -> int:
        """Create or replace nodes by (label, id), replacing all their properties."""
        rows = [(label, node_row(node)) for label, node in map(values.clean_node, nodes)]
        for chunk in chunks(rows, self.batch_size):
            wide = any(is_wide(props["id"]) for _, props in chunk)
            work = partial(writes.upsert_chunk, chunk=chunk)
            try:
                self._db.write(work, wide=wide)
            except InvalidGraphData as error:
                # CREATE lost a race: a concurrent call created one of the ids found absent.
                # Once more, that id is found and SET (where MERGE would have waited for it).
                if not isinstance(error.__cause__, neo4j_errors.ConstraintError):
                    raise
                self._db.write(work, wide=wide)
        return len(rows)

    def link(self, relationships: Sequence[Relationship]) -> int:
        """Create or update relationships keyed by (type, source, target)."""
        rows = list(enumerate(map(values.clean_relationship, relationships)))
        if len(rows) > self.batch_size:  # later batches must not fail after earlier commits
            for chunk in chunks(rows, self.batch_size):
                self._db.read(partial(writes.check_endpoints, chunk=chunk))
        for chunk in chunks(rows, self.batch_size):
            self._db.write(partial(writes.link_chunk, chunk=chunk))
        return len(rows)

    def delete_organisation(self, node_id: str) -> None:
        """Delete an organisation and its relationships; NotFound when absent."""
        self._db.write(partial(writes.delete_organisation, node_id=node_id))

    def clear(self) -> None:
        """Delete all nodes and relationships (in batches, so large graphs fit in memory)."""
        self._db.write(lambda tx: None)  # a partial clear must already count as a change
        self._db.execute(fill(cypher.DELETE_RELATIONSHIPS))
        self._db.execute(fill(cypher.DELETE_NODES, meta=META_LABEL))
        self._db.write(lambda tx: None, reset=True)

    def close(self) -> None:
        """Close the driver; the store is unusable afterwards."""
        self._db.close()

    def forked(self) -> Neo4jGraphStore:
        """The same settings over a new driver: the inherited one's sockets stay the parent's."""
        connection_timeout, retry_seconds = self._timeouts
        return Neo4jGraphStore(self.url, self._auth, self.database, batch_size=self.batch_size,
                               read_chunk=self.read_chunk, connection_timeout=connection_timeout,
                               retry_seconds=retry_seconds)

    # --- reads ---------------------------------------------------------------------------------

    def get_node(self, label: Label, node_id: str) -> Node:
        """Return one node or raise NotFound."""
        label = Label(label)
        rows = self._db.query(fill(cypher.GET_NODE, label=label), id=node_id)
        if not rows:
            raise NotFound(label.value, node_id)
        return node_from_properties(label, rows[0][0])

    def list_nodes(self, label: Label) -> tuple[Node, ...]:
        """Return all nodes of a label, sorted by id."""
        return self._db.read(partial(reads.list_nodes, label=Label(label), page=self.read_chunk))

    def relationships(self, rel_type: RelType | None = None) -> tuple[Relationship, ...]:
        """Return relationships (of one type, or all), sorted by (type, source, target)."""
        types = list(RelType) if rel_type is None else [RelType(rel_type)]
        return self._db.read(partial(reads.relationships, types=types, page=self.read_chunk))

    def search_organisations(self, query: OrganisationQuery) -> tuple[Organisation, ...]:
        """Return organisations matching every filter, sorted by id, paged."""
        checks.check_paging(query)
        return self._db.read(partial(reads.search, query=query))

    def neighbourhood(self, label: Label, node_id: str, depth: int = 1,
                      limit: int = 500) -> Subgraph:
        """Return the node and everything within `depth` hops, nearest first when cut."""
        checks.check_depth(depth, MAX_NEIGHBOURHOOD_DEPTH)
        return self._db.read(partial(reads.neighbourhood, label=Label(label), node_id=node_id,
                                     depth=depth, limit=limit))

    def snapshot(self) -> GraphSnapshot:
        """Return every node and relationship in one read transaction, each group sorted."""
        return self._db.read(partial(reads.snapshot, page=self.read_chunk))

    def stats(self) -> GraphStats:
        """Return counts per label, relationship type and organisation kind (zeros included)."""
        return self._db.read(reads.stats)

    def revision(self) -> str:
        """Return `<write counter>.<epoch>`; the epoch is new whenever the database is."""
        rows = self._db.query(fill(cypher.REVISION, label=META_LABEL))
        if not rows:
            return "0"
        counter, epoch = rows[0]
        return f"{counter}.{epoch}"
