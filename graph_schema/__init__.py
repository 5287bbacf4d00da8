"""Graph data model, the GraphStore port and its two adapters."""
