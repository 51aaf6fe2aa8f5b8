"""Dense retrieval: cosine similarity of query and passage embeddings via FAISS."""

from __future__ import annotations

import faiss
import numpy as np

from bot.embedding import Encoder


class DenseRetriever:
    """Inner product over normalised vectors (= cosine) against every chunk's vector."""

    def __init__(self, vectors: faiss.Index, encoder: Encoder) -> None:
        self.vectors = vectors
        self.encoder = encoder

    def scores(self, query: str) -> np.ndarray:
        """Cosine of the query with each chunk, in chunk order (-1 for any FAISS left out)."""
        n = self.vectors.ntotal
        qvec = self.encoder.encode_queries([query])
        found, ids = self.vectors.search(qvec, n)
        out = np.full(n, -1.0, dtype="float32")
        out[ids[0]] = found[0]
        return out
