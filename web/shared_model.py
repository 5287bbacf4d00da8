"""The first read model of a server store, made once before gunicorn forks its workers."""

from __future__ import annotations

import logging
from pathlib import Path

from graph_schema.factory import open_store
from web.logs import configure_logging
from web.memory import release_freed_memory
from web.model_builder import ChildBuilder
from web.native_threads import one_thread_per_call
from web.services.read_model import ReadModel

log = logging.getLogger("ppsmatch.web")


class SharedModel:
    """A read model loaded in gunicorn's master (from its kept file or a child's new one),
    inherited by each worker: its arrays as the file's shared pages, the rest copy-on-write.

    Every holder of a reference may free it: a worker takes it once (then its own first
    rebuild frees the pages it copied), and the master drops it once its workers are forked
    (so that after the workers' rebuilds no stale copy stays behind in the master).
    """

    def __init__(self, model: ReadModel | None):
        """Hold `model` (None: every worker builds its own)."""
        self._model = model

    @classmethod
    def build(cls, store_url: str, folder: Path) -> SharedModel:
        """Load the model of the store's revision from `folder`, or build it (in a child that
        reads the snapshot over its own driver); this driver is closed before any fork."""
        configure_logging()
        one_thread_per_call()
        store = open_store(store_url)
        try:
            model = ChildBuilder(folder)(store)
        except Exception:  # e.g. the store is down: the workers build their own, as they retry
            log.exception("the first read model could not be built before the workers start; "
                          "each worker builds its own")
            return cls(None)
        finally:
            store.close()
        log.info("read model of revision %s (built by pid %d in %.2f s) shared by the workers",
                 model.revision, model.built_by, model.build_seconds)
        # No snapshot was read here (the child did), and model_files.load froze the heap, so
        # the workers' collections leave the pages they inherit alone.
        return cls(model)

    def take(self) -> ReadModel | None:
        """The model for this worker's app; this process keeps no other reference to it."""
        model, self._model = self._model, None
        return model

    def drop(self) -> None:
        """In the master once the workers are forked: free its copy (they keep theirs)."""
        if self._model is not None:
            self._model = None
            release_freed_memory()
