"""The vocabulary as data: knowledge/lexicon/*.yaml, its validation, and its use."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot.lexicon as lexicon_module
from bot.answering.selection import agency_matches
from bot.errors import PlanBotError
from bot.lexicon import (
    DEFAULT_LEXICON_DIR,
    LEXICON_ENV,
    REQUIRED_CUES,
    LexiconError,
    lexicon,
    load_lexicon,
    reset_lexicon,
)
from bot.query import detect_agency, parse_question
from bot.query_terms import evidence_terms

PLANS = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}


@pytest.fixture
def lexicon_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/lexicon/ that a test may change."""
    dest = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_LEXICON_DIR, dest)
    return dest


@pytest.fixture
def use_lexicon(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lets a test point PLANBOT_LEXICON_DIR elsewhere; the real lexicon is back afterwards."""
    reset_lexicon()
    yield
    monkeypatch.delenv(LEXICON_ENV, raising=False)
    reset_lexicon()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the shipped lexicon -----------------------------------------------------------------


def test_shipped_lexicon_loads_with_every_cue_list() -> None:
    lx = load_lexicon(DEFAULT_LEXICON_DIR)
    for intent, cues in REQUIRED_CUES.items():
        for cue in cues:
            assert isinstance(lx.cue(intent, cue), re.Pattern)
    assert set(lx.intent_kinds["duties"]) == {"responsibility"}
    assert {c for c, _, _ in lx.metrics} == {
        "training",
        "labs",
        "service_orgs",
        "standards",
        "communication",
        "cooperation",
        "enterprises",
    }


def test_every_agency_is_found_by_its_own_name() -> None:
    for entry in lexicon().agencies:
        if entry.name in ("sở, ngành", "UBND", "hội, hiệp hội doanh nghiệp"):
            continue  # group names, not names people type
        assert detect_agency(entry.name) == entry.name


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Sở KH&CN Kon Tum làm gì?", "Sở Khoa học và Công nghệ"),
        ("sở kh&cn", "Sở Khoa học và Công nghệ"),
        ("SỞ KH-CN", "Sở Khoa học và Công nghệ"),
        ("SKHCN", "Sở Khoa học và Công nghệ"),
        ("KHCN Bình Thuận có nhiệm vụ gì", "Sở Khoa học và Công nghệ"),
        ("KH&CN", "Sở Khoa học và Công nghệ"),
        ("Bộ KH&CN", "Bộ Khoa học và Công nghệ"),
        ("BKHCN có vai trò gì trong KH của Bình Thuận", "Bộ Khoa học và Công nghệ"),
        ("Thông tư 01/TT-BKHCN", None),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("TTTT Kon Tum", "Sở Thông tin và Truyền thông"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("so khdt kon tum", "Sở Kế hoạch và Đầu tư"),
        ("Trung tâm TC-ĐL-CL Bình Thuận", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng"),
        ("TĐC", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng"),
        ("Tổng cục TĐC", "Tổng cục Tiêu chuẩn Đo lường Chất lượng"),
        ("UBND", "UBND"),
        # A decision's code is not an agency, although it ends in the ministry's initials.
        ("Quyết định 510/QĐ-BKHCN", None),
        # After "sự nghiệp", "nhiệm vụ" … the bare abbreviation is the field (not_after).
        ("Nguồn sự nghiệp KH&CN của Bình Thuận chi cho gì?", None),
        ("các nhiệm vụ KHCN về đo lường", None),
        ("Sở KH&CN Bình Thuận có nhiệm vụ gì?", "Sở Khoa học và Công nghệ"),
    ],
)
def test_abbreviations(text: str, agency: str | None) -> None:
    assert detect_agency(text) == agency


def test_merged_agencies_keep_their_name_and_say_where_they_went() -> None:
    lx = lexicon()
    planning = lx.agency("Sở Kế hoạch và Đầu tư")
    info = lx.agency("Sở Thông tin và Truyền thông")
    assert planning and planning.merged_into and info and info.merged_into
    assert planning.merged_into.agency == "Sở Tài chính"
    assert info.merged_into.agency == "Sở Khoa học và Công nghệ"
    assert planning.merged_into.date == dt.date(2025, 2, 28)
    assert "45/2025/NĐ-CP" in (planning.merged_into.basis or "")
    # The plans name the old agency: questions about it still find it.
    assert parse_question("Sở KH&ĐT Kon Tum làm gì?", PLANS).agency == "Sở Kế hoạch và Đầu tư"


def test_agency_matching_spells_out_abbreviations() -> None:
    assert agency_matches("UBND", "Ủy ban nhân dân tỉnh")
    assert agency_matches("UBND huyện", "Các sở, ngành và Ủy ban nhân dân các huyện")
    # The province's UBND is not the districts' ("UBND các huyện").
    assert not agency_matches("UBND", "Các sở, ngành và UBND các huyện, thị xã, thành phố")
    # "xã hội" (society) is not a commune ("xã").
    assert agency_matches(
        "hội, hiệp hội doanh nghiệp",
        "Các hội, hiệp hội doanh nghiệp và các tổ chức chính trị - xã hội",
    )
    assert not agency_matches("Sở Tài chính", "Sở Khoa học và Công nghệ")


# --- question forms are not content ------------------------------------------------------


def test_english_question_forms_are_not_evidence() -> None:
    q = parse_question("What is the role of business associations in Kon Tum?", PLANS)
    assert "role" in q.topic_terms  # still searched: the glossary maps it to "nhiệm vụ"
    evidence = evidence_terms(q)
    assert {"hiep", "hoi", "doanh", "nghiep"} <= set(evidence)
    assert not {"role", "nhiem", "vu"} & set(evidence)


@pytest.mark.parametrize(
    ("question", "agency_text"),
    [
        ("Sở Tài chính Kon Tum được giao việc gì?", "Sở Tài chính"),
        ("Sở Tài chính Kon Tum có vai trò gì?", "Sở Tài chính"),
        ("Sở KH&ĐT Kon Tum được giao những việc gì?", "Sở Kế hoạch và Đầu tư"),
        ("Hiệp hội doanh nghiệp Bình Thuận được giao việc gì?", "hiệp hội doanh nghiệp"),
    ],
)
def test_agency_questions_in_other_wordings_are_answered(
    engine: object, question: str, agency_text: str
) -> None:
    """These asked what an agency does and got "Xin lỗi" before question forms were data."""
    answer = engine.answer(question)  # type: ignore[attr-defined]
    assert not answer.abstained
    assert agency_text in answer.text.split("\n")[0]


@pytest.mark.parametrize(
    "question",
    ["How many phases does the Kon Tum plan have?", "Kế hoạch Kon Tum có bao nhiêu giai đoạn?"],
)
def test_how_many_phases_is_answered_with_the_phases(engine: object, question: str) -> None:
    """A count of phases asks for the phases (a timeline cue in intents.yaml), not a target."""
    answer = engine.answer(question)  # type: ignore[attr-defined]
    assert not answer.abstained and answer.intent == "timeline"
    assert "Giai đoạn 1" in answer.text and "Giai đoạn 2" in answer.text


# --- loading once ------------------------------------------------------------------------


def test_lexicon_is_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    first = lexicon()
    assert lexicon() is first

    def fail(folder: Path | None = None) -> None:
        raise AssertionError("the lexicon was read again")

    monkeypatch.setattr(lexicon_module, "load_lexicon", fail)
    parse_question("Sở Tài chính Kon Tum làm gì?", PLANS)
    assert lexicon() is first


# --- adding vocabulary is a data change --------------------------------------------------


def test_a_new_alias_in_the_data_is_recognised(
    lexicon_copy: Path, monkeypatch: pytest.MonkeyPatch, use_lexicon: None
) -> None:
    question = "Ban quản lý khu kinh tế Kon Tum được giao việc gì?"
    assert parse_question(question, PLANS).agency is None
    assert detect_agency("Sở Khoa học Kon Tum") is None
    edit(
        lexicon_copy / "agencies.yaml",
        "  - name: Sở Tài chính\n",
        "  - name: Ban Quản lý Khu kinh tế\n"
        "    aliases: [Ban Quản lý Khu kinh tế]\n"
        "    abbreviations: [BQL KKT]\n\n"
        "  - name: Sở Tài chính\n",
    )
    edit(
        lexicon_copy / "agencies.yaml",
        "      - Sở Khoa học Công nghệ\n",
        "      - Sở Khoa học Công nghệ\n      - Sở Khoa học\n",
    )
    monkeypatch.setenv(LEXICON_ENV, str(lexicon_copy))
    reset_lexicon()
    q = parse_question(question, PLANS)
    assert q.agency == "Ban Quản lý Khu kinh tế" and q.intent == "duties"
    assert q.content_terms == ()
    assert detect_agency("bql kkt") == "Ban Quản lý Khu kinh tế"
    assert detect_agency("Sở Khoa học Kon Tum") == "Sở Khoa học và Công nghệ"


def test_a_new_question_form_in_the_data_is_not_content(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "question_forms.yaml", "  - vai trò\n", "  - vai trò\n  - góp phần\n")
    lx = load_lexicon(lexicon_copy)
    assert ("gop", "phan") in [f for f, _ in lx.question_phrases["gop"]]


# --- errors name the file, the location and the problem ----------------------------------


def _error(folder: Path) -> LexiconError:
    with pytest.raises(LexiconError) as info:
        load_lexicon(folder)
    assert isinstance(info.value, PlanBotError)
    return info.value


def test_yaml_syntax_error(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "metrics.yaml", "metrics:\n", "metrics: [\n")
    err = _error(lexicon_copy)
    assert err.file.endswith("metrics.yaml")
    assert err.location.startswith("line ") and "YAML syntax error" in err.problem


def test_unknown_key(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "agencies.yaml", "    abbreviations:\n", "    abbreviation:\n")
    err = _error(lexicon_copy)
    assert err.file.endswith("agencies.yaml")
    assert err.location == "agencies[0].abbreviation"
    assert "Extra inputs are not permitted" in err.problem
    assert str(err).startswith(f"{err.file}: agencies[0].abbreviation: ")


def test_wrong_type(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "metrics.yaml", "needs_number_cue: false", "needs_number_cue: maybe")
    err = _error(lexicon_copy)
    assert (err.location, err.file.endswith("metrics.yaml")) == (
        "metrics[0].needs_number_cue",
        True,
    )
    assert "boolean" in err.problem


def test_unknown_metric_category(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "metrics.yaml", "category: labs", "category: laboratories")
    err = _error(lexicon_copy)
    assert err.location == "metrics[1].category"


def test_pattern_that_does_not_compile(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "intents.yaml", "        - '\\bai\\b'\n", "        - '\\b(ai\\b'\n")
    err = _error(lexicon_copy)
    assert err.file.endswith("intents.yaml")
    assert err.location == "intents.lead.cues.who[0]"
    assert "does not compile" in err.problem


def test_pattern_with_diacritics(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "intents.yaml", "        - '\\bai\\b'\n", "        - '\\bai nào\\b'\n")
    err = _error(lexicon_copy)
    assert err.location == "intents.lead.cues.who[0]" and "folded" in err.problem


def test_missing_and_unknown_cue_lists(lexicon_copy: Path) -> None:
    path = lexicon_copy / "intents.yaml"
    edit(path, "      who:\n", "      whom:\n")
    err = _error(lexicon_copy)
    assert err.location == "intents.lead.cues.whom" and "unknown cue list" in err.problem


def test_alias_that_folds_to_nothing(lexicon_copy: Path) -> None:
    edit(
        lexicon_copy / "agencies.yaml",
        "      - Sở Tài chính\n",
        "      - Sở Tài chính\n      - '&&'\n",
    )
    err = _error(lexicon_copy)
    assert err.location == "agencies[2].aliases[1]"
    assert "no letters" in err.problem


def test_one_alias_for_two_agencies(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "agencies.yaml", "      - Finance Department\n", "      - Sở KHCN\n")
    err = _error(lexicon_copy)
    assert err.location == "agencies[2].aliases[2]"
    assert "'Sở Khoa học và Công nghệ'" in err.problem
    assert "agencies[0].abbreviations[0]" in err.problem


def test_a_member_that_is_also_another_agencys_alias(lexicon_copy: Path) -> None:
    edit(
        lexicon_copy / "agencies.yaml",
        "      Sở Y tế: [Department of Health]\n",
        "      Sở Y tế: [Department of Health, Sở KHCN]\n",
    )
    err = _error(lexicon_copy)
    assert err.location.endswith(".members.Sở Y tế[1]")
    assert "'Sở Khoa học và Công nghệ'" in err.problem


@pytest.mark.parametrize(
    ("question", "member"),
    [
        ("Sở Công Thương Kon Tum làm gì trong kế hoạch?", "Sở Công Thương"),
        ("so y te binh thuan co nhiem vu gi", "Sở Y tế"),
        ("What does the Department of Health do in Kon Tum?", "Sở Y tế"),
        ("Sở Xây dưng Bình Thuận phải phối hợp gì?", "Sở Xây dựng"),
        # The group itself is no member.
        ("Các sở ngành Kon Tum làm gì?", None),
    ],
)
def test_a_department_known_only_through_its_group(question: str, member: str | None) -> None:
    query = parse_question(question, PLANS)
    assert query.agency == "sở, ngành" and query.agency_member == member


def test_merged_into_an_unknown_agency(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "agencies.yaml", "agency: Sở Tài chính\n", "agency: Sở Tài chánh\n")
    err = _error(lexicon_copy)
    assert err.location == "agencies[4].merged_into.agency"


def test_not_after_an_unknown_alias(lexicon_copy: Path) -> None:
    edit(lexicon_copy / "agencies.yaml", "  KHCN: [", "  KHCNX: [")
    err = _error(lexicon_copy)
    assert err.location == "not_after.KHCNX" and "not an alias" in err.problem


def test_short_form_of_an_unknown_agency_or_of_another_one(lexicon_copy: Path) -> None:
    path = lexicon_copy / "agencies.yaml"
    edit(path, "short_forms:\n", "short_forms:\n  Sở Tài chánh: Sở TC\n")
    err = _error(lexicon_copy)
    assert err.location == "short_forms.Sở Tài chánh" and "not an alias" in err.problem
    edit(path, "  Sở Tài chánh: Sở TC\n", "  Sở Tài chính: Sở KH&CN\n")
    err = _error(lexicon_copy)
    assert err.location == "short_forms.Sở Tài chính"
    assert "'Sở Tài chính'" in err.problem


@pytest.mark.usefixtures("use_lexicon")
def test_a_short_form_added_to_the_data_is_used_after_the_first_mention(
    lexicon_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.answering.rendering import shorten_names

    edit(
        lexicon_copy / "agencies.yaml",
        "short_forms:\n",
        "short_forms:\n  Sở Tài chính: Sở TC\n",
    )
    text = (
        "Sở Tài chính (X):\n• Phối hợp với Sở Tài chính.\n"
        "• Theo «ý kiến Sở Tài chính».\nNguồn: mục 2 – Sở Tài chính."
    )
    assert shorten_names(text) == text  # not in the shipped data
    monkeypatch.setenv(LEXICON_ENV, str(lexicon_copy))
    reset_lexicon()
    assert shorten_names(text) == (
        "Sở Tài chính (X):\n• Phối hợp với Sở TC.\n"
        "• Theo «ý kiến Sở Tài chính».\nNguồn: mục 2 – Sở Tài chính."
    )


def test_a_key_written_twice(lexicon_copy: Path) -> None:
    """YAML would keep the second silently; the loader names the file, line and key."""
    edit(lexicon_copy / "glossary_en.yaml", "  day: ngày\n", "  day: ngày\n  day: ngày lễ\n")
    err = _error(lexicon_copy)
    assert err.file.endswith("glossary_en.yaml") and err.location.startswith("line ")
    assert "'day' is written twice" in err.problem


def test_missing_file(lexicon_copy: Path) -> None:
    (lexicon_copy / "glossary_en.yaml").unlink()
    err = _error(lexicon_copy)
    assert err.file.endswith("glossary_en.yaml") and "cannot read" in err.problem


def test_multi_word_entry_in_a_word_list(lexicon_copy: Path) -> None:
    edit(
        lexicon_copy / "stopwords.yaml", "name_fillers: tinh", "name_fillers: [thanh pho, tinh]\n#"
    )
    err = _error(lexicon_copy)
    assert err.location == "name_fillers[0]" and "one word" in err.problem
