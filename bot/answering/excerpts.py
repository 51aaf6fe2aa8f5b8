"""Blocks read from a plan's own text: a section's items, the item a question quotes, the
clause that carries an answer. Used where no curated fact covers the question."""

from __future__ import annotations

import re
from collections.abc import Sequence

import bot.answering.blocks as b
from bot.answering.honesty import missing_section_block
from bot.answering.passages import (
    SectionItems,
    best_clause,
    find_section,
    heading_of,
    item_lines,
    quoted_item,
    render_section,
    word_pairs,
)
from bot.answering.rendering import clip, sentence_case
from bot.answering.selection import KnowledgeView
from bot.answering.shape import SectionSpec, nearest_terms
from bot.query import Query
from bot.query_terms import evidence_terms
from bot.retrieval import SearchResult
from bot.textnorm import fold, words

SECTION_TITLE_LIMIT = 48
# A subsection's title in a plan's outline is clipped past this many characters.
OUTLINE_SUB_LIMIT = 60
# A numbered part of a plan ("II. NHIỆM VỤ …", "2. …").
_NUMBERED = re.compile(r"^([IVX]+|\d+)\.\s")


def section_block(view: KnowledgeView, found: SectionItems, label: str = "") -> b.Block:
    """A plan section's items under a header naming the section."""
    # The source line names the section in full; the header only needs to recognise it.
    title = clip(label or heading_of(found.section), SECTION_TITLE_LIMIT)
    head = f"{b.province(view, found.plan)} — {b.section_label(found.section)} {title}:"
    return b.Block(found.plan, [head, *render_section(found)], [b.source_of(found.section)])


def section_blocks(
    view: KnowledgeView, query: Query, spec: SectionSpec, plan_ids: Sequence[str], named: bool
) -> list[b.Block]:
    """The section a cue names ("mục tiêu chung", "tổ chức thực hiện") in each plan; a named
    plan without it says so."""
    blocks = []
    for pid in plan_ids:
        found = find_section(view, pid, spec, words(query.text))
        if found:
            lines = [
                f"{b.province(view, pid)} — {b.section_label(found.section)} {spec.label}:",
                *render_section(found),
            ]
            blocks.append(b.Block(pid, lines, [b.source_of(found.section)]))
        elif named:
            blocks.append(missing_section_block(view, pid, spec.label, spec.topic))
    return blocks


def passage_blocks(
    view: KnowledgeView, query: Query, result: SearchResult, plan_ids: Sequence[str]
) -> list[b.Block]:
    """The clause of each plan's best passage that carries the answer."""
    terms = evidence_terms(query)
    best = result.hits[0].score if result.hits else 0.0
    out = []
    for pid in dict.fromkeys(h.chunk.plan for h in result.hits if h.chunk.plan in plan_ids):
        top = next(h for h in result.hits if h.chunk.plan == pid)
        if top.score < 0.6 * best:
            continue
        out += _clause_blocks(view, result, [pid], terms, pairs=False)
        if len(out) >= 3:
            break
    return out


def quoted_blocks(
    view: KnowledgeView, query: Query, result: SearchResult, plan_ids: Sequence[str]
) -> list[b.Block]:
    """The item each plan's top passages hold that the question quotes, as bullets."""
    asked = words(query.text)
    out = []
    for pid in plan_ids:
        pf = view.facts.get(pid)
        # A target's own passage is answered by the target (its milestones, its unit).
        targets = {t.section for t in pf.targets} if pf else set()
        found = quoted_item(view, result, asked, pid, skip=targets)
        if found:
            section, text = found
            lines = item_lines(text)
            lines[0] = f"{b.province(view, pid)}: {lines[0]}"
            out.append(b.Block(pid, lines, [b.source_of(section)]))
    return out


