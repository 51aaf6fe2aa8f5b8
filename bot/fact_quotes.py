"""Quote checks of curated facts: every quote is in the plan text, its numbers are the
fact's numbers, and no fact is listed twice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from bot.fact_models import Decision, Phase, PlanFacts, Quoted, Target, format_location, short_text
from bot.textnorm import collapse_ws, nfc


def normalise_for_quotes(text: str) -> str:
    """NFC + every white-space run collapsed: the form quotes are compared in."""
    return collapse_ws(nfc(text))


def quote_in_text(quote: str, normalised_plan_text: str) -> bool:
    """True if the quote occurs in the (already normalised) plan text."""
    return normalise_for_quotes(quote) in normalised_plan_text


def walk_quoted(
    model: BaseModel, loc: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Quoted]]:
    """Every quoted fact in the model tree with its location."""
    if isinstance(model, Quoted):
        yield loc, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from walk_quoted(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk_quoted(item, (*loc, name, i))


_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")


def numbers_in(text: str) -> set[float]:
    """Numbers written in the text ("05" and "5" are the same number). Vietnamese writes
    "1.000" for a thousand and "1,5" for one and a half, so both readings count."""
    found: set[float] = set()
    for n in _NUMBER_RE.findall(text):
        found.add(float(n.replace(",", ".")))
        found.add(float(n.replace(".", "").replace(",", "")))
    return found


def _grounding_problems(fact: Quoted) -> list[tuple[str, str]]:
    """Key values that must be visible in the fact's own quote, not only somewhere."""
    problems: list[tuple[str, str]] = []
    quote = normalise_for_quotes(fact.quote)
    if isinstance(fact, Target) and fact.value is not None:
        if float(fact.value) not in numbers_in(quote):
            problems.append(("value", f"value {fact.value} does not appear in its quote"))
    elif isinstance(fact, Decision):
        # The PDF breaks "3807/QĐ-\nBKHCN" across lines, so compare without spaces.
        if fact.number.replace(" ", "") not in quote.replace(" ", ""):
            problems.append(("number", f"number {fact.number!r} does not appear in its quote"))
    elif isinstance(fact, Phase):
        for name in ("start", "end"):
            if float(getattr(fact, name)) not in numbers_in(quote):
                problems.append((name, f"{name} year {getattr(fact, name)} not in its quote"))
    return problems


def check_quotes(facts: PlanFacts, plan_text: str) -> list[tuple[str, str]]:
    """(location, problem) for every quote missing from the plan or not backing its fact."""
    data = facts.model_dump()
    text = normalise_for_quotes(plan_text)
    problems: list[tuple[str, str]] = []
    for loc, fact in walk_quoted(facts):
        where = format_location(loc, data)
        if not quote_in_text(fact.quote, text):
            quoted = short_text(fact.quote, 80)
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


def duplicate_problems(facts: PlanFacts) -> list[tuple[str, str]]:
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
