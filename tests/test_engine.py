"""The main path: real model, real FAISS, real BM25, real plans; and the CLI contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.settings import Settings
from scripts.evaluate import evaluate, load_cases
from tests.conftest import ROOT

DEV_SET = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"
PARAPHRASES = ROOT / "tests" / "data" / "paraphrase_questions.yaml"
QUICK_TYPED = ROOT / "tests" / "data" / "quick_typed_questions.yaml"


def run_cli(
    settings: Settings, *args: str, index_dir: Path | None = None
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("TELEGRAM_BOT_TOKEN", None)
    env["PLANBOT_INDEX_DIR"] = str(index_dir or settings.index_dir)
    env["PLANBOT_KNOWLEDGE_DIR"] = str(settings.knowledge_dir)
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_answers_with_number_and_source(engine) -> None:
    answer = engine.answer("Mục tiêu đào tạo về đo lường của tỉnh Bình Thuận đến năm 2025?")
    assert not answer.abstained
    assert "100 lượt người" in answer.text and "Nguồn: Kế hoạch tỉnh Bình Thuận" in answer.text
    assert answer.passages[0].plan == "binh-thuan"
    assert answer.latency_ms > 0


@pytest.mark.parametrize(
    "question",
    ["Giá xăng hôm nay là bao nhiêu?", "Kết quả bóng đá tối qua", "How do I register a company?"],
)
def test_out_of_scope_abstains(engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.abstained and "không đề cập" in answer.text


def test_restricting_to_a_plan(engine) -> None:
    answer = engine.answer("Mục tiêu đào tạo đến năm 2030?", plan_ids=["kon-tum"])
    assert answer.plans == ["kon-tum"] and "50" in answer.text


def test_cli_json_contract(real_settings: Settings, engine) -> None:
    proc = run_cli(real_settings, "--json", "Ai ký ban hành kế hoạch của Kon Tum?")
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert {"question", "answer", "abstained", "plans", "passages", "facts", "latency_ms"} <= set(
        obj
    )
    assert "Nguyễn Hữu Tháp" in obj["answer"] and obj["plans"] == ["kon-tum"]
    assert {"plan", "section", "text", "score"} <= set(obj["passages"][0])
    assert "<" not in obj["answer"]  # plain text, no markup


def test_cli_file_mode_one_json_per_line_in_order(
    real_settings: Settings, engine, tmp_path: Path
) -> None:
    questions = [
        "Giai đoạn 2 của Kon Tum?",
        "Giá vàng hôm nay?",
        "muc tieu dao tao 2030 binh thuan",
    ]
    qfile = tmp_path / "q.txt"
    qfile.write_text("\n".join(questions) + "\n", encoding="utf-8")
    proc = run_cli(real_settings, "--json", "--file", str(qfile))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["question"] for r in rows] == questions
    assert [r["abstained"] for r in rows] == [False, True, False]


def test_cli_without_index_says_how_to_build(real_settings: Settings, tmp_path: Path) -> None:
    proc = run_cli(real_settings, "--no-build", "câu hỏi", index_dir=tmp_path / "empty")
    assert proc.returncode == 2
    assert "build_index.py" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_person_output(real_settings: Settings, engine) -> None:
    proc = run_cli(real_settings, "Kon Tum ưu tiên những ngành nào?")
    assert proc.returncode == 0 and "logistics" in proc.stdout


@pytest.mark.parametrize(
    ("path", "oos_abstained"),
    [(PARAPHRASES, 1.0), (QUICK_TYPED, 1.0), (DEV_SET, 1.0)],
    ids=["paraphrases", "quick-typed", "dev"],
)
def test_quality_bars(engine, path: Path, oos_abstained: float) -> None:
    if not path.exists():
        pytest.skip(f"{path} not present")
    result = evaluate(load_cases(path), engine)
    assert result["recall@5"] >= 0.95
    assert result["answer_accuracy"] >= 0.9
    assert result["false_abstentions"] == 0
    oos = [r for r in result["rows"] if not r["in_scope"]]
    assert sum(r["abstained"] for r in oos) / len(oos) >= oos_abstained


@pytest.mark.parametrize("path", [PARAPHRASES, QUICK_TYPED])
def test_question_files_are_valid(path: Path) -> None:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all({"id", "q", "plan", "evidence", "answer"} <= set(c) for c in cases)


def test_warm_up_answers_the_example_questions(
    engine, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import smalltalk
    from bot.lru import LRU

    monkeypatch.setattr(engine._state.answers, "items", LRU(16))
    examples = smalltalk.examples(sorted(p.province for p in engine.plans()))
    with caplog.at_level("INFO", logger="bot.engine"):
        assert engine.warm_up() == len(examples) >= 3
    assert "warmed up with" in caplog.text
    # Each example was answered: the first person to press its button gets it ready.
    assert all((q, ()) in engine._state.answers.items for q in examples)


def test_a_repeated_question_is_answered_from_the_cache(
    engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.engine as engine_module
    from bot.lru import LRU

    monkeypatch.setattr(engine._state.answers, "items", LRU(16))  # not other tests' answers
    real = engine_module.answer_question
    calls: list[str] = []

    def counting(view, query, *args):  # noqa: ANN001, ANN202
        calls.append(query.text)
        return real(view, query, *args)

    monkeypatch.setattr(engine_module, "answer_question", counting)
    question = "Kinh phí thực hiện kế hoạch của Kon Tum lấy từ đâu?"
    first, _ = engine.converse(question)
    first.text += " (changed by a caller)"
    again, _ = engine.converse(question)
    other, _ = engine.converse(question.replace("Kon Tum", "Bình Thuận"))
    assert len(calls) == 2  # Kon Tum once, Bình Thuận once
    assert again.text == first.text.removesuffix(" (changed by a caller)")
    assert "Bình Thuận" in other.text and "Bình Thuận" not in again.text


@pytest.mark.parametrize(
    ("question", "starts", "contains"),
    [
        # The plans count enterprises, they do not name them: say so, then what they count.
        (
            "Những doanh nghiệp nào ở Kon Tum được chọn áp dụng Chương trình đảm bảo đo lường,"
            " tên cụ thể là gì?",
            "Kế hoạch tỉnh Kon Tum không nêu tên cụ thể",
            "ít nhất 10 lượt doanh nghiệp",
        ),
        # A yes/no about an agency's duty in words the plan does not use ("phải … lên").
        ("Sở KHCN Kon Tum có phải báo cáo UBND tỉnh không?", "Có.", "báo cáo Ủy ban"),
        # "có nhắc tới …" asks whether the plan mentions it; "tới" is no missing word.
        ("Kế hoạch Bình Thuận có nhắc tới Ngày Đo lường Việt Nam không?", "Có.", "20/01"),
        # What something is called: the clause that names it, not the targets that count it.
        (
            "Đơn vị giữ chuẩn đo lường của Bình Thuận tên đầy đủ là gì?",
            "Bình Thuận:",
            "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
        ),
        # Where difficulties are reported: the plan's closing sentence, not a task's lead.
        (
            "Trong lúc làm kế hoạch ở Kon Tum mà có vướng mắc thì phản ánh cho ai?",
            "Kon Tum:",
            "Sở Khoa học và Công nghệ",
        ),
        # Who leads a task, and what it should deliver.
        (
            "Ai chủ trì triển khai bộ tiêu chí quốc gia đánh giá các lĩnh vực đo lường ở Kon Tum?",
            "Kon Tum: Sở Khoa học và Công nghệ chủ trì",
            "Kết quả dự kiến",
        ),
    ],
)
def test_answer_shapes_on_new_wordings(engine, question: str, starts: str, contains: str) -> None:
    answer, _ = engine.converse(question)
    assert not answer.abstained
    assert answer.text.startswith(starts), answer.text[:200]
    assert contains.lower() in answer.text.lower()  # the plans' own capitals vary


@pytest.mark.parametrize(
    "question",
    [
        "Giá kiểm định một đồng hồ nước ở Kon Tum là bao nhiêu?",
        "Bình Thuận hiện có bao nhiêu doanh nghiệp đang hoạt động?",
        "Phòng thí nghiệm của trung tâm đo lường Bình Thuận làm việc mấy giờ?",
    ],
)
def test_services_and_statistics_are_outside_even_for_a_named_province(
    engine, question: str
) -> None:
    answer, _ = engine.converse(question)
    assert answer.abstained, answer.text[:200]


def test_a_yes_no_quotes_the_plans_body_not_its_title(engine) -> None:
    """The opening names the programme ("… hỗ trợ doanh nghiệp …"); the quote that backs
    "Có." comes from what the plan says it does."""
    answer = engine.answer("Does Binh Thuan's plan include support for private enterprises?")
    first = answer.text.split("\n")[0]
    assert first.startswith("Có.") and "ban hành Kế hoạch triển khai Đề án" not in first


def test_english_words_for_advising_and_allocating_find_the_finance_department(engine) -> None:
    answer = engine.answer("Which agency advises on allocating funds in Kon Tum?")
    assert answer.text.startswith("Kon Tum: Sở Tài chính.")


def test_which_plan_compares_and_names_the_plan_without_the_target(engine) -> None:
    answer = engine.answer("Which plan targets more accredited labs?")
    assert answer.text.startswith("So sánh mục tiêu về phòng thí nghiệm:")
    assert "Bình Thuận: kế hoạch không nêu mục tiêu này." in answer.text


def test_a_partners_question_that_quotes_a_task_gets_the_tasks_partners(engine) -> None:
    """It quotes a task's words and counts ("ít nhất 02 tổ chức"), but asks who partners:
    the task's fields answer, not the item it quotes."""
    answer = engine.answer(
        "Đơn vị nào phối hợp thực hiện nâng cao năng lực, hoạt động của ít nhất 02 tổ chức "
        "hoạt động dịch vụ kiểm định, hiệu chuẩn, thử nghiệm ở tỉnh Kon Tum?"
    )
    assert "phối hợp: Các tổ chức cung cấp dịch vụ" in answer.text.split("\n")[0]


