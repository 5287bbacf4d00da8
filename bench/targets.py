"""The figures to reach (issue 8, section 4) as data: the table prints each beside its target."""

from __future__ import annotations

# name -> (limit, unit); every target is an upper bound.
TARGETS: dict[str, tuple[float, str]] = {
    "read_model_s": (90.0, "s"),
    "read_model_peak_gib": (4.0, "GiB"),
    "store_gib": (2.0, "GiB"),
    "recommendation_p50_ms": (20.0, "ms"),
    "ratio_p50": (3.0, "x"),
    "coalition_build_p50_ms": (200.0, "ms"),
    "coverage_s": (1.0, "s"),
}
