"""/api/coverage: partners, pps'en and gaps per province and theme."""

from __future__ import annotations

from marshmallow import Schema, fields

from web import state
from web.api import access
from web.api.parsing import Blueprint
from web.api.schemas import text_field
from web.services import coverage as coverage_service

bp = Blueprint("coverage", __name__, url_prefix="/api/coverage",
               description="Coverage per province and theme (the basis of the gap reports).")
bp.before_request(access.check_read_access)


class CoverageArgsSchema(Schema):
    """Optionally one province, one theme, or only the provinces' priority themes."""

    province = text_field(100, metadata={"description": "province name or PVxx code"})
    theme = text_field(200, metadata={"description": "theme id"})
    priority_only = fields.Boolean(load_default=False)


class CoverageCellSchema(Schema):
    """One province x theme: organisations per kind, mkb companies, active pps'en, gaps."""

    province = fields.String()
    province_name = fields.String()
    theme = fields.String()
    theme_label = fields.String()
    priority = fields.Boolean(metadata={"description": "the province prioritises this theme"})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "organisations per kind in the province working on the theme; "
                       "governments and boards count by location alone"})
    regional_support = fields.Integer(metadata={
        "description": "gemeenten, provincies and regional boards in the province"})
    mkb_companies = fields.Integer()
    active_pps = fields.Integer()
    pps_real = fields.Integer()
    pps_synthetic = fields.Integer()
    mkb_in_pps = fields.Integer(metadata={
        "description": "mkb companies in an active pps of the province on the theme"})
    missing_kinds = fields.List(fields.String())
    overlap = fields.List(fields.String(), metadata={
        "description": "names of the active pps'en on the theme when there are several"})


class CoverageSchema(Schema):
    """The cells, and which kinds fill each required partner type."""

    required_kinds = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    cells = fields.List(fields.Nested(CoverageCellSchema))


@bp.route("", methods=["GET"])
@bp.arguments(CoverageArgsSchema, location="query")
@bp.response(200, CoverageSchema)
def coverage(args):
    """Counts per partner kind, active pps'en and missing required kinds per province x theme."""
    return coverage_service.coverage_report(state.read_model(), **args)
