"""Conversations through Engine.converse on the real model and index (no Telegram)."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import cli
from bot.telegram.console import run_console
from bot.textnorm import fold
from tests.conftest import ROOT

DEV_DIALOGS = ROOT.parent / "shared" / "eval" / "dev_dialogs.yaml"
CORE_DIALOGS = ROOT / "tests" / "data" / "dialogs_core.yaml"


def _dialogs() -> list[Any]:
    out = []
    for path in (DEV_DIALOGS, CORE_DIALOGS):
        if not path.exists():
            continue
        for dialog in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append(pytest.param(dialog, id=dialog["id"]))
    return out


def _holds(turn: dict[str, Any], answer) -> list[str]:
    """Why a turn does not hold (empty when it does), by the dialogs' rule."""
    reply = fold(answer.text + "\n" + "\n".join(answer.suggestions))
    problems = []
    for group in turn.get("expect", []):
        if not any(fold(alt) in reply for alt in group):
            problems.append(f"none of {group}")
    problems += [f"has {bad!r}" for bad in turn.get("never", []) if fold(bad) in reply]
    lines = sum(1 for line in answer.text.splitlines() if line.strip())
    if lines < turn.get("min_lines", 0):
        problems.append(f"{lines} lines")
    if "kind" in turn and answer.reply_kind != turn["kind"]:
        problems.append(f"kind {answer.reply_kind}")
    return problems


@pytest.mark.parametrize("dialog", _dialogs())
def test_dialog_holds(engine, dialog: dict[str, Any]) -> None:
    context = None
    failures = []
    for turn in dialog["turns"]:
        answer, context = engine.converse(turn["say"], context)
        assert answer.context == context
        problems = _holds(turn, answer)
        if problems:
            failures.append(f"{turn['say']!r} → {answer.resolved_question!r}: {problems}")
    assert not failures, "\n".join(failures)


def test_small_talk_examples_are_answered(engine) -> None:
    answer, context = engine.converse("xin chào", None)
    assert answer.reply_kind == "smalltalk" and not answer.passages and not answer.facts
    assert context is None  # small talk starts no topic
    assert len(answer.suggestions) >= 3
    for example in answer.suggestions:
        reply, _ = engine.converse(example, None)
        assert reply.reply_kind == "answer", example


def test_unanswered_question_offers_questions_it_can_answer(engine) -> None:
    answer, context = engine.converse("Giá vàng hôm nay bao nhiêu?", None)
    assert answer.reply_kind == "abstain" and answer.abstained
    assert len(answer.suggestions) >= 3
    assert context is not None  # the next "còn …" refers to it


def test_small_talk_keeps_the_topic(engine) -> None:
    _, context = engine.converse("Kon Tum bồi dưỡng bao nhiêu lượt người đến năm 2025?", None)
    answer, kept = engine.converse("cảm ơn nhé", context)
    assert answer.reply_kind == "smalltalk" and kept == context
    answer, _ = engine.converse("còn 2030?", kept)
    assert "50" in answer.text and answer.resolved_question


def test_expired_context_is_not_used(engine) -> None:
    _, context = engine.converse("Kon Tum bồi dưỡng bao nhiêu lượt người đến năm 2025?", None)
    later = context["at"] + engine.settings.context_ttl_minutes * 60 + 1
    answer, _ = engine.converse("còn 2030?", context, now=later)
    assert answer.resolved_question is None


def test_answer_naming_a_merged_agency_gets_a_note(engine) -> None:
    answer = engine.answer("Sở Khoa học và Công nghệ Kon Tum có nhiệm vụ gì?")
    assert "Sở Kế hoạch và Đầu tư" in answer.text
    assert answer.text.count("hợp nhất vào Sở Tài chính") == 1


def test_cli_context_file_carries_a_conversation(engine, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_load_engine", lambda settings, build: engine)
    ctx = tmp_path / "ctx.json"
    out = io.StringIO()

    def ask(question: str) -> dict[str, Any]:
        args = argparse.Namespace(
            question=[question], json=True, file=None, build=False, context=str(ctx)
        )
        out.seek(0)
        out.truncate()
        assert cli.cmd_ask(args, engine.settings, out) == 0
        return json.loads(out.getvalue())

    first = ask("Bình Thuận đào tạo bao nhiêu người về đo lường đến 2030?")
    assert json.loads(ctx.read_text(encoding="utf-8")) == first["context"]
    second = ask("Kon Tum thì sao?")
    assert "50" in second["answer"] and second["kind"] == "answer"
    assert second["resolved_question"] and second["context"]["plan_ids"] == ["kon-tum"]
    # A whole JSON output line is accepted as the context too.
    ctx.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    assert "50" in ask("Kon Tum thì sao?")["answer"]
    ctx.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(cli.PlanBotError, match="JSON object"):
        ask("còn 2025?")


def test_console_follow_ups_and_new_conversation(engine) -> None:
    lines = [
        "Kon Tum bồi dưỡng bao nhiêu lượt người đến năm 2025?",
        "còn 2030?",
        "/moi",
        "còn 2030?",
        "chào bot",
    ]
    out = io.StringIO()
    assert run_console(engine, io.StringIO("\n".join(lines) + "\n"), out) == 0
    text = out.getvalue()
    assert "50 lượt" in text
    assert "Đã bắt đầu cuộc trò chuyện mới" in text
    # After /moi, "còn 2030?" has nothing to continue: no rewritten question for it.
    assert text.count("(Hiểu là:") == 1
    assert "Bạn có thể hỏi:" in text


def test_deep_link_context_scopes_questions_to_its_province(engine) -> None:
    assert engine.context_for_plans(["no-such-plan"]) is None
    context = engine.context_for_plans(["kon-tum"])
    answer, context = engine.converse("Mục tiêu đào tạo đến năm 2030 là bao nhiêu?", context)
    assert answer.plans == ["kon-tum"] and "50" in answer.text
    answer, _ = engine.converse("Bình Thuận thì sao?", context)
    assert answer.plans == ["binh-thuan"] and "200" in answer.text
