"""Leave-one-member-out evaluation of the matcher beside random, popularity and text baselines.

Leakage: the hidden membership is removed from every signal before ranking. Without a split
year each query ranks on `index.without_memberships([(hidden, pps)])` (profile text, themes,
network and experience of the hidden organisation rebuilt without it). With a split year the
index is built from history only: memberships of coalitions starting in or after that year
are not in it at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from graph_schema.model import GraphSnapshot, OrgKind, RelType
from matcher.baselines import (
    HYBRID_SIGNALS,
    WordModel,
    co_membership,
    fit_word_model,
    hybrid_grid,
    hybrid_signals,
    popularity,
    ranks_under,
    text_char,
)
from matcher.coalition import build_coalition
from matcher.index import MatchIndex, build_index
from matcher.metrics import mean_metrics, metrics_from_rank
from matcher.preparation import prepare_mission
from matcher.query import Mission
from matcher.ranking import score_kind, select
from matcher.weights import WEIGHTS

MIN_MEMBERS = 3
METHODS = ("ppsmatch", "random", "popularity", "text_tfidf", "text_word", "network", "hybrid")


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


def _ppsmatch_rank(index: MatchIndex, mission: Mission, kind: OrgKind, target: int,
                   components: Mapping[str, float] = WEIGHTS) -> int:
    """The target's rank in ppsmatch's list (scored, diversified, mixed) for these weights."""
    rows, scores = score_kind(index, prepare_mission(index, mission, components), kind)
    return _position(rows, scores, select(index, rows, scores, mission.k), target)


def rank_hidden(index: MatchIndex, mission: Mission, hidden: str, k: int,
                rng: np.random.Generator, words: WordModel | None = None,
                ablate: bool = False) -> dict[str, Any]:
    """The hidden member's rank under every method, over the same candidates.

    `hybrid` is a rank per mix of `hybrid_grid()` (the mix is chosen elsewhere); with
    `ablate`, `ablation` holds ppsmatch's rank with each component switched off in turn.
    """
    words = words or fit_word_model(index)
    kind = index.orgs[index.org_pos[hidden]].kind
    mission = replace(mission, kinds=(kind,), k=k)
    prep = prepare_mission(index, mission)
    rows, scores = score_kind(index, prep, kind)
    target = index.org_pos[hidden]
    seeds = prep.network.seeds if prep.network is not None else np.zeros(0, dtype=int)
    signals = hybrid_signals(index, words, prep, rows)
    out: dict[str, Any] = {
        "ppsmatch": _position(rows, scores, select(index, rows, scores, k), target),
        "random": _order_rank(rng.random(len(rows)), rows, target),
        "popularity": _order_rank(popularity(index, rows), rows, target),
        "text_tfidf": _order_rank(text_char(index, kind, mission.text, rows), rows, target),
        "text_word": _order_rank(signals[:, 0], rows, target),
        "network": _order_rank(co_membership(index, seeds, rows), rows, target),
        "hybrid": ranks_under(signals, hybrid_grid(), rows, target),
    }
    if ablate:
        out["ablation"] = {c: _ppsmatch_rank(index, mission, kind, target, {**WEIGHTS, c: 0.0})
                           for c in WEIGHTS}
    return out


def _queries(coalitions: list[Coalition]) -> Iterator[tuple[Coalition, str, Mission]]:
    """Every (coalition, hidden member, mission with the remaining members)."""
    for coalition in coalitions:
        for hidden in coalition.members:
            rest = tuple(m for m in coalition.members if m != hidden)
            yield coalition, hidden, replace(coalition.mission, with_ids=rest)


def _leave_one_out(base: MatchIndex, coalitions: list[Coalition], hide: bool
                   ) -> Iterator[tuple[Coalition, str, Mission, MatchIndex]]:
    """Each query with the index it ranks on (its own membership hidden when `hide`)."""
    for coalition, hidden, mission in _queries(coalitions):
        index = base.without_memberships([(hidden, coalition.pps_id)]) if hide else base
        yield coalition, hidden, mission, index


def tune_mix(ranks: list[np.ndarray], k: int) -> int:
    """The mix (row of `hybrid_grid()`) with the best Recall@k + MRR over tuning queries."""
    if not ranks:
        return 0
    table = np.vstack(ranks)
    value = (table <= k).mean(axis=0) + (1.0 / table).mean(axis=0)
    return int(np.argmax(value))


def _history_mix(snapshot: GraphSnapshot, split_year: int, base: MatchIndex,
                 words: WordModel, k: int) -> int:
    """The hybrid's mix tuned on leave-one-out queries over coalitions before the split."""
    history = [c for c in known_coalitions(snapshot) if _start(base, c.pps_id) < split_year]
    ranks = []
    for _, hidden, mission, index in _leave_one_out(base, history, hide=True):
        kind = index.orgs[index.org_pos[hidden]].kind
        mission = replace(mission, kinds=(kind,), k=k)
        prep = prepare_mission(index, mission)
        rows, _ = score_kind(index, prep, kind)
        ranks.append(ranks_under(hybrid_signals(index, words, prep, rows), hybrid_grid(), rows,
                                 index.org_pos[hidden]))
    return tune_mix(ranks, k)


