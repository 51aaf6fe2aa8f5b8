"""Scanned plans: OCR of page images and image-only PDFs, cache by file hash, progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

import bot.ocr as ocr
from bot.documents import read_document
from bot.errors import DocumentError
from bot.textnorm import collapse_ws, nfc
from tests.page_images import DEJAVU, image_only_pdf, render_pages

FIXTURES = Path(__file__).parent / "data" / "plans"
needs_ocr = pytest.mark.skipif(
    ocr.ocr_unavailable_reason() is not None or not DEJAVU.exists(),
    reason=f"OCR not installed here ({ocr.ocr_unavailable_reason()}) or no DejaVu font",
)
# One page of a plan, dense with diacritics (title, legal basis, targets).
PAGE_TEXT = "\n".join(
    (FIXTURES / "tune" / "lang-son.txt").read_text(encoding="utf-8").split("\n")[40:58]
)


def char_accuracy(got: str, truth: str) -> float:
    """1 - edit distance / length, on NFC text with white space collapsed."""
    got, truth = collapse_ws(nfc(got)), collapse_ws(nfc(truth))
    return 1 - Levenshtein.distance(got, truth) / max(1, len(truth))


@needs_ocr
def test_character_accuracy_on_a_rendered_page(tmp_path: Path) -> None:
    pages = render_pages(PAGE_TEXT)
    assert len(pages) == 1
    path = tmp_path / "page.png"
    pages[0].save(path)
    text = read_document(path)
    accuracy = char_accuracy(text, PAGE_TEXT)
    print(f"OCR character accuracy: {accuracy:.4f} ({len(collapse_ws(PAGE_TEXT))} characters)")
    assert accuracy >= 0.97


@needs_ocr
def test_image_only_pdf_is_ocred_once_with_per_page_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (FIXTURES / "heldout" / "kh-996-2022.txt").read_text(encoding="utf-8")
    pdf = tmp_path / "vinh-long.pdf"
    n = image_only_pdf(text + "\n" + text, pdf)  # two pages
    assert n == 2
    said: list[str] = []
    got = read_document(pdf, tmp_path / "cache", said.append)
    assert said == ["vinh-long.pdf: OCR page 1 (1/2)", "vinh-long.pdf: OCR page 2 (2/2)"]
    assert char_accuracy(got, text + "\n" + text) >= 0.97

    def no_ocr(_image: object) -> str:
        raise AssertionError("an unchanged scan must come from the cache")

    monkeypatch.setattr(ocr, "ocr_image", no_ocr)
    said.clear()
    assert read_document(pdf, tmp_path / "cache", said.append) == got
    assert said == ["vinh-long.pdf: OCR text from cache (2 pages)"]


def test_scan_without_ocr_installed_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    path = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(path)
    monkeypatch.setattr(ocr, "ocr_unavailable_reason", lambda: ocr.INSTALL_HINT)
    with pytest.raises(DocumentError, match="tesseract-ocr-vie"):
        read_document(path)


@needs_ocr
def test_scanned_plan_is_answered_after_one_rebuild(tmp_path: Path, knowledge_copy: Path) -> None:
    """An image-only PDF of a plan (no fact file, no meta.yaml): one build, right answers."""
    from bot.engine import Engine
    from bot.settings import load_settings

    text = (FIXTURES / "heldout" / "kh-996-2022.txt").read_text(encoding="utf-8")
    image_only_pdf(text, knowledge_copy / "plans" / "vinh-long.pdf")
    settings = load_settings(
        env={}, knowledge_dir=knowledge_copy, index_dir=tmp_path / "index", data_dir=tmp_path
    )
    engine = Engine.load(settings, build_if_missing=True)
    info = {p.id: p for p in engine.plans()}["vinh-long"]
    assert (info.province, info.facts_drafted) == ("Vĩnh Long", True)
    answer = engine.answer("Vĩnh Long đào tạo bao nhiêu lượt người về đo lường đến năm 2025?")
    assert not answer.abstained and "60" in answer.text[:250]
    answer = engine.answer("Vĩnh Long đáp ứng bao nhiêu phần trăm nhu cầu kiểm định năm 2030?")
    assert "85" in answer.text[:250]
    assert list((tmp_path / "index" / "ocr-cache").glob("*.json"))


def test_garbled_legacy_text_layers_are_not_usable() -> None:
    unicode_text = "Kế hoạch triển khai Đề án đo lường hỗ trợ doanh nghiệp trên địa bàn tỉnh"
    tcvn3_text = "KÕ ho¹ch triÓn khai §Ò ¸n ®o l­êng hç trî doanh nghiÖp trªn ®Þa bµn tØnh"
    vni_text = "Keá hoaïch trieån khai Ñeà aùn ño löôøng hoã trôï doanh nghieäp treân ñòa baøn"
    assert ocr.usable_text(unicode_text)
    assert not ocr.usable_text(tcvn3_text)
    assert not ocr.usable_text(vni_text)
    assert not ocr.usable_text("12 3")


def test_a_legacy_encoded_text_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_text("KÕ ho¹ch triÓn khai §Ò ¸n ®o l­êng hç trî doanh nghiÖp\n" * 5, "utf-8")
    with pytest.raises(DocumentError, match="TCVN3/VNI"):
        read_document(path)
