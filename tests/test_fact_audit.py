"""Meaning checks on curated facts: they catch the errors the audit found (issue 7, item 6),
on the files as they were, and on single mutations of the files as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.fact_extraction import draft_facts
from bot.facts import FactsError, PlanFacts, check_meanings, load_facts

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "knowledge" / "plans"
FACTS = ROOT / "knowledge" / "facts"
BEFORE = Path(__file__).resolve().parent / "data" / "facts_before_audit"


def plan_text(plan_id: str) -> str:
    return (PLANS / f"{plan_id}.txt").read_text(encoding="utf-8")


def curated(plan_id: str) -> dict[str, Any]:
    return yaml.safe_load((FACTS / f"{plan_id}.yaml").read_text(encoding="utf-8"))


def problems_of(tmp_path: Path, plan_id: str, data: dict[str, Any]) -> list[str]:
    """Every problem line load_facts reports for data saved as <plan_id>.yaml ([] if none)."""
    path = tmp_path / f"{plan_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        load_facts(path, plan_text(plan_id))
    except FactsError as exc:
        return str(exc).splitlines()
    return []


def index(items: list[dict[str, Any]], key: str, value: str) -> int:
    return next(i for i, item in enumerate(items) if item[key] == value)


def only(lines: list[str], *needles: str) -> list[str]:
    return [ln for ln in lines if all(n in ln for n in needles)]


# --- the files before the audit ----------------------------------------------------------


def before_problems(plan_id: str) -> list[str]:
    with pytest.raises(FactsError) as info:
        load_facts(BEFORE / f"{plan_id}.yaml", plan_text(plan_id))
    lines = str(info.value).splitlines()
    assert all(f"facts_before_audit/{plan_id}.yaml: " in line for line in lines)
    return lines


def test_old_kon_tum_2030_targets_are_not_a_phase() -> None:
    lines = before_problems("kon-tum")
    for target in ("standards-2030", "training-2030", "enterprises-2030", "labs-2030"):
        hits = only(lines, f"({target}).period", "Đến năm 2030", "2026-2030")
        assert len(hits) == 1, lines
    # The 2025 targets count from the plan's start (2021-2025): not flagged.
    assert not only(lines, "-2025).period")


def test_old_kon_tum_stray_merged_cells_open_list_and_verbs() -> None:
    lines = before_problems("kon-tum")
    assert only(lines, "(PL.II.4.b).results[2]", "second result for 2025-2030")
    assert {c for c in ("PL.II.5.a", "PL.II.5.b", "PL.II.5.c") if only(lines, f"({c}).group")} == {
        "PL.II.5.a",
        "PL.II.5.b",
        "PL.II.5.c",
    }
    assert len(only(lines, "priority_sectors[", "open_list")) == 4
    # Sở Tài chính does not allocate funds itself; Sở TT&TT does not write the reports.
    assert only(lines, "(Sở Tài chính).duties[1]", "bo tri kinh phi theo")
    assert only(lines, "(Sở Thông tin và Truyền thông).duties[1]", "chỉ đạo")
    assert only(lines, "plan.document_number", "not_stated")
    assert only(lines, "plan.date", "not_stated")
    assert not only(lines, "plan.signer")  # Kon Tum's signer is named


def test_old_binh_thuan_fields_are_not_counts_and_blanks_are_recorded() -> None:
    lines = before_problems("binh-thuan")
    assert len(only(lines, "(standards-fields-", "measure_kind")) == 2
    assert {f for f in ("document_number", "date", "signer") if only(lines, f"plan.{f}")} == {
        "document_number",
        "date",
        "signer",
    }


# --- the files now -----------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", ["binh-thuan", "kon-tum"])
def test_current_files_pass_every_meaning_check(plan_id: str) -> None:
    facts = load_facts(FACTS / f"{plan_id}.yaml", plan_text(plan_id))
    assert check_meanings(facts, plan_text(plan_id)) == []


def test_kon_tum_2030_totals_and_appendix_split() -> None:
    facts = load_facts(FACTS / "kon-tum.yaml", plan_text("kon-tum"))
    by_id = {t.id: t for t in facts.targets}
    training = by_id["training-2030"]
    assert (training.year, training.period, training.basis) == (2030, None, "cumulative")
    split = [t for t in facts.targets if t.series == "training" and t.source == "appendix"]
    assert [(t.period, t.phase, t.value, t.task) for t in split] == [
        ("2021-2025", "Giai đoạn 1", 25, "PL.II.2.c"),
        ("2025-2030", "Giai đoạn 2", 25, "PL.II.2.c"),
    ]
    # Body 10/20 vs appendix survey 05/10: both kept, linked and explained.
    ent = by_id["enterprises-2030"]
    assert set(ent.differs_from) == {"enterprises-2021-2025-pl", "enterprises-2025-2030-pl"}
    assert ent.note and "15" in ent.note
    rows = {t.code: t for t in facts.tasks}
    assert rows["PL.II.4.b"].results[2].uncertain and not rows["PL.II.4.b"].results[1].uncertain
    assert rows["PL.II.5"].results and rows["PL.II.5"].lead == "Sở Khoa học và Công nghệ"
    for code in ("PL.II.5.a", "PL.II.5.b", "PL.II.5.c"):
        assert rows[code].group == "PL.II.5" and rows[code].uncertain and not rows[code].results
    assert all(s.open_list for s in facts.priority_sectors)
    finance = next(r for r in facts.responsibilities if r.agency == "Sở Tài chính")
    assert finance.roles == ["advise"] and "tham mưu" in finance.duties[0]
    assert "cấp có thẩm quyền bố trí kinh phí" in finance.duties[0]
    info = next(r for r in facts.responsibilities if r.agency == "Sở Thông tin và Truyền thông")
    assert info.roles == ["direct", "direct"] and all(d.startswith("Chỉ đạo") for d in info.duties)
    assert {c.topic for c in facts.clauses} == {"budget_management", "feedback", "implementation"}
    assert [o.marker for o in facts.objectives] == ["a", "b", "c", "d", "đ"]


def test_standards_are_fields_in_binh_thuan_and_a_count_in_kon_tum() -> None:
    bt = load_facts(FACTS / "binh-thuan.yaml", plan_text("binh-thuan"))
    kt = load_facts(FACTS / "kon-tum.yaml", plan_text("kon-tum"))
    bt_std = [t for t in bt.targets if t.category == "standards"]
    kt_std = [t for t in kt.targets if t.category == "standards"]
    assert {t.measure_kind for t in bt_std} == {"fields"}
    assert {t.measure_kind for t in kt_std} == {"count"}
    assert bt_std[0].items == ["khối lượng", "độ dài", "điện - điện từ"]
    assert all(t.value is None for t in bt_std) and all(t.value for t in kt_std)


# --- each check, on one mutation of today's files ----------------------------------------


def test_milestone_target_given_a_phase_period(tmp_path: Path) -> None:
    data = curated("kon-tum")
    i = index(data["targets"], "id", "labs-2030")
    data["targets"][i]["period"] = "2026-2030"
    lines = problems_of(tmp_path, "kon-tum", data)
    assert only(lines, f"targets[{i}] (labs-2030).period", "b) Đến năm 2030")
    assert lines[0].startswith(str(tmp_path / "kon-tum.yaml"))


def test_milestone_target_marked_per_period_or_wrong_year(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = index(data["targets"], "id", "training-2030")
    data["targets"][i]["basis"] = "period"
    data["targets"][i]["year"] = 2025
    lines = problems_of(tmp_path, "binh-thuan", data)
    assert only(lines, f"targets[{i}] (training-2030).basis", "cumulative")
    assert only(lines, f"targets[{i}] (training-2030).year", "Mục tiêu đến năm 2030")


def test_appendix_split_must_add_up_to_the_milestone(tmp_path: Path) -> None:
    data = curated("kon-tum")
    i = index(data["targets"], "id", "training-2030")
    data["targets"][i]["value"] = 60  # the quote still says 50
    lines = problems_of(tmp_path, "kon-tum", data)
    # The quote check and the sum check both object.
    assert only(lines, f"targets[{i}] (training-2030).value", "does not appear in its quote")
    assert only(lines, f"targets[{i}] (training-2030).value", "25 + 2025-2030 25 = 50", "60")


def test_unflagged_disagreement_with_the_appendix_is_reported(tmp_path: Path) -> None:
    data = curated("kon-tum")
    for target in data["targets"]:
        if target["series"] == "enterprises":
            target.pop("differs_from", None)
            target.pop("note", None)
    lines = problems_of(tmp_path, "kon-tum", data)
    assert only(lines, "(enterprises-2025).value", "= 5) do not add up to 10")
    assert only(lines, "(enterprises-2030).value", "= 15) do not add up to 20")


def test_differs_from_needs_a_note_and_a_real_target(tmp_path: Path) -> None:
    data = curated("kon-tum")
    i = index(data["targets"], "id", "enterprises-2025")
    data["targets"][i]["differs_from"] = ["enterprises-2035"]
    data["targets"][i].pop("note")
    lines = problems_of(tmp_path, "kon-tum", data)
    assert only(lines, f"targets[{i}] (enterprises-2025).differs_from", "enterprises-2035")
    assert only(lines, f"targets[{i}] (enterprises-2025).note")


def test_appendix_value_must_be_in_its_row(tmp_path: Path) -> None:
    data = curated("kon-tum")
    i = index(data["targets"], "id", "standards-2025-2030-pl")
    data["targets"][i]["task"] = "PL.II.2.c"  # the training row: no "5" for 2025-2030
    lines = problems_of(tmp_path, "kon-tum", data)
    assert only(lines, f"targets[{i}] (standards-2025-2030-pl).value", "PL.II.2.c")


def test_section_must_exist_in_the_outline(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = index(data["funding"], "source", data["funding"][0]["source"])
    data["funding"][i]["section"] = "III. KINH PHÍ THỰC HIỆN"  # Bình Thuận's III is NGUỒN …
    data["tasks"][0]["section"] = "II. NHIỆM VỤ VÀ GIẢI PHÁP › 6. Hợp tác quốc tế"
    lines = problems_of(tmp_path, "binh-thuan", data)
    assert only(lines, f"funding[{i}]", ".section", "not in the plan")
    assert only(lines, "tasks[0] (II.1).section", "6. Hợp tác quốc tế")


def test_appendix_section_is_checked_against_the_table(tmp_path: Path) -> None:
    data = curated("kon-tum")
    i = index(data["tasks"], "code", "PL.II.3.a")
    data["tasks"][i]["section"] = "Phụ lục › II TRIỂN KHAI THỰC HIỆN CÁC NHIỆM VỤ KẾ HOẠCH › 7 Khác"
    lines = problems_of(tmp_path, "kon-tum", data)
    assert only(lines, f"tasks[{i}] (PL.II.3.a).section")


def test_grouped_row_cannot_claim_results_or_certain_cells(tmp_path: Path) -> None:
    data = curated("kon-tum")
    i = index(data["tasks"], "code", "PL.II.5.b")
    data["tasks"][i]["uncertain"] = False
    j = index(data["tasks"], "code", "PL.II.5.c")
    data["tasks"][j]["results"] = [
        {"period": "2021-2030", "result": "5 năm", "quote": "2021 -2030 Hằng năm, đột xuất"}
    ]
    lines = problems_of(tmp_path, "kon-tum", data)
    assert only(lines, f"tasks[{i}] (PL.II.5.b).uncertain", "PL.II.5")
    assert only(lines, f"tasks[{j}] (PL.II.5.c).results", "belong to the group")


def test_role_must_be_said_by_the_duty(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = index(data["responsibilities"], "agency", "Sở Tài chính")
    data["responsibilities"][i]["roles"] = ["direct"]
    lines = problems_of(tmp_path, "binh-thuan", data)
    assert only(lines, f"responsibilities[{i}] (Sở Tài chính).roles[0]", "chỉ đạo")
    data["responsibilities"][i]["roles"] = ["advise", "advise"]
    lines = problems_of(tmp_path, "binh-thuan", data)
    assert only(lines, f"responsibilities[{i}] (Sở Tài chính).roles", "2 roles for 1 duties")


def test_fields_target_items_must_be_quoted(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = index(data["targets"], "id", "standards-fields-2025")
    data["targets"][i]["items"] = ["khối lượng", "nhiệt độ"]
    lines = problems_of(tmp_path, "binh-thuan", data)
    assert only(lines, f"targets[{i}] (standards-fields-2025).items", "nhiệt độ")


def test_lead_source_quote_is_checked(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = index(data["tasks"], "code", "II.3")
    data["tasks"][i]["lead_source"]["quote"] = "Sở Công Thương chủ trì tăng cường năng lực"
    lines = problems_of(tmp_path, "binh-thuan", data)
    assert only(lines, f"tasks[{i}] (II.3).lead_source.quote", "not found")


# --- the extractor step behind the old errors ----------------------------------------------


def test_draft_milestones_count_from_the_plan_start_and_strays_are_uncertain() -> None:
    text = plan_text("kon-tum")
    draft = PlanFacts.model_validate(draft_facts("kon-tum", text))
    periods = {t.year: t.period for t in draft.targets}
    assert periods == {2025: "2021-2025", 2030: "2021-2030"}
    assert {t.basis for t in draft.targets} == {"cumulative"}
    row = next(t for t in draft.tasks if t.code == "PL.II.4.b")
    assert [r.uncertain for r in row.results] == [False, False, True]
    assert row.period == "2021-2025; 2025-2030"
    grouped = {t.code: t for t in draft.tasks if t.group == "PL.II.5"}
    assert set(grouped) == {"PL.II.5.a", "PL.II.5.b", "PL.II.5.c"}
    assert check_meanings(draft, text) == []


def test_blank_recorded_twice_or_given_and_blank(tmp_path: Path) -> None:
    data = curated("kon-tum")
    data["plan"]["not_stated"].append(dict(data["plan"]["not_stated"][0]))
    data["plan"]["not_stated"].append(
        {"topic": "signer", "note": "Không ghi tên.", "quote": "Nguyễn Hữu Tháp"}
    )
    lines = problems_of(tmp_path, "kon-tum", data)
    n = len(data["plan"]["not_stated"]) - 2
    assert only(lines, f"plan.not_stated[{n}] (document_number)", "recorded twice")
    assert only(lines, "plan.signer", "given and also recorded as not stated")
