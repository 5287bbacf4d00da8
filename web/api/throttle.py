"""Slowing down token guessing: an address with too many failed tokens gets 429 for a while."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

SWEEP_ABOVE = 1024


class FailureLimiter:
    """At most `limit` failed attempts per address within `window` seconds (per process)."""

    def __init__(self, limit: int, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        """Remember the limit; no address has failed yet."""
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, address: str) -> int:
        """Seconds until `address` may try again; 0 when it may now."""
        with self._lock:
            recent = self._recent(address)
            if self.limit == 0 or len(recent) < self.limit:
                return 0
            return max(1, int(recent[0] + self.window - self.clock() + 0.999))

    def failed(self, address: str) -> None:
        """Count a failed attempt of `address`."""
        with self._lock:
            self._recent(address).append(self.clock())

    def _recent(self, address: str) -> deque[float]:
        """The address's failures inside the window (older ones dropped, empty entries too)."""
        now = self.clock()
        if len(self._failures) > SWEEP_ABOVE:  # bounded memory: forget addresses gone quiet
            quiet = [k for k, t in self._failures.items() if not t or t[-1] <= now - self.window]
            for key in quiet:
                del self._failures[key]
        recent = self._failures.setdefault(address, deque())
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        return recent
