"""Turning a client's mission into a matcher Mission, naming the field of any bad reference."""

from __future__ import annotations

from typing import Any

from graph_schema.model import Label, OrgKind
from graph_schema.store import GraphStore
from matcher.query import Filters, Mission
from web.catalogue import UnknownReference, check_ids, resolve_province


def build_mission(store: GraphStore, data: dict[str, Any]) -> Mission:
    """A Mission from validated request data: province names become PVxx, ids are checked."""
    themes = tuple(data.get("themes", ()))
    gemeenten = tuple(data.get("gemeenten", ()))
    check_ids(store, Label.THEME, themes, "themes")
    check_ids(store, Label.MUNICIPALITY, gemeenten, "gemeenten")
    with_ids = check_members(store, list(data.get("with_ids", ())), "with")
    filters = data.get("filters") or {}
    filter_province = filters.get("province", "")
    return Mission(
        text=data.get("mission", ""),
        themes=themes,
        province=resolve_province(store, data["province"]) if data.get("province") else "",
        gemeenten=gemeenten,
        kinds=tuple(dict.fromkeys(OrgKind(k) for k in data.get("kinds", ()))),
        with_ids=with_ids,
        k=data.get("k", 10),
        filters=Filters(
            province=(resolve_province(store, filter_province, "filters.province")
                      if filter_province else ""),
            size_classes=tuple(filters.get("size_classes", ())),
            subtypes=tuple(filters.get("subtypes", ())),
            include_synthetic=filters.get("include_synthetic", True),
        ),
    )


def check_members(store: GraphStore, ids: list[str], field: str) -> tuple[str, ...]:
    """Organisation ids given to add or remove, checked and deduplicated."""
    unique = tuple(dict.fromkeys(ids))
    check_ids(store, Label.ORGANISATION, unique, field)
    return unique


def check_removals(mission: Mission, remove: tuple[str, ...]) -> None:
    """Partners to remove must be in the coalition (`with`)."""
    for index, org_id in enumerate(remove):
        if org_id not in mission.with_ids:
            raise UnknownReference(f"remove.{index}", f"{org_id!r} is not in the coalition (with)")