def _start(index: MatchIndex, pps_id: str) -> int:
    """The start year of a pps (0 when unknown)."""
    return int(index.pps_start[index.pps_pos[pps_id]])


def _choose_hybrid(records: list[dict[str, Any]], k: int, history_mix: int | None
                   ) -> list[dict[str, float]]:
    """Set each record's hybrid rank to its rank under a mix tuned elsewhere; the mixes used.

    With a split year the mix comes from the history; without, from the other half of the
    coalitions (two folds by coalition order), so no query helps choose its own weights.
    """
    pps = sorted({r["pps"] for r in records})
    fold = {p: i % 2 for i, p in enumerate(pps)}
    mixes = {f: tune_mix([r["hybrid_by_mix"] for r in records if fold[r["pps"]] != f], k)
             for f in (0, 1)}
    if history_mix is not None:
        mixes = {0: history_mix, 1: history_mix}
    for r in records:
        r["ranks"]["hybrid"] = int(r["hybrid_by_mix"][mixes[fold[r["pps"]]]])
    grid = hybrid_grid()
    used = sorted(set(mixes.values()))
    return [{s: round(float(w), 2) for s, w in zip(HYBRID_SIGNALS, grid[m], strict=True)}
            for m in used]


def hidden_member_ranks(snapshot: GraphSnapshot, k: int = 10, split_year: int | None = None,
                        random_state: int = 0, ablate: bool = False
                        ) -> tuple[list[dict[str, Any]], list[dict[str, float]]]:
    """One record per query (pps, hidden member, its kind, whether it has history, its ranks)
    and the hybrid's weights used (one mix with a split year, one per fold without)."""
    rng = np.random.default_rng(random_state)
    base = build_index(history_snapshot(snapshot, split_year) if split_year else snapshot)
    words = fit_word_model(base)
    records: list[dict[str, Any]] = []
    queries = _leave_one_out(base, known_coalitions(snapshot, split_year), split_year is None)
    for coalition, hidden, mission, index in queries:
        row = index.org_pos[hidden]
        ranks = rank_hidden(index, mission, hidden, k, rng, words, ablate)
        records.append({"pps": coalition.pps_id, "hidden": hidden,
                        "kind": index.orgs[row].kind.value,
                        "history": bool(index.memberships[row] > 0),
                        "ablation": ranks.pop("ablation", None),
                        "hybrid_by_mix": ranks.pop("hybrid"), "ranks": ranks})
    mix = _history_mix(snapshot, split_year, base, words, k) if split_year else None
    hybrid_weights = _choose_hybrid(records, k, mix)
    return records, hybrid_weights


def rules_met_share(snapshot: GraphSnapshot, split_year: int | None = None,
                    max_size: int = 8) -> float:
    """Share of coalitions built for the known coalitions' missions that meet every rule."""
    coalitions = known_coalitions(snapshot, split_year)
    base = build_index(history_snapshot(snapshot, split_year) if split_year else snapshot)
    built = [build_coalition(base, c.mission, max_size) for c in coalitions]
    return round(sum(b.all_met for b in built) / len(built), 4) if built else 0.0


def _table(records: list[dict[str, Any]], k: int) -> dict[str, Any]:
    """Queries and the mean metrics of every method over some records."""
    return {"queries": len(records),
            "methods": {m: mean_metrics([metrics_from_rank(r["ranks"][m], k) for r in records])
                        for m in METHODS}}


def segments(records: list[dict[str, Any]], k: int) -> dict[str, dict[str, Any]]:
    """The table per segment: hidden members with / without history in the index, per kind."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        groups["with_history" if r["history"] else "without_history"].append(r)
        groups[f"kind:{r['kind']}"].append(r)
    return {name: _table(groups[name], k) for name in sorted(groups)}


def ablation(records: list[dict[str, Any]], k: int) -> dict[str, dict[str, float]]:
    """ppsmatch's metrics with each component switched off in turn (weight 0)."""
    return {f"without {c}": mean_metrics([metrics_from_rank(r["ablation"][c], k)
                                          for r in records]) for c in WEIGHTS}


def evaluate(snapshot: GraphSnapshot, k: int = 10, split_year: int | None = None,
             random_state: int = 0, max_size: int = 8, ablate: bool = False) -> dict[str, Any]:
    """Recall@k, MRR and nDCG@k of ppsmatch and baselines, per segment, and the rules-met
    share of builds; with `ablate`, ppsmatch with each component switched off in turn."""
    records, hybrid_weights = hidden_member_ranks(snapshot, k, split_year, random_state, ablate)
    out = {
        "k": k,
        "queries": len(records),
        "coalitions": len({r["pps"] for r in records}),
        "split_year": split_year,
        "methods": _table(records, k)["methods"],
        "hybrid_weights": hybrid_weights,
        "segments": segments(records, k),
        "rules_met_share": rules_met_share(snapshot, split_year, max_size),
    }
    if ablate:
        out["ablation"] = ablation(records, k)
    return out
