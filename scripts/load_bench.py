"""Load bench: simulated Telegram users against the real bot and the real engine, on loopback.

20 users (by default) each ask 10 questions, one after another, all users at once, through
the Bot API stand-in (tests/botapi_stub.py) and the real python-telegram-bot Application.
Half-way through, an admin sends /reload after a plan file was changed, so the index really
is rebuilt and swapped while answers keep flowing. Prints: questions answered, reply-time
percentiles (update pushed -> sendMessage recorded), errors logged, and the reload.

    .venv/bin/python scripts/load_bench.py [--users 20] [--questions 10]

Not a test: it prints figures (bar: p95 <= 1 s) and exits 1 if an answer was lost.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dtm
import logging
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from botapi_stub import BotApiStub, Call  # noqa: E402

from bot.settings import load_settings  # noqa: E402
from bot.telegram.app import build_application  # noqa: E402

ADMIN = 1
QUESTIONS = [
    "Mục tiêu đến năm 2025 của Kon Tum là gì?",
    "Cơ quan nào chủ trì hỗ trợ doanh nghiệp về đo lường?",
    "Doanh nghiệp được hỗ trợ những gì về hiệu chuẩn, thử nghiệm?",
    "Kinh phí thực hiện kế hoạch của Bình Thuận lấy từ đâu?",
    "Bình Thuận đặt mục tiêu bao nhiêu doanh nghiệp được hỗ trợ?",
    "Sở Khoa học và Công nghệ có nhiệm vụ gì?",
    "Đến năm 2030 tỉnh Kon Tum phấn đấu điều gì?",
    "Ai phối hợp triển khai nhiệm vụ đào tạo đo lường?",
    "Kế hoạch hỗ trợ doanh nghiệp xây dựng hệ thống quản lý đo lường thế nào?",
    "chi tieu 2025 binh thuan",
    "Có bao nhiêu phòng thử nghiệm được đầu tư?",
    "Sở Tài chính làm gì trong kế hoạch?",
    "Tuyên truyền về đo lường được thực hiện ra sao?",
    "Các huyện, thành phố có trách nhiệm gì?",
    "Kiểm tra nhà nước về đo lường thế nào?",
    "/targets Kon Tum",
    "/lead hiệu chuẩn",
    "/compare kinh phí",
    "Hỗ trợ doanh nghiệp nâng cao năng lực đo lường ra sao?",
    "Thời gian thực hiện kế hoạch là bao lâu?",
]


class ErrorCounter(logging.Handler):
    """Counts ERROR and worse records (from the bot, PTB, anything)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Result:
    first: list[float] = field(default_factory=list)  # first message of the reply
    complete: list[float] = field(default_factory=list)  # last message (with the buttons)
    lost: list[str] = field(default_factory=list)
    during_reload: int = 0


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def has_keyboard(call: Call) -> bool:
    markup = call.params.get("reply_markup")
    return isinstance(markup, dict) and bool(markup.get("inline_keyboard"))


async def user_session(
    stub: BotApiStub, user: int, count: int, result: Result, reload_window: list[float]
) -> None:
    """One user asking ``count`` questions in turn, waiting for each complete answer."""
    for i in range(count):
        question = QUESTIONS[(user + i) % len(QUESTIONS)]
        before = len(stub.messages(user))
        update_id = stub.push_text(user, question)
        pushed = stub.push_times[update_id]
        try:
            await stub.wait_until(
                lambda before=before: any(has_keyboard(c) for c in stub.messages(user)[before:]),
                timeout=30,
                what=f"answer to {question!r}",
            )
        except TimeoutError:
            result.lost.append(f"user {user}: {question}")
            continue
        new = stub.messages(user)[before:]
        done = next(c for c in new if has_keyboard(c))
        result.first.append(new[0].at - pushed)
        result.complete.append(done.at - pushed)
        if reload_window and reload_window[0] <= done.at <= (reload_window[1:] or [1e18])[0]:
            result.during_reload += 1


