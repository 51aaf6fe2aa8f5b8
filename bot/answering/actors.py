"""Who does what, per plan: an agency's duties, the tasks of a section, who leads a task,
the agencies with duties. Pure functions over the knowledge view.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering.blocks import Block, hit_sources, plan_name, province, source_of
from bot.answering.rendering import clip, clip_around, short_section
from bot.answering.selection import FactHit, KnowledgeView, agency_matches, fact_hit
from bot.facts import Task
from bot.lexicon import lexicon
from bot.query import Query, find_agencies
from bot.query_terms import evidence_terms
from bot.textnorm import fold, words

TASK_TITLE_LIMIT = 110
# A lead answer names a task with expected results (an appendix row, which the asker names
# too) in about this many characters, so that its results come first.
LEAD_TASK_LIMIT = 90
DUTY_LIMIT = 150
# The tasks of a short list share about this many characters.
TASKS_BUDGET = 600
# An agency's duties share about this many characters: few duties are shown (nearly) whole,
# many are clipped to DUTY_LIMIT each.
DUTIES_BUDGET = 450


def duty_block(
    view: KnowledgeView, query: Query, plan_id: str, chosen: Sequence[FactHit]
) -> Block | None:
    """All duties of the agency asked about (or of the best-matching agency) as bullets."""
    pf = view.facts.get(plan_id)
    if pf is None or not pf.responsibilities:
        return None
    lines: list[str] = []
    if query.agency:
        matches = [r for r in pf.responsibilities if agency_matches(query.agency, r.agency)]
        successor = _successor_named(query)
        if not matches and successor:
            # "Sở Tài chính (trước là Sở KH&ĐT)": the plan gave the old department nothing;
            # the one it merged into, which the question names too, has duties here.
            matches = [r for r in pf.responsibilities if agency_matches(successor, r.agency)]
            if matches:
                lines.append(
                    f"{plan_name(view, plan_id)} không nêu nhiệm vụ riêng cho {query.agency}; "
                    f"nhiệm vụ của {successor}:"
                )
        if not matches:
            named = "; ".join(r.agency for r in pf.responsibilities)
            where = source_of(pf.responsibilities[0].section).split(" – ")[0]
            lines = [f"{plan_name(view, plan_id)} không nêu nhiệm vụ riêng cho {query.agency}."]
            mentions = agency_mentions(view, plan_id, query.agency)
            if mentions:
                # Where the plan does name it: a task for it, or a report it receives.
                lines.append(f"Kế hoạch nhắc đến {query.agency}:")
                names = lexicon().agency_aliases.get(query.agency, ())
                lines += [f"• {clip_around(m, names, 200, before=100)}" for _, m in mentions]
            lines.append(f"Các đơn vị được giao nhiệm vụ ({where}): {named}.")
            sources = list(dict.fromkeys(source_of(section) for section, _ in mentions))
            return Block(plan_id, lines, sources, negative=not mentions)
    else:
        # No agency named: the responsibility the question matched best.
        matches = [h.fact for h in chosen if h.kind == "responsibility"][:1]
        if not matches:
            return None
    if query.agency and query.agency_member:
        # A department the plan names only through its group ("Sở Công Thương" among "các
        # sở, ngành"): it has no duty of its own; the group's are what applies to it.
        lines.append(
            f"{plan_name(view, plan_id)} không nêu nhiệm vụ riêng cho {query.agency_member}; "
            "nhiệm vụ giao chung:"
        )
    hits: list[FactHit] = []
    # Duties that share the question's topic words ("… với kinh phí hàng năm") come first.
    topic = set(query.content_terms) - _agency_terms(query)
    for r in matches:
        duties = sorted(r.duties, key=lambda d: -len(topic & set(words(d))))
        shared, duties = common_lead(duties)
        lines.append(f"{r.agency} ({province(view, plan_id)}){' — ' + shared if shared else ''}:")
        limit = max(DUTY_LIMIT, DUTIES_BUDGET // max(1, len(duties)))
        lines += [f"• {clip(d.rstrip('.;'), limit)}." for d in duties]
        hits.append(fact_hit(plan_id, "responsibility", r, r.section, ""))
    return Block(plan_id, lines, hit_sources(hits, view), hits)


def _successor_named(query: Query) -> str | None:
    """The department the asked one merged into in 2025, when the question names it too."""
    entry = lexicon().agency(query.agency) if query.agency else None
    if entry is None or entry.merged_into is None:
        return None
    successor = entry.merged_into.agency
    return successor if any(name == successor for *_, name in find_agencies(query.text)) else None


def common_lead(items: Sequence[str], least: int = 3) -> tuple[str, list[str]]:
    """The words every item starts with ("Phối hợp với Sở Khoa học và Công nghệ"), said once
    (lower-cased, for a header), and the items without them; ("", items) when they share
    fewer than ``least`` words or there is only one item."""
    if len(items) < 2:
        return "", list(items)
    split = [d.split() for d in items]
    n = 0
    while all(len(w) > n + 1 and fold(w[n]) == fold(split[0][n]) for w in split):
        n += 1
    # End the shared words at a word the plans write before an object, not mid-name.
    while n and split[0][n - 1].endswith((",", ";")):
        n -= 1
    # Not when an item goes on naming partners ("… Công nghệ và Sở Tài chính cân đối …").
    if n < least or any(fold(w[n]) in ("va", "cung", "voi", "hoac") for w in split):
        return "", list(items)
    shared = " ".join(split[0][:n])
    rest = [" ".join(w[n:]) for w in split]
    return shared[:1].lower() + shared[1:], [x[:1].upper() + x[1:] for x in rest]


def actors_block(view: KnowledgeView, plan_id: str) -> Block | None:
    """Every agency the plan gives duties to, in the plan's order."""
    pf = view.facts.get(plan_id)
    if pf is None or not pf.responsibilities:
        return None
    hits = [fact_hit(plan_id, "responsibility", r, r.section, "") for r in pf.responsibilities]
    lines = [f"{province(view, plan_id)} — các đơn vị được giao nhiệm vụ:"]
    lines += [f"• {r.agency}" for r in pf.responsibilities]
    return Block(plan_id, lines, hit_sources(hits, view), hits)


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


