"""Staff commands: /reload (rebuild the index off the loop) and /stats.

A mixin of :class:`bot.telegram.handlers.PlanBotHandlers`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from telegram import Update
from telegram.constants import ChatType

from bot.errors import PlanBotError
from bot.settings import Settings
from bot.telegram import formatting as fmt
from bot.telegram.feedback_store import FeedbackStore
from bot.telegram.handoff import Handoffs
from bot.telegram.replying import Context, Replier

log = logging.getLogger(__name__)


class AdminCommands(Replier):
    """Commands for ADMIN_IDS only."""

    settings: Settings
    engine: Any
    handoffs: Handoffs
    _reload_pool: ThreadPoolExecutor
    _reload_lock: asyncio.Lock

    # Defined by PlanBotHandlers: the statistics database, None when disabled.
    store: FeedbackStore | None

    def _is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.settings.admin_ids

    async def on_reload(self, update: Update, context: Context) -> None:
        """Staff only: rebuild the index off the loop; answers keep flowing meanwhile."""
        if not self._is_admin(update):
            await self._reply(update, context, fmt.MSG_NOT_ADMIN)
            return
        if self._reload_lock.locked():
            await self._reply(update, context, fmt.MSG_RELOAD_BUSY)
            return
        async with self._reload_lock:
            await self._reply(update, context, fmt.MSG_RELOAD_START)
            loop = asyncio.get_running_loop()
            try:
                report = await loop.run_in_executor(self._reload_pool, self.engine.reload)
            except (PlanBotError, OSError) as exc:
                reason = _reason(exc)
                log.warning("reload failed: %s", reason)
                await self._reply(
                    update, context, fmt.MSG_RELOAD_FAILED.format(reason=fmt.esc(reason))
                )
                return
            log.info("reload done: %s", report.summary().replace("\n", " "))
            await self._reply(update, context, fmt.render_reload(report.summary()))

    async def on_stats(self, update: Update, context: Context) -> None:
        """Staff only, and only in a private chat: the figures quote people's questions."""
        if not self._is_admin(update):
            await self._reply(update, context, fmt.MSG_NOT_ADMIN)
            return
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            await self._reply(update, context, fmt.MSG_STATS_PRIVATE)
            return
        store = self.store
        if store is None:
            await self._reply(update, context, fmt.MSG_STATS_DISABLED)
            return
        try:
            stats = await asyncio.to_thread(store.stats)
            if self.handoffs.store is not None:
                counts = await asyncio.to_thread(self.handoffs.store.counts)
                stats.handoffs_open, stats.handoffs_answered = counts
        except (sqlite3.Error, OSError) as exc:
            log.warning("could not read statistics: %s", exc)
            await self._reply(
                update, context, fmt.MSG_STATS_FAILED.format(reason=fmt.esc(str(exc)))
            )
            return
        await self._reply(update, context, fmt.render_stats(stats))


def _reason(exc: BaseException) -> str:
    """A short reason for staff: an OSError's text and file (no traceback)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc)
