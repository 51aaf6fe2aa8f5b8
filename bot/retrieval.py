"""Hybrid retrieval: FAISS (dense) + BM25 over folded text, fused by reciprocal rank."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.chunking import Chunk
from bot.embedding import Encoder
from bot.index_store import LoadedIndex
from bot.textnorm import lexical_tokens, words

RRF_K = 60
DENSE_WEIGHT = 0.8
LEXICAL_WEIGHT = 1.0
BM25_K1 = 1.2
BM25_B = 0.75
# Relevance: a logistic score over the two retrievers' evidence (see calibrate_relevance.py).
RELEVANCE_BIAS = -6.0
RELEVANCE_DENSE = 6.0
RELEVANCE_LEXICAL = 9.0


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
    lexical_coverage: float

    @property
    def relevance(self) -> float:
        """Probability-like relevance in [0, 1] from both retrievers' top evidence."""
        z = (
            RELEVANCE_BIAS
            + RELEVANCE_DENSE * self.dense_top
            + RELEVANCE_LEXICAL * self.lexical_coverage
        )
        return 1.0 / (1.0 + math.exp(-z))


class HybridIndex:
    """Dense and lexical search over the chunks of a loaded index."""

    def __init__(self, loaded: LoadedIndex, encoder: Encoder) -> None:
        self.chunks = loaded.chunks
        self.vectors = loaded.vectors
        self.encoder = encoder
        self.plan_of = np.array([c.plan for c in self.chunks])
        corpus = [lexical_tokens(c.search_text) for c in self.chunks]
        self.bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        self.bm25.index(corpus, show_progress=False)
        self.doc_freq: dict[str, int] = {}
        for toks in corpus:
            for tok in set(toks):
                self.doc_freq[tok] = self.doc_freq.get(tok, 0) + 1
        # Per-chunk unigram sets: how much of a question a passage covers.
        self.chunk_words = [set(words(c.search_text)) for c in self.chunks]

    def idf(self, token: str) -> float:
        n = len(self.chunks)
        df = self.doc_freq.get(token, 0)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _coverage(self, query_words: list[str], top: list[int]) -> float:
        """IDF-weighted share of the question's words found in the best passages."""
        if not query_words or not top:
            return 0.0
        present = set().union(*(self.chunk_words[i] for i in top))
        total = sum(self.idf(w) for w in query_words)
        found = sum(self.idf(w) for w in query_words if w in present)
        return found / total if total else 0.0

    def search(
        self, query: str, plan_ids: Collection[str] | None = None, k: int = 5
    ) -> SearchResult:
        """Top-k chunks (restricted to plan_ids when given) with relevance evidence."""
        n = len(self.chunks)
        if n == 0:
            return SearchResult([], 0.0, 0.0)
        qvec = self.encoder.encode_queries([query])
        dense_scores, dense_ids = self.vectors.search(qvec, n)
        dense = np.full(n, -1.0, dtype="float32")
        dense[dense_ids[0]] = dense_scores[0]
        tokens = [t for t in lexical_tokens(query) if t in self.doc_freq]
        lexical = (
            np.asarray(self.bm25.get_scores(tokens), dtype="float32")
            if tokens
            else np.zeros(n, "float32")
        )
        allowed = np.isin(self.plan_of, list(plan_ids)) if plan_ids else np.ones(n, dtype=bool)
        candidates = np.flatnonzero(allowed)
        if len(candidates) == 0:
            return SearchResult([], 0.0, 0.0)
        fused = np.zeros(n, dtype="float64")
        for weight, scores in ((DENSE_WEIGHT, dense), (LEXICAL_WEIGHT, lexical)):
            order = candidates[np.argsort(-scores[candidates], kind="stable")]
            ranks = np.empty(n, dtype="float64")
            ranks[order] = np.arange(1, len(order) + 1)
            usable = scores[candidates] > 0 if scores is lexical else np.ones(len(candidates), bool)
            fused[candidates] += np.where(usable, weight / (RRF_K + ranks[candidates]), 0.0)
        top = candidates[np.argsort(-fused[candidates], kind="stable")][:k]
        hits = [
            Hit(int(i), self.chunks[i], float(fused[i]), float(dense[i]), float(lexical[i]))
            for i in top
        ]
        coverage = self._coverage(words(query), [int(i) for i in top[:3]])
        return SearchResult(hits, float(dense[candidates].max()), coverage)
