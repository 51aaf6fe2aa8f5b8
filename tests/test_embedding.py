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

    def counting(texts: list[str], prefix: str, progress: bool, model: object = None) -> np.ndarray:
        calls.append(list(texts))
        return original(texts, prefix, progress, model)

    monkeypatch.setattr(encoder, "_encode", counting)
    monkeypatch.setattr(encoder, "_queries", LRU(QUERY_CACHE_SIZE))
    first = encoder.encode_queries(["kinh phí thực hiện kế hoạch", "hiệu chuẩn"])
    again = encoder.encode_queries(["hiệu chuẩn", "kinh phí thực hiện kế hoạch"])
    # Each new question once, on its own (its vector must not depend on batch-mates).
    assert calls == [["kinh phí thực hiện kế hoạch"], ["hiệu chuẩn"]]
    assert np.array_equal(first[::-1], again) and again.dtype == np.float32
    # The cached vector is the one the model gives.
    fresh = original(["hiệu chuẩn"], encoder.query_prefix, False, encoder.query_model)
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


def test_questions_use_an_int8_copy_and_passages_the_float_model(real_settings: Settings) -> None:
    encoder = load_encoder(real_settings)
    assert isinstance(encoder, embedding.SentenceEncoder)
    assert real_settings.query_int8 and encoder.query_model is not encoder.model
    text = "Sở Khoa học và Công nghệ chủ trì bồi dưỡng nghiệp vụ đo lường"
    float_vec = encoder._encode([text], encoder.query_prefix, False, encoder.model)[0]
    int8_vec = encoder._encode([text], encoder.query_prefix, False, encoder.query_model)[0]
    # Close to the float vector (what retrieval compares with), not the same computation.
    assert 0.8 < float(float_vec @ int8_vec) < 0.99999
    assert np.allclose(encoder.encode_passages([text])[0], float_vec, atol=1e-6)
    plain = load_encoder(real_settings.model_copy(update={"query_int8": False}))
    assert isinstance(plain, embedding.SentenceEncoder) and plain.query_model is plain.model
