"""The sentence encoder with the real bundled model: query vectors are cached."""

from __future__ import annotations

import numpy as np
import pytest

from bot import embedding
from bot.embedding import QUERY_CACHE_SIZE, load_encoder
from bot.lru import LRU
from bot.settings import Settings


def test_a_repeated_query_is_embedded_once(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder = load_encoder(real_settings)
    assert isinstance(encoder, embedding.SentenceEncoder)
    calls: list[list[str]] = []
    original = encoder._encode

    def counting(texts: list[str], prefix: str, progress: bool) -> np.ndarray:
        calls.append(list(texts))
        return original(texts, prefix, progress)

    monkeypatch.setattr(encoder, "_encode", counting)
    monkeypatch.setattr(encoder, "_queries", LRU(QUERY_CACHE_SIZE))
    first = encoder.encode_queries(["kinh phí thực hiện kế hoạch", "hiệu chuẩn"])
    again = encoder.encode_queries(["hiệu chuẩn", "kinh phí thực hiện kế hoạch"])
    assert calls == [["kinh phí thực hiện kế hoạch", "hiệu chuẩn"]]
    assert np.array_equal(first[::-1], again) and again.dtype == np.float32
    # The cached vector is the one the model gives.
    fresh = original(["hiệu chuẩn"], encoder.query_prefix, False)
    assert np.allclose(again[0], fresh[0], atol=1e-6)
    assert encoder.encode_queries([]).shape == (0, encoder.dim)


def test_the_query_cache_is_bounded(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder = load_encoder(real_settings)
    monkeypatch.setattr(encoder, "_queries", LRU(2))
    for text in ("một", "hai", "ba"):
        encoder.encode_queries([text])
    assert encoder._queries.keys() == ["hai", "ba"]
