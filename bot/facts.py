"""Curated plan facts (knowledge/facts/<plan-id>.yaml): models, loading and quote checks.

Every fact carries a `quote` that must appear in the plan text (after NFC and white-space
collapsing), so a fact the plan does not say can never reach a user.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.datafile import nfc_tree, parse_mapping
from bot.errors import PlanBotError
from bot.lru import LRU
from bot.textnorm import collapse_ws, fold, nfc, words

Category = Literal[
    "training",
    "enterprises",
    "standards",
    "labs",
    "service_orgs",
    "communication",
    "cooperation",
    "other",
]

# What a duty asks of its agency, by the plan's own verb (see ROLE_CUES).
Role = Literal["lead", "do", "coordinate", "advise", "direct", "report", "propose"]

# Vietnamese wording of each role, for rendering ("Sở Tài chính tham mưu …").
ROLE_LABELS: dict[str, str] = {
    "lead": "chủ trì",
    "do": "thực hiện",
    "coordinate": "phối hợp",
    "advise": "tham mưu",
    "direct": "chỉ đạo",
    "report": "báo cáo",
    "propose": "đề xuất",
}


class _Fact(BaseModel):
    """Base: unknown fields are errors (a typo must not silently drop a fact)."""

    model_config = ConfigDict(extra="forbid")


class _Quoted(_Fact):
    """A fact backed by a verbatim quote from the plan."""

    quote: str

    @field_validator("quote")
    @classmethod
    def _quote_not_blank(cls, value: str) -> str:
        # An empty quote is a substring of every text and would prove nothing.
        if len(collapse_ws(value)) < 3:
            raise ValueError("quote must be a phrase from the plan, not empty")
        return value


class Citation(_Quoted):
    """Where the plan says something about a fact outside the fact's own quote."""

    section: str


class Decision(_Quoted):
    """A legal basis: a decision the plan implements or cites."""

    number: str
    date: str | None = None
    issuer: str | None = None
    content: str


class Phase(_Quoted):
    """An implementation phase, e.g. Giai đoạn 1: 2021-2025."""

    name: str
    start: int
    end: int


NotStatedTopic = Literal[
    "document_number",
    "date",
    "signer",
    "budget_amount",
    "achieved_results",
    "contact",
    "phases",
    "scope",
    "priority_sectors",
]


class NotStated(_Quoted):
    """Something users ask that this copy of the plan does not state (blank or absent).

    The quote is the evidence: the blank ("Kon Tum, ngày tháng năm") or the passage that
    would have carried it. The note says it in Vietnamese, for "Kế hoạch không nêu …".
    """

    topic: NotStatedTopic
    note: str


class PlanMeta(_Quoted):
    """Who issued the plan, what it is called, and what it is based on."""

    province: str
    title: str
    issuing_body: str
    document_number: str | None = None
    date: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    legal_basis: list[Decision] = []
    phases: list[Phase] = []
    # Fields left blank or absent in this copy (document_number, date, signer, …).
    not_stated: list[NotStated] = []


class Target(_Quoted):
    """A target of the plan: a count by a milestone year, or per period (appendix split).

    basis "cumulative": the total to reach by `year` ("Đến năm 2030"), counted from the
    plan's start (`period`, when given, runs from the plan's start to `year`).
    basis "period": the amount within `period` only (an appendix row's split); `year` is
    then null and `phase` names the plan's phase the period stands for.
    measure_kind "count": `value` counts `unit`; "fields": `value` is null and `items` lists
    the measurement fields (lĩnh vực) named, so it is never compared with a count.
    """

    id: str
    category: Category
    metric: str
    # A short curated wording for answers ("lượt người được đào tạo, bồi dưỡng"), unit
    # included; answers fall back to the metric's first clause.
    label: str | None = None
    value: int | float | None = None
    unit: str
    qualifier: str | None = None
    year: int | None = None
    period: str | None = None
    section: str
    basis: Literal["cumulative", "period"] | None = None
    measure_kind: Literal["count", "fields"] = "count"
    items: list[str] = []
    source: Literal["body", "appendix"] = "body"
    # Code of the task (appendix row) an appendix-derived value comes from.
    task: str | None = None
    phase: str | None = None
    # Body milestone totals and appendix per-period values of one measure share a series;
    # the checks add the appendix values up against the body totals.
    series: str | None = None
    # Ids of targets that state the same measure with other numbers (body vs appendix).
    differs_from: list[str] = []
    note: str | None = None


