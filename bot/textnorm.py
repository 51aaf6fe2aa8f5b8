"""Vietnamese text normalisation: NFC for display, a folded form for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[0-9a-z]+(?:[./-][0-9a-z]+)*")


def nfc(text: str) -> str:
    """NFC-normalise (PDF extraction and keyboards mix composed and decomposed forms)."""
    return unicodedata.normalize("NFC", text)


def collapse_ws(text: str) -> str:
    """Collapse every run of white space into one space and strip the ends."""
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d, white space collapsed: what users type.

    Cached: answering folds the same lexicon phrases, names and passages again and again."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d").replace("\u0111", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return collapse_ws(unicodedata.normalize("NFC", text).replace("đ", "d"))


def fold_chars(text: str) -> str:
    """Lower case without diacritics, đ→d, one output character per input character (so
    positions in the folded line are positions in the original)."""
    return "".join(map(_fold_char, text.lower()))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch == "đ":
        return "d"
    kept = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
    return kept[:1] if kept else ch


def words(text: str) -> list[str]:
    """Folded word tokens; codes like 996/qd-ttg come whole and then by their parts."""
    out: list[str] = []
    for tok in _WORD.findall(fold(text)):
        out.append(tok)
        if not tok.isalnum():
            out.extend(p for p in re.split(r"[./-]", tok) if p)
    return out


def lexical_tokens(text: str) -> list[str]:
    """Folded syllables plus syllable bigrams, since Vietnamese words span syllables."""
    toks = words(text)
    return toks + [f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]


@dataclass(frozen=True)
class Token:
    """One syllable of the text: as typed (lower case, NFC), folded, and where it is."""

    raw: str
    folded: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split text into syllables (letters/digits runs), keeping raw and folded forms."""
    text = nfc(text).lower()
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        folded = fold(m.group())
        if folded:
            out.append(Token(m.group(), folded, m.start(), m.end()))
    return out
