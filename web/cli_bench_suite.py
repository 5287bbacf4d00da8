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
    bench.set_defaults(handler=_bench)


def _bench(args: argparse.Namespace) -> int:
    scales = tuple(s for s in args.scale.split(",") if s.strip())
    if not scales:
        raise ValueError("--scale: give at least one scale")
    console = Console()
    for path in run_suite(BenchOptions(scales, args.seed, args.json_dir, args.runs), console):
        console.print(f"ppsmatch bench: wrote {path}")
    return 0
