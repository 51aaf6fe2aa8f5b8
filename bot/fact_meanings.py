"""Meaning checks of curated facts against their plan's text and outline."""

from __future__ import annotations

import re
from typing import Any

from bot.fact_models import ROLE_LABELS, PlanFacts, format_location, short_text
from bot.fact_quotes import normalise_for_quotes, numbers_in, walk_quoted
from bot.textnorm import collapse_ws, fold, words

# A quote proves the plan says the words; these check that a fact reads them right: a
# target's milestone or period agrees with the heading it sits under and with the appendix,
# sections exist, merged table cells and blanks are marked, open lists are not closed ones.

_PERIOD_RE = re.compile(r"^\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\s*$")
_BY_YEAR = re.compile(r"\bđến năm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_IN_PERIOD = re.compile(r"\bgiai đoạn\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_STEP_MARKER = re.compile(r"^([IVX]+|\d+(?:\.\d+)*|[a-zđ])(?:\.\s*|\)\s*|\s+)(.*)$")
# How many opening words of a duty must be the plan's own (verb and object).
_DUTY_OPENING_WORDS = 5
# The plan's verb for each role: a duty given a role must say it.
ROLE_CUES: dict[str, tuple[str, ...]] = {
    "lead": ("chu tri",),
    "coordinate": ("phoi hop",),
    "advise": ("tham muu",),
    "direct": ("chi dao",),
    "report": ("bao cao",),
    "propose": ("de xuat",),
    "do": (),
}


def parse_period(period: str | None) -> tuple[int, int] | None:
    """'2021-2025' (or '2025 -2030') -> (2021, 2025); None when not a year span."""
    m = _PERIOD_RE.match(period or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _plan_start(facts: PlanFacts) -> int | None:
    return min((p.start for p in facts.plan.phases), default=None)


def _folded_words(text: str) -> list[str]:
    return words(text)


def _contains_words(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n == 0 or any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _step(part: str) -> tuple[str, str]:
    """'2.1. Mục tiêu đến năm 2025' -> ('2.1', 'muc tieu den nam 2025'); no marker -> ''."""
    part = collapse_ws(part).rstrip("…").strip()
    m = _STEP_MARKER.match(part)
    if m and (m.group(2) or part.endswith(")")):
        return m.group(1), " ".join(words(m.group(2)))
    return "", " ".join(words(part))


def _steps_match(want: tuple[str, str], have: tuple[str, str]) -> bool:
    """Same marker, and one title a prefix of the other (outline labels may be clipped)."""
    if want[0] != have[0]:
        return False
    a, b = want[1], have[1]
    return not a or not b or a.startswith(b) or b.startswith(a)


class _Outline:
    """The plan's outline paths (body and appendix) and its paragraphs, parsed once."""

    def __init__(self, plan_text: str) -> None:
        from bot.chunking import parse_plan  # local: chunking is heavier than this module

        parsed = parse_plan(plan_text)
        self.paragraphs = parsed.paragraphs
        self.body = [[_step(x) for x in s.path()] for s in parsed.sections]
        self.appendix = {row.code: row for row in parsed.appendix_rows}
        self.appendix_paths = [[_step(x) for x in row.path] for row in parsed.appendix_rows]

    def has_section(self, section: str) -> bool:
        parts = [p for p in (x.strip() for x in section.split("›")) if p]
        if parts and fold(parts[0]).startswith("phu luc"):
            steps = [_step(p) for p in parts[1:]]
            if not steps:
                return bool(self.appendix)
            paths = self.appendix_paths
        else:
            steps, paths = [_step(p) for p in parts], self.body
        return any(
            len(path) == len(steps)
            and all(_steps_match(w, h) for w, h in zip(steps, path, strict=True))
            for path in paths
        )

    def headings_above(self, quote: str) -> list[str] | None:
        """Labels of the headings and items enclosing the paragraph that holds the quote."""
        needle = normalise_for_quotes(quote)
        for par in self.paragraphs:
            if needle in normalise_for_quotes(par.text):
                return [*par.path, *(q.label for q in par.parents)]
        return None


def _milestone_of(headings: list[str]) -> tuple[str, str, int, int | None] | None:
    """('by'|'period', heading, year or start, end) of the innermost milestone heading."""
    for label in reversed(headings):
        m = _IN_PERIOD.search(label)
        if m:
            return "period", label, int(m.group(1)), int(m.group(2))
        m = _BY_YEAR.search(label)
        if m:
            return "by", label, int(m.group(1)), None
    return None


def _target_heading_problems(
    facts: PlanFacts, outline: _Outline
) -> list[tuple[tuple[Any, ...], str]]:
    """A body target's year/period/basis must agree with the heading its quote sits under."""
    out: list[tuple[tuple[Any, ...], str]] = []
    start = _plan_start(facts)
    for i, t in enumerate(facts.targets):
        if t.source != "body":
            continue
        headings = outline.headings_above(t.quote)
        found = _milestone_of(headings or [])
        if found is None:
            continue
        kind, heading, a, b = found
        heading = short_text(heading, 50)
        if kind == "by":
            if t.year != a:
                out.append(((i, "year"), f"the quote sits under {heading!r} but year is {t.year}"))
            if t.basis == "period":
                out.append(
                    (
                        (i, "basis"),
                        f"the quote sits under {heading!r}, a milestone (the total by {a}), "
                        "not a per-period amount: use basis: cumulative",
                    )
                )
            span = parse_period(t.period)
            if t.period is not None and (span is None or span[1] != a or span[0] != start):
                whole = f"{start}-{a}" if start else "null"
                out.append(
                    (
                        (i, "period"),
                        f"the quote sits under {heading!r}, a milestone (the total by {a}), but "
                        f"period is {t.period} (not counted from the plan's start): use year "
                        f"{a} with basis: cumulative and period: null (or {whole})",
                    )
                )
        else:
            if t.period != f"{a}-{b}":
                out.append(
                    ((i, "period"), f"the quote sits under {heading!r} but period is {t.period}")
                )
            if t.basis == "cumulative":
                out.append(
                    ((i, "basis"), f"the quote sits under {heading!r}, a period: basis: period")
                )
    return out


def _target_shape_problems(facts: PlanFacts) -> list[tuple[tuple[Any, ...], str]]:
    """Counts have values, fields have items, links point at facts that exist."""
    out: list[tuple[tuple[Any, ...], str]] = []
    ids = {t.id for t in facts.targets}
    codes = {t.code for t in facts.tasks}
    phases = {p.name: p for p in facts.plan.phases}
    quote_norm = normalise_for_quotes
    for i, t in enumerate(facts.targets):
        if t.measure_kind == "count" and t.value is None:
            out.append(
                (
                    (i, "measure_kind"),
                    "a target without a value is not a count: set measure_kind: fields and list "
                    "the fields in items (or give the value)",
                )
            )
        if t.measure_kind == "fields":
            if t.value is not None:
                out.append(((i, "value"), "a fields target lists items; it has no value"))
            if not t.items:
                out.append(((i, "items"), "a fields target must list its fields in items"))
            for item in t.items:
                if normalise_for_quotes(item) not in quote_norm(t.quote):
                    out.append(((i, "items"), f"field {item!r} does not appear in the quote"))
        if t.basis == "period":
            if parse_period(t.period) is None:
                out.append(((i, "period"), "a per-period target needs a period such as 2021-2025"))
            span = parse_period(t.period)
            if t.year is not None and (span is None or t.year != span[1]):
                out.append(((i, "year"), "a per-period target's year, if any, ends its period"))
        if t.source == "appendix" and (t.task is None or t.task not in codes):
            out.append(((i, "task"), f"an appendix target must name its row; {t.task!r} is none"))
        elif t.task is not None and t.task not in codes:
            out.append(((i, "task"), f"no task with code {t.task!r}"))
        if t.phase is not None and t.phase not in phases:
            out.append(((i, "phase"), f"no phase named {t.phase!r} in plan.phases"))
        for other in t.differs_from:
            if other not in ids or other == t.id:
                out.append(((i, "differs_from"), f"no other target with id {other!r}"))
        if t.differs_from and not t.note:
            out.append(((i, "note"), "a target that differs from another must say how in a note"))
    return out


def _appendix_sum_problems(facts: PlanFacts) -> list[tuple[tuple[Any, ...], str]]:
    """Appendix per-period values must add up to the body's milestone totals, or be flagged."""
    out: list[tuple[tuple[Any, ...], str]] = []
    tasks = {t.code: t for t in facts.tasks}
    for i, t in enumerate(facts.targets):
        if t.source == "appendix" and t.task in tasks and t.value is not None:
            row = tasks[t.task]
            span = parse_period(t.period)
            shown = [
                r.result
                for r in row.results
                if parse_period(r.period) == span and float(t.value) in numbers_in(r.result)
            ]
            if span is not None and not shown:
                out.append(
                    (
                        (i, "value"),
                        f"{t.task} shows no result of {t.value} for {t.period}",
                    )
                )
    for i, total in enumerate(facts.targets):
        if total.source != "body" or total.series is None or total.value is None:
            continue
        if total.basis == "period" or total.year is None:
            continue
        parts = []
        for p in facts.targets:
            span = parse_period(p.period)
            if (
                p.source == "appendix"
                and p.series == total.series
                and p.basis == "period"
                and p.value is not None
                and span is not None
                and span[1] <= total.year
            ):
                parts.append(p)
        if not parts:
            continue
        added = sum(float(p.value or 0) for p in parts)
        if added == float(total.value):
            continue
        flagged = any(p.id in total.differs_from or total.id in p.differs_from for p in parts)
        if not flagged:
            terms = " + ".join(f"{p.period} {p.value:g}" for p in parts)
            out.append(
                (
                    (i, "value"),
                    f"appendix per-period values ({terms} = {added:g}) do not add up to "
                    f"{total.value:g} (by {total.year}); fix them, or record both with "
                    "differs_from and a note",
                )
            )
    return out


def _task_problems(facts: PlanFacts, outline: _Outline) -> list[tuple[tuple[Any, ...], str]]:
    """Merged appendix cells are marked as a group; a period is not listed twice as certain."""
    out: list[tuple[tuple[Any, ...], str]] = []
    codes = {t.code: t for t in facts.tasks}
    # Sub-groups of the printed table where some task rows have no cells of their own.
    merged: set[str] = set()
    for row in outline.appendix.values():
        if not (row.lead or row.partners or row.periods or row.title):
            merged.add(row.code.rsplit(".", 1)[0])
    for i, t in enumerate(facts.tasks):
        seen: set[str] = set()
        for j, r in enumerate(t.results):
            key = f"{parse_period(r.period) or r.period}"
            if key in seen and not r.uncertain:
                out.append(
                    (
                        (i, "results", j),
                        f"a second result for {r.period}: mark it uncertain (an extraction "
                        "stray?) or remove it",
                    )
                )
            seen.add(key)
        parent = t.code.rsplit(".", 1)[0]
        is_row = t.code in outline.appendix and not outline.appendix[t.code].title
        if is_row and parent in merged and t.group is None:
            out.append(
                (
                    (i, "group"),
                    f"rows of {parent} share merged cells in the table: set group: {parent} "
                    "and mark inherited cells uncertain",
                )
            )
        if t.group is not None:
            if t.group not in codes:
                out.append(((i, "group"), f"no task with code {t.group!r}"))
            elif t.results:
                out.append(((i, "results"), f"the results belong to the group {t.group}"))
            elif (t.lead or t.period) and not t.uncertain:
                out.append(
                    ((i, "uncertain"), f"cells inherited from {t.group} must be marked uncertain")
                )
    return out


def _section_problems(facts: PlanFacts, outline: _Outline) -> list[tuple[tuple[Any, ...], str]]:
    out: list[tuple[tuple[Any, ...], str]] = []
    for loc, fact in walk_quoted(facts):
        section = getattr(fact, "section", None)
        if isinstance(section, str) and section and not outline.has_section(section):
            out.append(
                ((*loc, "section"), f"section {short_text(section, 70)!r} is not in the plan")
            )
    return out


def _meta_problems(facts: PlanFacts) -> list[tuple[tuple[Any, ...], str]]:
    out: list[tuple[tuple[Any, ...], str]] = []
    recorded: set[str] = set()
    for i, item in enumerate(facts.plan.not_stated):
        if item.topic in recorded:
            out.append((("plan", "not_stated", i), f"topic {item.topic} recorded twice"))
        recorded.add(item.topic)
    for name in ("document_number", "date", "signer"):
        if getattr(facts.plan, name) is None and name not in recorded:
            out.append(
                (
                    ("plan", name),
                    f"{name} is empty: record it in plan.not_stated (topic {name}) so answers "
                    "can say the plan does not state it",
                )
            )
        elif getattr(facts.plan, name) is not None and name in recorded:
            out.append((("plan", name), f"{name} is given and also recorded as not stated"))
    return out


def _sector_problems(facts: PlanFacts, plan_text: str) -> list[tuple[tuple[Any, ...], str]]:
    """A sector named after "như:" or before "v.v." is an example of an open list."""
    out: list[tuple[tuple[Any, ...], str]] = []
    text = normalise_for_quotes(plan_text)
    for i, s in enumerate(facts.priority_sectors):
        at = text.find(normalise_for_quotes(s.quote))
        if at < 0 or s.open_list:
            continue
        before, after = text[max(0, at - 200) : at], text[at : at + len(s.quote) + 200]
        sentence_before = re.split(r"[.;]\s", before)[-1]
        sentence_after = re.split(r";|\.\s", after.replace("v.v", "vv"))[0]
        if "như:" in sentence_before or "như:" in s.quote or "vv" in sentence_after:
            out.append(
                (
                    (i, "open_list"),
                    "the plan names this sector as an example (như: … v.v.): set open_list: true",
                )
            )
    return out


# Verbs that make the agency advise or direct rather than act itself.
_GOVERNING_VERBS = {"tham muu": "tham mưu", "chi dao": "chỉ đạo"}


def _governing_verb(folded_plan: str, opening: list[str]) -> str | None:
    """'chi dao' / 'tham muu' when the plan's sentence holding the duty's opening words puts
    one of them before those words (the duty was split off from "Chỉ đạo … xây dựng …")."""
    if not opening:
        return None
    pattern = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in opening) + r"\b")
    m = pattern.search(folded_plan)
    if m is None:
        return None
    sentence = re.split(r"[.;]\s", folded_plan[max(0, m.start() - 400) : m.start()])[-1]
    return next((v for v in _GOVERNING_VERBS if v in sentence), None)


def _duty_problems(facts: PlanFacts, plan_text: str) -> list[tuple[tuple[Any, ...], str]]:
    """A duty opens with the plan's own words; a role is said by the plan's verb."""
    out: list[tuple[tuple[Any, ...], str]] = []
    plan_words = _folded_words(plan_text)
    folded_plan = fold(plan_text)
    for i, r in enumerate(facts.responsibilities):
        if r.roles and len(r.roles) != len(r.duties):
            out.append(((i, "roles"), f"{len(r.roles)} roles for {len(r.duties)} duties"))
        for j, duty in enumerate(r.duties):
            opening = _folded_words(duty)[:_DUTY_OPENING_WORDS]
            if not _contains_words(plan_words, opening):
                out.append(
                    (
                        (i, "duties", j),
                        f"the duty opens with words the plan does not use "
                        f"({' '.join(opening)!r}): say what the plan asks, with its verb",
                    )
                )
            governing = _governing_verb(folded_plan, opening)
            if governing and governing not in fold(duty):
                out.append(
                    (
                        (i, "duties", j),
                        f"in the plan this duty sits under {_GOVERNING_VERBS[governing]!r} "
                        "(the agency advises or directs; others act): keep that verb",
                    )
                )
            if j < len(r.roles):
                role = r.roles[j]
                folded = fold(duty)
                if ROLE_CUES[role] and not any(c in folded for c in ROLE_CUES[role]):
                    label = ROLE_LABELS[role]
                    out.append(
                        ((i, "roles", j), f"role {role} but the duty does not say {label!r}")
                    )
    return out


def check_meanings(facts: PlanFacts, plan_text: str) -> list[tuple[str, str]]:
    """(location, problem) for every fact that misreads the plan (see the section comment)."""
    outline = _Outline(plan_text)
    data = facts.model_dump()
    found: list[tuple[tuple[Any, ...], str]] = []
    found += [(("targets", *loc), p) for loc, p in _target_heading_problems(facts, outline)]
    found += [(("targets", *loc), p) for loc, p in _target_shape_problems(facts)]
    found += [(("targets", *loc), p) for loc, p in _appendix_sum_problems(facts)]
    found += [(("tasks", *loc), p) for loc, p in _task_problems(facts, outline)]
    found += [(("priority_sectors", *loc), p) for loc, p in _sector_problems(facts, plan_text)]
    found += [(("responsibilities", *loc), p) for loc, p in _duty_problems(facts, plan_text)]
    found += _section_problems(facts, outline)
    found += _meta_problems(facts)
    return [(format_location(loc, data), problem) for loc, problem in found]
