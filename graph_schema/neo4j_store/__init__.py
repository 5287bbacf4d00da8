"""The GraphStore on a Neo4j 5 server: the only package with Cypher or the `neo4j` driver.

store (the adapter), connection (driver, transactions, error translation), cypher (every
statement), reads and writes (transaction bodies), rows (model objects to and from rows).
"""

from graph_schema.neo4j_store.connection import auth_from_env
from graph_schema.neo4j_store.store import Neo4jGraphStore

__all__ = ["Neo4jGraphStore", "auth_from_env"]
