"""One JSON error shape {code, message, errors} and one mapping from exceptions to statuses."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app, jsonify
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from graph_schema.errors import InvalidGraphData, NotFound, StoreUnavailable
from matcher.query import MatchError
from seed_data.bundle import BundleError
from web.services.catalogue import UnknownReference

STATUS_OF: dict[type[Exception], tuple[int, str]] = {
    NotFound: (404, "not_found"),
    InvalidGraphData: (422, "invalid_data"),
    MatchError: (422, "invalid_request"),
    StoreUnavailable: (503, "store_unavailable"),
}
# webargs names where a bad value came from; the field path is what a client needs.
LOCATIONS = ("json", "query", "querystring", "path", "view_args", "form", "files", "headers")

log = logging.getLogger("ppsmatch.web")


class ApiError(Exception):
    """A client error raised by API code, with the fields it concerns."""

    def __init__(self, status: int, code: str, message: str,
                 errors: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None):
        """Keep everything the error response needs."""
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.errors = errors or []
        self.headers = headers or {}


def field_error(field: str, message: str, status: int = 422) -> ApiError:
    """A client error about one field of the request."""
    return ApiError(status, "invalid_request", f"{field}: {message}",
                    [{"field": field, "message": message}])


def error_response(status: int, code: str, message: str, errors: list | None = None):
    """Build the JSON error response."""
    body = {"code": code, "message": message, "errors": errors or []}
    return jsonify(body), status


def init_app(app: Flask) -> None:
    """Register the exception handlers."""
    for exc_type, (status, code) in STATUS_OF.items():
        app.register_error_handler(
            exc_type, lambda exc, s=status, c=code: error_response(s, c, str(exc)))
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(
        UnknownReference, lambda exc: _api_error(field_error(exc.field, exc.message)))
    app.register_error_handler(BundleError, _bundle_error)
    app.register_error_handler(HTTPException, http_error)


def _bundle_error(exc: BundleError):
    """Invalid import data: every problem with its file, line and field; nothing was written."""
    errors = [{"field": p.field, "message": str(p), "file": p.file, "line": p.line}
              for p in exc.problems]
    more = " (more not shown)" if exc.truncated else ""
    message = (f"{len(errors)} problem(s) in the data{more}, nothing was written: "
               f"{errors[0]['message']}")
    return error_response(422, "invalid_data", message, errors)


def _api_error(exc: ApiError):
    response, status = error_response(exc.status, exc.code, exc.message, exc.errors)
    response.headers.update(exc.headers)
    return response, status


def http_error(exc: HTTPException):
    """Render any HTTP error (also webargs validation errors and crashes) in the one shape."""
    if isinstance(exc, InternalServerError):
        # The cause is logged with the request id; the client gets no internals.
        log.error("unhandled error", exc_info=exc.original_exception or exc)
        return error_response(500, "internal_error", "internal server error")
    if isinstance(exc, RequestEntityTooLarge):
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = f"the request body is larger than the limit of {limit} bytes"
        return error_response(413, "request_entity_too_large", message,
                              [{"field": "body", "message": message}])
    data: Mapping[str, Any] = getattr(exc, "data", None) or {}
    status = exc.code or 500
    code = (exc.name or "error").lower().replace(" ", "_")
    if "messages" in data:
        errors = flatten_messages(data["messages"])
        message = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        response, status = error_response(status, "invalid_request", message, errors)
    else:
        response, status = error_response(status, code, exc.description or exc.name)
    # Keep what the exception says beyond its body, e.g. the Allow header of a 405.
    response.headers.update({k: v for k, v in exc.get_headers() if k.lower() != "content-type"})
    response.headers.update(dict(data.get("headers") or {}))
    return response, status


def flatten_messages(messages: Any, path: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Turn marshmallow's nested messages into [{field, message}] with dotted field paths."""
    if isinstance(messages, Mapping):
        out = []
        for key, value in messages.items():
            part = str(key)
            skip = (not path and part in LOCATIONS) or part == "_schema"
            out.extend(flatten_messages(value, path if skip else (*path, part)))
        return out
    if isinstance(messages, list | tuple):
        if all(isinstance(m, str) for m in messages):
            return [{"field": ".".join(path) or "body", "message": m} for m in messages]
        return [e for m in messages for e in flatten_messages(m, path)]
    return [{"field": ".".join(path) or "body", "message": str(messages)}]
