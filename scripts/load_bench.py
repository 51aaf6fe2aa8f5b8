"""Load bench: simulated Telegram users against the real bot and the real engine, on loopback.

50 users (by default) each ask 10 questions, one after another, all users at once, through
the Bot API stand-in (tests/botapi_stub.py) and the real python-telegram-bot Application,
with the default rate limits. Meanwhile:

- an admin sends /reload after a plan file was changed, so the index really is rebuilt and
  swapped while answers keep flowing;
- the statistics database is locked (BEGIN EXCLUSIVE, as a backup or an sqlite3 shell would)
  for 20 s: answers must not wait for it;
- one user floods 100 messages at once: the others' reply times must not change, and the
  flooder gets at most a few "too fast" notices.

The users ask without pausing: with an overall flood limit (--flood-limit 30, as Telegram
advises for bulk sends) the limiter, not the bot, sets the pace; the bot's default is none.

Prints: questions answered, reply-time percentiles (update pushed -> sendMessage recorded),
the same during the lock and during the flood, the flooder's notices, errors logged.

    .venv/bin/python scripts/load_bench.py [--users 50] [--questions 10]

Not a test: it prints figures (bars: p95 <= 1 s; no answer > 2 s while the database is
locked) and exits 1 if an answer was lost or an error logged.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dtm
import logging
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


class TimedEngine:
    """Wraps the engine to record how long each answer took inside it (vs end to end)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.seconds: list[float] = []

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.engine, name)
        if name not in ("answer", "converse", "targets", "lead", "compare"):
            return target

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return target(*args, **kwargs)
            finally:
                self.seconds.append(time.perf_counter() - started)

        return timed


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
    # (pushed at, complete reply time) per answer, to compare time windows.
    timeline: list[tuple[float, float]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    during_reload: int = 0
    lock_window: list[float] = field(default_factory=list)
    flood_window: list[float] = field(default_factory=list)
    flood_notices: int = 0
    flood_answers: int = 0

    def during(self, window: list[float], slack: float = 0.0) -> list[float]:
        """Reply times of questions pushed inside ``window`` (start, end)."""
        if len(window) < 2:
            return []
        start, end = window[0], window[1] + slack
        return [t for pushed, t in self.timeline if start <= pushed <= end]

    def outside(self, window: list[float], slack: float = 0.0) -> list[float]:
        if len(window) < 2:
            return [t for _, t in self.timeline]
        start, end = window[0], window[1] + slack
        return [t for pushed, t in self.timeline if not start <= pushed <= end]


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


class AnswerWatch:
    """One poller for every waiting user (50 users each polling every 5 ms would load the
    bench's own event loop, and the stand-in serving the bot, with 10,000 wake-ups a second)."""

    def __init__(self, stub: BotApiStub, questions: list[str], every: float = 0.005) -> None:
        self.stub = stub
        self.questions = questions
        self.every = every
        self.waiting: dict[int, tuple[int, asyncio.Future[None]]] = {}

    async def answer_after(self, user: int, before: int, timeout: float) -> None:
        """Wait until ``user`` got a message with buttons after their first ``before``."""
        future = asyncio.get_running_loop().create_future()
        self.waiting[user] = (before, future)
        try:
            await asyncio.wait_for(future, timeout)
        finally:
            self.waiting.pop(user, None)

    async def run(self) -> None:
        while True:
            for user, (before, future) in list(self.waiting.items()):
                if future.done() or self.stub.message_count(user) <= before:
                    continue
                if any(has_keyboard(c) for c in self.stub.messages(user)[before:]):
                    future.set_result(None)
            await asyncio.sleep(self.every)


async def user_session(
    stub: BotApiStub,
    watch: AnswerWatch,
    user: int,
    count: int,
    result: Result,
    reload_window: list[float],
) -> None:
    """One user asking ``count`` questions in turn, waiting for each complete answer."""
    for i in range(count):
        question = watch.questions[(user * count + i) % len(watch.questions)]
        before = len(stub.messages(user))
        update_id = stub.push_text(user, question)
        pushed = stub.push_times[update_id]
        try:
            await watch.answer_after(user, before, timeout=30)
        except TimeoutError:
            result.lost.append(f"user {user}: {question}")
            continue
        new = stub.messages(user)[before:]
        done = next(c for c in new if has_keyboard(c))
        result.first.append(new[0].at - pushed)
        result.complete.append(done.at - pushed)
        result.timeline.append((pushed, done.at - pushed))
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


async def lock_database(path: Path, delay: float, hold: float, window: list[float]) -> None:
    """After ``delay``, hold an exclusive lock on the statistics database for ``hold`` s."""
    await asyncio.sleep(delay)

    def take() -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN EXCLUSIVE")
        return conn

    conn = await asyncio.to_thread(take)
    window.append(time.monotonic())
    await asyncio.sleep(hold)
    conn.execute("COMMIT")
    conn.close()
    window.append(time.monotonic())


FLOODER = 777_777


async def flood(stub: BotApiStub, delay: float, count: int, result: Result) -> None:
    """After ``delay``, one user sends ``count`` messages at once."""
    await asyncio.sleep(delay)
    result.flood_window.append(time.monotonic())
    for i in range(count):
        stub.push_text(FLOODER, f"Câu hỏi dồn dập số {i}: mục tiêu 2025?")
    await stub.wait_until(
        lambda: not stub.pending_update_ids() or time.monotonic() > result.flood_window[0] + 10,
        timeout=30,
        what="the flood to be read",
    )
    await asyncio.sleep(3.0)  # replies to the flood finish
    result.flood_window.append(time.monotonic())
    texts = [str(c.params.get("text")) for c in stub.messages(FLOODER)]
    result.flood_notices = sum("Bạn hỏi hơi nhanh" in t for t in texts)
    result.flood_answers = sum(has_keyboard(c) for c in stub.messages(FLOODER))


@dataclass
class Run:
    """What one bench run observed."""

    result: Result
    window: list[float]
    summary: str
    elapsed: float
    errors: list[str]
    engine_seconds: list[float] = field(default_factory=list)
    # Bot API calls the bot made, by method.
    calls: dict[str, int] = field(default_factory=dict)


def load_questions(path: Path | None) -> list[str]:
    """The built-in questions, or those of a file (YAML cases with `q`, else lines)."""
    if path is None:
        return list(QUESTIONS)
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml

        return [str(case["q"]) for case in yaml.safe_load(text) if case.get("q")]
    return [line.strip() for line in text.splitlines() if line.strip()]


def _call_counts(stub: BotApiStub) -> dict[str, int]:
    counts: dict[str, int] = {}
    for call in list(stub.calls):
        counts[call.method] = counts.get(call.method, 0) + 1
    return counts


START_USER = 999_999


async def time_start(stub: BotApiStub) -> float:
    """Seconds from a new user's /start to the bot's welcome message."""
    begun = time.perf_counter()
    stub.push_text(START_USER, "/start")
    await stub.wait_until(lambda: stub.message_count(START_USER) >= 1, 10, "/start")
    return time.perf_counter() - begun


async def drive(stub: BotApiStub, args: argparse.Namespace, plan: Path, database: Path) -> tuple:
    """The users, the admin's /reload, the database lock and the flood, all at once;
    returns (result, window, summary, seconds)."""
    result = Result()
    window: list[float] = []
    t0 = time.perf_counter()
    watch = AnswerWatch(stub, load_questions(args.question_file))
    watcher = asyncio.create_task(watch.run())
    users = [
        user_session(stub, watch, 100 + u, args.questions, result, window)
        for u in range(args.users)
    ]
    reload_task = asyncio.create_task(admin_reload(stub, args.reload_after, plan, window))
    side = [
        lock_database(database, args.lock_after, args.lock_seconds, result.lock_window),
        flood(stub, args.flood_after, args.flood, result),
    ]
    side_tasks = [asyncio.create_task(task) for task in side]
    await asyncio.gather(*users)
    watcher.cancel()
    summary = await reload_task
    await asyncio.gather(*side_tasks)
    return result, window, summary, time.perf_counter() - t0


async def bench_process(args: argparse.Namespace, work: Path) -> Run:
    """The bot as in production: `python -m bot` in its own process, the stub in this one."""
    env_base = {
        **os.environ,
        "PLANBOT_KNOWLEDGE_DIR": str(work / "knowledge"),
        "PLANBOT_INDEX_DIR": str(work / "index"),
        "PLANBOT_DATA_DIR": str(work / "data"),
    }
    started = time.perf_counter()
    build = [sys.executable, str(ROOT / "scripts" / "build_index.py"), "--quiet"]
    subprocess.run(build, env=env_base, cwd=ROOT, check=True, capture_output=True)
    print(f"index built in {time.perf_counter() - started:.1f} s")
    with BotApiStub() as stub:
        env = {
            **env_base,
            "TELEGRAM_BOT_TOKEN": stub.token,
            "TELEGRAM_API_BASE_URL": stub.base_url,
            "ADMIN_IDS": str(ADMIN),
            "PLANBOT_LOG_LEVEL": "INFO",
        }
        if args.flood_limit is not None:
            env["PLANBOT_FLOOD_LIMIT"] = str(args.flood_limit)
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            env=env,
            cwd=ROOT,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        lines: list[str] = []

        async def collect() -> None:
            assert proc.stdout is not None
            async for raw in proc.stdout:
                lines.append(raw.decode("utf-8", "replace").rstrip())

        reader = asyncio.create_task(collect())
        try:
            # Ready once post_init has published the command menu.
            await stub.wait_calls("setMyCommands", 1, timeout=120)
            print(f"bot process ready in {time.perf_counter() - started:.1f} s")
            print(f"/start answered {await time_start(stub) * 1000:.0f} ms after the bot was ready")
            plan = sorted((work / "knowledge" / "plans").iterdir())[0]
            database = work / "data" / "planbot.sqlite3"
            result, window, summary, elapsed = await drive(stub, args, plan, database)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
                await proc.wait()
            await reader
    errors = [line for line in lines if " ERROR " in line or line.startswith("Traceback")]
    if stub.token.split(":", 1)[1] in "\n".join(lines):
        errors.append("the bot token appeared in the bot's log")
    return Run(result, window, summary, elapsed, errors, calls=_call_counts(stub))


async def bench_in_process(args: argparse.Namespace, work: Path) -> Run:
    """Stub, bot and engine in this one process (more GIL contention than production)."""
    from bot.engine import Engine
    from bot.telegram.app import default_engine_workers, tune_torch_threads

    tune_torch_threads(default_engine_workers())  # as run() does for python -m bot
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    settings = load_settings(
        knowledge_dir=work / "knowledge", index_dir=work / "index", data_dir=work / "data"
    )
    started = time.perf_counter()
    engine = Engine.load(settings, build_if_missing=True)
    print(f"engine ready in {time.perf_counter() - started:.1f} s")
    with BotApiStub() as stub:
        bot_settings = load_settings(
            knowledge_dir=work / "knowledge",
            index_dir=work / "index",
            data_dir=work / "data",
            telegram_bot_token=stub.token,
            telegram_api_base_url=stub.base_url,
            admin_ids=frozenset({ADMIN}),
            **({} if args.flood_limit is None else {"flood_limit": args.flood_limit}),
        )
        timed = TimedEngine(engine)
        app = build_application(bot_settings, timed)
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=dtm.timedelta(seconds=1))
        plan = sorted((work / "knowledge" / "plans").iterdir())[0]
        try:
            result, window, summary, elapsed = await drive(
                stub, args, plan, bot_settings.database_path
            )
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            if app.post_shutdown:
                await app.post_shutdown(app)
    errors = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in counter.records]
    return Run(result, window, summary, elapsed, errors, timed.seconds, _call_counts(stub))


