"""Inline mode (``@bot câu hỏi`` in any chat) and deep links (``t.me/<bot>?start=kon-tum``).

Pure helpers here; the handlers call them. An inline query is answered with one article:
the answer laid out as in a chat, with the question on top and its source below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.admin_map import plans_for_unit
from bot.answers import Answer
from bot.telegram import formatting as fmt
from bot.textnorm import fold

# Telegram allows 256 characters in an inline query; titles and descriptions are short.
MAX_TITLE = 64
MAX_DESCRIPTION = 120
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """``Bình Thuận`` -> ``binh-thuan`` (deep-link payloads allow [A-Za-z0-9_-])."""
    return _SLUG.sub("-", fold(name).replace("đ", "d")).strip("-")


def plans_for_payload(payload: str, plans: Mapping[str, str]) -> list[str]:
    """Plan ids a /start payload names: a plan id, a province's slug, or the slug of the
    post-2025 unit that absorbed it (``quang-ngai`` -> Kon Tum's plan)."""
    wanted = slug(payload.replace("_", "-"))
    if not wanted:
        return []
    found = [pid for pid, province in plans.items() if pid == wanted or slug(province) == wanted]
    if found:
        return found
    try:
        return list(plans_for_unit(wanted.replace("-", " "), plans))
    except Exception:  # an unknown unit name or an unreadable map: no province chosen
        return []


def _has_source(text: str) -> bool:
    return any(line.strip().startswith(("Nguồn:", "(Nguồn:")) for line in text.splitlines())


def source_line(answer: Answer, names: Mapping[str, str]) -> str | None:
    """ "Nguồn: …" for an answer whose text names none (the top passage's plan and section)."""
    if _has_source(answer.text) or not answer.passages or answer.reply_kind != "answer":
        return None
    top = answer.passages[0]
    where = names.get(top.plan, top.plan)
    section = f", {top.section}" if top.section else ""
    return f"Nguồn: Kế hoạch {where}{section}."


def inline_article(question: str, answer: Answer, names: Mapping[str, str]) -> tuple[str, str, str]:
    """(title, description, HTML message) for an inline result: one message, with the
    question echoed and the source named."""
    text = answer.text.strip() or fmt.MSG_NO_ANSWER
    extra = source_line(answer, names)
    if extra:
        text += "\n" + extra
    shown = Answer(question, text, answer.abstained, kind=answer.reply_kind)
    messages = fmt.render_answer(shown, question=question)
    body = messages[0] if len(messages) == 1 else messages[0].rstrip() + "\n…"
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return (
        fmt.clip_label(question, MAX_TITLE),
        fmt.clip_label(first, MAX_DESCRIPTION),
        body,
    )


def deep_link_note(provinces: Sequence[str]) -> str:
    """The /start line saying which province a deep link chose (HTML)."""
    joined = ", ".join(fmt.esc(p) for p in provinces)
    return (
        f"📍 Bạn đang xem kế hoạch của <b>{joined}</b>: câu hỏi không nêu tỉnh sẽ được "
        "hiểu là về tỉnh này. Gõ /moi để bỏ chọn."
    )
