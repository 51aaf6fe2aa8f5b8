"""End to end: the real python-telegram-bot stack over HTTP against a Bot API stand-in.

Each test starts the stub on 127.0.0.1, builds the real Application pointed at it
(settings.telegram_api_base_url), starts long polling, pushes updates and checks the recorded
Bot API calls. Tests marked ``both`` run with the fast fake engine and with the real engine
over the real index (conftest's session ``engine`` fixture).
"""

from __future__ import annotations

import asyncio
import io
import itertools
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from botapi_stub import BotApiStub
from fakes import FakeEngine
from telegram_harness import (
    ADMIN,
    GROUP,
    OTHER,
    STEP,
    USER,
    Harness,
    _button,
    _data,
    _keyboard,
    _vote,
    running_bot,
)

from bot.settings import Settings, load_settings
from bot.telegram import formatting as fmt
from bot.telegram.app import build_application, run, webhook_options
from bot.telegram.console import run_console

ROOT = Path(__file__).resolve().parent.parent


def both(fn: Any) -> Any:
    """Run the test with the fake engine and with the real one."""
    return pytest.mark.parametrize(
        "bot_engine", ["fake", pytest.param("real", marks=pytest.mark.slow)], indirect=True
    )(fn)


@pytest.fixture
def bot_engine(request: pytest.FixtureRequest) -> Any:
    if getattr(request, "param", "fake") == "real":
        return request.getfixturevalue("engine")
    return FakeEngine()


@pytest.fixture
async def bot(tmp_path: Path, bot_engine: Any) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, bot_engine) as harness:
        yield harness


# ----------------------------------------------------------------------------- conversation


@both
async def test_start_lists_plans_and_example_buttons(bot: Harness) -> None:
    (msg,) = await bot.say(USER, "/start")
    assert msg.params["parse_mode"] == "HTML"
    text = msg.params["text"]
    for plan in bot.engine.plans():
        assert fmt.esc(plan.province) in text
        if plan.document_number:
            assert fmt.esc(plan.document_number) in text
    data = _data(msg)
    assert 3 <= len(data) <= 4 and all(d.startswith("x:") for d in data)
    assert bot.stub.calls_of("setMyCommands")
    # Pressing an example asks it.
    example = fmt.example_questions(bot.engine.plans())[0]
    before = len(bot.sent(USER))
    bot.stub.push_callback(USER, msg.result, "x:0")
    answer = await bot.until_keyboard(USER, before)
    assert fmt.esc(example) in answer[0].params["text"]
    assert bot.stub.calls_of("answerCallbackQuery")


@both
async def test_question_gets_answer_with_buttons(bot: Harness) -> None:
    question = "Cơ quan nào chủ trì hỗ trợ doanh nghiệp về đo lường?"
    messages = await bot.answer(USER, question)
    expected = fmt.render_answer(bot.engine.answer(question))
    assert [m.params["text"] for m in messages] == expected
    assert all(m.params["parse_mode"] == "HTML" for m in messages)
    assert not bot.stub.calls_of("sendChatAction", USER)  # a quick answer needs no "typing…"
    labels = [b["text"] for b in _keyboard(messages[-1])[0]]
    assert labels[-2:] == ["👍", "👎"]
    bot.flush()
    row = bot.store.question(_button(messages[-1], "v:").split(":")[1])
    assert row is not None and row["question"] == question and row["kind"] == "question"


@both
async def test_sources_button_shows_passages(bot: Harness) -> None:
    messages = await bot.answer(USER, "Doanh nghiệp được hỗ trợ hiệu chuẩn như thế nào?")
    sources = await bot.press(USER, messages[-1], _button(messages[-1], "s:"))
    text = sources[0].params["text"]
    assert text.startswith("📄 <b>Nguồn")
    assert sources[0].params["parse_mode"] == "HTML"
    assert all(len(m.params["text"]) <= 4096 for m in sources)
    if isinstance(bot.engine, FakeEngine):
        assert "<i>II. Nhiệm vụ &gt; 1. &lt;Hỗ trợ&gt; doanh nghiệp</i>" in text
        assert "a &lt; b &amp; c" in text
    else:
        names = {p.province for p in bot.engine.plans()}
        assert any(f"1. {fmt.esc(n)}</b>" in text for n in names)


