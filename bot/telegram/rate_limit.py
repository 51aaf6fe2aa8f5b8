"""Per-user rate limit: a token bucket with a burst, and at most one notice per refusal."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# A refused user hears about it at most this often, however many messages they send.
MIN_NOTICE_GAP = 10.0


@dataclass(frozen=True)
class Verdict:
    """Whether a request may go ahead; if not, how long to wait and whether to say so."""

    allowed: bool
    wait: float = 0.0
    notify: bool = False


@dataclass
class _Bucket:
    tokens: float
    updated: float
    quiet_until: float = 0.0


class RateLimiter:
    """``burst`` requests at once, then ``count`` per ``seconds`` for each key (a user id).

    A token bucket: a new user can press the example buttons and ask a few questions in a row,
    while a steady flood gets the long-run rate. Refused requests cost nothing, and only the
    first refusal in a window (the wait, at least MIN_NOTICE_GAP) asks for a notice, so a
    flood is not answered by a flood of notices.
    """

    def __init__(
        self,
        count: int,
        seconds: float,
        burst: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if count < 1 or seconds <= 0 or (burst is not None and burst < 1):
            raise ValueError("rate limit needs count >= 1, seconds > 0 and burst >= 1")
        self.rate = count / seconds
        self.burst = float(burst if burst is not None else count)
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        # Handlers run on one event loop, but the console or a test may use threads.
        self._lock = threading.Lock()

    def check(self, key: int) -> Verdict:
        """Take one token for ``key`` if there is one."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(self.burst, now)
                self._prune(now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return Verdict(True)
            wait = max((1.0 - bucket.tokens) / self.rate, 0.001)
            notify = now >= bucket.quiet_until
            if notify:
                bucket.quiet_until = now + max(wait, MIN_NOTICE_GAP)
            return Verdict(False, wait, notify)

    def hit(self, key: int) -> float:
        """Take a token; 0.0 if allowed, else the seconds to wait before the next one."""
        return self.check(key).wait

    def _prune(self, now: float) -> None:
        """Drop users whose bucket has refilled, now and then, so the table stays small."""
        if len(self._buckets) < 10_000:
            return
        full = (self.burst - 1.0) / self.rate
        for key in [k for k, b in self._buckets.items() if now - b.updated >= full]:
            del self._buckets[key]
