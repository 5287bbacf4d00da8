"""create_app: builds the Flask app, its store and its blueprints."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from graph_schema.factory import open_store
from graph_schema.store import GraphStore
from web import api, errors, health, logs, pages, services
from web.config import Settings

EXTENSION = "ppsmatch"


@dataclass
class AppState:
    """What request handlers share: the settings and the open store."""

    settings: Settings
    store: GraphStore


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> Flask:
    """Build the app; an empty embedded store is seeded so that it works out of the box."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.json.sort_keys = False  # keep the documented key order of our payloads
    if store is None:
        store = open_store(settings.store_url)
        if settings.store_url.startswith("memory:"):
            services.seed_if_empty(store, settings.companies, settings.seed)
            # Built before gunicorn forks, so that no first request waits for the index.
            services.match_index(store)
    app.extensions[EXTENSION] = AppState(settings, store)
    logs.init_app(app)
    errors.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)
    api.init_app(app, settings)
    return app


def current_store() -> GraphStore:
    """The store of the app handling the current request."""
    return state(current_app).store


def state(app: Flask) -> AppState:
    """The AppState of an app built by create_app."""
    found: AppState = app.extensions[EXTENSION]
    return found
