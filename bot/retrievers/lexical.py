"""Lexical retrieval: BM25 (bm25s) over folded syllables and syllable pairs.

Question words (knowledge/lexicon/question_forms.yaml) say how something is asked, not
what about, so they never retrieve a passage.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

import bm25s
import numpy as np

from bot.lexicon import lexicon
from bot.textnorm import lexical_tokens

BM25_K1 = 1.2
BM25_B = 0.75
# bm25s logs every index build at DEBUG on its own logger.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalRetriever:
    """BM25 over bot.textnorm.lexical_tokens of each passage's search text."""

    def __init__(self, texts: Sequence[str]) -> None:
        corpus = [lexical_tokens(t) for t in texts]
        self.size = len(corpus)
        self.bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        self.bm25.index(corpus, show_progress=False)
        # In how many passages each token occurs.
        self.doc_freq: dict[str, int] = {}
        for toks in corpus:
            for tok in set(toks):
                self.doc_freq[tok] = self.doc_freq.get(tok, 0) + 1

    def idf(self, token: str) -> float:
        """BM25-style inverse document frequency of a token (unseen tokens score highest)."""
        df = self.doc_freq.get(token, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def query_tokens(self, query: str) -> list[str]:
        """The query's tokens that occur in the corpus, question words left out."""
        question_words = lexicon().question_words
        return [t for t in lexical_tokens(query) if t in self.doc_freq and t not in question_words]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of each passage for the query (all 0 when no token is left)."""
        tokens = self.query_tokens(query)
        if not tokens:
            return np.zeros(self.size, "float32")
        return np.asarray(self.bm25.get_scores(tokens), dtype="float32")
