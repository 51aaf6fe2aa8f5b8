"""Dialogue state: what the last answer was about (`Context`, JSON-safe), the resolution
of a message (`Resolution`), and the context once the answer is known."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from bot.answers import Answer
from bot.provinces import unit_label
from bot.query import Query

DEFAULT_TTL_SECONDS = 30 * 60
CONTEXT_VERSION = 1


def where_phrase(provinces: Sequence[str]) -> str:
    """' ở tỉnh Kon Tum' (' ở A và B'); '' without provinces."""
    return " ở " + " và ".join(unit_label(p) for p in provinces) if provinces else ""


Kind = Literal["new", "province", "year", "agency", "task", "topic"]


@dataclass(frozen=True)
class Context:
    """What the last answer was about; `to_dict`/`from_dict` give a JSON-safe form."""

    question: str  # the complete question last answered (after resolution)
    at: float  # when (seconds since the epoch)
    plan_ids: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()  # display names of plan_ids
    intent: str = "general"
    metric: str | None = None
    years: tuple[int, ...] = ()
    agency: str | None = None
    # The task the last answer cited: {"plan", "code", "title"} (an appendix row or a
    # plan task), or a target's wording: {"plan", "code": target id, "title": metric}.
    task: dict[str, str] | None = None
    language: str = "vi"
    # Plans the user chose (a deep link, a province button, a bare "Kon Tum?"): questions
    # that name no province are answered from them until another province is named.
    scope: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["v"] = CONTEXT_VERSION
        data["plan_ids"] = list(self.plan_ids)
        data["provinces"] = list(self.provinces)
        data["years"] = list(self.years)
        data["scope"] = list(self.scope)
        return data

    @classmethod
    def for_plans(cls, plan_ids: Sequence[str], plans: Mapping[str, str], now: float) -> Context:
        """A context with these plans chosen (e.g. a deep link `?start=kon-tum`)."""
        ids = tuple(p for p in plan_ids if p in plans)
        names = tuple(plans[p] for p in ids)
        return cls(
            question=f"Mục tiêu của kế hoạch{where_phrase(names)} là gì?",
            at=now,
            plan_ids=ids,
            provinces=names,
            intent="target",
            scope=ids,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Context | None:
        """The context stored by `to_dict`; None for nothing, another version or junk."""
        if not data or data.get("v") != CONTEXT_VERSION:
            return None
        try:
            task = data.get("task")
            return cls(
                question=str(data["question"]),
                at=float(data["at"]),
                plan_ids=tuple(str(p) for p in data.get("plan_ids", ())),
                provinces=tuple(str(p) for p in data.get("provinces", ())),
                intent=str(data.get("intent", "general")),
                metric=data.get("metric"),
                years=tuple(int(y) for y in data.get("years", ())),
                agency=data.get("agency"),
                task={str(k): str(v) for k, v in task.items()} if task else None,
                language=str(data.get("language", "vi")),
                scope=tuple(str(p) for p in data.get("scope", ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def expired(self, now: float, ttl_seconds: float = DEFAULT_TTL_SECONDS) -> bool:
        return now - self.at > ttl_seconds or now < self.at - 60


@dataclass(frozen=True)
class Resolution:
    """The question to answer, the context it sets up, and what kind of turn it was."""

    question: str
    context: Context
    kind: Kind = "new"
    original: str = ""
    # Plans to restrict the answer to (the context's scope, when the question names none).
    restrict: tuple[str, ...] = ()
    # The resolved question parsed (so the engine does not parse it again).
    query: Query | None = field(default=None, compare=False, repr=False)

    @property
    def followup(self) -> bool:
        return self.kind != "new"


def context_for(query: Query, plans: Mapping[str, str], now: float, **extra: Any) -> Context:
    return Context(
        question=query.text,
        at=now,
        plan_ids=query.plan_ids,
        provinces=tuple(plans.get(p, p) for p in query.plan_ids),
        intent=query.intent,
        metric=query.metric,
        years=query.years,
        agency=query.agency,
        language=query.language,
        **extra,
    )


def context_after(context: Context, answer: Answer) -> Context:
    """The context once the answer is known: the task it cited (else the target), so a
    follow-up can refer to it."""
    task = _cited(answer, ("task", "body_task"), "title", "code", "task")
    task = task or _cited(answer, ("target",), "metric", "id", "target")
    return replace(context, task=task or context.task)


def _cited(
    answer: Answer, kinds: tuple[str, ...], title: str, code: str, kind: str
) -> dict[str, str] | None:
    """The first fact of the answer of those kinds, as the context's task."""
    for fact in answer.facts:
        if fact.get("kind") in kinds and fact.get(title):
            return {
                "plan": fact["plan"],
                "code": str(fact.get(code, "")),
                "title": fact[title],
                "kind": kind,
            }
    return None
