"""Whether the plans answer a question: the retrieval evidence, the cues, the names and
numbers it gives (a pure decision over a parsed question and its search result)."""

from __future__ import annotations

from bot.answering.selection import KnowledgeView
from bot.answering.shape import Ask
from bot.provinces import find_provinces
from bot.query import Query
from bot.query_terms import evidence_terms
from bot.retrieval import SearchResult
from bot.shorthand import expand_shorthand
from bot.textnorm import tokenize, words

# Below this relevance (see retrieval.SearchResult.relevance) the plans do not answer.
ABSTAIN_BELOW = 0.5
# ... and below this one when the question names a covered province and asks a recognised
# kind of plan question (targets, who leads, duties, phases, funding, …).
ABSTAIN_BELOW_NAMED = 0.3
# Numbers in this range are years, not document numbers.
YEARS = (1945, 2100)


def plans_answer(
    view: KnowledgeView, query: Query, ask: Ask, result: SearchResult, names_plan: bool
) -> bool:
    """Whether the plans answer the question, from the retrieval evidence and the cues."""
    if names_plan and ask.yesno and ask.refers_to_plan:
        # "Does Kon Tum's plan set penalties …?" asks what a named plan says: "Không — kế
        # hoạch không nêu …" with what it does say is the answer, not a refusal.
        return True
    specific = query.cued and query.intent != "general" and query.metric != "other"
    if specific and query.language == "vi" and not query.content_terms:
        # Nothing but named entities and a plan-question cue: "Sở Tài chính làm gì?".
        return True
    # A question that names a plan's province and asks a recognised kind of plan question
    # is about the plan even when few of its words occur there ("chia làm mấy giai đoạn").
    # Comparing provinces on a measurement metric (people trained, labs …) is a plan question.
    about_plan = names_plan or (query.compare and query.metric not in (None, "other"))
    cited = {
        h.fact.number.split("/")[0]
        for hits in view.candidates.values()
        for h in hits
        if h.kind == "decision"
    }
    numbers = [t for t in words(query.folded) if t.isdigit()]

    # A year is such evidence only beside a word the plans use: alone, it is any question
    # about the year's events ("Who won the 2026 World Cup?").
    def worded() -> bool:
        return any(not t.isdigit() and t in view.search.doc_freq for t in evidence_terms(query))

    if any(
        t in cited or (len(t) >= 4 and t in view.search.doc_freq and (not _year(t) or worded()))
        for t in numbers
    ):
        # A document number the plans cite ("82/QĐ-BKHCN", "17025") is precise evidence.
        return True
    both_plans = query.compare and ask.refers_to_plan
    if (names_plan or both_plans) and specific and not _mostly_foreign(view, query):
        # A recognised plan question about a named plan, or about "the two plans": the
        # plans answer, or say they lack it.
        return True
    if query.agency and query.intent in ("duties", "lead") and (names_plan or query.compare):
        # An agency's part in a named plan (or in the provinces' plans side by side), asked
        # in words the plans may not use ("có phải báo cáo lên Bộ … không?").
        return True
    # "BT có quy định hạn nộp báo cáo không?" asks what a named plan says, like a recognised
    # plan question does.
    named_question = about_plan and (specific or (ask.yesno and _plan_is_subject(view, query)))
    threshold = ABSTAIN_BELOW_NAMED if named_question else ABSTAIN_BELOW
    return result.relevance >= threshold


def _year(number: str) -> bool:
    """Whether a number reads as a year of these plans' era."""
    return len(number) == 4 and YEARS[0] <= int(number) <= YEARS[1]


def _mostly_foreign(view: KnowledgeView, query: Query) -> bool:
    """Whether at least half of the question's content words, typed with diacritics, are
    words the plans never write ("nhà thờ gỗ … năm nào" names a province and asks "when",
    but not about its plan)."""
    content = set(query.content_terms)
    typed = [t.raw for t in tokenize(query.text) if t.raw != t.folded and t.folded in content]
    if len(typed) < 2:
        return False
    unseen = [w for w in typed if w not in view.search.syllables]
    return 2 * len(unseen) >= len(typed)


def _plan_is_subject(view: KnowledgeView, query: Query) -> bool:
    """Whether the question opens with a plan's province ("BT có quy định … không?"), not
    with something in it ("Công ty xăng dầu ở Kon Tum có … không?")."""
    plans = {pid: info.province for pid, info in view.plans.items()}
    text = expand_shorthand(query.text, plans.values()).lstrip(" \"'“(")
    return any(m.char_start == 0 and m.plan_id for m in find_provinces(text, plans))
