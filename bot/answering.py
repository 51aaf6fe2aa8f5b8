"""Answer building: facts first, passages as fallback, honest abstention. Pure functions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.answers import Answer, Passage
from bot.fact_rendering import clip, render_fact, render_target, short_section
from bot.fact_selection import (
    FactHit,
    KnowledgeView,
    agency_matches,
    fact_hit,
    fact_json,
    select_facts,
)
from bot.facts import Target
from bot.query import Query
from bot.query_terms import effective_intent, evidence_terms, retrieval_text
from bot.retrieval import SearchResult

TOP_K = 8
SHOWN_PASSAGES = 5
# Below this relevance (see retrieval.SearchResult.relevance) the plans do not answer.
ABSTAIN_BELOW = 0.5
# ... and below this one when the question names a covered province and asks a recognised
# kind of plan question (targets, who leads, duties, phases, funding, …).
ABSTAIN_BELOW_NAMED = 0.3
PASSAGES_PER_PLAN = 2
MAX_PASSAGE_BLOCKS = 3


def province_label(view: KnowledgeView, plan_id: str) -> str:
    info = view.plans.get(plan_id)
    return info.province if info else plan_id


def _milestone_answers(
    view: KnowledgeView, query: Query, plan_ids: Sequence[str], chosen: dict[str, list[FactHit]]
) -> dict[str, str]:
    """For "which phases": a plan without phases is said to set milestone years instead."""
    if query.intent != "timeline" or not re.search(r"\b(giai doan|phases?)\b", query.folded):
        return {}
    answers = {}
    for pid in plan_ids:
        pf = view.facts.get(pid)
        if pf is None or pf.plan.phases or pid in chosen:
            continue
        years = sorted({t.year for t in pf.targets if t.year})
        if years:
            name = province_label(view, pid)
            where = short_section(pf.targets[0].section).split(" (")[0]
            answers[pid] = (
                f"Kế hoạch tỉnh {name} không chia giai đoạn; kế hoạch đặt mục tiêu cho các mốc "
                f"năm {' và '.join(str(y) for y in years)}.\nNguồn: Kế hoạch tỉnh {name}, {where}."
            )
    return answers


def _passages(
    result: SearchResult, view: KnowledgeView | None = None, used: Sequence[FactHit] = ()
) -> list[Passage]:
    """Supporting passages: those quoting the facts used come first, then the search's best."""
    out: list[Passage] = []
    seen: set[int] = set()
    top = result.hits[0].score if result.hits else 0.0
    if view is not None:
        for hit in used:
            index = view.search.quoting_chunk(hit.plan, hit.quote_words)
            if index is not None and index not in seen:
                seen.add(index)
                c = view.search.chunks[index]
                out.append(Passage(c.plan, c.section, c.text, top, c.chunk_id))
    for h in result.hits:
        if h.index not in seen:
            seen.add(h.index)
            out.append(
                Passage(h.chunk.plan, h.chunk.section, h.chunk.text, h.score, h.chunk.chunk_id)
            )
    return out[:SHOWN_PASSAGES]


def covered_provinces(view: KnowledgeView) -> str:
    return ", ".join(sorted(p.province for p in view.plans.values()))


def abstain_text(view: KnowledgeView) -> str:
    return (
        "Xin lỗi, tôi chưa tìm thấy nội dung này trong các kế hoạch đang có "
        f"({covered_provinces(view)}). Tôi trả lời được các câu hỏi về kế hoạch triển khai "
        "Đề án 996/QĐ-TTg (đo lường hỗ trợ doanh nghiệp): mục tiêu đến 2025/2030, đơn vị chủ "
        "trì và phối hợp, nhiệm vụ của các sở, kinh phí, thời gian, căn cứ pháp lý."
    )


def _no_plan_text(view: KnowledgeView, provinces: Iterable[str]) -> str:
    names = ", ".join(provinces)
    return (
        f"Hiện chưa có kế hoạch của tỉnh {names} trong cơ sở dữ liệu. "
        f"Các tỉnh đã có kế hoạch: {covered_provinces(view)}."
    )


