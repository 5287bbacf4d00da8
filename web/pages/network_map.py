"""Netwerkkaart: the interactive graph of organisations and pps'en (drawn by sigma.js)."""

from __future__ import annotations

from flask import jsonify, render_template, request

from web import state as app_state
from web.pages import bp
from web.pages.labels import KINDS_NL
from web.services import catalogue, network_map


@bp.get("/netwerkkaart")
def network():
    """The map page: filters, the canvas and the detail panel; the graph comes as JSON."""
    model = app_state.read_model()
    provinces = catalogue.list_regions(model).provinces
    return render_template(
        "network_map.html", page="network-map", kinds=KINDS_NL,
        themes=sorted(catalogue.list_themes(model), key=lambda t: t.label_nl),
        provinces=provinces, province_names={p.id: p.name for p in provinces},
        limit=request.args.get("limit", type=int))


@bp.get("/netwerkkaart/graaf.json")
def network_data():
    """Nodes (with kind, provinces, themes, experience) and MEMBER_OF edges, up to `limit`."""
    limit = request.args.get("limit", network_map.MAX_MAP_NODES, type=int)
    limit = min(max(limit, 1), network_map.MAX_MAP_NODES)
    return jsonify(network_map.map_graph(app_state.read_model(), limit))


@bp.get("/netwerkkaart/buren.json")
def network_neighbours():
    """The neighbours of one node (`id`) with the same attributes as the map's nodes."""
    return jsonify(network_map.neighbours_graph(app_state.read_model(),
                                                request.args.get("id", "")))
