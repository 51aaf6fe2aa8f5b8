"""Hybrid retrieval: a dense and a lexical retriever, fused, plus relevance evidence.

The pieces live in bot.retrievers: DenseRetriever (FAISS over the passage embeddings),
LexicalRetriever (BM25 over folded text) and fuse() (min-max normalised, weighted sum).
HybridIndex composes them over one loaded index, restricts to the plans asked about, and
measures how much of the question the best passages cover (the relevance evidence; its
model's parameters are data, read by bot.relevance_model). Question words (knowledge/
lexicon/question_forms.yaml) neither retrieve passages nor count as evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from bot.chunking import Chunk
from bot.embedding import Encoder
from bot.index_store import LoadedIndex
from bot.lexicon import lexicon
from bot.relevance_model import load_relevance_model
from bot.retrievers.base import Retriever
from bot.retrievers.dense import DenseRetriever
from bot.retrievers.fusion import fuse
from bot.retrievers.lexical import LexicalRetriever
from bot.textnorm import tokenize, words


@dataclass(frozen=True)
class Hit:
    """One ranked chunk with the evidence of both retrievers."""

    index: int
    chunk: Chunk
    score: float
    dense: float
    lexical: float


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits plus the relevance evidence for the whole query."""

    hits: list[Hit]
    dense_top: float
    word_coverage: float
    pair_coverage: float

    @property
    def features(self) -> tuple[float, float, float]:
        """The relevance model's inputs, in bot.relevance_model.FEATURES order."""
        return (self.dense_top, self.word_coverage, self.pair_coverage)

    @property
    def relevance(self) -> float:
        """Probability-like relevance in [0, 1] from both retrievers' top evidence."""
        return load_relevance_model().probability(self.features)


class HybridIndex:
    """Dense and lexical search over the chunks of a loaded index."""

    def __init__(self, loaded: LoadedIndex, encoder: Encoder) -> None:
        self.chunks = loaded.chunks
        self.dense: Retriever = DenseRetriever(loaded.vectors, encoder)
        self.lexical = LexicalRetriever([c.search_text for c in self.chunks])
        self.doc_freq = self.lexical.doc_freq
        self.plan_of = np.array([c.plan for c in self.chunks])
        self.plan_chunks: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            self.plan_chunks.setdefault(c.plan, []).append(i)
        # Per-chunk unigram sets: how much of a question a passage covers.
        self.chunk_words = [set(words(c.search_text)) for c in self.chunks]
        # The passage's own words (without its heading context): what it quotes.
        self.text_words = [set(words(c.text)) for c in self.chunks]
        self.chunk_folded = [f" {' '.join(words(c.search_text))} " for c in self.chunks]
        # Each plan's folded words: whether a plan ever uses a word.
        self.plan_words = {
            plan: frozenset().union(*(self.chunk_words[i] for i in ids))
            for plan, ids in self.plan_chunks.items()
        }
        # Syllables as the plans write them (with diacritics): "thờ" and "gỗ" are not there
        # even though "thơ" and "gỡ" fold alike.
        self.syllables = frozenset(t.raw for c in self.chunks for t in tokenize(c.search_text))

    def quoting_chunk(self, plan: str, quote_words: Sequence[str]) -> int | None:
        """The plan's passage that contains a quote (by its words), best match first."""
        if not quote_words:
            return None
        best, best_share = None, 0.85
        for i in self.plan_chunks.get(plan, ()):
            words_here = self.text_words[i]
            share = sum(1 for w in quote_words if w in words_here) / len(quote_words)
            if share > best_share or (share == best_share and best is None):
                best, best_share = i, share
        return best

    def plan_has_phrase(self, plan: str, phrase: str) -> bool:
        """Whether any passage of a plan contains a folded phrase (whole words)."""
        needle = f" {phrase} "
        return any(needle in self.chunk_folded[i] for i in self.plan_chunks.get(plan, ()))

    def idf(self, token: str) -> float:
        """Inverse document frequency of a folded token over the passages."""
        return self.lexical.idf(token)

    def _coverage(self, terms: list[str], top: list[int]) -> tuple[float, float]:
        """Share of the question's words (IDF-weighted) and word pairs in the best passages."""
        if not terms or not top:
            return 0.0, 0.0
        present = set().union(*(self.chunk_words[i] for i in top))
        total = sum(self.idf(w) for w in terms)
        found = sum(self.idf(w) for w in terms if w in present)
        pairs = [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)]
        text = " ".join(self.chunk_folded[i] for i in top)
        pair_share = sum(1 for p in pairs if f" {p} " in text) / len(pairs) if pairs else 0.0
        return (found / total if total else 0.0), pair_share

    def search(
        self,
        query: str,
        plan_ids: Collection[str] | None = None,
        k: int = 5,
        evidence_terms: Sequence[str] | None = None,
    ) -> SearchResult:
        """Top-k chunks (restricted to plan_ids when given) with relevance evidence.

        evidence_terms: the folded content words whose coverage measures relevance (the
        caller leaves out province names, which every passage of a plan carries).
        """
        n = len(self.chunks)
        if n == 0:
            return SearchResult([], 0.0, 0.0, 0.0)
        dense = self.dense.scores(query)
        lexical = self.lexical.scores(query)
        allowed = np.isin(self.plan_of, list(plan_ids)) if plan_ids else np.ones(n, dtype=bool)
        candidates = np.flatnonzero(allowed)
        if len(candidates) == 0:
            return SearchResult([], 0.0, 0.0, 0.0)
        fused = fuse(dense[candidates], lexical[candidates])
        order = np.argsort(-fused, kind="stable")[:k]
        top = candidates[order]
        hits = [
            Hit(int(i), self.chunks[i], float(f), float(dense[i]), float(lexical[i]))
            for i, f in zip(top, fused[order], strict=True)
        ]
        if evidence_terms is None:
            question_words = lexicon().question_words
            evidence_terms = [w for w in words(query) if w not in question_words]
        words_cov, pairs_cov = self._coverage(list(evidence_terms), [int(i) for i in top[:3]])
        return SearchResult(hits, float(dense[candidates].max()), words_cov, pairs_cov)
