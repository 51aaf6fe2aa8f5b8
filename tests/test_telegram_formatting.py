"""Pure formatting: escaping, splitting under 4096, keyboards, input checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot.answers import Answer, Passage
from bot.telegram import formatting as fmt
from bot.telegram.console import html_to_plain

ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "tg-spoiler", "blockquote"}


class _Checker(HTMLParser):
    """Fails on tags Telegram would reject and on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        assert tag in ALLOWED_TAGS, tag
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible(html_text: str) -> str:
    """Check the HTML is balanced and Telegram-safe; return its visible text."""
    checker = _Checker()
    checker.feed(html_text)
    checker.close()
    assert checker.stack == [], checker.stack
    return "".join(checker.text)


def test_limits_match_ptb() -> None:
    assert fmt.MAX_MESSAGE_LENGTH == MessageLimit.MAX_TEXT_LENGTH
    assert fmt.MAX_CALLBACK_DATA == InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


def test_escape_user_and_document_strings() -> None:
    answer = Answer("q", "<b>x</b><script>alert(1)</script> & *md* _x_", False)
    (msg,) = fmt.render_answer(answer)
    assert "<script>" not in msg and "<b>x</b>" not in msg
    assert "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;" in msg
    assert visible(msg) == "<b>x</b><script>alert(1)</script> & *md* _x_"


def test_answer_header_escapes_question_and_plan() -> None:
    answer = Answer("q", "Nội dung", False)
    (msg,) = fmt.render_answer(answer, plan_label="Kon <Tum>", question="<i>hỏi</i>")
    assert "📍 <b>Kon &lt;Tum&gt;</b>" in msg
    assert "&lt;i&gt;hỏi&lt;/i&gt;" in msg
    visible(msg)


def test_split_short_text_is_one_message() -> None:
    assert fmt.split_html("a\nb") == ["a\nb"]
    assert fmt.split_html("") == []
    assert fmt.split_html("\n \n") == []


def test_split_at_line_boundaries() -> None:
    lines = [f"Dòng {i}: " + "x" * 50 for i in range(300)]
    text = "\n".join(lines)
    chunks = fmt.split_html(text)
    assert len(chunks) > 1
    assert all(len(c) <= 4096 for c in chunks)
    # Every chunk holds whole lines, and nothing is lost or reordered.
    assert "\n".join(chunks) == text
    for chunk in chunks:
        assert all(line in lines for line in chunk.split("\n"))


def test_split_counts_escaped_length_and_utf16() -> None:
    # Each '&' becomes '&amp;' and each emoji counts two UTF-16 units.
    text = "\n".join(fmt.esc("& < > 😀 " * 20) for _ in range(100))
    chunks = fmt.split_html(text)
    assert all(fmt.utf16_len(c) <= 4096 for c in chunks)
    assert "".join(visible(c) for c in chunks).replace("\n", "") == html_to_plain(text).replace(
        "\n", ""
    )
    for chunk in chunks:  # never cut inside an entity
        assert not re.search(r"&[a-z]*$", chunk)


def test_split_overlong_line_between_words_and_characters() -> None:
    words = " ".join(["từ"] * 3000)  # one 8999-character line
    chunks = fmt.split_html(words)
    assert len(chunks) >= 3 and all(len(c) <= 4096 for c in chunks)
    assert "".join(chunks).replace(" ", "") == words.replace(" ", "")
    blob = "x" * 10000  # no spaces at all
    chunks = fmt.split_html(blob, limit=4096)
    assert [len(c) for c in chunks] == [4096, 4096, 1808]


def test_split_reopens_tags_across_messages() -> None:
    text = "<b>" + "\n".join(["đậm " * 30] * 100) + "</b>\nthường"
    chunks = fmt.split_html(text, limit=1000)
    assert len(chunks) > 3
    for chunk in chunks:
        assert len(chunk) <= 1000
        visible(chunk)  # balanced on its own
    assert chunks[0].startswith("<b>") and chunks[1].startswith("<b>")
    assert chunks[-1].endswith("thường")


