"""Run the suite: each scale in a fresh process, then print the table and write the JSON."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from bench.inprocess import measure_scale
from bench.machine import describe
from bench.report import print_table, write_json
from bench.targets import TARGETS
from seed_data.synthetic import SCALES


@dataclass(frozen=True)
class BenchOptions:
    """What to run: scales by name (10k, 100k, 1m or a number of companies) and repetitions."""

    scales: tuple[str, ...]
    seed: int
    json_dir: Path
    runs: int = 30
    coalition_runs: int = 5


def companies_of(scale: str) -> int:
    """The number of synthetic companies of a scale name ('100k') or number ('45000')."""
    name = scale.strip().lower()
    if name in SCALES:
        return SCALES[name]
    if name.isdigit() and int(name) > 0:
        return int(name)
    raise ValueError(f"--scale: unknown scale {scale!r} (use {', '.join(SCALES)} or a number)")


def _in_fresh_process(companies: int, options: BenchOptions) -> dict[str, Any]:
    # spawn, not fork: the child starts without this process's heap, so RSS is its own.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(measure_scale, companies, options.seed, options.runs,
                           options.coalition_runs).result()


def run_suite(options: BenchOptions, console: Console) -> list[Path]:
    """Measure every scale, print the table, write bench results; return the files written."""
    about = describe()
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    results: list[tuple[str, dict[str, Any]]] = []
    written = []
    sizes = [companies_of(scale) for scale in options.scales]  # all named before any runs
    for scale, companies in zip(options.scales, sizes, strict=True):
        console.print(f"ppsmatch bench: {scale} ({companies:,} synthetic companies) ...")
        figures = _in_fresh_process(companies, options)
        results.append((scale, figures))
        document = {"scale": scale, "seed": options.seed, "date": date, **about,
                    "targets": {k: {"limit": v, "unit": u} for k, (v, u) in TARGETS.items()},
                    "in_process": figures}
        written.append(write_json(options.json_dir, f"{date}-{scale}", document))
    print_table(results, console)
    return written