class TaskResult(_Quoted):
    """The expected result of a task for one period (appendix column "Dự kiến kết quả")."""

    period: str
    result: str
    # True when the extracted text does not show that the result belongs here.
    uncertain: bool = False
    note: str | None = None


class Task(_Quoted):
    """A task or appendix row: what, who leads, who helps, when, with what result.

    `group`: code of the row whose merged cells (lead, partners, period, results) this row
    shares; its own lead etc. are then inherited and `uncertain`. `lead_source`: where the
    plan names the lead when the task itself does not (e.g. under "Tổ chức thực hiện").
    """

    code: str
    title: str
    lead: str | None = None
    partners: list[str] = []
    period: str | None = None
    results: list[TaskResult] = []
    section: str
    group: str | None = None
    uncertain: bool = False
    lead_source: Citation | None = None
    note: str | None = None


class Responsibility(_Quoted):
    """What one agency must do under "Tổ chức thực hiện"."""

    agency: str
    duties: list[str]
    section: str
    # One role per duty (same order) when given: what the plan's verb asks of the agency.
    roles: list[Role] = []


class FundingSource(_Quoted):
    """A source of funds and what it pays for."""

    source: str
    covers: str | None = None
    section: str


class ScopeItem(_Quoted):
    """Who or what the plan applies to."""

    text: str


class Sector(_Quoted):
    """A priority sector named by the plan.

    open_list: the plan names it as an example ("như: … v.v.") of a list it leaves open,
    so answers say "ví dụ" and never present the sectors as the whole list.
    """

    name: str
    open_list: bool = False
    context: str | None = None
    section: str | None = None


class Objective(_Quoted):
    """One general objective (mục tiêu chung) of the plan."""

    text: str
    section: str
    marker: str | None = None


ClauseTopic = Literal["budget_management", "feedback", "implementation"]


class Clause(_Quoted):
    """A standing provision: budget management, where to report problems, …"""

    topic: ClauseTopic
    text: str
    section: str


class PlanFacts(_Fact):
    """All curated facts of one plan."""

    plan_id: str
    plan: PlanMeta
    targets: list[Target] = []
    tasks: list[Task] = []
    responsibilities: list[Responsibility] = []
    funding: list[FundingSource] = []
    scope: list[ScopeItem] = []
    priority_sectors: list[Sector] = []
    objectives: list[Objective] = []
    clauses: list[Clause] = []


