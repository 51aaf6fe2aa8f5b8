"""Per-plan answer blocks: the Block type and its helpers, lists of one kind, appendix rows
and facts as they are. Targets (one value, complete lists, comparisons) are in
bot.answering.targets; who does what (duties, tasks, leads) in bot.answering.actors.
Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.answering.rendering import (
    clip,
    render_fact,
    result_text,
    section_code,
    short_section,
    task_fields,
)
from bot.answering.selection import FactHit, KnowledgeView
from bot.facts import TaskResult, parse_period
from bot.lexicon import lexicon
from bot.provinces import unit_label
from bot.query import Query
from bot.query_terms import evidence_terms
from bot.textnorm import fold, words

# Kinds whose answer is every fact of the kind in the plan (a complete list).
LIST_KINDS = ("funding", "scope", "sector", "phase", "decision")


@dataclass
class Block:
    """What one plan contributes to an answer: lines first, then where they come from."""

    plan: str
    lines: list[str]
    sources: list[str] = field(default_factory=list)
    hits: list[FactHit] = field(default_factory=list)
    # The plan lacks what was asked (the lines say so and give the closest thing).
    negative: bool = False
    # A count no target measures: the first line says so, the plan's targets follow.
    untargeted: bool = False


def end(text: str) -> str:
    """A sentence's full stop, unless the text already ends with one or with an ellipsis."""
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def province(view: KnowledgeView, plan_id: str) -> str:
    info = view.plans.get(plan_id)
    return info.province if info else plan_id


def plan_name(view: KnowledgeView, plan_id: str) -> str:
    """'Kế hoạch tỉnh Kon Tum' / 'Kế hoạch thành phố Đà Nẵng'."""
    return f"Kế hoạch {unit_label(province(view, plan_id))}"


def source_of(section: str) -> str:
    return short_section(section)


def fact_source(view: KnowledgeView | None, hit: FactHit) -> str:
    """Where a fact stands in its plan: its section, else the section of the passage quoting it."""
    # Facts without an outline place ("Căn cứ ban hành") take their quoting passage's place.
    if "›" not in hit.section and not section_code(hit.section)[0] and view is not None:
        index = view.search.quoting_chunk(hit.plan, hit.quote_words)
        if index is not None and "›" in view.search.chunks[index].section:
            return short_section(view.search.chunks[index].section)
    return source_of(hit.section)


def hit_sources(hits: Sequence[FactHit], view: KnowledgeView | None = None) -> list[str]:
    """Distinct sections of the facts; three or more under one heading are that heading."""
    sections = [h.section for h in hits if h.section]
    if len(set(sections)) > 2:
        common = _common_path(sections)
        if common:
            return [short_section(common)]
    return list(dict.fromkeys(fact_source(view, h) for h in hits if h.section))


def _common_path(sections: Sequence[str]) -> str:
    paths = [[p.strip() for p in s.split("›")] for s in sections]
    common: list[str] = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return " › ".join(common)


def hits_of(view: KnowledgeView, plan_id: str, kinds: Sequence[str]) -> list[FactHit]:
    return [c for c in view.candidates.get(plan_id, ()) if c.kind in kinds]


# --- lists of one kind, and anything else --------------------------------------------------


def _after(header: str, item: str) -> str:
    """An item without the words the header already says ("Nguồn kinh phí chi đầu tư …"
    under "nguồn kinh phí:" reads "chi đầu tư …")."""
    if fold(item).startswith(fold(header) + " ") and len(item) > len(header) + 12:
        rest = item[len(header) + 1 :]
        return rest[:1].upper() + rest[1:]
    return item


# "Ngoài QĐ 996, … còn căn cứ những văn bản nào": the others, not the one named.
_EXCEPT = re.compile(r"\b(ngoai|besides|other than|apart from|except)\b")


def kind_block(
    view: KnowledgeView, plan_id: str, kind: str, query: Query | None = None
) -> Block | None:
    """Every fact of a kind in the plan (funding sources, phases, legal bases …)."""
    hits = hits_of(view, plan_id, (kind,))
    if kind == "decision" and query is not None:
        # A decision named by its number: that one, in the plans that cite it.
        asked = set(words(query.folded))
        numbers = {
            h.fact.number.split("/")[0]
            for c in view.candidates.values()
            for h in c
            if h.kind == "decision"
        }
        if asked & numbers and not _EXCEPT.search(query.folded):
            hits = [h for h in hits if h.fact.number.split("/")[0] in asked]
    if not hits:
        return None
    header = {
        "funding": "nguồn kinh phí",
        "scope": "phạm vi, đối tượng áp dụng",
        "sector": "ngành, lĩnh vực ưu tiên",
        "phase": "các giai đoạn thực hiện",
        "decision": "căn cứ ban hành",
    }.get(kind, "")
    name = province(view, plan_id)
    if kind == "sector" and any(getattr(h.fact, "open_list", False) for h in hits):
        header += " (ví dụ kế hoạch nêu, không phải danh sách đầy đủ)"
    lines = [f"{name} — {header}:"] + [f"• {clip(render_fact(h), 130)}" for h in hits]
    if kind == "decision" and len(hits) > 1:
        # Numbers and dates first: what a list of legal bases is read for.
        refs = "; ".join(
            f"{h.fact.number}" + (f" ngày {h.fact.date}" if h.fact.date else "") for h in hits
        )
        lines = [f"{name} — {header}: {refs}."]
        lines += [f"• {h.fact.number}: {clip(h.fact.content, 100)}" for h in hits]
    if kind == "funding" and query is not None and len(hits) > 1:
        # A source named by its words ("nguồn chi đầu tư phát triển"): that one, in full.
        asked = set(query.content_terms)
        overlap = [len(asked & set(words(h.fact.source)) - {"nguon", "kinh", "phi"}) for h in hits]
        best = max(overlap)
        if best >= 2 and overlap.count(best) == 1:
            h = hits[overlap.index(best)]
            uses = f": {clip(h.fact.covers, 320)}" if h.fact.covers else ""
            return Block(
                plan_id, [f"{name} — {clip(h.fact.source, 120)}{uses}"], hit_sources([h], view), [h]
            )
    if kind == "funding" and len(hits) > 1:
        lines = [f"{name} — {header}:"] + [
            f"• {clip(_after(header, h.fact.source), 110)}" for h in hits
        ]
        uses = [f"({i}) {clip(h.fact.covers, 110)}" for i, h in enumerate(hits, 1) if h.fact.covers]
        # Side by side with another plan, the sources are what is compared.
        if uses and not (query is not None and query.compare):
            lines.append(end("Nội dung chi: " + "; ".join(uses)))
    if len(hits) == 1:
        lines = [f"{name} — {header}: {clip(render_fact(hits[0]), 240)}"]
    return Block(plan_id, lines, hit_sources(hits, view) or [header], hits)


