"""The production WSGI server: gunicorn running create_app()."""

from __future__ import annotations

import sys
from collections.abc import Callable

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter


class GunicornServer(BaseApplication):
    """Gunicorn with options given in code rather than on its own command line."""

    def __init__(self, app_factory: Callable[[], Flask], options: dict[str, object],
                 spawned: Callable[[], None]):
        """Keep the app factory, the gunicorn settings and what the master does after forking."""
        self.options = options
        self.app_factory = app_factory
        self.spawned = spawned
        super().__init__()

    def load_config(self) -> None:
        """Apply the options that gunicorn knows."""
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Flask:
        """Build the app inside each worker, so no driver connection is shared across a fork."""
        return self.app_factory()

    def run(self) -> None:
        """Run gunicorn's master (as BaseApplication.run does, with our arbiter)."""
        try:
            _Arbiter(self).run()
        except RuntimeError as error:
            print(f"\nError: {error}\n", file=sys.stderr)
            sys.exit(1)


class _Arbiter(Arbiter):
    """Gunicorn's master, calling the server's `spawned` each time it has forked workers."""

    def spawn_workers(self) -> None:
        """Fork the missing workers, then run `spawned` in the master."""
        super().spawn_workers()
        self.app.spawned()


def serve(app_factory: Callable[[], Flask], host: str, port: int, workers: int,
          threads: int, preload: bool = False,
          spawned: Callable[[], None] = lambda: None) -> None:
    """Serve the app built by `app_factory` until interrupted.

    `preload` builds the app once in the master (the embedded store: seeding may take longer
    than a worker may stay silent); otherwise each worker builds its own after the fork.
    `spawned` runs in the master whenever it has forked workers.
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
    GunicornServer(app_factory, options, spawned).run()
