"""Resident memory of this process (Linux /proc), with a resettable peak."""

from __future__ import annotations

import ctypes
import gc
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")
MIB = 1024 * 1024


def _status_kib(field: str) -> int:
    for line in STATUS.read_text(encoding="ascii").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{STATUS} has no {field}")


def settle() -> None:
    """Collect garbage and hand freed heap back to the system, so RSS shows what is live."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: RSS keeps freed pages, figures run high
        pass


def rss_mib() -> float:
    """Current resident set size in MiB."""
    return _status_kib("VmRSS") / 1024


def reset_peak() -> None:
    """Start a new peak measurement (Linux >= 4.0: writing 5 to clear_refs resets VmHWM)."""
    CLEAR_REFS.write_text("5", encoding="ascii")


def peak_mib() -> float:
    """Peak resident set size in MiB since the last `reset_peak`."""
    return _status_kib("VmHWM") / 1024
