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
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.answers import Answer
from bot.errors import PlanBotError
from bot.settings import Settings
from bot.telegram import formatting as fmt
from bot.telegram import inline
from bot.telegram.feedback_store import FeedbackStore, StatsRecorder
from bot.telegram.handoff import Handoffs
from bot.telegram.handoff_store import HandoffStore
from bot.telegram.memo import ChatMemory, Memo
from bot.telegram.rate_limit import RateLimiter
from bot.telegram.sending import with_retry

log = logging.getLogger(__name__)

T = TypeVar("T")
Context = ContextTypes.DEFAULT_TYPE

# Telegram shows "typing…" for about 5 s; renew it a little before it fades.
TYPING_EVERY = 4.5
# Most answers take a few hundred ms end to end: "typing…" only for slower ones, which halves
# the requests counted against Telegram's flood limit under load.
TYPING_AFTER = 0.5
COMMANDS = [
    ("start", "Giới thiệu và câu hỏi mẫu"),
    ("help", "Hướng dẫn sử dụng"),
    ("plans", "Các kế hoạch đang có"),
    ("targets", "Chỉ tiêu theo mốc thời gian: /targets [tỉnh]"),
    ("lead", "Cơ quan chủ trì, phối hợp: /lead <từ khóa>"),
    ("compare", "So sánh giữa các tỉnh: /compare <chủ đề>"),
    ("moi", "Bắt đầu cuộc trò chuyện mới"),
]
# Inline answers cached by query text (people type, Telegram asks again and again).
INLINE_CACHE = 256


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


def message_kind(message: Message) -> str:
    """Which non-text content a message carries (a key of formatting.NON_TEXT_KINDS)."""
    return next((k for k in fmt.NON_TEXT_KINDS if getattr(message, k, None)), "other")


def _replied_to_bot(message: Message, bot_id: int) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


