"""The Bolt connection: driver settings, transactions, and driver errors as graph errors."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from graph_schema.errors import GraphError, InvalidGraphData, StoreUnavailable
from graph_schema.neo4j_store.cypher import BUMP_REVISION, META_LABEL, fill

T = TypeVar("T")
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
Work = Callable[[neo4j.ManagedTransaction], T]


def auth_from_env(variable: str = "PPSMATCH_NEO4J_AUTH") -> tuple[str, str] | None:
    """Read Neo4j credentials: `none` (default) or `user/password`."""
    text = os.environ.get(variable, "none").strip()
    if text.lower() in ("", "none"):
        return None
    user, sep, password = text.partition("/")
    if not sep or not user or not password:
        raise ValueError(f"{variable} must be `none` or `user/password`")
    return user, password


class Connection:
    """A driver for one server and database; every call translates driver errors."""

    def __init__(self, url: str, auth: tuple[str, str] | None, database: str | None,
                 connection_timeout: float, retry_seconds: float):
        """Check the URL and make a driver; nothing connects until the first call."""
        self.url = url
        self.database = database
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

    @contextmanager
    def translated(self) -> Iterator[None]:
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

    def read(self, work: Work[T]) -> T:
        """Run work in one managed read transaction."""
        with self.translated(), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def write(self, work: Work[T], *, wide: bool = False, reset: bool = False) -> T:
        """Run work and bump the revision in one managed write transaction."""
        def unit(tx: neo4j.ManagedTransaction) -> T:
            result = work(tx)
            tx.run(fill(BUMP_REVISION, label=META_LABEL), wide=wide, reset=reset).consume()
            return result

        with self.translated(), self._driver.session(database=self.database) as session:
            return session.execute_write(unit)

    def query(self, query: str, **params: Any) -> list[list[Any]]:
        """One auto-routed read statement; rows as lists of values."""
        with self.translated():
            records, _, _ = self._driver.execute_query(
                query, params, routing_=neo4j.RoutingControl.READ, database_=self.database)
        return [list(record.values()) for record in records]

    def execute(self, statement: str, **params: Any) -> None:
        """One statement in its own auto-commit transaction (schema, CALL IN TRANSACTIONS)."""
        with self.translated(), self._driver.session(database=self.database) as session:
            session.run(statement, params).consume()

    def close(self) -> None:
        """Close the driver; every later call raises StoreUnavailable."""
        if not self._closed:
            self._closed = True
            self._driver.close()
