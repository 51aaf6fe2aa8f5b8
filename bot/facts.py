"""Curated plan facts (knowledge/facts/<plan-id>.yaml): loading with every check, and
iteration and JSON. Models live in fact_models, quote checks in fact_quotes, meaning checks
in fact_meanings; they are re-exported here for the readers of facts.

Every fact carries a `quote` that must appear in the plan text (after NFC and white-space
collapsing), so a fact the plan does not say can never reach a user.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.datafile import nfc_tree, parse_mapping
from bot.fact_meanings import ROLE_CUES, check_meanings, parse_period
from bot.fact_models import (
    ROLE_LABELS,
    Category,
    Citation,
    Clause,
    Decision,
    FactsError,
    FundingSource,
    NotStated,
    Objective,
    Phase,
    PlanFacts,
    PlanMeta,
    Responsibility,
    Role,
    ScopeItem,
    Sector,
    Target,
    Task,
    TaskResult,
    format_location,
)
from bot.fact_quotes import check_quotes, duplicate_problems, normalise_for_quotes, quote_in_text
from bot.lru import LRU

__all__ = [
    "ROLE_CUES",
    "ROLE_LABELS",
    "Category",
    "Citation",
    "Clause",
    "Decision",
    "FactsError",
    "FundingSource",
    "NotStated",
    "Objective",
    "Phase",
    "PlanFacts",
    "PlanMeta",
    "Responsibility",
    "Role",
    "ScopeItem",
    "Sector",
    "Target",
    "Task",
    "TaskResult",
    "check_meanings",
    "check_quotes",
    "fact_to_json",
    "iter_facts",
    "load_all_facts",
    "load_facts",
    "normalise_for_quotes",
    "parse_facts",
    "parse_period",
    "quote_in_text",
]


def _display_path(path: Path) -> str:
    """The path relative to the working directory when possible (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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
        messages = merged.setdefault(format_location(loc, data), [])
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
    problems = duplicate_problems(facts) + check_quotes(facts, plan_text)
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
