"""Organisations and pps'en: search, details with their links, upserts and deletes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph_schema.model import (
    GraphSnapshot,
    Label,
    Organisation,
    OrganisationQuery,
    OrgKind,
    Pps,
    Relationship,
    RelType,
    Subgraph,
    make_relationship,
)
from graph_schema.store import GraphStore
from web.services.catalogue import check_id, check_ids, resolve_province

if TYPE_CHECKING:
    from web.services.read_model import ReadModel

# Neighbourhoods of one organisation or pps are small; this only guards against runaway hubs.
DETAIL_LIMIT = 2000


@dataclass(frozen=True)
class PpsIndex:
    """All pps'en with their themes (FOCUSES_ON) and provinces (ACTIVE_IN), for filtering."""

    ppses: tuple[Pps, ...]
    focus: dict[str, frozenset[str]]
    active: dict[str, frozenset[str]]


def pps_index_of(snapshot: GraphSnapshot) -> PpsIndex:
    """The pps index of a snapshot."""
    focus: dict[str, set[str]] = {}
    active: dict[str, set[str]] = {}
    for rel in snapshot.relationships:
        if rel.type is RelType.FOCUSES_ON:
            focus.setdefault(rel.source, set()).add(rel.target)
        elif rel.type is RelType.ACTIVE_IN:
            active.setdefault(rel.source, set()).add(rel.target)
    return PpsIndex(snapshot.ppses, {k: frozenset(v) for k, v in focus.items()},
                    {k: frozenset(v) for k, v in active.items()})


