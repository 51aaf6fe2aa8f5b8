"""Pure formatting for Telegram: HTML messages, splitting, keyboards, input checks.

Nothing here does I/O or imports ``telegram``, so every function is tested directly and the
console reuses the same texts. Every string that comes from a user or a document goes through
:func:`esc` before it is put into HTML.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, Protocol

from bot import smalltalk
from bot.answers import Answer
from bot.telegram.html_split import MAX_MESSAGE_LENGTH, split_html, utf16_len
from bot.telegram.keyboards import (
    HANDOFF_LABEL,
    MAX_CALLBACK_DATA,
    MAX_LABEL_CHARS,
    MAX_PLAN_BUTTONS,
    PLAN_BUTTONS_PER_ROW,
    VOTE_DOWN,
    VOTE_UP,
    Button,
    Callback,
    Keyboard,
    answer_keyboard,
    clip_label,
    examples_keyboard,
    mark_vote,
    parse_callback,
)
from bot.telegram.layout import Group, answer_groups, pack_groups

# Re-exported: the handlers and tests use them through this module.
__all__ = [
    "HANDOFF_LABEL",
    "MAX_CALLBACK_DATA",
    "MAX_LABEL_CHARS",
    "MAX_MESSAGE_LENGTH",
    "MAX_PLAN_BUTTONS",
    "PLAN_BUTTONS_PER_ROW",
    "VOTE_DOWN",
    "VOTE_UP",
    "Button",
    "Callback",
    "Keyboard",
    "answer_keyboard",
    "clip_label",
    "examples_keyboard",
    "mark_vote",
    "parse_callback",
    "split_html",
    "utf16_len",
]

# Longer questions are refused: nobody types that much, and it keeps retrieval cheap.
MAX_QUESTION_CHARS = 4000


class PlanLike(Protocol):
    """What formatting needs of ``bot.engine.PlanInfo`` (kept structural to avoid the import)."""

    id: str
    province: str
    title: str
    document_number: str | None
    date: str | None


# --------------------------------------------------------------------------- texts

BOT_NAME = "Trợ lý Kế hoạch 996"

HELP_TEXT = (
    "<b>Mình có thể giúp gì?</b>\n"
    "Mình trả lời câu hỏi về các kế hoạch của tỉnh triển khai Quyết định 996/QĐ-TTg "
    "(tăng cường, đổi mới hoạt động đo lường hỗ trợ doanh nghiệp).\n\n"
    "• Gõ câu hỏi bằng tiếng Việt, có dấu hoặc không dấu.\n"
    "• /plans — các kế hoạch mình đang có\n"
    "• /targets [tỉnh] — các chỉ tiêu theo mốc thời gian\n"
    "• /lead &lt;từ khóa&gt; — cơ quan chủ trì, phối hợp của nhiệm vụ\n"
    "• /compare &lt;chủ đề&gt; — so sánh giữa các tỉnh\n"
    "• /moi — bắt đầu cuộc trò chuyện mới\n"
    "• /help — hướng dẫn này\n\n"
    "Bạn có thể hỏi tiếp ngắn gọn, ví dụ <i>còn 2030?</i>, <i>Kon Tum thì sao?</i>, "
    "<i>ai chủ trì việc đó?</i> — mình hiểu theo câu hỏi trước. "
    "Trong nhóm, hãy nhắc @tên_bot hoặc trả lời (reply) tin nhắn của mình.\n\n"
    "Dưới mỗi câu trả lời: 📄 Nguồn để xem đoạn trích, 👍 / 👎 để góp ý."
)
ADMIN_HELP = "\n\nQuản trị: /reload — nạp lại tài liệu; /stats — thống kê."

MSG_EMPTY = (
    "Bạn chưa nhập câu hỏi. Hãy gõ câu hỏi về kế hoạch, ví dụ: <i>Mục tiêu đến năm 2025?</i>"
)
MSG_TOO_LONG = (
    "Câu hỏi dài quá ({length} ký tự). Bạn vui lòng hỏi ngắn gọn hơn, "
    f"dưới {MAX_QUESTION_CHARS} ký tự."
)
MSG_NO_WORDS = (
    "Mình chưa hiểu tin nhắn này 🙂 Bạn hãy đặt câu hỏi bằng chữ, "
    "ví dụ: <i>Cơ quan nào chủ trì nhiệm vụ hiệu chuẩn?</i>"
)
MSG_NON_TEXT = (
    "Mình chỉ đọc được tin nhắn chữ, chưa xem được {kind}. Bạn hãy gõ câu hỏi bằng chữ nhé."
)
MSG_RATE_LIMITED = "Bạn hỏi hơi nhanh 🙂 Vui lòng đợi khoảng {seconds} giây rồi hỏi tiếp nhé."
MSG_ERROR = "Xin lỗi, mình gặp lỗi khi xử lý yêu cầu này. Bạn vui lòng thử lại sau ít phút."
MSG_NOT_ADMIN = "Xin lỗi, lệnh này chỉ dành cho quản trị viên."
MSG_UNKNOWN_COMMAND = "Mình không biết lệnh này. Gõ /help để xem các lệnh."
MSG_EXPIRED = "Câu trả lời này đã cũ, mình không còn giữ dữ liệu. Bạn vui lòng hỏi lại nhé."
MSG_BUTTON_EXPIRED = "Nút này đã hết hạn, bạn vui lòng hỏi lại nhé."
MSG_STATS_PRIVATE = "Lệnh /stats chỉ dùng trong trò chuyện riêng với mình."
MSG_STATS_DISABLED = "Thống kê đang tắt (không mở được cơ sở dữ liệu)."
MSG_STATS_FAILED = "Chưa đọc được thống kê: {reason}"
MSG_RELOAD_START = "⏳ Đang nạp lại tài liệu… Mình vẫn trả lời câu hỏi trong lúc này."
MSG_RELOAD_BUSY = "Đang có một lần nạp lại chạy rồi, bạn đợi nó xong nhé."
MSG_RELOAD_FAILED = "❌ Nạp lại thất bại: {reason}"
MSG_VOTE_THANKS = {1: "Cảm ơn bạn! 👍", -1: "Cảm ơn góp ý, mình sẽ cải thiện. 👎"}
MSG_NO_SOURCES = "Câu trả lời này không dựa trên đoạn trích cụ thể nào."
MSG_NEW_CONVERSATION = "Đã bắt đầu cuộc trò chuyện mới 🙂 Bạn muốn hỏi gì?"
MSG_NO_ANSWER = "Mình chưa tìm được câu trả lời cho câu hỏi này."
USAGE = {
    "lead": "Cách dùng: /lead &lt;từ khóa&gt;, ví dụ: <code>/lead hiệu chuẩn</code>",
    "compare": "Cách dùng: /compare &lt;chủ đề&gt;, ví dụ: <code>/compare kinh phí</code>",
}

# Names for the kinds of non-text messages (Message attribute -> Vietnamese).
NON_TEXT_KINDS: dict[str, str] = {
    "sticker": "nhãn dán (sticker)",
    "photo": "ảnh",
    "voice": "tin nhắn thoại",
    "audio": "tệp âm thanh",
    "video": "video",
    "video_note": "video tròn",
    "animation": "ảnh động (GIF)",
    "document": "tệp đính kèm",
    "location": "vị trí",
    "venue": "địa điểm",
    "contact": "danh bạ",
    "poll": "bình chọn",
    "dice": "xúc xắc",
    "story": "tin (story)",
}


def esc(text: str) -> str:
    """Escape ``& < >`` for Telegram HTML (quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


# --------------------------------------------------------------------------- input checks


class InputProblem(Enum):
    """Why a text cannot be sent to the engine."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_WORDS = "no_words"


def classify_question(text: str | None) -> InputProblem | None:
    """None when ``text`` is a question worth asking the engine."""
    if text is None or not text.strip():
        return InputProblem.EMPTY
    if len(text) > MAX_QUESTION_CHARS:
        return InputProblem.TOO_LONG
    # Emoji, punctuation and symbols only: nothing to search for.
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        return InputProblem.NO_WORDS
    return None


def problem_message(problem: InputProblem, text: str | None) -> str:
    """The Vietnamese reply (HTML) for a refused input."""
    if problem is InputProblem.EMPTY:
        return MSG_EMPTY
    if problem is InputProblem.TOO_LONG:
        return MSG_TOO_LONG.format(length=len(text or ""))
    return MSG_NO_WORDS


def non_text_message(kind: str) -> str:
    """Reply for a sticker, photo, voice note… (``kind`` is the Message attribute name)."""
    return MSG_NON_TEXT.format(kind=NON_TEXT_KINDS.get(kind, "loại tin nhắn này"))


def rate_limited_message(retry_after: float) -> str:
    return MSG_RATE_LIMITED.format(seconds=max(1, round(retry_after + 0.49)))


def addressed_text(text: str, bot_username: str | None, replied_to_bot: bool) -> str | None:
    """In a group: the question if the message is for the bot, else None.

    A message is for the bot when it replies to one of the bot's messages or mentions
    ``@bot_username``; the mention itself is removed from the question.
    """
    # The whole username: "@plan_bot_fake" is another bot, not "@plan_bot" followed by text.
    mention = (
        re.compile(rf"(?<![\w@])@{re.escape(bot_username)}(?![\w])", re.IGNORECASE)
        if bot_username
        else None
    )
    mentioned = bool(mention and mention.search(text))
    if not (mentioned or replied_to_bot):
        return None
    if mention:
        text = mention.sub(" ", text)
    return " ".join(text.split())


def command_argument(text: str | None) -> str:
    """Everything after the command word (``/lead@bot hiệu chuẩn`` -> ``hiệu chuẩn``)."""
    if not text:
        return ""
    parts = text.strip().split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def command_for_other_bot(text: str, bot_username: str | None) -> bool:
    """True for ``/cmd@OtherBot`` (addressed to another bot in a group)."""
    head = text.strip().split(maxsplit=1)[0] if text.strip() else ""
    if "@" not in head:
        return False
    return not bot_username or head.split("@", 1)[1].casefold() != bot_username.casefold()


# --------------------------------------------------------------------------- plans


def plan_line(plan: PlanLike) -> str:
    """``<b>Kon Tum</b> — Kế hoạch số 12/KH-UBND, ngày 3/2/2020`` (escaped)."""
    bits = []
    if plan.document_number:
        bits.append(f"số {esc(plan.document_number)}")
    if plan.date:
        bits.append(f"ngày {esc(plan.date)}")
    detail = "Kế hoạch " + ", ".join(bits) if bits else "Kế hoạch"
    if getattr(plan, "facts_drafted", False):
        detail += " · dữ kiện tự trích, chưa được rà soát"
    return f"<b>{esc(plan.province)}</b> — {detail}"


def plan_names(plans: Iterable[PlanLike]) -> dict[str, str]:
    """Plan id -> province name, for labels."""
    return {p.id: p.province for p in plans}


def example_questions(plans: Sequence[PlanLike]) -> list[str]:
    """Three or four example questions naming provinces actually loaded, each short enough
    for a phone's button (the small-talk lexicon's examples)."""
    provinces = [p.province for p in plans if p.province]
    short = smalltalk.examples(provinces)
    if len(short) >= 3:
        return short
    first = provinces[0] if provinces else "tỉnh"
    examples = [
        f"Mục tiêu đến năm 2025 của {first} là gì?",
        "Cơ quan nào chủ trì hỗ trợ doanh nghiệp về đo lường?",
        "Doanh nghiệp được hỗ trợ những gì về hiệu chuẩn, thử nghiệm?",
    ]
    if len(provinces) > 1:
        examples.append(f"Kinh phí thực hiện kế hoạch của {provinces[1]} lấy từ đâu?")
    else:
        examples.append("Kinh phí thực hiện kế hoạch lấy từ đâu?")
    return examples


def render_start(plans: Sequence[PlanLike], first_name: str | None = None) -> str:
    """Greeting: what the bot knows (plans with number and date) and how to ask."""
    hello = f"Xin chào {esc(first_name)}! " if first_name else "Xin chào! "
    lines = [
        hello + f"Mình là <b>{BOT_NAME}</b>.",
        "Mình trả lời câu hỏi của doanh nghiệp và cán bộ về các kế hoạch của tỉnh triển khai "
        "Quyết định 996/QĐ-TTg (tăng cường, đổi mới hoạt động đo lường hỗ trợ doanh nghiệp).",
        "",
    ]
    if plans:
        lines.append(f"📚 Mình đang có {len(plans)} kế hoạch:")
        lines += [f"• {plan_line(p)}" for p in plans]
    else:
        lines.append("📚 Hiện chưa có kế hoạch nào được nạp.")
    lines += ["", "Hãy gõ câu hỏi, hoặc bấm một câu hỏi mẫu bên dưới. Gõ /help để xem các lệnh."]
    return "\n".join(lines)


def render_plans(plans: Sequence[PlanLike]) -> str:
    """/plans: each plan with its title."""
    if not plans:
        return "Hiện chưa có kế hoạch nào được nạp."
    lines = [f"📚 <b>Các kế hoạch đang có ({len(plans)})</b>", ""]
    for plan in plans:
        lines.append(f"• {plan_line(plan)}")
        if plan.title:
            lines.append(f"  <i>{esc(plan.title)}</i>")
    lines += ["", "Hỏi riêng một tỉnh: nêu tên tỉnh trong câu hỏi, ví dụ /targets Kon Tum."]
    return "\n".join(lines)


# --------------------------------------------------------------------------- answers


def render_answer(
    answer: Answer,
    plan_label: str | None = None,
    question: str | None = None,
    limit: int = MAX_MESSAGE_LENGTH,
) -> list[str]:
    """The answer as HTML messages: the same content as its plain text, header lines bold,
    "Nguồn: …" italic, split between groups (never inside one), everything escaped.

    ``plan_label`` heads an answer narrowed to one province; ``question`` is echoed when the
    person did not type it (example and province buttons); a follow-up shows how it was
    understood (``answer.resolved_question``).
    """
    groups = answer_groups(answer.text) or [Group(esc(MSG_NO_ANSWER), False)]
    head = []
    if plan_label:
        head.append(f"📍 <b>{esc(plan_label)}</b>")
    if question:
        head.append(f"❓ <i>{esc(_short(question, 300))}</i>")
    elif answer.resolved_question:
        head.append(f"↪️ <i>{esc(_short('Hiểu là: ' + answer.resolved_question, 200))}</i>")
    if head:
        first = groups[0]
        groups = [Group("\n".join(head), False), Group(first.html, True), *groups[1:]]
    return pack_groups(groups, limit, split_html)


def render_html(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Plain answer text (commands, inline results) laid out like an answer."""
    return pack_groups(answer_groups(text), limit, split_html)


