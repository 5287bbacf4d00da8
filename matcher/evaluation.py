"""Leave-one-member-out evaluation of the matcher beside random, popularity and text baselines.

Leakage: the hidden membership is removed from every signal before ranking. Without a split
year each query ranks on `index.without_memberships([(hidden, pps)])` (profile text, themes,
network and experience of the hidden organisation rebuilt without it). With a split year the
index is built from history only: memberships of coalitions starting in or after that year
are not in it at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from graph_schema.model import GraphSnapshot, OrgKind, RelType
from matcher.baselines import (
    HYBRID_SIGNALS,
    co_membership,
    hybrid_grid,
    hybrid_signals,
    popularity,
    ranks_under,
    text_char,
)
from matcher.coalition import build_coalition
from matcher.components import COMPONENTS
from matcher.index import MatchIndex, build_index
from matcher.learning import TrainingQuery, fit_pooled, fit_weights, training_query
from matcher.metrics import mean_metrics, metrics_from_rank
from matcher.preparation import prepare_mission
from matcher.query import Mission
from matcher.ranking import candidate_components, score_kind
from matcher.selection import select
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
    prep = prepare_mission(index, mission, components)
    rows, scores = score_kind(index, prep, kind)
    return _position(rows, scores, select(index, prep, rows, scores, mission.k).positions, target)


def _as_query(index: MatchIndex, mission: Mission, hidden: str, k: int
              ) -> tuple[Mission, OrgKind, int]:
    """The mission asking for the hidden member's kind, that kind and the member's row."""
    kind = index.orgs[index.org_pos[hidden]].kind
    return replace(mission, kinds=(kind,), k=k), kind, index.org_pos[hidden]


def baseline_ranks(index: MatchIndex, mission: Mission, hidden: str, k: int,
                   rng: np.random.Generator, sample: np.random.Generator | None = None
                   ) -> tuple[dict[str, Any], TrainingQuery]:
    """The hidden member's rank under every baseline, and the query as training data.

    `hybrid` is a rank per mix of `hybrid_grid()` (the mix is chosen elsewhere).
    """
    mission, kind, target = _as_query(index, mission, hidden, k)
    prep = prepare_mission(index, mission)
    rows, components = candidate_components(index, prep, kind)
    seeds = prep.network.seeds if prep.network is not None else np.zeros(0, dtype=int)
    signals = hybrid_signals(index, prep, rows)
    ranks: dict[str, Any] = {
        "random": _order_rank(rng.random(len(rows)), rows, target),
        "popularity": _order_rank(popularity(index, rows), rows, target),
        "text_tfidf": _order_rank(text_char(index, kind, mission.text, rows), rows, target),
        "text_word": _order_rank(signals[:, 0], rows, target),
        "network": _order_rank(co_membership(index, seeds, rows), rows, target),
        "hybrid": ranks_under(signals, hybrid_grid(), rows, target),
    }
    return ranks, training_query(rows, components, target, sample or rng)


def ppsmatch_ranks(index: MatchIndex, mission: Mission, hidden: str, k: int,
                   weights: Mapping[str, float] = WEIGHTS, ablate: bool = False
                   ) -> tuple[int, dict[str, int] | None]:
    """The hidden member's rank in ppsmatch's list under these weights, and with `ablate`
    its rank with each component switched off in turn."""
    mission, kind, target = _as_query(index, mission, hidden, k)
    rank = _ppsmatch_rank(index, mission, kind, target, weights)
    if not ablate:
        return rank, None
    return rank, {c: _ppsmatch_rank(index, mission, kind, target, {**weights, c: 0.0})
                  for c in weights}


def rank_hidden(index: MatchIndex, mission: Mission, hidden: str, k: int,
                rng: np.random.Generator, weights: Mapping[str, float] = WEIGHTS
                ) -> dict[str, Any]:
    """The hidden member's rank under ppsmatch (these weights) and every baseline."""
    ranks, _ = baseline_ranks(index, mission, hidden, k, rng)
    return {"ppsmatch": ppsmatch_ranks(index, mission, hidden, k, weights)[0], **ranks}


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


@dataclass(frozen=True, slots=True)
class Learned:
    """What is chosen on queries that are not measured: the hybrid's mix, ppsmatch's weights."""

    mix: int
    weights: dict[str, float]


def _learned(ranks: list[np.ndarray], training: list[TrainingQuery], k: int) -> Learned:
    """The hybrid's mix tuned on these ranks and ppsmatch's weights fitted on this training."""
    return Learned(tune_mix(ranks, k), fit_weights(training) if training else dict(WEIGHTS))


def _learn(queries: Iterable[tuple[Coalition, str, Mission, MatchIndex]], k: int,
           rng: np.random.Generator) -> Learned:
    """The hybrid's mix and ppsmatch's weights fitted on leave-one-out queries."""
    ranks, training = [], []
    for _, hidden, mission, index in queries:
        baselines, query = baseline_ranks(index, mission, hidden, k, rng)
        ranks.append(baselines["hybrid"])
        training.append(query)
    return _learned(ranks, training, k)


def _start(index: MatchIndex, pps_id: str) -> int:
    """The start year of a pps (0 when unknown)."""
    return int(index.pps_start[index.pps_pos[pps_id]])


def _folds(records: list[dict[str, Any]]) -> dict[str, int]:
    """Two folds by coalition order: each pps to fold 0 or 1."""
    return {p: i % 2 for i, p in enumerate(sorted({r["pps"] for r in records}))}


