"""Answer building and formatting: pure functions over the real facts (fast fake encoder)."""

from __future__ import annotations

import pytest

from bot.answering import answer_compare, answer_question, answer_targets
from bot.answering.rendering import render_target, render_task, short_section
from bot.answering.selection import KnowledgeView
from bot.facts import PlanFacts, Target, Task, TaskResult
from bot.index_store import build_index, load_index
from bot.query import parse_question
from bot.retrieval import HybridIndex
from bot.settings import Settings
from tests.conftest import FakeEncoder


@pytest.fixture
def view(tmp_settings: Settings, fake_encoder: FakeEncoder) -> KnowledgeView:
    build_index(tmp_settings, fake_encoder)
    loaded = load_index(tmp_settings, fake_encoder)
    facts = {pid: PlanFacts.model_validate(d) for pid, d in loaded.facts.items()}
    return KnowledgeView.build(
        {p.id: p for p in loaded.plans()}, facts, HybridIndex(loaded, fake_encoder)
    )


def ask(view: KnowledgeView, text: str):
    query = parse_question(text, {pid: p.province for pid, p in view.plans.items()})
    return answer_question(view, query)


def test_render_target_reads_naturally() -> None:
    target = Target(
        id="t",
        category="training",
        metric="lượt người được đào tạo",
        value=100.0,
        unit="lượt người",
        qualifier="ít nhất",
        year=2025,
        section="I",
        quote="ít nhất 100",
    )
    assert render_target(target) == "Đến năm 2025: ít nhất 100 lượt người được đào tạo"
    fields = target.model_copy(update={"value": None, "metric": "lĩnh vực: khối lượng, độ dài"})
    assert render_target(fields) == "Đến năm 2025: lĩnh vực: khối lượng, độ dài"


def test_render_task_lists_lead_partners_and_results() -> None:
    task = Task(
        code="PL.II.4.a",
        title="Khảo sát doanh nghiệp.",
        lead="Sở Khoa học và Công nghệ",
        partners=["Doanh nghiệp"],
        period="2021-2030",
        section="Phụ lục",
        quote="Khảo sát",
        results=[TaskResult(period="2021-2025", result="05 lượt", quote="05 lượt")],
    )
    text = render_task(task)
    assert text.startswith("Khảo sát doanh nghiệp — chủ trì: Sở Khoa học và Công nghệ")
    assert "phối hợp: Doanh nghiệp" in text and "2021-2025: 05 lượt" in text


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("I. MỤC TIÊU › 2. Mục tiêu cụ thể › b) Đến năm 2030", "mục I.2.b – Đến năm 2030"),
        (
            "Phụ lục › II TRIỂN KHAI › 4 Hỗ trợ doanh nghiệp › a)",
            "Phụ lục, mục II.4.a – Hỗ trợ doanh nghiệp",
        ),
        # Nested numbering: "2. … › 2.1. …" is item 2.1, not 2.2.1.
        (
            "I. MỤC TIÊU, YÊU CẦU › 2. Mục tiêu cụ thể › 2.1. Mục tiêu đến năm 2025",
            "mục I.2.1 – Mục tiêu đến năm 2025",
        ),
        ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "mục II – Nhiệm vụ và giải pháp"),
        ("Căn cứ ban hành", "Căn cứ ban hành"),
    ],
)
def test_short_section(section: str, expected: str) -> None:
    assert short_section(section) == expected


def test_target_answer_has_number_year_and_source(view: KnowledgeView) -> None:
    answer = ask(view, "kon tum boi duong bao nhieu luot nguoi den nam 2030")
    assert not answer.abstained and answer.plans == ["kon-tum"]
    assert "50 lượt người" in answer.text and "2030" in answer.text
    assert "Nguồn: Kế hoạch tỉnh Kon Tum" in answer.text
    assert answer.facts and answer.facts[0]["kind"] == "target"
    assert answer.passages  # supporting passages stay available


def test_lead_answer_names_agencies(view: KnowledgeView) -> None:
    answer = ask(view, "Ai chủ trì khảo sát, lựa chọn doanh nghiệp ở Kon Tum?")
    # The lead comes first, then the partners, then the task it answers for.
    assert answer.text.startswith("Kon Tum: Sở Khoa học và Công nghệ chủ trì")
    assert "phối hợp: Doanh nghiệp" in answer.text and "Khảo sát" in answer.text


def test_no_province_answers_every_plan_grouped(view: KnowledgeView) -> None:
    answer = ask(view, "Mục tiêu đào tạo về đo lường đến năm 2030 là bao nhiêu lượt người?")
    assert sorted(answer.plans) == ["binh-thuan", "kon-tum"]
    assert "Bình Thuận" in answer.text and "Kon Tum" in answer.text
    assert "200" in answer.text and "50" in answer.text


def test_province_without_plan_says_so_and_lists_covered(view: KnowledgeView) -> None:
    answer = ask(view, "Mục tiêu đào tạo về đo lường của tỉnh Ninh Thuận đến năm 2025?")
    assert answer.abstained
    assert "chưa có kế hoạch của tỉnh Ninh Thuận" in answer.text
    assert "Bình Thuận, Kon Tum" in answer.text
    assert "100" not in answer.text  # never Bình Thuận's figure for Ninh Thuận


def test_empty_question(view: KnowledgeView) -> None:
    answer = ask(view, "   ")
    assert answer.abstained and "câu hỏi" in answer.text


