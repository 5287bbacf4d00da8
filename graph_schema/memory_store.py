"""MemoryGraphStore: the embedded default store, an in-memory networkx graph."""

from __future__ import annotations

import heapq
import os
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from typing import cast

import networkx as nx

from graph_schema import checks, values
from graph_schema.errors import InvalidGraphData, NotFound
from graph_schema.model import (
    REL_ENDPOINTS,
    GraphSnapshot,
    GraphStats,
    Label,
    Node,
    Organisation,
    OrganisationQuery,
    OrgKind,
    Pps,
    Relationship,
    RelType,
    Subgraph,
)
from graph_schema.store import MAX_NEIGHBOURHOOD_DEPTH

NodeKey = tuple[Label, str]
OrgFilter = Callable[[Organisation], bool]


def _by_label_and_id(key: NodeKey) -> tuple[str, str]:
    return key[0].value, key[1]


# The read model is built in a forked child (web/model_builder.py). Every open store's lock is
# held across fork(): the child then gets a graph no write is halfway through, and no lock
# held by a thread that the child does not have.
_OPEN: weakref.WeakSet[MemoryGraphStore] = weakref.WeakSet()
_HELD: list[MemoryGraphStore] = []


def _before_fork() -> None:
    _HELD[:] = list(_OPEN)
    for store in _HELD:
        store._lock.acquire()


def _after_fork() -> None:
    for store in reversed(_HELD):
        store._lock.release()
    _HELD.clear()


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork,
                    after_in_child=_after_fork)