async def test_province_buttons_reask_for_one_plan(tmp_path: Path) -> None:
    engine = FakeEngine()
    async with running_bot(tmp_path, engine) as bot:
        messages = await bot.answer(USER, "Kinh phí thực hiện lấy từ đâu?")
        plan_buttons = [d for d in _data(messages[-1]) if d.startswith("p:")]
        assert len(plan_buttons) == 2
        labels = [b["text"] for row in _keyboard(messages[-1])[1:] for b in row]
        assert labels == ["📍 Bình Thuận", "📍 Kon Tum"]
        before = len(bot.sent(USER))
        bot.stub.push_callback(USER, messages[-1].result, plan_buttons[1])
        narrowed = await bot.until_keyboard(USER, before)
        assert narrowed[0].params["text"].startswith("📍 <b>Kon Tum</b>")
        assert ("answer", ("Kinh phí thực hiện lấy từ đâu?", ("kon-tum",))) in engine.calls
        assert not [d for d in _data(narrowed[-1]) if d.startswith("p:")]


@pytest.mark.slow
async def test_province_buttons_real_engine(tmp_path: Path, engine: Any) -> None:
    async with running_bot(tmp_path, engine) as bot:
        messages = await bot.answer(USER, "/targets")
        plan_buttons = [d for d in _data(messages[-1]) if d.startswith("p:")]
        assert len(plan_buttons) == len(engine.plans()) > 1
        choice = engine.targets(None).plan_choices[0]
        province = {p.id: p.province for p in engine.plans()}[choice]
        before = len(bot.sent(USER))
        bot.stub.push_callback(USER, messages[-1].result, plan_buttons[0])
        narrowed = await bot.until_keyboard(USER, before)
        expected = fmt.render_answer(
            engine.targets(province), plan_label=province, question="/targets"
        )
        assert [m.params["text"] for m in narrowed] == expected
        assert expected[0].startswith(f"📍 <b>{fmt.esc(province)}</b>")


async def test_long_answer_is_split(bot: Harness) -> None:
    messages = await bot.answer(USER, "câu trả lời dài")
    assert len(messages) >= 2
    assert all(len(m.params["text"]) <= 4096 for m in messages)
    assert [bool(_keyboard(m)) for m in messages] == [False] * (len(messages) - 1) + [True]
    joined = "\n".join(m.params["text"] for m in messages)
    assert joined == fmt.esc(bot.engine.answer("câu trả lời dài").text)


@pytest.mark.slow
async def test_real_engine_long_outputs_fit(tmp_path: Path, engine: Any) -> None:
    async with running_bot(tmp_path, engine) as bot:
        for command in ("/targets", "/compare mục tiêu", "/lead đo lường", "/plans", "/help"):
            before = len(bot.sent(USER))
            bot.stub.push_text(USER, command)
            await bot.stub.wait_messages(USER, before + 1, STEP)
        await asyncio.sleep(0.3)
        assert all(0 < len(m.params["text"]) <= 4096 for m in bot.sent(USER))


async def test_commands_and_usage(bot: Harness) -> None:
    (help_msg,) = await bot.say(USER, "/help")
    assert "/targets" in help_msg.params["text"] and "/reload" not in help_msg.params["text"]
    (admin_help,) = await bot.say(ADMIN, "/help")
    assert "/reload" in admin_help.params["text"]
    (plans,) = await bot.say(USER, "/plans")
    assert (
        "Kon Tum" in plans.params["text"]
        and "&lt;đo lường&gt; &amp; hỗ trợ" in plans.params["text"]
    )
    (usage,) = await bot.say(USER, "/lead")
    assert "Cách dùng: /lead" in usage.params["text"]
    (usage,) = await bot.say(USER, "/compare   ")
    assert "Cách dùng: /compare" in usage.params["text"]
    lead = await bot.answer(USER, "/lead hiệu chuẩn")
    assert "Nhiệm vụ «hiệu chuẩn»: Sở KH&amp;CN chủ trì" in lead[0].params["text"]
    targets = await bot.answer(USER, "/targets Kon Tum")
    assert "Chỉ tiêu (Kon Tum)" in targets[0].params["text"]
    compare = await bot.answer(USER, "/compare kinh phí")
    assert "So sánh «kinh phí»" in compare[0].params["text"]
    (unknown,) = await bot.say(USER, "/foo")
    assert unknown.params["text"] == fmt.MSG_UNKNOWN_COMMAND