def test_targets_grouped_by_milestone(view: KnowledgeView) -> None:
    query = parse_question("Bình Thuận", {pid: p.province for pid, p in view.plans.items()})
    answer = answer_targets(view, query)
    text = answer.text
    assert text.index("Đến năm 2025:") < text.index("Đến năm 2030:")
    assert "100 lượt người" in text and "200 lượt người" in text
    assert answer.plans == ["binh-thuan"]


def test_compare_lists_each_province(view: KnowledgeView) -> None:
    query = parse_question("đào tạo 2025", {pid: p.province for pid, p in view.plans.items()})
    answer = answer_compare(view, query)
    assert "Bình Thuận" in answer.text and "Kon Tum" in answer.text
    assert "100" in answer.text and "25" in answer.text


def test_new_plan_with_facts_answerable_after_one_rebuild(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    build_index(tmp_settings, fake_encoder)
    plans, facts = tmp_settings.plans_dir, tmp_settings.facts_dir
    text = (plans / "binh-thuan.txt").read_text(encoding="utf-8")
    (plans / "ninh-thuan.txt").write_text(
        text.replace("Bình Thuận", "Ninh Thuận").replace("Ít nhất 100 lượt", "Ít nhất 150 lượt"),
        encoding="utf-8",
    )
    yaml_text = (facts / "binh-thuan.yaml").read_text(encoding="utf-8")
    (facts / "ninh-thuan.yaml").write_text(
        yaml_text.replace("plan_id: binh-thuan", "plan_id: ninh-thuan")
        .replace("Bình Thuận", "Ninh Thuận")
        .replace("value: 100", "value: 150")
        .replace("Ít nhất 100 lượt", "Ít nhất 150 lượt"),
        encoding="utf-8",
    )
    report = build_index(tmp_settings, fake_encoder)
    assert report.added == ["ninh-thuan"] and "ninh-thuan" in report.facts
    loaded = load_index(tmp_settings, fake_encoder)
    facts_by_plan = {pid: PlanFacts.model_validate(d) for pid, d in loaded.facts.items()}
    view = KnowledgeView.build(
        {p.id: p for p in loaded.plans()}, facts_by_plan, HybridIndex(loaded, fake_encoder)
    )
    answer = ask(view, "ninh thuan dao tao bao nhieu nguoi den 2025")
    assert answer.plans == ["ninh-thuan"] and "150 lượt người" in answer.text
    assert answer.facts and "Ninh Thuận" in answer.text


def test_plan_without_facts_answers_from_passages(
    tmp_settings: Settings, fake_encoder: FakeEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_settings.facts_dir / "kon-tum.yaml").unlink()
    # No curated file and no draft either (drafting failed): answers come from passages.
    monkeypatch.setattr("bot.index_store.draft_for", lambda doc: (None, []))
    report = build_index(tmp_settings, fake_encoder)
    assert any("kon-tum: no fact file" in w for w in report.warnings)
    loaded = load_index(tmp_settings, fake_encoder)
    facts = {pid: PlanFacts.model_validate(d) for pid, d in loaded.facts.items()}
    view = KnowledgeView.build(
        {p.id: p for p in loaded.plans()}, facts, HybridIndex(loaded, fake_encoder)
    )
    answer = ask(view, "Kon Tum ưu tiên những ngành, lĩnh vực nào?")
    assert not answer.abstained and not answer.facts and answer.plans == ["kon-tum"]
    # The clause that answers, then its section: not a whole passage.
    assert answer.text.startswith("Kon Tum: ")
    assert "\nNguồn: Kế hoạch tỉnh Kon Tum, mục " in answer.text
    assert len(answer.text.split("\nNguồn:")[0]) <= 320
    assert any("logistics" in p.text for p in answer.passages)


def test_bare_agency_and_province_asks_its_duties(view: KnowledgeView) -> None:
    answer = ask(view, "so tai chinh binh thuan")
    assert not answer.abstained and answer.text.startswith("Sở Tài chính (Bình Thuận):\n• ")


def test_an_agency_named_again_takes_its_short_form(view: KnowledgeView) -> None:
    """The header names the department in full; its duties then write "Sở KH&CN", which
    keeps the list on the first screen. The source line keeps the plan's title."""
    answer = ask(view, "Sở Kế hoạch và Đầu tư Kon Tum có nhiệm vụ gì?")
    body, source = answer.text.split("\nNguồn:")
    assert body.count("Sở Khoa học và Công nghệ") == 1
    assert "Phối hợp với Sở KH&CN và Sở Tài chính" in body
    assert "Sở Kế hoạch và Đầu tư" in source


@pytest.mark.parametrize(
    "question", ["When is Vietnam Metrology Day?", "What date is Vietnam Metrology Day?"]
)
def test_a_when_question_with_its_own_topic_is_answered(view: KnowledgeView, question: str) -> None:
    answer = ask(view, question)
    assert not answer.abstained and "20/01" in answer.text.split("\nNguồn:")[0]


def test_english_yes_no_hinges_on_the_plan_words_its_words_translate_to(
    view: KnowledgeView,
) -> None:
    """ "mention" says how it is asked; "calibration" is the plans' "hiệu chuẩn"; a word the
    glossary lacks and the plans never use is what they do not say."""
    said = ask(view, "Does the Kon Tum plan mention ISO/IEC 17025 for calibration organisations?")
    assert said.text.startswith("Có.") and "17025" in said.text[:250]
    unsaid = ask(view, "Does the Binh Thuan plan mention temperature measurement?")
    assert unsaid.text.startswith("Không — kế hoạch không nêu «temperature»")


def test_english_inflections_find_the_glossary_term(view: KnowledgeView) -> None:
    answer = ask(view, "Are private enterprises in Binh Thuan supported?")
    assert not answer.abstained and answer.text.startswith("Có.")
    assert "tư nhân" in answer.text


def test_one_appendix_row_asked_when_shows_its_fields_before_the_task(
    view: KnowledgeView,
) -> None:
    answer = ask(
        view,
        "Hỗ trợ nâng cao năng lực 02 tổ chức kiểm định, hiệu chuẩn ở Kon Tum "
        "thực hiện trong giai đoạn nào?",
    )
    first, second = answer.text.split("\n")[:2]
    assert first.startswith("Kon Tum: chủ trì: Sở Khoa học và Công nghệ")
    assert "2021-2030: 02 tổ chức" in first and second.startswith("Việc: Thực hiện nâng cao")


def test_a_yes_no_on_one_appendix_row_shows_the_task_first(view: KnowledgeView) -> None:
    answer = ask(view, "Kế hoạch Kon Tum có nhắc đến TCVN ISO 9001 không?")
    assert answer.text.startswith("Có.") and "9001" in answer.text[:250]


def test_a_count_no_target_measures_gets_what_the_plan_says_on_it(view: KnowledgeView) -> None:
    """ "không nêu mục tiêu", then the clause on that subject (found by the question's
    heaviest phrase the plan writes), then the targets the plan does set."""
    answer = ask(view, "Kon Tum đặt mục tiêu tổ chức bao nhiêu hội nghị, hội thảo về đo lường?")
    lines = answer.text.split("\n")
    assert lines[0] == "Kế hoạch tỉnh Kon Tum không nêu mục tiêu cho điều này."
    assert lines[1].startswith("Kế hoạch nêu (mục II.5") and "hội nghị, hội thảo" in lines[1]
    assert lines[2] == "Kon Tum — mục tiêu theo mốc:"
    scope = ask(view, "Kon Tum kiểm tra bao nhiêu lô hàng đóng gói sẵn mỗi năm?")
    assert "không nêu mục tiêu" in scope.text and "hàng đóng gói sẵn" in scope.text[:250]


def test_a_measure_without_numbers_reads_as_one_line_across_milestones(
    view: KnowledgeView,
) -> None:
    answer = ask(view, "Bình Thuận đặt những mục tiêu nào cho cả hai mốc?")
    lines = [x for x in answer.text.split("\n") if "giữ chuẩn" in x]
    assert lines == [
        "• nâng cao năng lực giữ chuẩn các lĩnh vực: khối lượng, độ dài, điện - điện từ "
        "(2025); khối lượng, dung tích, lưu lượng (2030)"
    ]


def test_list_items_do_not_repeat_their_header(view: KnowledgeView) -> None:
    answer = ask(view, "Kế hoạch Bình Thuận dùng những nguồn kinh phí nào?")
    lines = answer.text.split("\n")
    assert lines[0] == "Bình Thuận — nguồn kinh phí:"
    assert lines[1] == "• Chi sự nghiệp khoa học và công nghệ từ ngân sách nhà nước"
    assert "hợp pháp khác" in answer.text[:250]


def test_duties_that_all_start_alike_say_the_shared_words_once(view: KnowledgeView) -> None:
    answer = ask(view, "Các sở, ngành ở Bình Thuận có vai trò gì trong kế hoạch đo lường?")
    lines = answer.text.split("\n")
    assert lines[0].endswith("(Bình Thuận) — phối hợp với Sở Khoa học và Công nghệ:")
    assert [x[:2] for x in lines[1:4]] == ["• "] * 3
    assert not any("Phối hợp với" in x for x in lines[1:4])
    # Not when an item goes on naming partners: "… và Sở Tài chính cân đối …" stays whole.
    other = ask(view, "Sở Kế hoạch và Đầu tư Kon Tum làm gì?").text
    assert "• Phối hợp với Sở KH&CN và Sở Tài chính cân đối" in other


def test_several_measures_named_without_a_count_get_every_target(view: KnowledgeView) -> None:
    answer = ask(view, "Chỉ tiêu 2030 của Kon Tum về đào tạo, doanh nghiệp, phòng thí nghiệm?")
    body = answer.text.split("\nNguồn:")[0]
    assert all(n in body for n in ("50", "20", "02", "10 chất chuẩn"))


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("KP thực hiện KH Bình Thuận từ đâu?", "đầu tư phát triển"),
        ("Kon Tum tổ chức Ngày Đo lường VN thế nào?", "Ngày Đo lường Việt Nam"),
    ],
)
def test_shorthand_kp_and_vn(view: KnowledgeView, question: str, needle: str) -> None:
    answer = ask(view, question)
    assert not answer.abstained and needle.lower() in answer.text.lower()


