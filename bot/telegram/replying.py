"""How the handlers reply: typing indicator, retried sends, toasts, keyboards.

A mixin of :class:`bot.telegram.handlers.PlanBotHandlers`; every outgoing call goes through
:func:`bot.telegram.sending.with_retry`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.telegram import formatting as fmt
from bot.telegram.sending import with_retry

T = TypeVar("T")
Context = ContextTypes.DEFAULT_TYPE

# Telegram shows "typing…" for about 5 s; renew it a little before it fades.
TYPING_EVERY = 4.5
# Most answers take well under a second end to end: "typing…" only for slower ones. Under
# load every extra request slows every answer (measured: at 0.5 s, one request in six was a
# "typing…" during a 50-user burst).
TYPING_AFTER = 1.0


def to_markup(rows: fmt.Keyboard | None) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data) for b in row] for row in rows]
    )


def from_markup(markup: InlineKeyboardMarkup | None) -> fmt.Keyboard:
    if markup is None:
        return []
    return [
        [fmt.Button(b.text, str(b.callback_data)) for b in row if b.callback_data is not None]
        for row in markup.inline_keyboard
    ]


class Replier:
    """Sending helpers shared by the handler mixins."""

    _engine_pool: ThreadPoolExecutor

    async def _in_engine(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._engine_pool, functools.partial(fn, *args))

    @contextlib.asynccontextmanager
    async def _typing(self, context: Context, chat_id: int) -> AsyncIterator[None]:
        """Show "typing…" if the body takes longer than TYPING_AFTER (renewed, since it fades
        after ~5 s)."""
        sending = asyncio.Event()

        async def send_action() -> None:
            # Best effort, not retried: a missing "typing…" loses nothing.
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)

        async def show() -> None:
            await asyncio.sleep(TYPING_AFTER)
            while True:
                sending.set()
                await send_action()
                sending.clear()
                await asyncio.sleep(TYPING_EVERY)

        task = asyncio.create_task(show())
        try:
            yield
        finally:
            # An action on its way is let finish before the answer: a late one would linger.
            if sending.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(_cleared(sending), TYPING_EVERY)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @staticmethod
    async def _call(what: str, call: Callable[[], Awaitable[T]]) -> T:
        """One outgoing Bot API call, retried on transient failures."""
        return await with_retry(call, what)

    async def _send(
        self,
        context: Context,
        chat_id: int,
        messages: Sequence[str],
        keyboard: fmt.Keyboard | None = None,
        reply_to: int | None = None,
    ) -> list[Message]:
        """Send HTML messages in order; the keyboard goes under the last one."""
        sent: list[Message] = []
        for i, text in enumerate(messages):
            last = i == len(messages) - 1
            message = await self._call(
                "sendMessage",
                functools.partial(
                    context.bot.send_message,
                    chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=to_markup(keyboard) if last else None,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    reply_parameters=(
                        ReplyParameters(reply_to, allow_sending_without_reply=True)
                        if reply_to and i == 0
                        else None
                    ),
                ),
            )
            sent.append(message)
        return sent

    async def _reply(self, update: Update, context: Context, html_text: str) -> None:
        """Reply in the update's chat; in groups quote the message replied to."""
        chat = update.effective_chat
        if chat is None:
            return
        await self._send(context, chat.id, fmt.split_html(html_text), reply_to=self._quote(update))

    async def _toast(self, update: Update, text: str | None = None) -> None:
        """Answer a button press (stops the client's spinner), with a short note if given."""
        query = update.callback_query
        if query is not None:
            await self._call("answerCallbackQuery", functools.partial(query.answer, text))

    @staticmethod
    def _quote(update: Update) -> int | None:
        chat, message = update.effective_chat, update.effective_message
        if chat is None or message is None or chat.type == ChatType.PRIVATE:
            return None
        return message.message_id


async def _cleared(event: asyncio.Event) -> None:
    """Wait until ``event`` is cleared (polling: asyncio.Event has no wait-for-clear)."""
    while event.is_set():
        await asyncio.sleep(0.01)
