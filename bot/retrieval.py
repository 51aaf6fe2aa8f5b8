"""Hybrid retrieval: FAISS (dense) + BM25 over folded text, and relevance evidence.

The two retrievers' scores are min-max normalised over the candidate passages and fused
as a weighted sum (DENSE_WEIGHT, LEXICAL_WEIGHT); question words (knowledge/lexicon/
question_forms.yaml) neither retrieve passages nor count as evidence.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.chunking import Chunk
from bot.embedding import Encoder
from bot.index_store import LoadedIndex
from bot.lexicon import lexicon
from bot.relevance_model import load_relevance_model
from bot.textnorm import lexical_tokens, words

# Fusion: min-max normalised scores, weighted. Score margins matter here (the lexical
# retriever is often sure), which reciprocal-rank fusion would throw away.
DENSE_WEIGHT = 0.35
LEXICAL_WEIGHT = 0.65
BM25_K1 = 1.2
BM25_B = 0.75
# Relevance: a logistic model over (best dense cosine, IDF-weighted share of the question's
# words in the top passages, share of its word pairs there); its parameters are data
# (knowledge/models/relevance.yaml, written by scripts/calibrate_relevance.py).
# bm25s logs every index build at DEBUG on its own logger.
logging.getLogger("bm25s").setLevel(logging.WARNING)


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
        return (self.dense_top, self.word_coverage, self.pair_coverage)

    @property
    def relevance(self) -> float:
        """Probability-like relevance in [0, 1] from both retrievers' top evidence."""
        return load_relevance_model().probability(self.features)


class HybridIndex:
    """Dense and lexical search over the chunks of a loaded index."""

    def __init__(self, loaded: LoadedIndex, encoder: Encoder) -> None:
        self.chunks = loaded.chunks
        self.vectors = loaded.vectors
        self.encoder = encoder
        self.plan_of = np.array([c.plan for c in self.chunks])
        self.plan_chunks: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            self.plan_chunks.setdefault(c.plan, []).append(i)
        corpus = [lexical_tokens(c.search_text) for c in self.chunks]
        self.bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        self.bm25.index(corpus, show_progress=False)
        self.doc_freq: dict[str, int] = {}
        for toks in corpus:
            for tok in set(toks):
                self.doc_freq[tok] = self.doc_freq.get(tok, 0) + 1
        # Per-chunk unigram sets: how much of a question a passage covers.
        self.chunk_words = [set(words(c.search_text)) for c in self.chunks]
        # The passage's own words (without its heading context): what it quotes.
        self.text_words = [set(words(c.text)) for c in self.chunks]
        self.chunk_folded = [f" {' '.join(words(c.search_text))} " for c in self.chunks]

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
        n = len(self.chunks)
        df = self.doc_freq.get(token, 0)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _coverage(self, terms: list[str], top: list[int]) -> tuple[float, float]:
        """Share of the question's words (IDF-weighted) and word pairs in the best passages."""
        if not terms or not top:
            return 0.0, 0.0
        present = set().union(*(self.chunk_words[i] for i in top))
        total = sum(self.idf(w) for w in terms)
        found = sum(self.idf(w) for w in terms if w in present)
        pairs = [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)]
        text = " ".join(fold_words for i in top for fold_words in [self.chunk_folded[i]])
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
        qvec = self.encoder.encode_queries([query])
        dense_scores, dense_ids = self.vectors.search(qvec, n)
        dense = np.full(n, -1.0, dtype="float32")
        dense[dense_ids[0]] = dense_scores[0]
        # Question words say how something is asked, not what about.
        question_words = lexicon().question_words
        tokens = [
            t for t in lexical_tokens(query) if t in self.doc_freq and t not in question_words
        ]
        lexical = (
            np.asarray(self.bm25.get_scores(tokens), dtype="float32")
            if tokens
            else np.zeros(n, "float32")
        )
        allowed = np.isin(self.plan_of, list(plan_ids)) if plan_ids else np.ones(n, dtype=bool)
        candidates = np.flatnonzero(allowed)
        if len(candidates) == 0:
            return SearchResult([], 0.0, 0.0, 0.0)
        fused = np.zeros(n, dtype="float64")
        for weight, scores in ((DENSE_WEIGHT, dense), (LEXICAL_WEIGHT, lexical)):
            part = scores[candidates].astype("float64")
            low = 0.0 if scores is lexical else part.min()
            span = part.max() - low
            if span > 0:
                fused[candidates] += weight * (part - low) / span
        top = candidates[np.argsort(-fused[candidates], kind="stable")][:k]
        hits = [
            Hit(int(i), self.chunks[i], float(fused[i]), float(dense[i]), float(lexical[i]))
            for i in top
        ]
        if evidence_terms is None:
            evidence_terms = [w for w in words(query) if w not in question_words]
        words_cov, pairs_cov = self._coverage(list(evidence_terms), [int(i) for i in top[:3]])
        return SearchResult(hits, float(dense[candidates].max()), words_cov, pairs_cov)
