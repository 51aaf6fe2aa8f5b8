"""Answer building: facts first, passages as fallback, honest abstention. Pure functions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.answers import Answer, Passage
from bot.facts import (
    Decision,
    PlanFacts,
    Responsibility,
    Target,
    Task,
)
from bot.index_store import PlanInfo
from bot.query import Query
from bot.retrieval import HybridIndex, SearchResult
from bot.textnorm import collapse_ws, fold, words

TOP_K = 8
SUPPORT_PASSAGES = 4
SHOWN_PASSAGES = 5
# Below this relevance (see retrieval.SearchResult.relevance) the plans do not answer.
ABSTAIN_BELOW = 0.5
# ... and below this one when the question names a covered province and asks a recognised
# kind of plan question (targets, who leads, duties, phases, funding, …).
ABSTAIN_BELOW_NAMED = 0.3
# A fact must score at least this to be shown instead of passages.
MIN_FACT_SCORE = 1.0
# Facts scoring within this share of the best one are shown with it.
KEEP_RATIO = 0.75
MAX_FACTS_PER_PLAN = 4
PASSAGES_PER_PLAN = 2
MAX_PASSAGE_BLOCKS = 3

# English and generic question cues mapped to the plans' Vietnamese terms, so the lexical
# retriever can match questions typed in English or with few content words.
_EXPANSIONS: dict[str, str] = {
    "target": "mục tiêu ít nhất",
    "lead": "chủ trì phối hợp",
    "duties": "nhiệm vụ trách nhiệm",
    "timeline": "thời gian thực hiện giai đoạn",
    "funding": "kinh phí nguồn ngân sách",
    "legal": "quyết định căn cứ",
    "scope": "phạm vi đối tượng áp dụng",
    "sectors": "ngành lĩnh vực trọng tâm",
    "signer": "người ký chủ tịch",
    "tasks": "nhiệm vụ và giải pháp",
}
_METRIC_TERMS: dict[str, str] = {
    "training": "đào tạo bồi dưỡng tập huấn lượt người",
    "enterprises": "doanh nghiệp Chương trình đảm bảo đo lường",
    "standards": "chuẩn đo lường chất chuẩn giữ chuẩn",
    "labs": "phòng thí nghiệm được công nhận",
    "service_orgs": "tổ chức dịch vụ kiểm định hiệu chuẩn",
    "communication": "tuyên truyền tin bài",
    "cooperation": "phối hợp lượt",
}
# Domain words of English questions (foreign-invested enterprises) in the plans' terms.
_ENGLISH_TERMS: dict[str, str] = {
    "enterprise": "doanh nghiệp",
    "enterprises": "doanh nghiệp",
    "business": "doanh nghiệp",
    "businesses": "doanh nghiệp",
    "company": "doanh nghiệp",
    "companies": "doanh nghiệp",
    "survey": "khảo sát",
    "surveying": "khảo sát",
    "select": "lựa chọn",
    "selection": "lựa chọn",
    "train": "đào tạo bồi dưỡng",
    "trained": "đào tạo bồi dưỡng",
    "training": "đào tạo",
    "people": "lượt người",
    "staff": "cán bộ",
    "standard": "chuẩn đo lường",
    "standards": "chuẩn đo lường chất chuẩn",
    "lab": "phòng thí nghiệm",
    "labs": "phòng thí nghiệm",
    "laboratory": "phòng thí nghiệm",
    "laboratories": "phòng thí nghiệm",
    "accredited": "được công nhận",
    "funding": "kinh phí",
    "funds": "kinh phí",
    "budget": "ngân sách",
    "money": "kinh phí",
    "phase": "giai đoạn",
    "phases": "giai đoạn",
    "period": "giai đoạn thời gian",
    "deadline": "thời gian thực hiện",
    "plan": "kế hoạch",
    "finance": "tài chính",
    "science": "khoa học",
    "technology": "công nghệ",
    "information": "thông tin",
    "communications": "truyền thông",
    "communication": "truyền thông tuyên truyền",
    "media": "báo chí truyền thông",
    "news": "tin bài",
    "sector": "ngành lĩnh vực",
    "sectors": "ngành lĩnh vực",
    "priority": "ưu tiên trọng tâm",
    "measurement": "đo lường",
    "metrology": "đo lường",
    "calibration": "hiệu chuẩn",
    "verification": "kiểm định",
    "testing": "thử nghiệm",
    "inspection": "thanh tra kiểm tra",
    "report": "báo cáo",
    "reports": "báo cáo",
    "legal": "căn cứ",
    "decision": "quyết định",
    "signed": "ký",
    "signer": "người ký",
    "scope": "phạm vi",
    "apply": "áp dụng",
    "applies": "áp dụng",
    "target": "mục tiêu",
    "targets": "mục tiêu",
    "goal": "mục tiêu",
    "goals": "mục tiêu",
    "support": "hỗ trợ",
    "infrastructure": "hạ tầng",
    "department": "sở",
    "planning": "kế hoạch",
    "investment": "đầu tư",
    "districts": "huyện",
    "district": "huyện",
    "associations": "hiệp hội",
    "association": "hiệp hội",
    "tasks": "nhiệm vụ",
    "task": "nhiệm vụ",
    "duties": "nhiệm vụ",
    "role": "nhiệm vụ",
    "lead": "chủ trì",
    "leads": "chủ trì",
    "coordinate": "phối hợp",
    "coordinates": "phối hợp",
    "partners": "phối hợp",
    "monitoring": "kiểm tra",
    "organizations": "tổ chức",
    "organisations": "tổ chức",
    "day": "ngày",
    "annual": "hằng năm",
    "annually": "hằng năm",
    "yearly": "hằng năm",
    "often": "định kỳ hằng năm",
    "review": "kiểm tra rà soát",
    "reviewed": "kiểm tra rà soát",
    "responsible": "chủ trì trách nhiệm",
    "service": "dịch vụ",
    "services": "dịch vụ",
    "national": "quốc gia",
    "scheme": "đề án",
    "project": "đề án",
    "approved": "phê duyệt",
    "approve": "phê duyệt",
    "approves": "phê duyệt",
    "province": "tỉnh",
    "provincial": "tỉnh",
}
_ENGLISH_FUNCTION_WORDS = frozenset(
    "i we you my our your me us what which who whom how many much when where why is are was "
    "were be been the a an of in on to by for from does do did will would can could should "
    "it its this that these there have has had and or with about".split()
)
_INTENT_KINDS: dict[str, tuple[str, ...]] = {
    "target": ("target", "task"),
    "lead": ("task", "responsibility"),
    "duties": ("responsibility",),
    "timeline": ("phase", "task"),
    "funding": ("funding",),
    "legal": ("decision",),
    "scope": ("scope",),
    "sectors": ("sector",),
    "signer": ("signer",),
    "tasks": ("body_task",),
    "general": ("target", "task", "responsibility", "decision", "phase", "funding", "scope"),
}
_KIND_LED_INTENTS = ("sectors", "scope", "funding", "signer", "legal", "tasks", "timeline")
_LIST_KINDS = ("funding", "scope", "sector", "body_task", "phase")


@dataclass(frozen=True)
class FactHit:
    """A candidate fact with its plan and kind, and its words precomputed for matching."""

    plan: str
    kind: str
    fact: Any
    section: str
    match_words: frozenset[str] = frozenset()
    quote_words: tuple[str, ...] = ()
    score: float = 0.0

    def scored(self, score: float) -> FactHit:
        return replace(self, score=score)


@dataclass(frozen=True)
class KnowledgeView:
    """What answering reads: plans, their facts (as match-ready candidates), the search."""

    plans: dict[str, PlanInfo]
    facts: dict[str, PlanFacts]
    search: HybridIndex
    candidates: dict[str, tuple[FactHit, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, plans: dict[str, PlanInfo], facts: dict[str, PlanFacts], search: HybridIndex
    ) -> KnowledgeView:
        """Precompute every fact's match words once per index, not once per question."""
        candidates = {pid: tuple(_candidates(pid, pf)) for pid, pf in facts.items()}
        return cls(plans, facts, search, candidates)


