"""The production WSGI server: gunicorn running create_app()."""

from __future__ import annotations

from flask import Flask
from gunicorn.app.base import BaseApplication


class GunicornServer(BaseApplication):
    """Gunicorn with options given in code rather than on its own command line."""

    def __init__(self, app: Flask, options: dict[str, object]):
        """Keep the app and the gunicorn settings."""
        self.options = options
        self.application = app
        super().__init__()

    def load_config(self) -> None:
        """Apply the options that gunicorn knows."""
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Flask:
        """Return the already built app (built once, before the workers fork)."""
        return self.application


def serve(app: Flask, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the app until interrupted."""
    options: dict[str, object] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": "-",
        "timeout": 60,
    }
    GunicornServer(app, options).run()