def test_objectives_and_requirements_heading_is_the_general_objectives(
    view: KnowledgeView,
) -> None:
    answer = ask(view, "Mục tiêu, yêu cầu chung của KH Kon Tum là gì?")
    assert answer.text.startswith("Kon Tum — mục I.1 Mục tiêu chung:")


def test_how_many_so_far_is_not_stated(view: KnowledgeView) -> None:
    answer = ask(view, "Bình Thuận đã có bao nhiêu doanh nghiệp áp dụng chương trình rồi?")
    assert answer.text.startswith("Kế hoạch tỉnh Bình Thuận không nêu kết quả đã đạt được")
    assert "05 doanh nghiệp" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Điều 21 Luật Đo lường nói gì về chuẩn đo lường?",
        "Sai số cho phép của cân bàn 60 kg là bao nhiêu?",
        # A province and a "when" cue, but words its plan never writes.
        "Chùa Bác Ái ở Bình Thuận xây dựng từ năm nào?",
    ],
)
def test_near_questions_the_plans_do_not_cover_are_declined(
    view: KnowledgeView, question: str
) -> None:
    assert ask(view, question).abstained


@pytest.mark.parametrize(
    "question",
    [
        "Does the Binh Thuan plan impose penalties on companies?",
        "Kế hoạch Bình Thuận có quy định xử phạt doanh nghiệp không?",
    ],
)
def test_a_yes_no_on_what_a_named_plan_lacks_says_no_with_its_words(
    view: KnowledgeView, question: str
) -> None:
    answer = ask(view, question)
    assert not answer.abstained
    assert answer.text.startswith("Không — kế hoạch không nêu «xử phạt».")


