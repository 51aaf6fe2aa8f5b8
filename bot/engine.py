"""The engine: loads the model and index once, answers questions, refreshes in place."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.answering import answer_compare, answer_lead, answer_question, answer_targets
from bot.answers import Answer
from bot.embedding import Encoder, load_encoder
from bot.errors import IndexMissingError
from bot.fact_selection import KnowledgeView
from bot.facts import PlanFacts
from bot.index_store import (
    LoadedIndex,
    PlanInfo,
    RefreshReport,
    build_index,
    load_index,
)
from bot.query import parse_question
from bot.retrieval import HybridIndex
from bot.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Engine", "PlanInfo", "RefreshReport"]


@dataclass(frozen=True)
class _State:
    """Everything one answer needs; swapped whole on reload so readers never see a mix."""

    loaded: LoadedIndex
    search: HybridIndex
    view: KnowledgeView


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
        answer = make(view, query, *args)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

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

    def reload(self) -> RefreshReport:
        """Rebuild from knowledge/ and swap the new index in; answers continue meanwhile."""
        with self._reload_lock:
            report = build_index(self.settings, self.encoder)
            if report.wrote_index:
                self._state = _make_state(load_index(self.settings, self.encoder), self.encoder)
            return report