def test_the_closest_clause_is_never_the_plans_opening(engine) -> None:
    """ "cân đối" (to balance a budget) is in the plan; "cân đối chứng" (a check scale) is
    not: the plan's title sentence is no closest thing."""
    answer = engine.answer("Bình Thuận có bao nhiêu cân đối chứng ở chợ?")
    assert answer.text.startswith("Kế hoạch tỉnh Bình Thuận không nêu mục tiêu cho điều này.")
    assert "(Phần mở đầu)" not in answer.text


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Does Kon Tum plan to organise workshops on metrology?", "Có."),
        # Bình Thuận strengthens standards by field; it names no reference materials.
        (
            "Are there targets for reference materials in Binh Thuan?",
            "Không — kế hoạch không nêu «chất chuẩn».",
        ),
    ],
)
def test_english_yes_no_by_the_plan_words_of_events_and_materials(
    engine, question: str, start: str
) -> None:
    assert engine.answer(question).text.startswith(start)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Compare the legal bases of the two plans", "căn cứ ban hành"),
        ("Compare the funding sources of the two plans", "nguồn kinh phí"),
    ],
)
def test_an_english_comparison_of_both_plans_is_answered(engine, question: str, said: str) -> None:
    answer = engine.answer(question)
    assert not answer.abstained
    assert f"Bình Thuận — {said}" in answer.text and f"Kon Tum — {said}" in answer.text


