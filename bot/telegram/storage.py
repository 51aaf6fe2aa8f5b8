"""What the Telegram bot keeps on disk, opened so that a problem costs a feature, not the bot:
the statistics database, the handoff table, and the chats' state across restarts."""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import sqlite3
from pathlib import Path

from telegram.ext import PersistenceInput

from bot.settings import Settings
from bot.telegram.chat_state import ChatStatePersistence
from bot.telegram.feedback_store import FeedbackStore
from bot.telegram.handoff_store import HandoffStore

log = logging.getLogger(__name__)

# Seconds between writes of the chats' state (and at every stop).
PERSIST_EVERY = 10.0


def open_store(settings: Settings) -> FeedbackStore | None:
    """The statistics database, or None (with a warning) when it cannot be opened: the bot
    answers without statistics rather than not at all."""
    try:
        return FeedbackStore(settings.database_path)
    except (OSError, sqlite3.Error) as exc:
        log.warning(
            "statistics disabled: cannot open %s (%s); answering without them",
            settings.database_path,
            exc,
        )
        return None


def open_handoffs(settings: Settings) -> HandoffStore | None:
    """The handoff table when a staff chat is configured (None: no 👤 button)."""
    if settings.staff_chat_id is None:
        return None
    try:
        store = HandoffStore(settings.database_path)
        store.purge(settings.stats_retention_days)
        return store
    except (OSError, sqlite3.Error) as exc:
        log.warning("handoffs to staff disabled: cannot open %s (%s)", settings.database_path, exc)
        return None


def open_persistence(settings: Settings) -> ChatStatePersistence | None:
    """Chats' conversation context and answers' buttons kept across restarts (chat data
    only: bot data holds live objects), or None when turned off or the folder is unusable."""
    if not settings.persist_chats:
        return None
    path = settings.chat_state_path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise PermissionError(f"cannot read and write {path}")
    except OSError as exc:
        log.warning("conversations will not survive a restart: %s", exc)
        return None
    _set_aside_if_unreadable(path)
    return ChatStatePersistence(
        path,
        store_data=PersistenceInput(
            bot_data=False, chat_data=True, user_data=False, callback_data=False
        ),
        update_interval=PERSIST_EVERY,
    )


def _set_aside_if_unreadable(path: Path) -> None:
    """A state file that cannot be read (cut short by a crash, another version's) is moved
    aside with a warning: the bot starts with fresh conversations rather than not at all."""
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            pickle.load(handle)
    except Exception as exc:  # whatever unpickling raises on a damaged file
        aside = path.with_suffix(path.suffix + ".unreadable")
        log.warning("chat state %s unreadable (%s): moved to %s", path, exc, aside.name)
        with contextlib.suppress(OSError):
            path.replace(aside)
