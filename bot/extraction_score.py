"""How much of a curated fact file a draft recovers (scripts/measure_extraction.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.facts import PlanFacts
from bot.textnorm import fold


@dataclass
class ExtractionScore:
    """How much of a curated fact file a draft recovers, and how much it gets wrong."""

    plan_id: str
    curated_targets: int = 0
    recovered_targets: int = 0
    drafted_targets: int = 0
    wrong_targets: int = 0
    curated_agencies: int = 0
    recovered_agencies: int = 0
    drafted_agencies: int = 0
    curated_rows: int = 0
    recovered_rows: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def target_recall(self) -> float:
        return self.recovered_targets / self.curated_targets if self.curated_targets else 1.0

    @property
    def target_precision(self) -> float:
        if not self.drafted_targets:
            return 1.0
        return (self.drafted_targets - self.wrong_targets) / self.drafted_targets

    @property
    def agency_recall(self) -> float:
        return self.recovered_agencies / self.curated_agencies if self.curated_agencies else 1.0

    @property
    def row_recall(self) -> float:
        return self.recovered_rows / self.curated_rows if self.curated_rows else 1.0


def _agency_key(name: str) -> str:
    return fold(name).strip(" .;:,")


def score_draft(curated: PlanFacts, draft: PlanFacts) -> ExtractionScore:
    """Numeric body targets match on (value, year, category); agencies on their folded name;
    appendix rows on code, lead (unless uncertain) and (period, result) pairs."""
    score = ExtractionScore(curated.plan_id)

    def key(t: Any) -> tuple[float, int | None, str]:
        return (float(t.value), t.year, t.category)

    # Body targets only: appendix per-period values are drafted as task results.
    want = Counter(key(t) for t in curated.targets if t.value is not None and t.source == "body")
    got = Counter(key(t) for t in draft.targets if t.value is not None)
    score.curated_targets = sum(want.values())
    score.drafted_targets = sum(got.values())
    score.recovered_targets = sum((want & got).values())
    score.wrong_targets = sum((got - want).values())
    score.missed += [f"target {k}" for k in (want - got).elements()]
    score.wrong += [f"target {k}" for k in (got - want).elements()]

    want_a = {_agency_key(r.agency) for r in curated.responsibilities}
    got_a = {_agency_key(r.agency) for r in draft.responsibilities}
    score.curated_agencies = len(want_a)
    score.drafted_agencies = len(got_a)
    score.recovered_agencies = len(want_a & got_a)
    score.missed += [f"agency {a}" for a in sorted(want_a - got_a)]

    def row_key(t: Any) -> tuple[str, str, frozenset[tuple[str, str]]]:
        res = frozenset((r.period, fold(r.result)) for r in t.results)
        # A lead inherited from merged cells (uncertain) is not scored.
        return (t.code, "" if t.uncertain else fold(t.lead or ""), res)

    want_r = {row_key(t) for t in curated.tasks if t.code.startswith("PL.")}
    got_r = {row_key(t) for t in draft.tasks if t.code.startswith("PL.")}
    score.curated_rows = len(want_r)
    score.recovered_rows = len(want_r & got_r)
    score.missed += [f"appendix row {k[0]}" for k in sorted(want_r - got_r)]
    return score
