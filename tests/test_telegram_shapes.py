"""Answer shapes as a person sees them in Telegram (real engine, real model, Bot API stand-in).

The Telegram messages carry the same content as the plain-text answer (`ask --json`): only
markup is added — header lines bold, "Nguồn: …" italic, bullets as lines — and a long
answer is split between groups, never inside one.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from botapi_stub import Call
from telegram_harness import USER, Harness, running_bot
from test_telegram_formatting import visible

from bot.telegram import formatting as fmt
from bot.textnorm import fold

pytestmark = pytest.mark.slow


@pytest.fixture
async def bot(tmp_path: Path, engine: Any) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, engine) as harness:
        yield harness


def html(messages: list[Call]) -> str:
    return "\n".join(m.params["text"] for m in messages)


def lines(messages: list[Call]) -> list[str]:
    return [ln for m in messages for ln in m.params["text"].split("\n")]


async def ask(bot: Harness, question: str) -> list[Call]:
    """Ask in a fresh chat state (no follow-up) and check the same content as plain text."""
    await bot.say(USER, "/moi")
    messages = await bot.answer(USER, question)
    plain, _ = bot.engine.converse(question, None)
    assert "\n".join(visible(m.params["text"]) for m in messages) == plain.text.strip()
    return messages


async def test_complete_target_list_with_bold_header(bot: Harness) -> None:
    messages = await ask(bot, "Mục tiêu đến năm 2030 của Kon Tum là gì?")
    got = lines(messages)
    assert got[0] == "<b>Kon Tum — mục tiêu đến năm 2030 (ít nhất):</b>"
    bullets = [ln for ln in got if ln.startswith("• ")]
    assert len(bullets) == 4
    text = fold(html(messages))
    for value in ("10 chat chuan", "50 luot", "20 luot", "2 phong thi nghiem"):
        assert value in text, value
    assert got[-1].startswith("<i>Nguồn: Kế hoạch tỉnh Kon Tum") and got[-1].endswith("</i>")


async def test_agency_duties_as_bullets(bot: Harness) -> None:
    messages = await ask(bot, "sở khcn bình thuận có nhiệm vụ gì")
    got = lines(messages)
    assert got[0] == "<b>Sở Khoa học và Công nghệ (Bình Thuận):</b>"
    assert sum(ln.startswith("• ") for ln in got) >= 5
    assert "dự toán" in html(messages)


async def test_the_plan_does_not_say(bot: Harness) -> None:
    messages = await ask(bot, "kế hoạch bình thuận ký ngày nào")
    first = visible(messages[0].params["text"]).split("\n")[0]
    assert "không nêu" in first
    assert "20/01" not in html(messages)
    money = await ask(bot, "Thực hiện kế hoạch Kon Tum tốn bao nhiêu tiền?")
    got = lines(money)
    assert "không nêu" in got[0]
    assert "<b>Kế hoạch chỉ nêu nguồn kinh phí:</b>" in got
    assert sum(ln.startswith("• ") for ln in got) >= 2


async def test_a_long_list_is_split_between_groups(bot: Harness) -> None:
    messages = await ask(bot, "các nhiệm vụ của Kon Tum")
    assert len(html(messages)) > 1000
    for message in messages:
        assert len(message.params["text"]) <= fmt.MAX_MESSAGE_LENGTH
        visible(message.params["text"])  # balanced HTML
    # Section headers are bold.
    assert any(re.fullmatch(r"<b>Phụ lục, mục II – .+:</b>", ln) for ln in lines(messages))
    # Where it must be split (smaller messages), every part opens with a section header and
    # no section is cut: the parts are whole groups.
    plain, _ = bot.engine.converse("các nhiệm vụ của Kon Tum", None)
    parts = fmt.render_answer(plain, limit=900)
    assert len(parts) >= 3
    for part in parts:
        assert part.startswith("<b>"), part[:60]
    assert "\n".join(visible(p) for p in parts) == plain.text.strip()


async def _command(bot: Harness, text: str) -> list[Call]:
    return await bot.answer(USER, text)


async def test_compare_targets_lead_use_the_same_layout(bot: Harness) -> None:
    compare = lines(await _command(bot, "/compare kinh phí"))
    assert "<b>Bình Thuận — nguồn kinh phí:</b>" in compare
    assert "<b>Kon Tum — nguồn kinh phí:</b>" in compare
    # Short blocks of two plans share one source line, naming both, at the end.
    sources = [ln for ln in compare if ln.startswith("<i>Nguồn:")]
    assert len(sources) == 1 and sources[0] == compare[-1]
    assert "Bình Thuận" in sources[0] and "Kon Tum" in sources[0]
    targets = lines(await _command(bot, "/targets Kon Tum"))
    assert targets[0] == "<b>Kon Tum — mục tiêu:</b>"
    assert "<b>Đến năm 2025:</b>" in targets and "<b>Đến năm 2030:</b>" in targets
    assert sum(ln.startswith("• ") for ln in targets) == 8
    lead = await _command(bot, "/lead hiệu chuẩn")
    text = html(lead)
    assert "Sở Khoa học và Công nghệ chủ trì" in text
    assert sum(ln.startswith("<i>Nguồn:") for ln in lines(lead)) >= 1
    assert visible(text) == bot.engine.lead("hiệu chuẩn").text.strip()
