"""Curated plan facts (knowledge/facts/<plan-id>.yaml): models, loading and quote checks.

Every fact carries a `quote` that must appear in the plan text (after NFC and white-space
collapsing), so a fact the plan does not say can never reach a user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.errors import PlanBotError
from bot.textnorm import collapse_ws, nfc

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


class Target(_Quoted):
    """A target of the plan for a milestone year (numeric, or a list such as fields)."""

    id: str
    category: Category
    metric: str
    value: int | float | None = None
    unit: str
    qualifier: str | None = None
    year: int | None = None
    period: str | None = None
    section: str


class TaskResult(_Quoted):
    """The expected result of a task for one period (appendix column "Dự kiến kết quả")."""

    period: str
    result: str


class Task(_Quoted):
    """A task or appendix row: what, who leads, who helps, when, with what result."""

    code: str
    title: str
    lead: str | None = None
    partners: list[str] = []
    period: str | None = None
    results: list[TaskResult] = []
    section: str


class Responsibility(_Quoted):
    """What one agency must do under "Tổ chức thực hiện"."""

    agency: str
    duties: list[str]
    section: str


class FundingSource(_Quoted):
    """A source of funds and what it pays for."""

    source: str
    covers: str | None = None
    section: str


class ScopeItem(_Quoted):
    """Who or what the plan applies to."""

    text: str


class Sector(_Quoted):
    """A priority sector named by the plan."""

    name: str


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


def _nfc_tree(value: Any) -> Any:
    """NFC every string in parsed YAML (curators' editors mix composed and decomposed)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {(nfc(k) if isinstance(k, str) else k): _nfc_tree(v) for k, v in value.items()}
    return value


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
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        raise FactsError(file, where, f"YAML syntax error: {problem}") from exc
    if not isinstance(data, dict):
        raise FactsError(file, "", "expected a mapping with plan_id, plan, targets, … at the top")
    data = _nfc_tree(data)
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


def load_facts(path: Path, plan_text: str) -> PlanFacts:
    """Load, validate and check one fact file against its plan's text."""
    file = _display_path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError(file, "", f"cannot read fact file: {exc}") from exc
    facts = parse_facts(file, source, path.stem)
    _raise_all(file, _duplicate_problems(facts) + check_quotes(facts, plan_text))
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
    ):
        for item in items:
            yield kind, item


def fact_to_json(kind: str, fact: BaseModel, plan_id: str) -> dict[str, Any]:
    """Compact JSON form of one fact: kind, plan id and the model's fields."""
    return {"kind": kind, "plan": plan_id, **fact.model_dump(mode="json")}
