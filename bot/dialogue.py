"""Dialogue state and follow-up resolution (pure functions, no I/O beyond the cue file).

A `Context` keeps what the last answer was about: plans, intent, metric, milestone years,
agency, the task it cited, the question it answered and when. `resolve` turns an elliptical
follow-up into a complete question the engine already answers, by rewriting the previous
question:

- province swap: "còn Bình Thuận thì sao?", "and in Kon Tum?" → the same question there;
- year or period swap: "còn 2030?", "giai đoạn 2026-2030?" → the same question then;
- agency swap: "còn Sở Tài chính?" → the same question about that agency;
- the last task: "ai chủ trì việc đó?", "thời gian thực hiện?", "who leads it?" →
  "Ai chủ trì <task wording> ở tỉnh X?".

Anything else is a complete question: it stands alone and replaces the context. Cue words
are data (knowledge/lexicon/dialogue.yaml); matching is on folded words (textnorm.fold).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.dialogue_context import (
    CONTEXT_VERSION,
    DEFAULT_TTL_SECONDS,
    Context,
    Kind,
    Resolution,
    context_after,
    context_for,
    where_phrase,
)
from bot.dialogue_cues import (
    DIALOGUE_FILE,
    DialogueLexicon,
    DialogueLexiconError,
    PhraseIndex,
    Phrases,
    compiled_phrases,
    load_dialogue_lexicon,
    phrase_words,
)
from bot.provinces import find_provinces, find_provinces_in_tokens
from bot.query import find_agencies, parse_question
from bot.shorthand import expand_shorthand
from bot.textnorm import Token, collapse_ws, fold, nfc, tokenize

__all__ = [
    "CONTEXT_VERSION",
    "DEFAULT_TTL_SECONDS",
    "DIALOGUE_FILE",
    "Context",
    "DialogueLexicon",
    "DialogueLexiconError",
    "Resolution",
    "context_after",
    "load_dialogue_lexicon",
    "resolve",
]

_YEAR = re.compile(r"(?<![\d/:.])((?:19|20)\d{2})(?!\d)")
_PERIOD = re.compile(r"(?<![\d/:.])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_TASK_WORDS = 24
# Without a context only a short message can be a bare province ("Kon Tum?", "còn Lâm Đồng").
_BARE_WORDS = 6
# After a question about a province, a message up to this long (in syllables: "báo cáo" is
# two) that names none and leaves its subject out ("có phải báo cáo lên Bộ ko") is a
# follow-up about it; any shorter than _BARE_WORDS is too.
_FOLLOWUP_WORDS = 10
# Agencies whose canonical name reads well in a rewritten question (not the catch-alls).
_CANONICAL_AGENCIES = frozenset(
    {
        "Sở Khoa học và Công nghệ",
        "Bộ Khoa học và Công nghệ",
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Kế hoạch và Đầu tư",
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
    }
)


# --- matching ----------------------------------------------------------------------------


@dataclass
class _Marks:
    """Which tokens of the message are accounted for, and by what."""

    tokens: list[Token]
    taken: list[bool] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    ref_spans: list[tuple[int, int]] = field(default_factory=list)
    cue_spans: list[tuple[int, int]] = field(default_factory=list)
    cue: bool = False

    def __post_init__(self) -> None:
        self.taken = [False] * len(self.tokens)

    def take(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.taken[k] = True

    def free(self, i: int, j: int) -> bool:
        return j <= len(self.tokens) and not any(self.taken[i:j])

    def words(self, i: int, j: int) -> tuple[str, ...]:
        return tuple(t.folded for t in self.tokens[i:j])

    def match_all(self, index: PhraseIndex) -> list[tuple[int, int, int]]:
        """(start, end, phrase index) of free, non-overlapping matches, leftmost-longest."""
        found = []
        i, n = 0, len(self.tokens)
        while i < n:
            for phrase, pi in index.get(self.tokens[i].folded, ()):
                j = i + len(phrase)
                if j <= n and self.words(i, j) == phrase and self.free(i, j):
                    self.take(i, j)
                    found.append((i, j, pi))
                    i = j
                    break
            else:
                i += 1
        return found

    def residual(self) -> list[Token]:
        return [t for t, used in zip(self.tokens, self.taken, strict=True) if not used]


def _mark(text: str, plans: Mapping[str, str], ph: Phrases) -> tuple[_Marks, list, list, list]:
    """Mark provinces, agencies, years, cues, references and attributes in a message."""
    tokens = tokenize(text)
    marks = _Marks(tokens)
    mentions = find_provinces_in_tokens(tokens, plans)
    for m in mentions:
        marks.take(m.start, m.end)
    agencies = []
    for start, end, name in find_agencies(text):
        idx = [k for k, t in enumerate(tokens) if t.start >= start and t.end <= end]
        if idx and marks.free(idx[0], idx[-1] + 1):
            marks.take(idx[0], idx[-1] + 1)
            agencies.append((start, end, name))
    years = []
    for k, t in enumerate(tokens):
        if _YEAR.fullmatch(t.folded) and 1990 <= int(t.folded) <= 2100:
            marks.take(k, k + 1)
            years.append(int(t.folded))
    n = len(tokens)
    for phrase in ph.starts:
        if tuple(t.folded for t in tokens[: len(phrase)]) == phrase and marks.free(0, len(phrase)):
            marks.take(0, len(phrase))
            marks.cue = True
            marks.cue_spans.append((0, len(phrase)))
            break
    for phrase in ph.ends:
        i = n - len(phrase)
        if i > 0 and marks.words(i, n) == phrase and marks.free(i, n):
            marks.take(i, n)
            marks.cue = True
            marks.cue_spans.append((i, n))
            break
    for i, j, _ in marks.match_all(ph.refs_index):
        marks.ref_spans.append((i, j))
    for _i, _j, pi in marks.match_all(ph.attributes_index):
        name = ph.attributes[pi][1]
        if name not in marks.attributes:
            marks.attributes.append(name)
    marks.match_all(ph.fillers_index)
    return marks, mentions, agencies, sorted(set(years))


# --- rewriting ---------------------------------------------------------------------------


def _splice(text: str, spans: Sequence[tuple[int, int]], new: str) -> str:
    """Replace the first span by `new` and drop the others (with a joining 'và'/'and')."""
    out = text
    for k, (start, end) in enumerate(sorted(spans, reverse=True)):
        if k == len(spans) - 1:
            out = out[:start] + new + out[end:]
        else:
            head = re.sub(r"(\s*(,|và|va|and|&))?\s*$", "", out[:start])
            out = head + out[end:]
    return collapse_ws(out)


def _before_mark(text: str, addition: str) -> str:
    """Insert an addition before the final question mark and a closing particle ("… xã
    phường ở tỉnh Kon Tum không?"), or at the end."""
    text = text.rstrip()
    mark = "?" if text.endswith("?") else ""
    body = text[:-1].rstrip() if mark else text
    found = _CLOSING.search(body)
    if found:
        return f"{body[: found.start()].rstrip()} {addition} {found.group(0).strip()}{mark}"
    return f"{body} {addition}{mark}"


# A yes/no question's closing particle ("… không?", "… ko", "… chưa?").
_CLOSING = re.compile(r"\s(không|ko|k|hông|chưa|phải không|đúng không|not)$", re.IGNORECASE)

_REPEAT = re.compile(r"\b(\w+(?: \w+)?) (?=\1\b)", re.IGNORECASE)


def _without_repeats(text: str) -> str:
    """A template word the task's wording repeats ("thực hiện thực hiện …") is said once."""
    return _REPEAT.sub("", text)


def _task_wording(task: Mapping[str, str]) -> str:
    """A short wording of a task title: its first clause, at most a few words."""
    title = collapse_ws(task["title"])
    title = re.split(r"[:;]", title, maxsplit=1)[0].strip().rstrip(".")
    words = title.split()
    if len(words) > _TASK_WORDS:
        title = " ".join(words[:_TASK_WORDS])
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        title = title[0].lower() + title[1:]
    return title


def _ascii(text: str) -> str:
    """Text without diacritics, case kept ("Bình Thuận" → "Binh Thuan")."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def _in_language(prev: Context, text: str) -> str:
    """Names spliced into an English question lose their diacritics, so it stays English."""
    return _ascii(text) if prev.language == "en" else text


def _swap_provinces(prev: Context, names: Sequence[str], plans: Mapping[str, str]) -> str:
    question = prev.question
    spans = [(m.char_start, m.char_end) for m in find_provinces(question, plans)]
    if not spans:
        # The previous question named its province in shorthand ("Sở TC BT …"): that is
        # the name to swap, not one to keep beside the new one.
        question = expand_shorthand(question, plans.values())
        spans = [(m.char_start, m.char_end) for m in find_provinces(question, plans)]
    joined = _in_language(prev, (" and " if prev.language == "en" else " và ").join(names))
    if spans:
        return _splice(question, spans, joined)
    return _before_mark(question, f"{'in' if prev.language == 'en' else 'ở'} {joined}")


def _swap_years(prev: Context, years: Sequence[int], typed_period: bool) -> str:
    new = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    text = prev.question
    period = _PERIOD.search(text)
    spans = [period.span()] if period else [m.span() for m in _YEAR.finditer(text)]
    if spans:
        if len(years) > 1:
            # "đến năm 2025" → "giai đoạn 2026-2030".
            first = spans[0]
            lead = re.search(
                r"(?:\b(?:đến|tới|den|toi)\s+)?(?:\b(?:năm|nam)\s+)?$",
                text[: first[0]],
                re.IGNORECASE,
            )
            start = lead.start() if lead and lead.group() else first[0]
            prefix = (
                ""
                if re.search(r"giai\s+đoạn\s*$|giai\s+doan\s*$", text[:start], re.IGNORECASE)
                else "giai đoạn "
            )
            spans = [(start, first[1]), *spans[1:]]
            new = prefix + new
        return _splice(text, spans, new)
    lead = "giai đoạn" if typed_period or len(years) > 1 else "đến năm"
    return _before_mark(text, f"{lead} {new}")


def _find_phrase(tokens: Sequence[Token], phrases: Iterable[str]) -> tuple[int, int] | None:
    """Token span (start, end) of the longest of the phrases found in the tokens."""
    folded = [t.folded for t in tokens]
    for phrase in sorted((phrase_words(p) for p in phrases), key=len, reverse=True):
        n = len(phrase)
        for i in range(len(folded) - n + 1):
            if n and tuple(folded[i : i + n]) == phrase:
                return i, i + n
    return None


def _opens_with(tokens: Sequence[Token], phrases: Iterable[str]) -> bool:
    """Whether the message opens with one of the phrases; a syllable typed with diacritics
    must carry the phrase's ("Cơ quan …" does not open with "có")."""
    for phrase in phrases:
        raw = phrase.lower().split()
        if len(tokens) < len(raw):
            continue
        if all(
            t.folded == fold(w) and (t.raw.lower() == t.folded or t.raw.lower() == w)
            for t, w in zip(tokens, raw, strict=False)
        ):
            return True
    return False


def _relative_period(text: str, prev: Context, lexicon: DialogueLexicon) -> str:
    """'còn giai đoạn sau?' after 2021-2025 → 'còn giai đoạn 2026-2030?' (after 2025: 2030);
    'giai đoạn 1' is the programme's first period, whatever was asked last."""
    rel = lexicon.relative_periods
    tokens = tokenize(text)
    low, high = rel.horizon
    first, last = prev.years[0], prev.years[-1]
    step = last - first + 1 if last > first else rel.milestone_step
    for phrases, sign, at in (
        (rel.next, 1, None),
        (rel.previous, -1, None),
        (rel.first, 0, low),
        (rel.second, 0, high),
    ):
        found = _find_phrase(tokens, phrases)
        if found is None:
            continue
        end = at if at is not None else last + sign * step
        if not low <= end <= high:
            return text  # past the programme's milestones: the words as they are
        if last > first:
            span = f"{end - step + 1}-{end}"
            new = f"period {span}" if prev.language == "en" else f"giai đoạn {span}"
        else:
            new = str(end)
        return text[: tokens[found[0]].start] + new + text[tokens[found[1] - 1].end :]
    return text


def _agency_reference(text: str, prev: Context, lexicon: DialogueLexicon) -> str:
    """'does Binh Thuan's plan give that department any role?' after a question about Sở
    KH&ĐT names it."""
    tokens = tokenize(text)
    found = _find_phrase(tokens, lexicon.agency_refs)
    if found is None or not prev.agency:
        return text
    name = _in_language(prev, prev.agency)
    return text[: tokens[found[0]].start] + name + text[tokens[found[1] - 1].end :]


def _swap_agency(prev: Context, agency_text: str, plans: Mapping[str, str]) -> str:
    spans = [(s, e) for s, e, _ in find_agencies(prev.question)]
    if spans:
        return _splice(prev.question, spans, _in_language(prev, agency_text))
    return f"Nhiệm vụ của {agency_text}{where_phrase(prev.provinces)}?"


def _task_where(prev: Context, plans: Mapping[str, str], named: Sequence[str]) -> str:
    if named:
        return where_phrase(named)
    if prev.provinces:
        return where_phrase(prev.provinces)
    if prev.task and prev.task.get("plan") in plans:
        return where_phrase([plans[prev.task["plan"]]])
    return ""


def resolve(
    question: str,
    previous: Context | Mapping[str, Any] | None,
    now: float,
    plans: Mapping[str, str],
    ttl_seconds: float = DEFAULT_TTL_SECONDS,
    lexicon: DialogueLexicon | None = None,
) -> Resolution:
    """The complete question to answer for a message, given the previous context.

    `plans` maps plan_id -> province display name. An expired or missing context, or a
    message that is a complete question, gives kind "new": the message itself.
    """
    text = collapse_ws(nfc(question))
    prev = previous if isinstance(previous, Context) else Context.from_dict(previous)
    if prev is not None and prev.expired(now, ttl_seconds):
        prev = None
    lex = lexicon or load_dialogue_lexicon()
    ph = compiled_phrases(lex)

    def done(q: str, kind: Kind, **extra: Any) -> Resolution:
        query = parse_question(q, plans)
        scope: tuple[str, ...] = extra.pop("scope", ())
        restrict: tuple[str, ...] = ()
        if not scope and prev is not None and prev.scope:
            if query.plan_ids or query.unknown_provinces or query.intent == "plans":
                scope = ()  # another province named: the choice ends
            else:
                scope = restrict = prev.scope
        context = context_for(query, plans, now, scope=scope, **extra)
        if restrict:
            context = replace(
                context, plan_ids=restrict, provinces=tuple(plans.get(p, p) for p in restrict)
            )
        return Resolution(q, context, kind, text, restrict, query)

    if not text or (prev is None and len(text.split()) > _BARE_WORDS):
        return done(text, "new")
    if prev is not None and prev.agency:
        text = _agency_reference(text, prev, lex)
    # A period named relative to the last one ("giai đoạn sau") marks a follow-up.
    relative = False
    if prev is not None and len(text.split()) <= _FOLLOWUP_WORDS:
        # A short follow-up in shorthand ("còn BT?", "còn kt?") names its province.
        text = expand_shorthand(text, plans.values())
        if prev.years:
            rel = lex.relative_periods
            relative = (
                _find_phrase(tokenize(text), (*rel.next, *rel.previous, *rel.first, *rel.second))
                is not None
            )
            text = _relative_period(text, prev, lex)
    marks, mentions, agencies, years = _mark(text, plans, ph)
    residual = marks.residual()
    named = [m.name if m.plan_id is None else plans.get(m.plan_id, m.name) for m in mentions]
    # A post-2025 unit named by its new name keeps its own name in the rewrite.
    named = list(dict.fromkeys(named))
    slots = bool(named or years or agencies)
    if prev is None:
        if named and not residual and not years and not agencies and not marks.attributes:
            # A bare province ("Kon Tum?", "còn Bình Thuận"): its plan's targets, and the
            # province stays chosen for the questions that follow.
            ids = parse_question(text, plans).plan_ids  # a unit's name reaches its plans
            if ids:
                return done(
                    f"Mục tiêu của kế hoạch{where_phrase(named)} là gì?", "province", scope=ids
                )
        return done(text, "new")

    # "Còn kinh phí thì sao?" after a target asks about the plan's funding, not the target's.
    topic_attr = marks.attributes == ["funding"] and not marks.ref_spans
    if topic_attr and prev.task and prev.task.get("kind") == "task":
        topic_attr = False
    if not residual and not topic_attr:
        if marks.attributes or (marks.ref_spans and not slots):
            if prev.task:
                # "who are the partners?": the specific attribute, not the "who".
                specific = [a for a in marks.attributes if a != "lead"]
                attr = (specific or marks.attributes or ["lead"])[0]
                template = ph.templates[attr]
                q = _without_repeats(
                    template.format(
                        task=_task_wording(prev.task), where=_task_where(prev, plans, named)
                    )
                )
                return done(q, "task", task=prev.task)
            return done(text, "new")
        if named:
            q = _swap_provinces(prev, named, plans)
            if years:
                q = _swap_years(replace(prev, question=q), years, "giai doan" in fold(text))
            return done(q, "province", task=None)
        if years:
            typed_period = any(w in fold(text) for w in ("giai doan", "period"))
            return done(_swap_years(prev, years, typed_period), "year", task=None)
        if agencies:
            start, end, name = agencies[0]
            typed = name if name in _CANONICAL_AGENCIES else text[start:end]
            return done(_swap_agency(prev, typed, plans), "agency", task=None)
        return done(text, "new")

    if marks.ref_spans and prev.task:
        # "Kinh phí cho việc đó lấy từ đâu?": the reference becomes the task's wording.
        tokens = marks.tokens
        spans = [(tokens[i].start, tokens[j - 1].end) for i, j in marks.ref_spans]
        q = _splice(text, spans[:1], _task_wording(prev.task))
        if not named:
            q = _before_mark(q, _task_where(prev, plans, named).strip())
        return done(q, "task", task=prev.task)
    if (marks.cue or topic_attr) and not named and prev.provinces:
        # "Còn kinh phí thì sao?": a new topic about the same province.
        tokens = marks.tokens
        keep = [t for t in tokens if not any(i <= tokens.index(t) < j for i, j in marks.cue_spans)]
        body = text[keep[0].start : keep[-1].end] if keep else text
        body = body[:1].upper() + body[1:]
        body = body.rstrip(" ?") + "?"
        return done(_before_mark(body, where_phrase(prev.provinces).strip()), "topic")
    # (Plans the user chose already scope such a question: see done.)
    elided = _opens_with(tokenize(text), lex.elided_subject_starts)
    size = len(text.split())
    short = size <= _BARE_WORDS or (elided and size <= _FOLLOWUP_WORDS)
    if not named and prev.provinces and not prev.scope and (short or relative):
        # A short question that names no province ("ai ký?", "who signed it?") right after
        # one about a province asks about that province, as a person would mean it; one that
        # compares, or asks which plans there are, is about all of them.
        query = parse_question(text, plans)
        if not (query.compare or query.unknown_provinces or query.intent == "plans"):
            where = _in_language(prev, where_phrase(prev.provinces).strip())
            if query.language == "en":
                where = "in " + _ascii(" and ".join(prev.provinces))
            elif elided and prev.intent == "duties" and prev.agency and not query.agency:
                # After an agency's duties, a question naming no one is about that agency
                # ("có phải báo cáo lên Bộ ko").
                text = f"{prev.agency} {text[:1].lower()}{text[1:]}"
            return done(_before_mark(text, where), "topic")
    return done(text, "new")
