"""A small fake engine with the real Engine's API, for fast bot tests.

Magic words in a question trigger behaviours the tests need: "dài" (an answer over 4096
characters), "không biết" (abstain), "chậm" (a slow answer), "boom" (an exception).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

from bot.answers import Answer, Passage
from bot.index_store import PlanInfo, RefreshReport
from bot.textnorm import fold

PLANS = [
    PlanInfo("binh-thuan", "Bình Thuận", "Kế hoạch đo lường Bình Thuận", "45/KH-UBND", "10/3/2020"),
    PlanInfo("kon-tum", "Kon Tum", "Kế hoạch <đo lường> & hỗ trợ", None, None),
]

# Example questions offered under small talk and unanswered questions.
SUGGESTIONS = (
    "Mục tiêu đến năm 2030 của Kon Tum?",
    "Ai chủ trì tuyên truyền ở Bình Thuận về đo lường và hỗ trợ doanh nghiệp?",
)


class FakeEngine:
    """Thread-safe, blocking, deterministic; records every call."""

    def __init__(self, delay: float = 0.0, reload_seconds: float = 0.3) -> None:
        self.delay = delay
        self.reload_seconds = reload_seconds
        self.calls: list[tuple[str, object]] = []
        self.reloads = 0
        self._lock = threading.Lock()

    def _log(self, name: str, arg: object) -> None:
        with self._lock:
            self.calls.append((name, arg))

    def plans(self) -> list[PlanInfo]:
        return list(PLANS)

    def answer(self, question: str, plan_ids: Sequence[str] | None = None) -> Answer:
        self._log("answer", (question, tuple(plan_ids or ())))
        folded = fold(question)
        if self.delay:
            time.sleep(self.delay)
        if "cham" in folded.split():
            time.sleep(1.5)
        if "boom" in folded:
            raise RuntimeError("engine exploded")
        if "khong biet" in folded:
            return Answer(question, "Mình chưa tìm thấy thông tin này trong các kế hoạch.", True)
        plans = list(plan_ids) if plan_ids else [p.id for p in PLANS]
        if "dai" in folded.split():
            lines = [
                f"Dòng {i}: nhiệm vụ đo lường số {i} & hiệu chuẩn <thiết bị>." for i in range(300)
            ]
            text = "\n".join(lines)
        else:
            scope = ", ".join(plans)
            text = f"Trả lời cho: {question}\nPhạm vi: {scope}\nSở KH&CN chủ trì."
        passages = [
            Passage(
                p, "II. Nhiệm vụ > 1. <Hỗ trợ> doanh nghiệp", f"Đoạn trích {p}: a < b & c.", 0.9
            )
            for p in plans
        ]
        choices = [] if plan_ids else [p.id for p in PLANS]
        return Answer(question, text, False, plans=plans, passages=passages, plan_choices=choices)

    def converse(
        self, text: str, context: dict[str, Any] | None = None
    ) -> tuple[Answer, dict[str, Any] | None]:
        """A conversation turn: "xin chào" is small talk; a question ending in "thì sao?"
        is answered as the previous question plus those words; the context is the last
        complete question."""
        self._log("converse", (text, dict(context) if context else None))
        folded = fold(text).strip(" ?!.")
        if folded in ("xin chao", "chao", "hello", "cam on"):
            answer = Answer(
                text,
                "Chào bạn! Mình là trợ lý về các kế hoạch đo lường.",
                False,
                kind="smalltalk",
                suggestions=list(SUGGESTIONS),
            )
            return answer, context
        asked = text
        if folded.endswith("thi sao") and context and context.get("question"):
            asked = f"{context['question']} ({text})"
        plan_ids = tuple(context.get("plans", ())) if context else ()
        answer = self.answer(asked, plan_ids if asked == text and plan_ids else None)
        answer.question = text
        if asked != text:
            answer.resolved_question = asked
        answer.kind = "abstain" if answer.abstained else "answer"
        if answer.abstained:
            answer.suggestions = list(SUGGESTIONS)
        new_context = {
            "question": asked,
            "plans": list(context.get("plans", ())) if context else [],
        }
        answer.context = new_context
        return answer, new_context

    def context_for_plans(self, plan_ids: Sequence[str]) -> dict[str, Any] | None:
        known = [p.id for p in PLANS if p.id in plan_ids]
        return {"question": "", "plans": known} if known else None

    def targets(self, province: str | None) -> Answer:
        self._log("targets", province)
        return Answer(
            province or "", f"Chỉ tiêu ({province or 'tất cả các tỉnh'}): 2025: 100%.", False
        )

    def lead(self, keyword: str) -> Answer:
        self._log("lead", keyword)
        return Answer(
            keyword, f"Nhiệm vụ «{keyword}»: Sở KH&CN chủ trì; Sở Tài chính phối hợp.", False
        )

    def compare(self, topic: str) -> Answer:
        self._log("compare", topic)
        return Answer(topic, f"So sánh «{topic}»: Kon Tum và Bình Thuận.", False)

    def warm_up(self) -> int:
        self._log("warm_up", None)
        return 0

    def reload(self) -> RefreshReport:
        self._log("reload", None)
        time.sleep(self.reload_seconds)
        with self._lock:
            self.reloads += 1
        return RefreshReport(kept=["binh-thuan", "kon-tum"])
