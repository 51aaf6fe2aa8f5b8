"""Cleaning and structure-aware chunking on the real plans."""

from __future__ import annotations

import unicodedata
from collections import Counter

from bot.chunking import (
    LEVEL_LETTER,
    LEVEL_NUM,
    LEVEL_SUBNUM,
    SEP,
    Paragraph,
    ParsedPlan,
    chunk_plan,
    clean_lines,
    parse_plan,
    rejoin,
)
from bot.documents import load_plan
from bot.facts import normalise_for_quotes
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


def test_heading_with_several_items_gets_a_listing_chunk() -> None:
    chunks = _chunks("kon-tum")
    listing = [
        c for c in chunks if c.kind == "section" and c.section.endswith("3. Sở Kế hoạch và Đầu tư")
    ]
    assert len(listing) == 1
    assert listing[0].text.startswith("3. Sở Kế hoạch và Đầu tư\n- Phối hợp")
    assert listing[0].text.count("\n- ") == 2


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


# --- parse_plan: the one parser chunk_plan and bot.fact_extraction share --------------------


def _parsed(plan_id: str) -> ParsedPlan:
    return parse_plan(load_plan(KNOWLEDGE / "plans" / f"{plan_id}.txt").text)


def _para(parsed: ParsedPlan, start: str) -> Paragraph:
    hits = [p for p in parsed.paragraphs if p.text.startswith(start)]
    assert len(hits) == 1, start
    return hits[0]


def test_chunk_plan_is_built_from_parse_plan() -> None:
    # Stable properties of the real plans' chunks: a parser change that moves them shows here.
    expected = {
        "binh-thuan": {
            "paragraph": 4,
            "section": 15,
            "bullet": 34,
            "item": 6,
            "closing": 1,
            "signature": 1,
        },
        "kon-tum": {
            "paragraph": 5,
            "section": 19,
            "item": 24,
            "bullet": 20,
            "footnote": 1,
            "closing": 1,
            "signature": 1,
            "appendix_title": 1,
            "appendix_row": 14,
        },
    }
    for plan_id, counts in expected.items():
        chunks = _chunks(plan_id)
        parsed = _parsed(plan_id)
        assert Counter(c.kind for c in chunks) == counts, plan_id
        assert [c.chunk_id for c in chunks] == [f"{plan_id}#{i}" for i in range(len(chunks))]
        # Every body paragraph is chunked under its own path; headings only name sections.
        body = [p for p in parsed.paragraphs if p.kind in ("item", "bullet")]
        chunked = {(c.section, c.text) for c in chunks}
        assert all((SEP.join(p.path), p.text) in chunked for p in body)
        rows = [c for c in chunks if c.kind == "appendix_row"]
        filled = [r for r in parsed.appendix_rows if not r.empty]
        assert [c.text for c in rows] == [r.render() for r in filled]
        assert [c.meta["code"] for c in rows] == [r.code for r in filled]


def test_parsed_paragraphs_carry_outline() -> None:
    bt = _parsed("binh-thuan")
    target = _para(bt, "- Ít nhất 100 lượt người")
    assert (target.kind, target.marker, target.level) == ("bullet", "-", 0)
    assert target.rest.startswith("Ít nhất 100 lượt người")
    assert (
        [q.label for q in target.parents]
        == target.path
        == [
            "I. MỤC TIÊU, YÊU CẦU",
            "2. Mục tiêu cụ thể",
            "2.1. Mục tiêu đến năm 2025",
        ]
    )
    heading = _para(bt, "2.1. Mục tiêu đến năm 2025")
    assert (heading.kind, heading.marker, heading.level) == ("heading", "2.1", LEVEL_SUBNUM)
    assert heading.path[-1] == heading.label == heading.text

    kt = _parsed("kon-tum")
    goal = _para(kt, "b) Tập trung hỗ trợ doanh nghiệp")
    assert (goal.kind, goal.marker, goal.level) == ("item", "b", LEVEL_LETTER)
    assert goal.path == ["I. MỤC TIÊU", "1. Mục tiêu chung"]
    finance = _para(kt, "2. Sở Tài chính:")
    assert (finance.kind, finance.level, finance.label) == ("item", LEVEL_NUM, "2. Sở Tài chính")
    assert finance.path == ["V. TỔ CHỨC THỰC HIỆN", "2. Sở Tài chính"]
    assert [p.marker for p in kt.footnotes] == ["1"]
    assert kt.footnotes[0].path == ["Chú thích"]
    # Closing remarks are their own top-level section, out of "V. TỔ CHỨC THỰC HIỆN".
    assert _para(kt, "Căn cứ nội dung, nhiệm vụ theo Kế hoạch").path == ["Kết luận"]


