"""SQLite statistics for /stats: questions asked (masked) and 👍/👎 votes.

What is kept is what /stats shows and nothing more: when a question was asked, in which kind
of chat, its wording with phone numbers, e-mail addresses and id numbers masked, whether it
was answered, which plans answered it, and one vote per person and question under a
per-question pseudonym. No user ids, names or answers. Rows older than the retention period
are deleted.

:class:`FeedbackStore` is the blocking SQLite access (one connection per call, WAL, a short
busy timeout). :class:`StatsRecorder` puts it off the reply path: handlers enqueue and return
at once; one background thread writes, and a locked or broken database only costs statistics.
"""

from __future__ import annotations

import logging
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from bot.telegram.privacy import mask_personal_data, voter_key

log = logging.getLogger(__name__)

_T = TypeVar("_T")

SCHEMA_VERSION = 2
DAY = 86400.0
# How long one write waits for a lock held elsewhere (a backup, an sqlite3 shell). Writes
# happen off the reply path, so this only bounds how stale the writer thread gets.
BUSY_TIMEOUT = 1.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ref         TEXT    NOT NULL UNIQUE,
    asked_at    REAL    NOT NULL,
    chat_type   TEXT    NOT NULL DEFAULT 'private',
    kind        TEXT    NOT NULL DEFAULT 'question',
    question    TEXT    NOT NULL,
    abstained   INTEGER NOT NULL,
    plans       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    voter       TEXT    NOT NULL,
    vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    voted_at    REAL    NOT NULL,
    PRIMARY KEY (question_id, voter)
);
"""


def new_ref() -> str:
    """A random, unguessable reference for one answered question (72 bits, URL-safe)."""
    return secrets.token_urlsafe(9)


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
    # Questions handed to staff (👤 Hỏi cán bộ): waiting, and answered.
    handoffs_open: int = 0
    handoffs_answered: int = 0

    @property
    def abstention_rate(self) -> float:
        return self.abstained / self.total if self.total else 0.0


class FeedbackStore:
    """Questions and votes in one SQLite file (parent folder created, old layouts migrated).

    Raises OSError or sqlite3.Error when the file cannot be created or read; the bot then
    runs without statistics.
    """

    def __init__(self, path: Path | str, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.ensure_schema()

    def ensure_schema(self) -> None:
        """Create the tables (again, if the file was deleted) and migrate an old layout."""
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            columns = {r[1] for r in conn.execute("PRAGMA table_info(questions)")}
            if "answer" in columns or "user_id" in columns:
                _migrate_v1(conn)
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout)
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
        ref: str,
        question: str,
        abstained: bool,
        *,
        chat_type: str = "private",
        kind: str = "question",
        plans: list[str] | None = None,
        asked_at: float | None = None,
    ) -> None:
        """Store one question, masked, under ``ref`` (the key votes refer to)."""
        self.write([_question_row(ref, question, abstained, chat_type, kind, plans, asked_at)])

    def record_feedback(self, ref: str, user_id: int, vote: int) -> bool:
        """Store a 👍 (1) or 👎 (-1); a person's later vote on the same question replaces
        the earlier one. False if the question is not stored (never was, or expired)."""
        return self.write([_feedback_row(ref, user_id, vote)]) == 1

    def write(self, rows: list[tuple[str, tuple[object, ...]]]) -> int:
        """Write queued rows in one transaction; returns how many votes found their question.

        The tables are recreated first if the file was deleted while the bot ran.
        """
        return self._with_tables(lambda: self._write(rows))

    def _with_tables(self, action: Callable[[], _T]) -> _T:
        """Run ``action``, recreating the tables first if the file is gone or empty."""
        if not self.path.exists():
            log.warning("statistics database %s disappeared: recreating it", self.path)
            self.ensure_schema()
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            self.ensure_schema()
            return action()

    def _write(self, rows: list[tuple[str, tuple[object, ...]]]) -> int:
        found = 0
        with self._connect() as conn:
            for kind, values in rows:
                if kind == "question":
                    conn.execute(
                        "INSERT OR IGNORE INTO questions (ref, asked_at, chat_type, kind,"
                        " question, abstained, plans) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        values,
                    )
                elif kind == "vote":
                    ref, voter, vote, voted_at = values
                    row = conn.execute("SELECT id FROM questions WHERE ref = ?", (ref,)).fetchone()
                    if row is None:
                        continue
                    found += 1
                    conn.execute(
                        "INSERT INTO feedback (question_id, voter, vote, voted_at)"
                        " VALUES (?, ?, ?, ?) ON CONFLICT (question_id, voter)"
                        " DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
                        (row[0], voter, vote, voted_at),
                    )
        return found

    def purge(self, retention_days: float, now: float | None = None) -> int:
        """Delete questions (and their votes) older than ``retention_days``; returns how many."""
        cutoff = (time.time() if now is None else now) - retention_days * DAY

        def delete() -> int:
            with self._connect() as conn:
                conn.execute("DELETE FROM feedback WHERE voted_at < ?", (cutoff,))
                return conn.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount

        return self._with_tables(delete)

    def question(self, ref: str) -> dict[str, object] | None:
        """One stored question as a dict (for tests and tools)."""
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            row = conn.execute("SELECT * FROM questions WHERE ref = ?", (ref,)).fetchone()
            return dict(row) if row else None

    def votes(self, ref: str) -> list[int]:
        """The votes on a question (1 / -1), in voter-key order."""
        with self._connect() as conn:
            return [
                int(v)
                for (v,) in conn.execute(
                    "SELECT f.vote FROM feedback f JOIN questions q ON q.id = f.question_id"
                    " WHERE q.ref = ? ORDER BY f.voter",
                    (ref,),
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
                (time.time() - days * DAY,),
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


def _question_row(
    ref: str,
    question: str,
    abstained: bool,
    chat_type: str,
    kind: str,
    plans: list[str] | None,
    asked_at: float | None,
) -> tuple[str, tuple[object, ...]]:
    return (
        "question",
        (
            ref,
            time.time() if asked_at is None else asked_at,
            chat_type,
            kind,
            mask_personal_data(question),
            int(bool(abstained)),
            ",".join(plans or []),
        ),
    )


def _feedback_row(ref: str, user_id: int, vote: int) -> tuple[str, tuple[object, ...]]:
    if vote not in (-1, 1):
        raise ValueError("vote must be 1 or -1")
    return ("vote", (ref, voter_key(ref, user_id), vote, time.time()))


def _migrate_v1(conn: sqlite3.Connection) -> None:
    """Rewrite the first layout (user ids, verbatim questions and answers) into this one."""
    log.warning("statistics database: dropping stored answers and user ids, masking questions")
    old_questions = conn.execute(
        "SELECT id, asked_at, chat_type, kind, question, abstained, plans FROM questions"
    ).fetchall()
    old_votes = conn.execute("SELECT question_id, user_id, vote, voted_at FROM feedback").fetchall()
    conn.execute("DROP TABLE feedback")
    conn.execute("DROP TABLE questions")
    conn.executescript(_SCHEMA)
    refs: dict[int, str] = {}
    for qid, asked_at, chat_type, kind, question, abstained, plans in old_questions:
        refs[qid] = new_ref()
        conn.execute(
            "INSERT INTO questions (id, ref, asked_at, chat_type, kind, question, abstained,"
            " plans) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                qid,
                refs[qid],
                asked_at,
                chat_type,
                kind,
                mask_personal_data(question),
                abstained,
                plans,
            ),
        )
    for qid, user_id, vote, voted_at in old_votes:
        if qid in refs:
            conn.execute(
                "INSERT OR REPLACE INTO feedback (question_id, voter, vote, voted_at)"
                " VALUES (?, ?, ?, ?)",
                (qid, voter_key(refs[qid], user_id), vote, voted_at),
            )


class StatsRecorder:
    """Writes statistics on a background thread so that no reply waits for SQLite.

    ``record_*`` enqueue and return at once. The writer takes whatever is queued and writes
    it in one transaction; while the database is locked it keeps the rows (up to
    ``max_pending``, oldest dropped first) and tries again; other errors drop the batch.
    Every failure is logged at most once a minute. Old rows are purged at start and daily.
    A recorder without a store (statistics disabled) accepts and discards everything.
    """

    def __init__(
        self,
        store: FeedbackStore | None,
        *,
        retention_days: float = 180,
        max_pending: int = 10_000,
        retry_every: float = 1.0,
        purge_every: float = DAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.retention_days = retention_days
        self.max_pending = max_pending
        self.retry_every = retry_every
        self.purge_every = purge_every
        self.dropped = 0
        self._clock = clock
        self._queue: queue.Queue[tuple[str, tuple[object, ...]] | None] = queue.Queue()
        # Rows queued and not yet written or dropped (flush waits for zero).
        self._outstanding = 0
        self._done = threading.Condition()
        self._last_warning = -1e9
        self._next_purge = 0.0  # purge as soon as the thread starts
        self._thread: threading.Thread | None = None
        if store is not None:
            self._thread = threading.Thread(target=self._run, name="stats-writer", daemon=True)
            self._thread.start()

    @property
    def enabled(self) -> bool:
        return self.store is not None

    def record_question(
        self,
        ref: str,
        question: str,
        abstained: bool,
        *,
        chat_type: str = "private",
        kind: str = "question",
        plans: list[str] | None = None,
    ) -> None:
        """Queue one answered question (masked when written)."""
        self._put(_question_row(ref, question, abstained, chat_type, kind, plans, None))

    def record_feedback(self, ref: str, user_id: int, vote: int) -> None:
        """Queue one vote."""
        self._put(_feedback_row(ref, user_id, vote))

    def _put(self, row: tuple[str, tuple[object, ...]]) -> None:
        if self.store is None:
            return
        with self._done:
            self._outstanding += 1
        self._queue.put(row)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far was written or dropped (tests, shutdown)."""
        with self._done:
            return self._done.wait_for(lambda: self._outstanding == 0, timeout)

    def _settled(self, count: int) -> None:
        with self._done:
            self._outstanding -= count
            self._done.notify_all()

    def close(self, timeout: float = 2.0) -> None:
        """Write what is queued (for up to ``timeout`` seconds) and stop the thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        assert self.store is not None
        pending: list[tuple[str, tuple[object, ...]]] = []
        stopping = False
        while not stopping or pending:
            self._maybe_purge()
            try:
                wait = self.retry_every if pending else min(60.0, self.purge_every)
                item = self._queue.get(timeout=wait)
            except queue.Empty:
                item = ()  # type: ignore[assignment]
            while True:
                if item is None:
                    stopping = True
                elif item:
                    pending.append(item)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if len(pending) > self.max_pending:
                over = len(pending) - self.max_pending
                self.dropped += over
                del pending[:over]
                self._settled(over)
            if not pending:
                continue
            try:
                self.store.write(pending)
                self._settled(len(pending))
                pending = []
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    self._warn("statistics database busy, %d row(s) waiting: %s", pending, exc)
                    if stopping:
                        break
                    continue  # keep the rows; the next round retries
                self._drop(pending, exc)
                pending = []
            except (sqlite3.Error, OSError) as exc:
                self._drop(pending, exc)
                pending = []
        if pending:
            self._settled(len(pending))

    def _drop(self, rows: list[tuple[str, tuple[object, ...]]], exc: Exception) -> None:
        self.dropped += len(rows)
        self._settled(len(rows))
        self._warn("statistics not recorded (%d row(s) dropped): %s", rows, exc)

    def _warn(
        self, message: str, rows: list[tuple[str, tuple[object, ...]]], exc: Exception
    ) -> None:
        now = self._clock()
        if now - self._last_warning >= 60.0:
            self._last_warning = now
            log.warning(message, len(rows), exc)

    def _maybe_purge(self) -> None:
        assert self.store is not None
        now = self._clock()
        if now < self._next_purge:
            return
        self._next_purge = now + self.purge_every
        try:
            removed = self.store.purge(self.retention_days)
        except (sqlite3.Error, OSError) as exc:
            log.warning("could not apply the statistics retention period: %s", exc)
            return
        if removed:
            log.info("deleted %d question(s) older than %g days", removed, self.retention_days)
