"""Thin PTB handlers: check, call the engine off the event loop, send formatted HTML.

All wording and layout live in :mod:`bot.telegram.formatting`; this module only moves data
between Telegram, the engine, the statistics recorder and the rate limiter. Every outgoing
call goes through :func:`bot.telegram.sending.with_retry`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from telegram import BotCommand, Message, Update
from telegram.constants import ChatType
from telegram.error import NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.answers import Answer
from bot.settings import Settings
from bot.telegram import formatting as fmt
from bot.telegram import inline
from bot.telegram.admin import AdminCommands
from bot.telegram.buttons import ButtonHandlers
from bot.telegram.feedback_store import FeedbackStore, StatsRecorder
from bot.telegram.handoff import Handoffs
from bot.telegram.handoff_store import HandoffStore
from bot.telegram.memo import ChatMemory, Memo, stale_chats
from bot.telegram.rate_limit import RateLimiter
from bot.telegram.replying import TYPING_AFTER, TYPING_EVERY, Context, from_markup, to_markup
from bot.telegram.sending import with_retry

__all__ = [
    "TYPING_AFTER",
    "TYPING_EVERY",
    "EngineLike",
    "PlanBotHandlers",
    "from_markup",
    "message_kind",
    "to_markup",
]

log = logging.getLogger(__name__)

# Inline queries come as a person types: they may make this many times the questions.
INLINE_ALLOWANCE = 4
COMMANDS = [
    ("start", "Giới thiệu và câu hỏi mẫu"),
    ("help", "Hướng dẫn sử dụng"),
    ("plans", "Các kế hoạch đang có"),
    ("targets", "Chỉ tiêu theo mốc thời gian: /targets [tỉnh]"),
    ("lead", "Cơ quan chủ trì, phối hợp: /lead <từ khóa>"),
    ("compare", "So sánh giữa các tỉnh: /compare <chủ đề>"),
    ("moi", "Bắt đầu cuộc trò chuyện mới"),
]


class EngineLike(Protocol):
    """The part of ``bot.engine.Engine`` the bot uses (blocking, thread-safe)."""

    def plans(self) -> Sequence[fmt.PlanLike]: ...
    def converse(
        self, text: str, context: dict[str, Any] | None = None
    ) -> tuple[Answer, dict[str, Any] | None]: ...
    def context_for_plans(self, plan_ids: Sequence[str]) -> dict[str, Any] | None: ...
    def answer(self, question: str, plan_ids: Sequence[str] | None = None) -> Answer: ...
    def targets(self, province: str | None) -> Answer: ...
    def lead(self, keyword: str) -> Answer: ...
    def compare(self, topic: str) -> Answer: ...
    def reload(self) -> Any: ...


def message_kind(message: Message) -> str:
    """Which non-text content a message carries (a key of formatting.NON_TEXT_KINDS)."""
    return next((k for k in fmt.NON_TEXT_KINDS if getattr(message, k, None)), "other")


def _replied_to_bot(message: Message, bot_id: int) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


class PlanBotHandlers(ButtonHandlers, AdminCommands):
    """The bot's behaviour; one instance per Application (buttons and inline mode in
    bot.telegram.buttons, staff commands in bot.telegram.admin, sending in
    bot.telegram.replying)."""

    def __init__(
        self,
        settings: Settings,
        engine: EngineLike,
        recorder: StatsRecorder,
        *,
        engine_workers: int = 4,
        handoffs: HandoffStore | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.recorder = recorder
        self.limiter = RateLimiter(
            settings.rate_limit_count, settings.rate_limit_seconds, settings.rate_limit_burst
        )
        self.inline_limiter = RateLimiter(
            settings.rate_limit_count * INLINE_ALLOWANCE,
            settings.rate_limit_seconds,
            settings.rate_limit_burst * INLINE_ALLOWANCE,
        )
        self.handoffs = Handoffs(settings, handoffs)
        self._inline_cache: dict[str, tuple[str, str, str]] = {}
        # Engine work is CPU-bound and blocking: it runs in its own pool so a slow question
        # never stalls the event loop, and /reload gets a separate thread so it never takes
        # a worker from the questions that keep flowing meanwhile.
        self._engine_pool = ThreadPoolExecutor(engine_workers, thread_name_prefix="engine")
        self._reload_pool = ThreadPoolExecutor(1, thread_name_prefix="reload")
        self._reload_lock = asyncio.Lock()

    @property
    def store(self) -> FeedbackStore | None:
        """The statistics database, None when statistics are disabled."""
        return self.recorder.store

    # ------------------------------------------------------------------ wiring

    def register(self, app: Application) -> None:
        """Add every handler; order matters (first match wins within a group)."""
        # Messages and their edits: an edited question is answered again, as worded now.
        msg = filters.UpdateType.MESSAGES
        # The rate limit sees every update addressed to the bot before any handler does
        # (its own group: within a group only the first matching handler runs, and uploads
        # have group -1).
        app.add_handler(TypeHandler(Update, self.gate), group=-2)
        commands: list[tuple[str, Callable[[Update, Context], Any]]] = [
            ("start", self.on_start),
            ("help", self.on_help),
            ("plans", self.on_plans),
            ("targets", self.on_targets),
            ("lead", self.on_lead),
            ("compare", self.on_compare),
            ("reload", self.on_reload),
            ("stats", self.on_stats),
            ("moi", self.on_new),
        ]
        for name, callback in commands:
            app.add_handler(CommandHandler(name, callback, filters=msg))
        app.add_handler(MessageHandler(msg & filters.COMMAND, self.on_unknown_command))
        if self.settings.staff_chat_id is not None:
            # Replies in the staff chat: a staff member answering a handed-off question.
            staff = filters.Chat(self.settings.staff_chat_id) & filters.REPLY
            app.add_handler(MessageHandler(msg & staff, self.on_staff_message))
        app.add_handler(MessageHandler(msg & filters.TEXT, self.on_text))
        # Everything else a person can send (stickers, photos, voice…), but not service
        # messages such as "X joined the group".
        app.add_handler(
            MessageHandler(msg & ~filters.TEXT & ~filters.StatusUpdate.ALL, self.on_non_text)
        )
        app.add_handler(CallbackQueryHandler(self.on_callback))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)

    async def post_init(self, app: Application) -> None:
        """Publish the command menu; a failure here must not stop the bot."""
        try:
            await with_retry(
                lambda: app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS]),
                "setMyCommands",
            )
        except TelegramError as exc:
            log.warning("could not set the command menu: %s", exc)
        self.forget_stale_chats(app)
        log.info("bot @%s ready with %d plan(s)", app.bot.username, len(self.engine.plans()))

    def forget_stale_chats(self, app: Application, now: float | None = None) -> int:
        """Drop the remembered answers and context of chats idle longer than the statistics
        retention (they were persisted across restarts); returns how many."""
        max_age = self.settings.stats_retention_days * 86400.0
        stale = stale_chats(app.chat_data, time.time() if now is None else now, max_age)
        for chat_id in stale:
            app.drop_chat_data(chat_id)
        if stale:
            log.info("forgot %d idle chat(s)", len(stale))
        return len(stale)

    async def post_shutdown(self, app: Application) -> None:
        self._engine_pool.shutdown(wait=False, cancel_futures=True)
        self._reload_pool.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(self.recorder.close)

    def _addressed(self, update: Update, context: Context) -> bool:
        """Whether the update is for the bot (group chatter is neither answered nor counted)."""
        if update.callback_query is not None:
            return True
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None or update.channel_post or update.edited_channel_post:
            return False
        if chat.type == ChatType.PRIVATE:
            return True
        text = message.text or message.caption or ""
        if text.startswith("/"):
            return not fmt.command_for_other_bot(text, context.bot.username)
        replied = _replied_to_bot(message, context.bot.id)
        return fmt.addressed_text(text, context.bot.username, replied) is not None

    async def gate(self, update: Update, context: Context) -> None:
        """Rate limit per user for everything addressed to the bot: messages, commands and
        button presses. A refused user gets one notice per refusal window, then silence."""
        user = update.effective_user
        if user is None or not self._addressed(update, context):
            return
        verdict = self.limiter.check(user.id)
        if verdict.allowed:
            return
        notice = fmt.rate_limited_message(verdict.wait) if verdict.notify else None
        try:
            if update.callback_query is not None:
                await self._toast(update, notice)
            elif notice:
                await self._reply(update, context, notice)
        except TelegramError as exc:
            log.warning("could not send a rate-limit notice: %s", exc)
        raise ApplicationHandlerStop

    async def _ask(
        self,
        update: Update,
        context: Context,
        kind: str,
        question: str,
        call: Callable[[], Answer],
        *,
        plan_label: str | None = None,
        show_question: bool = False,
        argument: str | None = None,
        memo_kind: str | None = None,
    ) -> list[Message]:
        """Run one engine call and send its answer with its buttons."""
        chat = update.effective_chat
        assert chat is not None
        async with self._typing(context, chat.id):
            answer = await self._in_engine(call)
        return await self._deliver(
            update,
            context,
            kind,
            question,
            answer,
            plan_label=plan_label,
            show_question=show_question,
            argument=argument,
            memo_kind=memo_kind,
        )

    async def _converse(
        self,
        update: Update,
        context: Context,
        kind: str,
        question: str,
        *,
        show_question: bool = False,
        prior: dict[str, Any] | None = None,
    ) -> None:
        """One conversation turn: the chat's context (or ``prior``, the context of the
        message replied to) in, the new context stored for the chat and its messages."""
        chat = update.effective_chat
        assert chat is not None
        memory = ChatMemory(context.chat_data if context.chat_data is not None else {})
        previous = prior if prior is not None else memory.context
        async with self._typing(context, chat.id):
            answer, new_context = await self._in_engine(self.engine.converse, question, previous)
        memory.context = new_context
        sent = await self._deliver(
            update,
            context,
            kind,
            question,
            answer,
            show_question=show_question,
            argument=answer.resolved_question or question,
        )
        memory.remember_messages([m.message_id for m in sent], new_context)

    async def _deliver(
        self,
        update: Update,
        context: Context,
        kind: str,
        question: str,
        answer: Answer,
        *,
        plan_label: str | None = None,
        show_question: bool = False,
        argument: str | None = None,
        memo_kind: str | None = None,
    ) -> list[Message]:
        """Send an answer with its buttons: Nguồn and 👍 / 👎 under a plan answer, province
        buttons, example questions under small talk and abstentions, 👤 under abstentions.

        The statistics are queued, never awaited: the answer does not wait for SQLite.
        """
        chat, message = update.effective_chat, update.effective_message
        assert chat is not None
        reply_kind = answer.reply_kind
        memory = ChatMemory(context.chat_data if context.chat_data is not None else {})
        key = memory.put(
            Memo(
                question,
                answer,
                memo_kind or kind,
                question if argument is None else argument,
                message_id=message.message_id if message is not None else None,
            )
        )
        counted = self.recorder.enabled and reply_kind != "smalltalk"
        if counted:
            self.recorder.record_question(
                key,
                question,
                answer.abstained,
                chat_type=str(chat.type),
                kind=kind,
                plans=list(answer.plans),
            )
        messages = fmt.render_answer(
            answer, plan_label=plan_label, question=question if show_question else None
        )
        keyboard = fmt.answer_keyboard(
            key,
            key if counted else None,
            bool(answer.passages) and reply_kind == "answer",
            answer.plan_choices,
            self._names(),
            suggestions=answer.suggestions if reply_kind != "answer" else (),
            handoff=reply_kind == "abstain" and self.handoffs.enabled,
        )
        return await self._send(context, chat.id, messages, keyboard, reply_to=self._quote(update))

    # ------------------------------------------------------------------ commands

    async def on_start(self, update: Update, context: Context) -> None:
        """Greeting and examples; ``/start kon-tum`` (a deep link) also chooses the plan."""
        plans = self.engine.plans()
        user = update.effective_user
        chat = update.effective_chat
        assert chat is not None
        text = fmt.render_start(plans, user.first_name if user else None)
        payload = (context.args or [""])[0] if context.args else ""
        if payload and context.chat_data is not None:
            names = self._names()
            chosen = inline.plans_for_payload(payload, names)
            chosen_context = self.engine.context_for_plans(chosen) if chosen else None
            if chosen_context is not None:
                ChatMemory(context.chat_data).context = chosen_context
                provinces = [names[p] for p in chosen if p in names]
                text += "\n\n" + inline.deep_link_note(provinces)
        keyboard = fmt.examples_keyboard(fmt.example_questions(plans))
        await self._send(context, chat.id, fmt.split_html(text), keyboard, self._quote(update))

    async def on_new(self, update: Update, context: Context) -> None:
        """/moi: forget the conversation's context."""
        if context.chat_data is not None:
            ChatMemory(context.chat_data).clear()
        await self._reply(update, context, fmt.MSG_NEW_CONVERSATION)

    async def on_help(self, update: Update, context: Context) -> None:
        extra = fmt.ADMIN_HELP if self._is_admin(update) else ""
        await self._reply(update, context, fmt.HELP_TEXT + extra)

    async def on_plans(self, update: Update, context: Context) -> None:
        await self._reply(update, context, fmt.render_plans(self.engine.plans()))

    async def _command_with_argument(
        self,
        update: Update,
        context: Context,
        kind: str,
        call: Callable[[str], Answer],
        required: bool,
    ) -> None:
        message = update.effective_message
        argument = fmt.command_argument(message.text if message else None)
        if not argument and required:
            await self._reply(update, context, fmt.USAGE[kind])
            return
        problem = fmt.classify_question(argument) if argument else None
        if problem:
            await self._reply(update, context, fmt.problem_message(problem, argument))
            return
        label = f"/{kind} {argument}".strip()
        await self._ask(
            update, context, kind, label, functools.partial(call, argument), argument=argument
        )

    async def on_targets(self, update: Update, context: Context) -> None:
        await self._command_with_argument(
            update, context, "targets", lambda arg: self.engine.targets(arg or None), False
        )

    async def on_lead(self, update: Update, context: Context) -> None:
        await self._command_with_argument(update, context, "lead", self.engine.lead, True)

    async def on_compare(self, update: Update, context: Context) -> None:
        await self._command_with_argument(update, context, "compare", self.engine.compare, True)

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or fmt.command_for_other_bot(message.text or "", context.bot.username):
            return
        await self._reply(update, context, fmt.MSG_UNKNOWN_COMMAND)

    # ------------------------------------------------------------------ messages

    async def on_text(self, update: Update, context: Context) -> None:
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None:
            return
        text: str | None = message.text or ""
        if chat.type != ChatType.PRIVATE:
            # In groups, only what is addressed to the bot (mention or reply to it).
            replied = _replied_to_bot(message, context.bot.id)
            text = fmt.addressed_text(text or "", context.bot.username, replied)
            if text is None:
                return
        problem = fmt.classify_question(text)
        if problem:
            await self._reply(update, context, fmt.problem_message(problem, text))
            return
        question = str(text).strip()
        prior = None
        replied = message.reply_to_message
        if replied is not None and _replied_to_bot(message, context.bot.id):
            # A reply to one of the bot's answers continues that answer's conversation.
            prior = ChatMemory(context.chat_data or {}).context_of_message(replied.message_id)
        await self._converse(update, context, "question", question, prior=prior)

    async def on_staff_message(self, update: Update, context: Context) -> None:
        """A reply in the staff chat: a staff answer to relay, else an ordinary message."""
        if not await self.handoffs.on_staff_reply(update, context):
            await self.on_text(update, context)

    async def on_non_text(self, update: Update, context: Context) -> None:
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None:
            return
        if chat.type != ChatType.PRIVATE:
            replied = _replied_to_bot(message, context.bot.id)
            caption = message.caption or ""
            if fmt.addressed_text(caption, context.bot.username, replied) is None:
                return
        await self._reply(update, context, fmt.non_text_message(message_kind(message)))

    # ------------------------------------------------------------------ errors

    async def on_error(self, update: object, context: Context) -> None:
        """One place for unexpected errors: log them, tell the person briefly."""
        error = context.error
        if update is None and isinstance(error, NetworkError):
            # Polling hiccups: PTB retries by itself.
            log.warning("network problem while polling: %s", error)
            return
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("error while handling update %s", update_id, exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            chat_id = update.effective_chat.id
            with contextlib.suppress(Exception):
                await self._call(
                    "sendMessage",
                    functools.partial(context.bot.send_message, chat_id, fmt.MSG_ERROR),
                )
