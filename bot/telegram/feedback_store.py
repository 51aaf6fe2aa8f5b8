"""SQLite store of questions asked and 👍/👎 feedback, for staff statistics.

Only the Telegram user id and the chat type are kept about a person: no names, no usernames.
One connection per call (sqlite3 connections must not be shared across threads) and WAL mode,
so the bot's worker threads write concurrently without blocking readers.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at    REAL    NOT NULL,
    user_id     INTEGER NOT NULL,
    chat_type   TEXT    NOT NULL DEFAULT 'private',
    kind        TEXT    NOT NULL DEFAULT 'question',
    question    TEXT    NOT NULL,
    answer      TEXT    NOT NULL,
    abstained   INTEGER NOT NULL,
    plans       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    voted_at    REAL    NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
"""


@dataclass
class Stats:
    """Figures for /stats."""

    total: int = 0
    abstained: int = 0
    upvotes: int = 0
    downvotes: int = 0
    # (YYYY-MM-DD, questions, abstained), newest first.
    per_day: list[tuple[str, int, int]] = field(default_factory=list)
    # (question, downvotes, upvotes), most down-voted first.
    most_downvoted: list[tuple[str, int, int]] = field(default_factory=list)
    # (question, times asked), most asked first.
    unanswered: list[tuple[str, int]] = field(default_factory=list)

    @property
    def abstention_rate(self) -> float:
        return self.abstained / self.total if self.total else 0.0


class FeedbackStore:
    """Questions, answers and votes in one SQLite file (parent folder created)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Serialises writers in this process; SQLite's busy timeout covers other processes.
        self._write_lock = threading.Lock()
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=10.0)
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            # With WAL, NORMAL skips an fsync per commit; a crash can only lose the last
            # few statistics rows, never corrupt the file.
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:  # commits, or rolls back on error
                yield conn
        finally:
            conn.close()

    def record_question(
        self,
        user_id: int,
        question: str,
        answer: str,
        abstained: bool,
        *,
        chat_type: str = "private",
        kind: str = "question",
        plans: list[str] | None = None,
        asked_at: float | None = None,
    ) -> int:
        """Store one question and its answer; returns the question id (for feedback)."""
        with self._write_lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO questions (asked_at, user_id, chat_type, kind, question, answer,"
                " abstained, plans) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    time.time() if asked_at is None else asked_at,
                    int(user_id),
                    chat_type,
                    kind,
                    question,
                    answer,
                    int(bool(abstained)),
                    ",".join(plans or []),
                ),
            )
            return int(cur.lastrowid or 0)

    def record_feedback(self, question_id: int, user_id: int, vote: int) -> bool:
        """Store a 👍 (1) or 👎 (-1); a user's later vote on the same question replaces the
        earlier one. False if the question does not exist."""
        if vote not in (-1, 1):
            raise ValueError("vote must be 1 or -1")
        with self._write_lock, self._connect() as conn:
            if not conn.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,)).fetchone():
                return False
            conn.execute(
                "INSERT INTO feedback (question_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (question_id, user_id)"
                " DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
                (question_id, int(user_id), vote, time.time()),
            )
            return True

    def question(self, question_id: int) -> dict[str, object] | None:
        """One stored question as a dict (for tests and tools)."""
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            row = conn.execute("SELECT * FROM questions WHERE id = ?", (question_id,)).fetchone()
            return dict(row) if row else None

    def votes(self, question_id: int) -> list[tuple[int, int]]:
        """(user_id, vote) pairs for a question."""
        with self._connect() as conn:
            return [
                (int(u), int(v))
                for u, v in conn.execute(
                    "SELECT user_id, vote FROM feedback WHERE question_id = ? ORDER BY user_id",
                    (question_id,),
                )
            ]

    def stats(self, days: int = 7, top: int = 5) -> Stats:
        """Questions per day (local time) over ``days``, abstention rate, the most down-voted
        questions and the most frequent unanswered ones."""
        with self._connect() as conn:
            total, abstained = conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(abstained), 0) FROM questions"
            ).fetchone()
            up, down = conn.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM feedback"
            ).fetchone()
            per_day = conn.execute(
                "SELECT date(asked_at, 'unixepoch', 'localtime') AS day, COUNT(*),"
                " SUM(abstained) FROM questions WHERE asked_at >= ?"
                " GROUP BY day ORDER BY day DESC",
                (time.time() - days * 86400,),
            ).fetchall()
            downvoted = conn.execute(
                "SELECT q.question, SUM(f.vote = -1) AS down, SUM(f.vote = 1) AS up"
                " FROM feedback f JOIN questions q ON q.id = f.question_id"
                " GROUP BY q.question HAVING down > 0 ORDER BY down DESC, up ASC LIMIT ?",
                (top,),
            ).fetchall()
            unanswered = conn.execute(
                "SELECT question, COUNT(*) AS n FROM questions WHERE abstained = 1"
                " GROUP BY question ORDER BY n DESC, MAX(asked_at) DESC LIMIT ?",
                (top,),
            ).fetchall()
        return Stats(
            total=int(total),
            abstained=int(abstained),
            upvotes=int(up),
            downvotes=int(down),
            per_day=[(str(d), int(n), int(a or 0)) for d, n, a in per_day],
            most_downvoted=[(str(q), int(d), int(u)) for q, d, u in downvoted],
            unanswered=[(str(q), int(n)) for q, n in unanswered],
        )