def test_a_yes_no_hinges_on_the_named_plans_words_not_another_plans(
    view: KnowledgeView,
) -> None:
    # Kon Tum's plan speaks of rewards (khen thưởng); Bình Thuận's never does.
    answer = ask(view, "Kế hoạch Bình Thuận có nói đến thi đua, khen thưởng không?")
    assert answer.text.startswith("Không — kế hoạch không nêu «khen thưởng».")
    # A verb any question may use ("đặt chỉ tiêu") decides nothing by its absence.
    other = ask(view, "Kon Tum có đặt chỉ tiêu xã hội hóa chuẩn đo lường không?")
    assert "không nêu «đặt" not in other.text


def test_a_no_shows_the_clause_closest_to_the_questions_other_words(
    view: KnowledgeView,
) -> None:
    # The plan pays no fees for enterprises; what it does for them is the closest thing,
    # not a target that happens to share "phương tiện đo".
    answer = ask(
        view,
        "DN ở Kon Tum có được ngân sách trả thay phí kiểm định, hiệu chuẩn phương tiện đo không?",
    )
    assert answer.text.startswith("Không — kế hoạch không nêu «thay phí».")
    head = answer.text[:250]
    assert "Chương trình đảm bảo đo lường" in head and "chất chuẩn" not in head
    # A structural verb ("chia") is no word the plan lacks: its phases answer.
    phases = ask(view, "Kế hoạch Kon Tum có chia giai đoạn thực hiện không?")
    assert phases.text.startswith("Có.") and "2026" in phases.text[:250]


def test_measurement_fields_are_no_sectors_question(view: KnowledgeView) -> None:
    # "measurement fields" are what the national criteria assess, not economic sectors;
    # "assessing" and "fields" are the plan's "đánh giá" and "lĩnh vực".
    answer = ask(
        view,
        "Does the Binh Thuan plan refer to the national criteria set for assessing "
        "measurement fields?",
    )
    assert answer.text.startswith("Có.") and "bộ tiêu chí quốc gia" in answer.text[:250]


def test_whom_a_measure_applies_to_is_no_question_of_the_plans_scope(
    view: KnowledgeView,
) -> None:
    answer = ask(
        view,
        "Chương trình đảm bảo đo lường của BT có áp dụng cho cả doanh nghiệp tư nhân không?",
    )
    assert answer.text.startswith("Có.") and "doanh nghiệp tư nhân" in answer.text[:250]
    assert "Phạm vi" not in answer.text
    # The plan itself: its scope.
    assert "Phạm vi" in ask(view, "Kế hoạch Kon Tum áp dụng cho ai?").text.split("\n")[0]


def test_a_year_alone_is_no_evidence_of_a_plan_question(view: KnowledgeView) -> None:
    assert ask(view, "Who won the 2026 World Cup?").abstained
    # Beside a word the plans use, it is.
    assert not ask(view, "dn 2030 BT vs KT?").abstained


@pytest.mark.parametrize(
    ("question", "said", "closest"),
    [
        (
            "Sở KH&CN BT phải nộp báo cáo trước ngày mấy hằng năm?",
            "không nêu hạn nộp",
            "định kỳ báo cáo",
        ),
        ("lop tap huan do luong o kon tum keo dai bao nhieu buoi", "không nêu thời lượng", "25"),
        (
            "BT có quy định hạn nộp báo cáo (vd trước 15/12 hằng năm) không?",
            "không nêu hạn nộp",
            "định kỳ báo cáo",
        ),
    ],
)
def test_deadlines_and_durations_are_not_stated(
    view: KnowledgeView, question: str, said: str, closest: str
) -> None:
    answer = ask(view, question)
    assert said in answer.text.split("\n")[0] and closest in answer.text[:250]


@pytest.mark.parametrize(
    "question",
    [
        "KH Kon Tum có quy định mức xử phạt DN vi phạm đo lường không?",
        "Does Kon Tum's plan set penalties for businesses that break metrology rules?",
    ],
)
def test_a_no_on_penalties_shows_the_inspections(view: KnowledgeView, question: str) -> None:
    answer = ask(view, question)
    assert answer.text.startswith("Không — kế hoạch không nêu «xử phạt».")
    assert "thanh tra, kiểm tra" in answer.text[:250]


