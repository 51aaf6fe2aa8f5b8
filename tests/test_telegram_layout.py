"""Fast unit tests: answer layout in Telegram, chat memory, handoff store, inline helpers."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from test_telegram_formatting import visible

from bot.answers import Answer, Passage
from bot.telegram import formatting as fmt
from bot.telegram import layout
from bot.telegram.handoff import chat_link, relay_message, staff_message
from bot.telegram.handoff_store import HandoffStore
from bot.telegram.inline import inline_article, plans_for_payload, slug
from bot.telegram.memo import ANSWERS_PER_CHAT, MESSAGES_PER_CHAT, ChatMemory, Memo

TARGETS = (
    "Kon Tum — mục tiêu:\n"
    "Đến năm 2025:\n"
    "• ít nhất 5 chất chuẩn <đo> & phương tiện đo\n"
    "• ít nhất 25 lượt người\n"
    "Đến năm 2030:\n"
    "• ít nhất 10 chất chuẩn\n"
    "• ít nhất 50 lượt người\n"
    "Nguồn: Kế hoạch tỉnh Kon Tum, mục I.2.a – Đến năm 2025."
)


def test_headers_bold_sources_italic_bullets_lines_escaped() -> None:
    (msg,) = fmt.render_answer(Answer("q", TARGETS, False))
    lines = msg.split("\n")
    assert lines[0] == "<b>Kon Tum — mục tiêu:</b>"
    assert lines[1] == "<b>Đến năm 2025:</b>"
    assert lines[2] == "• ít nhất 5 chất chuẩn &lt;đo&gt; &amp; phương tiện đo"
    assert "<b>Đến năm 2030:</b>" in lines
    assert lines[-1] == "<i>Nguồn: Kế hoạch tỉnh Kon Tum, mục I.2.a – Đến năm 2025.</i>"
    # The same content as the plain text: only markup added.
    assert visible(msg) == TARGETS


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("Kon Tum — mục tiêu đến năm 2030:", True),
        ("Sở Tài chính (Bình Thuận):", True),
        ("mục II.1 – Hoàn thiện thể chế:", True),
        ("Đến năm 2025:", True),
        ("• Chủ trì xây dựng kế hoạch:", False),
        ("- một việc:", False),
        ("Nguồn: Kế hoạch tỉnh Kon Tum:", False),
        ("Bình Thuận: ít nhất 200 lượt người.", False),
        ("x" * 200 + ":", False),
    ],
)
def test_header_lines(line: str, header: bool) -> None:
    assert layout.is_header(line) is header


def test_long_answer_split_between_groups_never_inside() -> None:
    blocks = []
    for i in range(12):
        items = "\n".join(f"• việc {i}.{k} " + "x" * 60 for k in range(6))
        blocks.append(f"Nhóm {i}:\n{items}\nNguồn: mục {i}.")
    text = "\n\n".join(blocks)
    messages = fmt.render_answer(Answer("q", text, False), limit=1200)
    assert len(messages) > 2
    for msg in messages:
        assert len(msg) <= 1200
        visible(msg)
        # Each message starts with a group's header and ends with its source line.
        assert re.match(r"<b>Nhóm \d+:</b>", msg), msg[:40]
        assert msg.rstrip().endswith("</i>")
    joined = "\n\n".join(visible(m) for m in messages)
    assert joined == text


def test_group_longer_than_a_message_is_cut_between_lines() -> None:
    text = "Danh sách:\n" + "\n".join(f"• mục {i} " + "y" * 80 for i in range(40))
    messages = fmt.render_answer(Answer("q", text, False), limit=1000)
    assert len(messages) > 1
    for msg in messages:
        assert len(msg) <= 1000
        for line in visible(msg).split("\n"):
            assert line == "Danh sách:" or re.fullmatch(r"• mục \d+ y{80}", line), line


def test_stacked_headers_stay_with_their_items() -> None:
    groups = layout.answer_groups("A:\nB:\n• b1\nC:\n• c1")
    assert [g.html for g in groups] == ["<b>A:</b>\n<b>B:</b>\n• b1", "<b>C:</b>\n• c1"]


def test_resolved_question_shown_above_the_answer() -> None:
    answer = Answer("còn 2030?", "Kon Tum: 50 lượt.", False, resolved_question="Kon <Tum> 2030?")
    (msg,) = fmt.render_answer(answer)
    assert msg.startswith("↪️ <i>Hiểu là: Kon &lt;Tum&gt; 2030?</i>\n\n")


def test_keyboard_for_small_talk_and_abstention() -> None:
    long = "Doanh nghiệp được hỗ trợ những gì về hiệu chuẩn, thử nghiệm ở Bình Thuận?"
    rows = fmt.answer_keyboard("k", None, False, [], {}, suggestions=["Ngắn?", long])
    assert [[b.data for b in r] for r in rows] == [["q:k:0"], ["q:k:1"]]
    assert all(len(b.text) <= fmt.MAX_LABEL_CHARS for r in rows for b in r)
    assert rows[1][0].text.endswith("…")
    rows = fmt.answer_keyboard("k", "k", False, [], {}, suggestions=["A?"], handoff=True)
    assert rows[-1][0].text == fmt.HANDOFF_LABEL and rows[-1][0].data == "h:k"
    assert fmt.parse_callback("q:k:1") == fmt.Callback("suggest", key="k", index=1)
    assert fmt.parse_callback("h:k") == fmt.Callback("handoff", key="k")
    assert fmt.parse_callback("h:") is None


def test_start_has_no_unknown_number_and_short_examples() -> None:
    from test_telegram_formatting import fmt_plan

    plans = [fmt_plan("kon-tum", "Kon Tum"), fmt_plan("binh-thuan", "Bình Thuận")]
    assert "chưa rõ" not in fmt.render_start(plans)
    examples = fmt.example_questions(plans)
    assert 3 <= len(examples) <= 4
    assert all(len(q) <= fmt.MAX_LABEL_CHARS for q in examples)


# ----------------------------------------------------------------------------- memory


def test_chat_memory_bounded_and_picklable() -> None:
    data: dict = {}
    memory = ChatMemory(data)
    answer = Answer("q", "a", False, facts=[{"x": 1}], context={"question": "q"})
    keys = [memory.put(Memo("q", answer)) for _ in range(ANSWERS_PER_CHAT + 5)]
    assert memory.get(keys[0]) is None and memory.get(keys[-1]) is not None
    assert memory.get(keys[-1]).answer.facts == []  # only what buttons need is kept
    memory.context = {"question": "Kon Tum 2025?"}
    memory.remember_messages(range(MESSAGES_PER_CHAT + 10), {"question": "old"})
    assert memory.context_of_message(0) is None
    assert memory.context_of_message(MESSAGES_PER_CHAT + 9) == {"question": "old"}
    again = ChatMemory(pickle.loads(pickle.dumps(data)))
    assert again.context == {"question": "Kon Tum 2025?"}
    assert again.get(keys[-1]) is not None
    again.clear()
    assert again.context is None and again.context_of_message(MESSAGES_PER_CHAT + 9) is None


def test_handoff_store_round_trip(tmp_path: Path) -> None:
    store = HandoffStore(tmp_path / "db.sqlite3")
    hid = store.add("ref1", 42, 7, "Gọi 0912345678 hỏi giá?", -100, 555, now=1.0)
    assert store.counts() == (1, 0)
    found = store.by_staff_message(-100, 555)
    assert found is not None and found.open and found.user_chat_id == 42
    assert "0912345678" not in found.question  # masked like the statistics
    assert store.by_ref("ref1", 42) == found and store.by_ref("ref1", 43) is None
    store.mark_answered(hid, now=2.0)
    assert store.counts() == (0, 1)
    assert store.by_staff_message(-100, 556) is None


def test_handoff_texts_escape_and_link() -> None:
    text = staff_message("<An>", "tg://user?id=5", "a < b?")
    assert '<a href="tg://user?id=5">&lt;An&gt;</a>' in text and "a &lt; b?" in text
    visible(text)
    assert "<blockquote>x &amp; y</blockquote>" in relay_message("x & y", "trả lời")


def test_chat_links() -> None:
    from telegram import Chat, User

    user = User(5, "An", False)
    assert chat_link(Chat(5, "private"), user, 3) == "tg://user?id=5"
    assert chat_link(Chat(-1001234, "supergroup"), user, 9) == "https://t.me/c/1234/9"
    assert chat_link(Chat(-1, "supergroup", username="nhom"), user, 9) == "https://t.me/nhom/9"


# ----------------------------------------------------------------------------- deep links


def test_deep_link_payloads() -> None:
    plans = {"kon-tum": "Kon Tum", "binh-thuan": "Bình Thuận"}
    assert slug("Bình Thuận") == "binh-thuan" and slug("Đà Nẵng") == "da-nang"
    assert plans_for_payload("kon-tum", plans) == ["kon-tum"]
    assert plans_for_payload("Binh_Thuan", plans) == ["binh-thuan"]
    # The post-2025 unit's name reaches the plan of the province it absorbed.
    assert plans_for_payload("quang-ngai", plans) == ["kon-tum"]
    assert plans_for_payload("lam-dong", plans) == ["binh-thuan"]
    assert plans_for_payload("ha-noi", plans) == []
    assert plans_for_payload("", plans) == []


def test_inline_article_names_its_source() -> None:
    answer = Answer(
        "q",
        "Kon Tum: 50 lượt.",
        False,
        passages=[Passage("kon-tum", "I.2.b – Đến năm 2030", "…", 0.9)],
        kind="answer",
    )
    title, description, body = inline_article("Kon Tum 2030?", answer, {"kon-tum": "Kon Tum"})
    assert title == "Kon Tum 2030?" and description == "Kon Tum: 50 lượt."
    assert "<i>Nguồn: Kế hoạch Kon Tum, I.2.b – Đến năm 2030.</i>" in body
    visible(body)


def test_idle_chats_are_forgotten_after_the_retention() -> None:
    from bot.telegram.memo import stale_chats

    old, recent, context_only = {}, {}, {}
    ChatMemory(old).put(Memo("q", Answer("q", "a", False)), now=1000.0)
    ChatMemory(recent).put(Memo("q", Answer("q", "a", False)), now=1000.0)
    ChatMemory(recent).put(Memo("q", Answer("q", "a", False)), now=9000.0)
    ChatMemory(context_only).context = {"question": "q", "at": 9500.0}
    chats = {1: old, 2: recent, 3: context_only, 4: {}}
    assert stale_chats(chats, now=10000.0, max_age_seconds=5000.0) == [1]


def test_handoffs_purged_after_the_retention(tmp_path: Path) -> None:
    store = HandoffStore(tmp_path / "db.sqlite3")
    store.add("a", 1, None, "q", -1, 10, now=0.0)
    store.add("b", 1, None, "q", -1, 11, now=10 * 86400.0)
    assert store.purge(5, now=11 * 86400.0) == 1
    assert store.counts() == (1, 0)


def test_memo_kept_as_plain_data() -> None:
    data: dict = {}
    memory = ChatMemory(data)
    answer = Answer(
        "q",
        "a",
        True,
        passages=[Passage("kon-tum", "I", "đoạn", 0.5)],
        kind="abstain",
        suggestions=["Hỏi gì?"],
        resolved_question="Q?",
        plan_choices=["kon-tum"],
    )
    key = memory.put(Memo("q", answer, "question", "Q?", message_id=7), now=5.0)
    stored = data["answers"][key]
    assert isinstance(stored, dict)  # no class of ours in the persisted state
    memo = memory.get(key)
    assert memo is not None and memo.message_id == 7 and memo.at == 5.0
    assert memo.answer.passages == answer.passages
    assert memo.answer.suggestions == ["Hỏi gì?"] and memo.answer.reply_kind == "abstain"
    # A memo from some other layout is treated as expired, not an error.
    data["answers"]["old"] = {"question": "q"}
    assert memory.get("old") is None
