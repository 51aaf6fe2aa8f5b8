"""Inline keyboards: buttons, their callback data (≤ 64 bytes) and parsing it back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Telegram's limit (telegram.constants.InlineKeyboardButtonLimit.MAX_CALLBACK_DATA).
MAX_CALLBACK_DATA = 64
# Province buttons shown under one answer, and how many per row.
MAX_PLAN_BUTTONS = 8
PLAN_BUTTONS_PER_ROW = 2
# A button label a phone shows whole.
MAX_LABEL_CHARS = 40


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
