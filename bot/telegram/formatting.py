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
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

from bot import smalltalk
from bot.answers import Answer
from bot.telegram.layout import Group, answer_groups, pack_groups

# Telegram's limits (telegram.constants.MessageLimit.MAX_TEXT_LENGTH and
# InlineKeyboardButtonLimit.MAX_CALLBACK_DATA); a test checks they match PTB's.
MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA = 64
# Longer questions are refused: nobody types that much, and it keeps retrieval cheap.
MAX_QUESTION_CHARS = 4000
# Province buttons shown under one answer, and how many per row.
MAX_PLAN_BUTTONS = 8
PLAN_BUTTONS_PER_ROW = 2
# A button label a phone shows whole.
MAX_LABEL_CHARS = 40


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


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count two)."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- splitting

_TOKEN = re.compile(r"<[^<>]*>|&#?[0-9A-Za-z]+;|.", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z0-9-]+)")


def _apply_tags(stack: tuple[tuple[str, str], ...], tokens: Iterable[str]) -> tuple:
    """The open-tag stack after ``tokens`` (each entry: tag name, opening tag text)."""
    out = list(stack)
    for tok in tokens:
        if len(tok) < 3 or tok[0] != "<":
            continue
        match = _TAG_NAME.match(tok)
        if not match:
            continue
        name = match.group(1).lower()
        if tok.startswith("</"):
            for i in range(len(out) - 1, -1, -1):
                if out[i][0] == name:
                    del out[i]
                    break
        else:
            out.append((name, tok))
    return tuple(out)


