"""Missie zoeken: the mission form; the browser module asks /api/recommendations and renders."""

from __future__ import annotations

from flask import render_template, request

from web import state as app_state
from web.pages import bp
from web.pages.labels import DEFAULT_KINDS, KINDS_NL
from web.services import catalogue


@bp.get("/missie")
def mission():
    """The search form, filled from the query string so that a search can be shared as a link."""
    model = app_state.read_model()
    themes = catalogue.list_themes(model)
    regions = catalogue.list_regions(model)
    return render_template(
        "mission.html", page="mission", themes=themes, provinces=regions.provinces,
        province_names={p.id: p.name for p in regions.provinces},
        gemeenten=sorted(regions.gemeenten, key=lambda g: (g.name, g.id)), kinds=KINDS_NL,
        chosen={
            "missie": request.args.get("missie", ""),
            "provincie": request.args.get("provincie", ""),
            "thema": request.args.getlist("thema"),
            "gemeente": request.args.getlist("gemeente"),
            "soort": request.args.getlist("soort") or list(DEFAULT_KINDS),
        })
