"""Target blocks: one value, a milestone's complete list, a series over milestones, a
period's split from the appendix, and comparisons across plans. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answering.blocks import Block, end, hit_sources, metric_patterns, plan_name, province
from bot.answering.rendering import (
    clip,
    section_code,
    short_section,
    target_label,
    target_line,
    value_text,
)
from bot.answering.selection import FactHit, KnowledgeView, fact_hit
from bot.answering.shape import Ask
from bot.facts import Target, parse_period
from bot.query import Query
from bot.textnorm import fold_chars, words

# Whom a measure's tasks are for, clipped past this many characters.
AUDIENCE_LIMIT = 240

METRIC_NAMES = {
    "training": "đào tạo, bồi dưỡng",
    "enterprises": "doanh nghiệp được hỗ trợ",
    "standards": "chuẩn đo lường",
    "labs": "phòng thí nghiệm",
    "service_orgs": "tổ chức dịch vụ kiểm định, hiệu chuẩn",
    "communication": "tuyên truyền",
    "cooperation": "phối hợp",
}


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
    if metric:
        notes += _kind_note(view, ask, plan_id, targets, METRIC_NAMES.get(metric, metric))
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


def _kind_note(
    view: KnowledgeView, ask: Ask, plan_id: str, targets: Sequence[Target], measure: str
) -> list[str]:
    """A count asked of targets that name fields (Bình Thuận's standards), or fields asked of
    targets that count (Kon Tum's): the plan does not state what was asked; its targets are
    the closest thing it says."""
    kinds = {t.measure_kind for t in targets}
    if ask.asks_fields and kinds == {"count"}:
        return [f"{plan_name(view, plan_id)} không nêu lĩnh vực đo cụ thể; mục tiêu là số lượng:"]
    if ask.shape == "value" and not ask.asks_fields and kinds == {"fields"}:
        return [
            f"{plan_name(view, plan_id)} không nêu số lượng {measure}; mục tiêu nêu các lĩnh vực:"
        ]
    return []


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


def with_audience(view: KnowledgeView, query: Query, block: Block) -> Block:
    """A target block followed by whom the plan's tasks on that measure are for ("đào tạo
    cho những đối tượng nào": "cho công chức của các sở, ban, ngành …")."""
    pf = view.facts.get(block.plan or "")
    patterns = metric_patterns(query.metric)
    if pf is None or not patterns:
        return block
    lines: list[str] = []
    hits: list[FactHit] = []
    seen: set[str] = set()
    for t in pf.tasks:
        folded = fold_chars(t.title)  # positions in it are positions in the title
        cue = next((m for p in patterns if (m := p.search(folded))), None)
        at = folded.find(" cho ", cue.end()) if cue else -1
        if at < 0:
            continue
        who = t.title[at + len(" cho ") :].strip().rstrip(".;")
        key = " ".join(words(who))
        if key in seen or any(key in s for s in seen):
            continue
        seen.add(key)
        lines.append(f"• {clip(who, AUDIENCE_LIMIT)} ({short_section(t.section)})")
        hits.append(fact_hit(block.plan or "", "task", t, t.section, t.title))
    if not lines:
        return block
    return replace(
        block,
        lines=[*block.lines, "Đối tượng:", *lines],
        sources=[*block.sources, *hit_sources(hits, view)],
        hits=[*block.hits, *hits],
    )