def _closers(stack: Sequence[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _openers(stack: Sequence[tuple[str, str]]) -> str:
    return "".join(tag for _, tag in stack)


def _visible(tokens: Iterable[str]) -> bool:
    return any(not t.startswith("<") and not t.isspace() for t in tokens)


def _words(tokens: list[str]) -> list[list[str]]:
    """Group a line's tokens into words, each ending after its white space."""
    groups: list[list[str]] = [[]]
    for tok in tokens:
        groups[-1].append(tok)
        if tok.isspace():
            groups.append([])
    return [g for g in groups if g]


class _Packer:
    """Greedy packer: appends token runs while the chunk (with closing tags) fits."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.chunks: list[str] = []
        self.stack: tuple[tuple[str, str], ...] = ()
        self._start("")

    def _start(self, prefix: str) -> None:
        self.prefix = prefix
        self.body: list[str] = []
        self.size = utf16_len(prefix)
        self.has_text = False

    def add(self, tokens: list[str]) -> bool:
        stack = _apply_tags(self.stack, tokens)
        piece = "".join(tokens)
        size = utf16_len(piece)
        if self.size + size + utf16_len(_closers(stack)) > self.limit:
            return False
        self.body.append(piece)
        self.size += size
        self.stack = stack
        self.has_text = self.has_text or _visible(tokens)
        return True

    def flush(self) -> None:
        if self.has_text:
            # Blank lines at a chunk's edges are noise (Telegram trims them anyway).
            body = "".join(self.body).strip("\n")
            self.chunks.append(self.prefix + body + _closers(self.stack))
        self._start(_openers(self.stack))


def split_html(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Split Telegram HTML into messages of at most ``limit`` UTF-16 units.

    Splits between lines when it can, else between words, else between characters; never
    inside a tag or an entity. Tags open at a split are closed and reopened, so each message
    is valid HTML on its own. Messages without visible text are dropped.
    """
    if limit < 64:
        raise ValueError("limit too small to hold tags")
    packer = _Packer(limit)
    for i, line in enumerate(text.split("\n")):
        tokens = _TOKEN.findall(line)
        if packer.add((["\n"] if i else []) + tokens):
            continue
        packer.flush()  # the line starts a new message; its newline becomes the split
        if packer.add(tokens):
            continue
        for word in _words(tokens):
            if packer.add(word):
                continue
            packer.flush()
            if packer.add(word):
                continue
            for tok in word:  # a "word" longer than a message: cut between characters
                if not packer.add([tok]):
                    packer.flush()
                    if not packer.add([tok]):
                        raise ValueError(f"cannot fit {tok!r} in {limit} characters")
    packer.flush()
    return packer.chunks


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


# --------------------------------------------------------------------------- keyboards


@dataclass(frozen=True)
class Button:
    """One inline button: label and callback data (≤ 64 bytes)."""

    text: str
    data: str

    def __post_init__(self) -> None:
        if len(self.data.encode()) > MAX_CALLBACK_DATA:
            raise ValueError(f"callback data over {MAX_CALLBACK_DATA} bytes: {self.data!r}")


Keyboard = list[list[Button]]


@dataclass(frozen=True)
class Callback:
    """A parsed callback: kind is 'sources', 'vote', 'plan', 'example', 'suggest' or
    'handoff'."""

    kind: str
    key: str = ""
    index: int = 0
    vote: int = 0


VOTE_UP, VOTE_DOWN = "👍", "👎"
HANDOFF_LABEL = "👤 Hỏi cán bộ"


def clip_label(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """A button label a phone shows whole: cut at a word boundary with "…" if too long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:?") + "…"


def answer_keyboard(
    key: str,
    vote_key: str | int | None,
    has_sources: bool,
    plan_choices: Sequence[str],
    names: Mapping[str, str],
    *,
    suggestions: Sequence[str] = (),
    handoff: bool = False,
) -> Keyboard:
    """Buttons under an answer: Nguồn, 👍/👎, one per province to narrow the answer, then
    example questions to ask next and "👤 Hỏi cán bộ" (both for replies without an answer).

    ``key`` names the server-side memo of the question; ``vote_key`` (None: no statistics,
    no vote buttons) names the question for votes.
    """
    rows: Keyboard = []
    first: list[Button] = []
    if has_sources:
        first.append(Button("📄 Nguồn", f"s:{key}"))
    if vote_key is not None:
        first += [Button(VOTE_UP, f"v:{vote_key}:u"), Button(VOTE_DOWN, f"v:{vote_key}:d")]
    if first:
        rows.append(first)
    plans = [
        Button(clip_label(f"📍 {names.get(p, p)}"), f"p:{key}:{i}")
        for i, p in enumerate(plan_choices)
    ]
    plans = plans[:MAX_PLAN_BUTTONS]
    for i in range(0, len(plans), PLAN_BUTTONS_PER_ROW):
        rows.append(plans[i : i + PLAN_BUTTONS_PER_ROW])
    rows += [[Button(clip_label(q), f"q:{key}:{i}")] for i, q in enumerate(suggestions)]
    if handoff:
        rows.append([Button(HANDOFF_LABEL, f"h:{key}")])
    return rows


def examples_keyboard(examples: Sequence[str]) -> Keyboard:
    """One button per example question (the text lives server-side; data is its index)."""
    return [[Button(clip_label(q), f"x:{i}")] for i, q in enumerate(examples)]


def parse_callback(data: str | None) -> Callback | None:
    """Parse callback data made by the keyboards above; None for anything else."""
    if not data:
        return None
    parts = data.split(":")
    try:
        if parts[0] == "s" and len(parts) == 2:
            return Callback("sources", key=parts[1])
        if parts[0] == "v" and len(parts) == 3 and parts[1] and parts[2] in ("u", "d"):
            return Callback("vote", key=parts[1], vote=1 if parts[2] == "u" else -1)
        if parts[0] == "p" and len(parts) == 3:
            return Callback("plan", key=parts[1], index=int(parts[2]))
        if parts[0] == "x" and len(parts) == 2:
            return Callback("example", index=int(parts[1]))
        if parts[0] == "q" and len(parts) == 3:
            return Callback("suggest", key=parts[1], index=int(parts[2]))
        if parts[0] == "h" and len(parts) == 2 and parts[1]:
            return Callback("handoff", key=parts[1])
    except ValueError:
        return None
    return None


def mark_vote(rows: Sequence[Sequence[Button]], data: str) -> Keyboard:
    """The same keyboard with the pressed vote ticked and the other vote unticked."""
    out: Keyboard = []
    for row in rows:
        new_row = []
        for button in row:
            label = button.text.replace(" ✓", "")
            if button.data.startswith("v:"):
                label = label + " ✓" if button.data == data else label
            new_row.append(Button(label, button.data))
        out.append(new_row)
    return out


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
