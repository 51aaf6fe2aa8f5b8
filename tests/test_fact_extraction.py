"""The automatic draft: valid shape, verbatim quotes, and measured recovery of curated facts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.chunking import SEP, chunk_plan
from bot.fact_extraction import _verified, categorize, draft_facts, score_draft
from bot.facts import PlanFacts, check_quotes, load_facts

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "knowledge" / "plans"
FACTS = ROOT / "knowledge" / "facts"
PLAN_IDS = ["binh-thuan", "kon-tum"]

# A plan laid out differently from the two real ones (synthetic): "Giai đoạn" milestones,
# "tối thiểu" and percentages, an inline agency, a bulleted one and one without a colon.
SYNTHETIC = """\
ỦY BAN NHÂN DÂN TỈNH HÀ MẪU
Số: 123/KH-UBND
Hà Mẫu, ngày 05 tháng 3 năm 2022

KẾ HOẠCH
Tăng cường, đổi mới hoạt động đo lường hỗ trợ doanh nghiệp
trên địa bàn tỉnh Hà Mẫu

Căn cứ Quyết định số 996/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính phủ phê duyệt
Đề án “Tăng cường, đổi mới hoạt động đo lường hỗ trợ doanh nghiệp Việt Nam”;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao năng lực đo lường của doanh nghiệp trên địa bàn tỉnh.
2. Mục tiêu cụ thể
a) Giai đoạn 2021-2025:
- Tối thiểu 150 lượt người được đào tạo, tập huấn về đo lường;
- Hỗ trợ ít nhất 30 doanh nghiệp áp dụng Chương trình đảm bảo
đo lường;
- 100% tổ chức cung cấp dịch vụ kiểm định, hiệu chuẩn được đánh giá theo bộ tiêu chí.
b) Giai đoạn 2026-2030:
- Tối thiểu 300 lượt người được đào tạo, tập huấn về đo lường;
- Có ít nhất 03 phòng thí nghiệm được công nhận.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tuyên truyền về đo lường
2. Phát triển hạ tầng đo lường
III. THỜI GIAN THỰC HIỆN
- Giai đoạn 1: Từ năm 2021 đến năm 2025.
- Giai đoạn 2: Từ năm 2026 đến năm 2030.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ: Chủ trì triển khai Kế hoạch; tổng hợp báo cáo Ủy ban nhân dân tỉnh.
2. Sở Công Thương
- Phối hợp hướng dẫn doanh nghiệp áp dụng Chương trình đảm bảo đo lường.
- Kiểm tra đo lường trong kinh doanh xăng dầu.
3. Ủy ban nhân dân các huyện có trách nhiệm phối hợp với Sở Khoa học và Công nghệ.
Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh.
Nơi nhận:
- Như trên;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Mẫu
"""


def plan_text(plan_id: str) -> str:
    return (PLANS / f"{plan_id}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=PLAN_IDS)
def drafted(request: pytest.FixtureRequest) -> tuple[str, PlanFacts]:
    plan_id = request.param
    return plan_id, PlanFacts.model_validate(draft_facts(plan_id, plan_text(plan_id)))


def test_draft_validates_and_quotes_are_verbatim(drafted: tuple[str, PlanFacts]) -> None:
    plan_id, draft = drafted
    assert draft.plan_id == plan_id
    assert check_quotes(draft, plan_text(plan_id)) == []


def test_draft_recovers_curated_facts(drafted: tuple[str, PlanFacts]) -> None:
    plan_id, draft = drafted
    curated = load_facts(FACTS / f"{plan_id}.yaml", plan_text(plan_id))
    score = score_draft(curated, draft)
    assert score.curated_targets > 0
    assert score.target_recall >= 0.9, score.missed
    assert score.target_precision >= 0.9, score.wrong
    assert score.agency_recall >= 0.9, score.missed
    if score.curated_rows:
        assert score.row_recall >= 0.9, score.missed


def test_draft_meta_of_real_plans() -> None:
    kt = draft_facts("kon-tum", plan_text("kon-tum"))["plan"]
    assert kt["province"] == "Kon Tum" and kt["signer"] == "Nguyễn Hữu Tháp"
    assert kt["document_number"] is None and kt["date"] is None
    assert [d["number"] for d in kt["legal_basis"]][0] == "996/QĐ-TTg"
    assert [(p["start"], p["end"]) for p in kt["phases"]] == [(2021, 2025), (2026, 2030)]
    bt = draft_facts("binh-thuan", plan_text("binh-thuan"))["plan"]
    assert bt["province"] == "Bình Thuận" and bt["signer"] is None
    assert {d["number"] for d in bt["legal_basis"]} == {"996/QĐ-TTg", "3807/QĐ-BKHCN"}


def test_score_counts_a_wrong_draft() -> None:
    # The measurement must be able to fail: a draft with a changed value loses recall
    # and gains a wrong target.
    curated = load_facts(FACTS / "kon-tum.yaml", plan_text("kon-tum"))
    data = draft_facts("kon-tum", plan_text("kon-tum"))
    data["targets"][0]["value"] = 999
    data["responsibilities"] = data["responsibilities"][1:]
    score = score_draft(curated, PlanFacts.model_validate(data))
    assert score.recovered_targets == score.curated_targets - 1
    assert score.wrong_targets == 1
    assert score.recovered_agencies == score.curated_agencies - 1


def test_synthetic_plan_layout() -> None:
    draft = PlanFacts.model_validate(draft_facts("ha-mau", SYNTHETIC))
    assert check_quotes(draft, SYNTHETIC) == []
    meta = draft.plan
    assert (meta.province, meta.document_number, meta.date) == (
        "Hà Mẫu",
        "123/KH-UBND",
        "05/3/2022",
    )
    assert meta.signer == "Trần Văn Mẫu"
    targets = {(t.value, t.year, t.category) for t in draft.targets}
    assert targets == {
        (150, 2025, "training"),
        (30, 2025, "enterprises"),
        (100, 2025, "service_orgs"),
        (300, 2030, "training"),
        (3, 2030, "labs"),
    }
    pct = next(t for t in draft.targets if t.unit == "%")
    assert pct.qualifier is None
    # Under "Giai đoạn A-B" headings a target is that period's amount, not a running total.
    assert {t.period for t in draft.targets if t.year == 2030} == {"2026-2030"}
    assert {t.period for t in draft.targets if t.year == 2025} == {"2021-2025"}
    assert {t.basis for t in draft.targets} == {"period"}
    agencies = {r.agency: r.duties for r in draft.responsibilities}
    assert agencies["Sở Khoa học và Công nghệ"] == [
        "Chủ trì triển khai Kế hoạch.",
        "Tổng hợp báo cáo Ủy ban nhân dân tỉnh.",
    ]
    assert len(agencies["Sở Công Thương"]) == 2
    assert "Ủy ban nhân dân các huyện" in agencies
    assert [t.code for t in draft.tasks] == ["II.1", "II.2"]


def test_unverifiable_quotes_are_dropped() -> None:
    text = "Ít nhất 10 doanh nghiệp được hỗ trợ."
    draft = {
        "plan_id": "x",
        "plan": {"quote": "không có", "legal_basis": [], "phases": []},
        "targets": [{"quote": "Ít nhất 10 doanh nghiệp"}, {"quote": "Ít nhất 20 doanh nghiệp"}],
        "tasks": [{"quote": "được hỗ trợ", "results": [{"quote": "2021-2025 5 lượt"}]}],
        "responsibilities": [],
        "funding": [],
        "scope": [],
        "priority_sectors": [],
    }
    out = _verified(draft, text)
    assert [t["quote"] for t in out["targets"]] == ["Ít nhất 10 doanh nghiệp"]
    assert out["tasks"][0]["results"] == []
    assert out["plan"]["quote"] in text


@pytest.mark.parametrize(
    ("unit", "sentence", "expected"),
    [
        ("lượt người", "Bồi dưỡng, nâng cao chuyên môn nghiệp vụ", "training"),
        ("phòng thí nghiệm", "Triển khai áp dụng bộ tiêu chí", "labs"),
        ("chất chuẩn, chuẩn đo lường, phương tiện đo", "Hỗ trợ xã hội hóa", "standards"),
        ("doanh nghiệp", "Triển khai Chương trình đảm bảo đo lường", "enterprises"),
        ("tin, bài", "Tuyên truyền", "communication"),
        ("lượt", "Tăng cường công tác phối hợp", "cooperation"),
        ("cái", "Việc khác", "other"),
    ],
)
def test_categorize(unit: str, sentence: str, expected: str) -> None:
    assert categorize(unit, sentence) == expected


def test_extract_script_writes_loadable_draft(tmp_path: Path) -> None:
    out = tmp_path / "kon-tum.yaml"
    script = ROOT / "scripts" / "extract_facts.py"
    run = subprocess.run(
        [sys.executable, str(script), str(PLANS / "kon-tum.txt"), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# DRAFT")
    facts = load_facts(out, plan_text("kon-tum"))
    assert len(facts.targets) == 8
    # A second run must not overwrite the file without --force.
    again = subprocess.run(
        [sys.executable, str(script), str(PLANS / "kon-tum.txt"), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 2 and "already exists" in again.stderr


def test_extract_script_names_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing-plan.txt"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "extract_facts.py"), str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "missing-plan.txt" in run.stderr and "Traceback" not in run.stderr


def test_draft_and_chunks_share_the_parse() -> None:
    # Both read bot.chunking.parse_plan: every appendix row chunk is a drafted task, filed
    # under the same outline path.
    text = plan_text("kon-tum")
    tasks = {t["code"]: t for t in draft_facts("kon-tum", text)["tasks"]}
    rows = [c for c in chunk_plan("kon-tum", "Kon Tum", text) if c.kind == "appendix_row"]
    assert rows
    for chunk in rows:
        task = tasks[chunk.meta["code"]]
        assert chunk.section.startswith(task["section"] + SEP)
        lead = f"Đơn vị chủ trì: {task['lead']}." if task["lead"] else "Đơn vị chủ trì"
        assert (lead in chunk.text) == bool(task["lead"])


def test_body_task_title_drops_trailing_note() -> None:
    tasks = {t["code"]: t for t in draft_facts("kon-tum", plan_text("kon-tum"))["tasks"]}
    assert tasks["II.5.b"]["title"].endswith(
        "nâng cao nhận thức của doanh nghiệp và xã hội về hoạt động đo lường"
    )


# Heading lines with plain (unbulleted) text under them, the signature before the recipients.
HEADINGS_LAYOUT = """\
KẾ HOẠCH
Triển khai Đề án đo lường trên địa bàn tỉnh Thử Nghiệm
I. MỤC TIÊU
2.1. Đến năm 2025
Ít nhất 50 lượt người được đào tạo, tập huấn về đo lường.
Hỗ trợ ít nhất 10 doanh nghiệp áp dụng Chương trình đảm bảo đo lường.
2.2. Đến năm 2030
Ít nhất 100 lượt người được đào tạo, tập huấn về đo lường.
II. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
Chủ trì triển khai Kế hoạch; tổng hợp báo cáo.
2. Sở Tài chính
- Bố trí kinh phí thực hiện Kế hoạch.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Bình
Nơi nhận:
- Như trên;
"""


def test_heading_lines_with_plain_text_under_them() -> None:
    draft = PlanFacts.model_validate(draft_facts("thu-nghiem", HEADINGS_LAYOUT))
    assert check_quotes(draft, HEADINGS_LAYOUT) == []
    assert {(t.value, t.year, t.category) for t in draft.targets} == {
        (50, 2025, "training"),
        (10, 2025, "enterprises"),
        (100, 2030, "training"),
    }
    agencies = {r.agency: r.duties for r in draft.responsibilities}
    assert agencies == {
        "Sở Khoa học và Công nghệ": ["Chủ trì triển khai Kế hoạch.", "Tổng hợp báo cáo."],
        "Sở Tài chính": ["Bố trí kinh phí thực hiện Kế hoạch."],
    }
    assert (draft.plan.signer, draft.plan.signer_title) == (
        "Lê Văn Bình",
        "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH",
    )


def test_draft_fields_sectors_and_blanks_of_real_plans() -> None:
    bt = PlanFacts.model_validate(draft_facts("binh-thuan", plan_text("binh-thuan")))
    fields = [t for t in bt.targets if t.category == "standards"]
    assert [(t.year, t.measure_kind, t.value) for t in fields] == [
        (2025, "fields", None),
        (2030, "fields", None),
    ]
    assert fields[0].items == ["khối lượng", "độ dài", "điện - điện từ"]
    assert {t.measure_kind for t in bt.targets if t.category != "standards"} == {"count"}
    assert [n.topic for n in bt.plan.not_stated] == ["document_number", "date", "signer"]
    kt = PlanFacts.model_validate(draft_facts("kon-tum", plan_text("kon-tum")))
    assert [n.topic for n in kt.plan.not_stated] == ["document_number", "date"]
    assert kt.priority_sectors and all(s.open_list for s in kt.priority_sectors)
    group = next(t for t in kt.tasks if t.code == "PL.II.5")
    assert group.lead == "Sở Khoa học và Công nghệ" and group.results


def test_score_ignores_appendix_targets_and_uncertain_leads() -> None:
    curated = load_facts(FACTS / "kon-tum.yaml", plan_text("kon-tum"))
    assert any(t.source == "appendix" for t in curated.targets)
    draft = PlanFacts.model_validate(draft_facts("kon-tum", plan_text("kon-tum")))
    score = score_draft(curated, draft)
    assert score.curated_targets == sum(
        1 for t in curated.targets if t.source == "body" and t.value is not None
    )
    # A merged-cell row's inherited lead is not compared; a certain row's lead is.
    data = draft.model_dump()
    for task in data["tasks"]:
        if task["code"] in ("PL.II.5.a", "PL.II.2.c"):
            task["lead"] = "Sở Nội vụ"
    rescored = score_draft(curated, PlanFacts.model_validate(data))
    assert rescored.recovered_rows == score.recovered_rows - 1
    assert "appendix row PL.II.2.c" in rescored.missed