def test_an_appendix_row_answers_the_period_named_and_marks_an_uncertain_result(engine) -> None:
    asked = "Kon Tum hỗ trợ tổ chức dịch vụ kiểm định, hiệu chuẩn đáp ứng Bộ tiêu chí quốc gia"
    text = engine.answer(f"{asked}: gđ 2021-2025 được mấy DN?").text
    assert text.startswith("Kon Tum: 2021-2025: 01 doanh nghiệp")
    assert "2025-2030" not in text.split("\n")[0]
    later = engine.answer(f"{asked}: giai đoạn 2025-2030 được mấy DN?").text
    assert "02 doanh nghiệp" in later and "02 đợt (không chắc chắn)" in later


def test_a_phone_number_typed_short_is_not_stated(engine) -> None:
    text = engine.answer("số đt của Sở KHCN BT để hỏi về kiểm định là gì?").text
    assert "không nêu số điện thoại" in text


def test_a_sections_group_headings_are_whole(engine) -> None:
    text = engine.answer("nhiệm vụ và giải pháp của Kon Tum gồm những nhóm nào").text
    assert "mục II.4 – Triển khai công tác hỗ trợ doanh nghiệp đảm bảo chất lượng sản phẩm" in text


def test_who_works_with_an_agency_names_its_partners_not_the_agency(engine) -> None:
    text = engine.answer(
        "In Binh Thuan, who works with the science and technology department to publicize "
        "the plan to businesses?"
    ).text
    assert text.startswith("Bình Thuận: Các hội, hiệp hội doanh nghiệp")
    assert "tuyên truyền" in text


