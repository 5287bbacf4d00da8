"""The GraphStore port: its docstrings are the contract both adapters must keep."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

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
)

# Keys and indexes, declared once; the Neo4j adapter turns them into constraints and indexes.
UNIQUE_KEYS: dict[Label, str] = {label: "id" for label in Label}
INDEXED_PROPERTIES: dict[Label, tuple[str, ...]] = {
    Label.ORGANISATION: ("kind", "name", "synthetic"),
    Label.PPS: ("type",),
    Label.THEME: (),
    Label.PROVINCE: ("name",),
    Label.MUNICIPALITY: ("name",),
}
MAX_NEIGHBOURHOOD_DEPTH = 2


@runtime_checkable
class GraphStore(Protocol):
    """A graph of organisations, pps'en, themes and regions.

    Every read returns dataclasses in a defined order, so all stores answer identically for the
    same data. Every write is idempotent (upsert by stable id) and validated as a whole before
    anything is written: invalid input raises and writes nothing. A call larger than one write
    batch that is cut off by an outage may leave its earlier batches written; repeating the call
    completes it. When the store cannot be reached, methods raise `StoreUnavailable`.
    """

    url: str

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes; safe to call repeatedly."""

    def upsert_nodes(self, nodes: Sequence[Node]) -> int:
        """Create or replace nodes by (label, id); return how many were given.

        Properties of an existing node are replaced by the new values. Raises `InvalidGraphData`
        for an object that is not a node of the model or has an empty id.
        """

    def link(self, relationships: Sequence[Relationship]) -> int:
        """Create or update relationships keyed by (type, source, target); return the count.

        Endpoint labels follow `REL_ENDPOINTS`. A missing endpoint or a property outside
        `REL_PROPERTIES` raises `InvalidGraphData` and nothing of the batch is written.
        """

    def get_node(self, label: Label, node_id: str) -> Node:
        """Return one node; `NotFound` when there is none with that id."""

    def list_nodes(self, label: Label) -> tuple[Node, ...]:
        """Return all nodes of a label, sorted by id."""

    def relationships(self, rel_type: RelType | None = None) -> tuple[Relationship, ...]:
        """Return relationships (of one type, or all), sorted by (type, source, target)."""

    def search_organisations(self, query: OrganisationQuery) -> tuple[Organisation, ...]:
        """Return organisations matching every given filter, sorted by id, paged.

        `text` matches case-insensitively inside the name; `province` (PVxx) matches
        organisations located in one of its gemeenten (LOCATED_IN) or operating in the
        province itself (OPERATES_IN); `theme` matches WORKS_ON that theme id.
        """

    def neighbourhood(self, label: Label, node_id: str, depth: int = 1,
                      limit: int = 500) -> Subgraph:
        """Return the node and everything within `depth` hops (either direction).

        Nodes are sorted by (label, id), the start node always kept; when more than `limit`
        nodes are reachable, the nearest ones are kept (ties by label, id) and `truncated`
        is set. Relationships are those among the kept nodes. `NotFound` for an unknown id;
        `InvalidGraphData` for a depth outside 1..MAX_NEIGHBOURHOOD_DEPTH.
        """

    def delete_organisation(self, node_id: str) -> None:
        """Delete an organisation and its relationships; `NotFound` when it does not exist."""

    def snapshot(self) -> GraphSnapshot:
        """Return every node and relationship (the matcher's input), each group sorted."""

    def stats(self) -> GraphStats:
        """Return counts per label, relationship type and organisation kind (zeros included)."""

    def revision(self) -> str:
        """Return a token that changes whenever the data changes (for cache invalidation)."""

    def clear(self) -> None:
        """Delete all nodes and relationships."""

    def close(self) -> None:
        """Release connections; the store is unusable afterwards."""

    def forked(self) -> GraphStore:
        """This store for a child process forked from this one (never sharing a connection)."""
