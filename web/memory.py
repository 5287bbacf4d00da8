"""Hand memory freed by a replaced read model back to the operating system."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release_freed_memory() -> bool:
    """Collect garbage, then ask glibc to return free heap pages; True when it could ask.

    A rebuild holds two read models for a moment; without this, glibc keeps the freed pages
    of the old one in its arenas (one per thread that allocated), so the service's RSS steps up
    after each rebuild although Python holds no more objects (scripts/soak measures it).
    Elsewhere than glibc (musl, macOS) there is no malloc_trim and nothing more is done.
    """
    gc.collect()
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)
    return True
