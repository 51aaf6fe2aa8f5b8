"""Curated fact files: they load against the real plans, and bad files fail clearly."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.facts import (
    FactsError,
    PlanFacts,
    Target,
    fact_to_json,
    iter_facts,
    load_all_facts,
    load_facts,
)

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "knowledge" / "plans"
FACTS = ROOT / "knowledge" / "facts"
PLAN_IDS = ["binh-thuan", "kon-tum"]


def plan_text(plan_id: str) -> str:
    return (PLANS / f"{plan_id}.txt").read_text(encoding="utf-8")


def curated(plan_id: str) -> dict[str, Any]:
    return yaml.safe_load((FACTS / f"{plan_id}.yaml").read_text(encoding="utf-8"))


def write(tmp_path: Path, plan_id: str, data: dict[str, Any] | str) -> Path:
    path = tmp_path / f"{plan_id}.yaml"
    text = (
        data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    )
    path.write_text(text, encoding="utf-8")
    return path


def target_index(data: dict[str, Any], target_id: str) -> int:
    return next(i for i, t in enumerate(data["targets"]) if t["id"] == target_id)


# --- the real files ----------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_curated_file_loads_against_real_plan(plan_id: str) -> None:
    facts = load_facts(FACTS / f"{plan_id}.yaml", plan_text(plan_id))
    assert facts.plan_id == plan_id
    assert facts.targets and facts.tasks and facts.responsibilities and facts.funding
    assert {d.number for d in facts.plan.legal_basis} >= {"996/QĐ-TTg", "3807/QĐ-BKHCN"}


def test_binh_thuan_key_facts() -> None:
    facts = load_facts(FACTS / "binh-thuan.yaml", plan_text("binh-thuan"))
    numeric = {(t.category, t.year): t.value for t in facts.targets if t.value is not None}
    assert numeric == {
        ("training", 2025): 100,
        ("enterprises", 2025): 5,
        ("training", 2030): 200,
        ("enterprises", 2030): 10,
    }
    fields = {t.year: t.metric for t in facts.targets if t.value is None}
    assert "độ dài" in fields[2025] and "lưu lượng" in fields[2030]
    assert facts.plan.signer is None and facts.plan.phases == []
    agencies = [r.agency for r in facts.responsibilities]
    assert agencies[:2] == ["Sở Khoa học và Công nghệ", "Sở Tài chính"]
    headings = [t.code for t in facts.tasks if "-" not in t.code]
    assert headings == ["II.1", "II.2", "II.3", "II.4", "II.5"]
    # Every "- " bullet under the II.x headings is a task of its own, in the plan's order.
    bullets = [t.code for t in facts.tasks if "-" in t.code]
    assert bullets == [
        *(f"II.1-{k}" for k in (1, 2)),
        *(f"II.2-{k}" for k in (1, 2, 3)),
        *(f"II.3-{k}" for k in (1, 2)),
        *(f"II.4-{k}" for k in (1, 2, 3, 4, 5)),
        *(f"II.5-{k}" for k in (1, 2, 3, 4, 5)),
    ]
    by_code = {t.code: t for t in facts.tasks}
    assert all(by_code[c].section.endswith(by_code[c.split("-")[0]].title) for c in bullets)
    # II.3 names no lead; section IV.1 does.
    lead_source = by_code["II.3"].lead_source
    assert by_code["II.3"].lead == "Sở Khoa học và Công nghệ" and lead_source is not None
    assert lead_source.section.startswith("IV. TỔ CHỨC THỰC HIỆN › 1.")
    assert {n.topic for n in facts.plan.not_stated} >= {"document_number", "date", "signer"}
    assert [c.topic for c in facts.clauses] == ["budget_management", "feedback"]
    assert len(facts.objectives) == 4


def test_kon_tum_key_facts() -> None:
    facts = load_facts(FACTS / "kon-tum.yaml", plan_text("kon-tum"))
    assert facts.plan.signer == "Nguyễn Hữu Tháp"
    assert facts.plan.document_number is None and facts.plan.date is None
    assert [(p.start, p.end) for p in facts.plan.phases] == [(2021, 2025), (2026, 2030)]
    assert {d.number for d in facts.plan.legal_basis} == {
        "996/QĐ-TTg",
        "82/QĐ-BKHCN",
        "3807/QĐ-BKHCN",
        "510/QĐ-BKHCN",
    }
    body = [t for t in facts.targets if t.source == "body"]
    numeric = {(t.category, t.year): t.value for t in body}
    assert numeric[("labs", 2025)] == 1 and numeric[("training", 2030)] == 50
    rows = {t.code: t for t in facts.tasks if t.code.startswith("PL.")}
    assert rows["PL.II.4.a"].lead == "Sở Khoa học và Công nghệ"
    assert [(r.period, r.result) for r in rows["PL.I"].results] == [
        ("2021-2025", "5 tin, bài"),
        ("2025-2030", "5 tin, bài"),
    ]
    assert "20 chuẩn, chất chuẩn" in rows["PL.II.3.a"].results[0].result
    sectors = [s.name for s in facts.priority_sectors]
    assert "Dịch vụ logistics" in sectors and "Nông nghiệp công nghệ cao" in sectors
    assert len(facts.scope) == 3


def test_load_all_facts_real_knowledge() -> None:
    good, errors = load_all_facts(FACTS, {pid: plan_text(pid) for pid in PLAN_IDS})
    assert errors == []
    assert sorted(good) == PLAN_IDS


# --- failures ----------------------------------------------------------------------------


def test_quote_not_in_plan_is_rejected(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = target_index(data, "training-2030")
    data["targets"][i]["quote"] = "Ít nhất 250 lượt người tham gia hoạt động đo lường"
    path = write(tmp_path, "binh-thuan", data)
    with pytest.raises(FactsError) as info:
        load_facts(path, plan_text("binh-thuan"))
    err = info.value
    message = str(err)
    assert "binh-thuan.yaml" in message
    assert f"targets[{i}] (training-2030).quote" in message
    assert "not found" in message
    assert err.file.endswith("binh-thuan.yaml")
    assert err.location == f"targets[{i}] (training-2030).quote"
    assert "not found in plan text" in err.problem


def test_nested_quote_is_checked(tmp_path: Path) -> None:
    data = curated("kon-tum")
    i = next(i for i, t in enumerate(data["tasks"]) if t["code"] == "PL.I")
    data["tasks"][i]["results"][0]["quote"] = "2021-2025 7 tin, bài"
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "kon-tum", data), plan_text("kon-tum"))
    assert f"tasks[{i}] (PL.I).results[0].quote" in str(info.value)


def test_every_bad_quote_is_reported(tmp_path: Path) -> None:
    data = curated("kon-tum")
    data["plan"]["quote"] = "Hội đồng nhân dân tỉnh ban hành"
    data["priority_sectors"][0]["quote"] = "du lịch sinh thái"
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "kon-tum", data), plan_text("kon-tum"))
    message = str(info.value)
    assert "plan.quote" in message
    assert "priority_sectors[0] (Dịch vụ logistics).quote" in message
    assert len(info.value.more) == 1


def test_value_must_appear_in_its_quote(tmp_path: Path) -> None:
    # The quote is genuine but says 100, not 120: the number itself must be grounded.
    data = curated("binh-thuan")
    i = target_index(data, "training-2025")
    data["targets"][i]["value"] = 120
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))
    assert info.value.location == f"targets[{i}] (training-2025).value"
    assert "120" in info.value.problem


def test_extra_field_rejected_with_location(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    data["targets"][0]["source_page"] = 3
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))
    message = str(info.value)
    assert "binh-thuan.yaml" in message
    assert "targets[0] (training-2025).source_page" in message
    assert "Extra inputs are not permitted" in message


def test_wrong_type_rejected_with_location(tmp_path: Path) -> None:
    data = curated("kon-tum")
    data["plan"]["phases"][1]["start"] = "năm 2026"
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "kon-tum", data), plan_text("kon-tum"))
    assert info.value.location == "plan.phases[1] (Giai đoạn 2).start"


def test_unknown_category_rejected(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    data["targets"][0]["category"] = "trainings"
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))
    assert "targets[0] (training-2025).category" in str(info.value)


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    source = (FACTS / "binh-thuan.yaml").read_text(encoding="utf-8").splitlines()
    line = next(
        n for n, text in enumerate(source) if text.strip().startswith("- id: training-2030")
    )
    source[line] = source[line] + ": oops"  # "mapping values are not allowed here"
    path = write(tmp_path, "binh-thuan", "\n".join(source) + "\n")
    with pytest.raises(FactsError) as info:
        load_facts(path, plan_text("binh-thuan"))
    message = str(info.value)
    assert "binh-thuan.yaml" in message
    assert f"line {line + 1}" in message
    assert "YAML syntax error" in message


def test_plan_id_must_match_file_name(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    path = write(tmp_path, "kon-tum", data)  # Bình Thuận facts saved as kon-tum.yaml
    with pytest.raises(FactsError) as info:
        load_facts(path, plan_text("kon-tum"))
    assert info.value.location == "plan_id"
    assert "'binh-thuan'" in info.value.problem and "'kon-tum'" in info.value.problem


def test_duplicate_target_id_rejected(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    data["targets"][1]["id"] = data["targets"][0]["id"]
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))
    assert "duplicate id" in str(info.value)


def test_empty_quote_rejected(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    data["funding"][0]["quote"] = " "
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))
    assert "funding[0]" in str(info.value) and "quote" in str(info.value)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "binh-thuan", "- just\n- a list\n"), plan_text("binh-thuan"))
    assert "binh-thuan.yaml" in str(info.value)


# --- normalisation -----------------------------------------------------------------------


def test_decomposed_text_and_other_white_space_still_match(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = target_index(data, "training-2025")
    # NFD (as some editors save) and a line break inside the quote.
    quote = "Ít nhất 100 lượt người tham gia hoạt động\n   đo lường được đào tạo"
    data["targets"][i]["quote"] = unicodedata.normalize("NFD", quote)
    data["targets"][i]["metric"] = unicodedata.normalize("NFD", data["targets"][i]["metric"])
    facts = load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))
    metric = facts.targets[i].metric
    assert unicodedata.is_normalized("NFC", metric)
    assert metric == unicodedata.normalize("NFC", data["targets"][i]["metric"])


def test_diacritics_are_not_folded(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    data["targets"][0]["quote"] = "It nhat 100 luot nguoi tham gia hoat dong do luong"
    with pytest.raises(FactsError):
        load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))


# --- load_all_facts ----------------------------------------------------------------------


def test_load_all_facts_reports_unknown_plan_and_keeps_good(tmp_path: Path) -> None:
    write(tmp_path, "binh-thuan", curated("binh-thuan"))
    bad = curated("kon-tum")
    bad["scope"][0]["quote"] = "không có trong kế hoạch"
    write(tmp_path, "kon-tum", bad)
    orphan = curated("binh-thuan")
    orphan["plan_id"] = "ha-noi"
    write(tmp_path, "ha-noi", orphan)
    good, errors = load_all_facts(tmp_path, {pid: plan_text(pid) for pid in PLAN_IDS})
    assert list(good) == ["binh-thuan"]
    messages = sorted(str(e) for e in errors)
    assert len(messages) == 2
    assert "ha-noi.yaml" in messages[0] and "no plan named 'ha-noi'" in messages[0]
    assert "kon-tum.yaml" in messages[1] and "scope[0]" in messages[1]


def test_load_all_facts_missing_dir(tmp_path: Path) -> None:
    assert load_all_facts(tmp_path / "none", {}) == ({}, [])


def test_yml_extension_is_reported(tmp_path: Path) -> None:
    (tmp_path / "binh-thuan.yml").write_text("plan_id: binh-thuan\n", encoding="utf-8")
    good, errors = load_all_facts(tmp_path, {"binh-thuan": plan_text("binh-thuan")})
    assert good == {} and len(errors) == 1 and ".yaml" in str(errors[0])


# --- helpers -----------------------------------------------------------------------------


def test_iter_facts_and_json() -> None:
    facts = load_facts(FACTS / "kon-tum.yaml", plan_text("kon-tum"))
    kinds = [kind for kind, _ in iter_facts(facts)]
    assert kinds[0] == "plan"
    assert kinds.count("decision") == 4 and kinds.count("phase") == 2
    assert kinds.count("target") == len(facts.targets)
    assert kinds.count("sector") == 4
    target = next(f for k, f in iter_facts(facts) if k == "target")
    assert isinstance(target, Target)
    row = fact_to_json("target", target, "kon-tum")
    assert row["kind"] == "target" and row["plan"] == "kon-tum"
    assert row["id"] == target.id and row["value"] == target.value and row["quote"] == target.quote


def test_models_forbid_extra_fields() -> None:
    with pytest.raises(ValueError):
        PlanFacts.model_validate({"plan_id": "x", "plan": {}, "extra": 1})


def test_union_field_error_has_clean_location(tmp_path: Path) -> None:
    data = curated("binh-thuan")
    i = target_index(data, "training-2030")
    data["targets"][i]["value"] = "hai trăm"
    with pytest.raises(FactsError) as info:
        load_facts(write(tmp_path, "binh-thuan", data), plan_text("binh-thuan"))
    # One problem for the field, not one per member of int | float | None.
    assert info.value.location == f"targets[{i}] (training-2030).value"
    assert info.value.more == []