def search_organisations(store: GraphStore, model: ReadModel, *, text: str = "", kind: str = "",
                         province: str = "", theme: str = "", synthetic: bool | None = None,
                         limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """One page of organisations matching every filter, sorted by id, with a `more` flag."""
    if theme:
        check_id(model, Label.THEME, theme, "theme")
    query = OrganisationQuery(
        text=text, kind=OrgKind(kind) if kind else None, theme=theme, synthetic=synthetic,
        province=resolve_province(model, province) if province else "",
        limit=limit + 1, offset=offset)  # one extra tells whether another page exists
    found = store.search_organisations(query)
    return {"items": list(found[:limit]), "limit": limit, "offset": offset,
            "more": len(found) > limit}


def organisation_detail(store: GraphStore, model: ReadModel, org_id: str) -> dict[str, Any]:
    """An organisation with its gemeenten, provinces (OPERATES_IN), themes and pps'en."""
    sub = store.neighbourhood(Label.ORGANISATION, org_id, 1, limit=DETAIL_LIMIT)
    nodes = _by_key(sub)
    province_of = model.regions.province_of
    own = [r for r in sub.relationships if r.source == org_id]
    return {
        "organisation": nodes[(Label.ORGANISATION, org_id)],
        "locations": [
            {"id": r.target, "name": nodes[(Label.MUNICIPALITY, r.target)].name,
             "province": province_of.get(r.target, ""), "main": bool(r.props.get("main"))}
            for r in own if r.type is RelType.LOCATED_IN],
        "provinces": [
            {"id": r.target, "name": nodes[(Label.PROVINCE, r.target)].name}
            for r in own if r.type is RelType.OPERATES_IN],
        "themes": [
            {"id": r.target, "label_nl": nodes[(Label.THEME, r.target)].label_nl,
             "weight": r.props.get("weight")}
            for r in own if r.type is RelType.WORKS_ON],
        "pps": [
            {"id": r.target, "name": nodes[(Label.PPS, r.target)].name,
             "role": r.props.get("role", "")}
            for r in own if r.type is RelType.MEMBER_OF],
    }


def upsert_organisation(store: GraphStore, model: ReadModel, org_id: str,
                        data: dict[str, Any]) -> dict[str, Any]:
    """Create or replace an organisation and add its gemeenten and themes; return its detail.

    Every reference is checked before anything is written, so a bad one writes nothing.
    Existing links are kept: this adds and updates, it never unlinks.
    """
    fields = {k: v for k, v in data.items() if k not in ("gemeenten", "themes")}
    org = Organisation(id=org_id, **{**fields, "kind": OrgKind(data["kind"])})
    gemeenten = list(data.get("gemeenten", ()))
    themes = list(data.get("themes", ()))
    check_ids(model, Label.MUNICIPALITY, gemeenten, "gemeenten", store=store)
    check_ids(model, Label.THEME, [t["id"] for t in themes], "themes", ".id", store=store)
    rels = [make_relationship(RelType.LOCATED_IN, org_id, gm, main=index == 0)
            for index, gm in enumerate(gemeenten)]
    rels += [make_relationship(RelType.WORKS_ON, org_id, t["id"], weight=t.get("weight"))
             for t in themes]
    store.upsert_nodes([org])
    store.link(rels)
    return organisation_detail(store, model, org_id)


def delete_organisation(store: GraphStore, org_id: str) -> None:
    """Delete an organisation and its links (NotFound when it does not exist)."""
    store.delete_organisation(org_id)


def list_pps(store: GraphStore, model: ReadModel, *, text: str = "", type: str = "",
             theme: str = "", province: str = "", limit: int = 50,
             offset: int = 0) -> dict[str, Any]:
    """One page of pps'en (with members) matching every filter, sorted by id."""
    if theme:
        check_id(model, Label.THEME, theme, "theme")
    province_id = resolve_province(model, province) if province else ""
    index = model.pps
    hits = [p for p in index.ppses
            if (not text or text.casefold() in p.name.casefold())
            and (not type or p.type.casefold() == type.casefold())
            and (not theme or theme in index.focus.get(p.id, ()))
            and (not province_id or province_id in index.active.get(p.id, ()))]
    page = hits[offset:offset + limit]
    return {"items": [pps_detail(store, p.id) for p in page], "limit": limit,
            "offset": offset, "more": len(hits) > offset + limit}


def pps_detail(store: GraphStore, pps_id: str) -> dict[str, Any]:
    """A pps with its themes, provinces and members (with roles)."""
    sub = store.neighbourhood(Label.PPS, pps_id, 1, limit=DETAIL_LIMIT)
    nodes = _by_key(sub)
    pps: Pps = nodes[(Label.PPS, pps_id)]
    members = []
    for rel in sub.relationships:
        if rel.type is RelType.MEMBER_OF and rel.target == pps_id:
            org = nodes[(Label.ORGANISATION, rel.source)]
            members.append({"id": org.id, "name": org.name, "kind": org.kind,
                            "role": rel.props.get("role", ""), "synthetic": org.synthetic})
    return {**_pps_fields(pps), "themes": _targets(sub, RelType.FOCUSES_ON, pps_id),
            "provinces": _targets(sub, RelType.ACTIVE_IN, pps_id), "members": members}


def upsert_pps(store: GraphStore, model: ReadModel, pps_id: str,
               data: dict[str, Any]) -> dict[str, Any]:
    """Create or replace a pps and add its themes, provinces and members; return its detail.

    Every reference is checked before anything is written; existing links are kept.
    """
    links = ("themes", "provinces", "members")
    pps = Pps(id=pps_id, **{k: v for k, v in data.items() if k not in links})
    themes = list(data.get("themes", ()))
    provinces = [resolve_province(model, p, f"provinces.{i}")
                 for i, p in enumerate(data.get("provinces", ()))]
    members = list(data.get("members", ()))
    check_ids(model, Label.THEME, themes, "themes", store=store)
    check_ids(model, Label.ORGANISATION, [m["id"] for m in members], "members", ".id",
              store=store)
    rels: list[Relationship] = [make_relationship(RelType.FOCUSES_ON, pps_id, t) for t in themes]
    rels += [make_relationship(RelType.ACTIVE_IN, pps_id, p) for p in provinces]
    rels += [make_relationship(RelType.MEMBER_OF, m["id"], pps_id, role=m.get("role") or None)
             for m in members]
    store.upsert_nodes([pps])
    store.link(rels)
    return pps_detail(store, pps_id)


def _by_key(sub: Subgraph) -> dict[tuple[Label, str], Any]:
    return {(label, node.id): node for label, node in sub.nodes}


def _targets(sub: Subgraph, rel_type: RelType, source: str) -> list[str]:
    return [r.target for r in sub.relationships if r.type is rel_type and r.source == source]


def _pps_fields(pps: Pps) -> dict[str, Any]:
    return {"id": pps.id, "name": pps.name, "type": pps.type, "phase": pps.phase,
            "start_year": pps.start_year, "mission": pps.mission,
            "source_url": pps.source_url, "synthetic": pps.synthetic}
