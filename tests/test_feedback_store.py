"""SQLite statistics: masked questions, pseudonymous votes, retention, the background writer."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from bot.telegram.feedback_store import DAY, FeedbackStore, StatsRecorder, new_ref
from bot.telegram.privacy import MASK_EMAIL, MASK_NUMBER, MASK_PHONE, mask_personal_data


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "nested" / "dir" / "planbot.sqlite3")


def test_creates_parent_dir_and_records(store: FeedbackStore) -> None:
    assert store.path.exists()
    store.record_question("r1", "Mục tiêu?", False, chat_type="group", plans=["a"])
    row = store.question("r1")
    assert row is not None
    assert row["chat_type"] == "group" and row["abstained"] == 0
    assert row["question"] == "Mục tiêu?" and row["plans"] == "a"


def test_keeps_nothing_about_people_and_no_answers(store: FeedbackStore) -> None:
    with sqlite3.connect(store.path) as conn:
        columns = {
            r[1] for t in ("questions", "feedback") for r in conn.execute(f"PRAGMA table_info({t})")
        }
    assert not columns & {"user_id", "username", "first_name", "name", "phone", "answer"}


def test_questions_are_masked(store: FeedbackStore) -> None:
    text = "Tôi là A, sđt 0912 345 678, mail a.b@so.gov.vn, CCCD 012345678901: mục tiêu 2025?"
    store.record_question("r", text, False)
    stored = str((store.question("r") or {})["question"])
    assert "0912" not in stored and "a.b@" not in stored and "012345678901" not in stored
    assert MASK_PHONE in stored and MASK_EMAIL in stored and MASK_NUMBER in stored
    assert "mục tiêu 2025?" in stored


@pytest.mark.parametrize(
    "text",
    [
        "Mục tiêu năm 2025 có 100 lượt",
        "Kế hoạch số 12/KH-UBND ngày 3/2/2020",
        "kinh phí 12.500.000.000 đồng",
        "giai đoạn 2018-2025",
    ],
)
def test_masking_keeps_plan_figures(text: str) -> None:
    assert mask_personal_data(text) == text


def test_votes_one_per_person_unlinkable(store: FeedbackStore) -> None:
    store.record_question("q1", "q", False)
    store.record_question("q2", "q", False)
    assert store.record_feedback("q1", 1, 1)
    assert store.record_feedback("q1", 2, -1)
    assert store.record_feedback("q1", 1, -1)  # changed their mind
    assert sorted(store.votes("q1")) == [-1, -1]
    assert not store.record_feedback("nope", 1, 1)
    store.record_feedback("q2", 1, 1)
    with sqlite3.connect(store.path) as conn:
        voters = {v for (v,) in conn.execute("SELECT voter FROM feedback")}
    assert len(voters) == 3  # the same person is another pseudonym on another question
    with pytest.raises(ValueError):
        store.record_feedback("q1", 1, 0)


def test_stats(store: FeedbackStore) -> None:
    now = time.time()
    store.record_question("a", "câu A", False, asked_at=now)
    store.record_question("b", "câu B", False, asked_at=now - 86400)
    store.record_question("c", "không biết", True, asked_at=now)
    store.record_question("d", "không biết", True, asked_at=now)
    store.record_question("e", "hiếm", True, asked_at=now - 30 * 86400)  # outside the window
    store.record_feedback("a", 1, -1)
    store.record_feedback("a", 2, -1)
    store.record_feedback("b", 3, -1)
    store.record_feedback("b", 4, 1)
    stats = store.stats(days=7)
    assert stats.total == 5 and stats.abstained == 3
    assert stats.abstention_rate == pytest.approx(0.6)
    assert (stats.upvotes, stats.downvotes) == (1, 3)
    assert sum(n for _, n, _ in stats.per_day) == 4
    assert stats.per_day[0][0] >= stats.per_day[-1][0]
    assert stats.most_downvoted[0] == ("câu A", 2, 0)
    assert stats.most_downvoted[1] == ("câu B", 1, 1)
    assert stats.unanswered[0] == ("không biết", 2)


def test_empty_stats(store: FeedbackStore) -> None:
    stats = store.stats()
    assert stats.total == 0 and stats.abstention_rate == 0.0 and stats.per_day == []


def test_purge_applies_retention(store: FeedbackStore) -> None:
    now = time.time()
    store.record_question("old", "cũ", False, asked_at=now - 200 * DAY)
    store.record_question("new", "mới", False, asked_at=now - 10 * DAY)
    store.record_feedback("old", 1, 1)
    assert store.purge(180, now=now) == 1
    assert store.question("old") is None and store.question("new") is not None
    assert store.stats().upvotes == 0


def test_old_layout_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE questions (id INTEGER PRIMARY KEY AUTOINCREMENT, asked_at REAL NOT NULL,
              user_id INTEGER NOT NULL, chat_type TEXT NOT NULL DEFAULT 'private',
              kind TEXT NOT NULL DEFAULT 'question', question TEXT NOT NULL,
              answer TEXT NOT NULL, abstained INTEGER NOT NULL, plans TEXT NOT NULL DEFAULT '');
            CREATE TABLE feedback (question_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
              vote INTEGER NOT NULL, voted_at REAL NOT NULL, PRIMARY KEY (question_id, user_id));
            """
        )
        conn.execute(
            "INSERT INTO questions VALUES (1, ?, 42, 'private', 'question',"
            " 'gọi 0912345678 giúp', 'câu trả lời dài', 0, 'kon-tum')",
            (time.time(),),
        )
        conn.execute("INSERT INTO feedback VALUES (1, 42, -1, ?)", (time.time(),))
    store = FeedbackStore(path)
    stats = store.stats()
    assert stats.total == 1 and stats.downvotes == 1
    assert stats.most_downvoted[0][0] == f"gọi {MASK_PHONE} giúp"
    with sqlite3.connect(path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(questions)")}
    assert "answer" not in columns and "user_id" not in columns


def test_concurrent_writers(store: FeedbackStore) -> None:
    def work(user: int) -> None:
        for i in range(20):
            ref = f"{user}-{i}"
            store.record_question(ref, f"q{i}", i % 2 == 0)
            store.record_feedback(ref, user, 1)

    threads = [threading.Thread(target=work, args=(u,)) for u in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = store.stats()
    assert stats.total == 160 and stats.upvotes == 160


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    FeedbackStore(path).record_question("r", "q", False)
    assert FeedbackStore(path).question("r") is not None


def test_recreated_when_deleted_while_running(store: FeedbackStore) -> None:
    store.record_question("a", "q", False)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    store.record_question("b", "q", False)
    assert store.question("b") is not None


def test_purge_recreates_a_deleted_database(store: FeedbackStore) -> None:
    store.path.unlink()
    assert store.purge(180) == 0
    store.record_question("b", "q", False)
    assert store.question("b") is not None


def test_recreated_when_emptied_while_running(store: FeedbackStore) -> None:
    """A database file replaced by an empty one (no tables) gets its tables back."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    sqlite3.connect(store.path).close()
    assert store.record_feedback("x", 1, 1) is False
    store.record_question("b", "q", False)
    assert store.question("b") is not None


# ----------------------------------------------------------------------------- recorder


def test_recorder_writes_in_background(store: FeedbackStore) -> None:
    recorder = StatsRecorder(store)
    ref = new_ref()
    recorder.record_question(ref, "Mục tiêu?", False, plans=["a"])
    recorder.record_feedback(ref, 7, 1)
    assert recorder.flush(5)
    assert store.question(ref) is not None and store.votes(ref) == [1]
    recorder.close()


def test_recorder_never_blocks_on_a_locked_database(store: FeedbackStore) -> None:
    """While another process holds the write lock, recording returns at once, and the rows
    are written once the lock is gone."""
    recorder = StatsRecorder(store, retry_every=0.05)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    for i in range(50):
        recorder.record_question(f"r{i}", "q", False)
    assert time.monotonic() - started < 0.5
    assert not recorder.flush(1.5)  # still waiting for the lock
    holder.execute("COMMIT")
    holder.close()
    assert recorder.flush(10)
    assert store.stats().total == 50
    recorder.close()


def test_recorder_drops_on_a_broken_database(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "db.sqlite3")
    store.path.unlink()
    store.path.mkdir()  # the file is now a folder: every write fails
    recorder = StatsRecorder(store)
    recorder.record_question("r", "q", False)
    assert recorder.flush(5)
    assert recorder.dropped == 1
    recorder.close()


def test_recorder_purges_at_start(store: FeedbackStore) -> None:
    store.record_question("old", "q", False, asked_at=time.time() - 400 * DAY)
    recorder = StatsRecorder(store, retention_days=180)
    recorder.record_question("new", "q", False)
    assert recorder.flush(5)
    assert store.question("old") is None and store.question("new") is not None
    recorder.close()


def test_recorder_without_store_discards() -> None:
    recorder = StatsRecorder(None)
    assert not recorder.enabled
    recorder.record_question("r", "q", False)
    assert recorder.flush(0.1)