@pytest.mark.parametrize(
    "question",
    [
        "Doanh nghiệp muốn xin hỗ trợ theo Chương trình năng suất (QĐ 1322) thì làm thế nào?",
        "Chi phí để công ty tôi được chứng nhận ISO 9001:2015 là bao nhiêu?",
        "Làm mất bao lâu để công ty tôi có giấy chứng nhận?",
        "Can you give me the address and opening hours of the metrology centre in Lam Dong?",
    ],
)
def test_documents_the_plans_never_cite_and_the_askers_own_costs_are_outside(
    engine, question: str
) -> None:
    assert engine.answer(question).abstained


def test_a_yes_no_about_a_document_the_plan_never_cites_is_no(engine) -> None:
    text = engine.answer("Kế hoạch Bình Thuận có dẫn Quyết định 1322 không?").text
    assert text.startswith("Không — kế hoạch không nêu «1322».")


def test_a_mistyped_word_the_plan_uses_is_no_reason_for_no(engine) -> None:
    text = engine.answer(
        "Kế hoạch Kon Tum có tổ chức thi đua, khen thưởg cho tổ chức, cá nhân làm tốt đo "
        "lường không?"
    ).text
    assert text.startswith("Có.")


def test_a_long_yes_no_and_a_two_part_comparison_are_answered(engine) -> None:
    text = engine.answer(
        "KH Bình Thuận có đề cập khen thưởng tổ chức, cá nhân làm tốt công tác đo lường không?"
    ).text
    assert text.startswith("Không — kế hoạch không nêu «khen thưởng».")
    answer = engine.answer(
        "Cả hai KH đều nhắc tới Ngày Đo lường Việt Nam phải không? Bên nào ghi rõ ngày cụ thể?"
    )
    assert not answer.abstained and "20/01" in answer.text


def test_a_subsidy_amount_is_not_stated(engine) -> None:
    text = engine.answer(
        "Does the Kon Tum plan set a specific subsidy amount for each enterprise?"
    ).text
    assert "không nêu số tiền" in text


def test_a_count_asked_of_an_appendix_row_gives_its_result_first(engine) -> None:
    text = engine.answer("KT tin bài tuyên truyền 2025-2030 mấy cái?").text
    assert text.startswith("Kon Tum: 2025-2030: 5 tin, bài")


def test_mention_anywhere_says_how_an_english_yes_no_asks(engine) -> None:
    text = engine.answer("Does the Kon Tum plan mention ISO/IEC 17025 anywhere?").text
    assert text.startswith("Có.") and "17025" in text


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Kế hoạch Kon Tum gồm những phần nào?", "Kon Tum — kế hoạch gồm 6 phần:"),
        ("What are the main parts of the Binh Thuan plan?", "Bình Thuận — kế hoạch gồm 4 phần:"),
    ],
)
def test_a_plans_parts_are_its_outline(engine, question: str, first: str) -> None:
    lines = engine.answer(question).text.split("\n")
    assert lines[0] == first
    assert lines[1].startswith("• I. Mục tiêu") and lines[2].startswith("• II. Nhiệm vụ")


def test_a_count_per_year_of_a_milestone_target_is_not_stated(engine) -> None:
    text = engine.answer("Mỗi năm Bình Thuận tập huấn đo lường cho bao nhiêu người?").text
    assert text.startswith("Kế hoạch tỉnh Bình Thuận không nêu số lượng cho từng năm.")
    assert "100" in text and "200" in text