def test_sources_escaped_with_plan_and_section() -> None:
    passages = [
        Passage("kon-tum", "II. <Nhiệm vụ>", "Sở KH&CN <chủ trì>", 0.8),
        Passage("other", "", "x" * 5000, 0.5),
    ]
    answer = Answer("q", "a", False, passages=passages)
    chunks = fmt.render_sources(answer, {"kon-tum": "Kon Tum"})
    assert len(chunks) >= 2 and all(len(c) <= 4096 for c in chunks)
    first = chunks[0]
    assert "<b>1. Kon Tum</b> — <i>II. &lt;Nhiệm vụ&gt;</i>" in first
    assert "Sở KH&amp;CN &lt;chủ trì&gt;" in first
    assert "2. other" in "".join(chunks)
    for chunk in chunks:
        visible(chunk)
    assert fmt.render_sources(Answer("q", "a", True), {}) == [fmt.MSG_NO_SOURCES]


def test_answer_keyboard_callback_data_fits() -> None:
    plans = [f"tinh-co-ten-rat-dai-{i}-" + "x" * 40 for i in range(12)]
    names = {p: "Tỉnh " + "Bà Rịa – Vũng Tàu " * 5 for p in plans}
    rows = fmt.answer_keyboard("ab12" + "f" * 10, 123456789012, True, plans, names)
    buttons = [b for row in rows for b in row]
    assert [b.text for b in rows[0]] == ["📄 Nguồn", "👍", "👎"]
    assert len(buttons) == 3 + fmt.MAX_PLAN_BUTTONS
    assert all(len(b.data.encode()) <= 64 for b in buttons)
    assert all(len(row) <= 3 for row in rows)
    # Province buttons refer to plans by index, not by (possibly long) id.
    assert fmt.parse_callback(rows[1][1].data) == fmt.Callback(
        "plan", key="ab12" + "f" * 10, index=1
    )


def test_keyboard_without_sources_or_question_id() -> None:
    assert fmt.answer_keyboard("k", None, False, [], {}) == []
    rows = fmt.answer_keyboard("k", 7, False, ["a"], {"a": "A"})
    assert [[b.data for b in r] for r in rows] == [["v:7:u", "v:7:d"], ["p:k:0"]]


def test_button_rejects_long_callback_data() -> None:
    with pytest.raises(ValueError):
        fmt.Button("x", "y" * 65)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("s:abc", fmt.Callback("sources", key="abc")),
        ("v:12:u", fmt.Callback("vote", key="12", vote=1)),
        ("v:12:d", fmt.Callback("vote", key="12", vote=-1)),
        ("p:abc:2", fmt.Callback("plan", key="abc", index=2)),
        ("x:1", fmt.Callback("example", index=1)),
        ("v:abc:u", fmt.Callback("vote", key="abc", vote=1)),
        ("v::u", None),
        ("v:1:z", None),
        ("p:abc:x", None),
        ("zzz", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_callback(data: str | None, expected: fmt.Callback | None) -> None:
    assert fmt.parse_callback(data) == expected


def test_mark_vote_ticks_only_pressed() -> None:
    rows = fmt.answer_keyboard("k", 5, True, [], {})
    marked = fmt.mark_vote(rows, "v:5:d")
    assert [b.text for b in marked[0]] == ["📄 Nguồn", "👍", "👎 ✓"]
    again = fmt.mark_vote(marked, "v:5:u")
    assert [b.text for b in again[0]] == ["📄 Nguồn", "👍 ✓", "👎"]


def test_examples_keyboard() -> None:
    plans = [fmt_plan("kon-tum", "Kon Tum"), fmt_plan("binh-thuan", "Bình Thuận")]
    examples = fmt.example_questions(plans)
    assert 3 <= len(examples) <= 4
    assert any("Kon Tum" in q for q in examples)
    rows = fmt.examples_keyboard(examples)
    assert [r[0].data for r in rows] == [f"x:{i}" for i in range(len(examples))]


@dataclass(frozen=True)
class Plan:
    id: str
    province: str
    title: str
    document_number: str | None
    date: str | None


def fmt_plan(pid: str, province: str, number: str | None = None, date: str | None = None) -> Plan:
    return Plan(pid, province, f"Kế hoạch {province}", number, date)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", fmt.InputProblem.EMPTY),
        ("   \n\t ", fmt.InputProblem.EMPTY),
        (None, fmt.InputProblem.EMPTY),
        ("x" * 4001, fmt.InputProblem.TOO_LONG),
        ("😀🎉👍", fmt.InputProblem.NO_WORDS),
        ("?!… 🙂", fmt.InputProblem.NO_WORDS),
        ("Mục tiêu 2025?", None),
        ("<b>x</b><script>", None),
        ("x" * 4000, None),
    ],
)
def test_classify_question(text: str | None, problem: fmt.InputProblem | None) -> None:
    assert fmt.classify_question(text) is problem


