"""MemoryGraphStore: the embedded default store, an in-memory networkx graph."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence

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
    Relationship,
    RelType,
    Subgraph,
)
from graph_schema.store import MAX_NEIGHBOURHOOD_DEPTH

NodeKey = tuple[Label, str]


class MemoryGraphStore:
    """GraphStore on a networkx MultiDiGraph keyed by (label, id); one edge key per type."""

    def __init__(self, url: str = "memory://"):
        """Create an empty store."""
        self.url = url
        self._graph = nx.MultiDiGraph()
        self._revision = 0
        # Flask may serve from threads; writes must be atomic to readers.
        self._lock = threading.RLock()

    def ensure_schema(self) -> None:
        """Nothing to create: keys are enforced by the graph's node keys."""

    def upsert_nodes(self, nodes: Sequence[Node]) -> int:
        """Create or replace nodes by (label, id)."""
        keyed = [values.clean_node(node) for node in nodes]
        with self._lock:
            for label, node in keyed:
                key = (label, node.id)
                if key in self._graph:
                    self._graph.nodes[key]["node"] = node
                else:
                    self._graph.add_node(key, node=node)
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
        with self._lock:
            data = self._graph.nodes.get((Label(label), node_id))
        if data is None:
            raise NotFound(Label(label).value, node_id)
        node: Node = data["node"]
        return node

    def list_nodes(self, label: Label) -> tuple[Node, ...]:
        """Return all nodes of a label, sorted by id."""
        label = Label(label)
        with self._lock:
            found = [data["node"] for (lab, _), data in self._graph.nodes(data=True)
                     if lab is label]
        return tuple(sorted(found, key=lambda n: n.id))

    def relationships(self, rel_type: RelType | None = None) -> tuple[Relationship, ...]:
        """Return relationships sorted by (type, source, target)."""
        wanted = RelType(rel_type) if rel_type is not None else None
        with self._lock:
            rels = [r for _, _, key, r in self._graph.edges(keys=True, data="rel")
                    if wanted is None or key is wanted]
        return tuple(sorted(rels, key=Relationship.sort_key))

    def search_organisations(self, query: OrganisationQuery) -> tuple[Organisation, ...]:
        """Return organisations matching every filter, sorted by id, paged."""
        checks.check_paging(query)
        with self._lock:
            hits = [org for org in self._organisations() if self._matches(org, query)]
        hits.sort(key=lambda o: o.id)
        return tuple(hits[query.offset:query.offset + query.limit])

    def neighbourhood(self, label: Label, node_id: str, depth: int = 1,
                      limit: int = 500) -> Subgraph:
        """Return the node and everything within `depth` hops, nearest first when cut."""
        checks.check_depth(depth, MAX_NEIGHBOURHOOD_DEPTH)
        start = (Label(label), node_id)
        with self._lock:
            if start not in self._graph:
                raise NotFound(start[0].value, node_id)
            undirected = self._graph.to_undirected(as_view=True)
            distance = nx.single_source_shortest_path_length(undirected, start, cutoff=depth)
            ranked = sorted(distance, key=lambda k: (distance[k], k[0].value, k[1]))
            kept = set(ranked[:max(limit, 1)])
            rels = [r for s, t, r in self._graph.edges(data="rel") if s in kept and t in kept]
            nodes = [(k[0], self._graph.nodes[k]["node"]) for k in kept]
        nodes.sort(key=lambda item: (item[0].value, item[1].id))
        rels.sort(key=Relationship.sort_key)
        return Subgraph(tuple(nodes), tuple(rels), truncated=len(ranked) > len(kept))

    def delete_organisation(self, node_id: str) -> None:
        """Delete an organisation and its relationships."""
        key = (Label.ORGANISATION, node_id)
        with self._lock:
            if key not in self._graph:
                raise NotFound(Label.ORGANISATION.value, node_id)
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
            labels = Counter(lab.value for lab, _ in self._graph.nodes)
            types = Counter(key.value for _, _, key in self._graph.edges(keys=True))
            kinds = Counter(org.kind.value for org in self._organisations())
            origins = Counter(bool(data["node"].synthetic)
                              for (label, _), data in self._graph.nodes(data=True)
                              if label is Label.PPS)
        return checks.complete_stats(labels, types, kinds, origins)

    def revision(self) -> str:
        """Return the write counter as a string."""
        return str(self._revision)

    def clear(self) -> None:
        """Delete all nodes and relationships."""
        with self._lock:
            self._graph.clear()
            self._bump(True)

    def close(self) -> None:
        """Nothing to release."""

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

    def _organisations(self) -> Iterable[Organisation]:
        for (label, _), data in self._graph.nodes(data=True):
            if label is Label.ORGANISATION:
                yield data["node"]

    def _matches(self, org: Organisation, query: OrganisationQuery) -> bool:
        if query.kind is not None and org.kind is not OrgKind(query.kind):
            return False
        if query.synthetic is not None and org.synthetic != query.synthetic:
            return False
        if query.text and query.text.lower() not in org.name.lower():
            return False
        key = (Label.ORGANISATION, org.id)
        if query.theme and not self._graph.has_edge(key, (Label.THEME, query.theme),
                                                    RelType.WORKS_ON):
            return False
        return not query.province or query.province in self._provinces_of(key)

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

