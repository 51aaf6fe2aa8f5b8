"""Per-plan answer blocks, one builder per kind of question: complete lists, one value, the
duties of an agency, tasks grouped by section, the lead of a task. Pure functions.
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
    value_text,
)
from bot.answering.selection import FactHit, KnowledgeView, agency_matches, fact_hit
from bot.answering.shape import Ask
from bot.facts import Target, Task, parse_period
from bot.lexicon import lexicon
from bot.provinces import unit_label
from bot.query import Query
from bot.textnorm import fold, words

TASK_TITLE_LIMIT = 110
DUTY_LIMIT = 150
# An agency's duties share about this many characters: few duties are shown (nearly) whole,
# many are clipped to DUTY_LIMIT each.
DUTIES_BUDGET = 450
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


def _sources(hits: Sequence[FactHit], view: KnowledgeView | None = None) -> list[str]:
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
            return Block(plan_id, lines, _sources(hits, view), hits, negative=True)
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
            return Block(plan_id, lines, _sources(hits, view), hits)
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
        lines = [f"{name} — mục tiêu theo mốc:"] + _series_lines(targets)
    if metric:
        lines += _differs_note(pf.targets, targets)
    return Block(plan_id, notes + lines, _sources(hits, view), hits)


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


# --- duties, tasks, leads ------------------------------------------------------------------


def duty_block(
    view: KnowledgeView, query: Query, plan_id: str, chosen: Sequence[FactHit]
) -> Block | None:
    """All duties of the agency asked about (or of the best-matching agency) as bullets."""
    pf = view.facts.get(plan_id)
    if pf is None or not pf.responsibilities:
        return None
    if query.agency:
        matches = [r for r in pf.responsibilities if agency_matches(query.agency, r.agency)]
        if not matches:
            named = "; ".join(r.agency for r in pf.responsibilities)
            where = source_of(pf.responsibilities[0].section).split(" – ")[0]
            lines = [f"{plan_name(view, plan_id)} không giao nhiệm vụ riêng cho {query.agency}."]
            mentions = agency_mentions(view, plan_id, query.agency)
            if mentions:
                # Where the plan does name it: a task for it, or a report it receives.
                lines.append(f"Kế hoạch nhắc đến {query.agency}:")
                lines += [f"• {clip(m, 200)}" for _, m in mentions]
            lines.append(f"Các đơn vị được giao nhiệm vụ ({where}): {named}.")
            sources = list(dict.fromkeys(source_of(section) for section, _ in mentions))
            return Block(plan_id, lines, sources, negative=not mentions)
    else:
        # No agency named: the responsibility the question matched best.
        matches = [h.fact for h in chosen if h.kind == "responsibility"][:1]
        if not matches:
            return None
    lines: list[str] = []
    hits: list[FactHit] = []
    # Duties that share the question's topic words ("… với kinh phí hàng năm") come first.
    topic = set(query.content_terms) - _agency_terms(query)
    for r in matches:
        duties = sorted(r.duties, key=lambda d: -len(topic & set(words(d))))
        lines.append(f"{r.agency} ({province(view, plan_id)}):")
        limit = max(DUTY_LIMIT, DUTIES_BUDGET // max(1, len(duties)))
        lines += [f"• {clip(d.rstrip('.;'), limit)}." for d in duties]
        hits.append(fact_hit(plan_id, "responsibility", r, r.section, ""))
    return Block(plan_id, lines, _sources(hits, view), hits)


def actors_block(view: KnowledgeView, plan_id: str) -> Block | None:
    """Every agency the plan gives duties to, in the plan's order."""
    pf = view.facts.get(plan_id)
    if pf is None or not pf.responsibilities:
        return None
    hits = [fact_hit(plan_id, "responsibility", r, r.section, "") for r in pf.responsibilities]
    lines = [f"{province(view, plan_id)} — các đơn vị được giao nhiệm vụ:"]
    lines += [f"• {r.agency}" for r in pf.responsibilities]
    return Block(plan_id, lines, _sources(hits, view), hits)