def outline_block(view: KnowledgeView, plan_id: str) -> b.Block | None:
    """A plan's parts in its own order ("I. Mục tiêu: 1. …; 2. …"), with the appendix:
    what "kế hoạch gồm những phần nào" asks."""
    parts: dict[str, list[str]] = {}
    for i in view.search.plan_chunks.get(plan_id, ()):
        path = [p.strip() for p in view.search.chunks[i].section.split("›") if p.strip()]
        if not path or not (_NUMBERED.match(path[0]) or fold(path[0]).startswith("phu luc")):
            continue
        subs = parts.setdefault(path[0], [])
        if len(path) > 1 and _NUMBERED.match(path[1]) and path[1] not in subs:
            subs.append(path[1])
    if not parts:
        return None
    lines = [f"{b.province(view, plan_id)} — kế hoạch gồm {len(parts)} phần:"]
    for top, subs in parts.items():
        inner = "; ".join(clip(s, OUTLINE_SUB_LIMIT) for s in subs)
        m = _NUMBERED.match(top)
        # "II. NHIỆM VỤ …" reads "II. Nhiệm vụ …": the marker stays as written.
        name = top[: m.end()] + sentence_case(top[m.end() :]) if m else sentence_case(top)
        lines.append(f"• {name}" + (f": {inner}" if inner else ""))
    return b.Block(plan_id, lines, ["bố cục văn bản"])


# What a reader sees of an answer's first lines when judging what it covers.
SEEN_CHARS = 200
# The closest thing to what a plan lacks shows at least this share of the question's other
# words (by IDF weight); fewer is no closer than the facts found.
CLOSEST_SHARE = 0.5


def covered(view: KnowledgeView, lines: Sequence[str], terms: Sequence[str]) -> float:
    """IDF weight of the terms that the first lines show."""
    have = set(words(" ".join(lines)[:SEEN_CHARS]))
    return sum(view.search.idf(t) for t in set(terms) if t in have)


def closest_blocks(
    view: KnowledgeView,
    query: Query,
    result: SearchResult,
    plan_ids: Sequence[str],
    lacking: str,
    blocks: Sequence[b.Block],
) -> list[b.Block]:
    """What the plans say closest to a question about something they lack: the blocks found,
    unless a clause carries more of the question's other words ("hỗ trợ tiền trực tiếp cho
    DN mua phương tiện đo" lacks «trực tiếp»; the support to enterprises is closest)."""
    gone = set(words(lacking))
    plans = list(dict.fromkeys(bl.plan for bl in blocks if bl.plan)) or list(plan_ids)
    near = nearest_terms(lacking)
    if near:
        return _nearest_blocks(view, plans, near, blocks)
    # The question's other words that the plans use: what the closest thing should show.
    known = frozenset().union(*(view.search.plan_words.get(p, frozenset()) for p in plans))
    terms = [t for t in evidence_terms(query) if t not in gone and t in known]
    want = sum(view.search.idf(t) for t in set(terms))
    mine = covered(view, [ln for bl in blocks for ln in bl.lines], terms)
    if not terms or mine >= CLOSEST_SHARE * want:
        return list(blocks)
    out = _clause_blocks(view, result, plans, terms)
    theirs = covered(view, [ln for bl in out for ln in bl.lines], terms)
    return out if theirs >= CLOSEST_SHARE * want and theirs > mine else list(blocks)


def _clause_blocks(
    view: KnowledgeView,
    result: SearchResult,
    plans: Sequence[str],
    terms: Sequence[str],
    pairs: bool = True,
) -> list[b.Block]:
    """Each plan's clause that carries most of the terms (adjacent pairs first, unless not
    asked), as a block naming the province."""
    out = []
    phrases = word_pairs(terms) if pairs else ()
    for pid in plans:
        found = best_clause(view, result, terms, pid, phrases=phrases)
        if found:
            section, clause = found
            out.append(b.Block(pid, [f"{b.province(view, pid)}: {clause}"], [b.source_of(section)]))
    return out


def _nearest_blocks(
    view: KnowledgeView, plans: Sequence[str], near: str, blocks: Sequence[b.Block]
) -> list[b.Block]:
    """What the plans say on the subject nearest to what they lack (nearest in shapes.yaml:
    "xử phạt" → their inspections), unless the blocks found already show it."""
    terms = words(near)
    pairs = word_pairs(terms)
    shown = f" {' '.join(words(' '.join(ln for bl in blocks for ln in bl.lines)[:SEEN_CHARS]))} "
    if any(f" {p} " in shown for p in pairs):
        return list(blocks)
    result = view.search.search(near, plan_ids=list(plans), k=8)
    out = [
        bl
        for bl in _clause_blocks(view, result, plans, terms)
        if any(f" {p} " in f" {' '.join(words(bl.lines[0]))} " for p in pairs)
    ]
    return out or list(blocks)