@pytest.mark.parametrize(
    "question",
    [
        "ISO/IEC 17025:2017 khác gì so với bản 2005?",
        "Bộ tiêu chí quốc gia đánh giá các lĩnh vực đo lường đã được Bộ KH&CN ban hành bằng "
        "văn bản số mấy?",
        "Danh mục ngành kèm QĐ 3807/QĐ-BKHCN có bao nhiêu ngành, gồm những ngành nào?",
    ],
)
def test_national_documents_and_standards_editions_are_outside(
    view: KnowledgeView, question: str
) -> None:
    assert ask(view, question).abstained


def test_a_cited_decision_is_still_answered(view: KnowledgeView) -> None:
    answer = ask(view, "QĐ 996 do Thủ tướng ban hành ngày nào?")
    assert not answer.abstained and "10/8/2018" in answer.text[:250]


def test_whom_an_agency_works_with_on_a_task_names_its_partners(view: KnowledgeView) -> None:
    answer = ask(
        view, "Sở KHCN Bình Thuận phối hợp với ai để tháo gỡ khó khăn về đo lường cho doanh nghiệp?"
    )
    first, task = answer.text.split("\n")[:2]
    assert first.startswith("Bình Thuận: Các sở, ngành và UBND các huyện")
    assert "tháo gỡ khó khăn" in task


def test_what_a_merged_department_was_supposed_to_do(view: KnowledgeView) -> None:
    answer = ask(
        view,
        "What was the Department of Planning and Investment (now merged into Finance) supposed "
        "to do under the Kon Tum plan?",
    )
    assert answer.text.startswith("Sở Kế hoạch và Đầu tư (Kon Tum):")
    assert "lồng ghép" in answer.text and "phân bổ ngân sách" in answer.text


def test_a_lead_answer_shows_an_appendix_rows_results_on_the_first_screen(
    view: KnowledgeView,
) -> None:
    answer = ask(
        view,
        "nhiem vu tang cuong phoi hop giua cac co quan trong va ngoai tinh (3b phu luc kon tum) "
        "do ai chu tri, ai phoi hop, ket qua du kien la gi?",
    )
    head = answer.text[:250]
    assert (
        "Sở Khoa học và Công nghệ chủ trì" in head and "Kết quả dự kiến: 2021-2025: 05 lượt" in head
    )
    # A task without results keeps more of its title: it may hold the answer.
    unit = ask(view, "Đơn vị giữ chuẩn đo lường của tỉnh Bình Thuận là đơn vị nào?")
    assert "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng" in unit.text


def test_the_appendix_row_a_count_names_by_its_rarest_words(view: KnowledgeView) -> None:
    # "tổ chức hoạt động dịch vụ kiểm định" counts service organisations; "17025" and
    # "upgraded" (nâng cao năng lực) say which of two such rows is meant.
    answer = ask(
        view,
        "Kon Tum appendix: how many calibration/testing service organisations are to be "
        "upgraded (ISO/IEC 17025 etc.)?",
    )
    assert answer.text.startswith("Kon Tum: 2021-2030: 02 tổ chức")


def test_task_groups_are_the_tasks_section(view: KnowledgeView) -> None:
    answer = ask(
        view, "What are the main task groups in the Binh Thuan metrology implementation plan?"
    )
    first, overview = answer.text.split("\n")[:2]
    assert first.startswith("Bình Thuận — mục II") and overview.startswith("Gồm 5 nội dung:")


def test_facts_of_the_day_and_later_plans_are_outside_even_for_a_named_province(
    view: KnowledgeView,
) -> None:
    assert ask(view, "Giám đốc Sở KH&CN Kon Tum hiện nay là ai?").abstained
    assert ask(view, "How much does it cost to calibrate a scale in Kon Tum?").abstained
    later = ask(view, "Lâm Đồng đã có kế hoạch đo lường mới sau sáp nhập chưa?")
    assert later.abstained and "Bình Thuận, Kon Tum" in later.text
    # The plan's own contact point is still a plan question the plan does not answer.
    assert not ask(view, "Số điện thoại Sở KHCN Bình Thuận?").abstained


def test_a_department_known_only_through_its_group_gets_the_groups_duties(
    view: KnowledgeView,
) -> None:
    answer = ask(view, "Sở Công Thương Kon Tum được giao việc gì?")
    first, second = answer.text.split("\n")[:2]
    assert (
        first
        == "Kế hoạch tỉnh Kon Tum không nêu nhiệm vụ riêng cho Sở Công Thương; nhiệm vụ giao chung:"
    )
    assert second.startswith("Các sở, ban ngành")


def test_a_count_of_fields_or_fields_of_a_count_say_the_plan_does_not_state_it(
    view: KnowledgeView,
) -> None:
    # Bình Thuận names the fields of its standards; Kon Tum counts its standards.
    count = ask(view, "Bình Thuận đầu tư bao nhiêu chuẩn đo lường đến năm 2025?")
    assert count.text.startswith("Kế hoạch tỉnh Bình Thuận không nêu số lượng chuẩn đo lường")
    assert "khối lượng" in count.text
    fields = ask(view, "Kon Tum hỗ trợ chuẩn đo lường cho những lĩnh vực nào?")
    assert fields.text.startswith("Kế hoạch tỉnh Kon Tum không nêu lĩnh vực đo cụ thể")
    assert "05 chất chuẩn" in fields.text
    # Asked what each plan names, neither gets the note.
    assert "không nêu" not in ask(view, "Bình Thuận giữ chuẩn những lĩnh vực nào?").text
    assert "không nêu" not in ask(view, "Kon Tum hỗ trợ bao nhiêu chất chuẩn?").text