def test_problem_messages_are_vietnamese_and_valid_html() -> None:
    for problem in fmt.InputProblem:
        msg = fmt.problem_message(problem, "x" * 5000)
        visible(msg)
        assert msg
    assert "5000" in fmt.problem_message(fmt.InputProblem.TOO_LONG, "x" * 5000)
    assert "nhãn dán" in fmt.non_text_message("sticker")
    assert "ảnh" in fmt.non_text_message("photo")
    assert "loại tin nhắn này" in fmt.non_text_message("whatever")
    assert "30 giây" in fmt.rate_limited_message(29.6)


def test_addressed_text_in_groups() -> None:
    assert fmt.addressed_text("chào mọi người", "planbot", False) is None
    assert fmt.addressed_text("@PlanBot mục tiêu?", "planbot", False) == "mục tiêu?"
    assert fmt.addressed_text("mục tiêu @planbot là gì", "planbot", False) == "mục tiêu là gì"
    assert fmt.addressed_text("mục tiêu?", "planbot", True) == "mục tiêu?"
    assert fmt.addressed_text("@planbot", "planbot", False) == ""


def test_command_helpers() -> None:
    assert fmt.command_argument("/lead@planbot  hiệu chuẩn ") == "hiệu chuẩn"
    assert fmt.command_argument("/lead") == ""
    assert fmt.command_for_other_bot("/start@otherbot", "planbot")
    assert not fmt.command_for_other_bot("/start@PlanBot", "planbot")
    assert not fmt.command_for_other_bot("/start", "planbot")


def test_start_and_plans_escape_document_fields() -> None:
    plans = [
        fmt_plan("kon-tum", "Kon <Tum>", "12/KH-UBND", "3/2/2020"),
        fmt_plan("x", "Bình Thuận"),
    ]
    start = fmt.render_start(plans, first_name="<An>")
    assert "Kon &lt;Tum&gt;" in start and "số 12/KH-UBND" in start and "ngày 3/2/2020" in start
    assert "&lt;An&gt;" in start
    assert "chưa rõ số, ngày" not in start
    visible(start)
    listing = fmt.render_plans(plans)
    assert "Kế hoạch Kon &lt;Tum&gt;" in listing
    visible(listing)
    visible(fmt.HELP_TEXT + fmt.ADMIN_HELP)


def test_render_stats() -> None:
    from bot.telegram.feedback_store import Stats

    stats = Stats(
        total=4,
        abstained=1,
        upvotes=2,
        downvotes=1,
        per_day=[("2025-01-02", 4, 1)],
        most_downvoted=[("<b>câu</b>", 1, 0)],
        unanswered=[("không biết & gì", 1)],
    )
    text = fmt.render_stats(stats)
    assert "25%" in text and "&lt;b&gt;câu&lt;/b&gt;" in text and "không biết &amp; gì" in text
    visible(text)
    visible(fmt.render_stats(Stats()))
