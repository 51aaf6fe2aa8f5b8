"""A yes/no question's first line: "Có." with the clause that says so, or "Không." when the
plans never use a word the question hinges on (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

import bot.answering.blocks as b
from bot.answering.passages import best_clause
from bot.answering.rendering import clip_around
from bot.answering.selection import KnowledgeView
from bot.answering.shape import neutral_verbs, refers_to_plan
from bot.lexicon import lexicon
from bot.query import Query
from bot.query_terms import english_term, evidence_terms
from bot.retrieval import SearchResult
from bot.textnorm import words

# A yes/no answer's evidence: the lines below "Có." count if they show the question's words
# within this many characters; else a quote of this length comes first.
VERDICT_SEEN = 200
VERDICT_QUOTE = 200
# A clause another plan says it in, clipped to about this many characters.
ELSEWHERE_LIMIT = 220


class Verdict(NamedTuple):
    """A yes/no answer's first line, and the phrase a "Không" says the plans lack."""

    text: str
    lacking: str = ""


def yes_no_verdict(
    view: KnowledgeView,
    query: Query,
    result: SearchResult,
    blocks: Sequence[b.Block],
    documents: Sequence[str] = (),
) -> Verdict:
    """A yes/no question's first line: "Có." with the clause that says so, or "Không." when
    the plans never use a phrase the question hinges on ("nhiệt độ"; the number of a
    document named, "Quyết định 1322")."""
    if all(bl.negative for bl in blocks):
        return Verdict("Không.")
    lacks = {bl.plan: bl.negative for bl in blocks if bl.plan}
    if len(lacks) > 1 and any(lacks.values()) and not all(lacks.values()):
        # Asked of several plans, some say it and some do not: which is which.
        yes = ", ".join(b.province(view, p) for p, neg in lacks.items() if not neg)
        no = ", ".join(b.province(view, p) for p, neg in lacks.items() if neg)
        return Verdict(f"Có ở {yes}; không ở {no}.")
    plans = list(dict.fromkeys(bl.plan for bl in blocks if bl.plan)) or list(view.plans)
    unnamed = member_verdict(view, query, plans)
    if unnamed:
        return Verdict(unnamed, query.agency_member or "")
    if query.language == "en":
        # An English question hinges on the plan words its words translate to; those come
        # before the words the glossary does not know ("impose penalties": «xử phạt»).
        terms = evidence_terms(query)
        known = {w for term in _translated(query) for w in words(term)}
        tokens = sorted(terms, key=lambda w: w not in known)
    else:
        terms = list(query.content_terms)
        tokens = words(query.text)
    content = set(terms)
    # A content word of the question that the plans answering never use ("nhiệt độ"; Kon
    # Tum's "khen thưởng" asked of Bình Thuận): they do not say it.
    vocab = [view.search.plan_words.get(p, frozenset()) for p in plans]

    def unused(word: str) -> bool:
        return not any(word in v for v in vocab) and not _typo_of(word, vocab)

    for i, t in enumerate(tokens):
        number = t.isdigit() and t not in documents
        if t in content and not number and t not in neutral_verbs() and unused(t):
            shown = (
                _english_display(query, t)
                if query.language == "en"
                else _display(query, tokens, i, unused)
            )
            return Verdict(f"Không — kế hoạch không nêu «{shown}».", shown)
    # What a reader sees first of the lines below the verdict.
    text = "\n".join(bl_line for bl in blocks for bl_line in bl.lines)[:VERDICT_SEEN]
    said = f" {' '.join(words(text))} "
    # Pairs of the question's adjacent content words that the first lines do not show
    # (not the question's own verbs, "có phải …", nor its words for the plan, "kế hoạch").
    verbs = neutral_verbs()
    unsaid = [
        f"{a} {c}"
        for a, c in _adjacent(query, tokens)
        if a in content
        and c in content
        and a not in verbs
        and c not in verbs
        and not refers_to_plan(f"{a} {c}")
        and f" {a} {c} " not in said
    ]
    if not unsaid:
        return Verdict("Có.")
    if query.language == "en":
        # A plan term an English word translates to ("reference materials": «chất chuẩn»)
        # that the plans answering never write: they do not say it.
        for pair in unsaid:
            if not any(view.search.plan_has_phrase(p, pair) for p in plans):
                shown = _english_display(query, pair.split()[0])
                return Verdict(f"Không — kế hoạch không nêu «{shown}».", shown)
    for plan in plans:
        # The clause that carries what the first lines do not show ("tư nhân"), quoted
        # around those words.
        found = best_clause(view, result, terms, plan, phrases=unsaid, limit=VERDICT_QUOTE)
        if found:
            return Verdict(f"Có. Kế hoạch nêu: «{found[1]}»\n")
    return Verdict("Có.")


