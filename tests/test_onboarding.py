"""New plans onboard themselves: noise cleanup, province detection, drafted facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cleaning import Cleaner, CleaningRules, clean_pages, clean_text, load_rules
from bot.documents import load_plan
from bot.drafts import draft_for
from bot.plan_meta import province_from_file_name, read_header
from bot.prose_targets import phases, quantities
from scripts.fixture_scoring import score_fixtures

FIXTURES = Path(__file__).parent / "data" / "plans"

# --- noise -------------------------------------------------------------------------------

WEB_COPY = """Trang chủ
Giới thiệu
Tin tức
Liên hệ
Trang chủ > Tin tức > Khoa học công nghệ
Cập nhật: 22/03/2022 09:15
Ngày 15/3/2022, UBND tỉnh Ninh Thuận ban hành Kế hoạch số 1020/KH-UBND.
Description: C:\\Users\\thuy\\AppData\\Local\\Temp\\msohtmlclip1\\01\\clip_image029.jpg
Hội thảo về đo lường cho doanh nghiệp (Ảnh: TL)
Ảnh: Minh Tuấn
Ảnh hưởng của đo lường tới doanh nghiệp là rất lớn.
Doanh nghiệp
- 3 -
Trang 4/12
Chia sẻ: Facebook Zalo
Bản quyền thuộc Sở Khoa học và Công nghệ
Tin liên quan:
Tập huấn nghiệp vụ đo lường năm 2022
"""


def test_web_noise_is_removed_and_content_kept() -> None:
    cleaned = clean_text(WEB_COPY)
    for noise in (
        "Trang chủ",
        "Giới thiệu",
        "image029",
        "Description",
        "(Ảnh: TL)",
        "Minh Tuấn",
        "- 3 -",
        "Trang 4",
        "Chia sẻ",
        "Bản quyền",
        "Cập nhật",
        "Tin liên quan",
        "Tập huấn nghiệp vụ",
    ):
        assert noise not in cleaned, noise
    # Look-alikes of noise that are content stay: "Ảnh hưởng…", a lone "Doanh nghiệp" cell.
    assert "Hội thảo về đo lường cho doanh nghiệp" in cleaned
    assert "Ảnh hưởng của đo lường tới doanh nghiệp là rất lớn." in cleaned
    assert "Doanh nghiệp" in cleaned.split("\n")
    assert "Kế hoạch số 1020/KH-UBND" in cleaned


def test_running_page_headers_and_footers_are_removed() -> None:
    bodies = [
        "Xây dựng hạ tầng đo lường.\nHỗ trợ doanh nghiệp.\nĐào tạo nhân lực.",
        "Tuyên truyền về đo lường.\nRà soát chính sách.\nKiểm định phương tiện đo.",
        "Sở Tài chính bố trí kinh phí.\nSở Công Thương phối hợp.\nBáo cáo hằng năm.",
        "Nội dung cuối.\nPhụ lục kèm theo.\nHết.",
    ]
    pages = [
        f"UBND TỈNH NINH THUẬN - Kế hoạch đo lường\n{body}\nTrang {i}/4"
        for i, body in enumerate(bodies, start=1)
    ]
    text = clean_pages(pages)
    assert "Kế hoạch đo lường" not in text and "Trang" not in text.replace("trang", "")
    assert all(line in text for body in bodies for line in body.split("\n"))


def test_cleaning_rules_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "cleaning.yaml"
    bad.write_text("drop_lines:\n  - pattern: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"cleaning.yaml.*drop_lines\.0\.pattern"):
        load_rules(bad)
    bad.write_text("drop_line: []\n", encoding="utf-8")
    with pytest.raises(Exception, match="drop_line"):
        load_rules(bad)
    cleaner = Cleaner(CleaningRules(drop_lines=[{"pattern": "xoa dong nay"}]))
    assert cleaner.clean_text("Xóa dòng này\ngiữ") == "giữ"


def test_the_real_plans_lose_only_noise() -> None:
    from tests.conftest import KNOWLEDGE

    for path in sorted((KNOWLEDGE / "plans").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        kept = [ln.strip() for ln in clean_text(raw).split("\n") if ln.strip()]
        dropped = [ln.strip() for ln in raw.split("\n") if ln.strip() and ln.strip() not in kept]
        assert all(ln.startswith("http") or ln.isdigit() for ln in dropped), dropped


# --- province ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plan_id", "province", "unit", "source", "warned"),
    [
        (
            "KẾ HOẠCH … trên địa bàn tỉnh Lạng Sơn\nI. MỤC TIÊU",
            "x",
            "Lạng Sơn",
            "tỉnh Lạng Sơn",
            "text",
            False,
        ),
        (
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 1/KH-UBND",
            "plan",
            "Đà Nẵng",
            "thành phố Đà Nẵng",
            "text",
            False,
        ),
        ("UBND tỉnh Hà Tĩnh vừa ban hành Kế hoạch", "a", "Hà Tĩnh", "tỉnh Hà Tĩnh", "text", False),
        (
            "Cần Thơ, ngày 18 tháng 5 năm 2021\nKẾ HOẠCH",
            "b",
            "Cần Thơ",
            "thành phố Cần Thơ",
            "text",
            False,
        ),
        # No province in the text: the file name, with diacritics, and a warning.
        (
            "I. MỤC TIÊU\n1. Đến năm 2025 hỗ trợ ít nhất 10 doanh nghiệp.",
            "lang-son",
            "Lạng Sơn",
            "tỉnh Lạng Sơn",
            "file name",
            True,
        ),
        ("I. MỤC TIÊU\nBan hành kế hoạch như sau", "ke-hoach-996", None, "", "", True),
    ],
)
def test_province_from_text_or_file_name(
    text: str, plan_id: str, province: str | None, unit: str, source: str, warned: bool
) -> None:
    meta = read_header(text, plan_id)
    assert (meta.province, meta.unit, meta.province_source) == (province, unit, source)
    assert bool(meta.warnings) == warned
    if warned:
        assert f"{plan_id}.meta.yaml" in meta.warnings[0]


def test_file_names_map_through_the_province_table() -> None:
    assert province_from_file_name("ninh-thuan") == "Ninh Thuận"
    assert province_from_file_name("ke-hoach-996-lang-son-2021") == "Lạng Sơn"
    assert province_from_file_name("ke-hoach-2021") is None


def test_meta_yaml_overrides_and_silences_the_warning(tmp_path: Path) -> None:
    plan = tmp_path / "kh-2022.txt"
    plan.write_text("I. MỤC TIÊU\n1. Đến năm 2025 hỗ trợ ít nhất 10 doanh nghiệp.\n", "utf-8")
    doc = load_plan(plan)
    assert doc.warnings and "kh-2022.meta.yaml" in doc.warnings[0]
    (tmp_path / "kh-2022.meta.yaml").write_text("province: vinh long\n", encoding="utf-8")
    doc = load_plan(plan)
    assert (doc.province, doc.province_source, doc.warnings) == ("Vĩnh Long", "meta.yaml", ())
    assert doc.issuing_body == "Ủy ban nhân dân tỉnh Vĩnh Long"


# --- prose -------------------------------------------------------------------------------


def test_several_targets_and_bracketed_later_milestones() -> None:
    text = (
        "Đến năm 2025, hỗ trợ tối thiểu 25 doanh nghiệp (đến năm 2030 tối thiểu 50 doanh "
        "nghiệp); đào tạo cho tối thiểu 150 lượt người (đến năm 2030 là 300 lượt người); "
        "đến năm 2025 đáp ứng 80% và đến năm 2030 đáp ứng 90% nhu cầu kiểm định. Hằng năm "
        "đăng ít nhất 10 tin, bài."
    )
    got = [(q.value, q.year, q.unit) for q in quantities(text, None)]
    assert got == [
        (25, 2025, "doanh nghiệp"),
        (50, 2030, "doanh nghiệp"),
        (150, 2025, "lượt người"),
        (300, 2030, "lượt người"),
        (80, 2025, "%"),
        (90, 2030, "%"),
        (10, None, "tin, bài"),
    ]


def test_periods_and_late_year_cues() -> None:
    got = quantities("Trong giai đoạn 2021–2025, hỗ trợ ít nhất 50 doanh nghiệp.", None)
    assert [(q.value, q.year, q.period) for q in got] == [(50, 2025, "2021-2025")]
    got = quantities("Bảo đảm đáp ứng 75% nhu cầu kiểm định vào năm 2025.", None)
    assert [(q.value, q.year) for q in got] == [(75, 2025)]
    # Years, document numbers and standards are not quantities.
    assert quantities("Quyết định số 996/QĐ-TTg ngày 10/8/2018; TCVN ISO/IEC 17025.", 2025) == []


def test_phases_described_in_a_sentence() -> None:
    for text in (
        "Kế hoạch được triển khai theo hai giai đoạn: giai đoạn 1 từ năm 2022 đến năm 2025, "
        "giai đoạn 2 từ năm 2026 đến năm 2030.",
        "Kế hoạch triển khai trong hai giai đoạn, giai đoạn I (2022 - 2025) và giai đoạn II "
        "(2026 - 2030).",
    ):
        assert [(p["start"], p["end"]) for p in phases(text)] == [(2022, 2025), (2026, 2030)]
    assert phases("giai đoạn đến năm 2025, định hướng đến năm 2030") == []


# --- whole plans -------------------------------------------------------------------------


def test_tuning_plans_are_recovered_completely() -> None:
    scores = score_fixtures(FIXTURES, "tune")
    assert len(scores) == 3
    for s in scores:
        assert s.found_vy == s.targets and s.wrong == 0, (s.plan_id, s.notes)
        assert s.meta_right == s.meta_fields, (s.plan_id, s.notes)


def test_held_out_plans_recovery_bar() -> None:
    """Plans written before the extractor was tuned (see gold.yaml): the measured figure
    must not regress below 0.9 recall with no more than one wrong target."""
    scores = score_fixtures(FIXTURES, "heldout")
    assert len(scores) == 5
    found = sum(s.found_vy for s in scores)
    total = sum(s.targets for s in scores)
    assert found / total >= 0.9 and sum(s.wrong for s in scores) <= 1
    assert sum(s.meta_right for s in scores) / sum(s.meta_fields for s in scores) >= 0.9


def test_a_drafted_fact_that_fails_the_quote_check_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.drafts as drafts

    doc = load_plan(FIXTURES / "heldout" / "thai-nguyen.txt")
    real = drafts.draft_facts

    def tampered(plan_id: str, text: str) -> dict:
        draft = real(plan_id, text)
        draft["targets"][0]["value"] = 999  # the quote does not say 999
        draft["targets"][1]["quote"] = "câu này không có trong kế hoạch"
        return draft

    monkeypatch.setattr(drafts, "draft_facts", tampered)
    data, warnings = draft_for(doc)
    assert data is not None
    assert len(data["targets"]) == len(real(doc.plan_id, doc.text)["targets"]) - 2
    assert sum("drafted fact dropped" in w for w in warnings) == 2
    assert any("999" in w for w in warnings)


def test_blanks_filled_by_meta_yaml_are_not_recorded_as_not_stated(tmp_path: Path) -> None:
    plan = tmp_path / "kh-2022.txt"
    plan.write_text("I. MỤC TIÊU\n1. Đến năm 2025 hỗ trợ ít nhất 10 doanh nghiệp.\n", "utf-8")
    (tmp_path / "kh-2022.meta.yaml").write_text("province: vinh long\n", encoding="utf-8")
    data, _ = draft_for(load_plan(plan))
    assert data is not None
    assert [n["topic"] for n in data["plan"]["not_stated"]] == ["document_number", "date", "signer"]
    (tmp_path / "kh-2022.meta.yaml").write_text(
        "province: vinh long\ndocument_number: 12/KH-UBND\ndate: 01/02/2022\n", encoding="utf-8"
    )
    data, _ = draft_for(load_plan(plan))
    assert data is not None and data["plan"]["document_number"] == "12/KH-UBND"
    assert [n["topic"] for n in data["plan"]["not_stated"]] == ["signer"]


def test_plan_list_says_which_facts_are_drafted() -> None:
    from bot.index_store import PlanInfo
    from bot.telegram.formatting import plan_line

    drafted = PlanInfo("lang-son", "Lạng Sơn", "Kế hoạch", "1245/QĐ-UBND", "28/6/2021", True)
    curated = PlanInfo("kon-tum", "Kon Tum", "Kế hoạch", None, None)
    assert "chưa được rà soát" in plan_line(drafted)
    assert "chưa được rà soát" not in plan_line(curated)


def test_milestones_after_the_number_respectively_and_thousands() -> None:
    got = quantities(
        "Số doanh nghiệp được hỗ trợ: 20 doanh nghiệp (năm 2025); 45 doanh nghiệp (năm 2030).",
        None,
    )
    assert [(q.value, q.year) for q in got] == [(20, 2025), (45, 2030)]
    got = quantities(
        "đến năm 2025 đạt 60 doanh nghiệp, đến năm 2030 đạt 120 doanh nghiệp; số lượt người "
        "được đào tạo lần lượt là 250 lượt người và 500 lượt người.",
        None,
    )
    assert [(q.value, q.year) for q in got] == [(60, 2025), (120, 2030), (250, 2025), (500, 2030)]
    got = quantities("Đến năm 2030: đào tạo cho trên 2.000 lượt người; 10 doanh nghiệp/năm.", None)
    assert [(q.value, q.year, q.unit) for q in got] == [
        (2000, 2030, "lượt người"),
        (10, 2030, "doanh nghiệp/năm"),
    ]


@pytest.mark.parametrize("split", ["heldout2", "heldout3"])
def test_later_held_out_sets_stay_recovered(split: str) -> None:
    """Measured once before tuning (README), recovered since: guard against regressions."""
    scores = score_fixtures(FIXTURES, split)
    assert len(scores) == 2
    assert all(s.found_vy == s.targets and s.wrong == 0 for s in scores), [
        (s.plan_id, s.notes) for s in scores
    ]


def test_a_targets_table_in_a_docx_is_drafted(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (
        "KẾ HOẠCH",
        "Triển khai Đề án đo lường trên địa bàn tỉnh Gia Lai",
        "I. MỤC TIÊU",
        "Các chỉ tiêu cụ thể như sau:",
    ):
        document.add_paragraph(line)
    rows = [
        ("TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030"),
        ("1", "Doanh nghiệp áp dụng Chương trình bảo đảm đo lường", "Doanh nghiệp", "25", "50"),
        ("2", "Lượt người được đào tạo về đo lường", "Lượt người", "90", "180"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "gia-lai.docx"
    document.save(str(path))
    draft, _ = draft_for(load_plan(path))
    assert draft is not None
    got = {(t["value"], t["year"], t["category"]) for t in draft["targets"]}
    assert got == {
        (25, 2025, "enterprises"),
        (50, 2030, "enterprises"),
        (90, 2025, "training"),
        (180, 2030, "training"),
    }
