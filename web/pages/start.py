"""Start page: what ppsmatch is for, the way in, and what is in the graph (real or synthetic)."""

from __future__ import annotations

from flask import current_app, redirect, render_template, url_for

from web import state as app_state
from web.pages import bp
from web.pages.labels import KINDS_NL, LABELS_NL
from web.services import seeding


@bp.get("/")
def index():
    """Start page: purpose, counts and what is real and what synthetic."""
    state = app_state.state(current_app)
    stats = seeding.graph_stats(state.store)
    return render_template(
        "index.html", page="start", stats=stats, labels=LABELS_NL, kinds=KINDS_NL,
        store_url=state.store.url)


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask /favicon.ico of pages that name no icon (the coverage report): the SVG."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