def _learn_per_fold(records: list[dict[str, Any]], k: int) -> dict[int, Learned]:
    """Per fold: the mix and weights fitted on the records of the other fold."""
    fold = _folds(records)
    out = {}
    for f in (0, 1):
        others = [r for r in records if fold[r["pps"]] != f]
        out[f] = _learned([r["hybrid_by_mix"] for r in others], [r["training"] for r in others], k)
    return out


def _mix_weights(mix: int) -> dict[str, float]:
    """The hybrid's weights of a mix (a row of `hybrid_grid()`)."""
    return {s: round(float(w), 2) for s, w in zip(HYBRID_SIGNALS, hybrid_grid()[mix], strict=True)}


def hidden_member_ranks(snapshot: GraphSnapshot, k: int = 10, split_year: int | None = None,
                        random_state: int = 0, ablate: bool = False, keep_mixes: bool = False
                        ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One record per query (pps, hidden member, its kind, whether it has history, its ranks)
    and what was learned without the measured queries: the hybrid's mix and ppsmatch's
    weights, from the history with a split year, else per fold from the other fold.
    `keep_mixes` keeps each record's hybrid rank under every mix (`hybrid_by_mix`)."""
    rng = np.random.default_rng(random_state)
    sample = np.random.default_rng(random_state + 1)
    base = build_index(history_snapshot(snapshot, split_year) if split_year else snapshot)
    coalitions = known_coalitions(snapshot, split_year)
    records: list[dict[str, Any]] = []
    for coalition, hidden, mission, index in _leave_one_out(base, coalitions, split_year is None):
        row = index.org_pos[hidden]
        ranks, training = baseline_ranks(index, mission, hidden, k, rng, sample)
        records.append({"pps": coalition.pps_id, "hidden": hidden,
                        "kind": index.orgs[row].kind.value,
                        "history": bool(index.memberships[row] > 0),
                        "hybrid_by_mix": ranks.pop("hybrid"), "ranks": ranks,
                        "training": training})
    if split_year:
        history = [c for c in known_coalitions(snapshot) if _start(base, c.pps_id) < split_year]
        learned = _learn(_leave_one_out(base, history, hide=True), k, sample)
        per_fold = {0: learned, 1: learned}
    else:
        per_fold = _learn_per_fold(records, k)
    fold = _folds(records)
    queries = _leave_one_out(base, coalitions, split_year is None)
    for r, (_, hidden, mission, index) in zip(records, queries, strict=True):
        chosen = per_fold[fold[r["pps"]]]
        by_mix = r["hybrid_by_mix"] if keep_mixes else r.pop("hybrid_by_mix")
        r["ranks"]["hybrid"] = int(by_mix[chosen.mix])
        r["ranks"]["ppsmatch"], r["ablation"] = ppsmatch_ranks(index, mission, hidden, k,
                                                               chosen.weights, ablate)
        del r["training"]
    used = {(fit.mix, tuple(fit.weights.items())): fit for fit in per_fold.values()}
    return records, [{"hybrid": _mix_weights(fit.mix), "ppsmatch": fit.weights}
                     for fit in used.values()]


def training_queries(snapshot: GraphSnapshot, split_year: int | None = None,
                     real_only: bool = False, random_state: int = 0) -> list[TrainingQuery]:
    """Leave-one-out training queries of the coalitions starting before `split_year` (of all,
    without one); with `real_only` only of pps'en that are not synthetic."""
    base = build_index(history_snapshot(snapshot, split_year) if split_year else snapshot)
    synthetic = {p.id for p in snapshot.ppses if p.synthetic}
    coalitions = [c for c in known_coalitions(snapshot)
                  if (split_year is None or _start(base, c.pps_id) < split_year)
                  and not (real_only and c.pps_id in synthetic)]
    rng = np.random.default_rng(random_state)
    out = []
    for _, hidden, mission, index in _leave_one_out(base, coalitions, hide=True):
        mission, kind, target = _as_query(index, mission, hidden, 10)
        rows, components = candidate_components(index, prepare_mission(index, mission), kind)
        out.append(training_query(rows, components, target, rng))
    return out


def learn_weights(snapshots: Sequence[GraphSnapshot], split_year: int | None = None,
                  real_only: bool = False) -> tuple[dict[str, float], list[int]]:
    """ppsmatch's weights fitted on the training queries of several graphs, each graph counting
    equally (matcher.learning.fit_pooled), and the number of queries per graph."""
    sets = [training_queries(s, split_year, real_only) for s in snapshots]
    return fit_pooled(sets), [len(q) for q in sets]


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
                                          for r in records]) for c in COMPONENTS}


def evaluate(snapshot: GraphSnapshot, k: int = 10, split_year: int | None = None,
             random_state: int = 0, max_size: int = 8, ablate: bool = False) -> dict[str, Any]:
    """Recall@k, MRR and nDCG@k of ppsmatch and baselines, per segment, and the rules-met
    share of builds; with `ablate`, ppsmatch with each component switched off in turn."""
    records, learned = hidden_member_ranks(snapshot, k, split_year, random_state, ablate)
    out = {
        "k": k,
        "queries": len(records),
        "coalitions": len({r["pps"] for r in records}),
        "split_year": split_year,
        "methods": _table(records, k)["methods"],
        "learned": learned,
        "segments": segments(records, k),
        "rules_met_share": rules_met_share(snapshot, split_year, max_size),
    }
    if ablate:
        out["ablation"] = ablation(records, k)
    return out
