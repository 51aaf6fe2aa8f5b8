"""The interface every retriever offers: one score per chunk for a query."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Retriever(Protocol):
    """Scores all chunks of an index for a query (higher is better)."""

    def scores(self, query: str) -> np.ndarray:
        """A float32 array with one score per chunk, in chunk order."""
        ...
