"""create_app: builds the Flask app, its store and its blueprints."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from graph_schema.factory import open_store
from graph_schema.store import GraphStore
from web import api, assets, errors, health, logs, pages, production, security, state
from web.config import Settings
from web.native_threads import one_thread_per_call
from web.services import seeding
from web.services.read_model import ReadModel


def create_app(settings: Settings | None = None, store: GraphStore | None = None,
               first_model: ReadModel | None = None, model_folder: Path | None = None) -> Flask:
    """Build the app; an empty embedded store is seeded so that it works out of the box.

    `first_model` is served until the store moves on (built before gunicorn forked);
    `model_folder` holds the read model files the workers of one service share.
    """
    settings = settings or Settings.from_env()
    production.check(settings)
    one_thread_per_call()
    app = Flask(__name__)
    app.json.sort_keys = False  # keep the documented key order of our payloads
    # The embedded store and a store handed in are built here (the embedded one before
    # gunicorn forks, so that no first request waits); a server store in the background.
    wait = store is not None or settings.store_url.startswith("memory:")
    if store is None:
        store = open_store(settings.store_url)
        if settings.store_url.startswith("memory:"):
            seeding.seed_if_empty(store, settings.companies, settings.seed)
    state.init_app(app, settings, store, wait=wait, first=first_model, folder=model_folder)
    logs.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)
    api.init_app(app, settings)
    return app