@pytest.mark.parametrize(
    "question",
    [
        "Sở KH&CN tỉnh Quảng Ngãi địa chỉ ở đâu, số điện thoại bao nhiêu?",
        "Quyết định 996/QĐ-TTg giao Bộ Công Thương nhiệm vụ cụ thể gì?",
    ],
)
def test_where_an_office_is_and_what_a_national_decision_gives_ministries_are_outside(
    engine, question: str
) -> None:
    assert engine.answer(question).abstained


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "Which decisions do the two plans cite as their basis, and does one cite more?",
            "căn cứ ban hành",
        ),
        ("How are the implementation periods of the two plans structured?", "Giai đoạn 1"),
    ],
)
def test_the_two_plans_in_english_are_both_plans(engine, question: str, said: str) -> None:
    answer = engine.answer(question)
    assert not answer.abstained and said in answer.text


def test_a_yes_no_about_a_plan_on_fees_is_answered_from_the_plan(engine) -> None:
    answer = engine.answer("DN ở Kon Tum có được ngân sách trả thay phí kiểm định không?")
    assert not answer.abstained and answer.text.startswith("Không")


def test_a_department_the_plan_names_only_as_a_group_is_not_named(engine) -> None:
    text = engine.answer(
        "Sở Công Thương có được nêu đích danh trong phần tổ chức thực hiện KH Kon Tum không?"
    ).text
    assert text.startswith("Không — kế hoạch không nêu đích danh «Sở Công Thương».")


def test_to_whom_an_agency_reports_is_its_reporting_duty(engine) -> None:
    text = engine.answer("Sở KH&CN Bình Thuận báo cáo việc thực hiện kế hoạch cho ai?").text
    assert "Định kỳ báo cáo UBND tỉnh, Bộ Khoa học và Công nghệ" in text


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("KH đo lường của Kon Tum đào tạo, bồi dưỡng cho những đối tượng nào?", "xã, phường"),
        ("Bình Thuận đào tạo về đo lường cho những ai?", "cán bộ, công chức, viên chức"),
    ],
)
def test_whom_a_measure_is_for_follows_its_targets(engine, question: str, who: str) -> None:
    text = engine.answer(question).text
    assert "lượt" in text.split("\n")[0] and "Đối tượng:" in text and who in text


def test_a_no_says_where_the_other_plan_says_it(engine) -> None:
    text = engine.answer(
        "KH Bình Thuận có đề cập khen thưởng tổ chức, cá nhân làm tốt công tác đo lường không?"
    ).text
    assert text.startswith("Không — kế hoạch không nêu «khen thưởng».")
    assert "Để đối chiếu: Kế hoạch tỉnh Kon Tum có nêu" in text and "thi đua, khen thưởng" in text
    # A word no plan uses has no counterpart to show.
    other = engine.answer("Kế hoạch Kon Tum có quy định xử phạt doanh nghiệp không?").text
    assert "Để đối chiếu" not in other


def test_a_yes_no_opening_with_the_province_asks_its_plan(engine) -> None:
    answer = engine.answer("BT có quy định hạn nộp báo cáo (vd trước 15/12 hằng năm) không?")
    first = answer.text.split("\n")[0]
    assert not answer.abstained and first.startswith("Không") and "không nêu" in first
    # Something in the province ("Công ty xăng dầu ở Kon Tum …") is not its plan.
    assert engine.answer(
        "Công ty xăng dầu ở Kon Tum có phòng thí nghiệm được công nhận không?"
    ).abstained


@pytest.mark.parametrize(
    "question",
    [
        "Cân điêu ở chợ bị phạt bao nhiêu tiền theo nghị định xử phạt hiện hành?",
        "Giám đốc Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Bình Thuận hiện nay là ai?",
    ],
)
def test_fines_and_todays_office_holders_are_outside(engine, question: str) -> None:
    assert engine.answer(question).abstained


def test_besides_a_decision_lists_the_others(engine) -> None:
    text = engine.answer("Ngoài QĐ 996, kế hoạch Kon Tum còn căn cứ những văn bản nào?").text
    assert all(n in text for n in ("82/QĐ-BKHCN", "3807/QĐ-BKHCN", "510/QĐ-BKHCN"))


def test_the_main_task_groups_in_english_are_the_tasks_sections_groups(engine) -> None:
    text = engine.answer("What are the main task groups in the Binh Thuan plan?").text
    assert text.startswith("Bình Thuận — mục II") and "Gồm 5 nội dung:" in text
