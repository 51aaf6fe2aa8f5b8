"""Question understanding: intent, provinces, years, metric, agency, language, topic words.

Everything works on folded text (textnorm.fold: no diacritics, lower case), so "muc tieu
dao tao" and "Mục tiêu đào tạo" read alike. Province and agency names are found first and
replaced by placeholders, so words inside them ("Sở Tài chính", "Sở Kế hoạch và Đầu tư",
"hiệp hội doanh nghiệp") do not pose as cues (funding, plan, enterprises).

The vocabulary (agencies, cue patterns, metrics, stop words, question forms) is data in
knowledge/lexicon/ (bot.lexicon), loaded and compiled once per process; this module holds
the parsing logic. Pure functions, no I/O beyond that first load.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rapidfuzz.distance import OSA

from bot.admin_map import plans_for_unit
from bot.facts import Category
from bot.lexicon import IntentName, Lexicon, lexicon
from bot.provinces import Mention, dedupe, find_provinces_in_tokens
from bot.shorthand import expand_shorthand
from bot.textnorm import Token, fold, nfc, tokenize

__all__ = [
    "Intent",
    "MetricCategory",
    "Query",
    "detect_agency",
    "find_agencies",
    "parse_question",
]

Intent = IntentName
# The metric categories are the fact files' target categories.
MetricCategory = Category


@dataclass(frozen=True)
class Query:
    """A parsed question (see module docstring for how each field is found)."""

    text: str  # NFC original
    folded: str  # textnorm.fold(text)
    intent: Intent
    plan_ids: tuple[str, ...]  # plans whose province is named (empty = none named)
    unknown_provinces: tuple[str, ...]  # display names of named provinces without a plan
    years: tuple[int, ...]  # milestone years / period bounds named, ascending
    metric: MetricCategory | None  # what a target question is about
    agency: str | None  # canonical agency named first
    language: Literal["vi", "en"]
    compare: bool  # asks to compare provinces
    topic_terms: tuple[str, ...]  # folded content words minus stop words and provinces
    # ... also minus agency names: what the question is about beyond who it names.
    content_terms: tuple[str, ...] = ()
    # Whether a cue word set the intent (not the agency-alone or general fallback).
    cued: bool = True
    # Post-2025 units named that absorbed a plan's province ("Lâm Đồng" → binh-thuan):
    # their plans are in plan_ids; answers say so (bot.admin_map.merger_note).
    merged_units: tuple[str, ...] = ()
    # The measure the question names even without a count ("which companies …"): what the
    # plan counts of it is the closest thing it says when it does not name them.
    named_metric: MetricCategory | None = None
    # The department named when the plans know it only through a group ("Sở Công Thương"
    # for "sở, ngành"; agencies.yaml members): as written in the lexicon.
    agency_member: str | None = None
    # The question asks who works with the agency ("ai phối hợp với Sở KH&CN …", "Sở KHCN
    # phối hợp với ai để …"): its partners.
    agency_as_partner: bool = False


# --- agencies ----------------------------------------------------------------------------

# Agencies, their aliases and abbreviations: knowledge/lexicon/agencies.yaml (bot.lexicon).


def __getattr__(name: str) -> Any:
    """AGENCIES (canonical name -> folded aliases) is read from the lexicon on first use."""
    if name == "AGENCIES":
        return lexicon().agency_aliases
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _agency_spans(
    words: Sequence[str], taken: Sequence[bool], lx: Lexicon
) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of every agency named; exact first, then mild typos."""
    by_first = lx.aliases_by_first
    spans: list[tuple[int, int, str]] = []
    n = len(words)
    i = 0
    while i < n:
        table = by_first.get(words[i])
        hit = None if taken[i] or table is None else _agency_at(words, taken, i, table)
        if hit is not None and _names_a_field(words, hit, lx):
            hit = None
        if hit is None:
            i += 1
            continue
        spans.append(hit)
        i = hit[1]
    return spans


