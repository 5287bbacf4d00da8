"""Wall-clock timing helpers: one run, or percentiles over repeated runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """The value of `work()` and the seconds it took."""
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


def cpu_timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """The value of `work()`, its wall seconds and this process's CPU seconds for it.

    On a machine shared with other work, CPU seconds show the cost of the work itself.
    """
    cpu = time.process_time()
    value, wall = timed(work)
    return value, wall, time.process_time() - cpu


def samples_ms(work: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of `runs` calls of `work` (after one untimed warm-up call)."""
    work()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p99 and max of a sample."""
    data = np.asarray(values, dtype=np.float64)
    return {"p50": float(np.percentile(data, 50)), "p99": float(np.percentile(data, 99)),
            "max": float(data.max()), "n": len(values)}
