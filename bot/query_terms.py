"""A question in the plans' own terms: expansions, English glossary, evidence words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.lexicon import Lexicon, lexicon
from bot.query import Query
from bot.textnorm import tokenize, words

# The plans' own terms per intent and metric, the English glossary and the English function
# words are data: knowledge/lexicon/{intents,metrics,glossary_en,question_forms}.yaml.


def retrieval_text(query: Query) -> str:
    """The question plus the plans' own terms for its intent and metric."""
    lx = lexicon()
    extra = [_english_in_plan_terms(query, lx)] if query.language == "en" else []
    # A question with its own topic retrieves by it; the intent's plan terms would pull in
    # passages about the intent in general ("When is Vietnam Metrology Day?" is not about
    # the plan's timeline). An English topic counts its own words, not their translations.
    topic = query.topic_terms
    if query.language == "en":
        skip = lx.english_function_words | lx.english_form_words
        topic = tuple(t for t in topic if t not in skip)
    if len(topic) <= 2 and query.intent != "general":
        extra.append(lx.intent_terms.get(query.intent, ""))
    if (query.language == "en" or len(topic) <= 2) and query.metric not in (None, "other"):
        # An English question's metric words seldom match the plans' own ("accredited labs").
        extra.append(lx.metric_terms.get(query.metric, ""))
    return " ".join([query.text, *extra]).strip()


def evidence_terms(query: Query) -> list[str]:
    """Folded content words whose presence in the passages shows the plans cover the question.

    English questions count by the plan terms their words map to; in both languages the
    words that only say how a question is asked (question_forms.yaml) do not count.
    """
    if query.language == "en":
        lx = lexicon()
        # Content words: an agency named ("People's Committee") is who, not what, unless
        # it is all the question names ("What is the role of business associations?").
        skip = lx.english_form_words
        asked = [
            t for t in query.content_terms if t not in skip and t not in lx.english_function_words
        ]
        translated = _english_in_plan_terms(
            query, lx, skip=skip, terms=query.content_terms if asked else None
        )
        # The plan words they map to drop the plan's stop words, by the rule for Vietnamese
        # questions: a syllable with diacritics as written ("đo" stays), one without as
        # folded (the "Nam" of "Việt Nam" would match "năm", year).
        return [t for t in words(translated) if not _stop_as_written(t, translated, lx)]
    return list(query.content_terms)


def _stop_as_written(term: str, text: str, lx: Lexicon) -> bool:
    """Whether every occurrence of a folded term in text is a stop word as written."""
    forms = [t for t in tokenize(text) if t.folded == term]
    return bool(forms) and all(lx.is_stop(t) for t in forms)


def _english_in_plan_terms(
    query: Query,
    lx: Lexicon,
    skip: frozenset[str] = frozenset(),
    terms: Sequence[str] | None = None,
) -> str:
    """An English question's topic words (or ``terms``), translated where the glossary
    knows them."""
    return " ".join(
        english_term(t, lx)
        for t in (query.topic_terms if terms is None else terms)
        if t not in lx.english_function_words and t not in skip
    )


# Inflections an English word may carry that the glossary lists without ("supported").
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
)


def english_term(word: str, lx: Lexicon) -> str:
    """The plan's term for a folded English word, its inflections included; else the word."""
    if word in lx.english_terms:
        return lx.english_terms[word]
    for suffix, base in _SUFFIXES:
        stem = word[: -len(suffix)] + base
        if word.endswith(suffix) and len(stem) >= 3 and stem in lx.english_terms:
            return lx.english_terms[stem]
    return word


def effective_intent(query: Query) -> Query:
    """A recognised metric asks for a number (comparisons included)."""
    intent = query.intent
    measured = query.metric is not None and query.metric != "other"
    # A comparison compares targets only when it names something counted.
    if measured and intent in ("timeline", "general"):
        intent = "target"
    return query if intent == query.intent else replace(query, intent=intent)
