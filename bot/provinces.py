"""Vietnam's provinces and centrally-run cities, and finding them in a user's text.

The list holds the 63 units in force before the 2025 merger, read from the administrative
map (knowledge/lexicon/admin_map.yaml, see bot.admin_map); the 34 units after it
(Resolution 202/2025/QH15, from 1 July 2025) all keep one of those names, except Thừa
Thiên Huế, which became the city of Huế and is kept here as one entry with the alias
"huế". `merged_into` tells which post-2025 unit absorbed a province.

Matching works on folded syllables (textnorm.fold): exact matches of any province or
alias win; a fuzzy (typo) match only counts when it is clearly closer to one plan
province than to any other province, so "Ninh Thuận" never becomes "Bình Thuận".

Design choice: well-known cities that are not provinces themselves (Đà Lạt, Nha Trang,
Phan Thiết, Vũng Tàu, Pleiku …) are aliases of their province, so "Đà Lạt" is read as
Lâm Đồng: a question about it is about a province without a plan, not a general one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.admin_map import load_admin_map
from bot.textnorm import Token, fold, nfc, tokenize

__all__ = [
    "PROVINCES",
    "Mention",
    "Province",
    "Token",
    "dedupe",
    "find_provinces",
    "find_provinces_in_tokens",
    "get_province",
    "province_names",
    "tokenize",
    "unit_label",
]


@dataclass(frozen=True)
class Province:
    """One province or centrally-run city: display name, aliases, post-2025 unit."""

    name: str
    aliases: tuple[str, ...] = ()
    # Display name of the post-2025 unit that absorbed it; None when it is itself a
    # post-2025 unit (possibly enlarged or renamed).
    merged_into: str | None = None
    kind: str = "tỉnh"  # "tỉnh" or "thành phố" (centrally-run city)
    label: str | None = None  # full label when not "<kind> <name>" (thành phố Huế)

    @property
    def current(self) -> bool:
        """Whether this unit still exists after the 1 July 2025 merger."""
        return self.merged_into is None


def _load_provinces() -> tuple[Province, ...]:
    """The 63 pre-2025 units from knowledge/lexicon/admin_map.yaml (see bot.admin_map)."""
    out: list[Province] = []
    for unit in load_admin_map().units:
        out.append(Province(unit.name, unit.aliases, None, unit.kind, unit.full_label))
        out.extend(Province(f.name, f.aliases, unit.name) for f in unit.absorbed)
    return tuple(out)


PROVINCES: tuple[Province, ...] = _load_provinces()


def unit_label(name: str) -> str:
    """'tỉnh X' or 'thành phố X' for a province display name (unknown names: 'tỉnh X')."""
    province = get_province(name)
    if province is None:
        return f"tỉnh {nfc(name).strip()}"
    return province.label or f"{province.kind} {province.name}"


def province_names(current_only: bool = False) -> tuple[str, ...]:
    """Display names of all 63 units, or only the 34 units after the 2025 merger."""
    return tuple(p.name for p in PROVINCES if p.current or not current_only)


# --- tokens ------------------------------------------------------------------------------

# Tone marks only: users often drop or misplace them, while vowel letters (ă â ê ô ơ ư)
# and đ change the syllable ("năm" is a year, not "Nam"; "diễn" is not "Điện").
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _quality(syllable: str) -> str:
    """The syllable without tone marks but with its vowel letters and đ."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def _typed_letters(syllable: str) -> bool:
    """Whether the user typed a vowel letter or đ that plain ASCII lacks (ă, ơ, đ …)."""
    return _quality(syllable) != fold(syllable)


# --- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """What a matched alias stands for: a plan (plan_id set) or a known province."""

    name: str
    plan_id: str | None


@dataclass(frozen=True)
class _Tables:
    exact: dict[str, _Target]  # joined folded alias (no spaces) -> target
    # joined folded alias -> syllable forms with diacritics (for the vowel-letter check)
    spelled: dict[str, tuple[tuple[str, ...], ...]]
    # (joined alias, target) of every alias, for fuzzy distances
    fuzzy_all: tuple[tuple[str, _Target], ...]
    fuzzy_plans: tuple[tuple[str, _Target], ...]
    max_syllables: int


_PREFIXES = (("thanh", "pho"), ("tinh",), ("tp",))


def _variants(alias: str) -> list[list[str]]:
    """Syllable lists of an alias, with and without a leading tỉnh/thành phố/TP."""
    syl = [t.raw for t in tokenize(alias)]
    out = [syl]
    folded = [fold(s) for s in syl]
    for prefix in _PREFIXES:
        n = len(prefix)
        if len(syl) > n and tuple(folded[:n]) == prefix:
            out.append(syl[n:])
    return out


