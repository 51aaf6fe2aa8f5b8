"""Command line: `python -m bot` (run), `python -m bot ask …` (console Q&A and JSON)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from bot.answers import Answer
from bot.errors import IndexMismatchError, IndexMissingError, PlanBotError
from bot.settings import LOG_FORMAT, Settings, load_settings

# Every log line says when and how serious (the Telegram app applies the same format).


def format_answer_for_console(answer: Answer, show_sources: bool = True) -> str:
    """The answer as a person reads it in a terminal, with the supporting passages."""
    lines = [answer.text]
    if show_sources and answer.passages and not answer.abstained:
        lines.append("")
        lines.append("Đoạn trích liên quan:")
        for i, p in enumerate(answer.passages[:3], 1):
            text = p.text if len(p.text) <= 240 else p.text[:240].rsplit(" ", 1)[0] + "…"
            lines.append(f"  {i}. [{p.plan}] {p.section}\n     {text}")
    return "\n".join(lines)


def _questions(args: argparse.Namespace) -> Iterable[str]:
    if args.file:
        path = Path(args.file)
        try:
            with path.open(encoding="utf-8-sig") as fh:
                for line in fh:
                    yield line.rstrip("\n")
        except OSError as exc:
            raise PlanBotError(f"{path}: cannot read questions file: {exc.strerror}") from exc
    else:
        yield " ".join(args.question)


def _load_engine(settings: Settings, build: bool):  # -> Engine (import kept lazy: model load)
    from bot.engine import Engine

    return Engine.load(settings, build_if_missing=build)


def read_context(path: Path) -> dict[str, Any] | None:
    """The conversation context stored in a JSON file; None when it is absent or empty."""
    try:
        raw = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PlanBotError(f"{path}: cannot read context file: {exc.strerror}") from exc
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PlanBotError(f"{path}: context file is not JSON: {exc.msg}") from exc
    if data is not None and not isinstance(data, dict):
        raise PlanBotError(f"{path}: context file must hold a JSON object or null")
    # A whole `ask --json` output line is accepted too: its "context" field.
    if isinstance(data, dict) and "answer" in data and "context" in data:
        data = data["context"]
    return data


def write_context(path: Path, context: dict[str, Any] | None) -> None:
    """Store the context for the next turn (atomically: a temp file, then a rename)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(context, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise PlanBotError(f"{path}: cannot write context file: {exc.strerror}") from exc


def cmd_ask(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if not args.file and not args.question:
        raise PlanBotError('Usage: python -m bot ask [--json] "câu hỏi" | --file QUESTIONS.txt')
    engine = _load_engine(settings, build=args.build)
    context_path = Path(args.context) if args.context else None
    context = read_context(context_path) if context_path else None
    for question in _questions(args):
        if args.file and not question.strip():
            continue
        if context_path is not None:
            # A conversation: each question continues the previous one's context.
            answer, context = engine.converse(question, context)
            write_context(context_path, context)
        else:
            answer = engine.answer(question)
        if args.json:
            out.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
        else:
            out.write(format_answer_for_console(answer) + "\n")
            if args.file:
                out.write("\n")
        out.flush()
    return 0


def cmd_run(settings: Settings) -> int:
    if settings.telegram_bot_token:
        from bot.telegram.app import run

        return run(settings) or 0
    from bot.telegram.console import run_console

    print("Không có TELEGRAM_BOT_TOKEN: mở trò chuyện trên console (gõ /help, /quit để thoát).")
    engine = _load_engine(settings, build=True)
    run_console(engine)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    ask = sub.add_parser("ask", help="answer questions on the console")
    ask.add_argument("question", nargs="*", help="the question")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--file", help="read one question per line from this file")
    ask.add_argument(
        "--context",
        metavar="FILE",
        help="conversation context (JSON): read before answering, the new one written back;"
        " follow-ups such as 'còn 2030?' continue it (with --file: one conversation)",
    )
    ask.add_argument(
        "--no-build",
        dest="build",
        action="store_false",
        help="do not build the index when there is none (fail instead)",
    )
    sub.add_parser("run", help="run the bot (Telegram with a token, else console chat)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT)
    try:
        settings = load_settings()
        if settings.telegram_bot_token and args.command != "ask":
            # The bot logs at its set level; console answers stay free of log lines.
            logging.getLogger().setLevel(settings.log_level.upper())
        if args.command == "ask":
            return cmd_ask(args, settings, sys.stdout)
        return cmd_run(settings)
    except (IndexMissingError, IndexMismatchError) as exc:
        print(f"Lỗi chỉ mục: {exc}", file=sys.stderr)
        return 2
    except PlanBotError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