class PlanBotHandlers:
    """The bot's behaviour; one instance per Application."""

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
        # The rate limit sees every update addressed to the bot before any handler does.
        app.add_handler(TypeHandler(Update, self.gate), group=-1)
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
        log.info("bot @%s ready with %d plan(s)", app.bot.username, len(self.engine.plans()))

    async def post_shutdown(self, app: Application) -> None:
        self._engine_pool.shutdown(wait=False, cancel_futures=True)
        self._reload_pool.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(self.recorder.close)

    # ------------------------------------------------------------------ helpers

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

    def _names(self) -> dict[str, str]:
        return fmt.plan_names(self.engine.plans())

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

    def _is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.settings.admin_ids

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

    async def on_reload(self, update: Update, context: Context) -> None:
        """Staff only: rebuild the index off the loop; answers keep flowing meanwhile."""
        if not self._is_admin(update):
            await self._reply(update, context, fmt.MSG_NOT_ADMIN)
            return
        if self._reload_lock.locked():
            await self._reply(update, context, fmt.MSG_RELOAD_BUSY)
            return
        async with self._reload_lock:
            await self._reply(update, context, fmt.MSG_RELOAD_START)
            loop = asyncio.get_running_loop()
            try:
                report = await loop.run_in_executor(self._reload_pool, self.engine.reload)
            except (PlanBotError, OSError) as exc:
                reason = _reason(exc)
                log.warning("reload failed: %s", reason)
                await self._reply(
                    update, context, fmt.MSG_RELOAD_FAILED.format(reason=fmt.esc(reason))
                )
                return
            log.info("reload done: %s", report.summary().replace("\n", " "))
            await self._reply(update, context, fmt.render_reload(report.summary()))

    async def on_stats(self, update: Update, context: Context) -> None:
        """Staff only, and only in a private chat: the figures quote people's questions."""
        if not self._is_admin(update):
            await self._reply(update, context, fmt.MSG_NOT_ADMIN)
            return
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            await self._reply(update, context, fmt.MSG_STATS_PRIVATE)
            return
        store = self.store
        if store is None:
            await self._reply(update, context, fmt.MSG_STATS_DISABLED)
            return
        try:
            stats = await asyncio.to_thread(store.stats)
            if self.handoffs.store is not None:
                counts = await asyncio.to_thread(self.handoffs.store.counts)
                stats.handoffs_open, stats.handoffs_answered = counts
        except (sqlite3.Error, OSError) as exc:
            log.warning("could not read statistics: %s", exc)
            await self._reply(
                update, context, fmt.MSG_STATS_FAILED.format(reason=fmt.esc(str(exc)))
            )
            return
        await self._reply(update, context, fmt.render_stats(stats))

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

    # ------------------------------------------------------------------ buttons

    async def on_callback(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        action = fmt.parse_callback(query.data)
        if action is None or not isinstance(query.message, Message):
            await self._toast(update, fmt.MSG_BUTTON_EXPIRED)
            return
        if action.kind == "example":
            examples = fmt.example_questions(self.engine.plans())
            if not 0 <= action.index < len(examples):
                await self._toast(update, fmt.MSG_BUTTON_EXPIRED)
                return
            await self._toast(update)
            await self._converse(
                update, context, "example", examples[action.index], show_question=True
            )
            return
        # Every other button names an answer by its random key, honoured only in its chat.
        memo = ChatMemory(context.chat_data or {}).get(action.key)
        if memo is None:
            await self._toast(update, fmt.MSG_BUTTON_EXPIRED)
            return
        if action.kind == "suggest":
            suggestions = memo.answer.suggestions
            if not 0 <= action.index < len(suggestions):
                await self._toast(update, fmt.MSG_BUTTON_EXPIRED)
                return
            await self._toast(update)
            question = suggestions[action.index]
            await self._converse(update, context, "example", question, show_question=True)
            return
        if action.kind == "handoff":
            await self._toast(
                update, await self.handoffs.request(update, context, action.key, memo)
            )
            return
        if action.kind == "vote":
            await self._on_vote(update, action.key, action.vote)
            return
        if action.kind == "sources":
            await self._toast(update)
            chat_id = query.message.chat.id
            sources = fmt.render_sources(memo.answer, self._names())
            await self._send(context, chat_id, sources, reply_to=query.message.message_id)
            return
        # A province button: the same question restricted to that plan.
        choices = memo.answer.plan_choices
        if not 0 <= action.index < len(choices):
            await self._toast(update, fmt.MSG_BUTTON_EXPIRED)
            return
        plan_id = choices[action.index]
        name = self._names().get(plan_id, plan_id)
        await self._toast(update, f"Trả lời riêng cho {name}…")
        await self._ask(
            update,
            context,
            "plan",
            memo.question,
            self._narrowed(memo, plan_id, name),
            plan_label=name,
            show_question=True,
            argument=memo.argument,
            memo_kind=memo.kind,
        )

    def _narrowed(self, memo: Memo, plan_id: str, province: str) -> Callable[[], Answer]:
        """The engine call that answers ``memo`` again for one plan only."""
        if memo.kind == "targets":
            return functools.partial(self.engine.targets, province)
        if memo.kind == "lead":
            # /lead takes no plan filter; naming the province in the query narrows it.
            return functools.partial(self.engine.lead, f"{memo.argument} {province}")
        return functools.partial(self.engine.answer, memo.argument, [plan_id])

    async def _on_vote(self, update: Update, key: str, vote: int) -> None:
        query = update.callback_query
        user = update.effective_user
        assert query is not None and user is not None
        if not self.recorder.enabled:
            await self._toast(update, fmt.MSG_STATS_DISABLED)
            return
        self.recorder.record_feedback(key, user.id, vote)  # queued, not awaited
        await self._toast(update, fmt.MSG_VOTE_THANKS[vote])
        message = query.message
        if isinstance(message, Message) and message.reply_markup:
            marked = fmt.mark_vote(from_markup(message.reply_markup), query.data or "")
            with contextlib.suppress(BadRequest):  # "message is not modified"
                await self._call(
                    "editMessageReplyMarkup",
                    functools.partial(query.edit_message_reply_markup, to_markup(marked)),
                )

    # ------------------------------------------------------------------ inline mode

    async def on_inline(self, update: Update, context: Context) -> None:
        """``@bot câu hỏi`` in any chat: one article with the answer and its source."""
        query = update.inline_query
        if query is None:
            return
        question = " ".join(query.query.split())
        if fmt.classify_question(question) is not None:
            await self._call("answerInlineQuery", functools.partial(query.answer, []))
            return
        article = self._inline_cache.get(question)
        if article is None:
            answer, _ = await self._in_engine(self.engine.converse, question, None)
            article = inline.inline_article(question, answer, self._names())
            self._inline_cache[question] = article
            while len(self._inline_cache) > INLINE_CACHE:
                self._inline_cache.pop(next(iter(self._inline_cache)))
        title, description, body = article
        result = InlineQueryResultArticle(
            id=str(abs(hash(question)) % 10**12),
            title=title,
            description=description,
            input_message_content=InputTextMessageContent(
                body,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            ),
        )
        await self._call(
            "answerInlineQuery", functools.partial(query.answer, [result], cache_time=300)
        )

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


async def _cleared(event: asyncio.Event) -> None:
    """Wait until ``event`` is cleared (polling: asyncio.Event has no wait-for-clear)."""
    while event.is_set():
        await asyncio.sleep(0.01)


def _reason(exc: BaseException) -> str:
    """A short reason for staff: an OSError's text and file (no traceback)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc)
