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


@dataclass(frozen=True, slots=True)
class Page:
    """One page of search results; `more` says another page exists."""

    items: tuple[Any, ...]
    limit: int
    offset: int
    more: bool


@dataclass(frozen=True, slots=True)
class Location:
    """A gemeente an organisation is located in (`main`: its main location)."""

    id: str
    name: str
    province: str
    main: bool


@dataclass(frozen=True, slots=True)
class Named:
    """A linked node by id and name (a province operated in)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ThemeLink:
    """A theme an organisation works on, with its weight."""

    id: str
    label_nl: str
    weight: float | None


@dataclass(frozen=True, slots=True)
class Membership:
    """A pps an organisation is a member of, with its role."""

    id: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class OrganisationDetail:
    """An organisation with its gemeenten, provinces, themes and pps'en."""

    organisation: Organisation
    locations: tuple[Location, ...]
    provinces: tuple[Named, ...]
    themes: tuple[ThemeLink, ...]
    pps: tuple[Membership, ...]


@dataclass(frozen=True, slots=True)
class Member:
    """A member organisation of a pps, with its role."""

    id: str
    name: str
    kind: OrgKind
    role: str
    synthetic: bool


@dataclass(frozen=True, slots=True)
class PpsDetail:
    """A pps with its themes (ids), provinces (PVxx) and members."""

    id: str
    name: str
    type: str
    phase: str
    start_year: int | None
    mission: str
    source_url: str
    synthetic: bool
    themes: tuple[str, ...]
    provinces: tuple[str, ...]
    members: tuple[Member, ...]


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
                         limit: int = 50, offset: int = 0) -> Page:
    """One page of organisations matching every filter, sorted by id, with a `more` flag."""
    if theme:
        check_id(model, Label.THEME, theme, "theme")
    query = OrganisationQuery(
        text=text, kind=OrgKind(kind) if kind else None, theme=theme, synthetic=synthetic,
        province=resolve_province(model, province) if province else "",
        limit=limit + 1, offset=offset)  # one extra tells whether another page exists
    found = store.search_organisations(query)
    return Page(tuple(found[:limit]), limit, offset, len(found) > limit)


def organisation_detail(store: GraphStore, model: ReadModel, org_id: str) -> OrganisationDetail:
    """An organisation with its gemeenten, provinces (OPERATES_IN), themes and pps'en."""
    sub = store.neighbourhood(Label.ORGANISATION, org_id, 1, limit=DETAIL_LIMIT)
    nodes = _by_key(sub)
    province_of = model.regions.province_of
    own = [r for r in sub.relationships if r.source == org_id]
    return OrganisationDetail(
        organisation=nodes[(Label.ORGANISATION, org_id)],
        locations=tuple(
            Location(r.target, nodes[(Label.MUNICIPALITY, r.target)].name,
                     province_of.get(r.target, ""), bool(r.props.get("main")))
            for r in own if r.type is RelType.LOCATED_IN),
        provinces=tuple(Named(r.target, nodes[(Label.PROVINCE, r.target)].name)
                        for r in own if r.type is RelType.OPERATES_IN),
        themes=tuple(ThemeLink(r.target, nodes[(Label.THEME, r.target)].label_nl,
                               r.props.get("weight"))
                     for r in own if r.type is RelType.WORKS_ON),
        pps=tuple(Membership(r.target, nodes[(Label.PPS, r.target)].name,
                             r.props.get("role", ""))
                  for r in own if r.type is RelType.MEMBER_OF),
    )


def upsert_organisation(store: GraphStore, model: ReadModel, org_id: str,
                        data: dict[str, Any]) -> OrganisationDetail:
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
             offset: int = 0) -> Page:
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
    return Page(tuple(pps_detail(store, p.id) for p in page), limit, offset,
                len(hits) > offset + limit)


def pps_detail(store: GraphStore, pps_id: str) -> PpsDetail:
    """A pps with its themes, provinces and members (with roles)."""
    sub = store.neighbourhood(Label.PPS, pps_id, 1, limit=DETAIL_LIMIT)
    nodes = _by_key(sub)
    pps: Pps = nodes[(Label.PPS, pps_id)]
    members = []
    for rel in sub.relationships:
        if rel.type is RelType.MEMBER_OF and rel.target == pps_id:
            org = nodes[(Label.ORGANISATION, rel.source)]
            members.append(Member(org.id, org.name, org.kind, rel.props.get("role", ""),
                                  org.synthetic))
    return PpsDetail(pps.id, pps.name, pps.type, pps.phase, pps.start_year, pps.mission,
                     pps.source_url, pps.synthetic, _targets(sub, RelType.FOCUSES_ON, pps_id),
                     _targets(sub, RelType.ACTIVE_IN, pps_id), tuple(members))


def upsert_pps(store: GraphStore, model: ReadModel, pps_id: str,
               data: dict[str, Any]) -> PpsDetail:
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


def _targets(sub: Subgraph, rel_type: RelType, source: str) -> tuple[str, ...]:
    return tuple(r.target for r in sub.relationships
                 if r.type is rel_type and r.source == source)
