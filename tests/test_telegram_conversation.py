"""Conversations end to end: the real bot (real engine, real model) over the Bot API stand-in.

Follow-ups (province, year, agency, task; with and without diacritics; English), small talk,
merged provinces, a reply in a group, a restart between two turns, deep links, inline mode
and the handoff to staff round trip.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from botapi_stub import BotApiStub, Call
from telegram_harness import ADMIN, GROUP, OTHER, USER, Harness, _data, _keyboard, running_bot

from bot.telegram import formatting as fmt
from bot.textnorm import fold

pytestmark = pytest.mark.slow

STAFF = -100777
MEMBER = 4004


def seen(messages: list[Call]) -> str:
    """What a person reads: the messages' text without tags, folded (no diacritics)."""
    return fold(" \n".join(re.sub(r"<[^>]+>", "", m.params["text"]) for m in messages))


def labels(call: Call) -> list[str]:
    return [b["text"] for row in _keyboard(call) for b in row]


@pytest.fixture
async def bot(tmp_path: Path, engine: Any) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, engine, staff_chat_id=STAFF) as harness:
        yield harness


async def turns(bot: Harness, *texts: str, user: int = USER) -> list[str]:
    """Say each text after the previous reply; return what each reply read."""
    return [seen(await bot.answer(user, text)) for text in texts]


# ----------------------------------------------------------------------------- follow-ups


async def test_year_followup(bot: Harness) -> None:
    first, second = await turns(
        bot, "Kon Tum đặt mục tiêu bao nhiêu lượt người được bồi dưỡng đến năm 2025?", "thế 2030?"
    )
    assert "25" in first
    assert "50" in second and "chua tim thay" not in second


async def test_province_followup_without_diacritics(bot: Harness) -> None:
    first, second = await turns(
        bot, "binh thuan dao tao bao nhieu nguoi ve do luong den 2030", "con kon tum thi sao"
    )
    assert "200" in first
    assert "kon tum" in second and "50" in second


async def test_agency_followup(bot: Harness) -> None:
    first, second = await turns(
        bot, "Sở KH&CN Bình Thuận có những nhiệm vụ gì?", "còn Sở Tài chính?"
    )
    assert "du toan" in first
    assert "so tai chinh" in second and "binh thuan" in second and "kinh phi" in second


async def test_task_followups(bot: Harness) -> None:
    first, when, partners = await turns(
        bot,
        "Ai chủ trì việc tuyên truyền, phổ biến về đo lường ở Kon Tum?",
        "thời gian thực hiện?",
        "phối hợp với ai?",
    )
    assert "so khoa hoc va cong nghe" in first
    assert "2021" in when
    assert "phoi hop" in partners and "chua tim thay" not in partners


async def test_english_followup(bot: Harness) -> None:
    first, second = await turns(bot, "What are Kon Tum's targets for 2030?", "and Binh Thuan?")
    assert "50" in first
    assert "binh thuan" in second and "200" in second


async def test_new_conversation_forgets_the_context(bot: Harness) -> None:
    await turns(bot, "Kon Tum đặt mục tiêu bao nhiêu lượt người được bồi dưỡng đến năm 2025?")
    (done,) = await bot.say(USER, "/moi")
    assert "cuoc tro chuyen moi" in seen([done])
    (reply,) = await turns(bot, "còn 2030?")
    assert "25 luot" not in reply and "kon tum: it nhat 50" not in reply


# ----------------------------------------------------------------------------- small talk


async def test_small_talk_has_examples_not_sources(bot: Harness) -> None:
    (hello,) = await bot.answer(USER, "xin chao")
    text = seen([hello])
    assert "binh thuan" in text and "kon tum" in text
    assert "xin loi" not in text and "chua tim thay" not in text
    data = _data(hello)
    assert data and all(d.startswith("q:") for d in data)  # no Nguồn, no votes
    assert all(len(label) <= fmt.MAX_LABEL_CHARS for label in labels(hello))
    # Pressing an example asks it, with the usual buttons under the answer.
    before = len(bot.sent(USER))
    bot.stub.push_callback(USER, hello.result, data[0])
    answer = await bot.until_keyboard(USER, before)
    assert any(d.startswith("s:") for d in _data(answer[-1]))
    assert "chua tim thay" not in seen(answer)
    for text in ("cảm ơn bạn", "ok", "bạn là ai?", "thanks"):
        (reply,) = await bot.say(USER, text)
        assert "xin loi" not in seen([reply]), text
        assert not any(d.startswith(("s:", "v:")) for d in _data(reply)), text


