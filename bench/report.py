"""The benchmark table (one column per scale, each target beside it) and the JSON files."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.targets import describe_target, misses

GIB = 1024.0

Row = tuple[str, str, Callable[[dict[str, Any]], float | bool | None]]
ROWS: tuple[Row, ...] = (
    ("organisations", "", lambda f: f["organisations"]),
    ("relationships", "", lambda f: f["relationships"]),
    ("generate (s)", "", lambda f: f["seconds"]["generate"]),
    ("load memory store (s)", "", lambda f: f["seconds"]["load_memory_store"]),
    ("memory store RSS (GiB)", "store_gib", lambda f: f["memory_mib"]["store"] / GIB),
    ("snapshot (s)", "", lambda f: f["seconds"]["snapshot"]),
    ("build_index (s)", "", lambda f: f["seconds"]["build_index"]),
    ("build_index CPU (s)", "", lambda f: f["cpu_seconds"]["build_index"]),
    ("build_index peak (GiB)", "", lambda f: f["memory_mib"]["build_index_peak"] / GIB),
    ("read model (s)", "read_model_s", lambda f: f["seconds"]["read_model"]),
    ("read model CPU (s)", "", lambda f: f["cpu_seconds"]["read_model"]),
    ("read model peak (GiB)", "read_model_peak_gib",
     lambda f: f["memory_mib"]["read_model_peak"] / GIB),
    ("read model held (GiB)", "", lambda f: f["memory_mib"]["read_model_held"] / GIB),
    ("process peak (GiB)", "", lambda f: f["memory_mib"]["process_peak"] / GIB),
    ("recommendation p50 (ms)", "recommendation_p50_ms",
     lambda f: f["recommendation_ms"]["p50"]),
    ("recommendation p99 (ms)", "", lambda f: f["recommendation_ms"]["p99"]),
    ("floor p50 (ms)", "", lambda f: f["floor_ms"]["p50"]),
    ("recommendation / floor", "ratio_p50", lambda f: f["ratio_p50"]),
    ("recommendation CPU p50 (ms)", "recommendation_p50_ms",
     lambda f: f["recommendation_cpu_ms"]["p50"]),
    ("floor CPU p50 (ms)", "", lambda f: f["floor_cpu_ms"]["p50"]),
    ("recommendation / floor (CPU)", "ratio_p50", lambda f: f["ratio_cpu_p50"]),
    ("coalition build p50 (ms)", "coalition_build_p50_ms",
     lambda f: f["coalition_build_ms"]["p50"]),
    ("coalition build CPU p50 (ms)", "coalition_build_p50_ms",
     lambda f: f["coalition_build_cpu_ms"]["p50"]),
    ("coverage() all cells (s)", "coverage_s", lambda f: f["coverage"]["all_cells_s"]),
)


# The Neo4j part (`--neo4j`): the product's loader beside one row per call, snapshot, clear.
NEO4J_ROWS: tuple[Row, ...] = (
    ("organisations", "", lambda f: f["organisations"]),
    ("rows loaded (nodes + relationships)", "", lambda f: f["rows"]),
    ("load (s)", "", lambda f: f["load"]["seconds"]),
    ("load CPU, this process (s)", "", lambda f: f["load"]["client_cpu_s"]),
    ("load CPU, server (s)", "", lambda f: f["load"]["server_cpu_s"]),
    ("load (rows/s)", "neo4j_load_rows_per_s", lambda f: f["load"]["rows_per_s"]),
    ("baseline: one row per call (rows/s)", "", lambda f: f["baseline"]["rows_per_s"]),
    ("baseline rows timed", "", lambda f: f["baseline"]["rows"]),
    ("load / baseline", "neo4j_load_ratio", lambda f: f["load_ratio"]),
    ("snapshot() (s)", "neo4j_snapshot_s", lambda f: f["snapshot"]["seconds"]),
    ("snapshot() CPU, this process (s)", "", lambda f: f["snapshot"]["client_cpu_s"]),
    ("snapshot() CPU, server (s)", "", lambda f: f["snapshot"]["server_cpu_s"]),
    ("snapshot() / memory store", "", lambda f: f["snapshot"]["ratio_to_memory_store"]),
    ("snapshot() equals memory store's", "",
     lambda f: f["snapshot"]["identical_to_memory_store"]),
    ("clear() (s)", "", lambda f: f["clear"]["seconds"]),
    ("clear() leaves an empty store", "", lambda f: f["clear"]["leaves_empty_store"]),
)


def _cell(value: float | None, target: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "[bold red]no[/]"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"
    if target and misses(target, value):
        return f"[bold red]{text}[/]"
    return text


def _table(title: str, rows: Sequence[Row], results: Sequence[tuple[str, dict[str, Any]]],
           console: Console) -> None:
    table = Table(title=title)
    table.add_column("figure")
    for scale, _ in results:
        table.add_column(scale, justify="right")
    table.add_column("target", justify="right")
    for label, target, get in rows:
        table.add_row(label, *(_cell(get(f), target) for _, f in results),
                      describe_target(target))
    console.print(table)


def print_table(results: Sequence[tuple[str, dict[str, Any]]], console: Console) -> None:
    """Print one column per scale; a figure that misses its target is shown in red."""
    _table("ppsmatch bench (in-process, memory store)", ROWS, results, console)
    # Equal digests at a scale before and after a change: the answers did not change at all.
    for scale, figures in results:
        digests = figures.get("output_sha256", {})
        console.print(f"answers {scale}: " + ", ".join(f"{name} {value[:16]}"
                                                      for name, value in digests.items()))


def print_neo4j_table(results: Sequence[tuple[str, dict[str, Any]]], console: Console) -> None:
    """Print the Neo4j figures, one column per scale, in the style of `print_table`."""
    _table("ppsmatch bench (Neo4j server)", NEO4J_ROWS, results, console)


def write_json(folder: Path, name: str, document: dict[str, Any]) -> Path:
    """Write one result file and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path
