"""Request and response schemas shared by the API blueprints, and the error schema."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from graph_schema.model import OrgKind

KINDS = [k.value for k in OrgKind]
MAX_PAGE = 500


def _plain_text(value: str) -> None:
    """Reject text no store can keep: lone surrogates (not UTF-8) and NUL characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("must be valid Unicode text") from None
    if "\x00" in value:
        raise ValidationError("must not contain NUL characters")


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("must not be blank")


class JsonBoolean(fields.Boolean):
    """A boolean in a JSON body: only true or false (no "yes", 1 or "true")."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class JsonInteger(fields.Integer):
    """An integer in a JSON body: a JSON number without fraction (no strings or booleans)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid", input=value)
        return value


class JsonNumber(fields.Float):
    """A number in a JSON body (no strings or booleans)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


class Rounded(fields.Float):
    """A float shown with a fixed number of decimals (the precision a client can use)."""

    def __init__(self, places: int, **kwargs: Any):
        """Keep the number of decimals."""
        super().__init__(**kwargs)
        self.places = places

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else round(float(value), self.places)


def text_field(max_length: int = 500, blank: bool = True, **kwargs: Any) -> fields.String:
    """A free-text field: bounded, valid Unicode, empty by default."""
    if not kwargs.get("required"):
        kwargs.setdefault("load_default", "")
    checks = [validate.Length(max=max_length), _plain_text]
    return fields.String(validate=checks if blank else [*checks, _not_blank], **kwargs)


def id_field(**kwargs: Any) -> fields.String:
    """An id of a node: 1..200 characters, not blank."""
    return fields.String(validate=[validate.Length(1, 200), _plain_text, _not_blank], **kwargs)


def kind_field(**kwargs: Any) -> fields.String:
    """An organisation kind."""
    return fields.String(validate=validate.OneOf(KINDS), **kwargs)


class ErrorItemSchema(Schema):
    """One problem with one field of the request."""

    field = fields.String(metadata={"description": "dotted path of the field, e.g. filters.k"})
    message = fields.String()
    file = fields.String(metadata={"description": "imports only: the file of the problem"})
    line = fields.Integer(allow_none=True,
                          metadata={"description": "imports only: the line in that file"})


class ErrorSchema(Schema):
    """The one error shape of the API."""

    code = fields.String(metadata={"description": "stable machine code, e.g. invalid_request"})
    message = fields.String()
    errors = fields.List(fields.Nested(ErrorItemSchema))


class PagingArgsSchema(Schema):
    """Paging of a list: at most `limit` items from `offset`."""

    limit = fields.Integer(load_default=50, validate=validate.Range(1, MAX_PAGE))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 10_000_000))


class PageSchema(Schema):
    """Paging facts of a list answer; `more` tells that another page exists."""

    limit = fields.Integer()
    offset = fields.Integer()
    more = fields.Boolean()


class StatusSchema(Schema):
    """A short status answer."""

    status = fields.String()