def _known_index() -> dict[str, Province]:
    """Joined folded name/alias -> known province (first one wins)."""
    index: dict[str, Province] = {}
    for prov in PROVINCES:
        for alias in (prov.name, *prov.aliases):
            for syl in _variants(alias):
                index.setdefault("".join(fold(s) for s in syl), prov)
    return index


_KNOWN: dict[str, Province] = _known_index()


def get_province(name: str) -> Province | None:
    """The known province a name or alias denotes (diacritics optional), else None."""
    key = "".join(t.folded for t in tokenize(name))
    if key in _KNOWN:
        return _KNOWN[key]
    for prefix in _PREFIXES:
        joined = "".join(prefix)
        if key.startswith(joined) and key[len(joined) :] in _KNOWN:
            return _KNOWN[key[len(joined) :]]
    return None


@lru_cache(maxsize=32)
def _tables(plans: tuple[tuple[str, str], ...]) -> _Tables:
    """Alias tables for the known provinces plus the given plans (cached per plan set)."""
    exact: dict[str, _Target] = {}
    spelled: dict[str, set[tuple[str, ...]]] = {}
    max_syl = 1

    def add(alias: str, target: _Target, override: bool) -> None:
        """Register every variant of alias for target."""
        nonlocal max_syl
        for syl in _variants(alias):
            key = "".join(fold(s) for s in syl)
            if not key:
                continue
            if override or key not in exact:
                exact[key] = target
            spelled.setdefault(key, set()).add(tuple(syl))
            max_syl = max(max_syl, len(syl))

    # Plans first (they override): their own display name plus, when it is a known
    # province, all of that province's aliases (so "TP. Hồ Chí Minh" gets "hcm").
    plan_provinces: set[str] = set()
    for plan_id, display in plans:
        target = _Target(nfc(display), plan_id)
        add(display, target, override=True)
        prov = get_province(display)
        if prov is not None:
            plan_provinces.add(prov.name)
            for alias in (prov.name, *prov.aliases):
                add(alias, target, override=True)
    for prov in PROVINCES:
        if prov.name in plan_provinces:
            continue
        target = _Target(prov.name, None)
        for alias in (prov.name, *prov.aliases):
            add(alias, target, override=False)

    entries = tuple((key, target) for key, target in exact.items())
    return _Tables(
        exact=exact,
        spelled={k: tuple(v) for k, v in spelled.items()},
        fuzzy_all=entries,
        fuzzy_plans=tuple(e for e in entries if e[1].plan_id is not None),
        max_syllables=max_syl,
    )


# --- matching ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A province named in the text; plan_id is set when that province has a plan."""

    name: str
    plan_id: str | None
    start: int  # token index of the first syllable
    end: int  # token index after the last syllable
    char_start: int
    char_end: int
    exact: bool


# Ordinary phrases that fold to a province name, told apart by a neighbouring word:
# (joined alias, words that may not precede it, words that may not follow it).
_BLOCKED: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("namdinh", frozenset({"viet"}), frozenset({"ky", "huong", "muc", "nghia"})),  # năm định kỳ
    ("hanam", frozenset({"viet"}), frozenset()),
    ("gialai", frozenset({"tham"}), frozenset()),  # tham gia lại
    ("haiphong", frozenset(), frozenset({"thi", "ban", "hop", "lam"})),  # hai phòng thí nghiệm
    ("dienbien", frozenset(), frozenset({"tinh", "thuc"})),  # diễn biến tình hình
    ("hoabinh", frozenset(), frozenset({"va"})),
)
# Words announcing a province: a fuzzy match right after (or before) them may name any
# province, not only a plan province.
_CUE_BEFORE = frozenset({"tinh", "province", "thanh pho", "tp"})
_CUE_AFTER = frozenset({"province"})


def _blocked(key: str, tokens: list[Token], i: int, j: int) -> bool:
    """Whether the match tokens[i:j] of key is one of the ordinary phrases above."""
    for blocked_key, before, after in _BLOCKED:
        if key != blocked_key:
            continue
        if i > 0 and tokens[i - 1].folded in before:
            return True
        if j < len(tokens) and tokens[j].folded in after:
            return True
    return False


def _spelling_ok(tables: _Tables, key: str, tokens: list[Token]) -> bool:
    """Where the user typed vowel letters or đ, they must agree with some spelling."""
    if not any(_typed_letters(t.raw) for t in tokens):
        return True
    forms = tables.spelled.get(key, ())
    has_marks = [f for f in forms if any(_typed_letters(s) for s in f)]
    if not has_marks:
        # An ASCII-only alias (a plan named without diacritics, "hcm"): nothing to check.
        return True
    for form in forms:
        if len(form) != len(tokens):
            continue
        if all(
            not _typed_letters(t.raw) or _quality(t.raw) == _quality(s)
            for t, s in zip(tokens, form, strict=True)
        ):
            return True
    return False


