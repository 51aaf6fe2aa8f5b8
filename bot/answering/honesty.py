"""Saying what the plans do not contain: abstentions, "the plan does not state …" with the
closest thing it does say. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.answering.actors import agency_mentions
from bot.answering.blocks import (
    Block,
    appendix_rows,
    hit_sources,
    plan_name,
    province,
    results_block,
    source_of,
)
from bot.answering.passages import best_clause, find_sentence, word_pairs
from bot.answering.rendering import clip, clip_around, render_fact
from bot.answering.selection import KnowledgeView
from bot.answering.shape import Ask, topic_words
from bot.answering.targets import target_block
from bot.chunking import PREAMBLE
from bot.facts import NotStated
from bot.lexicon import lexicon
from bot.provinces import unit_label
from bot.query import Query
from bot.retrieval import SearchResult
from bot.textnorm import collapse_ws, fold, words

COVERS = (
    "mục tiêu đến 2025/2030, nhiệm vụ và đơn vị chủ trì, phối hợp, nhiệm vụ của các sở, "
    "kinh phí, thời gian thực hiện, căn cứ ban hành"
)
_FEEDBACK = re.compile(r"\bphan anh\b|\bkho khan, vuong mac\b")


def feedback_blocks(view: KnowledgeView, plan_ids: Sequence[str]) -> list[Block]:
    """Each plan's sentence on where difficulties met in carrying it out are reported."""
    out = []
    for pid in plan_ids:
        found = find_sentence(view, pid, _FEEDBACK)
        if found:
            out.append(Block(pid, [f"{province(view, pid)}: {found[1]}."], [source_of(found[0])]))
    return out


def covered_provinces(view: KnowledgeView) -> str:
    return ", ".join(sorted(p.province for p in view.plans.values()))


def abstain_text(view: KnowledgeView) -> str:
    """The plans do not cover the question: say so, and what they do cover."""
    return (
        f"Các kế hoạch đang có ({covered_provinces(view)}) không đề cập nội dung này. "
        f"Mình trả lời được về kế hoạch triển khai Đề án 996/QĐ-TTg (đo lường hỗ trợ doanh "
        f"nghiệp): {COVERS}."
    )


def later_plan_text(view: KnowledgeView) -> str:
    """A plan issued after the plans held was asked about: say which plans are held."""
    return (
        f"Mình không có kế hoạch mới nào ngoài các kế hoạch đang có ({covered_provinces(view)}), "
        f"và các kế hoạch này không nói về kế hoạch ban hành sau chúng. Mình trả lời được về "
        f"các kế hoạch này: {COVERS}."
    )


def no_plan_text(view: KnowledgeView, provinces: Iterable[str]) -> str:
    """A province without a plan here: say there is no information on it, and which plans
    there are."""
    names = ", ".join(unit_label(p) for p in provinces)
    return (
        f"Hiện mình chưa có kế hoạch của {names} nên chưa có thông tin để trả lời. "
        f"Các kế hoạch đang có: {covered_provinces(view)}."
    )


