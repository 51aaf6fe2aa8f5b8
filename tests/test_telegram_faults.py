"""Faults through the real bot: the fourteen defects of issue 10, each kept fixed.

The real PTB stack runs against the Bot API stand-in with faults injected (tests/botapi_stub):
rejected tokens, resets, 5xx, 429 with retry_after, malformed replies, updates PTB cannot
read, a locked / missing / corrupt statistics database, floods, forged button keys.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from botapi_stub import BotApiStub
from fakes import FakeEngine
from telegram.ext import AIORateLimiter
from telegram_harness import (
    ADMIN,
    GROUP,
    OTHER,
    STEP,
    USER,
    Harness,
    _button,
    _keyboard,
    running_bot,
)

from bot.settings import load_settings
from bot.telegram import formatting as fmt
from bot.telegram.app import EXIT_POLLING_LOST, MSG_TOKEN_REJECTED, run
from bot.telegram.feedback_store import DAY, FeedbackStore

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Cơ quan nào chủ trì hỗ trợ doanh nghiệp về đo lường?"


def _texts(bot: Harness, chat: int) -> list[str]:
    return [c.params.get("text", "") for c in bot.sent(chat)]


# ----------------------------------------------------------------------------- 1. token


@pytest.mark.parametrize("status", [401, 404])
def test_rejected_token_at_start_exits_without_printing_it(
    tmp_path: Path,
    status: int,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with BotApiStub() as stub:
        stub.inject("getMe", status=status, description="Unauthorized", times=None)
        settings = load_settings(
            env={},
            telegram_bot_token=stub.token,
            telegram_api_base_url=stub.base_url,
            data_dir=tmp_path / "data",
        )
        with pytest.raises(SystemExit) as exc:
            run(settings, engine=FakeEngine())
    assert exc.value.code == 2
    captured = capsys.readouterr()
    assert MSG_TOKEN_REJECTED in captured.err
    secret = stub.token.split(":", 1)[1]
    assert secret not in captured.err + captured.out + caplog.text
    assert "Traceback" not in captured.err


# Runs `python -m bot` with the engine replaced by the fake one (no model to load).
_FAKE_ENGINE_MAIN = """
import sys, types
sys.path.insert(0, "tests")
from fakes import FakeEngine
module = types.ModuleType("bot.engine")
class Engine:
    @classmethod
    def load(cls, settings, **kwargs):
        return FakeEngine()
