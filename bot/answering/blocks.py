"""Per-plan answer blocks: the Block type and its helpers, targets (one value, complete
lists, comparisons), lists of one kind, appendix rows and facts as they are. Who does what
(duties, tasks, leads) is in bot.answering.actors. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.answering.rendering import (
    clip,
    render_fact,
    section_code,
    short_section,
    target_label,
    target_line,
    task_fields,
    value_text,
)
from bot.answering.selection import FactHit, KnowledgeView, fact_hit
from bot.answering.shape import Ask
from bot.facts import Target, parse_period
from bot.lexicon import lexicon
from bot.provinces import unit_label
from bot.query import Query
from bot.textnorm import fold, words

# Kinds whose answer is every fact of the kind in the plan (a complete list).
LIST_KINDS = ("funding", "scope", "sector", "phase", "decision")
METRIC_NAMES = {
    "training": "đào tạo, bồi dưỡng",
    "enterprises": "doanh nghiệp được hỗ trợ",
    "standards": "chuẩn đo lường",
    "labs": "phòng thí nghiệm",
    "service_orgs": "tổ chức dịch vụ kiểm định, hiệu chuẩn",
    "communication": "tuyên truyền",
    "cooperation": "phối hợp",
}


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


def _hits(view: KnowledgeView, plan_id: str, kinds: Sequence[str]) -> list[FactHit]:
    return [c for c in view.candidates.get(plan_id, ()) if c.kind in kinds]


# --- targets -------------------------------------------------------------------------------


def _when_key(t: Target) -> str:
    return f"đến năm {t.year}" if t.year else f"giai đoạn {t.period}" if t.period else "khác"


def _year_matches(t: Target, years: Sequence[int]) -> bool:
    if t.year in years:
        return True
    return bool(t.period) and any(str(y) in (t.period or "") for y in years)


def _is_appendix(t: Target) -> bool:
    return getattr(t, "source", "body") == "appendix"


# "2026-2030", "2026 – 2030", "từ 2026 đến 2030", "2026 to 2030" (not "2025 và 2030").
_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|den|toi|to)\s*(?:nam\s+)?((?:19|20)\d\d)\b")
_PHASE = re.compile(r"\b(?:giai doan|phase) (1|2|3|i|ii|iii|mot|hai|ba)\b")
_PHASE_NO = {"1": 1, "i": 1, "mot": 1, "2": 2, "ii": 2, "hai": 2, "3": 3, "iii": 3, "ba": 3}


def asked_span(view: KnowledgeView, query: Query, plan_id: str) -> tuple[int, int] | None:
    """The period a question asks about: two years ("2026-2030") or a phase ("giai đoạn 2")."""
    m = _SPAN.search(query.folded)
    if m and int(m.group(2)) - int(m.group(1)) >= 3:
        return int(m.group(1)), int(m.group(2))
    m = _PHASE.search(query.folded)
    pf = view.facts.get(plan_id)
    if m and pf and pf.plan.phases:
        n = _PHASE_NO[m.group(1)]
        if n <= len(pf.plan.phases):
            phase = pf.plan.phases[n - 1]
            return phase.start, phase.end
    return None


def _in_span(t: Target, span: tuple[int, int]) -> bool:
    period = parse_period(t.period)
    # Appendices write a phase's years loosely ("2025 -2030" for 2026-2030).
    return bool(period) and abs(period[0] - span[0]) <= 1 and period[1] == span[1]


def _differs_note(pf_targets: Sequence[Target], shown: Sequence[Target]) -> list[str]:
    """Where the plan's body and appendix give other numbers for the same thing, say so."""
    by_id = {t.id: t for t in pf_targets}
    # One note per place that differs, however many of the shown targets it differs from.
    others: dict[str, dict[str, Target]] = {}
    for t in shown:
        for i in getattr(t, "differs_from", []):
            if i in by_id:
                where = short_section(by_id[i].section).split(" – ")[0]
                others.setdefault(where, {})[i] = by_id[i]
    # Named by its own words: the appendix may count another thing (a survey's rounds).
    return [
        f"Lưu ý: {where} ({target_label(next(iter(found.values())), 50)}) ghi khác — "
        + "; ".join(f"{o.period}: {_num_unit(o)}" for o in found.values())
        + "."
        for where, found in others.items()
    ]


def _num_unit(t: Target) -> str:
    return target_line(t).split(" ", 1)[0] + " " + t.unit if t.value is not None else target_line(t)


