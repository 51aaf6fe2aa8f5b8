"""Build and run the Telegram application (long polling, or a webhook when configured).

Long polling runs under a small supervisor: network errors at start are retried with a
growing pause, a token rejected at start ends the process with a one-line message (status 2,
never the token), and a token rejected while polling ends it with status 1 so systemd or
Docker restart it rather than leaving a process that is up but answers no one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import EndPointNotFound, InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ExtBot,
)

from bot.errors import PlanBotError, SettingsError
from bot.settings import LOG_FORMAT, Settings
from bot.telegram.aiohttp_request import AiohttpRequest
from bot.telegram.feedback_store import FeedbackStore, StatsRecorder
from bot.telegram.handlers import EngineLike, PlanBotHandlers
from bot.telegram.sending import is_transient
from bot.telegram.storage import open_handoffs, open_persistence, open_store
from bot.telegram.upload import PlanUploads

log = logging.getLogger(__name__)

# Updates handled at once; engine work itself is bounded by the handlers' thread pool.
CONCURRENT_UPDATES = 64
REDACTED = "<redacted>"
ELIDED = "<…>"
# Retries of a 429 inside PTB's AIORateLimiter (it waits retry_after, for every request).
RETRY_AFTER_RETRIES = 3
# Pauses between attempts to reach the Bot API at start: 1, 2, 4… seconds, at most this.
MAX_START_PAUSE = 60.0
EXIT_TOKEN_REJECTED = 2
EXIT_POLLING_LOST = 1


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
# Whether DEBUG records of the telegram library may carry message texts (a setting).
_log_texts = False


def set_log_texts(allowed: bool) -> None:
    """Let library DEBUG records carry message contents (updates, sent texts) or not."""
    global _log_texts
    _log_texts = allowed


def _plain(value: object) -> bool:
    """A log argument that cannot carry a message or a name: numbers, short single words."""
    if value is None or isinstance(value, bool | int | float):
        return True
    return isinstance(value, str) and len(value) <= 40 and not any(c.isspace() for c in value)


def strip_texts(record: logging.LogRecord) -> None:
    """Replace the contents of python-telegram-bot's DEBUG records (whole updates, request
    parameters, replies: names and message texts) with a placeholder, unless allowed."""
    if _log_texts or record.levelno > logging.DEBUG or not record.name.startswith("telegram"):
        return
    args = record.args
    if not args or "%(" in str(record.msg):
        return
    values = (args,) if isinstance(args, Mapping) else tuple(args)
    record.args = tuple(v if _plain(v) else ELIDED for v in values)


def install_log_redaction(*secrets: str | None) -> SecretRedactingFilter:
    """Keep secrets out of every log record, whichever handler ends up writing it.

    HTTP client libraries may log a request URL, which contains the token: they are capped at
    WARNING. Belt and braces, a filter scrubs records at creation (log record factory, so
    it covers handlers added later too, e.g. pytest's caplog) and on the root handlers.
    """
    for name in ("httpx", "httpcore", "aiohttp"):
        logging.getLogger(name).setLevel(logging.WARNING)
    key = frozenset(s for s in secrets if s)
    redactor = _redactors.get(key)
    if redactor is None:
        redactor = _redactors[key] = SecretRedactingFilter(key)
        previous = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            strip_texts(record)
            redactor.redact(record)
            return record

        logging.setLogRecordFactory(factory)
    for handler in logging.getLogger().handlers:
        if redactor not in handler.filters:
            handler.addFilter(redactor)
    return redactor


def configure_logging(settings: Settings) -> None:
    """Console logging at settings.log_level with time and level on every line, the token
    redacted and message texts left out (unless settings.log_message_texts)."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format=LOG_FORMAT)
    for handler in root.handlers:
        # A console handler set up earlier (the CLI's) gets the format too; pytest's
        # capture handlers are subclasses and keep theirs.
        if type(handler) is logging.StreamHandler:
            handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.setLevel(settings.log_level.upper())
    set_log_texts(settings.log_message_texts)
    install_log_redaction(settings.telegram_bot_token, settings.webhook_secret)


class PlanBot(ExtBot[None]):
    """ExtBot with two policies PTB leaves to the application.

    - An update PTB cannot read (say, a poll without fields an older self-hosted Bot API
      server omits) is replaced by an empty update with the same id: it is acknowledged and
      skipped, with one warning, instead of failing every getUpdates call forever.
    - A token rejected on getUpdates (401/404) sets ``lost``, so the supervisor can stop.
    - A start that fails (token rejected, Bot API unreachable) closes the HTTP sessions it
      opened; PTB leaves them open, and the next try or the exit starts clean.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # PTB freezes public attributes after __init__; underscored ones stay settable.
        self._lost = asyncio.Event()

    @property
    def lost(self) -> asyncio.Event:
        """Set when Telegram rejected the token on getUpdates: polling cannot go on."""
        return self._lost

    async def initialize(self) -> None:
        try:
            await super().initialize()
        except BaseException:
            with contextlib.suppress(Exception):
                await self.shutdown()
            raise

    async def _post(self, endpoint: str, data: Any = None, **kwargs: Any) -> Any:
        try:
            result = await super()._post(endpoint, data, **kwargs)
        except (InvalidToken, EndPointNotFound):
            if endpoint == "getUpdates":
                self._lost.set()
            raise
        if endpoint == "getUpdates" and isinstance(result, list):
            result = [u for u in (self._readable(u) for u in result) if u is not None]
        return result

    def _readable(self, raw: Any) -> Any:
        """``raw`` if PTB can parse it, else an empty update with its id (None: no id)."""
        try:
            Update.de_json(raw, self)
            return raw
        except Exception as exc:  # whatever PTB raises on data it does not expect
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            kinds = [k for k in raw if k != "update_id"] if isinstance(raw, dict) else []
            log.warning(
                "skipping update %s that could not be read (%s, %s: %s)",
                update_id,
                ",".join(kinds) or "?",
                type(exc).__name__,
                exc,
            )
            return {"update_id": update_id} if isinstance(update_id, int) else None


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


def build_bot(settings: Settings) -> PlanBot:
    """The bot object: our ExtBot, PTB's flood limiter, and aiohttp connection pools: 16
    kept-alive connections for requests (they serve 50 users at once on loopback), one for
    getUpdates."""
    assert settings.telegram_bot_token
    return PlanBot(
        settings.telegram_bot_token,
        base_url=settings.telegram_api_base_url,
        base_file_url=file_base_url(settings.telegram_api_base_url),
        request=AiohttpRequest(connection_pool_size=16),
        get_updates_request=AiohttpRequest(connection_pool_size=1),
        rate_limiter=AIORateLimiter(
            overall_max_rate=settings.flood_limit, max_retries=RETRY_AFTER_RETRIES
        ),
    )


def build_application(
    settings: Settings,
    engine: EngineLike,
    *,
    store: FeedbackStore | None = None,
    engine_workers: int | None = None,
) -> Application:
    """The PTB Application with every handler registered (not started).

    The Bot API address comes from settings.telegram_api_base_url, so tests and local Bot API
    servers plug in there. The statistics database defaults to settings.database_path; if it
    cannot be opened the bot runs without statistics.
    """
    token = settings.telegram_bot_token
    if not token:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set: the Telegram bot needs a bot token")
    install_log_redaction(token, settings.webhook_secret)
    set_log_texts(settings.log_message_texts)
    if store is None:
        store = open_store(settings)
    recorder = StatsRecorder(store, retention_days=settings.stats_retention_days)
    handlers = PlanBotHandlers(
        settings,
        engine,
        recorder,
        engine_workers=engine_workers or default_engine_workers(),
        handoffs=open_handoffs(settings),
    )
    builder = (
        ApplicationBuilder()
        .bot(build_bot(settings))
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(handlers.post_init)
        .post_shutdown(handlers.post_shutdown)
    )
    persistence = open_persistence(settings)
    if persistence is not None:
        builder = builder.persistence(persistence)
    app = builder.build()
    handlers.register(app)
    PlanUploads(settings, engine).register(app)
    app.bot_data["handlers"] = handlers
    return app


def _fail(message: str) -> None:
    """Print an actionable message (no traceback) and exit non-zero."""
    print(f"Lỗi: {message}", file=sys.stderr)
    raise SystemExit(2)


MSG_TOKEN_REJECTED = (
    "Telegram từ chối token (TELEGRAM_BOT_TOKEN sai hoặc đã bị thu hồi):"
    " kiểm tra lại với @BotFather."
)
MSG_POLLING_LOST = (
    "Telegram không còn chấp nhận token trong khi chạy: dừng để trình giám sát khởi động lại."
)


def run(settings: Settings, engine: EngineLike | None = None) -> int:
    """Load the engine once, then serve Telegram until interrupted. Returns 0 on a clean stop
    and 1 when polling was lost (the token was revoked while running).

    Exits with status 2 (SystemExit) and a one-line message — never the token — when the
    token is missing or rejected, or the index is missing or broken.
    """
    configure_logging(settings)
    if not settings.telegram_bot_token:
        _fail("TELEGRAM_BOT_TOKEN chưa được đặt (không có token thì dùng chế độ console).")
    if engine is None:
        from bot.engine import Engine  # imported here: loading it pulls in the model stack

        tune_torch_threads(default_engine_workers())
        try:
            engine = Engine.load(settings)
            engine.warm_up()
        except PlanBotError as exc:
            _fail(str(exc))
    app = build_application(settings, engine)
    if settings.webhook_url:
        _run_webhook(app, settings)
        return 0
    log.info("starting long polling at %s", settings.telegram_api_base_url)
    try:
        code = asyncio.run(serve_polling(app))
    except InvalidToken:
        _fail(MSG_TOKEN_REJECTED)
    if code == EXIT_POLLING_LOST:
        print(f"Lỗi: {MSG_POLLING_LOST}", file=sys.stderr)
    return code


async def start_with_retry(app: Application, stop: asyncio.Event) -> bool:
    """Initialize the application (getMe), retrying while the Bot API cannot be reached.

    Returns False if ``stop`` was set while waiting. A rejected token raises InvalidToken.
    """
    pause = 1.0
    while True:
        try:
            await app.initialize()
            return True
        except InvalidToken:
            raise
        except Exception as exc:
            if not is_transient(exc):
                raise
            log.warning(
                "cannot reach the Bot API (%s: %s); retrying in %.0f s",
                type(exc).__name__,
                exc,
                pause,
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), pause)
            return False
        pause = min(pause * 2, MAX_START_PAUSE)


async def serve_polling(app: Application, stop: asyncio.Event | None = None) -> int:
    """Long polling until SIGINT/SIGTERM or ``stop`` (0), or until Telegram rejects the
    token while polling (EXIT_POLLING_LOST). Shuts the application down in every case."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    bot = app.bot
    lost = bot.lost if isinstance(bot, PlanBot) else asyncio.Event()
    assert app.updater is not None
    try:
        if not await start_with_retry(app, stop):
            return 0
        if app.post_init:
            await app.post_init(app)
        # bootstrap_retries=-1: deleteWebhook at start is retried like getMe, not fatal.
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
        await app.start()
        waits = [asyncio.create_task(stop.wait()), asyncio.create_task(lost.wait())]
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in waits:
                task.cancel()
        if lost.is_set():
            log.error("Telegram rejected the token while polling: stopping (exit status 1)")
            return EXIT_POLLING_LOST
        return 0
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
        await _shut_down(app)


async def _shut_down(app: Application) -> None:
    """Stop whatever of polling and the application was started, then release them."""
    assert app.updater is not None
    # Stopping re-raises what ended polling (InvalidToken): it was handled already.
    with contextlib.suppress(RuntimeError, InvalidToken, EndPointNotFound):
        if app.updater.running:
            await app.updater.stop()
    with contextlib.suppress(RuntimeError):
        if app.running:
            await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


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
    try:
        app.run_webhook(**webhook_options(settings))
    except InvalidToken:
        _fail(MSG_TOKEN_REJECTED)