def test_a_short_task_list_shows_its_tasks_nearly_whole_without_repeating_headings(
    view: KnowledgeView,
) -> None:
    from bot.answering.actors import TASK_TITLE_LIMIT, tasks_block
    from bot.answering.selection import fact_hit

    pf = view.facts["kon-tum"]
    comms = [t for t in pf.tasks if "truyền thông" in t.section and "Phụ lục" not in t.section]
    heading = [t for t in pf.tasks if t.title.startswith("Đẩy mạnh công tác truyền thông")]
    assert comms and heading
    chosen = [fact_hit("kon-tum", "task", t, t.section, "") for t in [*heading, *comms]]
    block = tasks_block(view, "kon-tum", chosen, narrow=True)
    assert block is not None
    bullets = [line for line in block.lines if line.startswith("• ")]
    # The task that is mục II.5's heading is that group's line, not a bullet of its own.
    assert not any(b.startswith("• Đẩy mạnh công tác truyền thông") for b in bullets)
    assert block.lines[0] == f"Kon Tum — {len(bullets)} nhiệm vụ:"
    assert any(len(b) > TASK_TITLE_LIMIT + 10 for b in bullets)


def test_an_item_the_question_quotes_answers_with_its_list(view: KnowledgeView) -> None:
    # "đạt được" reads as a target cue, but the question repeats a task item's words.
    answer = ask(
        view,
        "Theo kế hoạch Bình Thuận, tăng cường đổi mới hoạt động đo lường trong sản xuất "
        "kinh doanh sẽ đạt được những gì?",
    )
    lines = answer.text.split("\n")
    assert lines[0].startswith("Bình Thuận: Tăng cường, đổi mới hoạt động đo lường")
    assert lines[0].endswith("bảo đảm đạt được:")
    assert lines[1].startswith("• Tiết kiệm") and any("chuỗi cung ứng" in x for x in lines[2:5])
    # A target's own passage is answered by the target.
    target = ask(view, "Bình Thuận nâng cao năng lực giữ chuẩn các lĩnh vực nào?")
    assert "khối lượng" in target.text and not target.text.startswith("Bình Thuận: Nâng cao")


def test_an_item_listing_after_a_colon_reads_as_bullets() -> None:
    from bot.answering.passages import item_lines

    assert item_lines("Bảo đảm: a một; b hai; c ba.") == [
        "Bảo đảm:",
        "• A một",
        "• B hai",
        "• C ba",
    ]
    assert item_lines("Không liệt kê gì ở đây; chỉ một câu.") == [
        "Không liệt kê gì ở đây; chỉ một câu."
    ]


def test_a_section_asked_for_is_its_own_part_of_a_wider_heading(view: KnowledgeView) -> None:
    # Kon Tum's mục III is "Phạm vi, đối tượng, thời gian thực hiện": the scope is III.1.
    scope = ask(view, "Đối tượng áp dụng của kế hoạch Kon Tum gồm những ai?")
    assert scope.text.startswith("Kon Tum — mục III.1")
    assert "hàng đóng gói sẵn" in scope.text and "Giai đoạn 1" not in scope.text
    # Asked for the time as well, the whole section answers.
    both = ask(view, "Phạm vi và thời gian thực hiện kế hoạch Kon Tum?")
    assert "hàng đóng gói sẵn" in both.text and "Giai đoạn 1" in both.text


def test_an_english_question_on_the_appendix_finds_its_row_by_translated_words(
    view: KnowledgeView,
) -> None:
    answer = ask(
        view, "Per Kon Tum's appendix, how many rounds (lượt) of surveying enterprises are planned?"
    )
    assert answer.text.startswith("Kon Tum: 2021-2025: 05 lượt; 2025-2030: 10 lượt — Khảo sát")


def test_how_many_tasks_lists_them_all_with_the_count(view: KnowledgeView) -> None:
    answer = ask(view, "Phụ lục kế hoạch Kon Tum có mấy nhiệm vụ?")
    head = answer.text.split("\n")[0]
    listed = [x for x in answer.text.split("\n") if x.startswith("• ")]
    assert head == f"Kon Tum — {len(listed)} nhiệm vụ:" and len(listed) >= 10


def test_communes_have_no_duties_but_the_plan_names_them(view: KnowledgeView) -> None:
    answer = ask(view, "Ủy ban nhân dân cấp xã ở Kon Tum phải làm gì theo kế hoạch?")
    lines = answer.text.split("\n")
    assert lines[0] == "Kế hoạch tỉnh Kon Tum không nêu nhiệm vụ riêng cho UBND cấp xã."
    assert "xã, phường, thị trấn" in lines[2]


def test_a_merged_department_named_with_its_successor_gets_the_successors_duties(
    view: KnowledgeView,
) -> None:
    answer = ask(view, "Sở Tài chính (đã nhận việc của Sở KH&ĐT) Bình Thuận làm gì?")
    first = answer.text.split("\n")[0]
    assert first == (
        "Kế hoạch tỉnh Bình Thuận không nêu nhiệm vụ riêng cho Sở Kế hoạch và Đầu tư; "
        "nhiệm vụ của Sở Tài chính:"
    )
    assert "bố trí kinh phí" in answer.text
    # Kon Tum gave Sở KH&ĐT duties of its own: those answer.
    kt = ask(view, "Sở Tài chính (đã nhận việc của Sở KH&ĐT) Kon Tum làm gì?")
    assert kt.text.startswith("Sở Kế hoạch và Đầu tư (Kon Tum)")


