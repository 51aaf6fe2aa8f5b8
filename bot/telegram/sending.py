"""The one path for outgoing Bot API calls: retries transient failures so an answer survives.

Flood limits (30 messages a second overall, 20 a minute per group) and 429 "retry after" are
PTB's AIORateLimiter's job (see app.py): it waits as told, for every request. Here, a call
that fails for a passing reason — a 5xx, a reset connection, a timeout, a reply that cannot be
read — is tried again a few times with a growing pause; a 429 that got past the limiter is
waited out once more. Errors that another try cannot fix (400, 403, a rejected token) are
raised at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 4
FIRST_PAUSE = 0.3
# A retry_after longer than this is not waited out by one answer (the person has gone).
MAX_RETRY_AFTER = 60.0


def is_transient(exc: BaseException) -> bool:
    """True for failures another try may fix."""
    if isinstance(exc, InvalidToken | BadRequest | Forbidden | Conflict | ChatMigrated):
        return False
    if isinstance(exc, RetryAfter | NetworkError):  # NetworkError covers TimedOut and 5xx
        return True
    if isinstance(exc, TelegramError):
        # PTB's wording for a body that is not the JSON the Bot API promises.
        return "Invalid server response" in exc.message
    # A reply that is JSON but not the object it should be: PTB fails while reading it.
    return isinstance(exc, KeyError | TypeError | ValueError | json.JSONDecodeError)


async def with_retry(call: Callable[[], Awaitable[T]], what: str, attempts: int = ATTEMPTS) -> T:
    """Await ``call()``, trying again on transient failures; raises the last error."""
    pause = FIRST_PAUSE
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except Exception as exc:
            if attempt == attempts or not is_transient(exc):
                raise
            if isinstance(exc, RetryAfter):
                # The timedelta PTB keeps (its public int attribute is deprecated in v22).
                wait = getattr(exc, "_retry_after", None) or exc.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                if seconds > MAX_RETRY_AFTER:
                    raise
                delay = seconds + 0.1
            else:
                delay = pause
                pause *= 2
            log.warning(
                "%s failed (%s: %s), try %d of %d in %.1f s",
                what,
                type(exc).__name__,
                exc,
                attempt + 1,
                attempts,
                delay,
            )
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
