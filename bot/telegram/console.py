"""Interactive console chat on the same engine, for use without a Telegram token."""

from __future__ import annotations

import html
import re
import sys
from typing import Any, TextIO

from bot.answers import Answer
from bot.errors import PlanBotError
from bot.telegram import formatting as fmt
from bot.telegram.handlers import EngineLike

PROMPT = "❓ "
_TAG = re.compile(r"<[^<>]*>")

CONSOLE_HELP = (
    'Gõ câu hỏi rồi Enter; có thể hỏi tiếp kiểu "còn 2030?", "ai chủ trì việc đó?". '
    "Lệnh: /plans, /targets [tỉnh], /lead <từ khóa>, /compare <chủ đề>, "
    "/sources (nguồn của câu trả lời trước), /moi (cuộc trò chuyện mới), /help, /quit."
)
MSG_NEW_CONVERSATION = "Đã bắt đầu cuộc trò chuyện mới. Bạn muốn hỏi gì?"


def html_to_plain(text: str) -> str:
    """The bot's HTML texts as plain text for a terminal."""
    return html.unescape(_TAG.sub("", text))


def console_reply(engine: EngineLike, line: str, last: Answer | None) -> tuple[str, Answer | None]:
    """The console's reply to one input line, and the answer to remember for /sources."""
    reply, answer, _context = console_turn(engine, line, last, None)
    return reply, answer


def console_turn(
    engine: EngineLike, line: str, last: Answer | None, context: dict[str, Any] | None
) -> tuple[str, Answer | None, dict[str, Any] | None]:
    """One console turn: the reply, the answer for /sources, and the conversation context.

    Free text goes through `engine.converse` (follow-ups, small talk) when the engine has
    it; /moi starts a new conversation.
    """
    text = line.strip()
    command = text.partition(" ")[0].lower()
    if command == "/moi":
        return MSG_NEW_CONVERSATION, last, None
    converse = getattr(engine, "converse", None)
    if command.startswith("/") or converse is None:
        reply, answer = _command_reply(engine, text, last)
        return reply, answer, context
    problem = fmt.classify_question(text)
    if problem:
        return html_to_plain(fmt.problem_message(problem, text)), last, context
    answer, context = converse(text, context)
    reply = answer.text.strip()
    if answer.resolved_question:
        reply = f"(Hiểu là: {answer.resolved_question})\n{reply}"
    if answer.suggestions:
        reply += "\n\nBạn có thể hỏi:\n" + "\n".join(f"• {q}" for q in answer.suggestions)
    if answer.plan_choices:
        names = fmt.plan_names(engine.plans())
        provinces = ", ".join(names.get(p, p) for p in answer.plan_choices)
        reply += f"\n\n(Có thể hỏi riêng từng tỉnh: {provinces}.)"
    return reply, (last if answer.reply_kind == "smalltalk" else answer), context


def _command_reply(engine: EngineLike, text: str, last: Answer | None) -> tuple[str, Answer | None]:
    """A command (or, for an engine without `converse`, a plain question)."""
    command, _, argument = text.partition(" ")
    command, argument = command.lower(), argument.strip()
    if command in ("/help", "/start"):
        return CONSOLE_HELP, last
    if command == "/plans":
        return html_to_plain(fmt.render_plans(engine.plans())), last
    if command == "/sources":
        if last is None:
            return "Chưa có câu trả lời nào.", last
        names = fmt.plan_names(engine.plans())
        return html_to_plain("\n".join(fmt.render_sources(last, names))), last
    if command in ("/lead", "/compare") and not argument:
        return html_to_plain(fmt.USAGE[command[1:]]), last
    query = argument if command in ("/targets", "/lead", "/compare") else text
    problem = fmt.classify_question(query) if query or command != "/targets" else None
    if problem:
        return html_to_plain(fmt.problem_message(problem, query)), last
    if command == "/targets":
        answer = engine.targets(argument or None)
    elif command == "/lead":
        answer = engine.lead(argument)
    elif command == "/compare":
        answer = engine.compare(argument)
    elif command.startswith("/"):
        return html_to_plain(fmt.MSG_UNKNOWN_COMMAND), last
    else:
        answer = engine.answer(text)
    reply = answer.text.strip()
    if answer.plan_choices:
        names = fmt.plan_names(engine.plans())
        provinces = ", ".join(names.get(p, p) for p in answer.plan_choices)
        reply += f"\n\n(Có thể hỏi riêng từng tỉnh: {provinces}.)"
    return reply, answer


def run_console(
    engine: EngineLike, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Read questions from stdin until EOF or /quit; print the answers. Returns 0."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    names = ", ".join(p.province for p in engine.plans()) or "chưa có"
    print(f"{fmt.BOT_NAME} — kế hoạch đang có: {names}.", file=stdout)
    print(CONSOLE_HELP, file=stdout)
    last: Answer | None = None
    context: dict[str, Any] | None = None
    while True:
        if interactive:
            print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().lower() in ("/quit", "/exit"):
            break
        if not line.strip():
            continue
        try:
            reply, last, context = console_turn(engine, line, last, context)
        except PlanBotError as exc:
            reply = f"Lỗi: {exc}"
        print(reply, file=stdout)
        print(file=stdout, flush=True)
    return 0
