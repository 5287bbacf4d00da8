"""Structured JSON logs, one line per request, each carrying the request id."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request

LOGGER = "ppsmatch"
REQUEST_ID_HEADER = "X-Request-Id"
# A caller's id is reused only when it is short and plain, so it cannot forge log lines.
_CALLER_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record; `extra=` fields are added as keys."""
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            payload["request_id"] = g.request_id
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):
    """A handler writing to whatever sys.stderr is now (servers and test runners swap it)."""

    @property
    def stream(self):
        """The current sys.stderr."""
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        """Ignored: the stream is always the current sys.stderr."""


def configure_logging(level: int = logging.INFO) -> None:
    """Send the ppsmatch loggers to stderr as JSON lines (once per process)."""
    logger = logging.getLogger(LOGGER)
    if not any(isinstance(h, StderrHandler) for h in logger.handlers):
        handler = StderrHandler()
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def init_app(app: Flask) -> None:
    """Give every request an id (echoed in X-Request-Id) and log one line when it ends."""
    configure_logging()
    app.before_request(_start)
    app.after_request(_finish)


def request_id() -> str:
    """The id of the current request (made now if the request failed before it got one)."""
    if "request_id" not in g:
        g.request_id = uuid.uuid4().hex
    return str(g.request_id)


def _start() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _CALLER_ID.match(incoming) else uuid.uuid4().hex
    g.started = time.perf_counter()


def _finish(response):
    response.headers[REQUEST_ID_HEADER] = request_id()
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    logging.getLogger(f"{LOGGER}.access").info(
        "request", extra={"method": request.method, "path": request.path,
                          "status": response.status_code, "duration_ms": round(elapsed, 2)})
    return response
