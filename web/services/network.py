"""Graph JSON {nodes, edges} for the network map: a neighbourhood or a filtered view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graph_schema.errors import NotFound
from graph_schema.model import (
    Label,
    Node,
    Organisation,
    OrganisationQuery,
    OrgKind,
    Relationship,
    RelType,
)
from graph_schema.store import GraphStore
from web.services.catalogue import check_id, resolve_province

if TYPE_CHECKING:
    from web.services.read_model import ReadModel

DEFAULT_NODE_LIMIT = 200
# A map of more nodes is unreadable; it also keeps each search within one store page.
MAX_NODE_LIMIT = 500
# Which labels a neighbourhood view may start from, tried in this order.
CENTRE_LABELS = (Label.ORGANISATION, Label.PPS)


def node_json(label: Label, node: Node) -> dict[str, Any]:
    """A node as the map draws it: id, label, name and the attributes it filters on."""
    out: dict[str, Any] = {"id": node.id, "label": label.value,
                           "name": getattr(node, "name", "") or getattr(node, "label_nl", "")}
    if isinstance(node, Organisation):
        out["kind"] = node.kind.value
    if hasattr(node, "synthetic"):
        out["synthetic"] = node.synthetic
    if label is Label.PPS:
        out["type"] = getattr(node, "type", "")
    return out


def edge_json(rel: Relationship) -> dict[str, Any]:
    """A relationship as an edge between node ids, with its properties."""
    return {"source": rel.source, "target": rel.target, "type": rel.type.value,
            "properties": rel.props}


def neighbourhood_view(store: GraphStore, node_id: str, depth: int = 1,
                       limit: int = DEFAULT_NODE_LIMIT) -> dict[str, Any]:
    """The nodes within `depth` hops of an organisation or pps, nearest kept when cut."""
    for label in CENTRE_LABELS:
        try:
            sub = store.neighbourhood(label, node_id, depth, limit)
        except NotFound:
            continue
        return {"centre": node_id,
                "nodes": [node_json(lab, node) for lab, node in sub.nodes],
                "edges": [edge_json(rel) for rel in sub.relationships],
                "truncated": sub.truncated, "limit": limit}
    raise NotFound("Organisation or Pps", node_id)


def filtered_view(store: GraphStore, model: ReadModel, *, theme: str = "", province: str = "",
                  kinds: Sequence[str] = (), limit: int = DEFAULT_NODE_LIMIT) -> dict[str, Any]:
    """Organisations of a theme/province/kinds, the theme and the pps'en that join them.

    Budget: the theme node first, then organisations (by id), then their pps'en; `truncated`
    tells that some matching organisation or pps did not fit in `limit`.
    """
    if theme:
        check_id(model, Label.THEME, theme, "theme")
    province_id = resolve_province(model, province) if province else ""
    theme_nodes = [t for t in model.taxonomy.themes if t.id == theme]
    budget = limit - len(theme_nodes)
    orgs = _organisations(store, theme, province_id, kinds, budget + 1)
    cut = len(orgs) > budget
    orgs = orgs[:budget]
    kept = {o.id for o in orgs}
    memberships = [r for r in model.memberships if r.source in kept]
    pps_by_id = {p.id: p for p in model.pps.ppses}
    pps_ids = sorted({r.target for r in memberships})
    room = budget - len(orgs)
    cut = cut or len(pps_ids) > room
    pps_ids = pps_ids[:room]
    nodes = ([node_json(Label.THEME, t) for t in theme_nodes]
             + [node_json(Label.ORGANISATION, o) for o in orgs]
             + [node_json(Label.PPS, pps_by_id[p]) for p in pps_ids])
    kept_pps = set(pps_ids)
    # Weights are not fetched here: the edge only says the organisation works on the theme.
    edges = [{"source": o.id, "target": theme, "type": RelType.WORKS_ON.value,
              "properties": {}} for o in orgs if theme]
    edges += [edge_json(r) for r in memberships if r.target in kept_pps]
    return {"centre": None, "nodes": nodes, "edges": edges, "truncated": cut, "limit": limit}


def _organisations(store: GraphStore, theme: str, province: str, kinds: Sequence[str],
                   wanted: int) -> list[Organisation]:
    """Up to `wanted` matching organisations by id: one search per kind, merged."""
    found: list[Organisation] = []
    for kind in sorted(set(kinds)) or [None]:
        query = OrganisationQuery(kind=OrgKind(kind) if kind else None, theme=theme,
                                  province=province, limit=max(wanted, 1))
        found.extend(store.search_organisations(query))
    found.sort(key=lambda o: o.id)
    return found[:wanted]
