"""Conversations over the Bot API stand-in with the fast fake engine: what the handlers keep
per chat (context, replies in groups, restarts), small talk buttons, deep links, inline
mode and the handoff to staff."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from botapi_stub import BotApiStub, Call
from fakes import SUGGESTIONS, FakeEngine
from telegram_harness import ADMIN, GROUP, OTHER, USER, Harness, _data, _keyboard, running_bot

from bot.telegram import formatting as fmt

STAFF = -100777


def contexts(engine: FakeEngine) -> list[tuple[str, Any]]:
    """(text, context given) of each converse call."""
    return [arg for name, arg in engine.calls if name == "converse"]  # type: ignore[misc]


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, FakeEngine(), staff_chat_id=STAFF) as harness:
        yield harness


async def test_followup_gets_the_chats_context(bot: Harness) -> None:
    await bot.answer(USER, "Mục tiêu của Kon Tum?")
    reply = await bot.answer(USER, "Bình Thuận thì sao?")
    assert contexts(bot.engine)[-1] == (
        "Bình Thuận thì sao?",
        {"question": "Mục tiêu của Kon Tum?", "plans": []},
    )
    assert (
        "↪️ <i>Hiểu là: Mục tiêu của Kon Tum? (Bình Thuận thì sao?)</i>" in reply[0].params["text"]
    )
    # Another chat has its own conversation.
    await bot.answer(OTHER, "Bình Thuận thì sao?")
    assert contexts(bot.engine)[-1] == ("Bình Thuận thì sao?", None)
    (done,) = await bot.say(USER, "/moi")
    assert done.params["text"] == fmt.MSG_NEW_CONVERSATION
    await bot.answer(USER, "Kon Tum thì sao?")
    assert contexts(bot.engine)[-1] == ("Kon Tum thì sao?", None)


@pytest.mark.parametrize("persist", [True, False])
async def test_context_across_a_restart(tmp_path: Path, persist: bool) -> None:
    engine = FakeEngine()
    with BotApiStub() as stub:
        async with running_bot(tmp_path, engine, stub, persist_chats=persist) as bot:
            first = await bot.answer(USER, "Mục tiêu của Kon Tum?")
        async with running_bot(tmp_path, engine, stub, persist_chats=persist) as bot:
            await bot.answer(USER, "Bình Thuận thì sao?")
            expected = {"question": "Mục tiêu của Kon Tum?", "plans": []} if persist else None
            assert contexts(engine)[-1] == ("Bình Thuận thì sao?", expected)
            # Buttons of the answer from before the restart: shown, or politely expired.
            before = len(bot.sent(USER))
            bot.stub.push_callback(USER, first[-1].result, _data(first[-1])[0])
            if persist:
                (sources,) = (await bot.stub.wait_messages(USER, before + 1))[before:]
                assert sources.params["text"].startswith("📄 <b>Nguồn")
            else:
                await expiry_toast(bot)


async def expiry_toast(bot: Harness, n: int = 1) -> None:
    def expired() -> int:
        calls = bot.stub.calls_of("answerCallbackQuery")
        return sum(c.params.get("text") == fmt.MSG_BUTTON_EXPIRED for c in calls)

    await bot.stub.wait_until(lambda: expired() >= n, 10, "the expiry notice")


async def test_unreadable_state_file_is_set_aside(tmp_path: Path) -> None:
    state = tmp_path / "data" / "telegram_chats.pickle"
    state.parent.mkdir(parents=True)
    state.write_bytes(b"not a pickle")
    async with running_bot(tmp_path, FakeEngine()) as bot:
        await bot.answer(USER, "Mục tiêu của Kon Tum?")
    assert (tmp_path / "data" / "telegram_chats.pickle.unreadable").exists()


async def test_group_reply_continues_that_message(bot: Harness) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    at = f"@{bot.stub.bot_username}"
    kon_tum = await bot.answer(USER, f"{at} Mục tiêu của Kon Tum?", **group)
    await bot.answer(OTHER, f"{at} Kinh phí của Bình Thuận?", **group)
    await bot.answer(USER, "2030 thì sao?", reply_to=kon_tum[-1].result, **group)
    assert contexts(bot.engine)[-1][1] == {"question": "Mục tiêu của Kon Tum?", "plans": []}
    # A mention continues the group's latest turn.
    await bot.answer(OTHER, f"{at} 2025 thì sao?", **group)
    assert contexts(bot.engine)[-1][1]["question"] == "Mục tiêu của Kon Tum? (2030 thì sao?)"


async def test_small_talk_buttons(bot: Harness) -> None:
    (hello,) = await bot.answer(USER, "xin chào")
    labels = [b["text"] for row in _keyboard(hello) for b in row]
    assert _data(hello) == ["q:" + _data(hello)[0].split(":")[1] + f":{i}" for i in range(2)]
    assert all(len(label) <= fmt.MAX_LABEL_CHARS for label in labels)
    assert labels[1].endswith("…")  # a long example is cut for the phone
    bot.flush()
    assert bot.store.stats().total == 0  # small talk is not counted as a question
    answer = await bot.press_until_keyboard(USER, hello, _data(hello)[1])
    assert fmt.esc(SUGGESTIONS[1]) in answer[0].params["text"]  # the whole question asked
    assert contexts(bot.engine)[-1][0] == SUGGESTIONS[1]
    bot.stub.push_callback(USER, hello.result, "q:nokey:0")
    await expiry_toast(bot)


async def test_deep_link_sets_the_province(bot: Harness) -> None:
    (start,) = await bot.say(USER, "/start kon-tum")
    assert "📍 Bạn đang xem kế hoạch của <b>Kon Tum</b>" in start.params["text"]
    await bot.answer(USER, "Mục tiêu?")
    assert contexts(bot.engine)[-1] == ("Mục tiêu?", {"question": "", "plans": ["kon-tum"]})
    (unknown,) = await bot.say(OTHER, "/start ha-noi")
    assert "Bạn đang xem" not in unknown.params["text"]


async def test_inline_query_and_its_limit(tmp_path: Path) -> None:
    engine = FakeEngine()
    async with running_bot(tmp_path, engine, rate_limit_seconds=3600.0) as bot:
        bot.stub.push_inline_query(OTHER, "Kinh phí lấy từ đâu?")
        (call,) = await bot.stub.wait_calls("answerInlineQuery", 1)
        (result,) = call.params["results"]
        assert result["title"] == "Kinh phí lấy từ đâu?"
        body = result["input_message_content"]["message_text"]
        assert body.startswith("❓ <i>Kinh phí lấy từ đâu?</i>")
        source = "Nguồn: Kế hoạch Bình Thuận, II. Nhiệm vụ &gt; 1. &lt;Hỗ trợ&gt; doanh nghiệp."
        assert f"<i>{source}</i>" in body
        # The same wording again is answered from the cache, without the engine.
        bot.stub.push_inline_query(OTHER, "Kinh phí lấy từ đâu?")
        await bot.stub.wait_calls("answerInlineQuery", 2)
        # Typing on and on: past the inline allowance, no results (and no engine call).
        limit = bot.settings.rate_limit_burst * 4
        for i in range(limit + 1):
            bot.stub.push_inline_query(OTHER, f"câu hỏi {i}")
        calls = await bot.stub.wait_calls("answerInlineQuery", limit + 3)
        # The burst covers the first question and limit - 1 of these; two get nothing.
        assert sum(c.params["results"] == [] for c in calls) == 2
        assert sum(1 for name, _ in engine.calls if name == "converse") == limit


# ----------------------------------------------------------------------------- handoff


async def ask_staff(bot: Harness) -> tuple[Call, Call]:
    (answer,) = await bot.answer(USER, "Giá là bao nhiêu, không biết?")
    assert _data(answer)[-1].startswith("h:")
    before = len(bot.sent(USER))
    bot.stub.push_callback(USER, answer.result, _data(answer)[-1])
    (to_staff,) = await bot.stub.wait_messages(STAFF, 1)
    await bot.stub.wait_messages(USER, before + 1)
    return answer, to_staff


async def test_handoff_only_staff_replies_are_relayed(bot: Harness) -> None:
    answer, to_staff = await ask_staff(bot)
    # Pressing again does not send it twice.
    bot.stub.push_callback(USER, answer.result, _data(answer)[-1])
    await bot.stub.wait_until(
        lambda: any(
            c.params.get("text") == "Câu hỏi này đã được chuyển tới cán bộ rồi, bạn chờ chút nhé."
            for c in bot.stub.calls_of("answerCallbackQuery")
        ),
        10,
    )
    assert len(bot.sent(STAFF)) == 1
    staff = {"chat_id": STAFF, "chat_type": "supergroup", "reply_to": to_staff.result}
    before = len(bot.sent(USER))
    bot.stub.push_text(OTHER, "Tôi trả lời thay!", **staff)
    await bot.silence(USER)
    await bot.silence(STAFF, 0.2)
    bot.stub.push_text(ADMIN, "Bạn liên hệ Sở KH&CN nhé.", **staff)
    (relayed,) = (await bot.stub.wait_messages(USER, before + 1))[before:]
    assert relayed.params["text"] == (
        "👤 <b>Cán bộ trả lời câu hỏi của bạn</b>\n"
        "<blockquote>Giá là bao nhiêu, không biết?</blockquote>\nBạn liên hệ Sở KH&amp;CN nhé."
    )
    assert "reply_parameters" in relayed.params  # quoting the person's own message
    (_, ack) = await bot.stub.wait_messages(STAFF, 2)
    assert ack.params["text"] == "✅ Đã gửi câu trả lời tới người hỏi."
    store = bot.handlers.handoffs.store
    assert store is not None and store.counts() == (0, 1)


async def test_no_staff_chat_no_handoff_button(tmp_path: Path) -> None:
    async with running_bot(tmp_path, FakeEngine()) as bot:
        (answer,) = await bot.answer(USER, "Giá là bao nhiêu, không biết?")
        data = _data(answer)
        assert not any(d.startswith(("h:", "s:")) for d in data)
        assert any(d.startswith("q:") for d in data) and any(d.startswith("v:") for d in data)


async def test_other_replies_in_the_staff_chat_are_ordinary_messages(bot: Harness) -> None:
    staff = {"chat_id": STAFF, "chat_type": "supergroup"}
    at = f"@{bot.stub.bot_username}"
    answer = await bot.answer(ADMIN, f"{at} Mục tiêu của Kon Tum?", **staff)
    # A reply to an answer (not to a handed-off question) is a follow-up, as in any group.
    await bot.answer(OTHER, "Bình Thuận thì sao?", reply_to=answer[-1].result, **staff)
    assert contexts(bot.engine)[-1] == (
        "Bình Thuận thì sao?",
        {"question": "Mục tiêu của Kon Tum?", "plans": []},
    )