def _abstain(query: Query, text: str, result: SearchResult | None = None) -> Answer:
    return Answer(
        question=query.text,
        text=text,
        abstained=True,
        passages=_passages(result) if result else [],
        intent=query.intent,
    )


def _facts_text(view: KnowledgeView, chosen: dict[str, list[FactHit]]) -> str:
    blocks = []
    for pid, hits in chosen.items():
        name = province_label(view, pid)
        sources = []
        for h in hits:
            s = short_section(h.section) if "›" in h.section else h.section
            if s and s not in sources:
                sources.append(s)
        if len(hits) == 1:
            body = f"{name} — {render_fact(hits[0])}"
        else:
            body = f"{name}:\n" + "\n".join(f"• {render_fact(h)}" for h in hits)
        body += f"\nNguồn: Kế hoạch tỉnh {name}, {'; '.join(sources)}."
        blocks.append(body)
    return "\n\n".join(blocks)


def _passage_text(view: KnowledgeView, result: SearchResult) -> tuple[str, list[str]]:
    """The best passages (a second one per plan when nearly as good), with their sources."""
    blocks: list[str] = []
    per_plan: dict[str, int] = {}
    best = result.hits[0].score if result.hits else 0.0
    for h in result.hits:
        shown = per_plan.get(h.chunk.plan, 0)
        if shown >= PASSAGES_PER_PLAN or h.score < (0.6 if not shown else 0.85) * best:
            continue
        per_plan[h.chunk.plan] = shown + 1
        name = province_label(view, h.chunk.plan)
        where = short_section(h.chunk.section)
        blocks.append(f"Theo Kế hoạch tỉnh {name} ({where}):\n{clip(h.chunk.text, 600)}")
        if len(blocks) >= MAX_PASSAGE_BLOCKS:
            break
    return "\n\n".join(blocks), list(per_plan)


def _relevant(query: Query, result: SearchResult, names_plan: bool) -> bool:
    """Whether the plans answer the question, from the retrieval evidence and the cues."""
    specific = query.cued and query.intent != "general" and query.metric != "other"
    if specific and query.language == "vi" and not query.content_terms:
        # Nothing but named entities and a plan-question cue: "Sở Tài chính làm gì?".
        return True
    # A question that names a plan's province and asks a recognised kind of plan question
    # is about the plan even when few of its words occur there ("chia làm mấy giai đoạn").
    # Comparing provinces on a measurement metric (people trained, labs …) is a plan question.
    about_plan = names_plan or (query.compare and query.metric not in (None, "other"))
    threshold = ABSTAIN_BELOW_NAMED if about_plan and specific else ABSTAIN_BELOW
    return result.relevance >= threshold


def _plans_answer(view: KnowledgeView, query: Query) -> Answer:
    """Which plans the bot knows: province, title, number and date where known."""
    lines = [f"Tôi có kế hoạch của {len(view.plans)} tỉnh: {covered_provinces(view)}."]
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


def _missing_agency_notes(
    view: KnowledgeView, query: Query, plan_ids: Sequence[str], chosen: dict[str, list[FactHit]]
) -> list[str]:
    """For "what does agency X do": say which plans give X no duty, and whom they do name."""
    if query.intent != "duties" or not query.agency:
        return []
    notes = []
    for pid in plan_ids:
        pf = view.facts.get(pid)
        if pf is None or not pf.responsibilities or pid in chosen:
            continue
        if any(agency_matches(query.agency, r.agency) for r in pf.responsibilities):
            continue
        named = "; ".join(r.agency for r in pf.responsibilities)
        where = short_section(pf.responsibilities[0].section).split(" (")[0]
        notes.append(
            f"Kế hoạch tỉnh {province_label(view, pid)} không giao nhiệm vụ riêng cho "
            f"{query.agency}. Các đơn vị được giao nhiệm vụ ({where}): {named}."
        )
    return notes


