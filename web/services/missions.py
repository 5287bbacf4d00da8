"""A client's Mission made ready for the matcher: province names become PVxx, ids are checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graph_schema.model import Label
from graph_schema.store import GraphStore
from matcher.query import Mission
from web.services.catalogue import UnknownReference, check_ids, resolve_province


def resolve_mission(store: GraphStore, mission: Mission) -> Mission:
    """The mission with provinces as PVxx ids; an unknown reference names its request field."""
    check_ids(store, Label.THEME, mission.themes, "themes")
    check_ids(store, Label.MUNICIPALITY, mission.gemeenten, "gemeenten")
    filters = mission.filters
    return replace(
        mission,
        province=resolve_province(store, mission.province) if mission.province else "",
        kinds=tuple(dict.fromkeys(mission.kinds)),
        with_ids=check_members(store, mission.with_ids, "with"),
        filters=replace(filters, province=(
            resolve_province(store, filters.province, "filters.province")
            if filters.province else "")),
    )


def check_members(store: GraphStore, ids: Sequence[str], field: str) -> tuple[str, ...]:
    """Organisation ids given to add or remove, checked and deduplicated."""
    unique = tuple(dict.fromkeys(ids))
    check_ids(store, Label.ORGANISATION, unique, field)
    return unique


def check_removals(mission: Mission, remove: tuple[str, ...]) -> None:
    """Partners to remove must be in the coalition (`with`)."""
    for index, org_id in enumerate(remove):
        if org_id not in mission.with_ids:
            raise UnknownReference(f"remove.{index}", f"{org_id!r} is not in the coalition (with)")
