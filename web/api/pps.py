"""/api/pps: pps'en with their members, themes and provinces; upsert."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from web import state
from web.api import access
from web.api.parsing import Blueprint
from web.api.schemas import (
    KINDS,
    JsonBoolean,
    JsonInteger,
    PageSchema,
    PagingArgsSchema,
    id_field,
    text_field,
)
from web.services import directory

bp = Blueprint("pps", __name__, url_prefix="/api/pps",
               description="Pps'en (public-private partnerships) and their members.")
bp.before_request(access.check_read_access)


class MemberSchema(Schema):
    """A member organisation of a pps, with its role."""

    id = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"enum": KINDS})
    role = fields.String()
    synthetic = fields.Boolean()


class PpsSchema(Schema):
    """A pps with its themes (ids), provinces (PVxx) and members."""

    id = fields.String()
    name = fields.String()
    type = fields.String()
    phase = fields.String()
    start_year = fields.Integer(allow_none=True)
    mission = fields.String()
    source_url = fields.String()
    synthetic = fields.Boolean()
    themes = fields.List(fields.String())
    provinces = fields.List(fields.String())
    members = fields.List(fields.Nested(MemberSchema))


class PpsArgsSchema(PagingArgsSchema):
    """Filters; empty ones do not filter."""

    text = text_field(200, metadata={"description": "part of the name (case-insensitive)"})
    type = text_field(100, metadata={"description": "pps type, e.g. 'Centre of Expertise'"})
    theme = text_field(200, metadata={"description": "theme id"})
    province = text_field(100, metadata={"description": "province name or PVxx code"})


class PpsPageSchema(PageSchema):
    """A page of pps'en."""

    items = fields.List(fields.Nested(PpsSchema))


class MemberInSchema(Schema):
    """A member to add: an organisation id and its role."""

    id = id_field(required=True)
    role = text_field(100)


class PpsInSchema(Schema):
    """A pps to create or replace; `themes`, `provinces` and `members` are added."""

    name = text_field(300, required=True, blank=False)
    type = text_field(100, required=True, blank=False)
    phase = text_field(50)
    start_year = JsonInteger(load_default=None, allow_none=True,
                                validate=validate.Range(1900, 2100))
    mission = text_field(5000)
    source_url = text_field(500)
    synthetic = JsonBoolean(load_default=False)
    themes = fields.List(id_field(), load_default=list, validate=validate.Length(max=100))
    provinces = fields.List(text_field(100), load_default=list,
                            validate=validate.Length(max=12),
                            metadata={"description": "province names or PVxx codes"})
    members = fields.List(fields.Nested(MemberInSchema), load_default=list,
                          validate=validate.Length(max=1000))



@bp.route("", methods=["GET"])
@bp.arguments(PpsArgsSchema, location="query")
@bp.response(200, PpsPageSchema)
def search(args):
    """List pps'en with their members, filtered by name, type, theme and province."""
    return directory.list_pps(state.current_store(), state.read_model(), **args)


@bp.route("/<string:pps_id>", methods=["GET"])
@bp.response(200, PpsSchema)
@bp.alt_response(404, response="NOT_FOUND")
def detail(pps_id):
    """One pps with its themes, provinces and members."""
    return directory.pps_detail(state.current_store(), pps_id)


@bp.route("/<string:pps_id>", methods=["PUT"])
@access.requires(bp, "editor")
@access.json_body(bp)
@bp.arguments(PpsInSchema)
@bp.response(200, PpsSchema)
def upsert(data, pps_id):
    """Create or replace a pps (idempotent); its links are added, never removed."""
    found = directory.upsert_pps(state.current_store(), state.read_model(), pps_id, data)
    state.note_write()
    return found
