"""Answer composition: decide what the question asks for, gather every fact that answers
it, put the answer first and its source after. Pure functions over a KnowledgeView.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import bot.answering.actors as a
import bot.answering.blocks as b
from bot.answering.assembly import abstain, answer_of, render
from bot.answering.excerpts import (
    closest_blocks,
    outline_block,
    passage_blocks,
    quoted_blocks,
    section_block,
    section_blocks,
)
from bot.answering.honesty import (
    abstain_text,
    covered_provinces,
    feedback_blocks,
    gap_block,
    later_plan_text,
    no_plan_text,
    not_stated_blocks,
    with_closest_clause,
)
from bot.answering.passages import (
    find_named_section,
)
from bot.answering.relevant import ABSTAIN_BELOW, plans_answer
from bot.answering.selection import FactHit, KnowledgeView, select_facts
from bot.answering.shape import Ask, asks_for_all, measure_applies, read_ask, topic_words
from bot.answering.targets import compare_lines, target_block, with_audience
from bot.answering.verdict import elsewhere_block, member_verdict, yes_no_verdict
from bot.answers import Answer
from bot.lexicon import lexicon
from bot.query import Query
from bot.query_terms import effective_intent, evidence_terms, retrieval_text

TOP_K = 8
# Intents answered by every fact of one kind.
_KIND_OF_INTENT = {
    "signer": "signer",
    "legal": "decision",
    "funding": "funding",
    "sectors": "sector",
    "scope": "scope",
}
# Intents whose facts a plan may lack, and the fact files' not_stated topic explaining it.
_GAP_TOPICS = {
    "sectors": ("sector", "priority_sectors"),
    "scope": ("scope", "scope"),
    "signer": ("signer", "signer"),
}


def _gap_blocks(view: KnowledgeView, query: Query, plan_ids: Sequence[str]) -> list[b.Block]:
    """Named plans that hold no facts of the kind asked and whose facts explain why."""
    if query.intent not in _GAP_TOPICS:
        return []
    kind, topic = _GAP_TOPICS[query.intent]
    out = []
    for pid in plan_ids:
        if any(c.kind == kind for c in view.candidates.get(pid, ())):
            return []
        gap = gap_block(view, pid, topic)
        if gap is None:
            return []
        out.append(gap)
    return out


def _plans_answer(view: KnowledgeView, query: Query) -> Answer:
    """Which plans the bot knows: province, title, number and date where known."""
    lines = [f"Mình có kế hoạch của {len(view.plans)} tỉnh: {covered_provinces(view)}."]
    for info in sorted(view.plans.values(), key=lambda p: p.province):
        ref = ", ".join(x for x in (info.document_number, info.date) if x)
        lines.append(f"• {info.province}: {info.title}" + (f" ({ref})" if ref else ""))
    return Answer(
        question=query.text,
        text="\n".join(lines),
        abstained=False,
        plans=sorted(view.plans),
        intent="plans",
    )


def _cued(query: Query, *cues: tuple[str, str]) -> bool:
    """Whether any of the intent cue lists named (intent, list) matches the question."""
    lx = lexicon()
    return any(lx.cue(intent, name).search(query.folded) for intent, name in cues)


def _asks_fields(query: Query, ask: Ask) -> bool:
    """Whether a question asks who, when or with whom (an appendix row's fields answer it,
    the task itself follows), not what the task says ("theo tiêu chuẩn nào")."""
    return not ask.yesno and _cued(
        query, ("timeline", "strong"), ("lead", "who"), ("lead", "strong")
    )


def _all_tasks_with_leads(query: Query) -> bool:
    """Whether a lead question asks for every task ("list all tasks … with their lead
    agency"): it names tasks, and its other words only say "all" or "who leads"."""
    return _cued(query, ("tasks", "strong")) and asks_for_all(query, "tasks", "leads")


def _has_results(hit: FactHit) -> bool:
    """Whether a fact is an appendix row with expected results per period."""
    return hit.kind in ("task", "body_task") and bool(getattr(hit.fact, "results", None))


def _asks_who(query: Query) -> bool:
    """Whether the question asks who leads or partners ("đơn vị nào phối hợp …")."""
    return _cued(query, ("lead", "who"), ("lead", "strong"), ("lead", "weak"))


def _blocks_for(
    view: KnowledgeView,
    query: Query,
    ask: Ask,
    plan_ids: Sequence[str],
    chosen: dict[str, list[FactHit]],
    named: bool,
) -> list[b.Block]:
    """The answer's blocks, by what the question asks."""
    intent = query.intent
    # Plans that answer: the named ones, else those with matching facts.
    answering = list(plan_ids) if named else [p for p in plan_ids if p in chosen]
    out: list[b.Block] = []
    if intent == "target":
        if query.compare or (not named and len(plan_ids) > 1 and ask.shape == "value"):
            block = compare_lines(view, query, plan_ids)
            if block:
                return [block]
        every = named or query.metric or query.compare
        for pid in (plan_ids if every else answering) or plan_ids:
            hits = chosen.get(pid, [])
            rows = b.appendix_rows(view, query, pid) if ask.appendix and query.metric else []
            if rows:
                # "Theo phụ lục …": the appendix's rows on that measure, not the milestones.
                hits = rows
            # Fields asked of a measure: its targets say which (or that they only count).
            if hits and hits[0].kind != "target" and not ask.asks_fields:
                # An appendix row's expected results answer it better than the milestones.
                if ask.shape == "value":
                    out.append(b.results_block(view, query, pid, hits))
                else:
                    out.append(b.facts_block(view, pid, hits, _asks_fields(query, ask)))
                continue
            block = target_block(view, query, ask, pid)
            if block and ask.asks_audience and not block.negative:
                block = with_audience(view, query, block)
            if block and (named or not block.negative):
                out.append(block)
        return out
    if query.agency and intent in ("funding", "general", "timeline"):
        # "Sở Tài chính … căn cứ vào đâu để bố trí kinh phí?": the agency's duty says it.
        on_topic = [p for p in plan_ids if a.duty_on_topic(view, query, p)]
        duty_blocks = [a.duty_block(view, query, p, chosen.get(p, [])) for p in on_topic]
        if duty_blocks and all(duty_blocks):
            return [bl for bl in duty_blocks if bl is not None]
    kind = _KIND_OF_INTENT.get(intent)
    for pid in answering if not (named and kind) else plan_ids:
        hits = chosen.get(pid, [])
        # A named plan asked for its signer, legal bases, funding …: the facts of that kind,
        # however weakly the question's words matched them.
        if (
            named
            and kind
            and not any(h.kind == kind for h in hits)
            and any(c.kind == kind for c in view.candidates.get(pid, ()))
        ):
            hits = [c for c in view.candidates[pid] if c.kind == kind]
        block: b.Block | None = None
        if intent == "duties":
            block = a.duty_block(view, query, pid, hits)
        elif intent == "tasks":
            block = a.tasks_block(view, pid, hits, not asks_for_all(query, "tasks"))
        elif (
            intent == "lead"
            and query.agency_as_partner
            and (
                # "Ai phối hợp với Sở KH&CN tuyên truyền …": the agency named is the partner.
                partners := a.partners_of_block(view, query, pid)
            )
        ):
            block = partners
        elif intent == "lead" and ask.shape == "list" and _all_tasks_with_leads(query):
            # "Liệt kê các nhiệm vụ và đơn vị chủ trì": every task, each with its lead.
            block = a.tasks_block(view, pid, hits, narrow=False)
        elif intent == "lead" and ask.shape == "list" and asks_for_all(query, "actors"):
            block = a.actors_block(view, pid)
        elif intent == "lead":
            block = a.lead_block(view, query, pid, hits) or a.lead_gap_block(view, pid)
        elif hits and hits[0].kind in b.LIST_KINDS:
            # Every fact of the kind, or none when the plan holds none that matches.
            block = b.kind_block(view, pid, hits[0].kind, query)
            if block is not None:
                out.append(block)
            continue
        if block is None and hits and ask.shape == "value" and _has_results(hits[0]):
            # "tin bài tuyên truyền 2025-2030 mấy cái?": the row's expected results first.
            block = b.results_block(view, query, pid, hits[:1])
        if block is None and hits:
            block = b.facts_block(view, pid, hits, _asks_fields(query, ask))
        if block is not None:
            out.append(block)
    if named and intent in _GAP_TOPICS:
        have = {bl.plan for bl in out}
        out += [g for pid in plan_ids if pid not in have for g in _gap_blocks(view, query, [pid])]
    if intent == "duties" and query.agency and named:
        # Plans that give the agency nothing say so, even when no fact was chosen there.
        for pid in plan_ids:
            if pid not in chosen and pid not in {bl.plan for bl in out}:
                block = a.duty_block(view, query, pid, [])
                if block is not None:
                    out.append(block)
    return out


def _milestone_blocks(
    view: KnowledgeView, query: Query, ask: Ask, plan_ids: Sequence[str]
) -> list[b.Block]:
    """For "which phases": a plan without phases is said to set milestone years instead."""
    if query.intent != "timeline" or not ask.asks_phases:
        return []
    out = []
    for pid in plan_ids:
        pf = view.facts.get(pid)
        if pf is None or pf.plan.phases:
            continue
        years = sorted({t.year for t in pf.targets if t.year})
        if years:
            where = b.source_of(pf.targets[0].section).split(" – ")[0]
            out.append(
                b.Block(
                    pid,
                    [
                        f"{b.plan_name(view, pid)} không nêu các giai đoạn thực hiện; kế hoạch "
                        f"đặt mục tiêu cho các mốc năm {' và '.join(str(y) for y in years)}."
                    ],
                    [where],
                    negative=True,
                )
            )
    return out


def answer_question(view: KnowledgeView, query: Query, restrict: Sequence[str] = ()) -> Answer:
    """Answer one question in the shape it asks for; passages where no fact covers it."""
    if not query.folded.strip():
        return abstain(query, "Bạn muốn hỏi gì về kế hoạch? Hãy gõ một câu hỏi.")
    query = effective_intent(query)
    if query.intent == "plans" and not (restrict or query.plan_ids):
        return _plans_answer(view, query)
    named = bool(restrict or query.plan_ids)
    plan_ids = list(restrict or query.plan_ids or view.plans)
    ask = read_ask(query)
    # The question as recognised decides whether the plans answer it.
    recognised = query
    if measure_applies(query, ask):
        # Whom a measure applies to ("Chương trình … có áp dụng cho doanh nghiệp tư nhân
        # không?"): what the plan says of the measure, not its scope.
        query = replace(query, intent="general")
    if ask.asks_audience and query.intent == "lead" and query.metric not in (None, "other"):
        # "Đào tạo cho những ai?" asks whom a measure is for, not who leads it.
        query = replace(query, intent="target", metric=query.named_metric)
    # Several plans: enough hits that each plan's best passages can back its facts.
    k = TOP_K * min(len(plan_ids), 4)
    result = view.search.search(
        retrieval_text(query), plan_ids=plan_ids, k=k, evidence_terms=evidence_terms(query)
    )
    if query.unknown_provinces and not named:
        if result.relevance < ABSTAIN_BELOW:
            return abstain(query, abstain_text(view))
        return abstain(query, no_plan_text(view, query.unknown_provinces))
    if ask.later_plan:
        return abstain(query, later_plan_text(view), result)
    # ("Does the Kon Tum plan pay enterprises' calibration fees?" asks what a plan says.)
    price = ask.service_price and not ask.refers_to_plan and not (ask.yesno and named)
    if price or (ask.national and not named):
        return abstain(query, abstain_text(view), result)
    if not ask.refers_to_plan and any(n not in view.search.doc_freq for n in ask.documents):
        # A document the plans never cite ("QĐ 1322"): its content is not theirs to say.
        return abstain(query, abstain_text(view), result)
    # Something a plan may not state, asked about a plan (or in a plan question's terms):
    # "the plan does not state it" and the closest thing it says is an honest answer. A
    # named province does not make a question about the world ("… ở địa chỉ nào") one.
    outside = ask.outside or ask.world
    plan_question = query.cued and query.intent != "general" and not outside
    # A count per year of something the plans set no target for is no milestone question.
    untargeted = query.metric in (None, "other")
    if ask.missing and ask.missing.closest == "milestones" and untargeted:
        ask = replace(ask, missing=None)
    if ask.missing and (ask.refers_to_plan or (named and not ask.world) or plan_question):
        blocks = not_stated_blocks(view, query, ask, plan_ids, result)
        return answer_of(query, render(view, blocks, ask.yesno), view, result, blocks)
    # Services, fees, procedures, statistics: not what the plans are about, even for a named
    # province, unless the question asks about the plan itself ("kế hoạch … có …").
    # ("DN ở Kon Tum có được ngân sách trả thay phí kiểm định không?" asks what a plan does.)
    asks_plan = ask.refers_to_plan or (ask.yesno and named and not ask.world)
    if outside and not asks_plan:
        return abstain(query, abstain_text(view), result)
    if ask.asks_outline and (named or ask.refers_to_plan):
        # "Kế hoạch gồm những phần nào?": its parts, in its order.
        parts = [bl for pid in plan_ids if (bl := outline_block(view, pid)) is not None]
        if parts:
            return answer_of(query, render(view, parts, ask.yesno), view, result, parts)
    gaps = _gap_blocks(view, query, plan_ids) if named else []
    if gaps:
        return answer_of(query, render(view, gaps, ask.yesno), view, result, gaps)
    if not plans_answer(view, recognised, ask, result, named):
        return abstain(query, abstain_text(view), result)
    # A part the question names by its heading ("nhóm nhiệm vụ 2 … phát triển hạ tầng đo
    # lường") is answered before a generic section cue ("nhóm nhiệm vụ") takes the whole.
    if query.intent in ("general", "tasks") and ask.shape == "list":
        named_sections = [
            found
            for pid in plan_ids
            if (found := find_named_section(view, pid, topic_words(query))) is not None
        ]
        if named_sections:
            blocks = [section_block(view, found) for found in named_sections]
            return answer_of(query, render(view, blocks, ask.yesno), view, result, blocks)
    if ask.section is not None:
        blocks = section_blocks(view, query, ask.section, plan_ids, named)
        # A named plan without the section answers so when its facts explain the gap.
        if any(not bl.negative or bl.sources for bl in blocks):
            verdict = member_verdict(view, query, plan_ids) if ask.yesno else ""
            text = render(view, blocks, ask.yesno, verdict)
            return answer_of(query, text, view, result, blocks)
    if ask.asks_feedback:
        told = feedback_blocks(view, plan_ids)
        if told:
            return answer_of(query, render(view, told, ask.yesno), view, result, told)
    if ask.asks_name and query.intent in ("target", "general"):
        # "… tên là gì?": the clause that names it, not the targets that count it.
        named_in = passage_blocks(view, query, result, plan_ids)
        if named_in:
            return answer_of(query, render(view, named_in, ask.yesno), view, result, named_in)
    if (
        query.intent == "target"
        and ask.shape == "list"
        and not (query.years or ask.yesno or _asks_who(query))
    ):
        # A plan item the question quotes ("đổi mới hoạt động đo lường trong doanh nghiệp …
        # phải đạt được những gì"): that item answers, not the milestone targets.
        quoted = quoted_blocks(view, query, result, plan_ids)
        if quoted:
            return answer_of(query, render(view, quoted, ask.yesno), view, result, quoted)
    chosen = select_facts(view, query, result, plan_ids)
    blocks = [
        *_milestone_blocks(view, query, ask, plan_ids),
        *_blocks_for(view, query, ask, plan_ids, chosen, named),
    ]
    blocks = [with_closest_clause(view, query, result, bl) for bl in blocks]
    if not blocks:
        blocks = passage_blocks(view, query, result, plan_ids)
    if not blocks:
        return abstain(query, abstain_text(view), result)
    verdict = yes_no_verdict(view, query, result, blocks, ask.documents) if ask.yesno else None
    if verdict and verdict.lacking and not query.agency_member:
        blocks = closest_blocks(view, query, result, plan_ids, verdict.lacking, blocks)
    if verdict and verdict.lacking and named:
        other = elsewhere_block(view, verdict.lacking, plan_ids)
        blocks = [*blocks, other] if other else blocks
    text = render(view, blocks, ask.yesno, verdict.text if verdict else "")
    return answer_of(query, text, view, result, blocks)