def _names_a_field(words: Sequence[str], hit: tuple[int, int, str], lx: Lexicon) -> bool:
    """Whether a bare abbreviation names its field here ("sự nghiệp KH&CN"), not the agency."""
    start, end, _ = hit
    for phrase in lx.not_after.get(tuple(words[start:end]), ()):
        if tuple(words[max(0, start - len(phrase)) : start]) == phrase:
            return True
    return False


def _agency_at(
    words: Sequence[str],
    taken: Sequence[bool],
    i: int,
    table: tuple[tuple[tuple[str, ...], str], ...],
) -> tuple[int, int, str] | None:
    """The agency named from word i on, if any: (start, end, canonical).

    table: the aliases starting with word i, longest first (an alias matches only from
    its exact first word, with or without typos further on).
    """
    n = len(words)
    # Exact, longest alias first ("ubnd cac huyen" before "ubnd").
    for alias, name in table:
        j = i + len(alias)
        if j <= n and tuple(words[i:j]) == alias and not any(taken[i:j]):
            return (i, j, name)
    # Typos: the first word must be exact (so "có tài chính" is not "sở tài chính"), and
    # only aliases of three words or more, where one slip cannot make another phrase.
    best: tuple[int, int, int, str] | None = None
    for alias, name in table:
        if len(alias) < 3:
            continue
        target = " ".join(alias)
        limit = 1 if len(target) <= 14 else 2
        for size in (len(alias) - 1, len(alias), len(alias) + 1):
            j = i + size
            if j > n or any(taken[i:j]):
                continue
            d = OSA.distance(" ".join(words[i:j]), target, score_cutoff=limit)
            if d <= limit and (best is None or d < best[0]):
                best = (d, i, j, name)
    return None if best is None else (best[1], best[2], best[3])


def _member_named(span: Sequence[str], lx: Lexicon) -> str | None:
    """The group member a matched span names ("so cong thuong"), allowing the typos
    alias matching allows."""
    exact = lx.agency_members.get(tuple(span))
    if exact is not None:
        return exact
    typed = " ".join(span)
    near = [
        (OSA.distance(typed, " ".join(m)), name)
        for m, name in lx.agency_members.items()
        if m[0] == span[0]
    ]
    best = min(near, default=None)
    return best[1] if best is not None and best[0] <= 2 else None


def _asked_agency(named: Sequence[str], lx: Lexicon) -> str | None:
    """The agency a question asks about: the first named, except that a department named
    with its 2025 successor ("Sở Tài chính (đã nhập Sở KH&ĐT)") is the one the plans know."""
    successor = {e.name: e.merged_into.agency for e in lx.agencies if e.merged_into}
    old = [n for n in named if successor.get(n) in named]
    return (old or list(named) or [None])[0]


def find_agencies(text: str) -> list[tuple[int, int, str]]:
    """(char_start, char_end, canonical) of every agency a text names, in order."""
    tokens = tokenize(text)
    spans = _agency_spans([t.folded for t in tokens], [False] * len(tokens), lexicon())
    return [(tokens[i].start, tokens[j - 1].end, name) for i, j, name in spans]


def detect_agency(text: str) -> str | None:
    """The canonical agency a text names first, if any."""
    words = [t.folded for t in tokenize(text)]
    spans = _agency_spans(words, [False] * len(words), lexicon())
    return spans[0][2] if spans else None


# --- cue patterns ------------------------------------------------------------------------

# Cue patterns (one list per intent and cue), metric cues, stop words and language
# markers: knowledge/lexicon/*.yaml, compiled once by bot.lexicon.

_YEAR = re.compile(r"(?<![\d/:.])((?:19|20)\d{2})(?!\d)")


# --- parsing -----------------------------------------------------------------------------


def _years(folded: str) -> tuple[int, ...]:
    """Years 1990-2100 named, ascending; not those inside dates or citations (10/8/2018)."""
    found = {int(y) for y in _YEAR.findall(folded) if 1990 <= int(y) <= 2100}
    return tuple(sorted(found))


