"""Questions handed to a person (👤 Hỏi cán bộ), in the statistics database.

A handoff records where the question came from (chat and message, so the reply can quote
it), the question (phone numbers, e-mails and id numbers masked), the message that carried
it to the staff chat, and whether a staff member has answered. No names or user ids: the
staff see the asker's first name in the staff chat only. Blocking SQLite; call it off the
event loop.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.telegram.privacy import mask_personal_data

_SCHEMA = """
CREATE TABLE IF NOT EXISTS handoffs (
    id               INTEGER PRIMARY KEY,
    ref              TEXT    NOT NULL,
    user_chat_id     INTEGER NOT NULL,
    user_message_id  INTEGER,
    question         TEXT    NOT NULL,
    staff_chat_id    INTEGER NOT NULL,
    staff_message_id INTEGER NOT NULL,
    asked_at         REAL    NOT NULL,
    answered_at      REAL,
    UNIQUE (staff_chat_id, staff_message_id)
);
CREATE INDEX IF NOT EXISTS handoffs_ref ON handoffs (ref, user_chat_id);
"""


@dataclass(frozen=True)
class Handoff:
    """One question handed to the staff chat."""

    id: int
    ref: str
    user_chat_id: int
    user_message_id: int | None
    question: str
    staff_chat_id: int
    staff_message_id: int
    asked_at: float
    answered_at: float | None

    @property
    def open(self) -> bool:
        return self.answered_at is None


class HandoffStore:
    """Open and answered handoffs in SQLite (the statistics file; table created on use)."""

    def __init__(self, path: Path | str, *, busy_timeout: float = 2.0) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout)
        conn.row_factory = sqlite3.Row
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    def add(
        self,
        ref: str,
        user_chat_id: int,
        user_message_id: int | None,
        question: str,
        staff_chat_id: int,
        staff_message_id: int,
        now: float | None = None,
    ) -> int:
        """Record a question sent to the staff chat; returns its id."""
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT OR REPLACE INTO handoffs (ref, user_chat_id, user_message_id, question,"
                " staff_chat_id, staff_message_id, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    ref,
                    user_chat_id,
                    user_message_id,
                    mask_personal_data(question),
                    staff_chat_id,
                    staff_message_id,
                    time.time() if now is None else now,
                ),
            )
            return int(cur.lastrowid or 0)

    def by_staff_message(self, staff_chat_id: int, staff_message_id: int) -> Handoff | None:
        """The handoff a message in the staff chat carried, if any."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT * FROM handoffs WHERE staff_chat_id = ? AND staff_message_id = ?",
                (staff_chat_id, staff_message_id),
            ).fetchone()
        return Handoff(**dict(row)) if row else None

    def by_ref(self, ref: str, user_chat_id: int) -> Handoff | None:
        """The handoff already made for an answer in a chat (one per answer)."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT * FROM handoffs WHERE ref = ? AND user_chat_id = ? ORDER BY id DESC",
                (ref, user_chat_id),
            ).fetchone()
        return Handoff(**dict(row)) if row else None

    def mark_answered(self, handoff_id: int, now: float | None = None) -> None:
        with self._connect() as conn:
            conn.execute(
                "UPDATE handoffs SET answered_at = COALESCE(answered_at, ?) WHERE id = ?",
                (time.time() if now is None else now, handoff_id),
            )

    def purge(self, retention_days: float, now: float | None = None) -> int:
        """Delete handoffs asked longer ago than ``retention_days``; returns how many."""
        cutoff = (time.time() if now is None else now) - retention_days * 86400.0
        with self._connect() as conn:
            return conn.execute("DELETE FROM handoffs WHERE asked_at < ?", (cutoff,)).rowcount

    def counts(self) -> tuple[int, int]:
        """(open, answered) handoffs."""
        with self._connect() as conn:
            open_, answered = conn.execute(
                "SELECT COALESCE(SUM(answered_at IS NULL), 0),"
                " COALESCE(SUM(answered_at IS NOT NULL), 0) FROM handoffs"
            ).fetchone()
        return int(open_), int(answered)
