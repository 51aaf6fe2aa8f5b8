"""Follow-up resolution as a pure function: no model, no index, no Telegram."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.answers import Answer
from bot.dialogue import (
    DIALOGUE_FILE,
    Context,
    DialogueLexiconError,
    context_after,
    load_dialogue_lexicon,
    resolve,
)
from bot.query import parse_question

PLANS = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}
NOW = 1_800_000_000.0
TASK = {
    "plan": "kon-tum",
    "code": "PL.I",
    "title": "Công tác tuyên truyền, phổ biến về đo lường: tuyên truyền trên báo, đài",
    "kind": "task",
}


def _after(question: str, task: dict[str, str] | None = None, at: float = NOW) -> Context:
    """The context a complete question leaves (optionally citing a task)."""
    res = resolve(question, None, at, PLANS)
    assert res.kind == "new" and res.question == question
    return replace(res.context, task=task)


TARGET_Q = "Kon Tum đặt mục tiêu bao nhiêu lượt người được bồi dưỡng đến năm 2025?"


@pytest.mark.parametrize(
    "message",
    ["còn 2030?", "năm 2030 thì sao?", "đến 2030?", "con 2030", "nam 2030 thi sao", "and 2030?"],
)
def test_year_swap(message: str) -> None:
    res = resolve(message, _after(TARGET_Q), NOW + 60, PLANS)
    assert res.kind == "year"
    assert res.question == TARGET_Q.replace("2025", "2030")
    assert res.context.years == (2030,) and res.context.plan_ids == ("kon-tum",)


def test_period_swap_reads_as_a_period() -> None:
    res = resolve("giai đoạn 2026-2030?", _after(TARGET_Q), NOW, PLANS)
    assert res.kind == "year" and "giai đoạn 2026-2030" in res.question
    assert "đến năm" not in res.question
    assert parse_question(res.question, PLANS).years == (2026, 2030)


@pytest.mark.parametrize(
    "message",
    [
        "còn Bình Thuận thì sao?",
        "Bình Thuận thì sao",
        "con binh thuan?",
        "and Binh Thuan?",
        "what about Binh Thuan?",
        "Bình Thuận?",
        "vậy còn tỉnh Bình Thuận",
        "tương tự cho Bình Thuận",
        "Bình Thuận cũng vậy à?",
        "same for Binh Thuan",
        # Shorthand, in capitals or not.
        "còn BT?",
        "con bt thi sao",
    ],
)
def test_province_swap(message: str) -> None:
    res = resolve(message, _after(TARGET_Q), NOW, PLANS)
    assert res.kind == "province"
    query = parse_question(res.question, PLANS)
    assert query.plan_ids == ("binh-thuan",)
    assert query.years == (2025,) and query.metric == "training"


def test_province_swap_keeps_an_english_question_english() -> None:
    prev = _after("Who leads the annual plan in Kon Tum?")
    res = resolve("and in Bình Thuận?", prev, NOW, PLANS)
    assert res.question == "Who leads the annual plan in Binh Thuan?"
    assert parse_question(res.question, PLANS).language == "en"


def test_new_unit_name_is_kept_so_the_answer_can_say_so() -> None:
    res = resolve("Lâm Đồng thì sao?", _after(TARGET_Q), NOW, PLANS)
    query = parse_question(res.question, PLANS)
    assert query.plan_ids == ("binh-thuan",) and query.merged_units == ("Lâm Đồng",)


@pytest.mark.parametrize(
    "message", ["còn Sở Tài chính?", "con so tai chinh", "Sở Tài chính thì sao?"]
)
def test_agency_swap(message: str) -> None:
    prev = _after("Sở Khoa học và Công nghệ Bình Thuận có nhiệm vụ gì?")
    res = resolve(message, prev, NOW, PLANS)
    assert res.kind == "agency"
    assert res.question == "Sở Tài chính Bình Thuận có nhiệm vụ gì?"


@pytest.mark.parametrize(
    ("message", "cue"),
    [
        ("ai chủ trì việc đó?", "Ai chủ trì"),
        ("ai chu tri viec do", "Ai chủ trì"),
        ("who leads it?", "Ai chủ trì"),
        ("phối hợp với ai?", "phối hợp"),
        ("phoi hop voi ai", "phối hợp"),
        ("thời gian thực hiện?", "thời gian thực hiện"),
        ("khi nào thực hiện?", "thời gian thực hiện"),
        ("when?", "thời gian thực hiện"),
        ("kết quả dự kiến?", "Kết quả dự kiến"),
        ("expected results?", "Kết quả dự kiến"),
        ("kết quả ra sao?", "Kết quả dự kiến"),
        ("đơn vị nào thực hiện?", "Ai chủ trì"),
        ("which agency leads it?", "Ai chủ trì"),
        ("what's the timeline?", "thời gian thực hiện"),
    ],
)
def test_task_pronouns(message: str, cue: str) -> None:
    prev = _after("Ai chủ trì việc tuyên truyền, phổ biến về đo lường ở Kon Tum?", TASK)
    res = resolve(message, prev, NOW, PLANS)
    assert res.kind == "task"
    assert cue in res.question
    # The task's first clause, not its whole title, and where it is.
    assert "công tác tuyên truyền, phổ biến về đo lường ở tỉnh Kon Tum" in res.question
    assert "báo, đài" not in res.question
    assert res.context.task == TASK


def test_task_reference_inside_a_longer_question() -> None:
    prev = _after("Ai chủ trì việc tuyên truyền ở Kon Tum?", TASK)
    res = resolve("kinh phí cho việc đó lấy từ đâu?", prev, NOW, PLANS)
    assert res.kind == "task"
    assert res.question.startswith("kinh phí cho công tác tuyên truyền")
    assert parse_question(res.question, PLANS).plan_ids == ("kon-tum",)


def test_task_follow_up_may_name_another_province() -> None:
    prev = _after("Ai chủ trì việc tuyên truyền ở Kon Tum?", TASK)
    res = resolve("ai chủ trì việc đó ở Bình Thuận?", prev, NOW, PLANS)
    assert parse_question(res.question, PLANS).plan_ids == ("binh-thuan",)


def test_a_pronoun_without_a_task_is_left_alone() -> None:
    res = resolve("ai chủ trì việc đó?", _after(TARGET_Q), NOW, PLANS)
    assert res.kind == "new" and res.question == "ai chủ trì việc đó?"


def test_new_topic_for_the_same_province() -> None:
    res = resolve("còn kinh phí thì sao?", _after(TARGET_Q), NOW, PLANS)
    assert res.kind == "topic"
    assert parse_question(res.question, PLANS).plan_ids == ("kon-tum",)
    assert "kinh phí" in res.question.lower()


@pytest.mark.parametrize(
    "message",
    [
        "Kinh phí thực hiện kế hoạch Bình Thuận lấy từ đâu?",
        "Mục tiêu đào tạo của Kon Tum đến năm 2030?",
        "Kế hoạch nào đặt mục tiêu phòng thí nghiệm?",
        "Sở Tài chính có nhiệm vụ gì trong kế hoạch Bình Thuận?",
    ],
)
def test_a_complete_question_stands_alone_and_replaces_the_context(message: str) -> None:
    prev = _after("Ai chủ trì việc tuyên truyền ở Kon Tum?", TASK)
    res = resolve(message, prev, NOW, PLANS)
    assert res.kind == "new" and res.question == message
    assert res.context.question == message and res.context.task is None


@pytest.mark.parametrize("message", ["Ai ký kế hoạch?", "ai ký?", "who signed it?"])
def test_a_short_question_naming_no_province_asks_about_the_last_one(message: str) -> None:
    res = resolve(message, _after("Kế hoạch Kon Tum ban hành ngày nào?"), NOW, PLANS)
    assert res.kind == "topic" and res.context.task is None
    assert parse_question(res.question, PLANS).plan_ids == ("kon-tum",)


def test_a_short_comparison_is_about_every_plan() -> None:
    res = resolve("so sánh hai tỉnh?", _after(TARGET_Q), NOW, PLANS)
    assert parse_question(res.question, PLANS).plan_ids == ()


def test_the_next_period_follows_the_last_one() -> None:
    prev = _after("Kon Tum khảo sát bao nhiêu lượt doanh nghiệp giai đoạn 2021-2025?")
    res = resolve("còn gđ sau?", prev, NOW, PLANS)
    assert res.kind == "year" and "2026-2030" in res.question and "2021" not in res.question
    res = resolve(
        "còn mốc sau?", _after("Kon Tum đào tạo bao nhiêu người đến năm 2025?"), NOW, PLANS
    )
    assert "2030" in res.question and "2025" not in res.question


def test_a_period_past_the_programme_is_left_as_written_but_follows_up() -> None:
    prev = _after("Bình Thuận đào tạo bao nhiêu người đến năm 2030?")
    res = resolve("số người được tập huấn giai đoạn sau?", prev, NOW, PLANS)
    assert "giai đoạn sau" in res.question and "2035" not in res.question
    assert parse_question(res.question, PLANS).plan_ids == ("binh-thuan",)


def test_the_programmes_phases_by_their_order() -> None:
    prev = _after("Kon Tum khảo sát bao nhiêu lượt doanh nghiệp giai đoạn 2026-2030?")
    assert "2021-2025" in resolve("còn giai đoạn 1?", prev, NOW, PLANS).question
    prev = _after("Kon Tum khảo sát bao nhiêu lượt doanh nghiệp giai đoạn 2021-2025?")
    assert "2026-2030" in resolve("còn giai đoạn 2?", prev, NOW, PLANS).question


def test_a_longer_follow_up_naming_no_province_keeps_it_before_its_closing_particle() -> None:
    res = resolve("có đào tạo cả cán bộ xã phường ko", _after(TARGET_Q), NOW, PLANS)
    assert res.kind == "topic" and res.question.endswith("ở tỉnh Kon Tum không")


def test_a_follow_up_after_an_agencys_duties_is_about_that_agency() -> None:
    prev = _after("Sở KH&CN Bình Thuận có những nhiệm vụ gì? kể hết giúp mình")
    res = resolve("có phải báo cáo lên Bộ ko", prev, NOW, PLANS)
    assert res.question.startswith("Sở Khoa học và Công nghệ có phải báo cáo lên Bộ")
    assert parse_question(res.question, PLANS).plan_ids == ("binh-thuan",)


def test_asking_for_english_is_no_new_question() -> None:
    res = resolve("in English pls - and by 2030?", _after(TARGET_Q), NOW, PLANS)
    assert res.kind == "year" and "2030" in res.question and "2025" not in res.question


def test_that_department_is_the_last_agency_asked() -> None:
    prev = _after("Sở Kế hoạch và Đầu tư Kon Tum có nhiệm vụ gì?")
    res = resolve("ở Bình Thuận sở đó có nhiệm vụ gì không?", prev, NOW, PLANS)
    assert "Sở Kế hoạch và Đầu tư" in res.question


def test_a_province_in_shorthand_is_swapped_not_kept() -> None:
    prev = _after("so tai chinh BT co nhiem vu gi")
    res = resolve("còn bên KT?", prev, NOW, PLANS)
    assert parse_question(res.question, PLANS).plan_ids == ("kon-tum",)


def test_context_expires() -> None:
    prev = _after(TARGET_Q, at=NOW)
    assert resolve("còn 2030?", prev, NOW + 29 * 60, PLANS).kind == "year"
    assert resolve("còn 2030?", prev, NOW + 31 * 60, PLANS).kind == "new"
    assert resolve("còn 2030?", prev, NOW + 120, PLANS, ttl_seconds=60).kind == "new"


def test_context_round_trips_through_json() -> None:
    ctx = _after(TARGET_Q, TASK)
    data = json.loads(json.dumps(ctx.to_dict()))
    assert Context.from_dict(data) == ctx
    assert resolve("còn 2030?", data, NOW, PLANS).kind == "year"


@pytest.mark.parametrize(
    "data",
    [None, {}, {"v": 99, "question": "x", "at": 1}, {"v": 1}, {"v": 1, "question": "x", "at": "?"}],
)
def test_unusable_stored_context_is_ignored(data) -> None:
    assert Context.from_dict(data) is None
    assert resolve("còn 2030?", data, NOW, PLANS).kind == "new"


def test_context_after_an_answer_keeps_the_task_it_cited() -> None:
    answer = Answer(
        question="q",
        text="t",
        abstained=False,
        facts=[
            {"kind": "responsibility", "plan": "kon-tum", "agency": "Sở Tài chính"},
            {"kind": "task", "plan": "kon-tum", "code": "PL.I", "title": "Tuyên truyền"},
        ],
    )
    ctx = context_after(_after(TARGET_Q), answer)
    assert ctx.task == {"plan": "kon-tum", "code": "PL.I", "title": "Tuyên truyền", "kind": "task"}
    target = Answer(
        "q",
        "t",
        False,
        facts=[
            {"kind": "target", "plan": "kon-tum", "id": "t1", "metric": "lượt người được bồi dưỡng"}
        ],
    )
    assert context_after(_after(TARGET_Q), target).task["kind"] == "target"  # type: ignore[index]


def test_chosen_plans_scope_questions_that_name_no_province() -> None:
    chosen = Context.for_plans(["kon-tum"], PLANS, NOW)
    res = resolve("Mục tiêu đến năm 2030 là gì?", chosen, NOW, PLANS)
    assert res.restrict == ("kon-tum",) and res.context.scope == ("kon-tum",)
    res = resolve("Bình Thuận đào tạo bao nhiêu người?", res.context, NOW, PLANS)
    assert res.restrict == () and res.context.scope == ()


def test_a_bare_province_without_context_chooses_it() -> None:
    res = resolve("Kon Tum?", None, NOW, PLANS)
    assert res.context.scope == ("kon-tum",)
    assert parse_question(res.question, PLANS).plan_ids == ("kon-tum",)
    res = resolve("lam dong", None, NOW, PLANS)
    assert res.context.scope == ("binh-thuan",)


def test_cue_file_is_validated(tmp_path: Path) -> None:
    data = yaml.safe_load(DIALOGUE_FILE.read_text(encoding="utf-8"))
    data["attributes"]["lead"]["cue"] = ["x"]
    path = tmp_path / "dialogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DialogueLexiconError) as err:
        load_dialogue_lexicon(path)
    assert str(path) in str(err.value) and "attributes.lead.cue" in str(err.value)
    data["attributes"]["lead"].pop("cue")
    data["attributes"]["lead"]["template"] = "Ai chủ trì?"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DialogueLexiconError, match="attributes.lead.template"):
        load_dialogue_lexicon(path)


def test_resolution_uses_the_given_lexicon() -> None:
    lexicon = load_dialogue_lexicon()
    fewer = lexicon.model_copy(update={"fillers": tuple(f for f in lexicon.fillers if f != "bên")})
    prev = _after(TARGET_Q)
    assert resolve("còn bên Bình Thuận?", prev, NOW, PLANS, lexicon=lexicon).kind == "province"
    assert resolve("còn bên Bình Thuận?", prev, NOW, PLANS, lexicon=fewer).kind == "new"


def test_the_specific_attribute_wins_over_who() -> None:
    prev = _after("Ai chủ trì việc tuyên truyền ở Kon Tum?", TASK)
    res = resolve("who are the partners?", prev, NOW, PLANS)
    assert res.kind == "task" and "phối hợp" in res.question


def test_a_city_inside_a_unit_does_not_reach_an_absorbed_plan() -> None:
    res = resolve("Đà Lạt?", None, NOW, PLANS)
    assert res.context.scope == () and res.kind == "new"


@pytest.mark.parametrize(
    "message",
    ["đơn vị phối hợp là ai", "phối hợp những đơn vị nào?", "who else is involved?"],
)
def test_a_partners_question_with_question_words_asks_about_the_last_task(message: str) -> None:
    res = resolve(message, _after("Ai chủ trì việc tuyên truyền ở Kon Tum?", TASK), NOW, PLANS)
    assert res.kind == "task" and "phối hợp" in res.question


def test_when_a_task_is_done_asks_its_period() -> None:
    res = resolve(
        "bao giờ xong?", _after("Ai chủ trì việc tuyên truyền ở Kon Tum?", TASK), NOW, PLANS
    )
    assert res.kind == "task" and "thời gian" in res.question
