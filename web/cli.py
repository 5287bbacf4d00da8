"""The `ppsmatch` command line."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence

from graph_schema.errors import GraphError, StoreUnavailable
from seed_data.bundle import BundleError
from web import (
    cli_bench,
    cli_bench_suite,
    cli_match,
    cli_report,
    cli_themes,
    cli_tokens,
    production,
)
from web.cli_common import add_store_args, count, open_from_args, open_with_data
from web.config import Settings
from web.services import seeding

EXIT_BAD_INPUT = 2
EXIT_STORE_DOWN = 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ppsmatch command; exit non-zero with a message on failure."""
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:
        # The reader (e.g. `head`) stopped reading; Python's documented way to exit quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except StoreUnavailable as exc:
        print(f"ppsmatch: store unavailable: {exc}", file=sys.stderr)
        return EXIT_STORE_DOWN
    except (BundleError, GraphError, ValueError) as exc:
        print(f"ppsmatch: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    env = Settings.from_env()
    parser = argparse.ArgumentParser(prog="ppsmatch", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    load = sub.add_parser("load", help="load the seed data (real reference data + synthetic)")
    add_store_args(load, env)
    load.add_argument("--data", metavar="DIR",
                      help="load a folder in the generic import format instead of the seed")
    load.set_defaults(handler=_cmd_load)

    stats = sub.add_parser("stats", help="print node and relationship counts")
    add_store_args(stats, env)
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=_cmd_stats)

    serve = sub.add_parser("serve", help="run the web service with gunicorn")
    add_store_args(serve, env)
    serve.add_argument("--host", default=env.host, help="env PPSMATCH_HOST")
    serve.add_argument("--port", type=int, default=env.port, help="env PPSMATCH_PORT")
    serve.add_argument("--workers", type=count, default=env.workers,
                       help="gunicorn worker processes (env PPSMATCH_WORKERS; 1 on memory://)")
    serve.add_argument("--threads", type=count, default=env.threads,
                       help="threads per worker (env PPSMATCH_THREADS)")
    serve.set_defaults(handler=_cmd_serve)

    cli_match.add_parsers(sub, env)
    cli_tokens.add_parser(sub, env)
    cli_report.add_parser(sub, env)
    cli_bench.add_parser(sub, env)
    cli_bench_suite.add_parser(sub, env)
    cli_themes.add_parser(sub)
    return parser


def _cmd_load(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    try:
        if args.data:
            report = seeding.import_folder(store, args.data)
        else:
            report = seeding.seed_store(store, args.companies, args.seed)
    finally:
        store.close()
    print(report.summary())
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    store = open_with_data(args)
    try:
        stats = seeding.graph_stats(store).as_dict()
    finally:
        store.close()
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    for section, counts in stats.items():
        print(section.replace("_", " ") + ":")
        for name, number in counts.items():
            print(f"  {name:<22}{number:>10,}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from web.app import create_app
    from web.model_builder import service_folder
    from web.server import serve
    from web.shared_model import SharedModel

    settings = dataclasses.replace(
        Settings.from_env(), store_url=args.store, companies=args.companies, seed=args.seed)
    production.check(settings)  # before gunicorn starts: a clear message and exit code 2
    workers = max(args.workers, 1)
    if args.store.startswith("memory:") and workers > 1:
        # Each worker would hold its own copy of the embedded graph and writes would diverge.
        print("ppsmatch: the embedded store lives in one process: serving with 1 worker",
              file=sys.stderr)
        workers = 1
    threads = max(args.threads, 1)
    if args.store.startswith("memory:"):
        serve(lambda: create_app(settings), args.host, args.port, workers, threads, preload=True)
        return 0
    # One snapshot and build for all workers, instead of one per worker after the fork; later
    # revisions are built once too, by one worker, into the folder they share.
    folder = service_folder(settings.model_dir, settings.store_url)
    shared = SharedModel.build(settings.store_url, folder)
    serve(lambda: create_app(settings, first_model=shared.take(), model_folder=folder),
          args.host, args.port, workers, threads, spawned=shared.drop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
