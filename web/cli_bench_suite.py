"""`ppsmatch bench`: the benchmark suite of issue 8 (see bench/ and README, Benchmarks)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.suite import BenchOptions, run_suite
from web.cli_common import count
from web.config import Settings

DEFAULT_SCALES = "10k,100k"


def add_parser(sub: argparse._SubParsersAction, env: Settings) -> None:
    """Add `bench`."""
    bench = sub.add_parser("bench", help="speed and memory at 10k/100k/1M organisations "
                                         "(prints a table, writes JSON)")
    bench.add_argument("--scale", default=DEFAULT_SCALES,
                       help=f"comma-separated: 10k, 100k, 1m or a number of synthetic "
                            f"companies (default {DEFAULT_SCALES})")
    bench.add_argument("--json-dir", default="bench/results", type=Path,
                       help="folder for <date>-<scale>.json (default bench/results)")
    bench.add_argument("--seed", type=int, default=env.seed, help="seed of the generator")
    bench.add_argument("--runs", type=count, default=30,
                       help="timed recommendations per mission (default 30)")
    bench.add_argument("--neo4j", action="store_true",
                       help="also load each scale into the project's Neo4j server (scripts/neo4j, "
                            "port and home from PPSMATCH_NEO4J_*): rows/s beside a one-row-per-"
                            "call baseline, snapshot() and clear()")
    bench.add_argument("--only-neo4j", action="store_true",
                       help="the Neo4j part alone (implies --neo4j)")
    bench.set_defaults(handler=_bench)


def _bench(args: argparse.Namespace) -> int:
    scales = tuple(s for s in args.scale.split(",") if s.strip())
    if not scales:
        raise ValueError("--scale: give at least one scale")
    console = Console()
    options = BenchOptions(scales, args.seed, args.json_dir, args.runs,
                           neo4j=args.neo4j or args.only_neo4j, in_process=not args.only_neo4j)
    for path in run_suite(options, console):
        console.print(f"ppsmatch bench: wrote {path}")
    return 0