def not_stated_block(
    view: KnowledgeView,
    query: Query,
    ask: Ask,
    plan_id: str,
    result: SearchResult | None = None,
) -> Block:
    """What the plan says about a thing it may not state: the value, or 'không nêu' + closest."""
    spec = ask.missing
    assert spec is not None
    info = view.plans.get(plan_id)
    name = province(view, plan_id)
    value = getattr(info, spec.field, None) if spec.field and info else None
    if value:
        return Block(plan_id, [f"{name}: {spec.label} — {value}."], ["phần đầu văn bản"])
    head = f"{plan_name(view, plan_id)} không nêu {spec.label}."
    pf = view.facts.get(plan_id)
    lines = [head]
    note = stated_gap(view, plan_id, spec.topic)
    if note and spec.closest == "plan_identity":
        # The curated note says where the blank shows ("Kon Tum, ngày … tháng … năm").
        lines.append(note)
    sources: list[str] = []
    hits = []
    match spec.closest:
        case "plan_identity":
            title = info.title if info else ""
            issuer = pf.plan.issuing_body if pf else f"UBND {unit_label(name)}"
            lines.append(f"Văn bản: {clip(title, 160)} — do {issuer} ban hành.")
            if pf and (pf.plan.signer or pf.plan.signer_title):
                signer = " ".join(x for x in (pf.plan.signer_title, pf.plan.signer) if x)
                lines.append(f"Người ký: {signer}.")
            sources.append("phần đầu văn bản")
        case "funding":
            hits = [c for c in view.candidates.get(plan_id, ()) if c.kind == "funding"]
            if hits:
                lines.append("Kế hoạch chỉ nêu nguồn kinh phí:")
                lines += [f"• {clip(render_fact(h), 200)}" for h in hits]
                sources += hit_sources(hits, view)
        case "targets" | "milestones":
            if spec.closest == "targets":
                lines[0] = (
                    f"{plan_name(view, plan_id)} không nêu kết quả đã đạt được: kế hoạch chỉ "
                    "đặt mục tiêu."
                )
            else:
                lines.append("Kế hoạch đặt mục tiêu theo mốc:")
            block = target_block(view, query, ask, plan_id)
            if block:
                lines += block.lines
                sources += block.sources
                hits = block.hits
        case "timeline":
            if pf and pf.plan.phases:
                phases = "; ".join(f"{p.name}: {p.start}–{p.end}" for p in pf.plan.phases)
                lines.append(f"Kế hoạch nêu thời gian thực hiện: {phases}.")
            elif pf and pf.targets:
                years = sorted({t.year for t in pf.targets if t.year})
                lines.append(
                    "Kế hoạch đặt mục tiêu cho các mốc năm "
                    + " và ".join(str(y) for y in years)
                    + "."
                )
        case "feedback":
            found = find_sentence(view, plan_id, _FEEDBACK)
            if found:
                lines.append(f"Kế hoạch nêu: {found[1]}.")
                sources.append(source_of(found[0]))
        case "passage":
            # What the plan counts of the thing asked ("ít nhất 05 doanh nghiệp" for "which
            # companies?"), else the clause of the retrieved passages nearest the question.
            counted = query.metric if query.metric not in (None, "other") else query.named_metric
            measured = replace(query, metric=counted)
            block = target_block(view, measured, ask, plan_id) if counted else None
            if counted and (block is None or block.negative):
                # Counted in the appendix only ("5 tin, bài" a period): its rows.
                rows = appendix_rows(view, measured, plan_id)
                block = results_block(view, measured, plan_id, rows) if rows else block
            terms = list(query.content_terms)
            found = (
                best_clause(view, result, terms, plan_id, phrases=word_pairs(terms), limit=220)
                if result and (block is None or block.negative)
                else None
            )
            if block and not block.negative:
                lines += block.lines
                lines += _described(block)
                sources += block.sources
                hits = block.hits
            elif found:
                lines.append(f"Kế hoạch nêu: «{found[1]}»")
                sources.append(source_of(found[0]))
    if query.agency and fold(query.agency) not in fold(" ".join([*lines, *sources])):
        # The question names someone the answer has not (nor the section it quotes, "mục
        # IV.1 – Sở Khoa học và Công nghệ"): what the plan says of them (a centre's phone
        # number is not stated, but the plan does name the centre).
        asked = set(query.content_terms)
        mentions = agency_mentions(view, plan_id, query.agency, limit=20)
        if mentions:
            section, mention = max(mentions, key=lambda m: len(asked & set(words(m[1]))))
            # Right after "không nêu …": it is about whom the question asks.
            lines.insert(1, f"Về {query.agency}, kế hoạch nêu: «{clip(mention, 200)}»")
            sources.append(source_of(section))
    return Block(plan_id, lines, sources, hits, negative=True)


def _described(block: Block) -> list[str]:
    """How the plan describes what it counts, where the count's short label leaves out who
    or what it includes ("…, bao gồm doanh nghiệp có vốn nhà nước và doanh nghiệp tư nhân")."""
    for hit in block.hits:
        t = hit.fact
        metric, label = collapse_ws(getattr(t, "metric", "") or ""), getattr(t, "label", "")
        if hit.kind == "target" and label and len(metric) > len(label) + 20:
            return [f"Kế hoạch mô tả: «{clip(metric, 240)}»."]
    return []


def not_stated_blocks(
    view: KnowledgeView,
    query: Query,
    ask: Ask,
    plan_ids: Sequence[str],
    result: SearchResult | None = None,
) -> list[Block]:
    return [not_stated_block(view, query, ask, pid, result) for pid in plan_ids]


