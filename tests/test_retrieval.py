"""Retrieval: fusion on small arrays, each retriever alone, and HybridIndex end to end."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest
import yaml

from bot.index_store import build_index, load_index
from bot.lexicon import lexicon
from bot.query import parse_question
from bot.query_terms import evidence_terms, retrieval_text
from bot.retrieval import HybridIndex, SearchResult
from bot.retrievers.base import Retriever
from bot.retrievers.dense import DenseRetriever
from bot.retrievers.fusion import DENSE_WEIGHT, LEXICAL_WEIGHT, fuse
from bot.retrievers.lexical import LexicalRetriever
from bot.settings import Settings
from bot.textnorm import fold
from tests.conftest import FakeEncoder

ROOT = Path(__file__).resolve().parent.parent


def arr(*values: float) -> np.ndarray:
    return np.array(values, dtype="float32")


# --- fusion --------------------------------------------------------------------------


def test_fuse_min_max_normalises_dense_over_the_candidates() -> None:
    fused = fuse(arr(0.2, 0.4, 0.6), arr(0, 0, 0))
    assert fused == pytest.approx([0.0, DENSE_WEIGHT / 2, DENSE_WEIGHT])


def test_fuse_normalises_lexical_from_zero_not_from_its_minimum() -> None:
    fused = fuse(arr(0.5, 0.5), arr(2.0, 4.0))
    # Dense is flat (adds nothing); the weaker lexical match keeps half, not 0.
    assert fused == pytest.approx([LEXICAL_WEIGHT / 2, LEXICAL_WEIGHT])


def test_fuse_weighs_lexical_above_dense() -> None:
    # Passage 0 is the dense favourite, passage 1 the lexical one.
    fused = fuse(arr(0.9, 0.1, 0.5), arr(0.0, 3.0, 1.5))
    assert fused == pytest.approx([DENSE_WEIGHT, LEXICAL_WEIGHT, 0.5])
    assert int(np.argmax(fused)) == 1


def test_fuse_takes_other_weights() -> None:
    fused = fuse(arr(0.9, 0.1), arr(0.0, 3.0), dense_weight=0.8, lexical_weight=0.2)
    assert fused == pytest.approx([0.8, 0.2])


def test_fuse_flat_or_empty_scores_add_nothing() -> None:
    assert fuse(arr(0.3, 0.3), arr(0, 0)).tolist() == [0.0, 0.0]
    assert fuse(arr(), arr()).shape == (0,)
    fused = fuse(arr(0.7), arr(5.0))
    assert fused.dtype == np.float64
    assert fused.tolist() == pytest.approx([LEXICAL_WEIGHT])


def test_fuse_needs_the_same_candidates_from_both() -> None:
    with pytest.raises(ValueError):
        fuse(arr(0.1, 0.2), arr(1.0))


# --- the retrievers alone ------------------------------------------------------------

PASSAGES = [
    "Kiểm định phương tiện đo nhóm 2",
    "Đào tạo nhân lực đo lường cho doanh nghiệp",
    "Hiệu chuẩn chuẩn đo lường tại phòng thí nghiệm",
]


def test_lexical_retriever_scores_every_passage_and_finds_the_folded_word() -> None:
    lexical = LexicalRetriever(PASSAGES)
    scores = lexical.scores("dao tao doanh nghiep")  # no diacritics
    assert scores.shape == (3,) and scores.dtype == np.float32
    assert int(np.argmax(scores)) == 1
    assert scores[0] == 0.0


def test_lexical_retriever_ignores_question_words_and_unknown_tokens() -> None:
    question_words = lexicon().question_words
    assert {"nao", "gi"} <= question_words
    lexical = LexicalRetriever([*PASSAGES, "Cơ quan nào làm gì"])
    assert lexical.scores("nào gì").tolist() == [0.0] * 4
    assert lexical.scores("xăng dầu").tolist() == [0.0] * 4
    assert lexical.query_tokens("phòng nào") == ["phong"]


def test_lexical_idf_falls_with_document_frequency() -> None:
    lexical = LexicalRetriever(PASSAGES)
    assert lexical.doc_freq["do"] == 3 and lexical.doc_freq["dao"] == 1
    assert lexical.idf("zzz") > lexical.idf("dao") > lexical.idf("do")


def test_dense_retriever_gives_each_chunk_its_cosine_in_chunk_order() -> None:
    encoder = FakeEncoder()
    vectors = encoder.encode_passages(PASSAGES)
    index = faiss.IndexFlatIP(encoder.dim)
    index.add(vectors)
    scores = DenseRetriever(index, encoder).scores("hiệu chuẩn phòng thí nghiệm")
    expected = vectors @ encoder.encode_queries(["hiệu chuẩn phòng thí nghiệm"])[0]
    assert scores.dtype == np.float32
    assert scores == pytest.approx(expected, abs=1e-6)
    assert int(np.argmax(scores)) == 2


def test_both_retrievers_give_one_float32_score_per_chunk() -> None:
    encoder = FakeEncoder()
    index = faiss.IndexFlatIP(encoder.dim)
    index.add(encoder.encode_passages(PASSAGES))
    retrievers: list[Retriever] = [DenseRetriever(index, encoder), LexicalRetriever(PASSAGES)]
    for retriever in retrievers:
        scores = retriever.scores("đo lường phòng thí nghiệm")
        assert scores.shape == (len(PASSAGES),) and scores.dtype == np.float32
        assert int(np.argmax(scores)) == 2


# --- HybridIndex ---------------------------------------------------------------------


@pytest.fixture
def fake_index(tmp_settings: Settings, fake_encoder: FakeEncoder) -> HybridIndex:
    build_index(tmp_settings, fake_encoder)
    return HybridIndex(load_index(tmp_settings, fake_encoder), fake_encoder)


def test_search_ranks_by_the_fused_score_within_the_plans_asked(fake_index: HybridIndex) -> None:
    result = fake_index.search("kiểm định phương tiện đo", plan_ids=["kon-tum"], k=6)
    assert len(result.hits) == 6
    assert {h.chunk.plan for h in result.hits} == {"kon-tum"}
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True) and 0 < scores[0] <= 1
    assert result.dense_top == max(fake_index.dense.scores("kiểm định phương tiện đo"))
    everything = fake_index.search("kiểm định phương tiện đo", k=len(fake_index.chunks))
    assert {h.chunk.plan for h in everything.hits} == set(fake_index.plan_chunks)


def test_search_with_no_known_plan_or_no_match_is_empty(fake_index: HybridIndex) -> None:
    assert fake_index.search("đo lường", plan_ids=["nowhere"]).hits == []
    result = fake_index.search("gì nào")  # question words only: no lexical evidence
    assert all(h.lexical == 0.0 for h in result.hits)
    assert result.word_coverage == 0.0 and result.pair_coverage == 0.0


def test_public_lookups_still_answer(fake_index: HybridIndex) -> None:
    i = fake_index.plan_chunks["binh-thuan"][0]
    quote = sorted(fake_index.text_words[i])
    assert fake_index.quoting_chunk("binh-thuan", quote) == i
    assert fake_index.plan_has_phrase("binh-thuan", "binh thuan")
    assert not fake_index.plan_has_phrase("binh-thuan", "xang dau ron")
    assert fake_index.idf("zzz") > fake_index.idf("do")
    assert fake_index.doc_freq["do"] > 0


# --- the real model: a handful of tune questions -------------------------------------


def tune_case(question: str) -> dict:
    cases = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text("utf-8"))
    (case,) = [c for c in cases if c["q"] == question and c["split"] == "tune"]
    return case


def real_search(engine, question: str) -> SearchResult:
    """What answering asks retrieval for this question (as bot.answering.compose)."""
    view = engine._state.view
    query = parse_question(question, {pid: p.province for pid, p in view.plans.items()})
    return view.search.search(
        retrieval_text(query),
        plan_ids=list(query.plan_ids or view.plans),
        k=8,
        evidence_terms=evidence_terms(query),
    )


@pytest.mark.parametrize(
    "question",
    [
        "Cơ quan nào ban hành kế hoạch đo lường của Bình Thuận?",
        "nguon kinh phi thuc hien ke hoach binh thuan",
        "Kon Tum sơ kết, tổng kết kế hoạch theo chu kỳ mấy năm?",
        "How many accredited labs should Kon Tum have by 2025?",
    ],
)
def test_real_model_finds_the_evidence_and_calls_it_relevant(engine, question: str) -> None:
    case = tune_case(question)
    result = real_search(engine, question)
    top = " ".join(fold(h.chunk.search_text).lower() for h in result.hits[:3])
    assert any(fold(e).lower() in top for e in case["evidence"])
    assert {h.chunk.plan for h in result.hits} == {case["plan"]}
    assert result.relevance > 0.5


@pytest.mark.parametrize("question", ["Cách cài đặt Python trên Windows?", "2 cộng 2 bằng mấy?"])
def test_real_model_finds_far_questions_irrelevant(engine, question: str) -> None:
    assert tune_case(question)["plan"] == "none"
    assert real_search(engine, question).relevance < 0.5
