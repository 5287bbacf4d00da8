"""Typed errors every graph store raises; callers never see driver or networkx errors."""


class GraphError(Exception):
    """Base class of all graph store errors."""


class NotFound(GraphError):
    """A node with the asked id does not exist."""

    def __init__(self, label: str, node_id: str):
        super().__init__(f"{label} '{node_id}' does not exist")
        self.label = label
        self.node_id = node_id


class InvalidGraphData(GraphError):
    """A write would break the model: unknown label or type, missing endpoint, bad property."""


class StoreUnavailable(GraphError):
    """The store cannot be reached (for Neo4j: the server is down or refuses us)."""
