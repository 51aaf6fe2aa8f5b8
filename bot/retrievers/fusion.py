"""Fusion of the two retrievers' scores: min-max normalised, then a weighted sum.

Score margins matter here (the lexical retriever is often sure), which reciprocal-rank
fusion would throw away. BM25 scores start at 0 (no query word in the passage), so the
lexical side is normalised from 0, not from its minimum: when every candidate matches
weakly, none is lifted to full weight.
"""

from __future__ import annotations

import numpy as np

DENSE_WEIGHT = 0.35
LEXICAL_WEIGHT = 0.65
# The lexical scores' low bound (BM25 >= 0); the dense side uses the candidates' minimum.
LEXICAL_LOW = 0.0


def fuse(
    dense: np.ndarray,
    lexical: np.ndarray,
    dense_weight: float = DENSE_WEIGHT,
    lexical_weight: float = LEXICAL_WEIGHT,
) -> np.ndarray:
    """Fused float64 scores of the same candidates scored by both retrievers.

    Each side is scaled to [0, 1] over the candidates given (dense from its minimum,
    lexical from LEXICAL_LOW, both to their maximum) and weighted; a side whose scores
    are all equal adds nothing.
    """
    if len(dense) != len(lexical):
        raise ValueError(f"{len(dense)} dense but {len(lexical)} lexical scores")
    fused = np.zeros(len(dense), dtype="float64")
    sides = ((dense_weight, dense, None), (lexical_weight, lexical, LEXICAL_LOW))
    for weight, scores, low in sides:
        part = np.asarray(scores).astype("float64")
        if len(part) == 0:
            continue
        bottom = part.min() if low is None else low
        span = part.max() - bottom
        if span > 0:
            fused += weight * (part - bottom) / span
    return fused
