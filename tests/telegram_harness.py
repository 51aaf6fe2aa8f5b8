"""The real PTB Application long polling a Bot API stand-in: shared by the Telegram tests."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botapi_stub import BotApiStub, Call
from telegram.ext import Application

from bot.settings import Settings, load_settings
from bot.telegram.app import build_application
from bot.telegram.feedback_store import FeedbackStore
from bot.telegram.handlers import PlanBotHandlers

ADMIN = 1001
USER = 2002
OTHER = 3003
GROUP = -100555
STEP = 10.0  # seconds any single wait may take before a test fails


@dataclass
class Harness:
    stub: BotApiStub
    app: Application
    settings: Settings
    engine: Any

    @property
    def handlers(self) -> PlanBotHandlers:
        return self.app.bot_data["handlers"]

    @property
    def store(self) -> FeedbackStore:
        assert self.handlers.store is not None
        return self.handlers.store

    def flush(self) -> None:
        """Wait until queued statistics are written."""
        assert self.handlers.recorder.flush(STEP), "statistics not written in time"

    def sent(self, chat_id: int) -> list[Call]:
        return self.stub.messages(chat_id)

    async def say(
        self, user: int, text: str, n: int = 1, *, chat_id: int | None = None, **kw: Any
    ) -> list[Call]:
        """Push a text and return the next ``n`` messages the bot sends to that chat."""
        chat = chat_id if chat_id is not None else user
        before = len(self.sent(chat))
        self.stub.push_text(user, text, chat_id=chat_id, **kw)
        return (await self.stub.wait_messages(chat, before + n, STEP))[before:]

    async def answer(self, user: int, text: str, **kw: Any) -> list[Call]:
        """Push a question; return the answer's messages (up to the one with the keyboard)."""
        chat = kw.get("chat_id") or user
        before = len(self.sent(chat))
        self.stub.push_text(user, text, **kw)
        return await self.until_keyboard(chat, before)

    async def press(self, user: int, message: Call, data: str, n: int = 1) -> list[Call]:
        chat = message.result["chat"]["id"]
        before = len(self.sent(chat))
        self.stub.push_callback(user, message.result, data)
        return (await self.stub.wait_messages(chat, before + n, STEP))[before:]

    async def press_until_keyboard(self, user: int, message: Call, data: str) -> list[Call]:
        """Press a button; return the messages sent up to the one with a keyboard."""
        chat = message.result["chat"]["id"]
        before = len(self.sent(chat))
        self.stub.push_callback(user, message.result, data)
        return await self.until_keyboard(chat, before)

    async def until_keyboard(self, chat: int, before: int) -> list[Call]:
        def done() -> bool:
            return any(_keyboard(c) for c in self.sent(chat)[before:])

        await self.stub.wait_until(done, STEP, "an answer with buttons")
        new = self.sent(chat)[before:]
        last = next(i for i, c in enumerate(new) if _keyboard(c))
        return new[: last + 1]

    async def silence(self, chat: int, seconds: float = 0.6) -> None:
        """Assert the bot sends nothing to ``chat`` for a while."""
        before = len(self.sent(chat))
        await asyncio.sleep(seconds)
        assert len(self.sent(chat)) == before, [c.params.get("text") for c in self.sent(chat)]


def _keyboard(call: Call) -> list[list[dict[str, Any]]]:
    markup = call.params.get("reply_markup")
    return markup.get("inline_keyboard", []) if isinstance(markup, dict) else []


def _data(call: Call) -> list[str]:
    return [b.get("callback_data", "") for row in _keyboard(call) for b in row]


def _button(call: Call, prefix: str) -> str:
    return next(d for d in _data(call) if d.startswith(prefix))


def _vote(call: Call, direction: str) -> str:
    """The 👍 ("u") or 👎 ("d") button's data (found whole: the random key may hold "u")."""
    return next(d for d in _data(call) if d.startswith("v:") and d.endswith(f":{direction}"))


@contextlib.asynccontextmanager
async def running_bot(
    tmp_path: Path, engine: Any, stub: BotApiStub | None = None, **overrides: Any
) -> AsyncIterator[Harness]:
    """The stub (a new one unless given, started) plus the real Application, long polling;
    torn down on exit."""
    with contextlib.ExitStack() as stack:
        stub = stub or stack.enter_context(BotApiStub())
        values = {
            "telegram_bot_token": stub.token,
            "telegram_api_base_url": stub.base_url,
            "data_dir": tmp_path / "data",
            "admin_ids": frozenset({ADMIN}),
            **overrides,
        }
        settings = load_settings(env={}, **values)
        app = build_application(settings, engine)
        async with asyncio.timeout(STEP):
            await app.initialize()
            if app.post_init:
                await app.post_init(app)
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=dtm.timedelta(seconds=1))
        try:
            yield Harness(stub, app, settings, engine)
        finally:
            async with asyncio.timeout(STEP):
                await app.updater.stop()
                await app.stop()
                await app.shutdown()
                if app.post_shutdown:
                    await app.post_shutdown(app)
