"""open_store: the one place that turns a store URL into a concrete GraphStore."""

from __future__ import annotations

from urllib.parse import urlsplit

from graph_schema.errors import InvalidGraphData
from graph_schema.store import GraphStore

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def open_store(url: str = "memory://") -> GraphStore:
    """Open a store: memory:// (embedded networkx) or bolt://, neo4j:// (Neo4j server)."""
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        from graph_schema.memory_store import MemoryGraphStore

        return MemoryGraphStore(url)
    if scheme in NEO4J_SCHEMES:
        # Imported here so that the embedded default never needs the driver loaded.
        from graph_schema.neo4j_store import Neo4jGraphStore, auth_from_env

        return Neo4jGraphStore(url, auth=auth_from_env())
    raise InvalidGraphData(
        f"unknown store URL '{url}': use memory:// or bolt://host:port or neo4j://host:port")
