"""Run the suite: each scale in a fresh process, then print the tables and write the JSON."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from bench.inprocess import measure_scale
from bench.machine import describe
from bench.neo4j_figures import measure_neo4j
from bench.neo4j_server import bench_server
from bench.report import print_neo4j_table, print_table, write_json
from bench.targets import as_json
from seed_data.synthetic import SCALES


@dataclass(frozen=True)
class BenchOptions:
    """What to run: scales by name (10k, 100k, 1m or a number of companies), repetitions, parts.

    `neo4j` adds the Neo4j part (loading, snapshot, clear on the project's server);
    `in_process` off leaves only that part.
    """

    scales: tuple[str, ...]
    seed: int
    json_dir: Path
    runs: int = 30
    coalition_runs: int = 5
    neo4j: bool = False
    in_process: bool = True


def companies_of(scale: str) -> int:
    """The number of synthetic companies of a scale name ('100k') or number ('45000')."""
    name = scale.strip().lower()
    if name in SCALES:
        return SCALES[name]
    if name.isdigit() and int(name) > 0:
        return int(name)
    raise ValueError(f"--scale: unknown scale {scale!r} (use {', '.join(SCALES)} or a number)")


def _in_fresh_process(work: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    # spawn, not fork: the child starts without this process's heap, so RSS is its own.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(work, *args).result()


def run_suite(options: BenchOptions, console: Console) -> list[Path]:
    """Measure every scale, print the tables, write bench results; return the files written."""
    about = describe()
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    in_process: list[tuple[str, dict[str, Any]]] = []
    on_neo4j: list[tuple[str, dict[str, Any]]] = []
    written = []
    sizes = [companies_of(scale) for scale in options.scales]  # all named before any runs
    with ExitStack() as stack:
        server = stack.enter_context(bench_server()) if options.neo4j else None
        for scale, companies in zip(options.scales, sizes, strict=True):
            console.print(f"ppsmatch bench: {scale} ({companies:,} synthetic companies) ...")
            document = {"scale": scale, "seed": options.seed, "date": date, **about,
                        "targets": as_json()}
            if options.in_process:
                figures = _in_fresh_process(measure_scale, companies, options.seed,
                                            options.runs, options.coalition_runs)
                in_process.append((scale, figures))
                document["in_process"] = figures
            if server is not None:
                console.print(f"ppsmatch bench: {scale} on Neo4j at {server.url} ...")
                figures = _in_fresh_process(measure_neo4j, companies, options.seed,
                                            server.url, server.pid)
                on_neo4j.append((scale, figures))
                document["neo4j"] = figures
            written.append(write_json(options.json_dir, f"{date}-{scale}", document))
    if in_process:
        print_table(in_process, console)
    if on_neo4j:
        print_neo4j_table(on_neo4j, console)
    return written