def duty_on_topic(view: KnowledgeView, query: Query, plan_id: str) -> bool:
    """Whether the agency the question names has a duty in this plan that carries a word
    pair of the question ("Sở Tài chính … bố trí kinh phí"): then the question asks about
    that duty, whatever its other cue words say. The words for the plan and its field
    ("kế hoạch", "đo lường") are in every duty and do not count."""
    pf = view.facts.get(plan_id)
    if not query.agency or pf is None:
        return False
    content = set(query.content_terms) - _agency_terms(query)
    tokens = words(query.text)
    pairs = {
        f"{a} {c}"
        for a, c in zip(tokens, tokens[1:], strict=False)
        if a in content and c in content and f"{a} {c}" not in _FIELD_PAIRS
    }
    return any(
        pair in f" {' '.join(words(d))} "
        for r in pf.responsibilities
        if agency_matches(query.agency, r.agency)
        for d in r.duties
        for pair in pairs
    )


_FIELD_PAIRS = frozenset({"ke hoach", "do luong", "hoat dong", "trien khai", "thuc hien"})


def _agency_terms(query: Query) -> set[str]:
    return set(words(query.agency)) if query.agency else set()


def agency_mentions(
    view: KnowledgeView, plan_id: str, agency: str, limit: int = 3
) -> list[tuple[str, str]]:
    """(section, sentence) of the plan's sentences that name an agency, outside its opening,
    headings and list of addressees ("Nơi nhận")."""
    aliases = lexicon().agency_aliases.get(agency, ()) or (fold(agency),)
    pattern = re.compile("|".join(rf"\b{re.escape(a)}\b" for a in aliases))
    out: list[tuple[str, str]] = []
    for i in view.search.plan_chunks.get(plan_id, []):
        c = view.search.chunks[i]
        if c.kind in ("closing", "signature", "section") or c.section.startswith("Phần mở đầu"):
            continue
        for piece in re.split(r"(?<=[.;])\s+", c.text):
            if pattern.search(fold(piece)) and len(out) < limit:
                out.append((c.section, piece.strip().lstrip("-• ").rstrip(";")))
    return out


def task_line(t: Task) -> str:
    parts = [clip(t.title.rstrip(". "), TASK_TITLE_LIMIT)]
    extra = []
    if t.lead:
        extra.append(f"chủ trì: {t.lead}")
    if t.period:
        extra.append(t.period)
    return " — ".join(parts + (["; ".join(extra)] if extra else []))


def tasks_block(
    view: KnowledgeView, plan_id: str, chosen: Sequence[FactHit], narrow: bool
) -> Block | None:
    """Tasks in the plan's order grouped by section, one line each (lead, period)."""
    pf = view.facts.get(plan_id)
    if pf is None or not pf.tasks:
        return None
    if narrow:
        tasks = [h.fact for h in chosen if h.kind in ("task", "body_task")]
    else:
        appendix = [t for t in pf.tasks if t.section.lower().startswith("phụ lục")]
        # The appendix (who leads, when) is the fuller list where a plan has one.
        tasks = appendix or list(pf.tasks)
    if not tasks:
        return None
    groups: dict[str, list[Task]] = {}
    for t in tasks:
        groups.setdefault(t.section, []).append(t)
    lines = [f"{province(view, plan_id)} — {len(tasks)} nhiệm vụ:"]
    for section, items in groups.items():
        heads = [t for t in items if fold(t.title) in fold(section)]
        if len(groups) > 1:
            lines.append(f"{short_section(section)}:")
        lines += [f"• {task_line(t)}" for t in items if t not in heads or len(items) == 1]
    hits = [fact_hit(plan_id, "task", t, t.section, "") for t in tasks]
    return Block(plan_id, lines, _sources(hits, view)[:3], hits)