def target_block(
    view: KnowledgeView, query: Query, ask: Ask, plan_id: str, by_milestone: bool = False
) -> Block | None:
    """Every target of the plan that matches the metric and milestone asked (all, if none).

    A period asked ("giai đoạn 2026-2030") is answered from the appendix's split of the
    milestone totals where the plan has one, with the total after it.
    """
    pf = view.facts.get(plan_id)
    if pf is None or not pf.targets:
        return None
    name = province(view, plan_id)
    metric = query.metric if query.metric not in (None, "other") else None
    body = [t for t in pf.targets if not _is_appendix(t)] or list(pf.targets)
    targets = body
    notes: list[str] = []
    if query.metric == "other":
        # Counting something no target measures ("bao nhiêu lô hàng"): say so, then what
        # the plan does target.
        notes.append(f"{plan_name(view, plan_id)} không nêu mục tiêu cho điều này.")
    if metric:
        same = [t for t in body if t.category == metric]
        if not same:
            years = [t for t in body if _year_matches(t, query.years)] or body
            lines = [
                f"{plan_name(view, plan_id)} không nêu mục tiêu về "
                f"{METRIC_NAMES.get(metric, metric)}. Các mục tiêu kế hoạch đặt ra:"
            ]
            lines += [f"• {target_line(t, with_when=True)}" for t in years]
            hits = [fact_hit(plan_id, "target", t, t.section, "") for t in years]
            return Block(plan_id, lines, hit_sources(hits, view), hits, negative=True)
        targets = same
    span = asked_span(view, query, plan_id)
    if span:
        split = [
            t
            for t in pf.targets
            if _is_appendix(t) and _in_span(t, span) and (not metric or t.category == metric)
        ]
        if split:
            totals = [t for t in targets if t.year == span[1]]
            shown = [*split, *totals]
            head = f"{name}, giai đoạn {span[0]}-{span[1]} (theo Phụ lục):"
            lines = [head] + [f"• {target_line(t)}" for t in split]
            lines += [f"Tổng đến năm {t.year}: {end(target_line(t))}" for t in totals]
            lines += _differs_note(pf.targets, totals)
            hits = [fact_hit(plan_id, "target", t, t.section, "") for t in shown]
            return Block(plan_id, lines, hit_sources(hits, view), hits)
        years: Sequence[int] = (span[1],)
    else:
        years = query.years
    if years:
        timed = [t for t in targets if _year_matches(t, years)]
        if timed:
            targets = timed
        else:
            notes.append(
                f"Kế hoạch không đặt mốc năm {', '.join(map(str, years))}; các mốc có trong "
                "kế hoạch:"
            )
    hits = [fact_hit(plan_id, "target", t, t.section, "") for t in targets]
    groups: dict[str, list[Target]] = {}
    for t in targets:
        groups.setdefault(_when_key(t), []).append(t)
    if len(targets) == 1:
        lines = [f"{name}: {end(target_line(targets[0], with_when=True))}"]
    elif len(groups) == 1:
        (when,) = groups
        qualifiers = {t.qualifier for t in targets}
        if len(qualifiers) == 1 and None not in qualifiers:
            # A qualifier every target shares ("ít nhất") is said once, in the header.
            (q,) = qualifiers
            lines = [f"{name} — mục tiêu {when} ({q}):"]
            lines += [f"• {value_text(t)} {target_label(t)}" for t in targets]
        else:
            lines = [f"{name} — mục tiêu {when}:"] + [f"• {target_line(t)}" for t in targets]
    elif by_milestone:
        lines = [f"{name} — mục tiêu:"]
        for when, items in sorted(groups.items()):
            lines.append(f"{when[0].upper()}{when[1:]}:")
            lines += [f"• {target_line(t)}" for t in items]
    else:
        # One line per measure with its milestones side by side: the whole list at a glance.
        series = _series_lines(targets)
        if len(series) == 1:
            # One measure is no list: "Kon Tum: ít nhất 10 lượt … (2025); 20 lượt … (2030)".
            lines = [f"{name}: {series[0].removeprefix('• ')}"]
        else:
            lines = [f"{name} — mục tiêu theo mốc:"] + series
    if metric:
        lines += _differs_note(pf.targets, targets)
    untargeted = query.metric == "other"
    return Block(plan_id, notes + lines, hit_sources(hits, view), hits, untargeted=untargeted)


def _series_lines(targets: Sequence[Target]) -> list[str]:
    """'• ít nhất 100 lượt người được đào tạo … (2025); 200 (2030)': one line per measure."""
    series: dict[str, list[Target]] = {}
    for t in targets:
        series.setdefault(getattr(t, "series", None) or t.category, []).append(t)
    lines = []
    for items in series.values():
        items = sorted(items, key=lambda t: (t.year or 0, t.period or ""))
        if all(t.value is not None for t in items):
            # The first milestone in full, the later ones by value: "5 … (2025); 10 (2030)".
            first, later = items[0], items[1:]
            unit = first.unit.split(",")[0].strip()
            more = "".join(f"; {value_text(t)} {unit} ({t.year or t.period})" for t in later)
            lines.append(f"• {target_line(first)} ({first.year or first.period}){more}")
        else:
            texts = [target_line(t) for t in items]
            labels = {x.split(": ", 1)[0] for x in texts}
            if len(items) > 1 and len(labels) == 1 and all(": " in x for x in texts):
                # One label, its content per milestone: "… các lĩnh vực: A (2025); B (2030)".
                (label,) = labels
                parts = [
                    f"{x.split(': ', 1)[1]} ({t.year or t.period})"
                    for x, t in zip(texts, items, strict=True)
                ]
                lines.append(f"• {label}: " + "; ".join(parts))
            else:
                lines += [f"• {target_line(t, with_when=True)}" for t in items]
    return lines


