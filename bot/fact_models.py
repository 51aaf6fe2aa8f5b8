"""Curated plan facts: the pydantic models of knowledge/facts/<plan-id>.yaml, the domain
error naming file, location and problem, and how a location reads in that error."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from bot.errors import PlanBotError
from bot.textnorm import collapse_ws

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


class Quoted(_Fact):
    """A fact backed by a verbatim quote from the plan."""

    quote: str

    @field_validator("quote")
    @classmethod
    def _quote_not_blank(cls, value: str) -> str:
        # An empty quote is a substring of every text and would prove nothing.
        if len(collapse_ws(value)) < 3:
            raise ValueError("quote must be a phrase from the plan, not empty")
        return value


class Citation(Quoted):
    """Where the plan says something about a fact outside the fact's own quote."""

    section: str


class Decision(Quoted):
    """A legal basis: a decision the plan implements or cites."""

    number: str
    date: str | None = None
    issuer: str | None = None
    content: str


class Phase(Quoted):
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


class NotStated(Quoted):
    """Something users ask that this copy of the plan does not state (blank or absent).

    The quote is the evidence: the blank ("Kon Tum, ngày tháng năm") or the passage that
    would have carried it. The note says it in Vietnamese, for "Kế hoạch không nêu …".
    """

    topic: NotStatedTopic
    note: str


class PlanMeta(Quoted):
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


class Target(Quoted):
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


class TaskResult(Quoted):
    """The expected result of a task for one period (appendix column "Dự kiến kết quả")."""

    period: str
    result: str
    # True when the extracted text does not show that the result belongs here.
    uncertain: bool = False
    note: str | None = None


class Task(Quoted):
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


class Responsibility(Quoted):
    """What one agency must do under "Tổ chức thực hiện"."""

    agency: str
    duties: list[str]
    section: str
    # One role per duty (same order) when given: what the plan's verb asks of the agency.
    roles: list[Role] = []


class FundingSource(Quoted):
    """A source of funds and what it pays for."""

    source: str
    covers: str | None = None
    section: str


class ScopeItem(Quoted):
    """Who or what the plan applies to."""

    text: str


class Sector(Quoted):
    """A priority sector named by the plan.

    open_list: the plan names it as an example ("như: … v.v.") of a list it leaves open,
    so answers say "ví dụ" and never present the sectors as the whole list.
    """

    name: str
    open_list: bool = False
    context: str | None = None
    section: str | None = None


class Objective(Quoted):
    """One general objective (mục tiêu chung) of the plan."""

    text: str
    section: str
    marker: str | None = None


ClauseTopic = Literal["budget_management", "feedback", "implementation"]


class Clause(Quoted):
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


def short_text(text: str, limit: int = 40) -> str:
    text = collapse_ws(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_location(loc: tuple[Any, ...], data: Any) -> str:
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
                out += f" ({short_text(node[label_field])})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
            parent_key = str(part)
    return out
