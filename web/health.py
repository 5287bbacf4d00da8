"""Liveness and readiness probes."""

from __future__ import annotations

import os

from flask import Blueprint, jsonify

from web import state

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is alive."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """The store answers and a read model is served (503 until the first one is built).

    `read_model.revision` is the store revision reads are answered from; when it equals
    `store_revision`, every write so far is visible. `building` says a rebuild runs;
    `last_error` that the last rebuild failed (the previous model keeps serving). `pid` is
    the worker that answered; `read_model.built_by` the process that built its model (under
    `ppsmatch serve` on Neo4j the master, until the worker's first rebuild).
    """
    found = state.state()
    store_revision = found.store.revision()  # StoreUnavailable becomes 503 via web.errors
    models = found.read_models.status()
    ready = models["revision"] is not None
    if ready:
        found.read_models.current()  # notices a change made elsewhere (rate-limited)
    body = {"status": "ready" if ready else "starting", "store": found.store.url,
            "pid": os.getpid(), "store_revision": store_revision, "read_model": models}
    return jsonify(body), 200 if ready else 503
