"""Per-user sliding-window rate limit."""

from __future__ import annotations

import pytest

from bot.telegram.rate_limit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_count_then_refuses_with_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 30, clock=clock)
    assert [limiter.hit(1) for _ in range(3)] == [0.0, 0.0, 0.0]
    clock.now += 10
    assert limiter.hit(1) == pytest.approx(20.0)


def test_users_are_independent() -> None:
    limiter = RateLimiter(1, 60, clock=Clock())
    assert limiter.hit(1) == 0.0
    assert limiter.hit(2) == 0.0
    assert limiter.hit(1) > 0


def test_window_slides() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 10, clock=clock)
    limiter.hit(7)
    clock.now += 6
    limiter.hit(7)
    clock.now += 3
    assert limiter.hit(7) == pytest.approx(1.0)  # the first hit leaves at t+10
    clock.now += 1.0
    assert limiter.hit(7) == 0.0
    assert limiter.hit(7) == pytest.approx(6.0)  # refused hits are not counted


def test_invalid_limits() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0, 10)
    with pytest.raises(ValueError):
        RateLimiter(1, 0)


def test_idle_users_pruned() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 1, clock=clock)
    for user in range(10_000):
        limiter.hit(user)
    clock.now += 5
    limiter.hit(-1)
    assert len(limiter._hits) <= 2