def compare_lines(view: KnowledgeView, query: Query, plan_ids: Sequence[str]) -> Block | None:
    """A metric side by side: one line per plan, and the plans that do not set it."""
    metric = query.metric if query.metric not in (None, "other") else None
    if metric is None:
        return None
    lines: list[str] = []
    missing: list[str] = []
    hits: list[FactHit] = []
    for pid in plan_ids:
        pf = view.facts.get(pid)
        targets = [
            t for t in (pf.targets if pf else []) if t.category == metric and not _is_appendix(t)
        ]
        if query.years:
            targets = [t for t in targets if _year_matches(t, query.years)] or targets
        if not targets:
            missing.append(province(view, pid))
            continue
        parts = [target_line(t, with_when=True) for t in targets]
        line = f"• {province(view, pid)}: " + "; ".join(parts)
        if any(getattr(t, "measure_kind", "count") == "fields" for t in targets):
            # Fields of capability, not a count: never lined up against numbers.
            line += " — là lĩnh vực năng lực, không phải số lượng"
        lines.append(line)
        hits += [fact_hit(pid, "target", t, t.section, "") for t in targets]
    if not lines:
        return None
    head = f"So sánh mục tiêu về {METRIC_NAMES.get(metric, metric)}:"
    if missing:
        lines.append(f"• {', '.join(missing)}: kế hoạch không nêu mục tiêu này.")
    per_plan: dict[str, list[str]] = {}
    for h in hits:
        code = section_code(h.section)[0]
        per_plan.setdefault(h.plan, [])
        if code and code not in per_plan[h.plan]:
            per_plan[h.plan].append(code)
    srcs = [f"{plan_name(view, p)} mục {', '.join(c)}" for p, c in per_plan.items() if c]
    return Block("", [head, *lines], srcs, hits)


# --- lists of one kind, and anything else --------------------------------------------------


def _after(header: str, item: str) -> str:
    """An item without the words the header already says ("Nguồn kinh phí chi đầu tư …"
    under "nguồn kinh phí:" reads "chi đầu tư …")."""
    if fold(item).startswith(fold(header) + " ") and len(item) > len(header) + 12:
        rest = item[len(header) + 1 :]
        return rest[:1].upper() + rest[1:]
    return item


def kind_block(
    view: KnowledgeView, plan_id: str, kind: str, query: Query | None = None
) -> Block | None:
    """Every fact of a kind in the plan (funding sources, phases, legal bases …)."""
    hits = _hits(view, plan_id, (kind,))
    if kind == "decision" and query is not None:
        # A decision named by its number: that one, in the plans that cite it.
        asked = set(words(query.folded))
        numbers = {
            h.fact.number.split("/")[0]
            for c in view.candidates.values()
            for h in c
            if h.kind == "decision"
        }
        if asked & numbers:
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


def appendix_rows(view: KnowledgeView, query: Query, plan_id: str) -> list[FactHit]:
    """The plan's appendix rows (tasks with expected results) on the measure asked, those
    sharing most of the question's words first; the best alone when it is clearly best."""
    patterns = [p for category, p, _ in lexicon().metrics if category == query.metric]
    asked = set(query.content_terms)
    rows = [
        h
        for h in view.candidates.get(plan_id, ())
        if h.kind == "task"
        and h.fact.results
        and any(p.search(fold(h.fact.title)) for p in patterns)
    ]
    overlap = {id(h): len(asked & set(words(h.fact.title))) for h in rows}
    rows.sort(key=lambda h: -overlap[id(h)])
    if len(rows) > 1 and overlap[id(rows[0])] > overlap[id(rows[1])]:
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
        results = [r for r in t.results if any(str(y) in r.period for y in query.years)]
        shown = "; ".join(f"{r.period}: {r.result}" for r in (results or t.results))
        lead = f" (chủ trì: {t.lead})" if t.lead else ""
        lines.append(f"{name}: {shown} — {clip(t.title.rstrip('. '), 100)}{lead}.")
        used.append(h)
    if not lines:
        return facts_block(view, plan_id, hits)
    return Block(plan_id, lines, hit_sources(used, view), used)


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