async def test_bot_calls_itself_minh(bot: Harness) -> None:
    (start,) = await bot.say(USER, "/start")
    (help_,) = await bot.say(USER, "/help")
    (who,) = await bot.say(USER, "bạn là ai?")
    for message in (start, help_, who):
        text = seen([message])
        assert "minh" in text and not re.search(r"\btoi\b", text)
    assert "chua ro so" not in seen([start])
    assert all(len(label) <= fmt.MAX_LABEL_CHARS for label in labels(start))


# ----------------------------------------------------------------------------- merged units


async def test_merged_provinces(bot: Harness) -> None:
    lam_dong, quang_ngai = await turns(
        bot, "Lâm Đồng có kế hoạch đo lường không?", "Quảng Ngãi đặt mục tiêu gì đến 2030?"
    )
    assert "binh thuan" in lam_dong and "nay thuoc" in lam_dong
    assert "kon tum" in quang_ngai and "50" in quang_ngai


async def test_deep_link_chooses_the_province(bot: Harness) -> None:
    (start,) = await bot.say(USER, "/start quang-ngai")
    assert "kon tum" in seen([start])
    (reply,) = await turns(bot, "mục tiêu đến năm 2030 là gì?")
    assert "kon tum" in reply and "50" in reply and "200" not in reply


# ----------------------------------------------------------------------------- groups


async def test_group_reply_continues_that_answer(bot: Harness) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    at = f"@{bot.stub.bot_username}"
    kon_tum = await bot.answer(
        USER, f"{at} Kon Tum đặt mục tiêu bao nhiêu lượt người được bồi dưỡng đến 2025?", **group
    )
    assert "25" in seen(kon_tum)
    other = await bot.answer(
        OTHER, f"{at} Bình Thuận đào tạo bao nhiêu người về đo lường đến 2025?", **group
    )
    assert "binh thuan" in seen(other)
    # A reply to the Kon Tum answer continues the Kon Tum conversation, not the latest one.
    reply = await bot.answer(USER, "còn 2030?", reply_to=kon_tum[-1].result, **group)
    text = seen(reply)
    assert "kon tum" in text and "50" in text and "200" not in text
    # Chatter in the group that is not for the bot is not answered.
    bot.stub.push_text(OTHER, "còn 2030?", **group)
    await bot.silence(GROUP)


# ----------------------------------------------------------------------------- restart


async def test_followup_and_buttons_survive_a_restart(tmp_path: Path, engine: Any) -> None:
    with BotApiStub() as stub:
        async with running_bot(tmp_path, engine, stub) as bot:
            first = await bot.answer(
                USER, "Kon Tum đặt mục tiêu bao nhiêu lượt người được bồi dưỡng đến năm 2025?"
            )
            assert "25" in seen(first)
        assert (tmp_path / "data" / "telegram_chats.pickle").exists()
        async with running_bot(tmp_path, engine, stub) as bot:
            second = await bot.answer(USER, "còn 2030?")
            assert "50" in seen(second) and "kon tum" in seen(second)
            # The Nguồn button of the answer from before the restart still works.
            sources = next(d for d in _data(first[-1]) if d.startswith("s:"))
            (shown,) = await bot.press(USER, first[-1], sources)
            assert shown.params["text"].startswith("📄 <b>Nguồn")
            # A button whose answer is not kept says so politely.
            bot.stub.push_callback(USER, first[-1].result, "s:unknownkey")
            await bot.stub.wait_until(
                lambda: any(
                    c.params.get("text") == fmt.MSG_BUTTON_EXPIRED
                    for c in bot.stub.calls_of("answerCallbackQuery")
                ),
                10,
                "the expiry notice",
            )


