"""/api/recommendations and /api/coalition/*: partners for a mission, coalition check/build."""

from __future__ import annotations

from flask_smorest import Blueprint

from web import app as app_module
from web import missions, services
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

bp = Blueprint("matching", __name__, url_prefix="/api",
               description="Partner recommendations, coalition check, builder and what-if.")
bp.before_request(access.check_read_access)



@bp.route("/recommendations", methods=["POST"])
@access.json_body(bp)
@bp.arguments(MissionSchema)
@bp.response(200, RecommendationsSchema)
def recommendations(data):
    """Ranked partners per kind with score, breakdown and reasons (as `ppsmatch recommend`)."""
    store = app_module.current_store()
    return services.recommend(store, missions.build_mission(store, data))


@bp.route("/coalition/check", methods=["POST"])
@access.json_body(bp)
@bp.arguments(MissionSchema)
@bp.response(200, CoalitionCheckSchema)
def check(data):
    """Which rules the coalition `with` meets, which kinds it misses, candidates for each."""
    store = app_module.current_store()
    return services.check_coalition(store, missions.build_mission(store, data))


@bp.route("/coalition/build", methods=["POST"])
@access.json_body(bp)
@bp.arguments(BuildSchema)
@bp.response(200, ProposalSchema)
def build(data):
    """Propose a complete coalition for the mission, starting from `with`."""
    store = app_module.current_store()
    mission = missions.build_mission(store, data)
    return services.build_coalition(store, mission, data["max_size"])


@bp.route("/coalition/what-if", methods=["POST"])
@access.json_body(bp)
@bp.arguments(WhatIfSchema)
@bp.response(200, WhatIfResultSchema)
def what_if(data):
    """How the rules met and the theme coverage change when partners are added or removed."""
    store = app_module.current_store()
    mission = missions.build_mission(store, data)
    add = missions.check_members(store, data["add"], "add")
    remove = missions.check_members(store, data["remove"], "remove")
    missions.check_removals(mission, remove)
    return services.what_if(store, mission, add, remove)
