"""The evaluator's scoring, fed fake answers (no model), and the blind question sets' validity."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from scripts.evaluate import (
    answer_correct,
    contains,
    filter_split,
    first_evidence_rank,
    fold,
    format_report,
    groups_present,
    main,
    median_length,
    score,
    score_case,
)

ROOT = Path(__file__).resolve().parent.parent
EVALQ = ROOT.parent / "shared" / "tools" / "evalq.py"
QUESTIONS = ROOT / "eval" / "questions.yaml"
DIALOGS = ROOT / "eval" / "dialogs.yaml"
IN_SCOPE_KINDS = {
    "value",
    "list",
    "section",
    "duties",
    "lead",
    "yesno",
    "not_stated",
    "comparison",
    "nodiacritics",
    "typo",
    "abbreviation",
    "english",
    "new_admin",
    "timeline",
    "funding",
}
OOS_KINDS = {"oos_near", "oos_far"}


def bot_answer(
    text: str, abstained: bool = False, passages: list[str] | None = None, latency_ms: float = 5.0
) -> dict:
    return {
        "answer": text,
        "abstained": abstained,
        "latency_ms": latency_ms,
        "passages": [{"text": p} for p in passages or []],
    }


def case(
    plan: str = "kon-tum",
    answer: list[list[str]] | None = None,
    evidence: list[str] | None = None,
    kind: str = "value",
    **extra,
) -> dict:
    return {
        "id": extra.pop("id", "c"),
        "q": "câu hỏi?",
        "plan": plan,
        "kind": kind,
        "evidence": evidence if evidence is not None else ["ít nhất 25 lượt"],
        "answer": answer if answer is not None else [["25"]],
        **extra,
    }


# ---------------------------------------------------------------- matching
def test_fold_removes_diacritics_and_collapses_space() -> None:
    assert fold("  Sở Khoa học  và\nCông nghệ ") == "so khoa hoc va cong nghe"
    assert fold("ĐO LƯỜNG") == "do luong"


@pytest.mark.parametrize(
    ("text", "alt", "found"),
    [
        ("đến năm 2025", "25", False),  # a number only as a whole number
        ("ít nhất 25 lượt", "25", True),
        ("ít nhất 05 doanh nghiệp", "5", False),
        ("ít nhất 05 doanh nghiệp", "05", True),
        ("20/01 hằng năm", "20/01", True),
        ("ngày 120/011", "20/01", False),
        ("996/QĐ-TTg", "996/qd-ttg", True),
        ("sở kh&cn", "Sở KH&CN", True),
        ("Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe", True),
        ("anything", "", True),
    ],
)
def test_contains(text: str, alt: str, found: bool) -> None:
    assert contains(fold(text), alt) is found


def test_groups_need_every_group_and_any_alternative() -> None:
    groups = [["100"], ["05", "5 doanh nghiệp"], ["độ dài", "giữ chuẩn"]]
    assert groups_present("100 lượt; 05 doanh nghiệp; giữ chuẩn khối lượng, độ dài", groups)
    assert not groups_present("100 lượt; 05 doanh nghiệp", groups)  # an incomplete list fails
    assert answer_correct("Bình Thuận: ít nhất 100 lượt người (đến 2025)", [["100"]])
    assert not answer_correct("đến năm 2100", [["100"]])


def test_first_evidence_rank() -> None:
    passages = [{"text": "Mục tiêu chung"}, {"text": "Bồi dưỡng ... ít nhất 25 lượt\n\nngười"}]
    assert first_evidence_rank(passages, ["ít nhất 25 lượt người"]) == 2
    assert first_evidence_rank(passages, ["không có"]) is None


@pytest.mark.skipif(not EVALQ.exists(), reason="../shared/tools/evalq.py not present")
def test_matching_agrees_with_the_independent_scorer() -> None:
    spec = importlib.util.spec_from_file_location("evalq", EVALQ)
    evalq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evalq)
    samples = [
        "đến năm 2025",
        "ít nhất 25 lượt",
        "Sở KH&CN  Kon Tum",
        "ĐO LƯỜNG 05",
        "20/01",
        "Ủy ban nhân dân tỉnh",
        "x" * 300 + " 25",
    ]
    alts = ["25", "05", "5", "Sở KH&CN", "do luong", "20/1", "20/01", "Uỷ ban", "ủy ban nhân dân"]
    for s in samples:
        assert fold(s) == evalq.fold(s)
        for a in alts:
            assert contains(fold(s), a) == evalq.contains(evalq.fold(s), a), (s, a)


# ---------------------------------------------------------------- one case
def test_correct_in_scope_answer_up_front() -> None:
    row = score_case(
        case(),
        bot_answer(
            "Kon Tum: ít nhất 25 lượt người (đến 2025).", passages=["x", "ít nhất 25 lượt người"]
        ),
    )
    assert row["correct"] and row["head_ok"] and row["rank"] == 2 and row["kind"] == "value"


def test_content_after_250_characters_is_correct_but_not_up_front() -> None:
    text = "Kế hoạch Kon Tum. " + "Lời dẫn dài. " * 30 + "Ít nhất 25 lượt người."
    assert len(text) > 250
    row = score_case(case(), bot_answer(text))
    assert row["correct"] and not row["head_ok"]
    # every group must be in the head: one group inside, one outside is not enough
    row = score_case(case(answer=[["Kon Tum"], ["25"]]), bot_answer(text))
    assert row["correct"] and not row["head_ok"]


def test_abstention_is_never_a_correct_in_scope_answer() -> None:
    row = score_case(case(), bot_answer("Xin lỗi, 25 ...", abstained=True))
    assert row["abstained"] and not row["correct"] and not row["head_ok"]


def test_out_of_scope_row() -> None:
    row = score_case(
        case(plan="none", answer=[], evidence=[], kind="oos_near"),
        bot_answer("Các kế hoạch không đề cập …", abstained=True),
    )
    assert not row["in_scope"] and row["abstained"] and row["rank"] is None and not row["correct"]


# ---------------------------------------------------------------- a set
def test_score_summary_and_per_kind() -> None:
    cases = [
        case(id="a", kind="value"),
        case(id="b", kind="value", answer=[["50"]], evidence=["ít nhất 50 lượt"]),
        case(id="c", kind="list", answer=[["10"], ["20"]], evidence=["20 lượt"]),
        case(id="d", kind="list", answer=[["10"]], evidence=["10"]),
        case(id="o1", plan="none", answer=[], evidence=[], kind="oos_near"),
        case(id="o2", plan="none", answer=[], evidence=[], kind="oos_far"),
    ]
    answers = [
        bot_answer("ít nhất 25 lượt", passages=["ít nhất 25 lượt"]),  # R@1, correct, head
        bot_answer(
            "Xin lỗi", abstained=True, passages=["a", "ít nhất 50 lượt"]
        ),  # false abstention
        bot_answer(
            "10 và " + "z" * 260 + " 20", passages=["1", "2", "3", "4", "5", "20 lượt"]
        ),  # miss @5
        bot_answer("chỉ 2010", passages=["10"]),  # wrong (whole number)
        bot_answer("Không đề cập", abstained=True),
        bot_answer("Giá xăng là …", abstained=False),
    ]
    result = score(cases, answers)
    assert result["in_scope"] == 4 and result["out_of_scope"] == 2
    assert result["recall@1"] == pytest.approx(2 / 4)  # a, d
    assert result["recall@5"] == pytest.approx(3 / 4)  # a, b, d
    assert result["answer_accuracy"] == pytest.approx(2 / 4)  # a, c
    assert result["head@250"] == pytest.approx(1 / 4)  # a only
    assert result["false_abstentions"] == 1
    assert result["oos_abstained"] == "1/2" and result["oos_abstention"] == 0.5
    lengths = sorted(len(a["answer"]) for a in answers[:4])
    assert result["median_answer_chars"] == lengths[2]
    kinds = result["by_kind"]
    assert set(kinds) == {"value", "list", "oos_near", "oos_far"}
    assert kinds["value"]["answer_accuracy"] == 0.5 and kinds["value"]["false_abstentions"] == 1
    assert kinds["list"]["answer_accuracy"] == 0.5 and kinds["list"]["head@250"] == 0.0
    assert kinds["oos_near"]["oos_abstention"] == 1.0 and kinds["oos_far"]["oos_abstention"] == 0.0
    report = format_report("set", result)
    assert "head@250" in report and "oos_near" in report and "median answer" in report


def test_score_refuses_mismatched_lengths() -> None:
    from bot.errors import PlanBotError

    with pytest.raises(PlanBotError):
        score([case()], [])


def test_median_length_is_the_upper_median_like_evalq() -> None:
    assert median_length([]) == 0
    assert median_length([3, 1, 2]) == 2
    assert median_length([4, 1, 3, 2]) == 3


def test_filter_split() -> None:
    cases = [case(id="a", split="tune"), case(id="b", split="test"), case(id="c", split="test")]
    assert [c["id"] for c in filter_split(cases, "test")] == ["b", "c"]
    assert filter_split(cases, None) == cases
    from bot.errors import PlanBotError

    with pytest.raises(PlanBotError):
        filter_split([case()], "test")


def test_cli_split_on_a_set_without_splits_fails_before_loading_the_model(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump([case()], allow_unicode=True), encoding="utf-8")
    assert main([str(path), "--split", "test"]) == 2
    assert "split" in capsys.readouterr().err


# ---------------------------------------------------------------- the blind sets themselves
def test_blind_question_set_is_valid_and_large_enough() -> None:
    cases = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert all({"id", "kind", "split", "q", "plan", "evidence", "answer"} <= set(c) for c in cases)
    assert len({c["id"] for c in cases}) == len(cases)
    ins = [c for c in cases if c["plan"] != "none"]
    oos = [c for c in cases if c["plan"] == "none"]
    assert len(ins) >= 320 and len(oos) >= 90
    assert sum(c["kind"] == "oos_near" for c in oos) * 3 >= len(oos)
    assert {c["kind"] for c in ins} == IN_SCOPE_KINDS and {c["kind"] for c in oos} == OOS_KINDS
    assert all(c["plan"] in {"binh-thuan", "kon-tum", "both"} for c in ins)
    assert all(c["evidence"] and c["answer"] and all(c["answer"]) for c in ins)
    assert all(not c["evidence"] and not c["answer"] for c in oos)
    for kind in IN_SCOPE_KINDS | OOS_KINDS:
        splits = [c["split"] for c in cases if c["kind"] == kind]
        assert set(splits) == {"tune", "test"}
        assert abs(splits.count("tune") - splits.count("test")) <= 1, kind


def test_blind_evidence_is_in_the_plan_texts() -> None:
    texts = {
        p: fold((ROOT / "knowledge" / "plans" / f"{p}.txt").read_text(encoding="utf-8"))
        for p in ("binh-thuan", "kon-tum")
    }
    for c in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8")):
        if c["plan"] == "none":
            continue
        plans = list(texts) if c["plan"] == "both" else [c["plan"]]
        for e in c["evidence"]:
            assert any(fold(e) in texts[p] for p in plans), (c["id"], e)


def test_blind_dialogs_are_valid() -> None:
    dialogs = yaml.safe_load(DIALOGS.read_text(encoding="utf-8"))
    assert len(dialogs) >= 40 and len({d["id"] for d in dialogs}) == len(dialogs)
    for d in dialogs:
        assert d["split"] in {"tune", "test"} and d["turns"]
        for t in d["turns"]:
            assert isinstance(t["say"], str) and t["say"].strip()
            assert set(t) <= {"say", "expect", "never", "min_lines"}
            assert all(isinstance(g, list) and g for g in t.get("expect", []))
