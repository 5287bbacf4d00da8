"""The in-process figures of one scale: generation, store, read model, queries, coverage.

Run in a fresh process per scale (see bench.suite) so that memory figures do not carry over.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bench.memory import peak_mib, reset_peak, rss_mib, settle
from bench.missions import MISSIONS
from bench.timing import cpu_timed, percentiles, samples_ms, timed
from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import GraphSnapshot, OrgKind
from matcher import MatchIndex, build_coalition, build_index, match
from matcher.coverage import coverage, coverage_model
from matcher.preparation import prepare_mission
from seed_data.loader import load_bundle
from seed_data.seed import build_seed_bundle
from web.native_threads import one_thread_per_call
from web.services.read_model import read_model_of

COVERAGE_REPEATS = 3


def _memory_phase(work: Any) -> tuple[Any, float, float, float, float, float]:
    """Run `work`: its value, seconds, CPU seconds, peak RSS increase, process peak and the
    RSS it leaves (MiB)."""
    settle()
    before = rss_mib()
    reset_peak()
    value, seconds, cpu = cpu_timed(work)
    peak = peak_mib()
    settle()
    return value, seconds, cpu, peak - before, peak, rss_mib() - before


def _queries(index: MatchIndex, runs: int, coalition_runs: int) -> dict[str, Any]:
    """Recommendation and coalition latency beside the floor, over all missions."""
    recommend: tuple[list[float], list[float]] = ([], [])
    floor: tuple[list[float], list[float]] = ([], [])
    coalition: tuple[list[float], list[float]] = ([], [])
    company = index.blocks[OrgKind.COMPANY].profile
    for mission in MISSIONS:
        query = prepare_mission(index, mission).query
        for into, (wall, cpu) in (
                (recommend, samples_ms(lambda m=mission: match(index, m), runs)),
                (floor, samples_ms(lambda q=query: company @ q, runs)),
                (coalition, samples_ms(lambda m=mission: build_coalition(index, m),
                                       coalition_runs))):
            into[0].extend(wall)
            into[1].extend(cpu)
    rec, flo = percentiles(recommend[0]), percentiles(floor[0])
    rec_cpu, flo_cpu = percentiles(recommend[1]), percentiles(floor[1])
    return {"recommendation_ms": rec, "floor_ms": flo,
            "ratio_p50": rec["p50"] / flo["p50"] if flo["p50"] else None,
            "recommendation_cpu_ms": rec_cpu, "floor_cpu_ms": flo_cpu,
            "ratio_cpu_p50": rec_cpu["p50"] / flo_cpu["p50"] if flo_cpu["p50"] else None,
            "coalition_build_ms": percentiles(coalition[0]),
            "coalition_build_cpu_ms": percentiles(coalition[1]),
            "missions": len(MISSIONS), "runs_per_mission": runs}


def _digest(answers: list[dict[str, Any]]) -> str:
    """SHA-256 of answers as sorted JSON."""
    return hashlib.sha256(json.dumps(answers, sort_keys=True).encode("utf-8")).hexdigest()


def output_digests(index: MatchIndex) -> dict[str, str]:
    """SHA-256 of the match and coalition answers to every mission (the identity check).

    A speed change that keeps them leaves the matcher's output byte for byte as it was; the
    same digest at the same scale and seed before and after shows it.
    """
    return {"match": _digest([match(index, m).to_dict() for m in MISSIONS]),
            "coalition": _digest([build_coalition(index, m).to_dict() for m in MISSIONS])}


def _coverage(snapshot: GraphSnapshot) -> dict[str, Any]:
    model, model_s = timed(lambda: coverage_model(snapshot))
    cells, _ = timed(lambda: coverage(model))
    runs = [timed(lambda: coverage(model))[1] for _ in range(COVERAGE_REPEATS)]
    return {"cells": len(cells), "model_s": model_s, "all_cells_s": sorted(runs)[len(runs) // 2]}


def _seeded_store(companies: int, seed: int) -> tuple[MemoryGraphStore, float, float]:
    """A memory store holding the seed graph, and the seconds to generate and to load it.

    The bundle goes out of scope on return, so the store's RSS is measured without it.
    """
    bundle, generate_s = timed(lambda: build_seed_bundle(companies=companies, seed=seed))
    store = MemoryGraphStore()
    _, load_s = timed(lambda: load_bundle(store, bundle))
    return store, generate_s, load_s


def measure_scale(companies: int, seed: int, runs: int, coalition_runs: int) -> dict[str, Any]:
    """Every in-process figure for a seed graph with `companies` synthetic companies."""
    one_thread_per_call()  # as the service runs (web.app)
    settle()
    baseline = rss_mib()
    store, generate_s, load_s = _seeded_store(companies, seed)
    settle()
    store_rss = rss_mib() - baseline
    snapshot, snapshot_s = timed(store.snapshot)
    _, index_s, index_cpu, index_peak, _, _ = _memory_phase(lambda: build_index(snapshot))
    model, model_s, model_cpu, model_peak, process_peak, model_rss = _memory_phase(
        lambda: read_model_of(store.revision(), snapshot))
    return {
        "companies": companies,
        "organisations": len(snapshot.organisations),
        "relationships": len(snapshot.relationships),
        "seconds": {"generate": generate_s, "load_memory_store": load_s, "snapshot": snapshot_s,
                    "build_index": index_s, "read_model": model_s},
        "cpu_seconds": {"build_index": index_cpu, "read_model": model_cpu},
        "memory_mib": {"process_baseline": baseline, "store": store_rss,
                       "build_index_peak": index_peak, "read_model_peak": model_peak,
                       "read_model_held": model_rss, "process_peak": process_peak},
        **_queries(model.index, runs, coalition_runs),
        "output_sha256": output_digests(model.index),
        "coverage": _coverage(snapshot),
    }
