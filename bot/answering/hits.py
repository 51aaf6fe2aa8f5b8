"""A fact as a candidate answer: its plan, kind and words, precomputed for matching."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.textnorm import words


@dataclass(frozen=True)
class FactHit:
    """A candidate fact with its plan and kind, and its words precomputed for matching."""

    plan: str
    kind: str
    fact: Any
    section: str
    match_words: frozenset[str] = frozenset()
    quote_words: tuple[str, ...] = ()
    score: float = 0.0

    def scored(self, score: float) -> FactHit:
        return replace(self, score=score)


def fact_hit(plan_id: str, kind: str, fact: Any, section: str, match_text: str) -> FactHit:
    quote = getattr(fact, "quote", "")
    return FactHit(plan_id, kind, fact, section, frozenset(words(match_text)), tuple(words(quote)))
