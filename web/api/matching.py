"""/api/recommendations and /api/coalition/*: partners for a mission, coalition check/build."""

from __future__ import annotations

from typing import Any

from graph_schema.model import OrgKind
from matcher.query import Filters, Mission
from web import state
from web.api import access
from web.api.matching_schemas import (
    BuildSchema,
    CoalitionCheckSchema,
    MissionSchema,
    ProposalSchema,
    RecommendationsSchema,
    WhatIfResultSchema,
    WhatIfSchema,
)
from web.api.parsing import Blueprint
from web.services import matching, missions

bp = Blueprint("matching", __name__, url_prefix="/api",
               description="Partner recommendations, coalition check, builder and what-if.")
bp.before_request(access.check_read_access)


def mission_of(data: dict[str, Any]) -> Mission:
    """The Mission a validated request body describes (names not yet resolved)."""
    filters = data["filters"]
    return Mission(
        text=data["mission"], themes=tuple(data["themes"]), province=data["province"],
        gemeenten=tuple(data["gemeenten"]), kinds=tuple(OrgKind(k) for k in data["kinds"]),
        with_ids=tuple(data["with_ids"]), k=data["k"],
        filters=Filters(province=filters["province"],
                        size_classes=tuple(filters["size_classes"]),
                        subtypes=tuple(filters["subtypes"]),
                        include_synthetic=filters["include_synthetic"]))


@bp.route("/recommendations", methods=["POST"])
@access.json_body(bp)
@bp.arguments(MissionSchema)
@bp.response(200, RecommendationsSchema)
def recommendations(data):
    """Ranked partners per kind with score, breakdown and reasons (as `ppsmatch recommend`)."""
    model = state.read_model()
    return matching.recommend(model, missions.resolve_mission(model, mission_of(data)))


@bp.route("/coalition/check", methods=["POST"])
@access.json_body(bp)
@bp.arguments(MissionSchema)
@bp.response(200, CoalitionCheckSchema)
def check(data):
    """Which rules the coalition `with` meets, which kinds it misses, candidates for each."""
    model = state.read_model()
    return matching.check_coalition(model, missions.resolve_mission(model, mission_of(data)))


@bp.route("/coalition/build", methods=["POST"])
@access.json_body(bp)
@bp.arguments(BuildSchema)
@bp.response(200, ProposalSchema)
def build(data):
    """Propose a complete coalition for the mission, starting from `with`."""
    model = state.read_model()
    mission = missions.resolve_mission(model, mission_of(data))
    return matching.build_coalition(model, mission, data["max_size"])


@bp.route("/coalition/what-if", methods=["POST"])
@access.json_body(bp)
@bp.arguments(WhatIfSchema)
@bp.response(200, WhatIfResultSchema)
def what_if(data):
    """How the rules met and the theme coverage change when partners are added or removed."""
    model = state.read_model()
    mission = missions.resolve_mission(model, mission_of(data))
    add = missions.check_members(model, data["add"], "add")
    remove = missions.check_members(model, data["remove"], "remove")
    missions.check_removals(mission, remove)
    return matching.what_if(model, mission, add, remove)
