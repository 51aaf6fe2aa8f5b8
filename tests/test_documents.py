"""Plan ingestion: .txt, .docx and .pdf (made here), metadata, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chunking import chunk_plan
from bot.documents import load_plan, load_plans, read_document
from bot.errors import DocumentError
from bot.index_store import build_index, load_index
from bot.settings import Settings
from tests.conftest import FakeEncoder

PLAN_LINES = [
    "KẾ HOẠCH",
    "Triển khai Đề án đo lường trên địa bàn tỉnh Ninh Thuận",
    "I. MỤC TIÊU",
    "1. Mục tiêu đến năm 2025",
    "- Ít nhất 30 lượt người được đào tạo về đo lường.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Sở Khoa học và Công nghệ: Chủ trì xây dựng kế hoạch hằng năm.",
]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for line in PLAN_LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ["Khảo sát doanh nghiệp", "Sở Công Thương", "2026"], strict=True
    ):
        cell.text = text
    document.save(str(path))


def make_pdf(path: Path) -> list[str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    lines = PLAN_LINES
    font = "Helvetica"
    if DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
        font = "DejaVu"
    else:  # Helvetica has no Vietnamese glyphs: write the folded text instead.
        from bot.textnorm import fold

        lines = [fold(line) for line in lines]
    pdf = canvas.Canvas(str(path))
    pdf.setFont(font, 11)
    y = 800
    for line in lines:
        pdf.drawString(50, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return lines


def test_docx_plan_is_ingested(tmp_path: Path) -> None:
    path = tmp_path / "ninh-thuan.docx"
    make_docx(path)
    doc = load_plan(path)
    assert doc.plan_id == "ninh-thuan" and doc.province == "Ninh Thuận"
    assert "Ít nhất 30 lượt người" in doc.text and "Sở Công Thương" in doc.text
    chunks = chunk_plan(doc.plan_id, doc.province, doc.text)
    assert any(c.section == "I. MỤC TIÊU › 1. Mục tiêu đến năm 2025" for c in chunks)


def test_pdf_plan_is_ingested(tmp_path: Path) -> None:
    path = tmp_path / "ninh-thuan.pdf"
    lines = make_pdf(path)
    text = read_document(path)
    assert "30 lượt người" in text or "30 luot nguoi" in text
    doc = load_plan(path)
    chunks = chunk_plan(doc.plan_id, doc.province, doc.text)
    assert any(lines[4] in c.text for c in chunks)


def test_docx_and_pdf_plans_build_into_index(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    make_docx(tmp_settings.plans_dir / "ninh-thuan.docx")
    make_pdf(tmp_settings.plans_dir / "lam-dong.pdf")
    report = build_index(tmp_settings, fake_encoder)
    assert report.ok, report.errors
    assert sorted(report.added) == ["binh-thuan", "kon-tum", "lam-dong", "ninh-thuan"]
    plan_ids = {c.plan for c in load_index(tmp_settings, fake_encoder).chunks}
    assert {"ninh-thuan", "lam-dong"} <= plan_ids


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"  \n", "empty"),
        ("bad.docx", b"not a zip", "cannot parse"),
        ("bad.pdf", b"%PDF-1.4 garbage", "cannot parse"),
        ("notes.odt", b"x", "unsupported"),
    ],
)
def test_unreadable_files_name_file_and_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert name in str(info.value) and reason in str(info.value)


def test_load_plans_keeps_going_after_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("KẾ HOẠCH trên địa bàn tỉnh Gia Lai\nI. MỤC TIÊU\n", "utf-8")
    (tmp_path / "b.pdf").write_bytes(b"broken")
    docs, errors = load_plans(tmp_path)
    assert [d.plan_id for d in docs] == ["a"] and docs[0].province == "Gia Lai"
    assert len(errors) == 1 and "b.pdf" in str(errors[0])


def test_metadata_from_real_plans() -> None:
    from tests.conftest import KNOWLEDGE

    kt = load_plan(KNOWLEDGE / "plans" / "kon-tum.txt")
    assert kt.province == "Kon Tum"
    assert kt.title.startswith("Kế hoạch “Tăng cường, đổi mới hoạt động đo lường")
    assert kt.title.endswith("trên địa bàn tỉnh Kon Tum")
    assert kt.date is None  # the decision's date (10/8/2018) is not the plan's