# ---------------------------------------------------------------- formatting helpers


def province_label(view: KnowledgeView, plan_id: str) -> str:
    info = view.plans.get(plan_id)
    return info.province if info else plan_id


_MARKER = re.compile(r"^([IVX]+|\d+(?:\.\d+)*|[a-zđ])(?:[.)]\s*|\s+|$)")


def short_section(section: str) -> str:
    """'II. NHIỆM VỤ … › 3. Tăng cường …' → 'mục II.3 (Tăng cường …)'."""
    parts = [p.strip() for p in section.split("›") if p.strip()]
    prefix = ""
    if parts and parts[0].lower().startswith("phụ lục"):
        prefix, parts = "Phụ lục, ", parts[1:]
    if not parts:
        return prefix.rstrip(", ") or section
    markers = []
    for part in parts:
        m = _MARKER.match(part)
        if not m:
            return prefix + " › ".join(parts)
        markers.append(m.group(1).rstrip("."))
    titles = [_MARKER.sub("", p) for p in parts]
    last = next((t for t in reversed(titles) if t), "")
    code = ".".join(markers)
    return f"{prefix}mục {code}" + (f" ({_clip(last, 60)})" if last else "")


def _clip(text: str, limit: int) -> str:
    text = collapse_ws(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def render_target(t: Target) -> str:
    when = f"Đến năm {t.year}" if t.year else f"Giai đoạn {t.period}" if t.period else "Mục tiêu"
    if t.value is None:
        return f"{when}: {t.metric}"
    qualifier = f"{t.qualifier} " if t.qualifier else ""
    metric = t.metric
    if fold(metric).startswith(fold(t.unit)):
        return f"{when}: {qualifier}{_num(t.value)} {metric}"
    return f"{when}: {qualifier}{_num(t.value)} {t.unit} ({metric})"


def render_task(t: Task) -> str:
    parts = [t.title.rstrip(".")]
    if t.lead:
        parts.append(f"chủ trì: {t.lead}")
    if t.partners:
        parts.append(f"phối hợp: {', '.join(t.partners)}")
    if t.period and not t.results:
        parts.append(f"thời gian: {t.period}")
    if t.results:
        parts.append("kết quả dự kiến: " + "; ".join(f"{r.period}: {r.result}" for r in t.results))
    return " — ".join(parts[:1]) + (" — " + "; ".join(parts[1:]) if parts[1:] else "")


def render_responsibility(r: Responsibility) -> str:
    return f"{r.agency}: " + " ".join(d if d.endswith(".") else d + "." for d in r.duties)


def render_decision(d: Decision) -> str:
    head = f"Quyết định số {d.number}"
    if d.date:
        head += f" ngày {d.date}"
    if d.issuer:
        head += f" của {d.issuer}"
    return f"{head}: {d.content}"


def render_fact(hit: FactHit) -> str:
    f = hit.fact
    match hit.kind:
        case "target":
            return render_target(f)
        case "task" | "body_task":
            return render_task(f)
        case "responsibility":
            return render_responsibility(f)
        case "decision":
            return render_decision(f)
        case "phase":
            return f"{f.name}: từ năm {f.start} đến năm {f.end}"
        case "funding":
            return f.source + (f" ({f.covers})" if f.covers else "")
        case "scope":
            return f.text
        case "sector":
            return f.name
        case "signer":
            if f["name"]:
                return f"Người ký: {f['title']} {f['name']}".replace("  ", " ").strip()
            return f"Văn bản không ghi tên người ký; chức danh ký: {f['title']}"
    return str(f)


# ---------------------------------------------------------------- fact candidates


def _hit(plan_id: str, kind: str, fact: Any, section: str, match_text: str) -> FactHit:
    quote = getattr(fact, "quote", "")
    return FactHit(plan_id, kind, fact, section, frozenset(words(match_text)), tuple(words(quote)))


def _candidates(plan_id: str, pf: PlanFacts) -> list[FactHit]:
    out: list[FactHit] = []
    for t in pf.targets:
        text = f"{t.metric} {t.unit} {t.quote} {t.section}"
        out.append(_hit(plan_id, "target", t, t.section, text))
    for t in pf.tasks:
        # A row with a lead, a period or results is a task; a bare heading only lists tasks.
        kind = "task" if (t.lead or t.period or t.results) else "body_task"
        results = " ".join(f"{r.period} {r.result}" for r in t.results)
        text = f"{t.title} {t.lead or ''} {' '.join(t.partners)} {results} {t.quote} {t.section}"
        out.append(_hit(plan_id, kind, t, t.section, text))
        if kind == "task":
            # Appendix tasks also answer "what are the tasks" questions.
            out.append(_hit(plan_id, "body_task", t, t.section, text))
    for r in pf.responsibilities:
        text = f"{r.agency} {' '.join(r.duties)} {r.quote}"
        out.append(_hit(plan_id, "responsibility", r, r.section, text))
    for d in pf.plan.legal_basis:
        text = f"{d.number} {d.issuer or ''} {d.content} {d.quote}"
        text += " quyết định căn cứ văn bản"
        out.append(_hit(plan_id, "decision", d, "Căn cứ ban hành", text))
    for p in pf.plan.phases:
        text = f"{p.name} {p.start} {p.end} giai đoạn thời gian thực hiện kế hoạch {p.quote}"
        out.append(_hit(plan_id, "phase", p, "Thời gian thực hiện", text))
    for fs in pf.funding:
        text = f"{fs.source} {fs.covers or ''} nguồn kinh phí ngân sách {fs.quote}"
        out.append(_hit(plan_id, "funding", fs, fs.section, text))
    for s in pf.scope:
        text = f"{s.text} phạm vi đối tượng áp dụng"
        out.append(_hit(plan_id, "scope", s, "Phạm vi và đối tượng áp dụng", text))
    for sec in pf.priority_sectors:
        text = f"{sec.name} ngành lĩnh vực ưu tiên trọng tâm"
        out.append(_hit(plan_id, "sector", sec, "Ngành, lĩnh vực ưu tiên", text))
    if pf.plan.signer or pf.plan.signer_title:
        signer = {"name": pf.plan.signer, "title": pf.plan.signer_title or ""}
        text = f"người ký ban hành kế hoạch {pf.plan.signer or ''} {pf.plan.signer_title or ''}"
        out.append(_hit(plan_id, "signer", signer, "Người ký", text))
    return out


def _agency_words(name: str) -> set[str]:
    # "UBND" and "Ủy ban nhân dân" name the same body.
    return set(words(fold(name).replace("ubnd", "uy ban nhan dan"))) - {"cac", "va"}


def agency_matches(wanted: str, agency: str) -> bool:
    """Whether an agency named in a question is the agency of a fact."""
    want, have = _agency_words(wanted), _agency_words(agency)
    return bool(want) and (want <= have or have <= want)


def _support(hit: FactHit, top_words: list[tuple[set[str], float]]) -> float:
    """How strongly the retrieved passages back this fact (its quote inside a top passage)."""
    q_words = hit.quote_words
    if not q_words:
        return 0.0
    best = 0.0
    for rank, (chunk_words, strength) in enumerate(top_words):
        overlap = sum(1 for w in q_words if w in chunk_words) / len(q_words)
        if overlap >= 0.85:
            best = max(best, (1.0 - rank * 0.2) * strength)
    return best


@dataclass(frozen=True)
class _Evidence:
    """Per-question inputs of fact scoring, computed once per question."""

    terms: list[str]
    idf: dict[str, float]
    # Per plan: (words, strength) of its best passages; strength is the passage's fused
    # score relative to the best passage of the whole search.
    top_words: dict[str, list[tuple[set[str], float]]]


def _evidence(query: Query, view: KnowledgeView, result: SearchResult) -> _Evidence:
    terms = evidence_terms(query)
    top_words: dict[str, list[tuple[set[str], float]]] = {}
    best = result.hits[0].score if result.hits and result.hits[0].score > 0 else 1.0
    for h in result.hits:
        ranked = top_words.setdefault(h.chunk.plan, [])
        # Only each plan's first few passages count: lower ones are weak evidence.
        if len(ranked) < SUPPORT_PASSAGES:
            ranked.append((view.search.text_words[h.index], max(0.0, h.score / best)))
    return _Evidence(terms, {t: view.search.idf(t) for t in terms}, top_words)


def _score(hit: FactHit, query: Query, ev: _Evidence) -> float:
    total = sum(ev.idf.values()) or 1.0
    lexical = sum(ev.idf[t] for t in ev.terms if t in hit.match_words) / total
    support = _support(hit, ev.top_words.get(hit.plan, []))
    score = 1.2 * lexical + 1.0 * support
    f = hit.fact
    if hit.kind == "target":
        if query.metric:
            score += 0.8 if f.category == query.metric else -1.0
        if query.years:
            if f.year in query.years or (f.period and any(str(y) in f.period for y in query.years)):
                score += 0.6
            else:
                score -= 1.5
    if (
        hit.kind == "task"
        and query.years
        and f.results
        and not any(any(str(y) in r.period for y in query.years) for r in f.results)
    ):
        score -= 0.3
    if hit.kind == "responsibility" and query.agency:
        score += 1.0 if agency_matches(query.agency, f.agency) else -1.0
    if query.intent == "timeline" and hit.kind == "phase" and lexical > 0:
        score += 0.5  # the plan's own phases answer "when" unless a task is named
    if query.intent == "lead" and hit.kind == "task" and not f.lead:
        score -= 1.0
    if query.intent in _KIND_LED_INTENTS and (lexical >= 0.2 or support >= 0.6):
        # For these intents the kind of fact is the strongest cue, once the topic matches.
        score += 0.8
    return score


def select_facts(
    view: KnowledgeView, query: Query, result: SearchResult, plan_ids: Sequence[str]
) -> dict[str, list[FactHit]]:
    """The facts that answer the question, per plan, best first."""
    kinds = _INTENT_KINDS.get(query.intent, _INTENT_KINDS["general"])
    ev = _evidence(query, view, result)
    chosen: dict[str, list[FactHit]] = {}
    for pid in plan_ids:
        cands = [
            c.scored(_score(c, query, ev)) for c in view.candidates.get(pid, ()) if c.kind in kinds
        ]
        if query.intent == "general":
            # Without a recognised intent, only facts quoted by the top passages are safe.
            cands = [c for c in cands if _support(c, ev.top_words.get(pid, [])) >= 0.6]
        cands.sort(key=lambda c: -c.score)
        if not cands or cands[0].score < MIN_FACT_SCORE:
            continue
        best = cands[0].score
        if cands[0].kind in _LIST_KINDS:
            keep = [c for c in cands if c.kind == cands[0].kind and c.score >= best - 1.0]
        else:
            keep = [c for c in cands if c.score >= KEEP_RATIO * best]
            if cands[0].kind == "target":
                # A target answers "how many": appendix rows would only repeat it in pieces.
                keep = [c for c in keep if c.kind == "target"]
            keep = keep[:MAX_FACTS_PER_PLAN]
            if query.intent == "target":
                # The plan's own targets first, by milestone, then appendix results.
                keep.sort(key=lambda c: (c.kind != "target", getattr(c.fact, "year", 0) or 0))
        chosen[pid] = _dedupe(keep)
    return chosen


def _dedupe(hits: list[FactHit]) -> list[FactHit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        key = render_fact(h)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


def fact_json(hit: FactHit) -> dict[str, Any]:
    f = hit.fact
    data = f.model_dump(mode="json") if hasattr(f, "model_dump") else dict(f)
    return {"kind": hit.kind, "plan": hit.plan, "section": hit.section, **data}


# ---------------------------------------------------------------- answers


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


def retrieval_text(query: Query) -> str:
    """The question plus the plans' own terms for its intent and metric."""
    extra = [_english_in_plan_terms(query)] if query.language == "en" else []
    if query.language == "en" or len(query.topic_terms) <= 2:
        if query.intent != "general":
            extra.append(_EXPANSIONS.get(query.intent, ""))
        if query.metric and query.metric != "other":
            extra.append(_METRIC_TERMS.get(query.metric, ""))
    return " ".join([query.text, *extra]).strip()


def evidence_terms(query: Query) -> list[str]:
    """Folded content words whose presence in the passages shows the plans cover the question.

    English questions count by the plan terms their recognised intent and metric map to.
    """
    if query.language == "en":
        return words(_english_in_plan_terms(query))
    return list(query.content_terms)


def _english_in_plan_terms(query: Query) -> str:
    """An English question's content words, translated where the glossary knows them."""
    return " ".join(
        _ENGLISH_TERMS.get(t, t) for t in query.topic_terms if t not in _ENGLISH_FUNCTION_WORDS
    )


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
        blocks.append(f"Theo Kế hoạch tỉnh {name} ({where}):\n{_clip(h.chunk.text, 600)}")
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


def _effective_intent(query: Query) -> Query:
    """A recognised metric asks for a number; a comparison compares targets."""
    intent = query.intent
    if (
        query.metric
        and query.metric != "other"
        and intent in ("timeline", "general")
        or query.compare
        and intent == "general"
    ):
        intent = "target"
    return query if intent == query.intent else replace(query, intent=intent)


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
    query = _effective_intent(query)
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
                facts.append(fact_json(_hit(pid, "target", t, t.section, "")))
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