def _max_edits(key: str) -> int:
    """Typos forgiven for a joined folded alias."""
    # One typo for ordinary names; two only for long ones (Thừa Thiên Huế, Bà Rịa Vũng Tàu).
    return 1 if len(key) <= 10 else 2


def _fuzzy(tables: _Tables, span: str, cued: bool) -> tuple[_Target, int] | None:
    """Best fuzzy target for a span, only when clearly closer than any other province."""
    candidates = tables.fuzzy_all if cued else tables.fuzzy_plans
    best: tuple[_Target, int] | None = None
    for key, target in candidates:
        limit = _max_edits(key)
        if abs(len(key) - len(span)) > limit or len(key) < 5:
            continue
        d = OSA.distance(span, key, score_cutoff=limit)
        if d <= limit and (best is None or d < best[1]):
            best = (target, d)
    if best is None or best[1] == 0:
        return None
    target, d = best
    # Clearly closer: every alias of another province must be strictly farther away.
    rivals = process.extract(
        span,
        [k for k, t in tables.fuzzy_all if t != target],
        scorer=OSA.distance,
        score_cutoff=d,
        limit=1,
    )
    return None if rivals else (target, d)


def _cued(tokens: list[Token], i: int, j: int) -> bool:
    """Whether tokens[i:j] follows "tỉnh"/"thành phố"/"TP" or precedes "province"."""
    before = tokens[i - 1].folded if i > 0 else ""
    before2 = f"{tokens[i - 2].folded} {before}" if i > 1 else ""
    after = tokens[j].folded if j < len(tokens) else ""
    return before in _CUE_BEFORE or before2 in _CUE_BEFORE or after in _CUE_AFTER


def _find(tokens: list[Token], tables: _Tables) -> list[Mention]:
    """Exact mentions first (longest first), then typo mentions over the rest."""
    n = len(tokens)
    taken = [False] * n
    found: list[Mention] = []

    def take(i: int, j: int, target: _Target, exact: bool) -> None:
        for k in range(i, j):
            taken[k] = True
        found.append(
            Mention(target.name, target.plan_id, i, j, tokens[i].start, tokens[j - 1].end, exact)
        )

    # Exact matches first, longest spans first, so "Bà Rịa Vũng Tàu" beats "Bà Rịa".
    for size in range(min(tables.max_syllables + 1, n), 0, -1):
        for i in range(n - size + 1):
            j = i + size
            if any(taken[i:j]):
                continue
            span = tokens[i:j]
            key = "".join(t.folded for t in span)
            target = tables.exact.get(key)
            if target is None or _blocked(key, tokens, i, j):
                continue
            if not _spelling_ok(tables, key, span):
                continue
            take(i, j, target, exact=True)

    # Then typos, over the syllables no exact match took.
    fuzzy: list[tuple[int, int, int, _Target]] = []
    for size in range(1, min(5, n + 1)):
        for i in range(n - size + 1):
            j = i + size
            span = tokens[i:j]
            if any(taken[i:j]) or any(t.folded.isdigit() for t in span):
                continue
            key = "".join(t.folded for t in span)
            if len(key) < 5:
                continue
            hit = _fuzzy(tables, key, _cued(tokens, i, j))
            if hit is not None:
                fuzzy.append((hit[1], -size, i, hit[0]))
    for _d, neg_size, i, target in sorted(fuzzy, key=lambda f: (f[0], f[1], f[2])):
        j = i - neg_size
        if not any(taken[i:j]):
            take(i, j, target, exact=False)
    return sorted(found, key=lambda m: m.start)


def find_provinces_in_tokens(
    tokens: list[Token], plans: Mapping[str, str] | None = None
) -> list[Mention]:
    """Province mentions in already tokenised text (see `find_provinces`)."""
    return _find(tokens, _tables(_plan_key(plans)))


def find_provinces(text: str, plans: Mapping[str, str] | None = None) -> list[Mention]:
    """Provinces named in text, in order; plans maps plan_id -> province display name.

    Exact (diacritics-insensitive) names and aliases of any province are found; typos are
    only forgiven towards a plan province (or towards any province right after "tỉnh"/
    "province"), and only when no other province is as close.
    """
    return find_provinces_in_tokens(tokenize(text), plans)


def _plan_key(plans: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    """A hashable, order-independent key of the plan mapping (for the table cache)."""
    return tuple(sorted((plans or {}).items()))


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    """Items in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))