# ----------------------------------------------------------------------------- inline mode


async def test_inline_query_offers_the_answer_with_its_source(bot: Harness) -> None:
    bot.stub.push_inline_query(OTHER, "Mục tiêu đến năm 2030 của Kon Tum là gì?")
    (call,) = await bot.stub.wait_calls("answerInlineQuery", 1)
    results = call.params["results"]
    assert len(results) == 1 and results[0]["type"] == "article"
    body = results[0]["input_message_content"]
    assert body["parse_mode"] == "HTML"
    text = body["message_text"]
    assert "<b>Kon Tum — mục tiêu đến năm 2030 (ít nhất):</b>" in text
    assert "<i>Nguồn: Kế hoạch tỉnh Kon Tum" in text
    assert len(text) <= fmt.MAX_MESSAGE_LENGTH


# ----------------------------------------------------------------------------- handoff


async def _handoff(bot: Harness) -> tuple[Call, Call]:
    """Ask something the plans do not cover and press 👤; returns (answer, staff message)."""
    bot.stub.chat(ADMIN, STAFF, "supergroup")
    (answer,) = await bot.answer(USER, "Giá hiệu chuẩn cột bơm xăng là bao nhiêu tiền?")
    assert fmt.HANDOFF_LABEL in labels(answer)
    assert not any(d.startswith("s:") for d in _data(answer))  # no Nguồn under an apology
    handoff = next(d for d in _data(answer) if d.startswith("h:"))
    before_user = len(bot.sent(USER))
    bot.stub.push_callback(USER, answer.result, handoff)
    (to_staff,) = await bot.stub.wait_messages(STAFF, 1)
    (confirm,) = (await bot.stub.wait_messages(USER, before_user + 1))[before_user:]
    assert "can bo" in seen([confirm])
    return answer, to_staff


async def test_handoff_round_trip(bot: Harness) -> None:
    answer, to_staff = await _handoff(bot)
    staff_text = to_staff.params["text"]
    assert "cột bơm xăng" in staff_text
    assert f'<a href="tg://user?id={USER}">Người dùng {USER}</a>' in staff_text
    # Nothing more about the person than the first name and the link.
    bare = re.sub(r'href="[^"]*"', "", staff_text).replace(f"Người dùng {USER}", "")
    assert str(USER) not in bare
    # Someone who is not on the staff replies: ignored, nothing reaches the user.
    group = {"chat_id": STAFF, "chat_type": "supergroup", "reply_to": to_staff.result}
    before = len(bot.sent(USER))
    bot.stub.push_text(OTHER, "Đừng tin bot!", **group)
    await bot.silence(USER)
    await bot.silence(STAFF)
    # A member of the staff chat replies: relayed to the user, quoting the question.
    bot.stub.members[STAFF] = {MEMBER}
    bot.stub.push_text(MEMBER, "Giá do tổ chức kiểm định công bố; liên hệ Sở KH&CN.", **group)
    (relayed,) = (await bot.stub.wait_messages(USER, before + 1))[before:]
    text = relayed.params["text"]
    assert "<blockquote>Giá hiệu chuẩn cột bơm xăng là bao nhiêu tiền?</blockquote>" in text
    assert "liên hệ Sở KH&amp;CN" in text
    staff_msgs = await bot.stub.wait_messages(STAFF, 2)
    assert "da gui" in seen(staff_msgs[1:])
    # /stats shows it answered.
    (stats,) = await bot.say(ADMIN, "/stats")
    assert "0 đang chờ, 1 đã trả lời" in stats.params["text"]


async def test_no_staff_chat_no_button(tmp_path: Path, engine: Any) -> None:
    async with running_bot(tmp_path, engine) as bot:
        (answer,) = await bot.answer(USER, "Giá hiệu chuẩn cột bơm xăng là bao nhiêu tiền?")
        assert fmt.HANDOFF_LABEL not in labels(answer)
        assert "xin loi, toi" not in seen([answer])
        assert any(d.startswith("q:") for d in _data(answer))  # questions it can answer
