"""`ppsmatch benchmark coverage`: how long the coverage numbers and the report take."""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from graph_schema.model import Label, OrganisationQuery, OrgKind
from graph_schema.store import GraphStore
from matcher.coverage import coverage, coverage_model
from web.cli_common import add_store_args, count, open_from_args
from web.config import Settings
from web.reports.files import write_report
from web.services.coverage_report import ReportRequest, build_report
from web.services.read_model import read_model_of
from web.services.seeding import seed_store

T = TypeVar("T")
REPEATS = 3
# One query per kind per cell is slow: time a sample of cells and scale to all of them.
BASELINE_CELLS = 12
PAGE = 1000  # the store's largest page


def add_parser(sub: argparse._SubParsersAction, env: Settings) -> None:
    """Add `benchmark coverage`."""
    bench = sub.add_parser("benchmark", help="measure speed (prints figures, writes JSON)")
    kinds = bench.add_subparsers(dest="benchmark", required=True)
    cov = kinds.add_parser("coverage", help="coverage numbers and the full report")
    add_store_args(cov, env)
    cov.add_argument("--load", action="store_true",
                     help="load the seed with --companies first (always on memory://)")
    cov.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    cov.add_argument("--baseline-cells", type=count, default=BASELINE_CELLS,
                     help="cells timed for the one-query-per-cell baseline")
    cov.set_defaults(handler=_coverage)


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


def _median(work: Callable[[], Any]) -> float:
    return statistics.median(_timed(work)[1] for _ in range(REPEATS))


def _baseline(store: GraphStore, cells: list[tuple[str, str]]) -> float:
    """Seconds per cell when each cell asks the store once per kind (the approach avoided)."""
    start = time.perf_counter()
    for province, theme in cells:
        for kind in OrgKind:
            offset = 0
            while len(store.search_organisations(OrganisationQuery(
                    province=province, theme=theme, kind=kind, limit=PAGE, offset=offset))) \
                    == PAGE:
                offset += PAGE
    return (time.perf_counter() - start) / max(len(cells), 1)


def _figures(store: GraphStore, baseline_cells: int) -> dict[str, Any]:
    snapshot, t_snapshot = _timed(store.snapshot)
    model, t_model = _timed(lambda: coverage_model(snapshot))
    cells = coverage(model)
    t_numbers = _median(lambda: coverage(model))
    read_model, t_read_model = _timed(lambda: read_model_of(store.revision(), snapshot))
    doc, t_document = _timed(lambda: build_report(read_model, store.url, ReportRequest()))
    with tempfile.TemporaryDirectory() as folder:
        _, t_files = _timed(lambda: write_report(doc, Path(folder) / "r", ["html", "xlsx"]))
    sample = [(c.province, c.theme) for c in cells[:: max(len(cells) // baseline_cells, 1)]]
    per_cell = _baseline(store, sample[:baseline_cells])
    return {
        "organisations": len(snapshot.organisations),
        "relationships": len(snapshot.relationships),
        "cells": len(cells),
        "seconds": {"snapshot": t_snapshot, "coverage_model": t_model,
                    "coverage_numbers_all_cells": t_numbers, "read_model": t_read_model,
                    "report_document_priorities": t_document, "html_and_xlsx": t_files},
        "baseline_query_per_cell": {"cells_timed": min(len(sample), baseline_cells),
                                    "seconds_per_cell": per_cell,
                                    "seconds_all_cells_extrapolated": per_cell * len(cells)},
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _coverage(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    try:
        if args.load or args.store.startswith("memory:"):
            seed_store(store, args.companies, args.seed)
        if not store.list_nodes(Label.PROVINCE):
            raise ValueError("the store is empty: give --load")
        figures = {"store": args.store.split("@")[-1], **_figures(store, args.baseline_cells)}
    finally:
        store.close()
    for name, value in figures["seconds"].items():
        print(f"{name:<30}{value:>10.3f} s")
    base = figures["baseline_query_per_cell"]
    print(f"{'baseline (query per cell)':<30}{base['seconds_all_cells_extrapolated']:>10.3f} s "
          f"(extrapolated from {base['cells_timed']} cells)")
    print(f"{'organisations':<30}{figures['organisations']:>10,}")
    print(f"{'peak RSS':<30}{figures['peak_rss_mib']:>10.0f} MiB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"ppsmatch: wrote {args.json}", file=sys.stderr)
    return 0
