"""What shape of answer a question asks for (knowledge/lexicon/shapes.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answering.shape import load_shapes, read_ask
from bot.lexicon import DEFAULT_LEXICON_DIR, LexiconError
from bot.query import parse_question

PLANS = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}


def ask(text: str):
    return read_ask(parse_question(text, PLANS))


@pytest.mark.parametrize(
    ("question", "shape"),
    [
        ("Kon Tum bồi dưỡng bao nhiêu lượt người đến 2030?", "value"),
        ("so tin bai tuyen truyen kon tum", "value"),
        ("Mục tiêu đến năm 2030 của Kon Tum là gì?", "list"),
        ("Các nguồn kinh phí của Bình Thuận gồm những gì?", "list"),
    ],
)
def test_value_or_list(question: str, shape: str) -> None:
    assert ask(question).shape == shape


@pytest.mark.parametrize(
    ("question", "yesno"),
    [
        ("Kế hoạch Kon Tum có hỗ trợ doanh nghiệp không?", True),
        ("Does Binh Thuan set a lab target?", True),
        # "can cu" is Vietnamese ("căn cứ"), not the English "can".
        ("căn cứ ban hành kế hoạch kon tum", False),
        # A comparison asked as yes/no is answered side by side.
        ("Bình Thuận và Kon Tum lấy kinh phí từ đâu, có giống nhau không?", False),
        # Commas between its words.
        ("Kế hoạch có hỗ trợ tổ chức, cá nhân nghiên cứu không?", True),
    ],
)
def test_yes_no(question: str, yesno: bool) -> None:
    assert ask(question).yesno is yesno


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Mục tiêu chung của kế hoạch Bình Thuận là gì?", "general_objectives"),
        ("Kế hoạch Kon Tum nêu những nhiệm vụ, giải pháp nào?", "tasks_and_solutions"),
        ("nhiem vu giai phap cua binh thuan gom nhung gi", "tasks_and_solutions"),
        ("Tổ chức thực hiện kế hoạch Kon Tum", "organisation"),
    ],
)
def test_sections_by_name(question: str, key: str) -> None:
    section = ask(question).section
    assert section is not None and section.key == key


@pytest.mark.parametrize(
    ("question", "key", "refers"),
    [
        ("kế hoạch Kon Tum số mấy?", "document_number", True),
        ("kế hoạch bình thuận ký ngày nào", "date", True),
        ("Kinh phí thực hiện kế hoạch Kon Tum bao nhiêu tiền?", "amount", True),
        ("mục tiêu 2025 đã đạt chưa?", "results", False),
        ("Số điện thoại Sở Tài chính Bình Thuận", "contact", False),
        ("Những doanh nghiệp nào ở Kon Tum được chọn, tên cụ thể?", "specifics", False),
        ("Phòng thí nghiệm được công nhận là của đơn vị nào?", "specifics", False),
        ("Tin bài đăng trên báo nào?", "specifics", False),
        ("Có nêu tên phòng thí nghiệm được đầu tư cụ thể nào không?", "specifics", False),
        ("Có DN logistics nào ở Kon Tum được chọn hỗ trợ đo lường chưa?", "specifics", False),
        ("Sở KHCN bố trí bao nhiêu cán bộ cho việc này?", "staffing", False),
        ("Kết quả thanh tra đo lường năm 2025 ở Kon Tum thế nào?", "results", False),
        ("What did Binh Thuan achieve in 2024?", "results", False),
        ("Kon Tum đã có doanh nghiệp nào được hỗ trợ chưa?", "results", False),
    ],
)
def test_things_a_plan_may_not_state(question: str, key: str, refers: bool) -> None:
    a = ask(question)
    assert a.missing is not None and a.missing.key == key
    assert a.refers_to_plan is refers


@pytest.mark.parametrize(
    "question",
    [
        "Phí kiểm định công tơ điện là bao nhiêu?",
        "Làm thế nào để đăng ký phương tiện đo?",
        "Có bao nhiêu phòng thí nghiệm VILAS trên cả nước?",
        "Luật Đo lường có bao nhiêu điều?",
        "Tiêu chuẩn ISO/IEC 17025 yêu cầu những gì?",
        "Công ty tôi muốn được công nhận thì làm sao?",
    ],
)
def test_questions_about_services_or_the_world(question: str) -> None:
    a = ask(question)
    assert a.outside and not a.refers_to_plan


def test_joining_the_plans_programme_is_no_procedure() -> None:
    assert not ask("Doanh nghiệp muốn tham gia chương trình đảm bảo đo lường thì làm sao?").outside


@pytest.mark.parametrize(
    ("question", "priced"),
    [
        ("Giá hiệu chuẩn một cái cân ở Bình Thuận là bao nhiêu?", True),
        ("Chi phí làm chứng nhận ISO/IEC 17025 khoảng bao nhiêu?", True),
        ("How much does a calibration cost?", True),
        ("How much does it cost to calibrate a scale in Kon Tum?", True),
        # "quốc gia", "tham gia", "giá trị" and "kinh phí" are not prices.
        ("Bộ tiêu chí quốc gia đánh giá lĩnh vực đo lường có được áp dụng không?", False),
        ("Tổng giá trị chuẩn đo lường mua thêm là bao nhiêu?", False),
        ("Kinh phí đào tạo ở Kon Tum là bao nhiêu?", False),
        ("Bao nhiêu doanh nghiệp tham gia chương trình?", False),
    ],
)
def test_the_price_of_a_service(question: str, priced: bool) -> None:
    assert ask(question).service_price is priced


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Đơn vị giữ chuẩn của Kon Tum tên là gì?", True),
        ("Trung tâm đó tên đầy đủ là gì?", True),
        ("What is the centre called?", True),
        ("Theo kế hoạch đo lường thì trung tâm nào giữ chuẩn?", True),
        ("Which unit holds the measurement standards in Binh Thuan?", True),
        ("Tổ chức nào được công nhận ở Kon Tum?", False),
        ("Đơn vị nào phối hợp thực hiện nâng cao năng lực 02 tổ chức ở Kon Tum?", False),
        ("Kon Tum có bao nhiêu phòng thí nghiệm được công nhận?", False),
    ],
)
def test_a_question_for_a_name(question: str, name: bool) -> None:
    assert ask(question).asks_name is name


def test_a_broken_shapes_file_names_file_and_place(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_LEXICON_DIR, folder)
    path = folder / "shapes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - '\\bso luong\\b'", "  - '\\b(so luong\\b'", 1), "utf-8")
    with pytest.raises(LexiconError) as info:
        load_shapes(folder)
    assert info.value.file.endswith("shapes.yaml")
    assert info.value.location.startswith("value_cues[")
    assert "does not compile" in info.value.problem


@pytest.mark.parametrize(
    ("question", "national"),
    [
        ("Tổng kinh phí của Đề án 996 ở cấp quốc gia là bao nhiêu?", True),
        ("Cả nước có bao nhiêu phòng thí nghiệm được công nhận?", True),
        ("How many accredited labs are there nationwide?", True),
        ("Bộ tiêu chí quốc gia đánh giá lĩnh vực đo lường có được áp dụng không?", False),
    ],
)
def test_a_question_about_the_whole_country(question: str, national: bool) -> None:
    assert ask(question).national is national


@pytest.mark.parametrize(
    ("question", "world"),
    [
        ("Giám đốc Sở KH&CN Kon Tum hiện nay là ai?", True),
        ("Who is the current director of the science department in Kon Tum?", True),
        ("Trụ sở Sở KH&CN Bình Thuận ở đâu?", True),
        ("Trung tâm đo lường Kon Tum ở địa chỉ nào?", True),
        ("Mẫu báo cáo kết quả kiểm định gửi Sở là mẫu nào?", True),
        ("Thủ tục này được quy định ở thông tư nào?", True),
        ("Khi nào nộp đề xuất nhiệm vụ khoa học năm 2027?", True),
        ("Ai đang là giám đốc Sở KH&CN Bình Thuận?", True),
        ("Who is the Minister of Science and Technology?", True),
        ("Ai là người phụ trách đo lường ở Sở KHCN Kon Tum?", True),
        ("Người nào ký kế hoạch Bình Thuận?", False),
        # The plan's signer, its contact point, a report's deadline: the plan answers (or
        # says it lacks).
        ("Ai ký kế hoạch Kon Tum?", False),
        ("Phó chủ tịch ký văn bản Bình Thuận là ai?", False),
        ("Số điện thoại Sở KHCN Bình Thuận?", False),
        ("Địa chỉ liên hệ Sở KHCN Kon Tum là gì?", False),
        ("Hạn nộp báo cáo của Sở KHCN Kon Tum là khi nào?", False),
    ],
)
def test_facts_of_the_day_about_an_office_or_a_procedure(question: str, world: bool) -> None:
    assert ask(question).world is world


@pytest.mark.parametrize(
    ("question", "later"),
    [
        ("Lâm Đồng đã có kế hoạch đo lường mới sau sáp nhập chưa?", True),
        ("Tỉnh mới đã ban hành KH hợp nhất về đo lường chưa?", True),
        ("Kế hoạch đo lường mới nhất của Kon Tum đặt mục tiêu gì?", False),
        ("Lâm Đồng (tỉnh mới) đào tạo bao nhiêu người đến 2025?", False),
    ],
)
def test_a_plan_issued_after_the_plans_held(question: str, later: bool) -> None:
    assert ask(question).later_plan is later


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("Kon Tum giữ chuẩn ở những lĩnh vực đo nào?", True),
        ("Which measurement fields does Binh Thuan strengthen?", True),
        ("Lĩnh vực đo lường nào được nâng cao năng lực?", True),
        ("Kon Tum hỗ trợ bao nhiêu chất chuẩn?", False),
    ],
)
def test_a_question_for_measurement_fields(question: str, fields: bool) -> None:
    assert ask(question).asks_fields is fields