def _language(tokens: Sequence[Token], lx: Lexicon) -> Literal["vi", "en"]:
    """Whichever function words prevail; Vietnamese when diacritics are typed, unless a
    Vietnamese term or two stand in an English sentence ("how many rounds (lượt) …").
    ``tokens``: the question's syllables without the province names."""
    words = [t.folded for t in tokens]
    en = sum(w in lx.en_markers for w in words)
    vi = sum(w in lx.vi_markers for w in words)
    typed = sum(1 for t in tokens if t.raw != t.folded)
    if typed and not (typed <= 2 and en >= 4 and en > 2 * (vi + typed)):
        return "vi"
    return "en" if en > vi else "vi"


def _positions(pattern: re.Pattern[str], residual: str) -> list[int]:
    """Token indices where a pattern matches in the space-joined residual text."""
    return [residual.count(" ", 0, m.start()) for m in pattern.finditer(residual)]


# At most this many words (besides provinces) with a year and a measure read as a target
# question.
SHORT_WITH_YEAR = 6


def _metric(
    residual: str, count_at: list[int], number_cue: bool, lx: Lexicon
) -> MetricCategory | None:
    """The metric category a question counts, preferring the noun right after the count."""
    hits: list[tuple[int, MetricCategory]] = []
    for category, pattern, needs_number in lx.metrics:
        if needs_number and not number_cue:
            continue
        hits.extend((pos, category) for pos in _positions(pattern, residual))
    if not hits:
        return None
    if not count_at and len({c for _, c in hits}) > 1:
        # Several measures named and none counted ("chỉ tiêu gì … (chất chuẩn, đào tạo,
        # DN, PTN)"): the question lists them, it does not single one out.
        return None
    if count_at:
        p = count_at[0]
        after = [h for h in hits if h[0] >= p]
        before = [h for h in hits if h[0] < p and h[1] not in lx.unit_metrics]
        if after:
            counted = min(after, key=lambda h: h[0])[1]
            if counted in lx.unit_metrics and before:
                # "tổ chức dịch vụ kiểm định … được mấy DN?": the enterprises counted are
                # the service organisations named before the count.
                return max(before, key=lambda h: h[0])[1]
            return counted
        return max(hits, key=lambda h: h[0])[1]
    return min(hits, key=lambda h: h[0])[1]


def _intent(
    residual: str,
    agency: str | None,
    metric: MetricCategory | None,
    count_at: list[int],
    lx: Lexicon,
) -> Intent:
    """Pick one intent from the cues, in an order that settles the usual conflicts."""

    def has(intent: str, cue: str = "strong") -> bool:
        return lx.cue(intent, cue).search(residual) is not None

    if has("plans"):
        return "plans"
    duty_asked = agency is not None and has("duties")
    legal = has("legal")
    if has("signer") or (has("signer", "issuer") and not legal):
        return "signer"
    if count_at and metric is not None:
        # "Kinh phí đào tạo bao nhiêu?" asks money, unless the counted noun follows the
        # count ("ngân sách hỗ trợ bao nhiêu doanh nghiệp").
        metric_after = any(
            pos >= count_at[0]
            for cat, pattern, _ in lx.metrics
            if cat == metric
            for pos in _positions(pattern, residual)
        )
        if metric_after or not has("funding"):
            return "target"
    if (
        has("scope")
        or has("scope", "applies")
        or (has("scope", "weak") and metric in (None, "other"))
    ):
        return "scope"
    if legal and not has("lead"):
        return "legal"
    # "Sở KH&CN chịu trách nhiệm những gì, báo cáo ai?" asks its duties first, and they say
    # whom it reports to; "Đơn vị nào phối hợp với Sở KHCN …" asks who.
    if has("funding", "payer"):
        return "funding"
    who = lx.cue("lead", "who").search(residual)
    duty = lx.cue("duties", "what").search(residual) if duty_asked else None
    if (who and not (duty and duty.start() < who.start())) or (has("lead") and not duty_asked):
        return "lead"
    if duty_asked:
        return "duties"
    if has("sectors"):
        return "sectors"
    if has("sectors", "weak"):
        return "target" if metric == "standards" else "sectors"
    if has("timeline"):
        return "timeline"
    if has("funding"):
        return "funding"
    if count_at:
        return "target"
    if has("timeline", "weak"):
        return "timeline"
    if has("tasks"):
        return "tasks"
    if has("target", "weak"):
        return "target"
    if has("legal", "weak"):
        return "legal"
    if has("lead", "weak"):
        return "lead"
    return "general"


