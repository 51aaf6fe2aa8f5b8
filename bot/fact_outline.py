"""Reading a parsed plan's outline for fact drafting: sections, paths, quotable prefixes."""

from __future__ import annotations

import re

from bot.chunking import LEVEL_NUM, LEVEL_ROMAN, LEVEL_SUBNUM, SEP, Paragraph
from bot.prose_targets import find_section
from bot.textnorm import collapse_ws, fold


def is_num(p: Paragraph) -> bool:
    """A numbered paragraph ("1.", "2.1."), heading or inline item alike."""
    return p.level in (LEVEL_NUM, LEVEL_SUBNUM)


def above(p: Paragraph) -> list[str]:
    """Labels of the marked paragraphs enclosing p: finer than its chunk path, so a bullet
    under "a) Giai đoạn 2021-2025:" names that item too."""
    return [q.label for q in p.parents]


def where(p: Paragraph) -> str:
    """A fact's section: the outline path above its paragraph."""
    return SEP.join(above(p))


def section_paras(paras: list[Paragraph], keyword: str) -> list[Paragraph]:
    """Paragraphs of the first top-level section whose folded heading contains keyword."""
    top = next(
        (p.path[0] for p in paras if p.level == LEVEL_ROMAN and keyword in fold(p.rest)), None
    )
    if top is None:
        # "Điều 2. Tổ chức thực hiện", "1. Mục tiêu" inside a decision's article.
        return find_section(paras, keyword)
    return [p for p in paras if p.path[:1] == [top]]


def words_prefix(text: str, n: int) -> str:
    """The first n words of text (a verbatim slice, white space already collapsed)."""
    parts = text.split(" ")
    return " ".join(parts[:n])


def quote_prefix(text: str, min_words: int = 8, max_words: int = 18) -> str:
    """A leading phrase of text that ends at punctuation when one comes soon enough."""
    parts = text.split(" ")
    for i, word in enumerate(parts[:max_words]):
        if i + 1 >= min_words and word[-1:] in ",;.:":
            return " ".join(parts[: i + 1]).rstrip(",;:")
    return " ".join(parts[:max_words])


def clean_item(text: str) -> str:
    """Item text without trailing separators, first letter capitalised."""
    text = collapse_ws(text).rstrip(" ;,.").rstrip()
    text = re.sub(r"\s*(v\.v\.*|\.\.\.|…)+$", "", text).rstrip(" ;,")
    return text[:1].upper() + text[1:] if text else text
