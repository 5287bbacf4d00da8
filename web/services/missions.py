"""A client's Mission made ready for the matcher: province names become PVxx, ids are checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graph_schema.model import Label
from matcher.query import Mission
from web.services.catalogue import UnknownReference, check_ids, resolve_province
from web.services.read_model import ReadModel


def resolve_mission(model: ReadModel, mission: Mission) -> Mission:
    """The mission with provinces as PVxx ids; an unknown reference names its request field."""
    check_ids(model, Label.THEME, mission.themes, "themes")
    check_ids(model, Label.MUNICIPALITY, mission.gemeenten, "gemeenten")
    filters = mission.filters
    return replace(
        mission,
        province=resolve_province(model, mission.province) if mission.province else "",
        kinds=tuple(dict.fromkeys(mission.kinds)),
        with_ids=check_members(model, mission.with_ids, "with"),
        filters=replace(filters, province=(
            resolve_province(model, filters.province, "filters.province")
            if filters.province else "")),
    )


def check_members(model: ReadModel, ids: Sequence[str], field: str) -> tuple[str, ...]:
    """Organisation ids given to add or remove, checked and deduplicated."""
    unique = tuple(dict.fromkeys(ids))
    check_ids(model, Label.ORGANISATION, unique, field)
    return unique


def check_removals(mission: Mission, remove: tuple[str, ...]) -> None:
    """Partners to remove must be in the coalition (`with`)."""
    for index, org_id in enumerate(remove):
        if org_id not in mission.with_ids:
            raise UnknownReference(f"remove.{index}", f"{org_id!r} is not in the coalition (with)")
