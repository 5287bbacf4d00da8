"""Waiting until a write is visible to reads (the read model is rebuilt in the background)."""

from __future__ import annotations

import time

from web.state import WRITE_HEADER


def wait_visible(client, write, timeout: float = 60.0) -> dict:
    """Poll /readyz until the read model serves the write's revision (or a later one)."""
    wanted = write.headers[WRITE_HEADER]
    deadline = time.monotonic() + timeout
    while True:
        ready = client.get("/readyz").get_json()
        served = ready["read_model"]["revision"]
        if served in (wanted, ready["store_revision"]):
            return ready
        if time.monotonic() > deadline:
            raise AssertionError(f"write {wanted} not visible after {timeout} s: {ready}")
        time.sleep(0.01)
