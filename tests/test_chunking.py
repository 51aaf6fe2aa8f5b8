"""Cleaning and structure-aware chunking on the real plans."""

from __future__ import annotations

import unicodedata

from bot.chunking import SEP, chunk_plan, clean_lines, rejoin
from bot.documents import load_plan
from tests.conftest import KNOWLEDGE


def _chunks(plan_id: str):
    doc = load_plan(KNOWLEDGE / "plans" / f"{plan_id}.txt")
    return chunk_plan(doc.plan_id, doc.province, doc.text)


def test_bullet_keeps_outline_path_and_context() -> None:
    chunks = _chunks("binh-thuan")
    hit = [c for c in chunks if c.text.startswith("- Ít nhất 100 lượt người")]
    assert len(hit) == 1
    chunk = hit[0]
    assert chunk.plan == "binh-thuan"
    assert chunk.section == SEP.join(
        ["I. MỤC TIÊU, YÊU CẦU", "2. Mục tiêu cụ thể", "2.1. Mục tiêu đến năm 2025"]
    )
    # Self-contained: the searched text says whose target and which milestone.
    assert "Bình Thuận" in chunk.search_text
    assert "Mục tiêu đến năm 2025" in chunk.search_text


def test_task_section_path() -> None:
    chunks = _chunks("binh-thuan")
    sections = {c.section for c in chunks}
    assert "II. NHIỆM VỤ VÀ GIẢI PHÁP › 3. Tăng cường phát triển hạ tầng đo lường" in sections


def test_broken_lines_rejoined_and_noise_removed() -> None:
    chunks = _chunks("kon-tum")
    texts = [c.text for c in chunks]
    assert any("ít nhất 01 phòng thí nghiệm được công nhận" in t for t in texts)
    assert any("Từ năm 2026 đến 2030" in t for t in texts)
    assert not any(t.strip() == "7" for t in texts)
    assert not any("thuvienphapluat" in t for t in texts)


def test_appendix_rows_are_their_own_chunks() -> None:
    chunks = _chunks("kon-tum")
    rows = [c for c in chunks if c.kind == "appendix_row"]
    assert len(rows) >= 12
    survey = [c for c in rows if "Khảo sát, đánh giá và lựa chọn doanh nghiệp" in c.text]
    assert len(survey) == 1
    row = survey[0]
    assert "Đơn vị chủ trì: Sở Khoa học và Công nghệ" in row.text
    assert "Đơn vị phối hợp: Doanh nghiệp" in row.text
    assert "2021-2025: 05 lượt" in row.text and "2025-2030: 10 lượt" in row.text
    assert row.section.startswith("Phụ lục › II.")
    assert row.meta["code"] == "PL.II.4.a"


def test_lettered_items_and_numbered_agencies() -> None:
    chunks = _chunks("kon-tum")
    finance = [c for c in chunks if c.text.startswith("2. Sở Tài chính: Sở Tài chính phối hợp")]
    assert finance and finance[0].section == "V. TỔ CHỨC THỰC HIỆN › 2. Sở Tài chính"
    goals = [c for c in chunks if c.text.startswith("b) Tập trung hỗ trợ doanh nghiệp")]
    assert goals and goals[0].section == "I. MỤC TIÊU › 1. Mục tiêu chung"


def test_nfc_and_hyphen_join() -> None:
    decomposed = unicodedata.normalize(
        "NFD", "Quyết định số 3807/QĐ-\nBKHCN ngày 18/12/2019 của\nBộ"
    )
    lines = clean_lines(decomposed)
    assert all(unicodedata.is_normalized("NFC", ln) for ln in lines)
    assert rejoin(lines) == ["Quyết định số 3807/QĐ-BKHCN ngày 18/12/2019 của Bộ"]


def test_signer_and_footnote_chunks() -> None:
    chunks = _chunks("kon-tum")
    assert any(c.kind == "signature" and "Nguyễn Hữu Tháp" in c.text for c in chunks)
    assert any(c.kind == "footnote" and "510/QĐ-BKHCN" in c.text for c in chunks)
