"""/api/themes and /api/regions: the taxonomy and the provinces and gemeenten."""

from __future__ import annotations

from marshmallow import Schema, fields

from web import state
from web.api import access
from web.api.parsing import Blueprint
from web.api.schemas import text_field
from web.services import catalogue

bp = Blueprint("catalogue", __name__, url_prefix="/api",
               description="Reference data: the theme taxonomy, provinces and gemeenten.")
bp.before_request(access.check_read_access)


class ThemeSchema(Schema):
    """A theme with labels, synonyms, SBI sections and its broader and narrower themes."""

    id = fields.String()
    label_nl = fields.String()
    label_en = fields.String()
    synonyms = fields.List(fields.String())
    sbi_sections = fields.List(fields.String())
    broader = fields.List(fields.String())
    narrower = fields.List(fields.String())


class ThemeListSchema(Schema):
    """All themes, sorted by id."""

    items = fields.List(fields.Nested(ThemeSchema))


class ProvinceSchema(Schema):
    """A province: neighbours, priority themes and how many gemeenten it has."""

    id = fields.String()
    name = fields.String()
    population = fields.Integer()
    borders = fields.List(fields.String())
    priorities = fields.List(fields.String())
    gemeenten = fields.Integer()


class GemeenteSchema(Schema):
    """A gemeente with its province and labour-market region."""

    id = fields.String()
    name = fields.String()
    province = fields.String()
    labour_market_region = fields.String()
    population = fields.Integer()


class RegionsSchema(Schema):
    """Provinces and gemeenten, sorted by id."""

    provinces = fields.List(fields.Nested(ProvinceSchema))
    gemeenten = fields.List(fields.Nested(GemeenteSchema))


class RegionArgsSchema(Schema):
    """Optionally only one province and its gemeenten."""

    province = text_field(100, metadata={"description": "province name or PVxx code"})



@bp.route("/themes", methods=["GET"])
@bp.response(200, ThemeListSchema)
def themes():
    """The theme taxonomy."""
    return {"items": catalogue.list_themes(state.read_model())}


@bp.route("/regions", methods=["GET"])
@bp.arguments(RegionArgsSchema, location="query")
@bp.response(200, RegionsSchema)
def regions(args):
    """Provinces (with neighbours and priority themes) and gemeenten."""
    return catalogue.list_regions(state.read_model(), args["province"])
