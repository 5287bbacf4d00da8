"""/api/organisations: search, one organisation with its links, upsert and delete."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from web import state
from web.api import access
from web.api.parsing import Blueprint
from web.api.schemas import (
    KINDS,
    JsonBoolean,
    JsonNumber,
    PageSchema,
    PagingArgsSchema,
    id_field,
    kind_field,
    text_field,
)
from web.services import directory

bp = Blueprint("organisations", __name__, url_prefix="/api/organisations",
               description="Organisations: schools, companies, governments, boards and others.")
bp.before_request(access.check_read_access)


class OrganisationSchema(Schema):
    """An organisation; `synthetic` marks generated data."""

    id = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"enum": KINDS})
    subtype = fields.String()
    description = fields.String()
    duo_code = fields.String()
    sbi_code = fields.String()
    sbi_section = fields.String()
    size_class = fields.String()
    mkb = fields.Boolean(allow_none=True)
    website = fields.String()
    synthetic = fields.Boolean()
    source = fields.String()


class SearchArgsSchema(PagingArgsSchema):
    """Filters; empty ones do not filter."""

    text = text_field(200, metadata={"description": "part of the name (case-insensitive)"})
    kind = kind_field()
    province = text_field(100, metadata={"description": "province name or PVxx code"})
    theme = text_field(200, metadata={"description": "theme id"})
    synthetic = fields.Boolean(load_default=None, allow_none=True)


class OrganisationPageSchema(PageSchema):
    """A page of organisations."""

    items = fields.List(fields.Nested(OrganisationSchema))


class LocationSchema(Schema):
    """A gemeente the organisation is located in."""

    id = fields.String()
    name = fields.String()
    province = fields.String()
    main = fields.Boolean()


class OperatesInSchema(Schema):
    """A province the organisation works in without a known gemeente there."""

    id = fields.String()
    name = fields.String()


class WorksOnSchema(Schema):
    """A theme the organisation works on, with its weight."""

    id = fields.String()
    label_nl = fields.String()
    weight = fields.Float(allow_none=True)


class MembershipSchema(Schema):
    """A pps the organisation is a member of, with its role."""

    id = fields.String()
    name = fields.String()
    role = fields.String()


class OrganisationDetailSchema(Schema):
    """An organisation with its gemeenten, provinces, themes and pps memberships."""

    organisation = fields.Nested(OrganisationSchema)
    locations = fields.List(fields.Nested(LocationSchema))
    provinces = fields.List(fields.Nested(OperatesInSchema))
    themes = fields.List(fields.Nested(WorksOnSchema))
    pps = fields.List(fields.Nested(MembershipSchema))


class ThemeWeightSchema(Schema):
    """A theme to link, with an optional weight in [0, 1]."""

    id = id_field(required=True)
    weight = JsonNumber(load_default=None, allow_none=True, validate=validate.Range(0, 1))


class OrganisationInSchema(Schema):
    """An organisation to create or replace; `gemeenten` (first = main) and `themes` are added."""

    name = text_field(300, required=True, blank=False)
    kind = kind_field(required=True)
    subtype = text_field(100)
    description = text_field(5000)
    duo_code = text_field(20)
    sbi_code = text_field(20)
    sbi_section = text_field(5)
    size_class = text_field(20)
    mkb = JsonBoolean(load_default=None, allow_none=True)
    website = text_field(500)
    synthetic = JsonBoolean(load_default=False)
    source = text_field(500)
    gemeenten = fields.List(id_field(), load_default=list, validate=validate.Length(max=100))
    themes = fields.List(fields.Nested(ThemeWeightSchema), load_default=list,
                         validate=validate.Length(max=200))



@bp.route("", methods=["GET"])
@bp.arguments(SearchArgsSchema, location="query")
@bp.response(200, OrganisationPageSchema)
def search(args):
    """Search organisations by name, kind, province, theme and synthetic flag."""
    return directory.search_organisations(state.current_store(), state.read_model(), **args)


@bp.route("/<string:org_id>", methods=["GET"])
@bp.response(200, OrganisationDetailSchema)
@bp.alt_response(404, response="NOT_FOUND")
def detail(org_id):
    """One organisation with its gemeenten, themes and pps'en."""
    return directory.organisation_detail(state.current_store(), state.read_model(), org_id)


@bp.route("/<string:org_id>", methods=["PUT"])
@access.requires(bp, "editor")
@access.json_body(bp)
@bp.arguments(OrganisationInSchema)
@bp.response(200, OrganisationDetailSchema)
def upsert(data, org_id):
    """Create or replace an organisation (idempotent); its links are added, never removed."""
    found = directory.upsert_organisation(state.current_store(), state.read_model(), org_id,
                                          data)
    state.note_write()
    return found


@bp.route("/<string:org_id>", methods=["DELETE"])
@access.requires(bp, "editor")
@bp.response(204)
@bp.alt_response(404, response="NOT_FOUND")
def delete(org_id):
    """Delete an organisation and all its links."""
    directory.delete_organisation(state.current_store(), org_id)
    state.note_write()
    return ""