# ----------------------------------------------------------------------------- staff


@both
async def test_reload_admin_only_and_answers_keep_flowing(bot: Harness) -> None:
    (refused,) = await bot.say(USER, "/reload")
    assert refused.params["text"] == fmt.MSG_NOT_ADMIN
    (started,) = await bot.say(ADMIN, "/reload")
    assert started.params["text"] == fmt.MSG_RELOAD_START
    # A question asked during the reload is answered (the fake reload takes 0.3 s).
    answer = await bot.answer(USER, "Mục tiêu đến năm 2025?")
    assert answer
    (done,) = (await bot.stub.wait_messages(ADMIN, 2, 60))[1:]
    assert done.params["text"].startswith("✅ Đã nạp lại.")
    if isinstance(bot.engine, FakeEngine):
        assert bot.engine.reloads == 1
        assert answer[-1].at < done.at  # answered while the reload was running
        assert "giữ nguyên: binh-thuan, kon-tum" in done.params["text"]


async def test_reload_reports_failure(tmp_path: Path) -> None:
    from bot.errors import PlanBotError

    class Broken(FakeEngine):
        def reload(self) -> Any:
            raise PlanBotError("knowledge/plans: <no plan>")

    async with running_bot(tmp_path, Broken()) as bot:
        _, failed = await bot.say(ADMIN, "/reload", 2)
        assert failed.params["text"] == "❌ Nạp lại thất bại: knowledge/plans: &lt;no plan&gt;"


async def test_stats_for_admin(bot: Harness) -> None:
    await bot.answer(USER, "Mục tiêu đến năm 2025?")
    await bot.answer(USER, "điều mình không biết")
    messages = await bot.answer(OTHER, "Kinh phí?")
    await bot.press(OTHER, messages[-1], _vote(messages[-1], "d"), 0)
    await bot.stub.wait_calls("answerCallbackQuery", 1, STEP)
    bot.flush()
    (refused,) = await bot.say(USER, "/stats")
    assert refused.params["text"] == fmt.MSG_NOT_ADMIN
    (stats,) = await bot.say(ADMIN, "/stats")
    text = stats.params["text"]
    assert "Tổng số câu hỏi: 3; chưa trả lời được: 1 (33%)" in text
    assert "1👎 0👍 — Kinh phí?" in text
    assert "×1 — điều mình không biết" in text


# ----------------------------------------------------------------------------- robustness


async def test_rate_limit(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine(), rate_limit_count=3, rate_limit_burst=3) as bot:
        for i in range(3):
            await bot.answer(USER, f"Câu hỏi số {i}?")
        (limited,) = await bot.say(USER, "Câu hỏi thứ tư?")
        assert "Bạn hỏi hơi nhanh" in limited.params["text"]
        assert len([c for c in bot.engine.calls if c[0] == "answer"]) == 3
        # Other people are not affected.
        assert await bot.answer(OTHER, "Câu hỏi khác?")


BAD_TEXTS = {
    "empty": ("   \n ", fmt.MSG_EMPTY),
    "too_long": ("x" * 4500, "Câu hỏi dài quá (4500 ký tự)"),
    "emoji": ("😀🎉👍", fmt.MSG_NO_WORDS),
    "punctuation": ("?!...", fmt.MSG_NO_WORDS),
}


