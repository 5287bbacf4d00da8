"""Arguments and helpers shared by the `ppsmatch` subcommands."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from graph_schema.factory import open_store
from graph_schema.store import GraphStore
from web.config import DEFAULT_COMPANIES, DEFAULT_SEED, Settings
from web.services import seeding


def add_store_args(parser: argparse.ArgumentParser, env: Settings) -> None:
    """--store, --companies and --seed, with defaults from the environment."""
    parser.add_argument("--store", default=env.store_url,
                        help="memory:// (default) or bolt://host:port (env PPSMATCH_STORE)")
    parser.add_argument("--companies", type=count, default=env.companies,
                        help=f"synthetic companies to generate (default {DEFAULT_COMPANIES})")
    parser.add_argument("--seed", type=int, default=env.seed,
                        help=f"seed of the synthetic generator (default {DEFAULT_SEED})")


def count(raw: str) -> int:
    """A whole number >= 0 (argparse type)."""
    value = int(raw)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {raw}")
    return value


def open_from_args(args: argparse.Namespace) -> GraphStore:
    """Open the store named by --store and make sure its schema exists."""
    store = open_store(args.store)
    store.ensure_schema()
    return store


def open_with_data(args: argparse.Namespace) -> GraphStore:
    """Open the store; an embedded one starts empty, so it gets the seed data first."""
    store = open_from_args(args)
    if args.store.startswith("memory:"):
        seeding.seed_store(store, args.companies, args.seed)
    return store


def write_atomically(path: Path, text: str) -> None:
    """Write a text file through a temporary file beside it, so a failure keeps the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
