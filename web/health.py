"""Liveness and readiness probes."""

from __future__ import annotations

from flask import Blueprint, jsonify

from web import state

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is alive."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """The store answers (a StoreUnavailable becomes 503 through the error mapping)."""
    store = state.current_store()
    store.revision()
    return jsonify({"status": "ready", "store": store.url})