def with_group(view: KnowledgeView, hit: FactHit) -> FactHit:
    """A task in a group of merged cells shows the group's results (marked as shared)."""
    t = hit.fact
    group = getattr(t, "group", None)
    if hit.kind not in ("task", "body_task") or not group or t.results:
        return hit
    pf = view.facts.get(hit.plan)
    head = next((g for g in (pf.tasks if pf else []) if g.code == group), None)
    if head is None or not head.results:
        return hit
    shared = [
        r.model_copy(update={"result": f"{r.result} (chung cho cả nhóm)"}) for r in head.results
    ]
    return replace(hit, fact=t.model_copy(update={"results": shared}))


def metric_patterns(metric: str | None) -> list[re.Pattern[str]]:
    """The cue patterns of a measure (knowledge/lexicon/metrics.yaml): how texts name it."""
    return [p for category, p, _ in lexicon().metrics if category == metric]


def appendix_rows(view: KnowledgeView, query: Query, plan_id: str) -> list[FactHit]:
    """The plan's appendix rows (tasks with expected results) on the measure asked, those
    sharing most of the question's words first; the best alone when it is clearly best."""
    patterns = metric_patterns(query.metric)
    # (an English question's words by the plan terms they translate to)
    asked = set(evidence_terms(query))
    rows = [
        h
        for h in view.candidates.get(plan_id, ())
        if h.kind == "task"
        and h.fact.results
        and any(p.search(fold(h.fact.title)) for p in patterns)
    ]
    # Most shared words first; of rows sharing as many, the rarer words say which is meant
    # ("17025", not "dịch vụ").
    overlap = {
        id(h): (len(shared), sum(view.search.idf(w) for w in shared))
        for h in rows
        if (shared := asked & set(words(h.fact.title))) is not None
    }
    rows.sort(key=lambda h: overlap[id(h)], reverse=True)
    # (Rows sharing as many words are both shown.)
    if len(rows) > 1 and overlap[id(rows[0])][0] > overlap[id(rows[1])][0]:
        return rows[:1]
    return rows[:2]


def results_block(
    view: KnowledgeView, query: Query, plan_id: str, hits: Sequence[FactHit]
) -> Block:
    """Appendix rows answering "how many": their expected results first, then the task."""
    name = province(view, plan_id)
    lines: list[str] = []
    used = []
    hits = [with_group(view, h) for h in hits]
    for h in hits[:2]:
        t = h.fact
        if h.kind not in ("task", "body_task") or not t.results:
            continue
        results = _results_asked(t.results, query.years)
        shown = "; ".join(result_text(r) for r in results)
        lead = f" (chủ trì: {t.lead})" if t.lead else ""
        lines.append(f"{name}: {shown} — {clip(t.title.rstrip('. '), 100)}{lead}.")
        used.append(h)
    if not lines:
        return facts_block(view, plan_id, hits)
    return Block(plan_id, lines, hit_sources(used, view), used)


def _results_asked(results: Sequence[TaskResult], years: Sequence[int]) -> list[TaskResult]:
    """The results of the period the question names ("gđ 2021-2025": that one, not the
    next period that starts in 2025), else of a year it names, else all; sure ones first."""
    span = (years[0], years[-1]) if len(years) > 1 else None
    exact = [r for r in results if span and parse_period(r.period) == span]
    named = [r for r in results if any(str(y) in r.period for y in years)]
    chosen = exact or named or list(results)
    return sorted(chosen, key=lambda r: r.uncertain)


def facts_block(
    view: KnowledgeView, plan_id: str, hits: Sequence[FactHit], fields_first: bool = False
) -> Block:
    """The selected facts as they are: one line, or bullets. With ``fields_first``, a single
    appendix row shows who, with whom, when and what result before the task itself."""
    name = province(view, plan_id)
    hits = [with_group(view, h) for h in hits]
    one_row = len(hits) == 1 and hits[0].kind in ("task", "body_task")
    if fields_first and one_row and task_fields(hits[0].fact):
        t = hits[0].fact
        lines = [f"{name}: {end('; '.join(task_fields(t)))}", f"Việc: {end(clip(t.title, 700))}"]
    elif len(hits) == 1:
        # One fact: all of it.
        lines = [f"{name}: {clip(render_fact(hits[0]), 700)}"]
    else:
        lines = [f"{name}:"] + [f"• {clip(render_fact(h), 320)}" for h in hits]
    return Block(plan_id, lines, hit_sources(hits, view), list(hits))


def section_label(section: str) -> str:
    code, title = section_code(section)
    return f"mục {code}" if code else title