def _gap(view: KnowledgeView, plan_id: str, topic: str | None) -> NotStated | None:
    pf = view.facts.get(plan_id)
    if pf is None or topic is None:
        return None
    return next((n for n in pf.plan.not_stated if n.topic == topic), None)


def stated_gap(view: KnowledgeView, plan_id: str, topic: str | None) -> str | None:
    """The fact file's note on something this plan does not state, if it has one."""
    gap = _gap(view, plan_id, topic)
    return collapse_ws(gap.note) if gap else None


def gap_block(view: KnowledgeView, plan_id: str, topic: str | None) -> Block | None:
    """The curated "this plan does not state …" note as an answer, naming the plan."""
    gap = _gap(view, plan_id, topic)
    if gap is None:
        return None
    note = collapse_ws(gap.note)
    if note.startswith("Kế hoạch "):
        note = f"{plan_name(view, plan_id)} {note[len('Kế hoạch ') :]}"
    index = view.search.quoting_chunk(plan_id, words(gap.quote))
    where = source_of(view.search.chunks[index].section) if index is not None else "phần đầu"
    return Block(plan_id, [note], [where], negative=True)


def missing_section_block(
    view: KnowledgeView, plan_id: str, label: str, topic: str | None = None
) -> Block:
    """A named plan has no such section: say so (the curated note, when there is one)."""
    return gap_block(view, plan_id, topic) or Block(
        plan_id, [f"{plan_name(view, plan_id)} không có mục «{label}» riêng."], negative=True
    )


# Characters of the clause that says what a plan does say on a subject it sets no target for.
CLOSEST_LIMIT = 160


def with_closest_clause(
    view: KnowledgeView, query: Query, result: SearchResult, block: Block
) -> Block:
    """A count no target measures ("bao nhiêu lô hàng …"): after "không nêu mục tiêu", what
    the plan does say on that subject, before the targets it sets. Other blocks as they are."""
    terms = topic_words(query)
    known = [t for t in terms if view.search.doc_freq.get(t, 0)]
    if not block.untargeted or not known or not block.plan:
        return block
    # On the subject: a clause with the question's heaviest phrase the plan also writes
    # ("hội nghị, hội thảo về đo lường"), else with its rarest word the plans use.
    run = _heaviest_phrase(view, query, block.plan)
    key = run or max(known, key=view.search.idf)
    found = best_clause(
        view, result, terms, block.plan, phrases=word_pairs(terms), limit=CLOSEST_LIMIT
    )
    if not found or f" {key} " not in f" {' '.join(words(found[1]))} ":
        # Not among the passages found: the plan's first sentence with that phrase.
        found = find_sentence(view, block.plan, re.compile(rf"\b{run}\b")) if run else None
        if not found or found[0].startswith(PREAMBLE):
            # (the opening, the plan's title and legal bases, says nothing on a subject)
            return block
        found = (found[0], clip_around(found[1], [run], CLOSEST_LIMIT))
    section, clause = found
    line = f"Kế hoạch nêu ({source_of(section)}): «{clause}»"
    sources = list(dict.fromkeys([source_of(section), *block.sources]))
    return replace(block, lines=[block.lines[0], line, *block.lines[1:]], sources=sources)


def _heaviest_phrase(view: KnowledgeView, query: Query, plan_id: str) -> str:
    """The question's run of two or more words, as typed in order, that the plan also
    writes and that weighs most (IDF); "" when there is none."""
    lx = lexicon()
    skip = lx.question_words
    # The words of the question's kind ("mục tiêu", "chỉ tiêu") say what is asked, not about what.
    generic = set(words(lx.intent_terms.get(query.intent, "")))
    tokens = words(query.folded)
    best, weight = "", 0.0
    for i in range(len(tokens)):
        for j in range(i + 2, min(len(tokens), i + 6) + 1):
            run = tokens[i:j]
            if run[0] in skip or run[-1] in skip:
                continue
            phrase = " ".join(run)
            if not view.search.plan_has_phrase(plan_id, phrase):
                break
            w = sum(view.search.idf(t) for t in run if t not in generic)
            if w > weight:
                best, weight = phrase, w
    return best
