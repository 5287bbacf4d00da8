"""The Dutch HTML pages of the web UI: one module per page, all on the `pages` blueprint."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pages", __name__)

# Navigation of base.html: endpoint and Dutch label, in menu order.
NAVIGATION = (
    ("pages.index", "Start"),
    ("pages.mission", "Missie zoeken"),
    ("pages.coalition", "Coalitie"),
    ("pages.network", "Netwerkkaart"),
    ("pages.province_map", "Provinciekaart"),
)


@bp.app_context_processor
def _navigation() -> dict[str, object]:
    return {"navigation": NAVIGATION}


from web.pages import (  # noqa: E402,F401  (they register their routes on bp)
    coalition,
    directory,
    mission,
    network_map,
    province_map,
    start,
)
