"""Question parsing: provinces, intent, metric, years, agency, language, comparison."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from bot.provinces import PROVINCES, find_provinces, get_province, province_names
from bot.query import AGENCIES, Query, detect_agency, parse_question
from bot.query_terms import evidence_terms
from bot.textnorm import fold

PLANS = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}
BT = ("binh-thuan",)
KT = ("kon-tum",)
BOTH = ("binh-thuan", "kon-tum")
PLAN_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "plans"


def parse(text: str) -> Query:
    return parse_question(text, PLANS)


# --- provinces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plan_ids", "unknown"),
    [
        # Plan provinces, every way users type them.
        ("Kế hoạch của Kon Tum", KT, ()),
        ("ke hoach cua kon tum", KT, ()),
        ("KON TUM đào tạo bao nhiêu người", KT, ()),
        ("kontum dao tao", KT, ()),
        ("Kom Tum có mục tiêu gì", KT, ()),
        ("Kon Tun", KT, ()),
        ("con tum ke hoach", KT, ()),
        ("Kon-Tum province", KT, ()),
        ("tỉnh Kon Tum", KT, ()),
        ("Bình Thuận", BT, ()),
        ("binh thuân", BT, ()),
        ("Bình Thuân có mục tiêu gì", BT, ()),
        ("Bin Thuan dao tao", BT, ()),
        ("Bihn Thuan", BT, ()),
        ("BINH THUAN PROVINCE", BT, ()),
        ("tinh binh thuan", BT, ()),
        ("Phan Thiết có kế hoạch không", BT, ()),  # capital city -> its province
        ("So sánh Bình Thuận và Kon Tum", BOTH, ()),
        ("Kon Tum và Bình Thuận", ("kon-tum", "binh-thuan"), ()),
        ("Bình Thuận ... Bình Thuận", BT, ()),
        # Provinces without a plan are unknown, never a plan (Ninh is one letter from Bình).
        ("Ninh Thuận đào tạo bao nhiêu người", (), ("Ninh Thuận",)),
        ("ninh thuan", (), ("Ninh Thuận",)),
        ("tỉnh Ninh Thuân", (), ("Ninh Thuận",)),
        ("tỉnh Nin Thuận có kế hoạch không", (), ("Ninh Thuận",)),
        ("Bình Dương", (), ("Bình Dương",)),
        ("binh dinh", (), ("Bình Định",)),
        # A post-2025 unit that absorbed a plan's province reaches that plan (not a city in it).
        ("Lâm Đồng có kế hoạch không", BT, ()),
        ("tinh quang ngai", KT, ()),
        ("Hà Nội", (), ("Hà Nội",)),
        ("ha noi", (), ("Hà Nội",)),
        ("Đắk Lắk", (), ("Đắk Lắk",)),
        ("dak lak", (), ("Đắk Lắk",)),
        ("Đắc Lắc", (), ("Đắk Lắk",)),
        ("TP.HCM có kế hoạch không", (), ("TP. Hồ Chí Minh",)),
        ("tp hcm", (), ("TP. Hồ Chí Minh",)),
        ("Sài Gòn", (), ("TP. Hồ Chí Minh",)),
        ("Ho Chi Minh City", (), ("TP. Hồ Chí Minh",)),
        ("Huế", (), ("Thừa Thiên Huế",)),
        ("Thừa Thiên Huế", (), ("Thừa Thiên Huế",)),
        ("Bà Rịa - Vũng Tàu", (), ("Bà Rịa - Vũng Tàu",)),
        ("brvt", (), ("Bà Rịa - Vũng Tàu",)),
        ("Quảng Nam", (), ("Quảng Nam",)),
        ("Thời tiết Đà Lạt", (), ("Lâm Đồng",)),  # a city is read as its province
        ("Kon Tum và Ninh Thuận", KT, ("Ninh Thuận",)),
        # No province at all: ordinary words that look like names.
        ("Đến năm 2025 Việt Nam", (), ()),
        ("Quảng cáo", (), ()),
        ("tỉnh Quảng", (), ()),
        ("Ngày Đo lường Việt Nam định vào ngày nào", (), ()),
        ("báo cáo hằng năm định kỳ", (), ()),
        ("mỗi nam dinh ky", (), ()),
        ("Kon Tum cần hai phòng thí nghiệm", KT, ()),
        ("Doanh nghiệp tham gia lại chương trình", (), ()),
        ("diễn biến tình hình thực hiện", (), ()),
        ("dien bien tinh hinh", (), ()),
        ("hai đường", (), ()),
        ("bình thường", (), ()),
        ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", (), ()),
        ("Nin Thuan", (), ()),  # a typo near a non-plan province is not forced onto a plan
        ("", (), ()),
    ],
)
def test_provinces_detected(text: str, plan_ids: tuple[str, ...], unknown: tuple[str, ...]) -> None:
    q = parse(text)
    assert q.plan_ids == plan_ids
    assert q.unknown_provinces == unknown


def test_plan_texts_name_no_other_province() -> None:
    """The plans themselves are full of domain words; none may read as a province."""
    if not PLAN_DIR.is_dir():
        pytest.skip("knowledge/plans not present")
    own = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}
    for plan_id, name in own.items():
        path = PLAN_DIR / f"{plan_id}.txt"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for variant in (line, fold(line)):
                for m in find_provinces(variant, PLANS):
                    assert (m.name, m.plan_id, m.exact) == (name, plan_id, True), variant


def test_future_plans_come_from_the_argument() -> None:
    plans = {"ninh-thuan": "Ninh Thuận", "binh-thuan": "Bình Thuận", "hcm": "TP. Hồ Chí Minh"}
    q = parse_question("Ninh Thuận và Bình Thuận đào tạo bao nhiêu người?", plans)
    assert q.plan_ids == ("ninh-thuan", "binh-thuan")
    assert q.unknown_provinces == ()
    # A plan province inherits the aliases of the known province.
    assert parse_question("Sài Gòn có kế hoạch gì", plans).plan_ids == ("hcm",)
    # Now that Ninh Thuận has a plan, a typo between the two is ambiguous: no guess.
    assert parse_question("Nhin Thuan", plans).plan_ids == ()
    # Kon Tum has no plan here.
    q = parse_question("Kon Tum", plans)
    assert (q.plan_ids, q.unknown_provinces) == ((), ("Kon Tum",))


def test_plan_named_without_diacritics_still_matches() -> None:
    plans = {"binh-thuan": "Binh Thuan"}
    assert parse_question("Bình Thuận đào tạo", plans).plan_ids == ("binh-thuan",)


def test_province_list() -> None:
    names = province_names()
    assert len(names) == 63 == len(set(names))
    current = province_names(current_only=True)
    assert len(current) == 34
    for prov in PROVINCES:
        assert prov.merged_into is None or prov.merged_into in current, prov
    assert get_province("kontum").merged_into == "Quảng Ngãi"  # type: ignore[union-attr]
    assert get_province("tỉnh Bình Thuận").name == "Bình Thuận"  # type: ignore[union-attr]
    assert get_province("hcm").name == "TP. Hồ Chí Minh"  # type: ignore[union-attr]
    assert get_province("Quảng") is None


# --- intent and metric -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "metric"),
    [
        # target: numbers and milestones
        (
            "Mục tiêu đào tạo về đo lường của tỉnh Bình Thuận đến năm 2025 là bao nhiêu?",
            "target",
            "training",
        ),
        ("Đến năm 2030 Kon Tum bồi dưỡng bao nhiêu lượt người về đo lường?", "target", "training"),
        ("muc tieu dao tao nam 2030 cua binh thuan", "target", "training"),
        ("kon tum tap huan bao nhiu nguoi", "target", "training"),
        ("How many people will Kon Tum train by 2030?", "target", "training"),
        ("Binh Thuan province training target 2025", "target", "training"),
        (
            "Đến năm 2030 Bình Thuận triển khai Chương trình đảm bảo đo lường"
            " cho bao nhiêu doanh nghiệp?",
            "target",
            "enterprises",
        ),
        (
            "Đến năm 2025 Kon Tum triển khai Chương trình đảm bảo đo lường"
            " cho bao nhiêu lượt doanh nghiệp?",
            "target",
            "enterprises",
        ),
        ("How many enterprises will Binh Thuan support by 2030?", "target", "enterprises"),
        (
            "Kon Tum đặt mục tiêu xã hội hóa bao nhiêu chất chuẩn, chuẩn đo lường đến năm 2030?",
            "target",
            "standards",
        ),
        (
            "Kon Tum đầu tư bao nhiêu chuẩn, chất chuẩn phục vụ thanh tra, kiểm tra về đo lường?",
            "target",
            "standards",
        ),
        ("Số lượng chất chuẩn Kon Tum xã hội hóa đến 2025?", "target", "standards"),
        (
            "Đến 2025 Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Bình Thuận"
            " được nâng cao năng lực giữ chuẩn những lĩnh vực nào?",
            "target",
            "standards",
        ),
        (
            "Đến năm 2030 Bình Thuận nâng cao năng lực giữ chuẩn ở những lĩnh vực nào?",
            "target",
            "standards",
        ),
        (
            "In which areas will Binh Thuan improve its measurement standards by 2030?",
            "target",
            "standards",
        ),
        (
            "Kon Tum cần bao nhiêu phòng thí nghiệm áp dụng bộ tiêu chí quốc gia đến năm 2025?",
            "target",
            "labs",
        ),
        ("How many labs will Kon Tum have in 2030?", "target", "labs"),
        ("What is Kon Tum's target for labs in 2025?", "target", "labs"),
        ("Bao nhiêu tổ chức kiểm định được nâng cao năng lực ở Kon Tum?", "target", "service_orgs"),
        (
            "Giai đoạn 2021-2025 Kon Tum dự kiến bao nhiêu tin, bài tuyên truyền?",
            "target",
            "communication",
        ),
        ("Kon Tum có bao nhiêu lượt phối hợp giai đoạn 2025-2030?", "target", "cooperation"),
        ("Tỉnh nào đào tạo nhiều người hơn?", "target", "training"),
        ("Giá xăng hôm nay là bao nhiêu?", "target", "other"),
        # lead, including partner questions
        ("Ai chủ trì xây dựng kế hoạch hàng năm triển khai Đề án ở Bình Thuận?", "lead", None),
        (
            "Việc khảo sát, lựa chọn doanh nghiệp áp dụng Chương trình đảm bảo đo lường"
            " ở Kon Tum do ai chủ trì?",
            "lead",
            None,
        ),
        ("Đơn vị nào chủ trì việc bồi dưỡng nghiệp vụ đo lường ở Kon Tum?", "lead", "training"),
        ("don vi nao phu trach tuyen truyen o kon tum", "lead", None),
        ("Who leads the enterprise survey in Kon Tum?", "lead", None),
        ("Who is responsible for the annual plan in Binh Thuan?", "lead", None),
        ("Which agency is in charge of communication in Kon Tum?", "lead", None),
        ("Đơn vị nào phối hợp với Sở KHCN khảo sát doanh nghiệp ở Kon Tum?", "lead", None),
        ("Sở KHCN Kon Tum phối hợp với ai?", "lead", None),
        # Who pays is the funding, not a lead.
        ("who pays for all this in Binh Thuan?", "funding", None),
        ("Ai chi trả kinh phí cho kế hoạch Kon Tum?", "funding", None),
        # Its duties asked first: they say whom it reports to.
        ("Sở KH&CN Kon Tum chịu trách nhiệm những gì, báo cáo ai?", "duties", None),
        ("Cơ quan nào chịu trách nhiệm lập dự toán kinh phí?", "lead", None),
        ("Các đơn vị phối hợp trong việc kiểm tra đo lường", "lead", None),
        # duties: an agency and what it does
        ("Sở Tài chính Kon Tum có nhiệm vụ gì trong kế hoạch?", "duties", None),
        ("So tai chinh kon tum lam gi", "duties", None),
        ("Sở Tài Chín Bình Thuận có trách nhiệm gì?", "duties", None),
        ("Sở Thông tin và Truyền thông tỉnh Kon Tum làm gì trong kế hoạch này?", "duties", None),
        ("Sở Kế hoạch và Đầu tư Kon Tum phối hợp những việc gì?", "duties", None),
        (
            "Các hội, hiệp hội doanh nghiệp ở Bình Thuận tham gia kế hoạch như thế nào?",
            "duties",
            None,
        ),
        ("Vai trò của UBND các huyện trong kế hoạch Kon Tum", "duties", None),
        ("Sở KHCN chủ trì những nhiệm vụ nào?", "duties", None),
        ("Sở Công Thương Kon Tum có nhiệm vụ gì?", "duties", None),
        ("What does the Department of Finance do in Binh Thuan?", "duties", None),
        ("What is the role of business associations in Kon Tum?", "duties", None),
        (
            "What is the Department of Science and Technology responsible for in Kon Tum?",
            "duties",
            None,
        ),
        # timeline
        ("Giai đoạn 2 của kế hoạch Kon Tum kéo dài từ năm nào đến năm nào?", "timeline", None),
        ("Việc kiểm tra tình hình thực hiện kế hoạch Kon Tum diễn ra khi nào?", "timeline", None),
        ("Kế hoạch được thực hiện trong thời gian nào?", "timeline", None),
        ("Kế hoạch kéo dài bao nhiêu năm?", "timeline", None),
        ("Kiểm tra việc thực hiện kế hoạch bao lâu một lần?", "timeline", None),
        ("ke hoach kon tum chia may giai doan", "timeline", None),
        ("Kế hoạch Kon Tum có bao nhiêu giai đoạn?", "timeline", None),
        ("How many phases does the Kon Tum plan have?", "timeline", None),
        ("How many stages are in the Binh Thuan plan?", "timeline", None),
        ("When does phase 1 of the Kon Tum plan end?", "timeline", None),
        ("What is the deadline of the Binh Thuan plan?", "timeline", None),
        ("Ngày Đo lường Việt Nam là ngày nào?", "timeline", None),
        # funding
        ("Kinh phí thực hiện kế hoạch Bình Thuận lấy từ những nguồn nào?", "funding", None),
        ("Nguồn vốn thực hiện kế hoạch Kon Tum từ đâu?", "funding", None),
        ("ngan sach cho ke hoach o dau ra", "funding", None),
        ("Kinh phí đào tạo bao nhiêu?", "funding", "training"),
        ("What funding sources does Binh Thuan use?", "funding", None),
        ("How much budget does Kon Tum have?", "funding", None),
        # legal
        ("Quyết định nào phê duyệt Đề án tăng cường, đổi mới hoạt động đo lường?", "legal", None),
        ("Quyết định 510/QĐ-BKHCN ban hành nội dung gì?", "legal", None),
        ("Kế hoạch Kon Tum căn cứ vào văn bản nào?", "legal", None),
        ("Quyết định 996 được ban hành khi nào?", "legal", None),
        ("What is the legal basis of the Kon Tum plan?", "legal", None),
        ("Which decision approved the metrology project?", "legal", None),
        ("Ai phê duyệt Đề án đo lường?", "legal", None),
        # scope
        ("Kế hoạch của Kon Tum áp dụng cho những đối tượng nào?", "scope", None),
        ("Đối tượng áp dụng của kế hoạch là ai?", "scope", None),
        ("pham vi ap dung ke hoach binh thuan", "scope", None),
        ("Who does the Kon Tum plan apply to?", "scope", None),
        # An agency's remit, and the audience of a counted target, are not the plan's scope.
        (
            "Ai đề xuất các nhiệm vụ trong phạm vi quản lý của mình ở Kon Tum?",
            "lead",
            None,
        ),
        ("Đào tạo nghiệp vụ đo lường cho những đối tượng nào?", "general", "training"),
        # A target's own count named ("5 DN … là những DN nào") makes it a target question.
        ("5 DN ở Bình Thuận được hỗ trợ đến 2025 là những DN nào?", "target", "enterprises"),
        # sectors
        ("Kon Tum ưu tiên những ngành, lĩnh vực nào?", "sectors", None),
        ("Kon Tum tap trung vao linh vuc nao", "sectors", None),
        ("What are the priority sectors in Kon Tum?", "sectors", None),
        ("Which industries does Kon Tum focus on?", "sectors", None),
        # signer
        ("Ai ký ban hành kế hoạch của Kon Tum?", "signer", None),
        ("Kế hoạch Bình Thuận do ai ký?", "signer", None),
        ("nguoi ky ke hoach kon tum la ai", "signer", None),
        ("Who signed the Kon Tum plan?", "signer", None),
        ("Ai ban hành kế hoạch Bình Thuận?", "signer", None),
        # tasks
        ("Kế hoạch Bình Thuận có những nhóm nhiệm vụ và giải pháp nào?", "tasks", None),
        ("Nhiệm vụ chính của kế hoạch Kon Tum là gì?", "tasks", None),
        ("Kon Tum làm gì để hỗ trợ doanh nghiệp?", "tasks", None),
        ("What tasks does the Binh Thuan plan include?", "tasks", None),
        # Counting the tasks asks for them, not for a target.
        ("Kế hoạch Bình Thuận có bao nhiêu nhiệm vụ?", "tasks", None),
        ("How many tasks are in Kon Tum's plan?", "tasks", None),
        # general
        ("Dự báo thời tiết Đà Lạt cuối tuần này thế nào?", "general", None),
        (
            "Tổ chức kiểm định, hiệu chuẩn ở Kon Tum cần được chứng nhận theo tiêu chuẩn nào?",
            "general",
            "service_orgs",
        ),
        ("xin chào", "general", None),
        ("Kon Tum", "general", None),
        ("", "general", None),
    ],
)
def test_intent_and_metric(text: str, intent: str, metric: str | None) -> None:
    q = parse(text)
    assert (q.intent, q.metric) == (intent, metric), text


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Mục tiêu đến năm 2025", (2025,)),
        ("Giai đoạn 2021-2025 bao nhiêu tin bài", (2021, 2025)),
        ("giai doan 2025 -2030", (2025, 2030)),
        ("từ năm 2026 đến 2030", (2026, 2030)),
        ("by 2030?", (2030,)),
        ("đến 2030 và 2025", (2025, 2030)),
        ("Giai đoạn 2 kéo dài bao lâu", ()),
        ("Quyết định 996/QĐ-TTg ngày 10/8/2018", ()),  # a date inside a citation is no milestone
        ("ISO/IEC 17025", ()),
        ("3807/QĐ-BKHCN", ()),
    ],
)
def test_years(text: str, years: tuple[int, ...]) -> None:
    assert parse(text).years == years


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Sở Tài chính có nhiệm vụ gì", "Sở Tài chính"),
        ("so tai chinh", "Sở Tài chính"),
        ("Sở Tài Chín", "Sở Tài chính"),
        ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"),
        ("So Khoa hoc Cong nghe", "Sở Khoa học và Công nghệ"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở KHCN", "Sở Khoa học và Công nghệ"),
        ("Department of Science and Technology", "Sở Khoa học và Công nghệ"),
        ("Bộ Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ"),
        ("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông"),
        ("so thong tin truyen thong", "Sở Thông tin và Truyền thông"),
        ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư"),
        ("so ke hoach dau tu", "Sở Kế hoạch và Đầu tư"),
        ("UBND tỉnh", "UBND"),
        ("Ủy ban nhân dân tỉnh", "UBND"),
        ("UBND các huyện", "sở, ngành"),
        ("các sở, ban ngành", "sở, ngành"),
        ("Các sở, ngành", "sở, ngành"),
        ("Các hội, hiệp hội doanh nghiệp", "hội, hiệp hội doanh nghiệp"),
        ("business associations", "hội, hiệp hội doanh nghiệp"),
        (
            "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
            "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
        ),
        # Not agencies.
        ("có tài chính không", None),
        ("tài chính", None),
        ("khoa học và công nghệ", None),
        ("Kon Tum ưu tiên các ngành, lĩnh vực nào", None),
        ("Quyết định 510/QĐ-BKHCN", None),
        ("doanh nghiệp", None),
    ],
)
def test_agency(text: str, agency: str | None) -> None:
    assert detect_agency(text) == agency
    assert parse(text).agency == agency


def test_agency_names_are_canonical() -> None:
    # The first named agency wins; every detected value is a key of AGENCIES.
    q = parse("Sở Tài chính phối hợp với Sở Khoa học và Công nghệ làm gì?")
    assert q.agency == "Sở Tài chính"
    assert q.agency in AGENCIES


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("How many people will Kon Tum train by 2030?", "en"),
        ("Who leads the enterprise survey in Kon Tum?", "en"),
        ("What funding sources does Binh Thuan use?", "en"),
        ("Binh Thuan province training target 2025", "en"),
        # A Vietnamese term or a province typed with diacritics in an English sentence.
        ("In Kon Tum's appendix, how many rounds (lượt) of training are planned?", "en"),
        ("What are the training targets of Bình Thuận for 2030?", "en"),
        ("Kon Tum đào tạo bao nhiêu người, how many?", "vi"),
        ("Mục tiêu đào tạo của Bình Thuận", "vi"),
        ("muc tieu dao tao nam 2030 cua binh thuan", "vi"),
        ("kon tum lam gi", "vi"),
        ("Kon Tum", "vi"),
        ("", "vi"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert parse(text).language == language


@pytest.mark.parametrize(
    ("text", "compare"),
    [
        ("So sánh mục tiêu đào tạo của Bình Thuận và Kon Tum", True),
        ("Hai kế hoạch có cùng căn cứ Quyết định 996 không?", True),
        ("Which plan targets more accredited labs?", True),
        ("so sanh binh thuan kon tum", True),
        ("Hai tỉnh khác nhau thế nào về kinh phí?", True),
        ("Các tỉnh đào tạo bao nhiêu người?", True),
        ("Tỉnh nào có nhiều phòng thí nghiệm hơn?", True),
        ("Bình Thuận đào tạo nhiều hơn Kon Tum không?", True),
        ("Compare the training targets of Binh Thuan and Kon Tum", True),
        ("What is the difference between the two plans?", True),
        ("Do both provinces fund training?", True),
        ("Mục tiêu đào tạo của Bình Thuận", False),
        ("Bình Thuận và Kon Tum đào tạo bao nhiêu người?", False),
        ("Kon Tum có bao nhiêu lượt phối hợp với các tỉnh?", False),
        ("Kon Tum đào tạo nhiều hơn năm trước không?", False),
    ],
)
def test_compare(text: str, compare: bool) -> None:
    assert parse(text).compare is compare


def test_topic_terms() -> None:
    q = parse("Ai chủ trì xây dựng kế hoạch hàng năm triển khai Đề án ở Bình Thuận?")
    assert {"chu", "tri", "xay", "dung", "hang", "trien", "khai"} <= set(q.topic_terms)
    # Question words, provinces and years are gone; "tình" (tình hình) is not "tỉnh".
    assert not {"ai", "o", "binh", "thuan"} & set(q.topic_terms)
    q = parse("Việc kiểm tra tình hình thực hiện kế hoạch Kon Tum đến năm 2030 diễn ra khi nào?")
    assert "tinh" in q.topic_terms and "hinh" in q.topic_terms
    assert not {"kon", "tum", "2030", "khi", "nao"} & set(q.topic_terms)
    q = parse("How many people will Kon Tum train by 2030?")
    assert q.topic_terms == ("people", "train")
    assert len(set(q.topic_terms)) == len(q.topic_terms)


@pytest.mark.parametrize(
    "text",
    [
        "Sở Tài chính Kon Tum được giao việc gì?",
        "Sở Tài chính Kon Tum có vai trò gì?",
        "Sở Khoa học và Công nghệ Bình Thuận chịu trách nhiệm những việc gì?",
        "sở khcn bình thuận có nhiệm vụ gì",
        "Sở KH&ĐT Kon Tum được giao những việc gì?",
        "UBND các huyện Kon Tum làm những gì?",
    ],
)
def test_question_forms_are_not_content(text: str) -> None:
    q = parse(text)
    assert q.intent == "duties" and q.agency is not None
    assert q.content_terms == ()
    assert evidence_terms(q) == []


def test_question_forms_keep_the_topic() -> None:
    q = parse("Ai chịu trách nhiệm lập dự toán kinh phí hàng năm?")
    assert q.content_terms == ("lap", "du", "toan", "kinh", "phi", "hang")
    # Typed with diacritics, "máy" (a machine) is not the question word "mấy".
    assert "may" in parse("Kon Tum có máy đo nào?").content_terms
    assert "may" not in parse("Kon Tum có mấy phòng thí nghiệm?").content_terms
    assert "may" not in parse("kon tum co may phong thi nghiem").content_terms
    # "who leads, who partners" only says how a lead question is asked.
    lead = parse("don vi nao chu tri boi duong nghiep vu o Kon Tum, phoi hop voi ai")
    assert lead.intent == "lead"
    assert lead.content_terms == ("boi", "duong", "nghiep", "vu")
    assert parse("Bình Thuận giao ai tuyên truyền về đo lường?").content_terms == (
        "tuyen",
        "truyen",
        "do",
        "luong",
    )


def test_query_fields() -> None:
    text = "Mu\u0323c tie\u0302u đào tạo Bình Thuận 2025"  # decomposed input
    q = parse(text)
    assert q.text == "Mục tiêu đào tạo Bình Thuận 2025"
    assert q.folded == "muc tieu dao tao binh thuan 2025"
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.intent = "lead"  # type: ignore[misc]


def test_fast() -> None:
    questions = [
        "Đến năm 2030 Bình Thuận triển khai Chương trình đảm bảo đo lường"
        " cho bao nhiêu doanh nghiệp?",
        "Who leads the enterprise survey in Kon Tum?",
        "So tai chinh kom tum lam gi trong ke hoach",
        "Dự báo thời tiết Đà Lạt cuối tuần này thế nào?",
    ]
    for q in questions:  # warm the caches
        parse(q)
    started = time.perf_counter()
    rounds = 50
    for _ in range(rounds):
        for q in questions:
            parse(q)
    per_question_ms = (time.perf_counter() - started) * 1000 / (rounds * len(questions))
    # Typically well under 1 ms; the bound leaves room for slow CI machines.
    assert per_question_ms < 5


def test_counting_standards_after_bao_nhieu() -> None:
    # "nhiêu" ends in "hiêu": "bao nhiêu chuẩn" counts standards, "hiệu chuẩn" does not.
    plans = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}
    q = parse_question("Giai đoạn 1 Kon Tum phát triển bao nhiêu chuẩn đo lường?", plans)
    assert q.metric == "standards"
    assert parse_question("Kon Tum hiệu chuẩn bao nhiêu lần?", plans).metric != "standards"


def test_where_is_a_question_form_but_dau_tu_is_a_topic() -> None:
    # "đâu" and "đầu" fold alike: typed with diacritics, only "(từ) đâu" is left out.
    assert "dau" not in parse("Ngoài ngân sách, Bình Thuận huy động kinh phí từ đâu?").content_terms
    assert "dau" in parse("Nguồn chi đầu tư phát triển dùng cho gì?").content_terms


def test_a_department_named_with_its_successor_is_the_one_the_plans_know() -> None:
    q = parse("Sở Tài chính (đã nhập Sở KH&ĐT) phải làm gì theo kế hoạch Kon Tum?")
    assert q.agency == "Sở Kế hoạch và Đầu tư"
    assert parse("Sở Tài chính Kon Tum làm gì?").agency == "Sở Tài chính"


def test_the_measure_named_without_a_count() -> None:
    q = parse("Which specific companies in Binh Thuan joined the measurement assurance programme?")
    assert q.metric is None and q.named_metric == "enterprises"
    assert parse("Giá xăng bao nhiêu?").named_metric is None


@pytest.mark.parametrize(
    ("text", "metric", "kept"),
    [
        # The asker's lab is no measure asked about; the standards are.
        (
            "Tôi làm ở một phòng thí nghiệm hiệu chuẩn, Kon Tum hỗ trợ bao nhiêu chất chuẩn?",
            "standards",
            ("chat", "chuan"),
        ),
        (
            "Chào bot, mình là kế toán một công ty may: Bình Thuận đào tạo bao nhiêu người?",
            "training",
            ("dao", "tao"),
        ),
    ],
)
def test_a_self_introduction_says_who_asks_not_what_about(
    text: str, metric: str, kept: tuple[str, ...]
) -> None:
    q = parse(text)
    assert q.metric == metric
    assert all(w in q.content_terms for w in kept)
    assert "phong" not in q.content_terms and "ke" not in q.content_terms
    assert q.plan_ids


def test_no_self_introduction_without_its_end_or_its_opener() -> None:
    # No comma: the whole question would go, so nothing is taken as an introduction.
    assert parse("tôi làm ở phòng thí nghiệm thì cần chuẩn gì").content_terms
    # A province named in the introduction still names the plan.
    q = parse("Tôi ở Kon Tum, mục tiêu đào tạo đến 2025 là gì?")
    assert q.plan_ids == ("kon-tum",) and q.metric == "training"


def test_an_english_questions_evidence_leaves_out_the_agency_it_names() -> None:
    q = parse("Who is responsible for reporting to the provincial People's Committee in Kon Tum?")
    assert q.agency == "UBND"
    terms = evidence_terms(q)
    assert "committee" not in terms and "nguoi" not in terms
    assert "bao" in terms and "cao" in terms


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # The enterprises counted are the service organisations named before the count.
        (
            "Kon Tum hỗ trợ tổ chức dịch vụ kiểm định đáp ứng Bộ tiêu chí: được mấy DN?",
            "service_orgs",
        ),
        # Counted with nothing more specific named, enterprises are the measure.
        ("Kon Tum hỗ trợ bao nhiêu doanh nghiệp đến 2025?", "enterprises"),
        ("Bình Thuận đào tạo bao nhiêu người cho doanh nghiệp?", "training"),
    ],
)
def test_a_unit_counted_after_a_specific_measure_counts_that_measure(
    text: str, metric: str
) -> None:
    assert parse(text).metric == metric


def test_when_a_decision_was_signed_is_no_signer_question() -> None:
    assert parse("Quyết định 996 mà kế hoạch căn cứ được ký ngày nào?").intent != "signer"
    assert parse("Ai ký kế hoạch Kon Tum?").intent == "signer"


def test_a_measure_with_a_milestone_and_little_else_asks_its_target() -> None:
    q = parse("doanh nghiệp 2030 Bình Thuận vs Kon Tum?")
    assert q.metric == "enterprises" and q.compare


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Ai phối hợp với Sở KH&CN Kon Tum tuyên truyền kế hoạch?", True),
        ("Who works with the science and technology department to publicize the plan?", True),
        # Whom it works with: its partners too.
        ("Sở KH&CN Kon Tum phối hợp với ai?", True),
        ("Sở KH&CN Kon Tum làm gì?", False),
        ("Ai chủ trì tuyên truyền ở Kon Tum?", False),
    ],
)
def test_an_agency_named_as_the_partner(text: str, partner: bool) -> None:
    assert parse(text).agency_as_partner is partner


def test_which_side_compares() -> None:
    assert parse("Bên nào ghi rõ Ngày Đo lường Việt Nam?").compare
