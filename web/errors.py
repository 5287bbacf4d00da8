"""One JSON error shape {code, message, errors} and one mapping from exceptions to statuses."""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from graph_schema.errors import InvalidGraphData, NotFound, StoreUnavailable

STATUS_OF: dict[type[Exception], tuple[int, str]] = {
    NotFound: (404, "not_found"),
    InvalidGraphData: (422, "invalid_data"),
    StoreUnavailable: (503, "store_unavailable"),
}


def error_response(status: int, code: str, message: str, errors: list | None = None):
    """Build the JSON error response."""
    body = {"code": code, "message": message, "errors": errors or []}
    return jsonify(body), status


def init_app(app: Flask) -> None:
    """Register the exception handlers."""
    for exc_type, (status, code) in STATUS_OF.items():
        app.register_error_handler(
            exc_type, lambda exc, s=status, c=code: error_response(s, c, str(exc)))
    app.register_error_handler(HTTPException, _http_error)


def _http_error(exc: HTTPException):
    return error_response(exc.code or 500, (exc.name or "error").lower().replace(" ", "_"),
                          exc.description or exc.name)
