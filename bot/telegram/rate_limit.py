"""Per-user sliding-window rate limit (N requests per T seconds)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """Allows ``count`` hits per ``seconds`` for each key (a Telegram user id).

    A sliding window rather than a fixed one, so a burst at a window's edge cannot double the
    allowance. Refused hits are not counted: a user who waits is served as soon as the oldest
    hit leaves the window.
    """

    def __init__(
        self, count: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if count < 1 or seconds <= 0:
            raise ValueError("rate limit needs count >= 1 and seconds > 0")
        self.count = count
        self.seconds = seconds
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}
        # Handlers run on one event loop, but the console or a test may use threads.
        self._lock = threading.Lock()

    def hit(self, key: int) -> float:
        """Record a request; 0.0 if allowed, else the seconds to wait before the next one."""
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.seconds:
                hits.popleft()
            if len(hits) >= self.count:
                return max(hits[0] + self.seconds - now, 0.001)
            hits.append(now)
            self._prune(now)
            return 0.0

    def _prune(self, now: float) -> None:
        """Drop idle users now and then so the table does not grow without bound."""
        if len(self._hits) < 10_000:
            return
        for key in [k for k, h in self._hits.items() if not h or h[-1] <= now - self.seconds]:
            del self._hits[key]
