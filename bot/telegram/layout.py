"""An answer's plain text as Telegram HTML groups: bold headers, italic sources, bullets.

The engine's answers are plain text laid out in lines (see bot/answering): a header line
("Kon Tum — mục tiêu đến năm 2030:", "Đến năm 2025:", "Sở Tài chính (Bình Thuận):") ends
with a colon, items start with "•", and "Nguồn: …" closes a block. Telegram shows the same
content with headers in bold and sources in italics, and a long answer is split between
groups (at blank lines or before a header), never inside one. Pure functions, no I/O.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

BULLETS = ("•", "-", "–", "*", "+", "◦", "▪")
SOURCE_PREFIXES = ("Nguồn:", "Source:", "(Nguồn:")
# A line ending with ":" longer than this is a sentence introducing a quote, not a header.
MAX_HEADER_CHARS = 160


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def is_bullet(line: str) -> bool:
    """A list item: starts with a bullet mark followed by a space (or is the mark alone)."""
    stripped = line.lstrip()
    return any(stripped == b or stripped.startswith(b + " ") for b in BULLETS)


def is_header(line: str) -> bool:
    """A header line: ends with ':' and is not a bullet, nor a whole sentence."""
    stripped = line.strip()
    return (
        stripped.endswith(":")
        and len(stripped) > 1
        and len(stripped) <= MAX_HEADER_CHARS
        and not is_bullet(stripped)
        and not is_source(stripped)
    )


def is_source(line: str) -> bool:
    """A "Nguồn: …" line."""
    return line.strip().startswith(SOURCE_PREFIXES)


def line_html(line: str) -> str:
    """One line as HTML: headers bold, sources italic, everything escaped."""
    stripped = line.strip()
    if not stripped:
        return ""
    if is_header(stripped):
        return f"<b>{_esc(stripped)}</b>"
    if is_source(stripped):
        return f"<i>{_esc(stripped)}</i>"
    return _esc(line.rstrip())


@dataclass(frozen=True)
class Group:
    """Lines that belong together; ``gap`` is whether a blank line precedes the group."""

    html: str
    gap: bool


def answer_groups(text: str) -> list[Group]:
    """Split an answer into groups: at blank lines, and before a header line that follows
    anything but headers (a header opens its group; stacked headers stay together)."""
    groups: list[Group] = []
    lines: list[str] = []
    only_headers = True
    gap = False

    def close() -> None:
        nonlocal lines, only_headers
        if lines:
            groups.append(Group("\n".join(lines), gap))
        lines, only_headers = [], True

    for raw in text.strip().split("\n"):
        if not raw.strip():
            if lines:
                close()
                gap = True
            continue
        header = is_header(raw)
        if header and lines and not only_headers:
            close()
            gap = False
        lines.append(line_html(raw))
        only_headers = only_headers and header
    close()
    return groups


def pack_groups(
    groups: Sequence[Group], limit: int, split: Callable[[str, int], list[str]]
) -> list[str]:
    """Messages of whole groups, each at most ``limit`` UTF-16 units; a group longer than a
    message on its own is cut by ``split`` (between lines)."""
    messages: list[str] = []
    current = ""
    for group in groups:
        sep = "\n\n" if group.gap else "\n"
        candidate = current + sep + group.html if current else group.html
        if _utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
            current = ""
        if _utf16_len(group.html) <= limit:
            current = group.html
            continue
        parts = split(group.html, limit)
        messages += parts[:-1]
        current = parts[-1] if parts else ""
    if current:
        messages.append(current)
    return messages