module.Engine = Engine
sys.modules["bot.engine"] = module
from bot.cli import main
sys.exit(main([]))
"""


def _bot_process(stub: BotApiStub, tmp_path: Path, **env: str) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": stub.token,
        "TELEGRAM_API_BASE_URL": stub.base_url,
        "PLANBOT_DATA_DIR": str(tmp_path / "data"),
        "PLANBOT_LOG_LEVEL": "INFO",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-c", _FAKE_ENGINE_MAIN],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


_LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) "
)


def test_process_rejected_token_exit_status_and_log_lines(tmp_path: Path) -> None:
    """The real process: status 2, a one-line reason, no token, a time and level on every
    log line (11)."""
    with BotApiStub() as stub:
        stub.inject("getMe", status=401, description="Unauthorized", times=None)
        proc = _bot_process(stub, tmp_path)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    secret = stub.token.split(":", 1)[1]
    assert secret not in out + err
    assert "Traceback" not in err
    assert f"Lỗi: {MSG_TOKEN_REJECTED}" in err
    log_lines = [line for line in err.splitlines() if not line.startswith("Lỗi:")]
    assert log_lines, err
    assert all(_LOG_LINE.match(line) for line in log_lines), err


# ----------------------------------------------------------------------------- 2. statistics


async def test_answers_do_not_wait_for_a_locked_database(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        holder = sqlite3.connect(bot.store.path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # a backup or an sqlite3 shell
        try:
            users = [5001 + i for i in range(5)]
            started = time.monotonic()
            for user in users:
                bot.stub.push_text(user, f"{QUESTION} ({user})")
            for user in users:
                await bot.until_keyboard(user, 0)
            # Before: one answer per 10 s busy timeout; the harness waits STEP at most.
            elapsed = time.monotonic() - started
            assert elapsed < 5.0, elapsed
        finally:
            holder.execute("COMMIT")
            holder.close()
        bot.flush()  # and the statistics arrive once the lock is gone
        assert bot.store.stats().total == 5


async def test_vote_does_not_wait_for_a_locked_database(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        messages = await bot.answer(USER, QUESTION)
        bot.flush()
        holder = sqlite3.connect(bot.store.path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            bot.stub.push_callback(USER, messages[-1].result, _button(messages[-1], "v:"))
            await bot.stub.wait_calls("answerCallbackQuery", 1, 3.0)
        finally:
            holder.execute("COMMIT")
            holder.close()
        bot.flush()
        assert bot.store.stats().upvotes == 1


# ----------------------------------------------------------------------------- 3. updates


async def test_unreadable_update_is_acknowledged_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running_bot(tmp_path, FakeEngine()) as bot:
        # A poll as an older self-hosted Bot API server sends it: without required fields.
        bad = bot.stub.push_update({"poll": {"id": "p1", "question": "?"}})
        messages = await bot.answer(USER, QUESTION)
        assert messages
        await bot.stub.wait_until(lambda: bad not in bot.stub.pending_update_ids(), STEP)
        polls = len(bot.stub.calls_of("getUpdates"))
        await asyncio.sleep(0.5)
        assert len(bot.stub.calls_of("getUpdates")) - polls < 5  # no retry storm
    skipped = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert len(skipped) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]


# ----------------------------------------------------------------------------- 4. polling


def test_start_retries_network_errors_and_lost_token_exits(tmp_path: Path) -> None:
    """A reset on getMe at start is retried; a 401 on getUpdates later ends run() with a
    non-zero status instead of leaving a process that answers no one."""
    result: dict[str, Any] = {}
    with BotApiStub() as stub:
        stub.inject("getMe", reset=True)
        settings = load_settings(
            env={},
            telegram_bot_token=stub.token,
            telegram_api_base_url=stub.base_url,
            data_dir=tmp_path / "data",
        )

        def target() -> None:
            try:
                result["code"] = run(settings, engine=FakeEngine())
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                result["error"] = exc

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        stub.push_text(USER, "/start")
        deadline = time.monotonic() + 30
        while not stub.message_count(USER) and time.monotonic() < deadline:
            assert thread.is_alive(), result
            time.sleep(0.05)
        assert stub.message_count(USER) == 1, result
        assert stub.failures("getMe") == 1
        stub.inject("getUpdates", status=401, description="Unauthorized", times=None)
        thread.join(30)
    assert not thread.is_alive(), "the bot kept running without polling"
    assert result == {"code": EXIT_POLLING_LOST}


# ----------------------------------------------------------------------------- 5. /stats


async def test_stats_only_in_a_private_chat(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        await bot.answer(USER, "gọi tôi 0912345678 về kinh phí")
        bot.flush()
        group = {"chat_id": GROUP, "chat_type": "supergroup"}
        (refused,) = await bot.say(ADMIN, "/stats", **group)
        assert refused.params["text"] == fmt.MSG_STATS_PRIVATE
        (stats,) = await bot.say(ADMIN, "/stats")
        assert "Tổng số câu hỏi: 1" in stats.params["text"]
        assert "0912345678" not in stats.params["text"]


# ----------------------------------------------------------------------------- 6. sending


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 500},
        {"status": 502, "description": "Bad Gateway"},
        {"status": 429, "description": "Too Many Requests: retry after 1", "retry_after": 1},
        {"malformed": True},
        {"reset": True},
    ],
    ids=["500", "502", "429", "malformed", "reset"],
)
async def test_one_failed_send_does_not_lose_the_answer(tmp_path: Path, fault: dict) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        bot.stub.inject("sendMessage", **fault)
        messages = await bot.answer(USER, QUESTION)
        assert [m.params["text"] for m in messages] == fmt.render_answer(
            bot.engine.answer(QUESTION)
        )
        assert bot.stub.failures("sendMessage") == 1
        assert fmt.MSG_ERROR not in _texts(bot, USER)


async def test_flood_limiter_is_pluggedin(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        assert isinstance(bot.app.bot.rate_limiter, AIORateLimiter)


# ----------------------------------------------------------------------------- 7. rate limit


async def test_flood_gets_a_few_notices_and_others_are_served(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        for i in range(100):
            bot.stub.push_text(USER, f"câu hỏi {i}?")
        answer = await bot.answer(OTHER, QUESTION)
        assert answer
        burst = bot.settings.rate_limit_burst

        def answered() -> int:
            return sum(1 for c in bot.sent(USER) if _keyboard(c))

        await bot.stub.wait_until(lambda: answered() >= burst, STEP, "the burst answered")
        await bot.stub.wait_until(lambda: not bot.stub.pending_update_ids(), STEP)
        await asyncio.sleep(0.5)
        notices = [t for t in _texts(bot, USER) if "Bạn hỏi hơi nhanh" in t]
        assert 1 <= len(notices) <= 2, len(notices)
        # The burst, and at most one more if a token refilled meanwhile (8 per 30 s).
        assert burst <= answered() <= burst + 1


async def test_rate_limit_covers_commands_and_buttons(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine(), rate_limit_burst=3, rate_limit_count=1) as bot:
        (start,) = await bot.say(USER, "/start")
        await bot.say(USER, "/help")
        await bot.say(USER, "/plans")
        (notice,) = await bot.say(USER, "/plans")
        assert "Bạn hỏi hơi nhanh" in notice.params["text"]
        bot.stub.push_text(USER, "/help")
        bot.stub.push_callback(USER, start.result, "x:0")
        await bot.stub.wait_calls("answerCallbackQuery", 1, STEP)
        await bot.silence(USER, 0.3)  # refused, and no second notice


async def test_new_user_can_tap_examples_and_ask(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        (start,) = await bot.say(USER, "/start")
        for data in [b["callback_data"] for row in _keyboard(start) for b in row]:
            before = len(bot.sent(USER))
            bot.stub.push_callback(USER, start.result, data)
            await bot.until_keyboard(USER, before)
        for i in range(3):
            await bot.answer(USER, f"{QUESTION} {i}")
        assert not [t for t in _texts(bot, USER) if "Bạn hỏi hơi nhanh" in t]


# ----------------------------------------------------------------------------- 8. mentions


async def test_mention_of_a_bot_with_a_longer_name_is_ignored(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        group = {"chat_id": GROUP, "chat_type": "supergroup"}
        bot.stub.push_text(USER, f"@{bot.stub.bot_username}_fake {QUESTION}", **group)
        bot.stub.push_text(USER, f"@{bot.stub.bot_username}2 {QUESTION}", **group)
        await bot.silence(GROUP)
        assert await bot.answer(USER, f"@{bot.stub.bot_username}, {QUESTION}", **group)


def test_addressed_text_needs_the_whole_username() -> None:
    assert fmt.addressed_text("@plan_bot_fake mục tiêu?", "plan_bot", False) is None
    assert fmt.addressed_text("hỏi @plan_bot: mục tiêu?", "plan_bot", False) == "hỏi : mục tiêu?"


# ----------------------------------------------------------------------------- 9. database


@pytest.mark.parametrize("problem", ["unwritable", "corrupt"])
async def test_starts_without_statistics(
    tmp_path: Path, problem: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    if problem == "unwritable":
        blocker = tmp_path / "blocker"
        blocker.write_text("a file where a folder should be")  # root ignores chmod
        data_dir = blocker / "data"
    else:
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        (data_dir / "planbot.sqlite3").write_bytes(b"this is not a database" * 100)
    async with running_bot(tmp_path, FakeEngine(), data_dir=data_dir) as bot:
        assert bot.handlers.store is None
        messages = await bot.answer(USER, QUESTION)
        assert not any(d.startswith("v:") for d in _data_of(messages[-1]))
        (stats,) = await bot.say(ADMIN, "/stats")
        assert stats.params["text"] == fmt.MSG_STATS_DISABLED
    assert "statistics disabled" in caplog.text


def _data_of(call: Any) -> list[str]:
    return [b.get("callback_data", "") for row in _keyboard(call) for b in row]


async def test_database_deleted_while_running_is_recreated(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        await bot.answer(USER, QUESTION)
        bot.flush()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{bot.store.path}{suffix}").unlink(missing_ok=True)
        messages = await bot.answer(USER, "Kinh phí?")
        bot.flush()
        assert bot.store.question(_button(messages[-1], "v:").split(":")[1]) is not None


# ----------------------------------------------------------------------------- 10. buttons


async def test_buttons_are_bound_to_their_chat(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        mine = await bot.answer(USER, "Kinh phí thực hiện lấy từ đâu?")
        keys = _data_of(mine[-1])
        theirs = await bot.answer(OTHER, "Mục tiêu?")
        before = len(bot.sent(OTHER))
        for data in keys:  # OTHER replays USER's keys on a message in OTHER's own chat
            bot.stub.push_callback(OTHER, theirs[-1].result, data)
        await bot.stub.wait_calls("answerCallbackQuery", len(keys), STEP)
        await bot.silence(OTHER, 0.3)
        assert len(bot.sent(OTHER)) == before
        toasts = [c.params.get("text") for c in bot.stub.calls_of("answerCallbackQuery")]
        assert toasts == [fmt.MSG_BUTTON_EXPIRED] * len(keys)
        bot.flush()
        assert bot.store.stats().upvotes + bot.store.stats().downvotes == 0
        # The keys are random, not a counter one could walk.
        key = _button(mine[-1], "s:").split(":")[1]
        assert len(key) >= 12 and key != _button(theirs[-1], "s:").split(":")[1]


@pytest.mark.parametrize(
    "data", ["p:KEY:99999999999999999999999999", "v:99999999999999999999999999:u", "x:9" * 20]
)
async def test_oversized_ids_get_a_polite_answer(tmp_path: Path, data: str) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        messages = await bot.answer(USER, "Kinh phí thực hiện lấy từ đâu?")
        key = _button(messages[-1], "s:").split(":")[1]
        bot.stub.push_callback(USER, messages[-1].result, data.replace("KEY", key))
        (toast,) = await bot.stub.wait_calls("answerCallbackQuery", 1, STEP)
        assert toast.params.get("text") == fmt.MSG_BUTTON_EXPIRED
        await bot.silence(USER, 0.3)


# ----------------------------------------------------------------------------- 12. index


def test_index_folders_and_files_readable_by_other_users(
    tmp_settings: Any, fake_encoder: Any
) -> None:
    from bot.index_store import build_index

    old = os.umask(0o022)
    try:
        build_index(tmp_settings, fake_encoder)
    finally:
        os.umask(old)
    paths = [tmp_settings.index_dir, *tmp_settings.index_dir.rglob("*")]
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


# ----------------------------------------------------------------------------- 13. /reload


async def test_reload_os_error_says_why(tmp_path: Path) -> None:
    class DiskFull(FakeEngine):
        def reload(self) -> Any:
            raise OSError(errno.ENOSPC, "No space left on device", "/srv/index/builds")

    async with running_bot(tmp_path, DiskFull()) as bot:
        _, failed = await bot.say(ADMIN, "/reload", 2)
        text = failed.params["text"]
        assert text == "❌ Nạp lại thất bại: No space left on device: /srv/index/builds"


# ----------------------------------------------------------------------------- 14. privacy


async def test_stored_question_is_masked_and_answer_not_kept(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        text = "Tôi (0912 345 678, an@gmail.com, CCCD 012345678901) hỏi kinh phí?"
        messages = await bot.answer(USER, text)
        bot.flush()
        row = bot.store.question(_button(messages[-1], "v:").split(":")[1])
    assert row is not None
    assert set(row) == {"id", "ref", "asked_at", "chat_type", "kind", "question", "abstained",
                        "plans"}  # fmt: skip
    for secret in ("0912 345 678", "an@gmail.com", "012345678901"):
        assert secret not in str(row["question"])
    assert "kinh phí?" in str(row["question"])


async def test_retention_applied_at_start(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "data" / "planbot.sqlite3")
    store.record_question("old", "cũ", False, asked_at=time.time() - 40 * DAY)
    store.record_question("recent", "mới", False, asked_at=time.time() - 5 * DAY)
    async with running_bot(tmp_path, FakeEngine(), stats_retention_days=30) as bot:
        await bot.answer(USER, QUESTION)
        bot.flush()
        assert bot.store.question("old") is None
        assert bot.store.question("recent") is not None


@pytest.mark.parametrize("log_texts", [False, True])
async def test_debug_logs_leave_out_message_texts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, log_texts: bool
) -> None:
    caplog.set_level(logging.DEBUG)
    question = "Số của tôi là 0987654321, Nguyễn Văn Bí hỏi về kinh phí"
    async with running_bot(tmp_path, FakeEngine(), log_message_texts=log_texts) as bot:
        await bot.answer(USER, question)
        await bot.say(USER, "/start")
    found = "0987654321" in caplog.text or f"Người dùng {USER}" in caplog.text
    assert found is log_texts


# ----------------------------------------------------------------------------- edits


async def test_edited_question_is_answered_again(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        first = await bot.answer(USER, "Mục tiêu?")
        assert first
        message = bot.stub.text_message(USER, "Kinh phí thực hiện lấy từ đâu?")
        message["edit_date"] = int(time.time())
        before = len(bot.sent(USER))
        bot.stub.push_update({"edited_message": message})
        again = await bot.until_keyboard(USER, before)
        expected = fmt.render_answer(bot.engine.answer("Kinh phí thực hiện lấy từ đâu?"))
        assert [m.params["text"] for m in again] == expected
