"""Which curated facts answer a question: candidates per plan, scoring, selection."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.answering.hits import FactHit, fact_hit
from bot.answering.rendering import render_fact
from bot.facts import PlanFacts
from bot.index_store import PlanInfo
from bot.lexicon import lexicon
from bot.query import Query
from bot.query_terms import evidence_terms
from bot.retrieval import HybridIndex, SearchResult
from bot.textnorm import fold, words

SUPPORT_PASSAGES = 4
# A fact must score at least this to be shown instead of passages.
MIN_FACT_SCORE = 1.0
# Facts scoring within this share of the best one are shown with it.
KEEP_RATIO = 0.75
MAX_FACTS_PER_PLAN = 4


def _intent_kinds(intent: str) -> tuple[str, ...]:
    """The fact kinds an intent may use (knowledge/lexicon/intents.yaml), else general's."""
    kinds = lexicon().intent_kinds
    return kinds.get(intent, kinds["general"])


_KIND_LED_INTENTS = ("sectors", "scope", "funding", "signer", "legal", "tasks", "timeline")
_LIST_KINDS = ("funding", "scope", "sector", "body_task", "phase")


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


def _candidates(plan_id: str, pf: PlanFacts) -> list[FactHit]:
    out: list[FactHit] = []
    for t in pf.targets:
        text = f"{t.metric} {t.unit} {t.quote} {t.section}"
        out.append(fact_hit(plan_id, "target", t, t.section, text))
    for t in pf.tasks:
        # A row with a lead, a period or results is a task; a bare heading only lists tasks.
        kind = "task" if (t.lead or t.period or t.results) else "body_task"
        results = " ".join(f"{r.period} {r.result}" for r in t.results)
        text = f"{t.title} {t.lead or ''} {' '.join(t.partners)} {results} {t.quote} {t.section}"
        out.append(fact_hit(plan_id, kind, t, t.section, text))
        if kind == "task":
            # Appendix tasks also answer "what are the tasks" questions.
            out.append(fact_hit(plan_id, "body_task", t, t.section, text))
    for r in pf.responsibilities:
        text = f"{r.agency} {' '.join(r.duties)} {r.quote}"
        out.append(fact_hit(plan_id, "responsibility", r, r.section, text))
    for d in pf.plan.legal_basis:
        text = f"{d.number} {d.issuer or ''} {d.content} {d.quote}"
        text += " quyết định căn cứ văn bản"
        out.append(fact_hit(plan_id, "decision", d, "Căn cứ ban hành", text))
    for p in pf.plan.phases:
        text = f"{p.name} {p.start} {p.end} giai đoạn thời gian thực hiện kế hoạch {p.quote}"
        out.append(fact_hit(plan_id, "phase", p, "Thời gian thực hiện", text))
    for fs in pf.funding:
        text = f"{fs.source} {fs.covers or ''} nguồn kinh phí ngân sách {fs.quote}"
        out.append(fact_hit(plan_id, "funding", fs, fs.section, text))
    for s in pf.scope:
        text = f"{s.text} phạm vi đối tượng áp dụng"
        out.append(fact_hit(plan_id, "scope", s, "Phạm vi và đối tượng áp dụng", text))
    for sec in pf.priority_sectors:
        text = f"{sec.name} ngành lĩnh vực ưu tiên trọng tâm"
        out.append(fact_hit(plan_id, "sector", sec, "Ngành, lĩnh vực ưu tiên", text))
    for c in pf.clauses:
        out.append(fact_hit(plan_id, "clause", c, c.section, f"{c.text} {c.quote}"))
    for o in pf.objectives:
        text = f"{o.text} mục tiêu chung"
        out.append(fact_hit(plan_id, "objective", o, o.section, text))
    if pf.plan.signer or pf.plan.signer_title:
        signer = {
            "name": pf.plan.signer,
            "title": pf.plan.signer_title or "",
            "issuer": pf.plan.issuing_body,
        }
        text = f"người ký ban hành kế hoạch {pf.plan.signer or ''} {pf.plan.signer_title or ''}"
        out.append(fact_hit(plan_id, "signer", signer, "Người ký", text))
    return out


def _agency_words(name: str) -> set[str]:
    # "UBND" and "Ủy ban nhân dân" name the same body: abbreviations are spelled out
    # (abbreviation_words in knowledge/lexicon/agencies.yaml).
    spelled = lexicon().abbreviation_words
    return {s for w in words(fold(name)) for s in spelled.get(w, w).split()} - {"cac", "va"}


# A level of government below the province: "UBND" (the province's) is not "UBND các
# huyện" ("xã hội" is not a commune: whole phrases only).
_LOWER_LEVEL = re.compile(r"\b(huyen|cap xa|xa phuong|thi xa)\b")


def agency_matches(wanted: str, agency: str) -> bool:
    """Whether an agency named in a question is the agency of a fact."""
    want, have = _agency_words(wanted), _agency_words(agency)
    lower = _LOWER_LEVEL.search(fold(agency)) and not _LOWER_LEVEL.search(fold(wanted))
    if lower and "so" not in want:
        return False
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
    kinds = _intent_kinds(query.intent)
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
