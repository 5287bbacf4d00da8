"""Organisatie and pps pages: what the graph knows of one organisation or partnership."""

from __future__ import annotations

from flask import render_template

from graph_schema.errors import NotFound
from web import state as app_state
from web.pages import bp
from web.pages.labels import KIND_NL
from web.services import catalogue, directory, partners

# Themes of an organisation that "zoek partners" passes on to Missie zoeken.
SEARCH_THEMES = 3


@bp.get("/organisatie/<path:org_id>")
def organisation(org_id: str):
    """An organisation: kind, locations, themes, pps'en, source, and a way to search partners."""
    state = app_state.state()
    try:
        detail = directory.organisation_detail(state.store, app_state.read_model(), org_id)
    except NotFound:
        return _not_found("organisatie", org_id)
    themes = sorted(detail.themes, key=lambda t: (-(t.weight or 0), t.id))
    province = next((loc.province for loc in detail.locations if loc.main),
                    detail.provinces[0].id if detail.provinces else "")
    return render_template(
        "organisation.html", page="organisation", detail=detail, kind=KIND_NL,
        themes=themes, search_themes=[t.id for t in themes[:SEARCH_THEMES]], province=province,
        provinces=_province_names(), partners=partners.partners_of(app_state.read_model(), org_id))


@bp.get("/pps/<path:pps_id>")
def pps(pps_id: str):
    """A pps: type, phase, mission, themes, provinces, members with roles, source."""
    state = app_state.state()
    try:
        detail = directory.pps_detail(state.store, pps_id)
    except NotFound:
        return _not_found("pps", pps_id)
    return render_template(
        "pps.html", page="pps", pps=detail, kind=KIND_NL, provinces=_province_names(),
        themes={t.id: t.label_nl for t in catalogue.list_themes(app_state.read_model())})


def _province_names() -> dict[str, str]:
    return {p.id: p.name for p in catalogue.list_regions(app_state.read_model()).provinces}


def _not_found(what: str, node_id: str):
    return render_template("not_found.html", what=what, node_id=node_id), 404
