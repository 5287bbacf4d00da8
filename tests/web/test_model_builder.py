"""Read models built in a forked child, one file per revision, shared through a folder."""

from __future__ import annotations

import os
import threading

import pytest

from graph_schema.errors import NotFound, StoreUnavailable
from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import GraphSnapshot, Label, Organisation, OrgKind
from tests.contract import sample
from web import model_files
from web.model_builder import SUFFIX, BuildFailed, ChildBuilder, service_folder

NEW = Organisation("kvk:77", "Nieuw in de graaf B.V.", OrgKind.COMPANY)


@pytest.fixture
def store():
    """A memory store holding the sample graph."""
    found = MemoryGraphStore()
    sample.load_sample(found)
    return found


def test_the_model_is_built_in_a_child_and_written_once_per_revision(store, tmp_path):
    model = ChildBuilder(tmp_path)(store)
    assert model.built_by != os.getpid()
    assert model.revision == store.revision()
    [written] = tmp_path.glob(f"*{SUFFIX}")
    stamp = written.stat().st_mtime_ns
    other_worker = ChildBuilder(tmp_path)(store)  # same folder, same revision: loads the file
    assert other_worker.built_by == model.built_by
    assert written.stat().st_mtime_ns == stamp
    assert other_worker.ids == model.ids


def test_a_newer_revision_replaces_the_older_file(store, tmp_path):
    builder = ChildBuilder(tmp_path)
    builder(store)
    store.upsert_nodes([NEW])
    model = builder(store)
    assert NEW.id in model.ids[Label.ORGANISATION]
    assert len(list(tmp_path.glob(f"*{SUFFIX}"))) == 1


def test_the_child_copies_the_graph_between_writes_never_during_one(store, tmp_path):
    holding, done = threading.Event(), threading.Event()

    def slow_write():
        with store._lock:  # a write in progress while the builder forks
            holding.set()
            done.wait(0.3)
            store.upsert_nodes([NEW])

    writer = threading.Thread(target=slow_write)
    writer.start()
    assert holding.wait(10)
    models = []
    builder = threading.Thread(target=lambda: models.append(ChildBuilder(tmp_path)(store)))
    builder.start()
    builder.join(120)  # a fork that copied the held lock would leave the child waiting forever
    writer.join(10)
    assert not builder.is_alive()
    assert NEW.id in models[0].ids[Label.ORGANISATION]


class _FailingStore(MemoryGraphStore):
    """A store whose snapshot fails with a given exception (in the child, where it is read)."""

    def __init__(self, error: BaseException):
        super().__init__()
        self.error = error

    def snapshot(self) -> GraphSnapshot:
        raise self.error


def test_what_the_child_raised_is_raised_here(tmp_path):
    with pytest.raises(StoreUnavailable, match="the server went away"):
        ChildBuilder(tmp_path)(_FailingStore(StoreUnavailable("the server went away")))
    assert not list(tmp_path.glob(f"*{SUFFIX}"))


def test_an_error_that_cannot_cross_is_reported_by_its_text(tmp_path):
    error = NotFound("Organisation", "kvk:1")  # its __init__ takes two arguments
    with pytest.raises(BuildFailed, match="NotFound: .*kvk:1"):
        ChildBuilder(tmp_path)(_FailingStore(error))


class _DyingStore(MemoryGraphStore):
    """A store whose snapshot ends the process at once, as the kernel's OOM killer would."""

    def snapshot(self) -> GraphSnapshot:
        os._exit(9)


def test_a_child_that_dies_is_a_clear_failure(tmp_path):
    with pytest.raises(BuildFailed, match=r"the read model builder \(pid \d+\) ended before"):
        ChildBuilder(tmp_path)(_DyingStore())


def test_a_folder_others_may_write_to_is_refused(tmp_path):
    # A model file is a pickle: loading one that someone else put there would run their code.
    tmp_path.chmod(0o777)
    with pytest.raises(PermissionError, match=f"{tmp_path} must be private .*drwxrwxrwx"):
        ChildBuilder(tmp_path)


def test_a_server_store_keeps_one_folder_per_store_and_code_version(tmp_path):
    url = "bolt://127.0.0.1:7687"
    folder = service_folder(str(tmp_path), url)
    assert service_folder(str(tmp_path), url) == folder  # the next start finds its files
    assert folder.name.endswith(model_files.code_version())
    assert folder.stat().st_mode & 0o777 == 0o700
    older = tmp_path / folder.name.replace(model_files.code_version(), "0" * 16)
    older.mkdir()
    other_store = service_folder(str(tmp_path), "bolt://elsewhere:7687")
    assert service_folder(str(tmp_path), url) == folder
    assert not older.exists()  # files of other code are never loaded: removed
    assert other_store.exists()


def test_the_embedded_store_gets_a_new_folder_each_run(tmp_path):
    # Its revisions start again with the process: a kept file could hold another graph.
    first, second = (service_folder(str(tmp_path), "memory://") for _ in range(2))
    assert first != second
    assert tmp_path not in (first.parent, second.parent)