class MemoryGraphStore:
    """GraphStore on a networkx MultiDiGraph keyed by (label, id); one edge key per type.

    Beside the graph it keeps the nodes per label and the organisation ids per kind, so that
    filtered searches and neighbourhoods walk only the adjacency of what they return instead
    of every node or edge.
    """

    def __init__(self, url: str = "memory://"):
        """Create an empty store."""
        self.url = url
        self._graph = nx.MultiDiGraph()
        self._nodes: dict[Label, dict[str, Node]] = {label: {} for label in Label}
        self._by_kind: dict[OrgKind, set[str]] = {kind: set() for kind in OrgKind}
        self._revision = 0
        # Flask may serve from threads; writes must be atomic to readers.
        self._lock = threading.RLock()
        _OPEN.add(self)

    def ensure_schema(self) -> None:
        """Nothing to create: keys are enforced by the graph's node keys."""

    def upsert_nodes(self, nodes: Sequence[Node]) -> int:
        """Create or replace nodes by (label, id)."""
        keyed = [values.clean_node(node) for node in nodes]
        with self._lock:
            for label, node in keyed:
                key = (label, node.id)
                if key not in self._graph:
                    self._graph.add_node(key)
                old = self._nodes[label].get(node.id)
                if isinstance(old, Organisation):
                    self._by_kind[old.kind].discard(old.id)
                if isinstance(node, Organisation):
                    self._by_kind[node.kind].add(node.id)
                self._nodes[label][node.id] = node
            self._bump(bool(keyed))
        return len(keyed)

    def link(self, relationships: Sequence[Relationship]) -> int:
        """Create or update relationships keyed by (type, source, target)."""
        rels = [values.clean_relationship(rel) for rel in relationships]
        with self._lock:
            planned = [self._endpoints(rel) for rel in rels]
            for rel, (src, dst) in zip(rels, planned, strict=True):
                self._graph.add_edge(src, dst, key=rel.type, rel=rel)
            self._bump(bool(planned))
        return len(planned)

    def get_node(self, label: Label, node_id: str) -> Node:
        """Return one node or raise NotFound."""
        label = Label(label)
        with self._lock:
            node = self._nodes[label].get(node_id)
        if node is None:
            raise NotFound(label.value, node_id)
        return node

    def list_nodes(self, label: Label) -> tuple[Node, ...]:
        """Return all nodes of a label, sorted by id."""
        with self._lock:
            found = list(self._nodes[Label(label)].values())
        return tuple(sorted(found, key=lambda n: n.id))

    def relationships(self, rel_type: RelType | None = None) -> tuple[Relationship, ...]:
        """Return relationships sorted by (type, source, target)."""
        wanted = RelType(rel_type) if rel_type is not None else None
        with self._lock:
            rels = [r for _, _, key, r in self._graph.edges(keys=True, data="rel")
                    if wanted is None or key is wanted]
        return tuple(sorted(rels, key=Relationship.sort_key))

    def search_organisations(self, query: OrganisationQuery) -> tuple[Organisation, ...]:
        """Return organisations matching every filter, sorted by id, paged.

        The filter with the fewest candidates (kind, theme or province, from the indexes and
        the adjacency) lists them; the other filters test each candidate.
        """
        checks.check_paging(query)
        with self._lock:
            sources, tests = self._search_plan(query)
            orgs = cast(dict[str, Organisation], self._nodes[Label.ORGANISATION])
            ids: Collection[str] = min(sources, key=len) if sources else orgs.keys()
            hits = (orgs[i] for i in ids if i in orgs)
            matching = [org for org in hits if all(test(org) for test in tests)]
        end = query.offset + query.limit
        return tuple(heapq.nsmallest(end, matching, key=lambda o: o.id)[query.offset:end])

    def neighbourhood(self, label: Label, node_id: str, depth: int = 1,
                      limit: int = 500) -> Subgraph:
        """Return the node and everything within `depth` hops, nearest first when cut.

        Ring by ring from the start: a ring larger than the room left is cut to its first
        nodes by (label, id) and ends the walk, so only the rings kept are visited.
        """
        checks.check_depth(depth, MAX_NEIGHBOURHOOD_DEPTH)
        start = (Label(label), node_id)
        with self._lock:
            if start not in self._graph:
                raise NotFound(start[0].value, node_id)
            succ, pred = self._graph.succ, self._graph.pred
            kept, frontier = {start}, [start]
            room, truncated = max(limit, 1) - 1, False
            for _ in range(depth):
                ring = {n for key in frontier for n in (*succ[key], *pred[key])} - kept
                if len(ring) > room:
                    truncated = True
                    ring = set(heapq.nsmallest(room, ring, key=_by_label_and_id))
                kept |= ring
                room -= len(ring)
                frontier = list(ring)
                if truncated or not frontier:
                    break
            rels = [data["rel"] for key in kept for target, edges in succ[key].items()
                    if target in kept for data in edges.values()]
            nodes = [(lab, self._nodes[lab][i]) for lab, i in kept]
        nodes.sort(key=lambda item: (item[0].value, item[1].id))
        rels.sort(key=Relationship.sort_key)
        return Subgraph(tuple(nodes), tuple(rels), truncated=truncated)

    def delete_organisation(self, node_id: str) -> None:
        """Delete an organisation and its relationships."""
        key = (Label.ORGANISATION, node_id)
        with self._lock:
            org = self._nodes[Label.ORGANISATION].pop(node_id, None)
            if not isinstance(org, Organisation):
                raise NotFound(Label.ORGANISATION.value, node_id)
            self._by_kind[org.kind].discard(node_id)
            self._graph.remove_node(key)
            self._bump(True)

    def snapshot(self) -> GraphSnapshot:
        """Return every node and relationship, each group sorted."""
        with self._lock:
            return GraphSnapshot(
                organisations=self.list_nodes(Label.ORGANISATION),  # type: ignore[arg-type]
                ppses=self.list_nodes(Label.PPS),  # type: ignore[arg-type]
                themes=self.list_nodes(Label.THEME),  # type: ignore[arg-type]
                provinces=self.list_nodes(Label.PROVINCE),  # type: ignore[arg-type]
                municipalities=self.list_nodes(Label.MUNICIPALITY),  # type: ignore[arg-type]
                relationships=self.relationships(),
            )

    def stats(self) -> GraphStats:
        """Return counts per label, relationship type and organisation kind."""
        with self._lock:
            labels = {label.value: len(nodes) for label, nodes in self._nodes.items()}
            types = Counter(key.value for _, _, key in self._graph.edges(keys=True))
            kinds = {kind.value: len(ids) for kind, ids in self._by_kind.items()}
            origins = Counter(bool(cast(Pps, pps).synthetic)
                              for pps in self._nodes[Label.PPS].values())
        return checks.complete_stats(labels, types, kinds, origins)

    def revision(self) -> str:
        """Return the write counter as a string."""
        return str(self._revision)

    def clear(self) -> None:
        """Delete all nodes and relationships."""
        with self._lock:
            self._graph.clear()
            for nodes in self._nodes.values():
                nodes.clear()
            for ids in self._by_kind.values():
                ids.clear()
            self._bump(True)

    def close(self) -> None:
        """Nothing to release."""

    def forked(self) -> MemoryGraphStore:
        """Itself: a fork copies the graph whole, never in the middle of a write (see _OPEN)."""
        return self

    def _bump(self, changed: bool) -> None:
        if changed:
            self._revision += 1

    def _endpoints(self, rel: Relationship) -> tuple[NodeKey, NodeKey]:
        """Check a relationship's endpoints against the graph; return its node keys."""
        src_label, dst_label = REL_ENDPOINTS[rel.type]
        src, dst = (src_label, rel.source), (dst_label, rel.target)
        for key in (src, dst):
            if key not in self._graph:
                raise InvalidGraphData(
                    f"{rel.type.value} {rel.source} -> {rel.target}: "
                    f"{key[0].value} '{key[1]}' does not exist")
        return src, dst

    def _search_plan(self, query: OrganisationQuery
                     ) -> tuple[list[Collection[str]], list[OrgFilter]]:
        """Candidate id collections (one per indexed filter) and the tests every hit passes."""
        sources: list[Collection[str]] = []
        tests: list[OrgFilter] = []
        if query.kind is not None:
            kind = OrgKind(query.kind)
            sources.append(self._by_kind[kind])
            tests.append(lambda org: org.kind is kind)
        if query.theme:
            sources.append(self._sources_of((Label.THEME, query.theme), RelType.WORKS_ON))
            theme = (Label.THEME, query.theme)
            tests.append(lambda org: self._graph.has_edge(
                (Label.ORGANISATION, org.id), theme, RelType.WORKS_ON))
        if query.province:
            sources.append(self._in_province(query.province))
            province = query.province
            tests.append(lambda org: province in self._provinces_of(
                (Label.ORGANISATION, org.id)))
        if query.synthetic is not None:
            synthetic = query.synthetic
            tests.append(lambda org: org.synthetic == synthetic)
        if query.text:
            text = query.text.lower()
            tests.append(lambda org: text in org.name.lower())
        return sources, tests

    def _sources_of(self, key: NodeKey, rel_type: RelType) -> list[str]:
        """Ids of the nodes with a `rel_type` relationship to `key`."""
        pred = self._graph.pred.get(key, {})
        return [source[1] for source, edges in pred.items() if rel_type in edges]

    def _in_province(self, province: str) -> set[str]:
        """Organisations located in one of the province's gemeenten or operating in it."""
        key = (Label.PROVINCE, province)
        found = set(self._sources_of(key, RelType.OPERATES_IN))
        for municipality in self._sources_of(key, RelType.PART_OF):
            found.update(self._sources_of((Label.MUNICIPALITY, municipality),
                                          RelType.LOCATED_IN))
        return found

    def _provinces_of(self, key: NodeKey) -> set[str]:
        """Provinces of the organisation's gemeenten plus those it OPERATES_IN."""
        found = set()
        for _, target, rel_type in self._graph.out_edges(key, keys=True):
            if rel_type is RelType.OPERATES_IN:
                found.add(target[1])
            elif rel_type is RelType.LOCATED_IN:
                for _, prov, part in self._graph.out_edges(target, keys=True):
                    if part is RelType.PART_OF:
                        found.add(prov[1])
        return found
