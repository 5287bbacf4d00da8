"""The JSON API under /api: flask-smorest blueprints, OpenAPI document, validation, errors."""

from __future__ import annotations

from importlib import metadata

from flask import Flask
from flask_smorest import Api

from web import errors
from web.api import (
    access,
    catalogue,
    coverage,
    docs,
    imports,
    matching,
    network,
    organisations,
    pps,
)
from web.api.schemas import ErrorSchema
from web.config import Settings

BLUEPRINTS = (organisations, pps, catalogue, network, coverage, imports, matching)
DESCRIPTION = (
    "Partner matchmaking for Dutch public-private partnerships (pps) in vocational education. "
    "Every error has the shape {code, message, errors: [{field, message}]}. Writes need an API "
    "token (`Authorization: Bearer <token>`, made with `ppsmatch token create`). Reads of "
    "recommendations, coverage, themes, regions, pps lists and network views are answered from "
    "a read model rebuilt in the background after each change; they carry "
    "`X-Read-Model-Revision`. A write answers with `X-Write-Revision` (the store revision after "
    "it); it is visible once `/readyz` shows that `read_model.revision` (or its "
    "`store_revision`).")


class PpsApi(Api):
    """flask-smorest's Api answering errors in the one error shape of web.errors."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error):
        """Render HTTP errors (also webargs validation errors) through web.errors."""
        return errors.http_error(error)


def init_app(app: Flask, settings: Settings) -> PpsApi:
    """Configure validation, limits and the OpenAPI document, and register the blueprints."""
    spec_options: dict[str, object] = {"info": {"description": DESCRIPTION}}
    if not settings.public_reads:
        spec_options["security"] = access.SECURITY
    app.config.update(
        API_TITLE="ppsmatch API",
        API_VERSION=_version(),
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS=spec_options,
        MAX_CONTENT_LENGTH=settings.max_content_length,
    )
    access.init_app(app, settings)
    api = PpsApi(app)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer",
                       "description": "token from `ppsmatch token create`"})
    for module in BLUEPRINTS:
        api.register_blueprint(module.bp)
    app.register_blueprint(docs.bp)
    app.extensions[docs.API_KEY] = api
    return api


def _version() -> str:
    try:
        return metadata.version("ppsmatch")
    except metadata.PackageNotFoundError:
        return "0.0.0"