def test_parsed_closing_and_signature() -> None:
    kt = _parsed("kon-tum")
    assert kt.closing[0].startswith("Nơi nhận")
    assert kt.closing_lines[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Hữu Tháp"]
    assert kt.signature is not None and kt.signature.endswith("Nguyễn Hữu Tháp")
    assert not any(p.text.startswith("Nơi nhận") for p in kt.paragraphs)


def test_parsed_appendix_rows_keep_headers_and_verbatim_periods() -> None:
    kt = _parsed("kon-tum")
    rows = {r.code: r for r in kt.appendix_rows}
    group = rows["PL.II"]
    assert group.empty and group.header == "II TRIỂN KHAI THỰC HIỆN CÁC NHIỆM VỤ KẾ HOẠCH"
    assert group.title == "TRIỂN KHAI THỰC HIỆN CÁC NHIỆM VỤ KẾ HOẠCH"
    row = rows["PL.II.4.b"]
    assert row.lead == "Sở Khoa học và Công nghệ"
    assert row.periods[-1] == ("2025-2030", "02 đợt")
    assert row.period_quotes == [
        "2021-2025 01 doanh nghiệp",
        "2025 -2030 02 doanh nghiệp",
        "2025 -2030 02 đợt",
    ]
    text = normalise_for_quotes(load_plan(KNOWLEDGE / "plans" / "kon-tum.txt").text)
    assert all(q in text for r in kt.appendix_rows for q in r.period_quotes)


def test_short_heading_line_is_not_joined_with_its_body() -> None:
    assert rejoin(["2.1. Đến năm 2025", "Ít nhất 50 lượt người được đào tạo."]) == [
        "2.1. Đến năm 2025",
        "Ít nhất 50 lượt người được đào tạo.",
    ]
    # A heading wrapped by the PDF goes on in lower case and is re-joined.
    assert rejoin(["1. Áp dụng cơ chế, chính sách hỗ trợ", "doanh nghiệp"]) == [
        "1. Áp dụng cơ chế, chính sách hỗ trợ doanh nghiệp"
    ]


LAYOUT = """\
KẾ HOẠCH
I. MỤC TIÊU
1. Mục tiêu cụ thể
a) Giai đoạn 2021-2025:
- Tối thiểu 150 lượt người được đào tạo;
II. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
Chủ trì triển khai Kế hoạch.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn A
Nơi nhận:
- Như trên;
PHỤ LỤC
I. TUYÊN TRUYỀN
1. Tập huấn đo lường
a) Tổ chức lớp tập huấn.
Bộ Chỉ huy Quân sự tỉnh
Sở Khoa học và Công nghệ
2022-2025 04 lớp
"""


def test_parse_plan_layout_variants() -> None:
    parsed = parse_plan(LAYOUT)
    bullet = _para(parsed, "- Tối thiểu 150")
    # The item "a) Giai đoạn 2021-2025:" is body text for chunking but still encloses the bullet.
    assert bullet.path == ["I. MỤC TIÊU", "1. Mục tiêu cụ thể"]
    assert [q.label for q in bullet.parents][-1] == "a) Giai đoạn 2021-2025"
    duty = _para(parsed, "Chủ trì triển khai")
    assert duty.kind == "paragraph" and duty.path[-1] == "1. Sở Khoa học và Công nghệ"
    # The signature printed before the recipients list still closes the body.
    assert parsed.closing_lines[:3] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn A"]
    assert not any(p.text.startswith("TM.") for p in parsed.paragraphs)
    # An appendix table without an "STT" header, numbered with dots; the partner cell opens
    # with an agency name right after a complete lead.
    assert [r.code for r in parsed.appendix_rows] == ["PL.I", "PL.I.1", "PL.I.1.a"]
    row = parsed.appendix_rows[-1]
    assert (row.lead, row.partners) == ("Bộ Chỉ huy Quân sự tỉnh", "Sở Khoa học và Công nghệ")
    assert row.periods == [("2022-2025", "04 lớp")]
