"""The production WSGI server: gunicorn running create_app()."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from gunicorn.app.base import BaseApplication


class GunicornServer(BaseApplication):
    """Gunicorn with options given in code rather than on its own command line."""

    def __init__(self, app_factory: Callable[[], Flask], options: dict[str, object]):
        """Keep the app factory and the gunicorn settings."""
        self.options = options
        self.app_factory = app_factory
        super().__init__()

    def load_config(self) -> None:
        """Apply the options that gunicorn knows."""
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Flask:
        """Build the app inside each worker, so no driver connection is shared across a fork."""
        return self.app_factory()


def serve(app_factory: Callable[[], Flask], host: str, port: int, workers: int,
          threads: int, preload: bool = False) -> None:
    """Serve the app built by `app_factory` until interrupted.

    `preload` builds the app once in the master (the embedded store: seeding may take longer
    than a worker may stay silent); otherwise each worker builds its own after the fork.
    """
    options: dict[str, object] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 60,
        # gunicorn's largest request line: long (percent-encoded) queries then reach the app
        # and get a JSON 422 instead of gunicorn's own HTML 414.
        "limit_request_line": 8190,
        "preload_app": preload,
    }
    # Requests are logged by web.logs as JSON lines with their request id, so no access log.
    GunicornServer(app_factory, options).run()