def _question_form_at(tokens: Sequence[Token], lx: Lexicon) -> list[bool]:
    """Which tokens belong to a question-form phrase ("được giao", "vai trò", "how many").

    A syllable typed with diacritics must carry the phrase's own ("máy" is not "mấy").
    """
    at = [False] * len(tokens)
    phrases = lx.question_phrases
    for i, t in enumerate(tokens):
        for folded, written in phrases.get(t.folded, ()):
            j = i + len(folded)
            if j > len(tokens):
                continue
            window = tokens[i:j]
            if all(
                w.folded == f and (w.raw == w.folded or w.raw == r)
                for w, f, r in zip(window, folded, written, strict=True)
            ):
                for k in range(i, j):
                    at[k] = True
                break
    return at


def _topic_terms(tokens: Sequence[Token], removed: Sequence[bool], lx: Lexicon) -> tuple[str, ...]:
    """Folded content syllables in order, without stop words, provinces and years."""
    out: list[str] = []
    for i, t in enumerate(tokens):
        if removed[i] or lx.is_stop(t) or _YEAR.fullmatch(t.folded):
            continue
        out.append(t.folded)
    return dedupe(out)


# Words that may come before a self-introduction ("Chào bot, tôi là …").
_GREETING = frozenset("chao xin hello hi da a bot ban oi anh chi ad admin".split())
# A self-introduction longer than this is the question itself.
_PREFACE_MAX = 25


def _preface_end(tokens: Sequence[Token], text: str, lx: Lexicon) -> int:
    """How many leading tokens introduce the asker ("Tôi làm ở một phòng thí nghiệm hiệu
    chuẩn,"): from a preface opener at the start to the first comma, colon or full stop;
    0 when there is none or nothing would be left of the question."""
    words = [t.folded for t in tokens]
    start = 0
    while start < min(len(words), 4) and words[start] in _GREETING:
        start += 1
    opener = next(
        (o for o in lx.preface_openers if tuple(words[start : start + len(o)]) == o), None
    )
    if opener is None:
        return 0
    for k in range(start + len(opener), min(len(tokens) - 1, start + _PREFACE_MAX)):
        if any(ch in text[tokens[k].end : tokens[k + 1].start] for ch in ",.:;"):
            return k + 1
    return 0


def _unit_named(surface: str, name: str) -> bool:
    """Whether the words matched are the unit's own name (after tỉnh/thành phố/TP)."""
    words = fold(surface).replace(".", " ").split()
    while words and words[0] in ("tinh", "thanh", "pho", "tp"):
        words = words[1:]
    return "".join(words) == "".join(fold(name).replace(".", " ").split())


