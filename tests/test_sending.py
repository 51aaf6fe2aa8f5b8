"""The outgoing-call retry policy (no network: calls are fakes)."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Awaitable, Callable

import pytest
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.telegram import sending


@pytest.fixture(autouse=True)
def no_pause(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(sending.asyncio, "sleep", fake_sleep)
    return slept


def failing(*errors: BaseException) -> tuple[Callable[[], Awaitable[str]], list[int]]:
    calls: list[int] = []

    async def call() -> str:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return "sent"

    return call, calls


@pytest.mark.parametrize(
    "error",
    [
        NetworkError("Internal Server Error (500)"),
        TimedOut(),
        TelegramError("Invalid server response"),
        KeyError("message_id"),
    ],
)
async def test_transient_failures_are_retried(error: BaseException) -> None:
    call, calls = failing(error, error)
    assert await sending.with_retry(call, "sendMessage") == "sent"
    assert len(calls) == 3


async def test_retry_after_is_waited_out(no_pause: list[float]) -> None:
    call, calls = failing(RetryAfter(dtm.timedelta(seconds=3)))
    assert await sending.with_retry(call, "sendMessage") == "sent"
    assert no_pause == [pytest.approx(3.1)]


async def test_long_retry_after_is_not_waited() -> None:
    call, calls = failing(RetryAfter(dtm.timedelta(seconds=3600)))
    with pytest.raises(RetryAfter):
        await sending.with_retry(call, "sendMessage")
    assert len(calls) == 1


@pytest.mark.parametrize(
    "error", [BadRequest("Can't parse entities"), Forbidden("blocked"), InvalidToken("x")]
)
async def test_permanent_failures_raise_at_once(error: BaseException) -> None:
    call, calls = failing(error)
    with pytest.raises(type(error)):
        await sending.with_retry(call, "sendMessage")
    assert len(calls) == 1


async def test_gives_up_after_a_few_attempts() -> None:
    error = NetworkError("Bad Gateway")
    call, calls = failing(*[error] * 10)
    with pytest.raises(NetworkError):
        await sending.with_retry(call, "sendMessage")
    assert len(calls) == sending.ATTEMPTS
