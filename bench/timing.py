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


def samples_ms(work: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of `runs` calls of `work` (after one untimed warm-up call)."""
    work()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return out


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p99 and max of a sample."""
    data = np.asarray(values, dtype=np.float64)
    return {"p50": float(np.percentile(data, 50)), "p99": float(np.percentile(data, 99)),
            "max": float(data.max()), "n": len(values)}
