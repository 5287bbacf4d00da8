"""App state shared by the blueprints: the settings and the open store (in app.extensions)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from graph_schema.store import GraphStore
from web.config import Settings

EXTENSION = "ppsmatch"


@dataclass
class AppState:
    """What request handlers share: the settings and the open store."""

    settings: Settings
    store: GraphStore


def init_app(app: Flask, settings: Settings, store: GraphStore) -> AppState:
    """Keep the settings and the store on the app."""
    found = AppState(settings, store)
    app.extensions[EXTENSION] = found
    return found


def state(app: Flask | None = None) -> AppState:
    """The AppState of an app built by create_app (default: the current one)."""
    found: AppState = (app or current_app).extensions[EXTENSION]
    return found


def current_store() -> GraphStore:
    """The store of the app handling the current request."""
    return state().store