def mention_pattern(agency: str) -> re.Pattern[str]:
    """A folded text's mentions of an agency by any alias, not inside a document number
    ("3807/QĐ-BKHCN" names no agency)."""
    aliases = lexicon().agency_aliases.get(agency, ()) or (fold(agency),)
    return re.compile("|".join(rf"(?<![-/])\b{re.escape(a)}\b" for a in aliases))


def agency_mentions(
    view: KnowledgeView, plan_id: str, agency: str, limit: int = 3
) -> list[tuple[str, str]]:
    """(section, sentence) of the plan's sentences that name an agency, outside its opening,
    headings and list of addressees ("Nơi nhận")."""
    pattern = mention_pattern(agency)
    out: list[tuple[str, str]] = []
    for i in view.search.plan_chunks.get(plan_id, []):
        c = view.search.chunks[i]
        if c.kind in ("closing", "signature", "section") or c.section.startswith("Phần mở đầu"):
            continue
        for piece in re.split(r"(?<=[.;])\s+", c.text):
            if pattern.search(fold(piece)) and len(out) < limit:
                out.append((c.section, piece.strip().lstrip("-• ").rstrip(";")))
    return out


def task_line(t: Task, limit: int = TASK_TITLE_LIMIT) -> str:
    parts = [clip(t.title.rstrip(". "), limit)]
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
    lines: list[str] = []
    listed: list[Task] = []
    # A few tasks share a budget (shown nearly whole); many are clipped to the title limit.
    limit = max(TASK_TITLE_LIMIT, TASKS_BUDGET // len(tasks))
    # A task that is another group's heading ("Đẩy mạnh công tác truyền thông …" under
    # mục II while mục II.5 is shown) is already said by that group's line.
    other_heads = {s: fold(" ".join(g for g in groups if g != s)) for s in groups}
    for section, items in groups.items():
        heads = [t for t in items if fold(t.title) in fold(section)]
        shown = [t for t in items if t not in heads or len(items) == 1]
        if len(groups) > 1:
            shown = [t for t in shown if fold(t.title.rstrip(". ")) not in other_heads[section]]
            if not shown:
                continue
            lines.append(f"{short_section(section)}:")
        lines += [f"• {task_line(t, limit)}" for t in shown]
        listed += shown
    lines.insert(0, f"{province(view, plan_id)} — {len(listed)} nhiệm vụ:")
    hits = [fact_hit(plan_id, "task", t, t.section, "") for t in listed]
    return Block(plan_id, lines, hit_sources(hits, view)[:3], hits)


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
                f"Việc: {clip(f.title.rstrip('. '), LEAD_TASK_LIMIT if f.results else 140)}"
                + (f" ({f.period})." if f.period else ".")
            )
            if f.results:
                # What the task should deliver, per period: the rest of an official's question.
                results = "; ".join(f"{r.period}: {r.result}" for r in f.results)
                lines.append(f"Kết quả dự kiến: {clip(results, 160)}.")
        else:
            duty = _best_duty(view, query, f.duties)
            lines.append(f"{name}: {f.agency}.")
            lines.append(f"Việc: {clip(duty.rstrip('.;'), DUTY_LIMIT)}.")
    return Block(plan_id, lines, hit_sources(keep, view), keep)


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
            return Block(plan_id, lines, hit_sources([hit], view), [hit], negative=True)
    return Block(plan_id, lines, negative=True)


