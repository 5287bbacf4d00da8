"""/api/network: graph JSON for the network map."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from web import state
from web.api import access
from web.api.parsing import Blueprint
from web.api.schemas import KINDS, id_field, kind_field, text_field
from web.services import network as network_service

bp = Blueprint("network", __name__, url_prefix="/api/network",
               description="Graph JSON {nodes, edges} for the network map.")
bp.before_request(access.check_read_access)


class NetworkArgsSchema(Schema):
    """Either `id` (a neighbourhood) or filters (theme, province, kinds)."""

    id = id_field(metadata={"description": "organisation or pps id"})
    depth = fields.Integer(load_default=1, validate=validate.Range(1, 2))
    theme = text_field(200, metadata={"description": "theme id"})
    province = text_field(100, metadata={"description": "province name or PVxx code"})
    kinds = fields.List(kind_field(), load_default=list, validate=validate.Length(max=8))
    limit = fields.Integer(load_default=network_service.DEFAULT_NODE_LIMIT,
                           validate=validate.Range(1, network_service.MAX_NODE_LIMIT),
                           metadata={"description": "maximum number of nodes"})

    @validates_schema
    def _id_or_filters(self, data, **kwargs):
        filtered = data.get("theme") or data.get("province") or data.get("kinds")
        if data.get("id") and filtered:
            raise ValidationError("give either id or filters (theme, province, kinds)", "id")
        if not (data.get("id") or filtered):
            raise ValidationError("give id, or at least one of theme, province, kinds", "id")


class NodeSchema(Schema):
    """A node: id, label, name; organisations add kind, pps'en type, both synthetic."""

    id = fields.String()
    label = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"enum": KINDS})
    type = fields.String()
    synthetic = fields.Boolean()


class EdgeSchema(Schema):
    """A relationship between two node ids, with its properties."""

    source = fields.String()
    target = fields.String()
    type = fields.String()
    properties = fields.Dict(keys=fields.String(), values=fields.Raw())


class NetworkSchema(Schema):
    """Nodes and edges; `truncated` says that the node limit cut the view."""

    centre = fields.String(allow_none=True)
    nodes = fields.List(fields.Nested(NodeSchema))
    edges = fields.List(fields.Nested(EdgeSchema))
    truncated = fields.Boolean()
    limit = fields.Integer()


@bp.route("", methods=["GET"])
@bp.arguments(NetworkArgsSchema, location="query")
@bp.response(200, NetworkSchema)
@bp.alt_response(404, response="NOT_FOUND")
def network(args):
    """The neighbourhood of an organisation or pps, or a view filtered by theme/province/kinds."""
    store = state.current_store()
    if "id" in args:
        return network_service.neighbourhood_view(store, args["id"], args["depth"], args["limit"])
    return network_service.filtered_view(store, state.read_model(), theme=args["theme"],
                                         province=args["province"], kinds=args["kinds"],
                                         limit=args["limit"])
