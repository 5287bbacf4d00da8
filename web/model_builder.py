"""Read models built in a forked child process and handed over as files, one per revision.

The child does the build's CPU work beside the serving process, which only maps the file and
makes the model's objects in small steps (web/model_files.py), so requests go on meanwhile.
The workers of one service share a folder: a revision is built once, by the first worker
that needs it, and the others load its file and share its arrays' pages.
"""

from __future__ import annotations

import atexit
import fcntl
import gc
import hashlib
import logging
import multiprocessing
import os
import pickle  # nosec B403
import shutil
import stat
import tempfile
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from graph_schema.store import GraphStore
from web import model_files
from web.services.read_model import ReadModel, read_model_of

SUFFIX = ".model"
# The build yields the processor to the requests being served (and on 2 cores, to their
# clients): a rebuild may take longer, a request should not.
CHILD_NICENESS = 10
# A worker that finds a revision's file removed (a newer one was written meanwhile) tries the
# store's revision again, this many times in all.
ATTEMPTS = 3

log = logging.getLogger("ppsmatch.web")


class BuildFailed(RuntimeError):
    """The child ended without a model or an error to report (e.g. killed for memory)."""


def service_folder(parent: str, store_url: str) -> Path:
    """The folder of one service's model files.

    With a `parent` (PPSMATCH_MODEL_DIR) and a server store: one folder per store and code
    version in it, kept across restarts, so a service that starts on a revision already built
    loads its file instead of building. Otherwise (the embedded store's revisions restart with
    the process) a new folder in the system's temp, removed when the process that made it
    exits (not when a forked worker does).
    """
    if parent and not store_url.startswith("memory:"):
        store = hashlib.sha256(store_url.encode()).hexdigest()[:12]
        folder = Path(parent) / f"{store}-{model_files.code_version()}"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for other in folder.parent.glob(f"{store}-*"):  # models of older code: never loaded
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
        return folder
    folder = Path(tempfile.mkdtemp(prefix="ppsmatch-models-"))
    atexit.register(_remove_in, os.getpid(), folder)
    return folder


def _remove_in(owner: int, folder: Path) -> None:
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


class ChildBuilder:
    """The `build` of ReadModels: the model of the store's revision, from its file or a child."""

    def __init__(self, folder: Path, served: ReadModel | None = None):
        """Keep model files in `folder` (shared by the service's workers): it must be private,
        as a model file is a pickle, trusted only when this service wrote it. `served` is the
        model served until the first build (the next file is written on it)."""
        found = folder.stat()
        if found.st_uid != os.getuid() or found.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise PermissionError(f"the read model folder {folder} must be private to this user "
                                  f"(mode {stat.filemode(found.st_mode)}, owner uid "
                                  f"{found.st_uid})")
        self.folder = folder
        # The model it returned last (served until the next one): a file is written on it.
        self._last = weakref.ref(served) if served is not None else None

    def __call__(self, store: GraphStore) -> ReadModel:
        """Load the current revision's model, building it first when no worker has."""
        for attempt in range(1, ATTEMPTS):
            try:
                return self._current(store)
            except FileNotFoundError:  # a newer revision's build removed it: that one, then
                log.info("read model file gone (attempt %d): a newer revision was built",
                         attempt)
        return self._current(store)

    def _current(self, store: GraphStore) -> ReadModel:
        revision = store.revision()
        path = self.folder / f"{hashlib.sha256(revision.encode()).hexdigest()[:20]}{SUFFIX}"
        base = self._last() if self._last is not None else None
        with _exclusive(path.with_suffix(".lock")):
            if not path.exists():
                _build_in_child(store, revision, path, base)
                _remove_older(self.folder, path)
        started = time.perf_counter()
        model = model_files.load(path, base)
        log.info("read model file of revision %s loaded in %.2f s", model.revision,
                 time.perf_counter() - started)
        self._last = weakref.ref(model)
        return model


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on a file; other processes wait for it (threads of this one too)."""
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_in_child(store: GraphStore, revision: str, path: Path,
                    base: ReadModel | None) -> None:
    """Fork a child that builds the model of `revision` into `path` (on `base`); raise what
    it raised."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(store, revision, path, base, send),
                            name="ppsmatch-read-model", daemon=True)
    child.start()
    send.close()
    try:
        outcome = receive.recv()
    except EOFError:
        outcome = BuildFailed(f"the read model builder (pid {child.pid}) ended before it was "
                              "done")
    finally:
        receive.close()
        child.join()
    if isinstance(outcome, BaseException):
        raise outcome
    log.info("read model of revision %s built by pid %d into a file of %.1f MiB", revision,
             child.pid, path.stat().st_size / 2**20)


def _child(store: GraphStore, revision: str, path: Path, base: ReadModel | None,
           send: Connection) -> None:
    """In the child: build, write the file, report None or the exception."""
    gc.freeze()  # else a collection would touch, hence copy, every inherited page
    os.nice(CHILD_NICENESS)
    try:
        model_files.save(read_model_of(revision, store.forked().snapshot()), path, base)
    except BaseException as exc:  # reported to the parent, which raises it
        send.send(_portable(exc))
        return
    send.send(None)


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a BuildFailed with its text.

    (The pickle loaded is the one just made from our own exception.)
    """
    try:
        copy: BaseException = pickle.loads(pickle.dumps(exc))  # nosec B301
    except Exception:  # e.g. an __init__ that takes other arguments than its args
        return BuildFailed(f"{type(exc).__name__}: {exc}")
    return copy


def _remove_older(folder: Path, newest: Path) -> None:
    """Remove the model files written before `newest` (and their locks): workers that still
    serve one keep its mapping; the disk space returns once they let go."""
    written = newest.stat().st_mtime_ns
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            older = path != newest and path.stat().st_mtime_ns <= written
        except FileNotFoundError:  # another worker removed it just now
            continue
        if older:
            path.unlink(missing_ok=True)
            path.with_suffix(".lock").unlink(missing_ok=True)
