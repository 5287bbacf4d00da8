"""The figures to reach (issue 8, section 4) as data: the table prints each beside its target."""

from __future__ import annotations

# name -> (limit, unit); every target here is an upper bound.
TARGETS: dict[str, tuple[float, str]] = {
    "read_model_s": (90.0, "s"),
    "read_model_peak_gib": (4.0, "GiB"),
    "store_gib": (2.0, "GiB"),
    "recommendation_p50_ms": (20.0, "ms"),
    "ratio_p50": (3.0, "x"),
    "coalition_build_p50_ms": (200.0, "ms"),
    "coverage_s": (1.0, "s"),
    "neo4j_snapshot_s": (60.0, "s"),
}
# name -> (limit, unit); lower bounds.
TARGETS_AT_LEAST: dict[str, tuple[float, str]] = {
    "neo4j_load_rows_per_s": (50_000.0, "rows/s"),
    "neo4j_load_ratio": (20.0, "x"),
}


def misses(target: str, value: float) -> bool:
    """Whether a figure misses its target (an empty target name: never)."""
    if target in TARGETS:
        return value > TARGETS[target][0]
    if target in TARGETS_AT_LEAST:
        return value < TARGETS_AT_LEAST[target][0]
    return False


def describe_target(target: str) -> str:
    """The target as the table shows it: `<= 90` or `>= 50,000` (empty for none)."""
    if target in TARGETS:
        return f"<= {TARGETS[target][0]:g}"
    if target in TARGETS_AT_LEAST:
        return f">= {TARGETS_AT_LEAST[target][0]:,.0f}"
    return ""


def as_json() -> dict[str, dict[str, object]]:
    """Every target for the result file: limit, unit and whether it is a lower bound."""
    return {**{name: {"limit": limit, "unit": unit} for name, (limit, unit) in TARGETS.items()},
            **{name: {"limit": limit, "unit": unit, "at_least": True}
               for name, (limit, unit) in TARGETS_AT_LEAST.items()}}
