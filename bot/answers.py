"""Plain data returned by the engine: passages, facts used, and the answer itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Passage:
    """One retrieved chunk of a plan, with the plan id and its outline path."""

    plan: str
    section: str
    text: str
    score: float
    chunk_id: str = ""


@dataclass
class Answer:
    """What the bot says for one question, plus what it draws on."""

    question: str
    text: str
    abstained: bool
    plans: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    latency_ms: float = 0.0
    intent: str = "general"
    # Plan ids the user may narrow the answer to (offered as buttons when the answer is long).
    plan_choices: list[str] = field(default_factory=list)
    # What kind of reply this is: a plan answer, small talk / help (no sources), or an
    # abstention. Set by Engine.converse; plain answers default from `abstained`.
    kind: str = ""
    # Example questions the user may tap next (small talk, not-found replies).
    suggestions: list[str] = field(default_factory=list)
    # The complete question answered when the message was a follow-up ("còn 2030?").
    resolved_question: str | None = None
    # The dialogue context after this reply (bot.dialogue.Context.to_dict()), if any.
    context: dict[str, Any] | None = None

    @property
    def reply_kind(self) -> str:
        """'answer', 'smalltalk' or 'abstain'."""
        return self.kind or ("abstain" if self.abstained else "answer")

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of `python -m bot ask --json`."""
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "plans": list(self.plans),
            "passages": [
                {"plan": p.plan, "section": p.section, "text": p.text, "score": round(p.score, 4)}
                for p in self.passages
            ],
            "facts": list(self.facts),
            "latency_ms": round(self.latency_ms, 2),
            "intent": self.intent,
            "kind": self.reply_kind,
            "suggestions": list(self.suggestions),
            "resolved_question": self.resolved_question,
            "context": self.context,
        }
