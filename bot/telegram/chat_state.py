"""The chats' state on disk: PTB's PicklePersistence, written once per cycle, off the event
loop, and atomically.

PTB's PicklePersistence rewrites the whole file once for *every* chat whose data changed
(50 busy chats: 50 rewrites of a growing file every update cycle), on the event loop that
also serves every answer, and in place (a crash mid-write leaves half a file). Here a cycle's
changes are written together, by one background write, to a temporary file moved over the
old one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import threading
from pathlib import Path
from typing import Any

from telegram.ext import PersistenceInput, PicklePersistence

log = logging.getLogger(__name__)


class ChatStatePersistence(PicklePersistence):
    """A single-file PicklePersistence whose writes are batched, threaded and atomic."""

    def __init__(
        self, filepath: Path, store_data: PersistenceInput, update_interval: float
    ) -> None:
        # on_flush=True: the parent never writes by itself; this class decides when.
        super().__init__(
            filepath, store_data=store_data, single_file=True, on_flush=True,
            update_interval=update_interval,
        )  # fmt: skip
        self._dirty = False
        self._writer: asyncio.Task[None] | None = None
        # One write at a time (a flush at shutdown may meet a cycle's write).
        self._file_lock = threading.Lock()
        self.writes = 0

    async def update_chat_data(self, chat_id: int, data: Any) -> None:
        if self.chat_data is None:
            self.chat_data = {}
        if self.chat_data.get(chat_id) == data:
            return
        # PTB hands over a deep copy taken for this cycle; it is never mutated afterwards,
        # so a background thread may pickle it while the loop goes on.
        self.chat_data[chat_id] = data
        self._schedule()

    async def drop_chat_data(self, chat_id: int) -> None:
        if self.chat_data and self.chat_data.pop(chat_id, None) is not None:
            self._schedule()

    def _schedule(self) -> None:
        """Write soon, once for all the chats this cycle changes."""
        self._dirty = True
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write_while_dirty())

    async def _write_while_dirty(self) -> None:
        await asyncio.sleep(0)  # the rest of this cycle's chats land first
        while self._dirty:
            self._dirty = False
            try:
                await asyncio.to_thread(self._write, self._snapshot())
            except (OSError, pickle.PicklingError) as exc:
                # Conversations still work; they just would not survive a restart.
                log.warning("could not save the chats' state to %s: %s", self.filepath, exc)

    def _snapshot(self) -> dict[str, Any]:
        # Shallow copies: the loop may replace entries while the thread pickles.
        return {
            "conversations": dict(self.conversations or {}),
            "user_data": dict(self.user_data or {}),
            "chat_data": dict(self.chat_data or {}),
            "bot_data": self.bot_data,
            "callback_data": self.callback_data,
        }

    def _write(self, data: dict[str, Any]) -> None:
        """Pickle to a temporary file beside the real one, then move it over (atomic)."""
        path = Path(self.filepath)
        temporary = path.with_name(path.name + ".tmp")
        with self._file_lock:
            try:
                self._dump_file(temporary, data)
                os.replace(temporary, path)
                self.writes += 1
            finally:
                with contextlib.suppress(FileNotFoundError):
                    temporary.unlink()

    async def flush(self) -> None:
        """Wait for a write under way, then write what is left (at shutdown)."""
        if self._writer is not None and not self._writer.done():
            await self._writer
        if self._dirty or self.chat_data:
            self._dirty = False
            await asyncio.to_thread(self._write, self._snapshot())