# A question word this long that is no syllable and one edit from a word the plans use is
# that word mistyped ("khen thưởg"), not a word they do not use.
TYPO_MIN_LETTERS = 5


# A folded Vietnamese syllable: onset, vowels, final. "thuog" cannot be one (a mistyped
# "thuong"); "nhiet" can (a word the plans do not use, though one edit from "nhiem").
_SYLLABLE = re.compile(
    r"(b|ch|c|d|gh|gi|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|qu|r|s|th|tr|t|v|x)?"
    r"[aeiouy]{1,3}(ch|c|m|ng|nh|n|p|t)?"
)


def _typo_of(word: str, vocab: Sequence[frozenset[str]]) -> bool:
    """Whether the word, which cannot be a Vietnamese syllable, is one edit (a letter
    missed, added, changed or swapped) from a word of the vocabularies."""
    if len(word) < TYPO_MIN_LETTERS or _SYLLABLE.fullmatch(word):
        return False
    return any(
        process.extractOne(word, v, scorer=OSA.distance, score_cutoff=1) is not None for v in vocab
    )


def member_verdict(view: KnowledgeView, query: Query, plans: Sequence[str]) -> str:
    """The verdict when the question names a department the plans know only through its
    group ("các sở, ngành"): "Không — … không nêu đích danh «Sở Công Thương»."; else ''."""
    member = query.agency_member
    phrase = " ".join(words(member or ""))
    if member and not any(view.search.plan_has_phrase(p, phrase) for p in plans):
        return f"Không — kế hoạch không nêu đích danh «{member}»."
    return ""


def _translated(query: Query) -> list[str]:
    """The plan terms (with diacritics) an English question's words translate to."""
    lx = lexicon()
    return [p for t in query.topic_terms if (p := english_term(t, lx)) != t]


def _adjacent(query: Query, tokens: Sequence[str]) -> list[tuple[str, str]]:
    """Adjacent word pairs of the question; of an English one, within each plan term its
    words translate to ("tư nhân"), not across two of them."""
    if query.language != "en":
        return list(zip(tokens, tokens[1:], strict=False))
    pairs: list[tuple[str, str]] = []
    for term in _translated(query):
        parts = words(term)
        pairs += list(zip(parts, parts[1:], strict=False))
    return pairs


def _english_display(query: Query, token: str) -> str:
    """The plan term an English question's word translated to that holds the token; else
    the token."""
    return next((term for term in _translated(query) if token in words(term)), token)


def _display(query: Query, tokens: Sequence[str], i: int, unseen: Callable[[str], bool]) -> str:
    """The question's own spelling of token i with its content-word neighbours (the word
    before only when the plans do not use it either: "nhỏ", not "nghiệp nhỏ")."""
    raw = [w.strip("?.,!;:()[]\"'“”«»") for w in query.text.split()]
    folded = [" ".join(words(w)) for w in raw]
    # The typed word that holds the token ("ISO/IEC" for "iso").
    k = next((j for j, f in enumerate(folded) if tokens[i] in f.split()), -1)
    if k < 0:
        return tokens[i]
    content = set(query.content_terms)

    def joins(j: int) -> bool:
        # A content word of the question ("độ" of "nhiệt độ"), not a function word ("và")
        # nor a province's name ("Bình").
        return 0 <= j < len(raw) and folded[j] != "khong" and folded[j] in content

    # A two-syllable word at most: the word after ("xử phạt" in "quy định xử phạt"), else
    # the word before ("trực tiếp").
    end = k + 2 if joins(k + 1) else k + 1
    start = k - 1 if end == k + 1 and joins(k - 1) and unseen(folded[k - 1]) else k
    return " ".join(raw[start:end])


def elsewhere_block(view: KnowledgeView, lacking: str, plans: Sequence[str]) -> b.Block | None:
    """When a plan does not say what a yes/no asks but another plan does ("khen thưởng" is
    Kon Tum's word, not Bình Thuận's), where that other plan says it, labelled as such."""
    phrase = " ".join(words(lacking))
    for other in view.plans:
        if other in plans or not phrase:
            continue
        for i in view.search.plan_chunks.get(other, ()):
            c = view.search.chunks[i]
            said = f" {phrase} " in view.search.chunk_folded[i]
            if not said or c.kind in ("section", "appendix_title"):
                continue
            clause = clip_around(c.text, [phrase], ELSEWHERE_LIMIT)
            line = f"(Để đối chiếu: {b.plan_name(view, other)} có nêu — «{clause}».)"
            return b.Block(other, [line], [b.source_of(c.section)])
    return None