def answer_question(view: KnowledgeView, query: Query, restrict: Sequence[str] = ()) -> Answer:
    """Fact-first answer to one question; passages when facts do not cover it."""
    if not query.folded.strip():
        return _abstain(query, "Bạn muốn hỏi gì về kế hoạch? Hãy gõ một câu hỏi.")
    query = effective_intent(query)
    if query.intent == "plans" and not (restrict or query.plan_ids):
        return _plans_answer(view, query)
    plan_ids = list(restrict or query.plan_ids or view.plans)
    # Several plans: enough hits that each plan's best passages can back its facts.
    k = TOP_K * min(len(plan_ids), 4)
    result = view.search.search(
        retrieval_text(query), plan_ids=plan_ids, k=k, evidence_terms=evidence_terms(query)
    )
    if query.unknown_provinces and not (restrict or query.plan_ids):
        if result.relevance < ABSTAIN_BELOW:
            return _abstain(query, abstain_text(view))
        return _abstain(query, _no_plan_text(view, query.unknown_provinces))
    chosen = select_facts(view, query, result, plan_ids)
    if not _relevant(query, result, bool(restrict or query.plan_ids)):
        return _abstain(query, abstain_text(view), result)
    # Notes say what a plan does not contain; derived answers come from a plan's facts.
    notes = _missing_agency_notes(view, query, plan_ids, chosen)
    derived = _milestone_answers(view, query, plan_ids, chosen)
    facts = [fact_json(h) for hs in chosen.values() for h in hs]
    if chosen or derived:
        text = "\n\n".join([*notes, *derived.values(), _facts_text(view, chosen)]).strip()
        plans = list(dict.fromkeys([*chosen, *derived]))
    else:
        text, plans = _passage_text(view, result)
        if notes:
            text = "\n\n".join([*notes, "Đoạn liên quan:", text])
    answer = Answer(
        question=query.text,
        text=text,
        abstained=False,
        plans=plans,
        passages=_passages(result, view, [h for hs in chosen.values() for h in hs]),
        facts=facts,
        intent=query.intent,
    )
    if len(plans) > 1 and len(text) > 600:
        answer.plan_choices = plans
    return answer


def answer_targets(view: KnowledgeView, query: Query) -> Answer:
    """/targets [tỉnh]: every target of the plan(s), grouped by milestone."""
    if query.unknown_provinces and not query.plan_ids:
        return _abstain(query, _no_plan_text(view, query.unknown_provinces))
    plan_ids = list(query.plan_ids or view.plans)
    blocks = []
    facts = []
    for pid in plan_ids:
        pf = view.facts.get(pid)
        name = province_label(view, pid)
        if pf is None or not pf.targets:
            blocks.append(f"{name}: chưa có dữ kiện mục tiêu được biên soạn.")
            continue
        by_when: dict[str, list[Target]] = {}
        for t in pf.targets:
            key = f"Đến năm {t.year}" if t.year else f"Giai đoạn {t.period or 'khác'}"
            by_when.setdefault(key, []).append(t)
        lines = [f"Mục tiêu của Kế hoạch tỉnh {name}:"]
        for when, items in sorted(by_when.items()):
            lines.append(f"{when}:")
            for t in items:
                lines.append("• " + render_target(t).split(": ", 1)[1])
                facts.append(fact_json(fact_hit(pid, "target", t, t.section, "")))
        sections = sorted({short_section(t.section).split(" (")[0] for t in pf.targets})
        lines.append(f"Nguồn: Kế hoạch tỉnh {name}, {', '.join(sections)}.")
        blocks.append("\n".join(lines))
    return Answer(
        question=query.text,
        text="\n\n".join(blocks),
        abstained=not facts,
        plans=plan_ids,
        facts=facts,
        intent="target",
        plan_choices=plan_ids if len(plan_ids) > 1 else [],
    )


def answer_lead(view: KnowledgeView, query: Query) -> Answer:
    """/lead <từ khóa>: tasks matching the keyword with their lead and partner agencies."""
    lead_query = replace(query, intent="lead")
    return answer_question(view, lead_query)


def answer_compare(view: KnowledgeView, query: Query) -> Answer:
    """/compare <chủ đề>: the same question answered for every plan, side by side."""
    intent = query.intent if query.intent != "general" else "target"
    compare_query = replace(query, intent=intent, compare=True, plan_ids=())
    answer = answer_question(view, compare_query)
    answer.plan_choices = []
    return answer