def render_sources(answer: Answer, names: Mapping[str, str]) -> list[str]:
    """The supporting passages: plan (province), section, text — all escaped."""
    if not answer.passages:
        return [MSG_NO_SOURCES]
    lines = [f"📄 <b>Nguồn ({len(answer.passages)} đoạn trích)</b>"]
    for i, passage in enumerate(answer.passages, 1):
        where = names.get(passage.plan, passage.plan)
        lines.append("")
        head = f"<b>{i}. {esc(where)}</b>"
        if passage.section:
            head += f" — <i>{esc(passage.section)}</i>"
        lines.append(head)
        lines.append(esc(passage.text.strip()))
    return split_html("\n".join(lines))


def render_reload(summary: str) -> str:
    return f"✅ Đã nạp lại.\n{esc(summary)}"


# --------------------------------------------------------------------------- stats


def render_stats(stats: Any) -> str:
    """/stats for staff (``stats`` is a feedback_store.Stats)."""
    rate = f"{stats.abstention_rate:.0%}" if stats.total else "—"
    lines = [
        "📊 <b>Thống kê</b>",
        f"Tổng số câu hỏi: {stats.total}; chưa trả lời được: {stats.abstained} ({rate}).",
        f"Góp ý: 👍 {stats.upvotes} · 👎 {stats.downvotes}",
        f"Chuyển cán bộ: {getattr(stats, 'handoffs_open', 0)} đang chờ, "
        f"{getattr(stats, 'handoffs_answered', 0)} đã trả lời.",
        "",
        f"<b>Câu hỏi theo ngày ({len(stats.per_day)} ngày gần nhất)</b>",
    ]
    lines += [f"• {esc(day)}: {n} câu, {a} chưa trả lời" for day, n, a in stats.per_day] or [
        "• (chưa có)"
    ]
    lines += ["", "<b>Bị chấm 👎 nhiều nhất</b>"]
    lines += [f"• {down}👎 {up}👍 — {esc(_short(q))}" for q, down, up in stats.most_downvoted] or [
        "• (chưa có)"
    ]
    lines += ["", "<b>Câu hỏi chưa trả lời được</b>"]
    lines += [f"• ×{n} — {esc(_short(q))}" for q, n in stats.unanswered] or ["• (chưa có)"]
    return "\n".join(lines)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
