"""Dutch HTML pages."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from web import state as app_state
from web.services import seeding

bp = Blueprint("pages", __name__)

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
    """Start page: what is in the graph."""
    state = app_state.state(current_app)
    stats = seeding.graph_stats(state.store)
    return render_template(
        "index.html", stats=stats, labels=LABELS_NL, kinds=KINDS_NL, store_url=state.store.url)
