"""Chat shorthand spelled out before a question is read (knowledge/lexicon/shorthand.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.lexicon import DEFAULT_LEXICON_DIR, LexiconError
from bot.shorthand import SHORTHAND_FILE, expand_shorthand, load_shorthand

PROVINCES = ["Bình Thuận", "Kon Tum"]


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("SKHCN BT có nv gì", "SKHCN Bình Thuận có nhiệm vụ gì"),
        ("DN SX KD ở KT", "doanh nghiệp sản xuất kinh doanh ở Kon Tum"),
        # Typed with "đ", KĐ is kiểm định; without it, KD stays kinh doanh.
        ("tổ chức DV KĐ, HC, TN", "tổ chức dịch vụ kiểm định, hiệu chuẩn, thử nghiệm"),
        ("đáp ứng Bộ TCQG", "đáp ứng Bộ tiêu chí quốc gia"),
        ("nguồn KP của KH KT", "nguồn kinh phí của kế hoạch Kon Tum"),
        ("Ngày Đo lường VN", "Ngày Đo lường Việt Nam"),
        # Compound abbreviations and codes are left alone.
        ("Sở KH&CN, Quyết định 510/QĐ-BKHCN", "Sở KH&CN, Quyết định 510/QĐ-BKHCN"),
        # A province's shorthand when typed as an abbreviation, or in lower case where a
        # place goes (at the start, after "của", "còn", "kh" …), not in other running text.
        ("kt co bao nhieu ptn", "Kon Tum co bao nhieu phòng thí nghiệm"),
        ("còn bt?", "còn Bình Thuận?"),
        ("muc tieu chung kh kt", "muc tieu chung kế hoạch Kon Tum"),
        ("so lieu can kt lai", "so lieu can kt lai"),
        ("lam bt ve nha", "lam bt ve nha"),
    ],
)
def test_shorthand_is_spelled_out(typed: str, spelled: str) -> None:
    assert expand_shorthand(typed, PROVINCES) == spelled


def test_a_key_must_be_one_word(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_LEXICON_DIR, folder)
    path = folder / SHORTHAND_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace("  kđ: kiểm định\n", "  k đ: kiểm định\n"),
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"words\.k đ: must map one word to words"):
        load_shorthand(folder)


def test_words_typed_fast_are_spelled_out() -> None:
    assert expand_shorthand("mỗi năm bố trí bao nhiu tiền") == "mỗi năm bố trí bao nhiêu tiền"
    assert expand_shorthand("tgian thực hiện?") == "thời gian thực hiện?"