async def admin_reload(stub: BotApiStub, delay: float, plan: Path, window: list[float]) -> str:
    """After ``delay``, change a plan file and send /reload; wait for the summary."""
    await asyncio.sleep(delay)
    with plan.open("a", encoding="utf-8") as handle:  # a real change: the index is rebuilt
        handle.write("\n\nGhi chú: tài liệu được cập nhật trong lúc đo tải.\n")
    stub.push_text(ADMIN, "/reload")
    window.append(time.monotonic())
    await stub.wait_until(
        lambda: (
            any("Đã nạp lại" in str(c.params.get("text")) for c in stub.messages(ADMIN))
            or any("thất bại" in str(c.params.get("text")) for c in stub.messages(ADMIN))
        ),
        timeout=300,
        what="reload summary",
    )
    window.append(time.monotonic())
    return str(stub.messages(ADMIN)[-1].params.get("text"))


async def bench(args: argparse.Namespace) -> int:
    from bot.engine import Engine

    work = Path(tempfile.mkdtemp(prefix="planbot-bench-"))
    errors = ErrorCounter()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().addHandler(errors)
    try:
        # Own copies: the bench changes a plan file to make /reload do real work.
        shutil.copytree(args.knowledge, work / "knowledge")
        settings = load_settings(
            knowledge_dir=work / "knowledge", index_dir=work / "index", data_dir=work / "data"
        )
        started = time.perf_counter()
        engine = Engine.load(settings, build_if_missing=True)
        print(
            f"engine ready in {time.perf_counter() - started:.1f} s: "
            f"{', '.join(p.province for p in engine.plans())}"
        )
        with BotApiStub() as stub:
            bot_settings = load_settings(
                knowledge_dir=work / "knowledge",
                index_dir=work / "index",
                data_dir=work / "data",
                telegram_bot_token=stub.token,
                telegram_api_base_url=stub.base_url,
                admin_ids=frozenset({ADMIN}),
                rate_limit_count=10_000,
            )
            app = build_application(bot_settings, engine)
            await app.initialize()
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=dtm.timedelta(seconds=1))
            result = Result()
            window: list[float] = []
            plan = sorted((work / "knowledge" / "plans").iterdir())[0]
            try:
                t0 = time.perf_counter()
                users = [
                    user_session(stub, 100 + u, args.questions, result, window)
                    for u in range(args.users)
                ]
                reload_task = asyncio.create_task(
                    admin_reload(stub, args.reload_after, plan, window)
                )
                await asyncio.gather(*users)
                summary = await reload_task
                elapsed = time.perf_counter() - t0
            finally:
                await app.updater.stop()
                await app.stop()
                await app.shutdown()
                if app.post_shutdown:
                    await app.post_shutdown(app)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    asked = args.users * args.questions
    p95 = percentile(result.complete, 95)
    print(f"users: {args.users} × {args.questions} questions = {asked} asked in {elapsed:.1f} s")
    print(f"answered: {len(result.complete)}/{asked}; lost: {len(result.lost)}")
    for what, values in (("first message", result.first), ("complete answer", result.complete)):
        print(
            f"reply time ({what}): p50 {percentile(values, 50) * 1000:.0f} ms, "
            f"p95 {percentile(values, 95) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms, "
            f"mean {statistics.fmean(values) * 1000:.0f} ms"
        )
    reload_s = window[1] - window[0] if len(window) == 2 else float("nan")
    print(f"/reload took {reload_s:.1f} s; {result.during_reload} answers completed meanwhile")
    print("reload reply: " + summary.replace("\n", " | "))
    print(f"errors in the log: {len(errors.records)}")
    for record in errors.records[:5]:
        print(f"  {record.levelname} {record.name}: {record.getMessage()}")
    print(f"bar p95 <= 1 s: {'PASS' if p95 <= 1.0 else 'FAIL'}")
    for line in result.lost[:10]:
        print(f"  lost: {line}")
    return 1 if result.lost or errors.records else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--questions", type=int, default=10, help="per user")
    parser.add_argument("--reload-after", type=float, default=1.0, help="seconds into the load")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    return asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
