"""The benchmark's memory readings follow a real allocation."""

from __future__ import annotations

import numpy as np

from bench.memory import peak_mib, reset_peak, rss_mib, settle

SIZE_MIB = 200


def test_peak_sees_a_freed_allocation_and_reset_forgets_it():
    settle()
    before = rss_mib()
    reset_peak()
    block = np.ones(SIZE_MIB * 1024 * 1024, dtype=np.uint8)  # touched, so resident
    assert rss_mib() - before >= 0.9 * SIZE_MIB
    del block
    settle()
    assert peak_mib() - before >= 0.9 * SIZE_MIB
    assert rss_mib() - before < 0.5 * SIZE_MIB
    reset_peak()
    assert peak_mib() - before < 0.5 * SIZE_MIB
