"""The engine: loads the model and index once, answers questions, refreshes in place."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot import smalltalk
from bot.admin_map import merger_note
from bot.agency_notes import agency_notes
from bot.answering import answer_compare, answer_lead, answer_question, answer_targets
from bot.answering.selection import KnowledgeView
from bot.answers import Answer
from bot.dialogue import Context, context_after, resolve
from bot.embedding import Encoder, load_encoder
from bot.errors import IndexMissingError
from bot.facts import PlanFacts
from bot.index_store import (
    LoadedIndex,
    PlanInfo,
    RefreshReport,
    build_index,
    load_index,
)
from bot.lru import LRU
from bot.query import Query, parse_question
from bot.retrieval import HybridIndex
from bot.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Engine", "PlanInfo", "RefreshReport"]


# Answers kept per index (a reload starts afresh): many people ask the same questions.
ANSWER_CACHE_SIZE = 1024


class _AnswerCache:
    """Answers to complete questions by (question, plans it was restricted to); copies in
    and out, since callers adjust the answer they get."""

    def __init__(self, size: int = ANSWER_CACHE_SIZE) -> None:
        self.items: LRU[tuple[str, tuple[str, ...]], Answer] = LRU(size)

    def get(self, key: tuple[str, tuple[str, ...]]) -> Answer | None:
        found = self.items.get(key)
        return None if found is None else copy.deepcopy(found)

    def put(self, key: tuple[str, tuple[str, ...]], answer: Answer) -> None:
        self.items.put(key, copy.deepcopy(answer))


@dataclass(frozen=True)
class _State:
    """Everything one answer needs; swapped whole on reload so readers never see a mix."""

    loaded: LoadedIndex
    search: HybridIndex
    view: KnowledgeView
    answers: _AnswerCache = field(default_factory=_AnswerCache)


def _make_state(loaded: LoadedIndex, encoder: Encoder) -> _State:
    facts = {pid: PlanFacts.model_validate(data) for pid, data in loaded.facts.items()}
    plans = {p.id: p for p in loaded.plans()}
    search = HybridIndex(loaded, encoder)
    return _State(loaded, search, KnowledgeView.build(plans, facts, search))


class Engine:
    """Thread-safe question answering over the current index."""

    def __init__(self, settings: Settings, encoder: Encoder, loaded: LoadedIndex) -> None:
        self.settings = settings
        self.encoder = encoder
        self._state = _make_state(loaded, encoder)
        self._reload_lock = threading.Lock()

    @classmethod
    def load(cls, settings: Settings, build_if_missing: bool = False) -> Engine:
        """Load model and index; optionally build the index first when there is none."""
        encoder = load_encoder(settings)
        try:
            loaded = load_index(settings, encoder)
        except IndexMissingError:
            if not build_if_missing:
                raise
            log.info("no index yet: building it from %s", settings.knowledge_dir)
            build_index(settings, encoder)
            loaded = load_index(settings, encoder)
        return cls(settings, encoder, loaded)

    def plans(self) -> list[PlanInfo]:
        return list(self._state.view.plans.values())

    def plan_facts(self, plan_id: str) -> dict[str, Any] | None:
        """The facts (curated or drafted) the index holds for a plan, as JSON data."""
        return self._state.loaded.facts.get(plan_id)

    def _run(self, make: Callable[..., Answer], text: str, *args: object) -> Answer:
        """Parse the text against the current plans, build the answer, time both."""
        started = time.perf_counter()
        view = self._state.view  # one snapshot for the whole answer, even during a reload
        query = parse_question(text, {pid: p.province for pid, p in view.plans.items()})
        answer = _annotate(make(view, query, *args), query, view.plans)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def context_for_plans(
        self, plan_ids: Sequence[str], now: float | None = None
    ) -> dict[str, Any] | None:
        """A conversation context with these plans chosen (a deep link `?start=kon-tum`):
        questions that name no province are answered from them. None when none is known."""
        plans = {pid: p.province for pid, p in self._state.view.plans.items()}
        known = [p for p in plan_ids if p in plans]
        if not known:
            return None
        return Context.for_plans(known, plans, time.time() if now is None else now).to_dict()

    def converse(
        self, text: str, context: Mapping[str, Any] | None = None, now: float | None = None
    ) -> tuple[Answer, dict[str, Any] | None]:
        """One turn of a conversation: small talk, or a (follow-up) question answered.

        `context` is the dict this method returned last time (or None); the new one is
        returned beside the answer and also set on `answer.context`. A follow-up such as
        "còn 2030?" is answered as the complete question (`answer.resolved_question`).
        """
        started = time.perf_counter()
        now = time.time() if now is None else now
        state = self._state  # one snapshot for the whole turn, even during a reload
        view = state.view
        plans = {pid: p.province for pid, p in view.plans.items()}
        provinces = sorted(plans.values())
        ttl = self.settings.context_ttl_minutes * 60
        previous = Context.from_dict(context)
        if previous is not None and previous.expired(now, ttl):
            previous = None

        kind = smalltalk.detect(text)
        if kind is not None:
            talk = smalltalk.reply(kind, provinces)
            kept = None if kind == "goodbye" or previous is None else previous.to_dict()
            answer = Answer(
                question=text,
                text=talk.text,
                abstained=False,
                intent="smalltalk",
                kind="smalltalk",
                suggestions=list(talk.suggestions),
                context=kept,
            )
            answer.latency_ms = (time.perf_counter() - started) * 1000
            return answer, kept

        asked = smalltalk.split_greeting(text)
        resolution = resolve(asked, previous, now, plans, ttl_seconds=ttl)
        query = resolution.query or parse_question(resolution.question, plans)
        # The resolved question (parsed from its words alone) gets the same answer from the
        # same index: many people ask the same things.
        key = (resolution.question, tuple(resolution.restrict or ()))
        answer = state.answers.get(key)
        if answer is None:
            answer = _annotate(answer_question(view, query, resolution.restrict), query, view.plans)
            state.answers.put(key, answer)
        answer.question = text
        if resolution.question != text:
            answer.resolved_question = resolution.question
        if answer.abstained:
            answer.kind = "abstain"
            named = [plans[p] for p in (resolution.restrict or query.plan_ids) if p in plans]
            answer.suggestions = list(smalltalk.not_found_reply(provinces, named)[1])
        else:
            answer.kind = "answer"
        # Even an unanswered question is what "còn Kon Tum?" refers to next.
        new_context = context_after(resolution.context, answer).to_dict()
        answer.context = new_context
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer, new_context

    def answer(self, question: str, plan_ids: Sequence[str] | None = None) -> Answer:
        """Answer one question, optionally restricted to some plans (province buttons)."""
        return self._run(answer_question, question, tuple(plan_ids or ()))

    def targets(self, province: str | None) -> Answer:
        """/targets [tỉnh]: targets grouped by milestone."""
        return self._run(answer_targets, province or "")

    def lead(self, keyword: str) -> Answer:
        """/lead <từ khóa>: matching tasks with lead and partner agencies."""
        return self._run(answer_lead, keyword)

    def compare(self, topic: str) -> Answer:
        """/compare <chủ đề>: the topic across provinces."""
        return self._run(answer_compare, topic)

    def warm_up(self) -> int:
        """Answer the example questions once (the ones the /start buttons offer): a first
        answer pays for lazy imports and the model's first inference, so the first users
        after a start should not. Returns how many were answered."""
        started = time.perf_counter()
        provinces = sorted(p.province for p in self._state.view.plans.values())
        examples = smalltalk.examples(provinces)
        for question in examples:
            self.converse(question)
        log.info(
            "warmed up with %d example question(s) in %.1f s",
            len(examples),
            time.perf_counter() - started,
        )
        return len(examples)

    def reload(self) -> RefreshReport:
        """Rebuild from knowledge/ and swap the new index in; answers continue meanwhile."""
        with self._reload_lock:
            report = build_index(self.settings, self.encoder)
            if report.wrote_index:
                self._state = _make_state(load_index(self.settings, self.encoder), self.encoder)
            return report


def _annotate(answer: Answer, query: Query, plans: Mapping[str, PlanInfo]) -> Answer:
    """Add the 2025 administrative notes: a plan reached by its province's new unit name,
    and agencies the answer names that have since merged or ended."""
    if answer.abstained:
        return answer
    notes: list[str] = []
    if query.merged_units:
        for pid in answer.plans or query.plan_ids:
            info = plans.get(pid)
            note = merger_note(info.province) if info else None
            if note and note not in notes:
                notes.append(note)
    tail = agency_notes(answer.text)
    if notes or tail:
        # The answer first; what the 2025 changes mean for it after, before its source.
        body, source = answer.text, ""
        at = body.rfind("\nNguồn:")
        if at >= 0:
            body, source = body[:at], body[at + 1 :]
        answer.text = "\n\n".join([body, *notes, *tail]) + (f"\n{source}" if source else "")
    return answer