async def bench(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    work = Path(tempfile.mkdtemp(prefix="planbot-bench-"))
    try:
        # Own copies: the bench changes a plan file to make /reload do real work.
        shutil.copytree(args.knowledge, work / "knowledge")
        runner = bench_in_process if args.in_process else bench_process
        run = await runner(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report(args, run)


def report(args: argparse.Namespace, run: Run) -> int:
    """Print the figures; 1 if an answer was lost or an error logged."""
    result = run.result
    asked = args.users * args.questions
    mode = "one process" if args.in_process else "bot in its own process (python -m bot)"
    print(f"mode: {mode}")
    flood_limit = args.flood_limit
    if flood_limit is None:
        flood_limit = load_settings(env={}).flood_limit
    limit = f"{flood_limit:g}/s" if flood_limit else "off"
    print(f"outgoing flood limit (AIORateLimiter, all chats): {limit}")
    print(
        f"users: {args.users} × {args.questions} questions = {asked} asked in {run.elapsed:.1f} s"
    )
    print(f"answered: {len(result.complete)}/{asked}; lost: {len(result.lost)}")
    for what, values in (("first message", result.first), ("complete answer", result.complete)):
        if values:
            print(
                f"reply time ({what}): p50 {percentile(values, 50) * 1000:.0f} ms, "
                f"p95 {percentile(values, 95) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms, "
                f"mean {statistics.fmean(values) * 1000:.0f} ms"
            )
    if run.engine_seconds:
        print(
            f"inside the engine: p50 {percentile(run.engine_seconds, 50) * 1000:.0f} ms, "
            f"p95 {percentile(run.engine_seconds, 95) * 1000:.0f} ms"
        )
    window = run.window
    reload_s = window[1] - window[0] if len(window) == 2 else float("nan")
    print(f"/reload took {reload_s:.1f} s; {result.during_reload} answers completed meanwhile")
    print("reload reply: " + run.summary.replace("\n", " | "))
    locked, unlocked = result.during(result.lock_window), result.outside(result.lock_window)
    if locked:
        print(
            f"database locked {result.lock_window[1] - result.lock_window[0]:.1f} s:"
            f" {len(locked)} answers asked meanwhile, p95 {percentile(locked, 95) * 1000:.0f} ms,"
            f" max {max(locked) * 1000:.0f} ms"
            f" (bar max <= 2 s: {'PASS' if max(locked) <= 2.0 else 'FAIL'})"
        )
    if locked and unlocked:
        print(
            f"  the same outside the lock: p95 {percentile(unlocked, 95) * 1000:.0f} ms,"
            f" max {max(unlocked) * 1000:.0f} ms"
        )
    flooded, calm = result.during(result.flood_window), result.outside(result.flood_window)
    if flooded and calm:
        print(
            f"flood of {args.flood} messages from one user: others' p95 during it"
            f" {percentile(flooded, 95) * 1000:.0f} ms vs {percentile(calm, 95) * 1000:.0f} ms"
            f" otherwise; flooder answered {result.flood_answers}×,"
            f" notices {result.flood_notices}"
        )
    print("Bot API calls: " + ", ".join(f"{m} {n}" for m, n in sorted(run.calls.items())))
    if args.timeline and result.timeline:
        print_timeline(result)
    print(f"errors in the log: {len(run.errors)}")
    for line in run.errors[:5]:
        print(f"  {line}")
    p95 = percentile(result.complete, 95)
    print(f"bar p95 <= 1 s: {'PASS' if p95 <= 1.0 else 'FAIL'} ({p95 * 1000:.0f} ms)")
    for line in result.lost[:10]:
        print(f"  lost: {line}")
    return 1 if result.lost or run.errors else 0


def print_timeline(result: Result, step: float = 1.0) -> None:
    """Reply times by when the question was asked, per ``step`` seconds (where the tail is)."""
    start = min(pushed for pushed, _ in result.timeline)
    buckets: dict[int, list[float]] = {}
    for pushed, seconds in result.timeline:
        buckets.setdefault(int((pushed - start) / step), []).append(seconds)
    print("timeline (asked at s: answers, p50 / max ms):")
    for slot in sorted(buckets):
        values = buckets[slot]
        print(
            f"  {slot * step:5.1f}: {len(values):3d}, {percentile(values, 50) * 1000:5.0f}"
            f" / {max(values) * 1000:5.0f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--questions", type=int, default=10, help="per user")
    parser.add_argument("--reload-after", type=float, default=1.0, help="seconds into the load")
    parser.add_argument("--lock-after", type=float, default=0.5, help="seconds into the load")
    parser.add_argument("--lock-seconds", type=float, default=20.0)
    parser.add_argument("--flood-after", type=float, default=1.5, help="seconds into the load")
    parser.add_argument(
        "--question-file",
        type=Path,
        help="questions to ask instead of the built-in 20: a YAML list of cases with `q`"
        " (eval/questions.yaml) or one question per line; asked in turn, so a file with more"
        " questions than asks measures the bot without repeated questions (no cache hits)",
    )
    parser.add_argument("--flood", type=int, default=100, help="messages from one user")
    parser.add_argument(
        "--flood-limit",
        type=float,
        default=None,
        help="PLANBOT_FLOOD_LIMIT: Bot API requests per second overall (default: the bot's)",
    )
    parser.add_argument(
        "--in-process", action="store_true", help="run the bot in this process, not python -m bot"
    )
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--timeline", action="store_true", help="reply times second by second")
    return asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
