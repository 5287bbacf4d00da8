"""A read model as a file: saved, mapped back, the same answers; bad files refused."""

from __future__ import annotations

import mmap
from dataclasses import replace

import numpy as np
import pytest

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import Label
from matcher import Mission, build_coalition, match
from tests.contract import sample
from web import model_files
from web.services.read_model import build_read_model

MISSION = Mission(text="warmtenet en energietransitie in de regio", themes=("energy_transition",),
                  province="PV26")


@pytest.fixture(scope="module")
def model():
    """The read model of the sample graph."""
    store = MemoryGraphStore()
    sample.load_sample(store)
    return build_read_model(store)


@pytest.fixture
def saved(model, tmp_path):
    """The sample's model written to a file."""
    path = tmp_path / "sample.model"
    model_files.save(model, path)
    return path


def test_a_loaded_model_answers_as_the_one_saved(model, saved):
    loaded = model_files.load(saved)
    assert loaded is not model
    assert (loaded.revision, loaded.ids, loaded.coverage) == (model.revision, model.ids,
                                                              model.coverage)
    assert match(loaded.index, MISSION).to_dict() == match(model.index, MISSION).to_dict()
    assert (build_coalition(loaded.index, MISSION).to_dict()
            == build_coalition(model.index, MISSION).to_dict())
    assert loaded.index.words.by_text is not model.index.words.by_text  # a cache of its own


def test_arrays_are_mapped_from_the_file_and_a_write_stays_private(saved):
    loaded = model_files.load(saved)
    profile = loaded.index.blocks[next(iter(loaded.index.blocks))].profile
    assert isinstance(_root(profile.data), mmap.mmap)
    original = profile.data.copy()
    profile.data[:] = 7  # lands in a private copy of those pages, not in the file
    again = model_files.load(saved)
    again_profile = again.index.blocks[next(iter(again.index.blocks))].profile
    np.testing.assert_array_equal(again_profile.data, original)


def test_a_file_that_is_not_a_model_is_refused_naming_it(tmp_path):
    path = tmp_path / "other.model"
    path.write_bytes(b"not a read model at all")
    with pytest.raises(model_files.ModelFileError, match=f"{path}: not a ppsmatch read model"):
        model_files.load(path)


def test_a_file_cut_short_is_refused_naming_it(saved):
    whole = saved.read_bytes()
    saved.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(model_files.ModelFileError, match=f"{saved}: cut short"):
        model_files.load(saved)


def _root(array: np.ndarray) -> object:
    """What an array's memory finally belongs to."""
    base: object = array
    while isinstance(base, np.ndarray) and base.base is not None:
        base = base.base
    return base.obj if isinstance(base, memoryview) else base


def test_a_file_written_on_a_base_takes_the_unchanged_organisations_from_it(tmp_path):
    store = MemoryGraphStore()
    sample.load_sample(store)
    base = model_files.load(_saved(build_read_model(store), tmp_path / "base.model"))
    changed = store.list_nodes(Label.ORGANISATION)[0]
    store.upsert_nodes([replace(changed, description="Een nieuwe beschrijving.")])
    newer = build_read_model(store)
    path = tmp_path / "newer.model"
    model_files.save(newer, path, base)
    loaded = model_files.load(path, base)
    same = [org for org in loaded.index.orgs if org in base.index.orgs]
    assert 0 < len(same) == len(loaded.index.orgs) - 1
    assert all(any(org is old for old in base.index.orgs) for org in same)
    [new] = [org for org in loaded.index.orgs if org not in base.index.orgs]
    assert new.description == "Een nieuwe beschrijving."
    assert loaded.index.orgs == newer.index.orgs
    # Served from another model, the file's own copy of every organisation is used.
    other = model_files.load(path, newer)
    assert other.index.orgs == newer.index.orgs
    assert not any(org is old for org in other.index.orgs for old in base.index.orgs)


def _saved(model, path):
    model_files.save(model, path)
    return path
