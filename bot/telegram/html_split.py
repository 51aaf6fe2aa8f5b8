"""Splitting Telegram HTML into messages Telegram accepts, never inside a tag or an entity."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Telegram's limit (telegram.constants.MessageLimit.MAX_TEXT_LENGTH); a test checks it.
MAX_MESSAGE_LENGTH = 4096


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count two)."""
    return len(text.encode("utf-16-le")) // 2


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
