"""The read model: everything queries read, built from one snapshot of one store revision."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from graph_schema.model import GraphSnapshot, Label, Node, Relationship, RelType
from graph_schema.store import GraphStore
from matcher import MatchIndex, build_index
from matcher.coverage import CoverageCell, coverage, coverage_model
from web.services.catalogue import Regions, Taxonomy, regions_of, taxonomy_of
from web.services.directory import PpsIndex, pps_index_of


@dataclass(frozen=True, eq=False)
class ReadModel:
    """Match index, regions, taxonomy, pps index, coverage and id lookups of one revision.

    Read-only: it is swapped whole when a newer one is built, never changed in place.
    """

    revision: str
    index: MatchIndex
    regions: Regions
    taxonomy: Taxonomy
    pps: PpsIndex
    coverage: tuple[CoverageCell, ...]
    memberships: tuple[Relationship, ...]  # MEMBER_OF, for the network map
    ids: dict[Label, frozenset[str]]
    build_seconds: float
    built_by: int  # the pid of the process that read the snapshot (a builder child, the master)
    build_id: str  # this build's own name: a model file written on it as its base names it


def build_read_model(store: GraphStore) -> ReadModel:
    """Read the store's revision, then one snapshot, and build the model from it.

    The revision is read first: a write during the snapshot makes the model look older than
    its data, so it is rebuilt once more, never taken for newer than it is.
    """
    started = time.perf_counter()
    revision = store.revision()
    return read_model_of(revision, store.snapshot(), started)


def read_model_of(revision: str, snapshot: GraphSnapshot,
                  started: float | None = None) -> ReadModel:
    """The read model of a snapshot taken at `revision`."""
    started = time.perf_counter() if started is None else started
    ids: dict[Label, Sequence[Node]] = {
        Label.ORGANISATION: snapshot.organisations, Label.PPS: snapshot.ppses,
        Label.THEME: snapshot.themes, Label.PROVINCE: snapshot.provinces,
        Label.MUNICIPALITY: snapshot.municipalities}
    return ReadModel(
        revision=revision,
        index=build_index(snapshot),
        regions=regions_of(snapshot),
        taxonomy=taxonomy_of(snapshot),
        pps=pps_index_of(snapshot),
        coverage=coverage(coverage_model(snapshot)),
        memberships=tuple(r for r in snapshot.relationships if r.type is RelType.MEMBER_OF),
        ids={label: frozenset(n.id for n in nodes) for label, nodes in ids.items()},
        build_seconds=time.perf_counter() - started,
        built_by=os.getpid(),
        build_id=uuid.uuid4().hex,
    )
