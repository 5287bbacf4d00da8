"""App state shared by the blueprints: settings, store and read models (in app.extensions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, g

from graph_schema.store import GraphStore
from web.config import Settings
from web.errors import error_response
from web.model_builder import ChildBuilder, service_folder
from web.read_models import ReadModelNotReady, ReadModels
from web.services.read_model import ReadModel

EXTENSION = "ppsmatch"
# Response headers: the revision of the read model that answered (every API response that
# read one), and the store revision right after a write. A write is visible to reads once
# /readyz serves that revision or a later one (X-Read-Model-Revision says which one answered).
READ_MODEL_HEADER = "X-Read-Model-Revision"
WRITE_HEADER = "X-Write-Revision"


@dataclass
class AppState:
    """What request handlers share: the settings, the open store and its read models."""

    settings: Settings
    store: GraphStore
    read_models: ReadModels


def init_app(app: Flask, settings: Settings, store: GraphStore, wait: bool,
             first: ReadModel | None = None, folder: Path | None = None) -> AppState:
    """Keep the settings and store on the app and serve `first` or build the first read model.

    `wait` builds it before returning; otherwise in the background (requests then wait for it
    and /readyz answers 503 until it is there). Models are built in a child process and kept
    as files in `folder` (shared by a service's workers; default a new one of this app).
    """
    builder = ChildBuilder(folder or service_folder(settings.model_dir, settings.store_url),
                           served=first)
    found = AppState(settings, store, ReadModels(store, builder))
    app.extensions[EXTENSION] = found
    app.after_request(_revision_headers)
    app.register_error_handler(
        ReadModelNotReady,
        lambda exc: error_response(503, "not_ready", f"the service is starting: {exc}"))
    found.read_models.start(wait, first)
    return found


def state(app: Flask | None = None) -> AppState:
    """The AppState of an app built by create_app (default: the current one)."""
    found: AppState = (app or current_app).extensions[EXTENSION]
    return found


def current_store() -> GraphStore:
    """The store of the app handling the current request."""
    return state().store


def read_model() -> ReadModel:
    """The read model of the current request: chosen once, then used throughout the request."""
    if "read_model" not in g:
        g.read_model = state().read_models.current()
    found: ReadModel = g.read_model
    return found


def note_write() -> None:
    """After a write: remember the store revision for the response and start a rebuild."""
    found = state()
    g.write_revision = found.store.revision()
    found.read_models.refresh()


def _revision_headers(response: Response) -> Response:
    if "read_model" in g:
        response.headers[READ_MODEL_HEADER] = g.read_model.revision
    if "write_revision" in g:
        response.headers[WRITE_HEADER] = g.write_revision
    return response
