"""SQLite feedback store: questions, votes, statistics."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from bot.telegram.feedback_store import FeedbackStore


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "nested" / "dir" / "planbot.sqlite3")


def test_creates_parent_dir_and_records(store: FeedbackStore) -> None:
    assert store.path.exists()
    qid = store.record_question(42, "Mục tiêu?", "Trả lời", False, chat_type="group", plans=["a"])
    row = store.question(qid)
    assert row is not None
    assert row["user_id"] == 42 and row["chat_type"] == "group" and row["abstained"] == 0
    assert row["question"] == "Mục tiêu?" and row["answer"] == "Trả lời" and row["plans"] == "a"


def test_only_user_id_is_kept_about_people(store: FeedbackStore) -> None:
    with sqlite3.connect(store.path) as conn:
        columns = {
            r[1] for t in ("questions", "feedback") for r in conn.execute(f"PRAGMA table_info({t})")
        }
    assert not columns & {"username", "first_name", "last_name", "name", "phone"}


def test_feedback_upserts_per_user(store: FeedbackStore) -> None:
    qid = store.record_question(1, "q", "a", False)
    assert store.record_feedback(qid, 1, 1)
    assert store.record_feedback(qid, 2, -1)
    assert store.record_feedback(qid, 1, -1)  # changed their mind
    assert store.votes(qid) == [(1, -1), (2, -1)]
    assert not store.record_feedback(qid + 100, 1, 1)
    with pytest.raises(ValueError):
        store.record_feedback(qid, 1, 0)


def test_stats(store: FeedbackStore) -> None:
    now = time.time()
    a = store.record_question(1, "câu A", "x", False, asked_at=now)
    b = store.record_question(2, "câu B", "y", False, asked_at=now - 86400)
    store.record_question(3, "không biết", "?", True, asked_at=now)
    store.record_question(4, "không biết", "?", True, asked_at=now)
    store.record_question(5, "hiếm", "?", True, asked_at=now - 30 * 86400)  # outside the window
    store.record_feedback(a, 1, -1)
    store.record_feedback(a, 2, -1)
    store.record_feedback(b, 3, -1)
    store.record_feedback(b, 4, 1)
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


def test_concurrent_writers(store: FeedbackStore) -> None:
    def work(user: int) -> None:
        for i in range(20):
            qid = store.record_question(user, f"q{i}", "a", i % 2 == 0)
            store.record_feedback(qid, user, 1)

    threads = [threading.Thread(target=work, args=(u,)) for u in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = store.stats()
    assert stats.total == 160 and stats.upvotes == 160


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    qid = FeedbackStore(path).record_question(1, "q", "a", False)
    assert FeedbackStore(path).question(qid) is not None