def test_a_decision_number_is_no_mention_of_the_ministry() -> None:
    from bot.answering.actors import mention_pattern

    pattern = mention_pattern("Bộ Khoa học và Công nghệ")
    assert not pattern.search("quyet dinh so 3807/qd-bkhcn ngay 18/12/2019")
    assert pattern.search("theo huong dan cua bkhcn")
    assert pattern.search("bao cao bo khoa hoc va cong nghe")


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        # Not a function word after it, not the plan's own word before it.
        ("Kế hoạch Bình Thuận có hỗ trợ doanh nghiệp nhỏ và vừa không?", "«nhỏ»"),
        ("Kế hoạch Kon Tum có nói về nhiệt kế không?", "«nhiệt kế»"),
        # A two-syllable word the plans never use is shown whole.
        ("Kế hoạch Bình Thuận có quy định xử phạt doanh nghiệp không?", "«xử phạt»"),
    ],
)
def test_a_no_shows_the_word_the_plan_lacks_as_typed(
    view: KnowledgeView, question: str, shown: str
) -> None:
    assert ask(view, question).text.startswith(f"Không — kế hoạch không nêu {shown}.")


@pytest.mark.parametrize(
    "question",
    [
        "Liệt kê các nhiệm vụ của Kon Tum và đơn vị chủ trì",
        "List all tasks of the Kon Tum plan with their lead agency.",
    ],
)
def test_every_task_with_its_lead_when_asked_for_all(view: KnowledgeView, question: str) -> None:
    answer = ask(view, question)
    listed = [x for x in answer.text.split("\n") if x.startswith("• ")]
    assert answer.text.startswith(f"Kon Tum — {len(listed)} nhiệm vụ:") and len(listed) >= 10
    assert all("chủ trì:" in x for x in listed)


def test_the_period_of_a_plan_without_phases_names_its_milestones(view: KnowledgeView) -> None:
    answer = ask(view, "Thời gian thực hiện kế hoạch Bình Thuận?")
    assert answer.text.startswith("Kế hoạch tỉnh Bình Thuận không nêu các giai đoạn thực hiện")
    assert "2025 và 2030" in answer.text


def test_a_yes_no_asked_of_both_plans_says_which_does(view: KnowledgeView) -> None:
    answer = ask(view, "Bình Thuận và Kon Tum đều có mục tiêu về phòng thí nghiệm không?")
    assert answer.text.startswith("Có ở Kon Tum; không ở Bình Thuận.")


def test_document_formalities_are_never_quoted(view: KnowledgeView) -> None:
    answer = ask(view, "Kế hoạch Kon Tum có đo nhiệt độ không?")
    assert "CỘNG HÒA" not in answer.text and "Hạnh phúc" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Which departments are given responsibilities in Binh Thuan's plan?",
        "Những cơ quan nào được giao trách nhiệm trong kế hoạch Bình Thuận?",
    ],
)
def test_which_agencies_have_responsibilities_lists_them(
    view: KnowledgeView, question: str
) -> None:
    answer = ask(view, question)
    assert answer.text.startswith("Bình Thuận — các đơn vị được giao nhiệm vụ:\n• Sở Khoa học")


def test_who_supports_asks_for_partners_not_for_support_tasks(view: KnowledgeView) -> None:
    answer = ask(
        view, "Who is in charge of publicity about metrology in Kon Tum, and who supports it?"
    )
    first, task = answer.text.split("\n")[:2]
    assert first.startswith("Kon Tum: Sở Khoa học và Công nghệ chủ trì; phối hợp:")
    assert task.startswith("Việc: Công tác tuyên truyền")


def test_an_event_s_date_and_place_are_not_stated_but_the_event_is(view: KnowledgeView) -> None:
    answer = ask(view, "Hội nghị về đo lường của Bình Thuận diễn ra ở đâu, lúc nào?")
    lines = answer.text.split("\n")
    assert lines[0] == "Kế hoạch tỉnh Bình Thuận không nêu thời gian, địa điểm tổ chức cụ thể."
    assert "hội nghị, hội thảo" in lines[1]
    # The day itself is asked, and the plan states it.
    assert "20/01" in ask(view, "Ngày Đo lường Việt Nam là ngày nào?").text.split("\nNguồn")[0]


def test_one_measure_over_both_milestones_is_one_line(view: KnowledgeView) -> None:
    answer = ask(view, "Kế hoạch Kon Tum bồi dưỡng bao nhiêu lượt người về đo lường?")
    assert answer.text.split("\n")[0] == (
        "Kon Tum: ít nhất 25 lượt người được bồi dưỡng về đo lường (2025); 50 lượt người (2030)"
    )


def test_the_closest_clause_joins_only_a_block_that_lacks_the_target(
    view: KnowledgeView,
) -> None:
    from bot.answering.blocks import Block
    from bot.answering.honesty import with_closest_clause

    text = "Kon Tum đặt mục tiêu tổ chức bao nhiêu hội nghị, hội thảo về đo lường?"
    query = parse_question(text, {pid: p.province for pid, p in view.plans.items()})
    result = view.search.search(text, plan_ids=["kon-tum"], k=8)
    plain = Block("kon-tum", ["Kon Tum: 05 chất chuẩn.", "• x"])
    assert with_closest_clause(view, query, result, plain) is plain
    lacking = Block("kon-tum", ["Không nêu.", "• x"], untargeted=True)
    lines = with_closest_clause(view, query, result, lacking).lines
    assert lines[1].startswith("Kế hoạch nêu (mục II.5") and lines[2] == "• x"


