"""`ppsmatch report coverage`: the batch coverage-gap report as files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from web.cli_common import add_store_args, count, open_with_data
from web.config import Settings
from web.reports.files import FORMATS, parse_formats, write_report
from web.services.coverage_report import CANDIDATES_PER_GAP, build_report, report_request
from web.services.read_model import build_read_model

EXIT_WRITE_FAILED = 4


def add_parser(sub: argparse._SubParsersAction, env: Settings) -> None:
    """Add `report coverage`."""
    report = sub.add_parser("report", help="batch reports")
    kinds = report.add_subparsers(dest="report", required=True)
    cov = kinds.add_parser("coverage", help="coverage-gap report per province and theme")
    add_store_args(cov, env)
    cov.add_argument("--province", action="extend", nargs="+", default=[], metavar="P",
                     help="province name or PVxx code (default: all 12)")
    cov.add_argument("--theme", action="extend", nargs="+", default=[], metavar="T",
                     help="theme id (default: each province's priority themes)")
    cov.add_argument("--all-themes", action="store_true", help="every theme of the taxonomy")
    cov.add_argument("--out", required=True, metavar="DIR", help="folder to write (replaced)")
    cov.add_argument("--format", default=",".join(FORMATS),
                     help=f"comma-separated, of {','.join(FORMATS)} (default all)")
    cov.add_argument("--candidates", type=count, default=CANDIDATES_PER_GAP,
                     help="candidates per missing kind")
    cov.add_argument("--quiet", action="store_true",
                     help="no progress bar, no log lines (errors still go to stderr)")
    cov.set_defaults(handler=_coverage)


def _progress(quiet: bool) -> Any:
    """A rich progress display on stderr, or nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), transient=True)


@contextmanager
def _stage(bar: Any, name: str) -> Iterator[None]:
    """A bar that pulses while one long step runs (reading, building, writing) and then fills."""
    task = bar.add_task(name, total=None) if bar is not None else None
    yield
    if bar is not None:
        bar.update(task, total=1, completed=1)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KiB" if size >= 1024 else f"{size} B"


def _document(args: argparse.Namespace, bar: Any) -> dict[str, Any]:
    """Read the store, build its read model and compute the report, showing each step."""
    with _stage(bar, "gegevens lezen"):
        store = open_with_data(args)
    try:
        with _stage(bar, "leesmodel bouwen"):
            model = build_read_model(store)
        request = report_request(model, args.province, args.theme, args.all_themes,
                                 args.candidates, field_prefix="--")
        task = bar.add_task("provincie x thema", total=None) if bar is not None else None

        def step(done: int, total: int) -> None:
            if bar is not None:
                bar.update(task, completed=done, total=total)

        return build_report(model, store.url, request, step)
    finally:
        store.close()


def _coverage(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    with _progress(args.quiet) as bar:
        doc = _document(args, bar)
        try:
            with _stage(bar, "bestanden schrijven"):
                written = write_report(doc, Path(args.out), formats)
        except OSError as exc:
            print(f"ppsmatch: error: cannot write the report to {args.out}: {exc}",
                  file=sys.stderr)
            return EXIT_WRITE_FAILED
    if not args.quiet:
        for path in written:
            print(f"ppsmatch: wrote {path} ({_size(path)})", file=sys.stderr)
        _print_summary(doc)
    return 0


def _print_summary(doc: dict[str, Any]) -> None:
    """The provinces ranked by gaps, as a plain table on stdout."""
    header = ("provincie", "thema's met gaten", "ontbrekend", "prioriteiten zonder pps")
    print(f"{header[0]:<16}{header[1]:>18}{header[2]:>12}{header[3]:>25}")
    for p in doc["summary"]["provinces_by_gaps"]:
        print(f"{p['name']:<16}{p['themes_with_gaps']:>18}{p['missing_total']:>12}"
              f"{p['priorities_without_pps']:>25}")
    uncovered = doc["summary"]["themes_without_coverage"]
    print(f"thema's zonder pps in enige provincie: {len(uncovered)}")