def parse_question(text: str, plans: Mapping[str, str]) -> Query:
    """Parse a question; plans maps plan_id -> province display name.

    e.g. {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}.
    """
    lx = lexicon()
    original = nfc(text)
    # Chat shorthand ("nv", "bn", "DN", "BT") is read as the words it stands for.
    text = expand_shorthand(original, plans.values())
    folded = fold(text)
    tokens: list[Token] = tokenize(text)
    words = [t.folded for t in tokens]

    mentions: list[Mention] = find_provinces_in_tokens(tokens, plans)
    province_at = [False] * len(words)
    for m in mentions:
        for k in range(m.start, m.end):
            province_at[k] = True
    agencies = _agency_spans(words, province_at, lx)
    agency = _asked_agency([name for _, _, name in agencies], lx)
    member = next(
        (_member_named(words[s:e], lx) for s, e, name in agencies if name == agency), None
    )

    # Residual text for cues: provinces and agencies replaced by inert placeholders, so
    # their words are not read as cues and neighbours do not become falsely adjacent.
    residual_words = list(words)
    for m in mentions:
        for k in range(m.start, m.end):
            residual_words[k] = "provx"
    for start, end, _name in agencies:
        for k in range(start, end):
            residual_words[k] = "agencyx"
    # A self-introduction says who asks, not what about (names in it still count).
    preface = _preface_end(tokens, nfc(text).lower(), lx)
    for k in range(preface):
        if residual_words[k] not in ("provx", "agencyx"):
            residual_words[k] = "prefx"
    residual = " ".join(residual_words)
    entity_at = [p or r == "agencyx" for p, r in zip(province_at, residual_words, strict=True)]
    # Content words leave out names and the words that only say how the question is asked.
    form_at = [f or k < preface for k, f in enumerate(_question_form_at(tokens, lx))]
    not_content = [e or f for e, f in zip(entity_at, form_at, strict=True)]

    count_at = _positions(lx.cue("target", "count"), residual)
    number_cue = bool(count_at) or lx.cue("target", "weak").search(residual) is not None
    # A measure with a milestone and little else ("dn 2030 BT vs KT?") asks its target.
    asked = [w for w, p in zip(words, province_at, strict=True) if not p]
    number_cue = number_cue or (bool(_years(folded)) and len(asked) <= SHORT_WITH_YEAR)
    metric = _metric(residual, count_at, number_cue, lx)
    named_metric = metric or _metric(residual, count_at, True, lx)
    intent = _intent(residual, agency, metric, count_at, lx)
    cued = intent != "general"
    if not cued and agency is not None:
        intent = "duties"  # an agency named: what it does in the plan
        # Nothing but names ("sở tài chính bình thuận") asks just that; any other word
        # ("… ở đâu", "số điện thoại …") may ask something the plans do not say.
        cued = all(
            entity or w in lx.name_fillers for w, entity in zip(words, entity_at, strict=True)
        )
    if intent == "target" and metric is None and count_at:
        # Counting something none of the categories covers ("giá xăng bao nhiêu").
        metric = "other"

    plan_ids = dedupe(m.plan_id for m in mentions if m.plan_id is not None)
    unknown = dedupe(m.name for m in mentions if m.plan_id is None)
    # A post-2025 unit named by its name (not a city in it: "Đà Lạt") that absorbed a
    # plan's province is answered from that plan.
    by_name = {
        m.name
        for m in mentions
        if m.plan_id is None and _unit_named(text[m.char_start : m.char_end], m.name)
    }
    absorbed = {name: plans_for_unit(name, plans) for name in unknown if name in by_name}
    merged_units = tuple(name for name, ids in absorbed.items() if ids)
    plan_ids = dedupe([*plan_ids, *(pid for name in merged_units for pid in absorbed[name])])
    unknown = tuple(name for name in unknown if name not in merged_units)
    named = len(plan_ids) + len(unknown)
    compare = lx.compare.search(residual) is not None or (
        named >= 2 and lx.comparative.search(residual) is not None
    )

    return Query(
        text=original,
        folded=folded,
        intent=intent,
        plan_ids=plan_ids,
        unknown_provinces=unknown,
        years=_years(folded),
        metric=metric,
        agency=agency,
        language=_language([t for t, p in zip(tokens, province_at, strict=True) if not p], lx),
        compare=compare,
        topic_terms=_topic_terms(tokens, province_at, lx),
        content_terms=_topic_terms(tokens, not_content, lx),
        cued=cued,
        merged_units=merged_units,
        named_metric=named_metric if named_metric != "other" else None,
        agency_member=member,
        agency_as_partner=agency is not None
        and lx.cue("lead", "with_agency").search(residual) is not None,
    )