def _best_duty(view: KnowledgeView, query: Query, duties: Sequence[str]) -> str:
    """The duty sharing the most of the question's words, the rarer ones counting more
    ("báo cáo cho ai": the reporting duty, not one that says "thực hiện kế hoạch")."""
    terms = set(query.content_terms or query.topic_terms)
    return max(duties, key=lambda d: sum(view.search.idf(w) for w in terms & set(words(d))))


def partners_of_block(view: KnowledgeView, query: Query, plan_id: str) -> Block | None:
    """Who works with the agency the question names ("ai phối hợp với Sở KH&CN tuyên
    truyền …"): other agencies' duties that say they work with it, and the partners of the
    tasks it leads; those sharing most of the question's words."""
    pf = view.facts.get(plan_id)
    if pf is None or not query.agency:
        return None
    terms = set(evidence_terms(query))
    if not terms:
        return None
    # What is done together is the question's rarest word ("tuyên truyền", not "doanh
    # nghiệp"): a duty without it is about something else.
    key = max(sorted(terms), key=view.search.idf)
    found: list[tuple[int, list[str], FactHit]] = []
    for r in pf.responsibilities:
        if agency_matches(query.agency, r.agency):
            continue
        for duty in r.duties:
            names = [name for *_, name in find_agencies(duty)]
            if "phoi hop" in fold(duty) and query.agency in names:
                hit = fact_hit(plan_id, "responsibility", r, r.section, duty)
                lines = [f"{r.agency} phối hợp.", f"Việc: {clip(duty.rstrip('.;'), DUTY_LIMIT)}."]
                found.append((_shared(terms, key, duty), lines, hit))
    for t in pf.tasks:
        if t.lead and t.partners and agency_matches(query.agency, t.lead):
            hit = fact_hit(plan_id, "task", t, t.section, t.title)
            lines = [
                f"phối hợp: {', '.join(t.partners)}.",
                f"Việc: {clip(t.title.rstrip('. '), TASK_TITLE_LIMIT)}.",
            ]
            found.append((_shared(terms, key, t.title), lines, hit))
    best = max((score for score, _, _ in found), default=0)
    if best == 0:
        return None
    name = province(view, plan_id)
    out: list[str] = []
    keep: list[FactHit] = []
    for score, lines, hit in found:
        if score == best and len(keep) < 2:
            out += [f"{name}: {lines[0]}", *lines[1:]]
            keep.append(hit)
    return Block(plan_id, out, hit_sources(keep, view), keep)


def _shared(terms: set[str], key: str, text: str) -> int:
    """How many of the question's words a text shares; none without the key word."""
    have = set(words(text))
    return len(terms & have) if key in have else 0