@both
@pytest.mark.parametrize("case", sorted(BAD_TEXTS))
async def test_bad_text_inputs(bot: Harness, case: str) -> None:
    text, expected = BAD_TEXTS[case]
    (reply,) = await bot.say(USER, text)
    assert expected in reply.params["text"]
    assert reply.params["parse_mode"] == "HTML"
    await bot.silence(USER, 0.2)


@both
async def test_html_injection_is_escaped(bot: Harness) -> None:
    question = '<b>x</b><script>alert("1")</script> *đậm* _nghiêng_ [a](http://x)'
    messages = await bot.answer(USER, question)
    for message in messages:
        assert "<script>" not in message.params["text"]
        assert "<b>x</b>" not in message.params["text"]
    if isinstance(bot.engine, FakeEngine):  # the fake echoes the question
        assert "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;" in messages[0].params["text"]


@pytest.mark.parametrize(
    ("kind", "word"),
    [
        ("sticker", "nhãn dán"),
        ("photo", "ảnh"),
        ("voice", "tin nhắn thoại"),
        ("document", "tệp đính kèm"),
        ("audio", "tệp âm thanh"),
        ("video", "video"),
        ("location", "vị trí"),
    ],
)
async def test_non_text_messages(bot: Harness, kind: str, word: str) -> None:
    before = len(bot.sent(USER))
    bot.stub.push_media(USER, kind)
    (reply,) = (await bot.stub.wait_messages(USER, before + 1, STEP))[before:]
    assert f"chưa xem được {word}" in reply.params["text"]


