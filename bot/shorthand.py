"""Chat shorthand expanded before a question is read ("SKHCN BT có nv gì" → "… Bình Thuận
có nhiệm vụ gì"). The table is data: knowledge/lexicon/shorthand.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.lexicon import LexiconError, lexicon, read_file
from bot.textnorm import fold, nfc

SHORTHAND_FILE = "shorthand.yaml"
# A word, not part of a code or a compound abbreviation ("KH&CN", "TC-ĐL-CL", "510/QĐ").
_WORD = re.compile(r"(?<![\w&/.\-])(\w+)(?![\w&/\-]|\.\w)")


class ShorthandFile(BaseModel):
    """knowledge/lexicon/shorthand.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: dict[str, str]
    provinces: dict[str, str]
    # Folded words after which a lower-case province shorthand names the province.
    place_before: str = ""


@lru_cache(maxsize=4)
def load_shorthand(
    folder: Path,
) -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str]]:
    """(words, provinces, exact, place_before): folded keys, except that a key written with
    diacritics ("kđ": kiểm định) matches only as typed (lower case), before the folded ones
    ("kd": kinh doanh). A key must be one word."""
    data = read_file(folder, SHORTHAND_FILE, ShorthandFile)
    tables: list[dict[str, str]] = []
    exact: dict[str, str] = {}
    for name, table in (("words", data.words), ("provinces", data.provinces)):
        out: dict[str, str] = {}
        for key, value in table.items():
            folded = fold(key)
            if not re.fullmatch(r"\w+", folded) or not value.strip():
                raise LexiconError(
                    str(folder / SHORTHAND_FILE), f"{name}.{key}", "must map one word to words"
                )
            typed = nfc(key).lower()
            if name == "words" and typed != folded:
                exact[typed] = nfc(value)
            else:
                out[folded] = nfc(value)
        tables.append(out)
    return tables[0], tables[1], exact, frozenset(fold(data.place_before).split())


def expand_shorthand(text: str, provinces: Iterable[str] = ()) -> str:
    """The text with shorthand words spelled out; province shorthand only for `provinces`."""
    words, province_table, exact, place_before = load_shorthand(lexicon().folder)
    loaded = {fold(p) for p in provinces}

    def spell(m: re.Match[str]) -> str:
        typed = nfc(m.group(1)).lower()
        if typed in exact:
            return exact[typed]
        key = fold(m.group(1))
        if key in words:
            return words[key]
        name = province_table.get(key)
        # Typed as a capitalised abbreviation ("KT"), or in lower case where a place goes:
        # at the start or after "của", "ở", "tỉnh" … ("kt co bao nhieu ptn"); "bt" in other
        # running text may be a word.
        before = fold(text[: m.start()]).split()[-1:]
        placed = not before or before[0] in place_before
        if name and fold(name) in loaded and (m.group(1).isupper() or placed):
            return name
        return m.group(1)

    return _WORD.sub(spell, text)
