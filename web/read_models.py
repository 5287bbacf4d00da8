"""The read model being served, and its rebuilds off the request path (one at a time)."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from graph_schema.errors import StoreUnavailable
from graph_schema.store import GraphStore
from web.memory import release_freed_memory
from web.services.read_model import ReadModel

# How often a request may ask the store whether it changed (writes of other workers).
RECHECK_SECONDS = 1.0
# After a failed rebuild, a change noticed by a recheck retries only after this long (a write
# in this process retries at once).
RETRY_SECONDS = 30.0
# How long a request waits for the very first model before it gets a 503.
FIRST_MODEL_WAIT_SECONDS = 60.0

# How long the builder waits for the readers of a replaced model to finish before it hands
# the freed memory back (requests take milliseconds; a stuck one only delays the hand-back).
RELEASE_WAIT_SECONDS = 5.0

log = logging.getLogger("ppsmatch.web")


def _release(previous: weakref.ref[ReadModel]) -> None:
    """Once the replaced model is gone (its last readers done), return its memory to the OS."""
    deadline = time.monotonic() + RELEASE_WAIT_SECONDS
    while previous() is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    release_freed_memory()


class ReadModelNotReady(Exception):
    """No read model has been built yet (start-up), or the first build failed."""


class ReadModels:
    """Serves the newest built ReadModel; rebuilds in one background thread after a change.

    Readers never wait for a rebuild: they get the previous model until the new one is
    swapped in whole. A failed rebuild keeps the previous model and is reported by status().
    """

    def __init__(self, store: GraphStore, build: Callable[[GraphStore], ReadModel]):
        """Nothing is built until start(); `build` makes the model of the store's revision."""
        self.store = store
        self.build = build
        self._lock = threading.Lock()
        self._settled = threading.Event()  # the first build has finished, well or not
        self._current: ReadModel | None = None
        self._builder: threading.Thread | None = None
        self._again = False  # a change arrived while building: build once more
        self._error = ""
        self._cause: Exception | None = None  # of the last failed build
        self._failed_at = 0.0
        self._checked_at = time.monotonic()
        self.builds = 0  # finished builds, failed ones included

    def start(self, wait: bool, first: ReadModel | None = None) -> None:
        """Serve `first` (built before the fork), or build one now (`wait`) or in the background."""
        if first is not None:
            self._current = first
            self._settled.set()
        elif wait:
            self._build_once()
        else:
            self.refresh()

    def current(self) -> ReadModel:
        """The model to serve (waits only for the very first one); notices outside changes."""
        model = self._current
        if model is None:
            self._settled.wait(FIRST_MODEL_WAIT_SECONDS)
            model = self._current
        if model is None:
            self._retry_first()
            if isinstance(self._cause, StoreUnavailable):
                raise StoreUnavailable(str(self._cause))
            raise ReadModelNotReady(self._error or "the read model is still being built")
        self._recheck(model)
        return model

    def refresh(self) -> None:
        """The store changed: rebuild in the background (once more if a build is running)."""
        with self._lock:
            if self._builder is not None:
                self._again = True
                return
            self._builder = threading.Thread(target=self._run, name="ppsmatch-read-model",
                                             daemon=True)
            self._builder.start()

    def status(self) -> dict[str, Any]:
        """The revision served, which process built it, whether a rebuild runs, the last error."""
        model = self._current
        with self._lock:
            building, error = self._builder is not None, self._error
        return {"revision": model.revision if model else None, "building": building,
                "build_seconds": round(model.build_seconds, 3) if model else None,
                "built_by": model.built_by if model else None,
                "last_error": error or None}

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no rebuild runs (for tests and shutdown); False on timeout."""
        with self._lock:
            builder = self._builder
        if builder is not None:
            builder.join(timeout)
            return not builder.is_alive()
        return True

    def _retry_first(self) -> None:
        """The first build failed: try again, at most every RETRY_SECONDS."""
        with self._lock:
            due = self._error and time.monotonic() - self._failed_at >= RETRY_SECONDS
        if due:
            self.refresh()

    def _recheck(self, model: ReadModel) -> None:
        """At most every RECHECK_SECONDS: rebuild when the store moved on without us."""
        now = time.monotonic()
        with self._lock:
            if now - self._checked_at < RECHECK_SECONDS or self._builder is not None:
                return
            if self._error and now - self._failed_at < RETRY_SECONDS:
                return
            self._checked_at = now  # one request checks; the others go on at once
        try:
            revision = self.store.revision()
        except StoreUnavailable:
            return  # reads go on from the model; /readyz reports the outage
        if revision != model.revision:
            self.refresh()

    def _run(self) -> None:
        """The builder thread: build until no change arrived during the last build."""
        while True:
            with self._lock:
                self._again = False
            self._build_once()
            with self._lock:
                if not self._again:
                    self._builder = None
                    return

    def _build_once(self) -> None:
        try:
            model = self.build(self.store)
        except Exception as exc:  # any failure keeps the model being served
            log.exception("read model rebuild failed; still serving revision %s",
                          self._current.revision if self._current else None)
            with self._lock:
                self.builds += 1
                self._error, self._cause = f"{type(exc).__name__}: {exc}", exc
                self._failed_at = time.monotonic()
            self._settled.set()
            return
        with self._lock:
            self.builds += 1
            previous = self._current
            self._current, self._error, self._cause = model, "", None
        self._settled.set()
        log.info("serving the read model of revision %s (built by pid %d in %.2f s)",
                 model.revision, model.built_by, model.build_seconds)
        if previous is not None:
            gone = weakref.ref(previous)
            del previous  # else this frame would keep it alive while _release waits for it
            _release(gone)
