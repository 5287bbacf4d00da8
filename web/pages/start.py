"""Start page: what ppsmatch is for, the way in, and what is in the graph (real or synthetic)."""

from __future__ import annotations

from flask import current_app, render_template

from web import state as app_state
from web.pages import bp
from web.services import seeding

LABELS_NL = {
    "Organisation": "Organisaties", "Pps": "Pps'en", "Theme": "Thema's",
    "Province": "Provincies", "Municipality": "Gemeenten",
}
KINDS_NL = {
    "mbo": "mbo-instellingen", "hbo": "hogescholen", "wo": "universiteiten",
    "company": "bedrijven", "government": "overheden", "board": "economic boards",
    "knowledge_institute": "kennisinstellingen", "other": "overige",
}


@bp.get("/")
def index():
    """Start page: purpose, counts and what is real and what synthetic."""
    state = app_state.state(current_app)
    stats = seeding.graph_stats(state.store)
    return render_template(
        "index.html", page="start", stats=stats, labels=LABELS_NL, kinds=KINDS_NL,
        store_url=state.store.url)