def lead_block(
    view: KnowledgeView, query: Query, plan_id: str, chosen: Sequence[FactHit]
) -> Block | None:
    """Who leads (and who partners) the task asked about: the agency first."""
    hits = [h for h in chosen if h.kind in ("task", "responsibility")]
    if not hits:
        return None
    best = hits[0]
    keep = [best] + [h for h in hits[1:2] if h.score >= 0.9 * best.score and h.kind == best.kind]
    name = province(view, plan_id)
    lines: list[str] = []
    for h in keep:
        f = h.fact
        if h.kind == "task":
            if not f.lead:
                lines.append(
                    f"{name}: kế hoạch không ghi đơn vị chủ trì việc «{clip(f.title, 90)}»."
                )
                continue
            head = f"{name}: {f.lead} chủ trì"
            if f.partners:
                head += f"; phối hợp: {', '.join(f.partners)}"
            lines.append(head + ".")
            lines.append(
                f"Việc: {clip(f.title.rstrip('. '), 140)}"
                + (f" ({f.period})." if f.period else ".")
            )
            if f.results:
                # What the task should deliver, per period: the rest of an official's question.
                results = "; ".join(f"{r.period}: {r.result}" for r in f.results)
                lines.append(f"Kết quả dự kiến: {clip(results, 160)}.")
        else:
            duty = _best_duty(query, f.duties)
            lines.append(f"{name}: {f.agency}.")
            lines.append(f"Việc: {clip(duty.rstrip('.;'), DUTY_LIMIT)}.")
    return Block(plan_id, lines, _sources(keep, view), keep)


def lead_gap_block(view: KnowledgeView, plan_id: str) -> Block | None:
    """No task or duty matches "who leads …": say so, and name the plan's overall lead."""
    pf = view.facts.get(plan_id)
    if pf is None or not pf.responsibilities:
        return None
    lines = [f"{plan_name(view, plan_id)} không ghi đơn vị chủ trì riêng cho việc này."]
    for r in pf.responsibilities:
        leading = [d for d in r.duties if fold(d).startswith("chu tri")]
        if leading:
            lines.append(
                f"Đơn vị chủ trì chung: {r.agency} — {clip(leading[0].rstrip('.;'), 160)}."
            )
            hit = fact_hit(plan_id, "responsibility", r, r.section, "")
            return Block(plan_id, lines, _sources([hit], view), [hit], negative=True)
    return Block(plan_id, lines, negative=True)


def _best_duty(query: Query, duties: Sequence[str]) -> str:
    terms = set(query.content_terms or query.topic_terms)
    return max(duties, key=lambda d: len(terms & set(words(d))))


# --- lists of one kind, and anything else --------------------------------------------------


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
                plan_id, [f"{name} — {clip(h.fact.source, 120)}{uses}"], _sources([h], view), [h]
            )
    if kind == "funding" and len(hits) > 1:
        lines = [f"{name} — {header}:"] + [f"• {clip(h.fact.source, 110)}" for h in hits]
        uses = [f"({i}) {clip(h.fact.covers, 110)}" for i, h in enumerate(hits, 1) if h.fact.covers]
        if uses:
            lines.append(end("Nội dung chi: " + "; ".join(uses)))
    if len(hits) == 1:
        lines = [f"{name} — {header}: {clip(render_fact(hits[0]), 240)}"]
    return Block(plan_id, lines, _sources(hits, view) or [header], hits)


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
    return Block(plan_id, lines, _sources(used, view), used)


def facts_block(view: KnowledgeView, plan_id: str, hits: Sequence[FactHit]) -> Block:
    """The selected facts as they are: one line, or bullets."""
    name = province(view, plan_id)
    hits = [with_group(view, h) for h in hits]
    if len(hits) == 1:
        # One fact: all of it (an appendix row's lead, period and results end the line).
        lines = [f"{name}: {clip(render_fact(hits[0]), 700)}"]
    else:
        lines = [f"{name}:"] + [f"• {clip(render_fact(h), 320)}" for h in hits]
    return Block(plan_id, lines, _sources(hits, view), list(hits))


def section_label(section: str) -> str:
    code, title = section_code(section)
    return f"mục {code}" if code else title