async def test_engine_error_gets_brief_reply_and_log(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    (reply,) = await bot.say(USER, "boom")
    assert reply.params["text"] == fmt.MSG_ERROR
    assert "error while handling update" in caplog.text
    assert "engine exploded" in caplog.text
    # The bot keeps working.
    assert await bot.answer(USER, "Mục tiêu?")


async def test_slow_question_shows_typing(bot: Harness) -> None:
    await bot.answer(USER, "câu hỏi chậm")
    actions = bot.stub.calls_of("sendChatAction", USER)
    assert actions and actions[0].params["action"] == "typing"
    assert actions[-1].at < bot.sent(USER)[-1].at  # none lingers after the answer


async def test_slow_question_does_not_block_others(bot: Harness) -> None:
    bot.stub.push_text(USER, "câu hỏi chậm")
    started = time.monotonic()
    fast = await bot.answer(OTHER, "câu hỏi nhanh")
    assert time.monotonic() - started < 1.0
    slow = await bot.until_keyboard(USER, 0)
    assert fast[-1].at < slow[-1].at


# ----------------------------------------------------------------------------- feedback


@both
async def test_feedback_reaches_sqlite(bot: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    # A key that starts with "u" once made "v:<key>:u".replace(":u", ":d") a different key.
    keys = itertools.count()
    monkeypatch.setattr("bot.telegram.memo.new_ref", lambda: f"u{next(keys):011d}")
    messages = await bot.answer(USER, "Cơ quan nào chủ trì?")
    up = _button(messages[-1], "v:")
    ref = up.split(":")[1]
    bot.stub.push_callback(USER, messages[-1].result, up)
    await bot.stub.wait_calls("editMessageReplyMarkup", 1, STEP)
    bot.flush()
    assert bot.store.votes(ref) == [1]
    bot.stub.push_callback(USER, messages[-1].result, _vote(messages[-1], "d"))
    await bot.stub.wait_calls("editMessageReplyMarkup", 2, STEP)
    bot.flush()
    assert bot.store.votes(ref) == [-1]
    edit = bot.stub.calls_of("editMessageReplyMarkup")[-1]
    labels = [b["text"] for b in edit.params["reply_markup"]["inline_keyboard"][0]]
    assert labels[-2:] == ["👍", "👎 ✓"]
    toasts = [c.params.get("text") for c in bot.stub.calls_of("answerCallbackQuery")]
    assert fmt.MSG_VOTE_THANKS[1] in toasts and fmt.MSG_VOTE_THANKS[-1] in toasts


async def test_stale_buttons(bot: Harness) -> None:
    messages = await bot.answer(USER, "Cơ quan nào chủ trì?")
    for data in ("s:nosuchkey", "garbage", "p:nosuchkey:0", "v:nosuchkey:u"):
        bot.stub.push_callback(USER, messages[-1].result, data)
    await bot.stub.wait_calls("answerCallbackQuery", 4, STEP)
    toasts = [c.params.get("text") for c in bot.stub.calls_of("answerCallbackQuery")]
    assert toasts == [fmt.MSG_BUTTON_EXPIRED] * 4
    await bot.silence(USER, 0.2)


# ----------------------------------------------------------------------------- groups


@both
async def test_group_chat_only_when_addressed(bot: Harness) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    bot.stub.push_text(USER, "Mục tiêu đến năm 2025 là gì?", **group)
    bot.stub.push_media(USER, "sticker", **group)
    bot.stub.push_text(USER, "/plans@someotherbot", **group)
    await bot.silence(GROUP)
    mention = f"@{bot.stub.bot_username} Mục tiêu đến năm 2025 là gì?"
    answer = await bot.answer(USER, mention, **group)
    assert answer[0].params["reply_parameters"]["message_id"]  # quotes the question
    asked = "Mục tiêu đến năm 2025 là gì?"
    assert [m.params["text"] for m in answer] == fmt.render_answer(bot.engine.answer(asked))
    # A reply to one of the bot's messages is addressed to it.
    before = len(bot.sent(GROUP))
    bot.stub.push_text(USER, "Còn kinh phí thì sao?", reply_to=answer[-1].result, **group)
    await bot.until_keyboard(GROUP, before)
    (plans,) = await bot.say(USER, f"/plans@{bot.stub.bot_username}", **group)
    assert "Các kế hoạch đang có" in plans.params["text"]
    (plans,) = await bot.say(USER, "/plans", **group)
    assert "Các kế hoạch đang có" in plans.params["text"]
    await bot.silence(GROUP, 0.2)


# ----------------------------------------------------------------------------- secrets


@both
async def test_token_never_logged(
    tmp_path: Path, bot_engine: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_bot(tmp_path, bot_engine) as bot:
        await bot.say(USER, "/start")
        await bot.answer(USER, "Mục tiêu đến năm 2025?")
        await bot.say(USER, "/reload")
        logging.getLogger("probe").warning("token is %s", bot.stub.token)
        logging.getLogger("probe").error("failed", exc_info=RuntimeError(bot.stub.token))
    secret = bot.stub.token.split(":", 1)[1]
    assert caplog.records, "nothing was logged"
    assert any(r.name.startswith("telegram") and r.levelno == logging.DEBUG for r in caplog.records)
    for record in caplog.records:
        assert secret not in record.getMessage()
    assert secret not in caplog.text
    assert "<redacted>" in caplog.text


# ----------------------------------------------------------------------------- process


def test_run_without_token_exits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = load_settings(env={}, data_dir=tmp_path / "data")
    with pytest.raises(SystemExit) as exc:
        run(settings)
    assert exc.value.code == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


@pytest.mark.slow
def test_run_with_missing_index_exits_cleanly(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123:secret-token-value",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
        "PLANBOT_INDEX_DIR": str(tmp_path / "no-index"),
        "PLANBOT_DATA_DIR": str(tmp_path / "data"),
    }
    code = "from bot.settings import load_settings; from bot.telegram.app import run; "
    code += "run(load_settings())"
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "build_index" in proc.stderr
    assert "secret-token-value" not in proc.stderr + proc.stdout


@pytest.mark.slow
async def test_python_m_bot_serves_telegram(
    tmp_path: Path, real_settings: Settings, engine: Any
) -> None:
    """`python -m bot` with a token: the real process, long polling against the stub."""
    with BotApiStub() as stub:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": stub.token,
            "TELEGRAM_API_BASE_URL": stub.base_url,
            "PLANBOT_INDEX_DIR": str(real_settings.index_dir),
            "PLANBOT_KNOWLEDGE_DIR": str(real_settings.knowledge_dir),
            "PLANBOT_DATA_DIR": str(tmp_path / "data"),
            "PLANBOT_LOG_LEVEL": "DEBUG",
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            stub.push_text(USER, "/start")
            await stub.wait_until(
                lambda: stub.message_count(USER) >= 1 or proc.poll() is not None, 90, "/start"
            )
            if proc.poll() is not None:
                pytest.fail(f"python -m bot exited with {proc.returncode}: {proc.stdout.read()}")
            (start,) = stub.messages(USER)
            assert "Xin chào" in start.params["text"]
            stub.push_text(USER, "Mục tiêu đến năm 2025?")
            await stub.wait_until(lambda: any(_keyboard(c) for c in stub.messages(USER)[1:]), 60)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                output, _ = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                output, _ = proc.communicate()
        assert proc.returncode == 0, output
        assert stub.token.split(":", 1)[1] not in output
        assert "Traceback" not in output
        assert (tmp_path / "data" / "planbot.sqlite3").exists()


# ----------------------------------------------------------------------------- webhook


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_checks_secret(tmp_path: Path) -> None:
    pytest.importorskip("tornado")
    port = _free_port()
    with BotApiStub() as stub:
        settings = load_settings(
            env={},
            telegram_bot_token=stub.token,
            telegram_api_base_url=stub.base_url,
            data_dir=tmp_path / "data",
            webhook_url=f"http://127.0.0.1:{port}/hook/abc",
            webhook_port=port,
            webhook_secret="s3cret-value",
        )
        app = build_application(settings, FakeEngine())
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(**webhook_options(settings, listen="127.0.0.1"))
        try:
            (hook,) = stub.calls_of("setWebhook")
            assert hook.params["url"] == settings.webhook_url
            assert hook.params["secret_token"] == "s3cret-value"
            update = {"update_id": 1, "message": stub.text_message(USER, "/start")}
            async with httpx.AsyncClient(timeout=STEP) as client:
                header = "X-Telegram-Bot-Api-Secret-Token"
                bad = await client.post(
                    settings.webhook_url, json=update, headers={header: "wrong"}
                )
                assert bad.status_code == 403
                good = await client.post(
                    settings.webhook_url, json=update, headers={header: "s3cret-value"}
                )
                assert good.status_code == 200
            (start,) = await stub.wait_messages(USER, 1, STEP)
            assert "Xin chào" in start.params["text"]
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()


# ----------------------------------------------------------------------------- console


def test_console_chat_on_the_same_engine() -> None:
    engine = FakeEngine()
    lines = [
        "/plans",
        "Mục tiêu 2025?",
        "/sources",
        "/lead",
        "/lead hiệu chuẩn",
        "/targets",
        "/compare kinh phí",
        "😀",
        "/foo",
        "",
        "/quit",
        "không tới đây",
    ]
    out = io.StringIO()
    assert run_console(engine, io.StringIO("\n".join(lines) + "\n"), out) == 0
    text = out.getvalue()
    assert "Kế hoạch <đo lường> & hỗ trợ" in text  # plain text, unescaped
    assert "Trả lời cho: Mục tiêu 2025?" in text
    assert "Có thể hỏi riêng từng tỉnh: Bình Thuận, Kon Tum" in text
    assert "1. Bình Thuận — II. Nhiệm vụ > 1. <Hỗ trợ> doanh nghiệp" in text
    assert "Cách dùng: /lead <từ khóa>" in text
    assert "Nhiệm vụ «hiệu chuẩn»" in text
    assert "Chỉ tiêu (tất cả các tỉnh)" in text
    assert "So sánh «kinh phí»" in text
    assert "Mình chưa hiểu tin nhắn này" in text
    assert fmt.MSG_UNKNOWN_COMMAND in text
    assert "<b>" not in text
    assert ("answer", ("không tới đây", ())) not in engine.calls


def test_console_stops_at_eof() -> None:
    out = io.StringIO()
    assert run_console(FakeEngine(), io.StringIO("/help"), out) == 0
    assert "/targets" in out.getvalue()
