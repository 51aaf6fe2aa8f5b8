"""The bot's commands over the plans: /targets, /lead and /compare (pure functions over
the knowledge view; the question path is compose.answer_question)."""

from __future__ import annotations

from dataclasses import replace

import bot.answering.blocks as b
from bot.answering.assembly import abstain, render
from bot.answering.compose import answer_question
from bot.answering.honesty import no_plan_text
from bot.answering.selection import KnowledgeView, fact_json
from bot.answering.shape import Ask
from bot.answering.targets import target_block
from bot.answers import Answer
from bot.query import Query


def answer_targets(view: KnowledgeView, query: Query) -> Answer:
    """/targets [tỉnh]: every target of the plan(s), grouped by milestone."""
    if query.unknown_provinces and not query.plan_ids:
        return abstain(query, no_plan_text(view, query.unknown_provinces))
    plan_ids = list(query.plan_ids or view.plans)
    target_query = replace(query, intent="target", metric=None, years=())
    ask = Ask(shape="list")
    blocks = []
    for pid in plan_ids:
        block = target_block(view, target_query, ask, pid, by_milestone=True)
        blocks.append(
            block
            or b.Block(pid, [f"{b.province(view, pid)}: chưa có dữ kiện mục tiêu."], negative=True)
        )
    used = [h for bl in blocks for h in bl.hits]
    return Answer(
        question=query.text,
        text=render(view, blocks, False),
        abstained=not used,
        plans=plan_ids,
        facts=[fact_json(h) for h in used],
        intent="target",
        plan_choices=plan_ids if len(plan_ids) > 1 else [],
    )


def answer_lead(view: KnowledgeView, query: Query) -> Answer:
    """/lead <từ khóa>: tasks matching the keyword with their lead and partner agencies."""
    return answer_question(view, replace(query, intent="lead"))


def answer_compare(view: KnowledgeView, query: Query) -> Answer:
    """/compare <chủ đề>: the same question answered for every plan, side by side."""
    intent = query.intent if query.intent != "general" else "target"
    answer = answer_question(view, replace(query, intent=intent, compare=True, plan_ids=()))
    answer.plan_choices = []
    return answer
