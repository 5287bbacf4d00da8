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
# The figures to reach at 1M organisations (issue 9, DESIGN section 5), upper bounds in seconds.
TARGETS = {"coverage_numbers_all_cells": 1.0, "report_html_and_xlsx": 30.0}
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


def _timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """The value, wall-clock seconds and this process's CPU seconds of `work`.

    CPU time beside wall time: other work on a shared machine slows only the wall clock.
    """
    start, cpu = time.perf_counter(), time.process_time()
    value = work()
    return value, time.perf_counter() - start, time.process_time() - cpu


def _median(work: Callable[[], Any]) -> tuple[float, float]:
    """Median wall-clock and CPU seconds over REPEATS runs."""
    runs = [_timed(work)[1:] for _ in range(REPEATS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


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
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def step(name: str, work: Callable[[], T]) -> T:
        value, wall[name], cpu[name] = _timed(work)
        return value

    snapshot = step("snapshot", store.snapshot)
    model = step("coverage_model", lambda: coverage_model(snapshot))
    cells = coverage(model)
    wall["coverage_numbers_all_cells"], cpu["coverage_numbers_all_cells"] = _median(
        lambda: coverage(model))
    read_model = step("read_model", lambda: read_model_of(store.revision(), snapshot))
    doc = step("report_document_priorities",
               lambda: build_report(read_model, store.url, ReportRequest()))
    with tempfile.TemporaryDirectory() as folder:
        step("html_and_xlsx", lambda: write_report(doc, Path(folder) / "r", ["html", "xlsx"]))
    for figures in (wall, cpu):
        figures["report_html_and_xlsx"] = (figures["report_document_priorities"]
                                           + figures["html_and_xlsx"])
    sample = [(c.province, c.theme) for c in cells[:: max(len(cells) // baseline_cells, 1)]]
    per_cell = _baseline(store, sample[:baseline_cells])
    return {
        "organisations": len(snapshot.organisations),
        "relationships": len(snapshot.relationships),
        "cells": len(cells),
        "seconds": wall,
        "cpu_seconds": cpu,
        "targets_seconds": dict(TARGETS),
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
    print(f"{'':<30}{'wall':>10}  {'cpu':>10}  target")
    for name, value in figures["seconds"].items():
        limit = TARGETS.get(name)
        verdict = "" if limit is None else f"<= {limit:g} s " + (
            "ok" if value <= limit else "OVER")
        print(f"{name:<30}{value:>10.3f}s {figures['cpu_seconds'][name]:>10.3f}s  {verdict}")
    base = figures["baseline_query_per_cell"]
    print(f"{'baseline (query per cell)':<30}{base['seconds_all_cells_extrapolated']:>10.3f} s "
          f"(extrapolated from {base['cells_timed']} cells)")
    print(f"{'organisations':<30}{figures['organisations']:>10,}")
    print(f"{'peak RSS':<30}{figures['peak_rss_mib']:>10.0f} MiB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"ppsmatch: wrote {args.json}", file=sys.stderr)
    return 0
