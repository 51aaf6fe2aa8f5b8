"""Shared fixtures: the real plans, a real built index (session), and a tiny fake encoder."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.settings import Settings, load_settings
from bot.textnorm import words

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


class FakeEncoder:
    """Hashed bag-of-words vectors: deterministic, instant, good enough for unit tests."""

    def __init__(self, name: str = "fake-encoder", dim: int = 64) -> None:
        self.name = name
        self.dim = dim
        self.calls: list[int] = []  # how many passages each encode_passages call embedded

    def _vec(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype="float32")
        for w in words(text):
            vec[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        self.calls.append(len(texts))
        if not texts:
            return np.zeros((0, self.dim), dtype="float32")
        return np.stack([self._vec(t) for t in texts])


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/ that a test may change."""
    dest = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, dest)
    return dest


@pytest.fixture
def tmp_settings(tmp_path: Path, knowledge_copy: Path) -> Settings:
    return load_settings(
        env={},
        knowledge_dir=knowledge_copy,
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
    )


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real plans and facts, the real default model, an index in a temp dir."""
    base = tmp_path_factory.mktemp("real")
    return load_settings(
        env={}, knowledge_dir=KNOWLEDGE, index_dir=base / "index", data_dir=base / "data"
    )


@pytest.fixture(scope="session")
def engine(real_settings: Settings) -> Iterator[object]:
    """The real engine (model + FAISS + BM25) over the real plans, built once per session."""
    from bot.embedding import load_encoder
    from bot.engine import Engine
    from bot.index_store import build_index

    build_index(real_settings, load_encoder(real_settings))
    yield Engine.load(real_settings)