def test_agency_questions_the_plans_do_not_answer(view: KnowledgeView) -> None:
    assert ask(view, "Sở Khoa học và Công nghệ Kon Tum ở đâu?").abstained


def test_contact_details_the_plan_does_not_state(view: KnowledgeView) -> None:
    answer = ask(view, "Số điện thoại Sở Tài chính Bình Thuận")
    # Not an abstention: the plan is named, it just does not state this; say so first.
    assert not answer.abstained
    assert answer.text.startswith("Kế hoạch tỉnh Bình Thuận không nêu số điện thoại")
    assert "phản ánh về Sở Khoa học và Công nghệ" in answer.text


def test_not_stated_about_someone_the_plan_names(view: KnowledgeView) -> None:
    answer = ask(view, "cho xin sđt TT Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Bình Thuận")
    assert answer.text.startswith("Kế hoạch tỉnh Bình Thuận không nêu số điện thoại")
    # The closest thing the plan says includes what it says of the centre asked about.
    assert "Về Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng, kế hoạch nêu: «" in answer.text
    assert "giữ chuẩn" in answer.text


def test_the_whole_country_is_outside_the_provincial_plans(view: KnowledgeView) -> None:
    assert ask(view, "Tổng kinh phí của Đề án 996 ở cấp quốc gia là bao nhiêu?").abstained
    # Named, a province's plan still answers (or says what it lacks).
    assert not ask(view, "Kế hoạch Bình Thuận có nêu kinh phí cấp quốc gia không?").abstained


def test_a_target_question_pointing_to_the_appendix_gets_its_rows(view: KnowledgeView) -> None:
    answer = ask(view, "Theo phụ lục Kon Tum, đào tạo nghiệp vụ đo lường cho những đối tượng nào?")
    # The appendix row names who is trained; the body's milestone only counts them.
    assert "Ủy ban nhân dân xã, phường" in answer.text and "25 lượt" in answer.text
    value = ask(view, "Theo phụ lục KH của Kon Tum, đầu tư bao nhiêu chuẩn, chất chuẩn?")
    assert value.text.startswith("Kon Tum: 2021-2030: 20 chuẩn, chất chuẩn")
    # Without the pointer, the milestones answer.
    assert "ít nhất" in ask(view, "Kon Tum đào tạo bao nhiêu lượt người?").text


def test_an_agency_asked_about_one_of_its_duties_gets_its_duties(view: KnowledgeView) -> None:
    # A funding cue, but the question is about Sở Tài chính's duty: its duties answer.
    answer = ask(view, "Sở Tài chính Bình Thuận căn cứ vào đâu để bố trí kinh phí?")
    assert answer.text.startswith("Sở Tài chính (Bình Thuận):")
    assert "cân đối ngân sách" in answer.text
    # Without an agency, a funding question still lists the funding sources.
    assert "nguồn kinh phí" in ask(view, "Kinh phí kế hoạch Bình Thuận lấy từ đâu?").text


def test_not_named_but_counted(view: KnowledgeView) -> None:
    # What the plan counts of the thing asked, and how it describes it.
    answer = ask(view, "5 DN ở Bình Thuận được hỗ trợ đến 2025 là những DN nào, tên cụ thể?")
    assert answer.text.startswith("Kế hoạch tỉnh Bình Thuận không nêu tên cụ thể")
    assert "05 doanh nghiệp" in answer.text and "doanh nghiệp tư nhân" in answer.text
    # Counted only in the appendix: its row's expected results.
    outlets = ask(view, "mấy tin bài tuyên truyền của Kon Tum sẽ đăng trên báo, đài nào?")
    assert outlets.text.startswith("Kế hoạch tỉnh Kon Tum không nêu tên cụ thể")
    assert "5 tin, bài" in outlets.text


def test_funding_side_by_side_lists_the_sources(view: KnowledgeView) -> None:
    both = ask(view, "Bình Thuận và Kon Tum lấy kinh phí từ đâu, có giống nhau không?")
    assert both.text.count("nguồn kinh phí:") == 2 and "Nội dung chi" not in both.text
    assert "Nội dung chi" in ask(view, "Kinh phí kế hoạch Bình Thuận lấy từ đâu?").text


def test_agency_the_plan_does_not_name(view: KnowledgeView) -> None:
    answer = ask(view, "Sở Thông tin và Truyền thông Bình Thuận làm gì?")
    assert not answer.abstained
    assert answer.text.startswith(
        "Kế hoạch tỉnh Bình Thuận không nêu nhiệm vụ riêng cho Sở Thông tin và Truyền thông."
    )
    assert "Sở Tài chính" in answer.text


def test_plan_without_phases_states_its_milestones(view: KnowledgeView) -> None:
    answer = ask(view, "Kế hoạch Bình Thuận chia làm mấy giai đoạn?")
    assert "không nêu các giai đoạn" in answer.text and "2025 và 2030" in answer.text


def test_which_plans_are_known(view: KnowledgeView) -> None:
    answer = ask(view, "Bạn có kế hoạch của những tỉnh nào?")
    assert answer.intent == "plans" and not answer.abstained
    assert answer.text.startswith("Mình có kế hoạch của 2 tỉnh: Bình Thuận, Kon Tum.")


def test_comparison_without_province_names(view: KnowledgeView) -> None:
    answer = ask(view, "Tỉnh nào đào tạo nhiều người hơn đến năm 2030?")
    assert not answer.abstained and sorted(answer.plans) == ["binh-thuan", "kon-tum"]
    assert "200" in answer.text and "50" in answer.text
