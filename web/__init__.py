"""The Flask service, its use cases and the command line."""