class FactsError(PlanBotError):
    """A fact file is unreadable, invalid, or claims something the plan does not say."""

    def __init__(
        self, file: str, location: str, problem: str, more: list[FactsError] | None = None
    ) -> None:
        self.file = file
        self.location = location
        self.problem = problem
        # Further problems in the same file, so one run shows the curator all of them.
        self.more: list[FactsError] = list(more or [])
        super().__init__(str(self))

    def _line(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{self.file}: {where}{self.problem}"

    def __str__(self) -> str:
        lines = [self._line()] + [e._line() for e in self.more]
        return "\n".join(lines)


# --- locations ---------------------------------------------------------------------------

# Which field names a list item in messages (targets[4] (training-2030)).
_LABEL_FIELDS = {
    "targets": "id",
    "tasks": "code",
    "responsibilities": "agency",
    "funding": "source",
    "scope": "text",
    "priority_sectors": "name",
    "legal_basis": "number",
    "phases": "name",
    "objectives": "text",
    "clauses": "topic",
    "not_stated": "topic",
}


def _short(text: str, limit: int = 40) -> str:
    text = collapse_ws(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _format_loc(loc: tuple[Any, ...], data: Any) -> str:
    """('targets', 4, 'value') -> 'targets[4] (training-2030).value', labels from the data."""
    out = ""
    node = data
    parent_key: str | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            label_field = _LABEL_FIELDS.get(parent_key or "")
            if isinstance(node, dict) and label_field and isinstance(node.get(label_field), str):
                out += f" ({_short(node[label_field])})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
            parent_key = str(part)
    return out


def _display_path(path: Path) -> str:
    """The path relative to the working directory when possible (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- normalisation and quote checks ------------------------------------------------------


def normalise_for_quotes(text: str) -> str:
    """NFC + every white-space run collapsed: the form quotes are compared in."""
    return collapse_ws(nfc(text))


def quote_in_text(quote: str, normalised_plan_text: str) -> bool:
    """True if the quote occurs in the (already normalised) plan text."""
    return normalise_for_quotes(quote) in normalised_plan_text


def _walk_quoted(
    model: BaseModel, loc: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], _Quoted]]:
    """Every quoted fact in the model tree with its location."""
    if isinstance(model, _Quoted):
        yield loc, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _walk_quoted(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk_quoted(item, (*loc, name, i))


_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers_in(text: str) -> set[float]:
    """Numbers written in the text ("05" and "5" are the same number). Vietnamese writes
    "1.000" for a thousand and "1,5" for one and a half, so both readings count."""
    found: set[float] = set()
    for n in _NUMBER_RE.findall(text):
        found.add(float(n.replace(",", ".")))
        found.add(float(n.replace(".", "").replace(",", "")))
    return found


def _grounding_problems(fact: _Quoted) -> list[tuple[str, str]]:
    """Key values that must be visible in the fact's own quote, not only somewhere."""
    problems: list[tuple[str, str]] = []
    quote = normalise_for_quotes(fact.quote)
    if isinstance(fact, Target) and fact.value is not None:
        if float(fact.value) not in _numbers_in(quote):
            problems.append(("value", f"value {fact.value} does not appear in its quote"))
    elif isinstance(fact, Decision):
        # The PDF breaks "3807/QĐ-\nBKHCN" across lines, so compare without spaces.
        if fact.number.replace(" ", "") not in quote.replace(" ", ""):
            problems.append(("number", f"number {fact.number!r} does not appear in its quote"))
    elif isinstance(fact, Phase):
        for name in ("start", "end"):
            if float(getattr(fact, name)) not in _numbers_in(quote):
                problems.append((name, f"{name} year {getattr(fact, name)} not in its quote"))
    return problems


def check_quotes(facts: PlanFacts, plan_text: str) -> list[tuple[str, str]]:
    """(location, problem) for every quote missing from the plan or not backing its fact."""
    data = facts.model_dump()
    text = normalise_for_quotes(plan_text)
    problems: list[tuple[str, str]] = []
    for loc, fact in _walk_quoted(facts):
        where = _format_loc(loc, data)
        if not quote_in_text(fact.quote, text):
            quoted = _short(fact.quote, 80)
            problems.append(
                (
                    f"{where}.quote" if where else "quote",
                    f"quote not found in plan text: {quoted!r}",
                )
            )
            continue
        for field, problem in _grounding_problems(fact):
            problems.append((f"{where}.{field}" if where else field, problem))
    return problems


def _duplicate_problems(facts: PlanFacts) -> list[tuple[str, str]]:
    """Target ids and task codes are how answers cite facts, so they must be unique."""
    problems: list[tuple[str, str]] = []
    for list_name, key in (("targets", "id"), ("tasks", "code")):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(facts, list_name)):
            value = getattr(item, key)
            if value in seen:
                problems.append(
                    (
                        f"{list_name}[{i}].{key}",
                        f"duplicate {key} {value!r} (also {list_name}[{seen[value]}])",
                    )
                )
            else:
                seen[value] = i
    return problems


# --- meaning checks ----------------------------------------------------------------------
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
        heading = _short(heading, 50)
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
                if parse_period(r.period) == span and float(t.value) in _numbers_in(r.result)
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
    for loc, fact in _walk_quoted(facts):
        section = getattr(fact, "section", None)
        if isinstance(section, str) and section and not outline.has_section(section):
            out.append(((*loc, "section"), f"section {_short(section, 70)!r} is not in the plan"))
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
    return [(_format_loc(loc, data), problem) for loc, problem in found]


# --- loading -----------------------------------------------------------------------------


# Union members pydantic appends to locations (value.int, value.float): not field names.
_UNION_TAGS = {"int", "float", "str", "bool", "none", "list", "dict"}


def _validation_problems(exc: ValidationError, data: Any) -> list[tuple[str, str]]:
    """(location, message) per invalid field; a union's per-member messages are merged."""
    merged: dict[str, list[str]] = {}
    for err in exc.errors(include_url=False):
        loc = tuple(
            p for p in err["loc"] if not (isinstance(p, str) and (p in _UNION_TAGS or "[" in p))
        )
        messages = merged.setdefault(_format_loc(loc, data), [])
        if err["msg"] not in messages:
            messages.append(err["msg"])
    return [(loc, " or ".join(msgs)) for loc, msgs in merged.items()]


def _raise_all(file: str, problems: list[tuple[str, str]]) -> None:
    if problems:
        errors = [FactsError(file, loc, problem) for loc, problem in problems]
        raise FactsError(file, errors[0].location, errors[0].problem, more=errors[1:])


def parse_facts(file: str, source: str, plan_id: str) -> PlanFacts:
    """Parse and validate a fact file's YAML text (no quote checks)."""
    expected = "expected a mapping with plan_id, plan, targets, … at the top"
    data = nfc_tree(parse_mapping(file, source, FactsError, expected))
    try:
        facts = PlanFacts.model_validate(data)
    except ValidationError as exc:
        _raise_all(file, _validation_problems(exc, data))
        raise  # unreachable: a ValidationError always has errors
    if facts.plan_id != plan_id:
        raise FactsError(
            file, "plan_id", f"plan_id {facts.plan_id!r} does not match the file name {plan_id!r}"
        )
    return facts


# Fact files that passed every check, by (file, its text, its plan's text): /reload re-reads
# every file, and parsing plus checking an unchanged one again costs the answers asked
# meanwhile a few hundred ms of the interpreter. Answering only reads PlanFacts.
_CHECKED: LRU[tuple[str, bytes, bytes], PlanFacts] = LRU(32)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def load_facts(path: Path, plan_text: str) -> PlanFacts:
    """Load, validate and check one fact file against its plan's text."""
    file = _display_path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError(file, "", f"cannot read fact file: {exc}") from exc
    key = (file, _digest(source), _digest(plan_text))
    cached = _CHECKED.get(key)
    if cached is not None:
        return cached
    facts = parse_facts(file, source, path.stem)
    problems = _duplicate_problems(facts) + check_quotes(facts, plan_text)
    _raise_all(file, problems + check_meanings(facts, plan_text))
    _CHECKED.put(key, facts)
    return facts


def load_all_facts(
    facts_dir: Path, plan_texts: Mapping[str, str]
) -> tuple[dict[str, PlanFacts], list[FactsError]]:
    """Every <plan-id>.yaml in facts_dir checked against its plan; the bad ones as errors."""
    good: dict[str, PlanFacts] = {}
    errors: list[FactsError] = []
    if not facts_dir.is_dir():
        return good, errors
    for path in sorted(facts_dir.glob("*.y*ml")):
        if path.suffix == ".yml":
            # Only <plan-id>.yaml is read; a .yml file would be silently ignored otherwise.
            errors.append(
                FactsError(_display_path(path), "", "fact files must be named <plan-id>.yaml")
            )
            continue
        if path.suffix != ".yaml":
            continue
        if path.stem not in plan_texts:
            known = ", ".join(sorted(plan_texts)) or "none"
            errors.append(
                FactsError(
                    _display_path(path),
                    "plan_id",
                    f"no plan named {path.stem!r} (known plans: {known})",
                )
            )
            continue
        try:
            good[path.stem] = load_facts(path, plan_texts[path.stem])
        except FactsError as exc:
            errors.append(exc)
    return good, errors


# --- iteration and JSON ------------------------------------------------------------------


def iter_facts(pf: PlanFacts) -> Iterator[tuple[str, BaseModel]]:
    """(kind, fact) for every fact of a plan, meta first."""
    yield "plan", pf.plan
    for decision in pf.plan.legal_basis:
        yield "decision", decision
    for phase in pf.plan.phases:
        yield "phase", phase
    for kind, items in (
        ("target", pf.targets),
        ("task", pf.tasks),
        ("responsibility", pf.responsibilities),
        ("funding", pf.funding),
        ("scope", pf.scope),
        ("sector", pf.priority_sectors),
        ("objective", pf.objectives),
        ("clause", pf.clauses),
        ("not_stated", pf.plan.not_stated),
    ):
        for item in items:
            yield kind, item


def fact_to_json(kind: str, fact: BaseModel, plan_id: str) -> dict[str, Any]:
    """Compact JSON form of one fact: kind, plan id and the model's fields."""
    return {"kind": kind, "plan": plan_id, **fact.model_dump(mode="json")}
