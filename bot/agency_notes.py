"""Short notes on agencies a plan names that have since merged (the 2025 department mergers,
from agencies.yaml's `merged_into`) or no longer exist (district-level People's Committees,
from the administrative map)."""

from __future__ import annotations

import re

from bot.admin_map import AdminMap, _date, load_admin_map
from bot.lexicon import Lexicon, lexicon
from bot.textnorm import fold

__all__ = ["agency_note", "agency_notes"]


# (the lexicon they were worked out from, the merged agencies): one slot, redone when the
# lexicon is loaded again.
_MERGED: tuple[Lexicon, list[tuple[str, tuple[str, ...], str, str]]] | None = None


def _merged_agencies() -> list[tuple[str, tuple[str, ...], str, str]]:
    """(name, folded aliases, successor, basis) of the merged agencies in agencies.yaml
    (worked out once per vocabulary: every answer is checked against them)."""
    global _MERGED
    lx = lexicon()
    if _MERGED is not None and _MERGED[0] is lx:
        return _MERGED[1]
    out = []
    for entry in lx.agencies:
        merged = entry.merged_into
        if merged is None:
            continue
        basis = merged.basis or (f"ngày {_date(merged.date)}" if merged.date else "")
        aliases = (_syllables(entry.name), *lx.agency_aliases.get(entry.name, ()))
        out.append((entry.name, aliases, merged.agency, basis))
    _MERGED = (lx, out)
    return out


_SYLLABLE = re.compile(r"[0-9a-z]+")


def _syllables(text: str) -> str:
    """Folded syllables joined by spaces ("Sở TT&TT" → "so tt tt")."""
    return " ".join(_SYLLABLE.findall(fold(text)))


def _names(text_syllables: str, phrase: str) -> bool:
    """Whether a phrase of folded syllables occurs as whole words in a text's syllables."""
    return f" {phrase} " in f" {text_syllables} "


def agency_note(agency_name: str, admin: AdminMap | None = None) -> str | None:
    """One short note when an agency a plan names has since merged or no longer exists.

    Department mergers come from the agencies' vocabulary (agencies.yaml, `merged_into`);
    the end of district-level People's Committees from the administrative map.
    """
    admin = admin or load_admin_map()
    key = fold(agency_name)
    words = _syllables(agency_name)
    for name, aliases, successor, basis in _merged_agencies():
        if any(_names(words, alias) for alias in aliases if len(alias.split()) > 1):
            where = f" ({basis})" if basis else ""
            return f"Lưu ý: {name} nay đã hợp nhất vào {successor}{where}."
    district = admin.district_level
    if any(p in key for p in district.phrases):
        return (
            f"Lưu ý: từ {_date(district.ended)}, không còn UBND cấp huyện "
            f"({admin.basis_text(district.basis)}); chính quyền địa phương còn hai cấp: "
            "tỉnh và xã."
        )
    return None


def agency_notes(text: str, admin: AdminMap | None = None) -> list[str]:
    """The notes for every merged or ended agency a text (an answer) names, once each."""
    admin = admin or load_admin_map()
    key, words = fold(text), _syllables(text)
    names = [
        name
        for name, aliases, _s, _b in _merged_agencies()
        if any(_names(words, a) for a in aliases if len(a.split()) > 1)
    ]
    names += [p for p in admin.district_level.phrases if p in key][:1]
    notes = [agency_note(n, admin) for n in names]
    return list(dict.fromkeys(n for n in notes if n))
