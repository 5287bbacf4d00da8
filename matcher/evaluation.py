"""Leave-one-member-out evaluation of the matcher beside random, popularity and text baselines.

Leakage: the hidden membership is removed from every signal before ranking. Without a split
year each query ranks on `index.without_memberships([(hidden, pps)])` (profile text, themes,
network and experience of the hidden organisation rebuilt without it). With a split year the
index is built from history only: memberships of coalitions starting in or after that year
are not in it at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from graph_schema.model import GraphSnapshot, OrgKind, RelType
from matcher.coalition import build_coalition
from matcher.index import MatchIndex, build_index
from matcher.metrics import mean_metrics, metrics_from_rank
from matcher.preparation import prepare_mission
from matcher.query import Mission
from matcher.ranking import score_kind, select

MIN_MEMBERS = 3
METHODS = ("ppsmatch", "random", "popularity", "text_tfidf")


@dataclass(frozen=True, slots=True)
class Coalition:
    """A known pps as a query: its mission and members (ids, sorted)."""

    pps_id: str
    mission: Mission
    members: tuple[str, ...]


def known_coalitions(snapshot: GraphSnapshot, split_year: int | None = None) -> list[Coalition]:
    """Pps'en with at least MIN_MEMBERS members (from `split_year` on, when given), by id."""
    members: dict[str, list[str]] = defaultdict(list)
    themes: dict[str, list[str]] = defaultdict(list)
    province: dict[str, str] = {}
    for rel in snapshot.relationships:
        if rel.type is RelType.MEMBER_OF:
            members[rel.target].append(rel.source)
        elif rel.type is RelType.FOCUSES_ON:
            themes[rel.source].append(rel.target)
        elif rel.type is RelType.ACTIVE_IN:
            province.setdefault(rel.source, rel.target)
    out = []
    for pps in sorted(snapshot.ppses, key=lambda p: p.id):
        if len(members[pps.id]) < MIN_MEMBERS:
            continue
        if split_year is not None and (pps.start_year or 0) < split_year:
            continue
        mission = Mission(text=pps.mission, themes=tuple(sorted(themes[pps.id])),
                          province=province.get(pps.id, ""))
        out.append(Coalition(pps.id, mission, tuple(sorted(members[pps.id]))))
    return out


def history_snapshot(snapshot: GraphSnapshot, split_year: int) -> GraphSnapshot:
    """The snapshot without memberships of pps'en starting in or after `split_year`."""
    later = {p.id for p in snapshot.ppses if (p.start_year or 0) >= split_year}
    rels = tuple(r for r in snapshot.relationships
                 if not (r.type is RelType.MEMBER_OF and r.target in later))
    return replace(snapshot, relationships=rels)


def _position(rows: np.ndarray, scores: np.ndarray, top: np.ndarray, target: int) -> int:
    """1-based rank of the target: inside the chosen top, or after it by (score, id)."""
    hit = np.flatnonzero(rows[top] == target)
    if len(hit):
        return int(hit[0]) + 1
    t = int(np.flatnonzero(rows == target)[0])
    rest = np.ones(len(rows), dtype=bool)
    rest[top] = False
    better = (scores > scores[t]) | ((scores == scores[t]) & (rows < rows[t]))
    return len(top) + 1 + int((better & rest).sum())


def _order_rank(keys: np.ndarray, rows: np.ndarray, target: int) -> int:
    """1-based rank of the target when sorted by descending key, ties by id."""
    t = int(np.flatnonzero(rows == target)[0])
    better = (keys > keys[t]) | ((keys == keys[t]) & (rows < rows[t]))
    return 1 + int(better.sum())


def _text_scores(index: MatchIndex, kind: OrgKind, text: str, rows: np.ndarray) -> np.ndarray:
    """Text-only baseline: TF-IDF cosine of the mission text and the candidates' profiles."""
    query = np.zeros(index.model.n_text + len(index.themes), dtype=np.float32)
    vec = index.model.vectoriser.transform([text])
    norm = float(np.sqrt(vec.multiply(vec).sum())) or 1.0
    query[vec.indices] = vec.data / norm
    return index.block_scores(kind, query)[index.kind_pos[rows]]


def rank_hidden(index: MatchIndex, mission: Mission, hidden: str, k: int,
                rng: np.random.Generator) -> dict[str, int]:
    """The hidden member's rank under every method, over the same candidates."""
    kind = index.orgs[index.org_pos[hidden]].kind
    mission = replace(mission, kinds=(kind,), k=k)
    rows, scores = score_kind(index, prepare_mission(index, mission), kind)
    target = index.org_pos[hidden]
    return {
        "ppsmatch": _position(rows, scores, select(index, rows, scores, k), target),
        "random": _order_rank(rng.random(len(rows)), rows, target),
        "popularity": _order_rank(index.memberships[rows].astype(float), rows, target),
        "text_tfidf": _order_rank(_text_scores(index, kind, mission.text, rows), rows, target),
    }


def _queries(coalitions: list[Coalition]) -> Iterator[tuple[Coalition, str, Mission]]:
    """Every (coalition, hidden member, mission with the remaining members)."""
    for coalition in coalitions:
        for hidden in coalition.members:
            rest = tuple(m for m in coalition.members if m != hidden)
            yield coalition, hidden, replace(coalition.mission, with_ids=rest)


def hidden_member_ranks(snapshot: GraphSnapshot, k: int = 10, split_year: int | None = None,
                        random_state: int = 0) -> list[dict[str, Any]]:
    """One record per query: pps, hidden member, its kind and its rank under every method."""
    rng = np.random.default_rng(random_state)
    base = build_index(history_snapshot(snapshot, split_year) if split_year else snapshot)
    records = []
    for coalition, hidden, mission in _queries(known_coalitions(snapshot, split_year)):
        index = base
        if split_year is None:
            index = base.without_memberships([(hidden, coalition.pps_id)])
        ranks = rank_hidden(index, mission, hidden, k, rng)
        kind = index.orgs[index.org_pos[hidden]].kind.value
        records.append({"pps": coalition.pps_id, "hidden": hidden, "kind": kind, "ranks": ranks})
    return records


def rules_met_share(snapshot: GraphSnapshot, split_year: int | None = None,
                    max_size: int = 8) -> float:
    """Share of coalitions built for the known coalitions' missions that meet every rule."""
    coalitions = known_coalitions(snapshot, split_year)
    base = build_index(history_snapshot(snapshot, split_year) if split_year else snapshot)
    built = [build_coalition(base, c.mission, max_size) for c in coalitions]
    return round(sum(b.all_met for b in built) / len(built), 4) if built else 0.0


def evaluate(snapshot: GraphSnapshot, k: int = 10, split_year: int | None = None,
             random_state: int = 0, max_size: int = 8) -> dict[str, Any]:
    """Recall@k, MRR and nDCG@k of ppsmatch and baselines, and the rules-met share of builds."""
    records = hidden_member_ranks(snapshot, k, split_year, random_state)
    methods = {m: mean_metrics([metrics_from_rank(r["ranks"][m], k) for r in records])
               for m in METHODS}
    return {
        "k": k,
        "queries": len(records),
        "coalitions": len({r["pps"] for r in records}),
        "split_year": split_year,
        "methods": methods,
        "rules_met_share": rules_met_share(snapshot, split_year, max_size),
    }
