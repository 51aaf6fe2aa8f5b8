"""Per-user token bucket with a burst and one notice per refusal window."""

from __future__ import annotations

import pytest

from bot.telegram.rate_limit import MIN_NOTICE_GAP, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refill_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 30, burst=5, clock=clock)  # one token every 10 s
    assert all(limiter.check(1).allowed for _ in range(5))
    refused = limiter.check(1)
    assert not refused.allowed and refused.wait == pytest.approx(10.0)
    clock.now += 10
    assert limiter.check(1).allowed
    assert not limiter.check(1).allowed


def test_new_user_can_tap_examples_and_ask_a_few() -> None:
    """/start, four example buttons and four questions in a row, with the defaults."""
    limiter = RateLimiter(8, 30, burst=10, clock=Clock())
    assert all(limiter.check(7).allowed for _ in range(9))


def test_one_notice_per_refusal_window() -> None:
    clock = Clock()
    limiter = RateLimiter(8, 30, burst=10, clock=clock)
    verdicts = []
    for _ in range(100):  # a flood over ten seconds
        verdicts.append(limiter.check(1))
        clock.now += 0.1
    refused = [v for v in verdicts if not v.allowed]
    assert len(refused) >= 85
    assert sum(v.notify for v in refused) == 1
    clock.now += MIN_NOTICE_GAP
    late = [limiter.check(1) for _ in range(5)]
    assert sum(v.notify for v in late if not v.allowed) == 1


def test_users_are_independent() -> None:
    limiter = RateLimiter(1, 60, burst=1, clock=Clock())
    assert limiter.check(1).allowed
    assert limiter.check(2).allowed
    assert not limiter.check(1).allowed


def test_invalid_limits() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0, 10)
    with pytest.raises(ValueError):
        RateLimiter(1, 0)
    with pytest.raises(ValueError):
        RateLimiter(1, 1, burst=0)


def test_idle_users_pruned() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 1, burst=2, clock=clock)
    for user in range(10_000):
        limiter.check(user)
    clock.now += 5
    limiter.check(-1)
    assert len(limiter._buckets) <= 2
