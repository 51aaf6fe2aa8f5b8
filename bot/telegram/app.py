"""Build and run the Telegram application (long polling, or a webhook when configured)."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import Application, ApplicationBuilder

from bot.errors import PlanBotError, SettingsError
from bot.settings import Settings
from bot.telegram.feedback_store import FeedbackStore
from bot.telegram.handlers import EngineLike, PlanBotHandlers
from bot.telegram.upload import PlanUploads

log = logging.getLogger(__name__)

# Updates handled at once; engine work itself is bounded by the handlers' thread pool.
CONCURRENT_UPDATES = 64
REDACTED = "<redacted>"


class SecretRedactingFilter(logging.Filter):
    """Removes secrets (the bot token) from a log record's message and traceback."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # The token's secret half alone is still a secret; redact the longest first.
        found: set[str] = set()
        for secret in secrets:
            if secret:
                found.add(secret)
                if ":" in secret:
                    found.add(secret.split(":", 1)[1])
        self.secrets = sorted((s for s in found if len(s) >= 6), key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        self.redact(record)
        return True

    def redact(self, record: logging.LogRecord) -> None:
        if not self.secrets:
            return
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business, not ours
            return
        if any(s in message for s in self.secrets):
            record.msg, record.args = self.scrub(message), ()
        if record.exc_info and not record.exc_text:
            text = logging.Formatter().formatException(record.exc_info)
            if any(s in text for s in self.secrets):
                # Formatters reuse exc_text rather than formatting the exception again.
                record.exc_text = self.scrub(text)


_redactors: dict[frozenset[str], SecretRedactingFilter] = {}


def install_log_redaction(*secrets: str | None) -> SecretRedactingFilter:
    """Keep secrets out of every log record, whichever handler ends up writing it.

    httpx and httpcore log each request URL, which contains the token: they are capped at
    WARNING. Belt and braces, a filter scrubs records at creation (log record factory, so
    it covers handlers added later too, e.g. pytest's caplog) and on the root handlers.
    """
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    key = frozenset(s for s in secrets if s)
    redactor = _redactors.get(key)
    if redactor is None:
        redactor = _redactors[key] = SecretRedactingFilter(key)
        previous = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            redactor.redact(record)
            return record

        logging.setLogRecordFactory(factory)
    for handler in logging.getLogger().handlers:
        if redactor not in handler.filters:
            handler.addFilter(redactor)
    return redactor


def configure_logging(settings: Settings) -> None:
    """Console logging at settings.log_level, with the token redacted."""
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install_log_redaction(settings.telegram_bot_token, settings.webhook_secret)


def file_base_url(base_url: str) -> str:
    """Where files are served: https://api.telegram.org/bot -> https://api.telegram.org/file/bot."""
    if base_url.endswith("/bot"):
        return base_url[: -len("/bot")] + "/file/bot"
    return base_url.rstrip("/") + "/file/bot"


def default_engine_workers() -> int:
    """Engine threads: the engine is CPU-bound, so more threads than cores only contend
    (measured with scripts/load_bench.py: 2 threads beat 4 on a 2-core machine)."""
    return max(1, min(4, os.cpu_count() or 2))


def tune_torch_threads(workers: int) -> None:
    """Share the cores between concurrent engine calls rather than oversubscribing them.

    Each engine call embeds the question with torch, whose intra-op pool by default uses
    every core; with several calls at once that oversubscribes the CPU (load bench, 2 cores:
    p95 1.1 s with the default, 0.8 s with one torch thread per engine thread).
    """
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(max(1, (os.cpu_count() or 1) // workers))


def build_application(
    settings: Settings,
    engine: EngineLike,
    *,
    store: FeedbackStore | None = None,
    engine_workers: int | None = None,
) -> Application:
    """The PTB Application with every handler registered (not started).

    The Bot API address comes from settings.telegram_api_base_url, so tests and local Bot API
    servers plug in there. The feedback store defaults to settings.database_path.
    """
    token = settings.telegram_bot_token
    if not token:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set: the Telegram bot needs a bot token")
    install_log_redaction(token, settings.webhook_secret)
    if store is None:
        store = FeedbackStore(settings.database_path)
    handlers = PlanBotHandlers(
        settings, engine, store, engine_workers=engine_workers or default_engine_workers()
    )
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(file_base_url(settings.telegram_api_base_url))
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(handlers.post_init)
        .post_shutdown(handlers.post_shutdown)
        .build()
    )
    handlers.register(app)
    PlanUploads(settings, engine).register(app)
    app.bot_data["handlers"] = handlers
    return app


def _fail(message: str) -> None:
    """Print an actionable message (no traceback) and exit non-zero."""
    print(f"Lỗi: {message}", file=sys.stderr)
    raise SystemExit(2)


def run(settings: Settings) -> int:
    """Load the engine once, then serve Telegram until interrupted. Returns 0 on a clean stop.

    Exits with status 2 (SystemExit) and a one-line message when the token is missing, the
    index is missing or broken, or the database cannot be opened.
    """
    configure_logging(settings)
    if not settings.telegram_bot_token:
        _fail("TELEGRAM_BOT_TOKEN chưa được đặt (không có token thì dùng chế độ console).")
    from bot.engine import Engine  # imported here: loading it pulls in the model stack

    tune_torch_threads(default_engine_workers())
    try:
        engine = Engine.load(settings)
    except PlanBotError as exc:
        _fail(str(exc))
    try:
        app = build_application(settings, engine)
    except (PlanBotError, OSError, sqlite3.Error) as exc:
        _fail(f"không mở được cơ sở dữ liệu {settings.database_path}: {exc}")
    if settings.webhook_url:
        _run_webhook(app, settings)
    else:
        log.info("starting long polling at %s", settings.telegram_api_base_url)
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def webhook_options(settings: Settings, listen: str = "0.0.0.0") -> dict[str, Any]:
    """Arguments for PTB's run_webhook/start_webhook: the local path is the URL's path, and
    PTB rejects updates whose X-Telegram-Bot-Api-Secret-Token differs from the secret."""
    url = str(settings.webhook_url)
    return {
        "listen": listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(url).path.strip("/"),
        "webhook_url": url,
        "secret_token": settings.webhook_secret,
        "allowed_updates": Update.ALL_TYPES,
    }


def _run_webhook(app: Application, settings: Settings) -> None:
    """Serve updates over a webhook (TLS is expected to end at a reverse proxy)."""
    try:
        import tornado  # noqa: F401  (PTB's webhook server)
    except ImportError:
        _fail("chế độ webhook cần gói tornado: pip install 'python-telegram-bot[webhooks]'")
    if not settings.webhook_secret:
        log.warning("PLANBOT_WEBHOOK_SECRET is not set: anyone who finds the URL can post updates")
    netloc = urlsplit(str(settings.webhook_url)).netloc
    log.info("starting webhook on port %d for %s", settings.webhook_port, netloc)
    app.run_webhook(**webhook_options(settings))
