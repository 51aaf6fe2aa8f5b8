"""Thin PTB handlers: check, call the engine off the event loop, send formatted HTML.

All wording and layout live in :mod:`bot.telegram.formatting`; this module only moves data
between Telegram, the engine, the feedback store and the rate limiter.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.answers import Answer
from bot.errors import PlanBotError
from bot.settings import Settings
from bot.telegram import formatting as fmt
from bot.telegram.feedback_store import FeedbackStore
from bot.telegram.rate_limit import RateLimiter

log = logging.getLogger(__name__)

T = TypeVar("T")
Context = ContextTypes.DEFAULT_TYPE

# Telegram shows "typing…" for about 5 s; renew it a little before it fades.
TYPING_EVERY = 4.5
COMMANDS = [
    ("start", "Giới thiệu và câu hỏi mẫu"),
    ("help", "Hướng dẫn sử dụng"),
    ("plans", "Các kế hoạch đang có"),
    ("targets", "Chỉ tiêu theo mốc thời gian: /targets [tỉnh]"),
    ("lead", "Cơ quan chủ trì, phối hợp: /lead <từ khóa>"),
    ("compare", "So sánh giữa các tỉnh: /compare <chủ đề>"),
]


class EngineLike(Protocol):
    """The part of ``bot.engine.Engine`` the bot uses (blocking, thread-safe)."""

    def plans(self) -> Sequence[fmt.PlanLike]: ...
    def answer(self, question: str, plan_ids: Sequence[str] | None = None) -> Answer: ...
    def targets(self, province: str | None) -> Answer: ...
    def lead(self, keyword: str) -> Answer: ...
    def compare(self, topic: str) -> Answer: ...
    def reload(self) -> Any: ...


@dataclass(frozen=True)
class Memo:
    """What a button under an answer needs later.

    ``question`` is what was asked as shown to people (``/targets`` for a command);
    ``kind`` and ``argument`` say how to ask the engine again for one province.
    """

    question: str
    answer: Answer
    kind: str = "question"
    argument: str = ""


class AnswerMemo:
    """Recent answers by short key, since callback data is limited to 64 bytes.

    Keys carry a per-process random prefix so a button from before a restart finds nothing
    rather than somebody else's answer.
    """

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self._items: OrderedDict[str, Memo] = OrderedDict()
        self._prefix = secrets.token_hex(2)
        self._counter = itertools.count(1)

    def put(self, memo: Memo) -> str:
        key = f"{self._prefix}{next(self._counter):x}"
        self._items[key] = memo
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Memo | None:
        return self._items.get(key)


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
        store: FeedbackStore | None,
        *,
        engine_workers: int = 4,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.store = store
        self.limiter = RateLimiter(settings.rate_limit_count, settings.rate_limit_seconds)
        self.memo = AnswerMemo()
        # Engine work is CPU-bound and blocking: it runs in its own pool so a slow question
        # never stalls the event loop, and /reload gets a separate thread so it never takes
        # a worker from the questions that keep flowing meanwhile.
        self._engine_pool = ThreadPoolExecutor(engine_workers, thread_name_prefix="engine")
        self._reload_pool = ThreadPoolExecutor(1, thread_name_prefix="reload")
        self._reload_lock = asyncio.Lock()

    # ------------------------------------------------------------------ wiring

    def register(self, app: Application) -> None:
        """Add every handler; order matters (first match wins within a group)."""
        msg = filters.UpdateType.MESSAGE
        commands: list[tuple[str, Callable[[Update, Context], Any]]] = [
            ("start", self.on_start),
            ("help", self.on_help),
            ("plans", self.on_plans),
            ("targets", self.on_targets),
            ("lead", self.on_lead),
            ("compare", self.on_compare),
            ("reload", self.on_reload),
            ("stats", self.on_stats),
        ]
        for name, callback in commands:
            app.add_handler(CommandHandler(name, callback, filters=msg))
        app.add_handler(MessageHandler(msg & filters.COMMAND, self.on_unknown_command))
        app.add_handler(MessageHandler(msg & filters.TEXT, self.on_text))
        # Everything else a person can send (stickers, photos, voice…), but not service
        # messages such as "X joined the group".
        app.add_handler(
            MessageHandler(msg & ~filters.TEXT & ~filters.StatusUpdate.ALL, self.on_non_text)
        )
        app.add_handler(CallbackQueryHandler(self.on_callback))
        app.add_error_handler(self.on_error)

    async def post_init(self, app: Application) -> None:
        """Publish the command menu; a failure here must not stop the bot."""
        try:
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
        except TelegramError as exc:
            log.warning("could not set the command menu: %s", exc)
        log.info("bot @%s ready with %d plan(s)", app.bot.username, len(self.engine.plans()))

    async def post_shutdown(self, app: Application) -> None:
        self._engine_pool.shutdown(wait=False, cancel_futures=True)
        self._reload_pool.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ helpers

    async def _in_engine(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._engine_pool, functools.partial(fn, *args))

    @contextlib.asynccontextmanager
    async def _typing(self, context: Context, chat_id: int) -> AsyncIterator[None]:
        """Show "typing…" while the body runs (renewed, since it fades after ~5 s)."""

        async def send_action() -> None:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)

        async def renew() -> None:
            while True:
                await asyncio.sleep(TYPING_EVERY)
                await send_action()

        # The first action goes out alongside the engine call, not before it (no added
        # latency), but is let finish before the answer: a late "typing" would linger.
        first = asyncio.create_task(send_action())
        renewal = asyncio.create_task(renew())
        try:
            yield
        finally:
            renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(first, TYPING_EVERY)
            with contextlib.suppress(asyncio.CancelledError):
                await renewal

    async def _send(
        self,
        context: Context,
        chat_id: int,
        messages: Sequence[str],
        keyboard: fmt.Keyboard | None = None,
        reply_to: int | None = None,
    ) -> None:
        """Send HTML messages in order; the keyboard goes under the last one."""
        for i, text in enumerate(messages):
            last = i == len(messages) - 1
            await context.bot.send_message(
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
            )

    async def _reply(self, update: Update, context: Context, html_text: str) -> None:
        """Reply in the update's chat; in groups quote the message replied to."""
        chat = update.effective_chat
        if chat is None:
            return
        await self._send(context, chat.id, fmt.split_html(html_text), reply_to=self._quote(update))

    @staticmethod
    def _quote(update: Update) -> int | None:
        chat, message = update.effective_chat, update.message
        if chat is None or message is None or chat.type == ChatType.PRIVATE:
            return None
        return message.message_id

    async def _allowed(self, update: Update, context: Context) -> bool:
        """Rate limit per user; a friendly message when over it."""
        user = update.effective_user
        if user is None:
            return True
        wait = self.limiter.hit(user.id)
        if wait:
            await self._reply(update, context, fmt.rate_limited_message(wait))
            return False
        return True

    def _names(self) -> dict[str, str]:
        return fmt.plan_names(self.engine.plans())

    async def _record(self, update: Update, kind: str, question: str, answer: Answer) -> int | None:
        """Store the question (user id and chat type only); None if the store failed."""
        if self.store is None or update.effective_user is None:
            return None
        chat_type = update.effective_chat.type if update.effective_chat else "private"
        try:
            return await asyncio.to_thread(
                self.store.record_question,
                update.effective_user.id,
                question,
                answer.text,
                answer.abstained,
                chat_type=str(chat_type),
                kind=kind,
                plans=list(answer.plans),
            )
        except Exception:  # the answer matters more than the statistics
            log.exception("could not record a question in %s", self.store.path)
            return None

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
    ) -> None:
        """Run one engine call and send its answer with Nguồn / 👍 / 👎 / province buttons."""
        chat = update.effective_chat
        assert chat is not None
        async with self._typing(context, chat.id):
            answer = await self._in_engine(call)
        question_id = await self._record(update, kind, question, answer)
        key = self.memo.put(
            Memo(question, answer, memo_kind or kind, question if argument is None else argument)
        )
        names = self._names()
        messages = fmt.render_answer(
            answer, plan_label=plan_label, question=question if show_question else None
        )
        keyboard = fmt.answer_keyboard(
            key, question_id, bool(answer.passages), answer.plan_choices, names
        )
        await self._send(context, chat.id, messages, keyboard, reply_to=self._quote(update))

    def _is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.settings.admin_ids

    # ------------------------------------------------------------------ commands

    async def on_start(self, update: Update, context: Context) -> None:
        plans = self.engine.plans()
        user = update.effective_user
        chat = update.effective_chat
        assert chat is not None
        text = fmt.render_start(plans, user.first_name if user else None)
        keyboard = fmt.examples_keyboard(fmt.example_questions(plans))
        await self._send(context, chat.id, fmt.split_html(text), keyboard, self._quote(update))

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
        argument = fmt.command_argument(update.message.text if update.message else None)
        if not await self._allowed(update, context):
            return
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
            except PlanBotError as exc:
                log.warning("reload failed: %s", exc)
                await self._reply(
                    update, context, fmt.MSG_RELOAD_FAILED.format(reason=fmt.esc(str(exc)))
                )
                return
            log.info("reload done: %s", report.summary().replace("\n", " "))
            await self._reply(update, context, fmt.render_reload(report.summary()))

    async def on_stats(self, update: Update, context: Context) -> None:
        if not self._is_admin(update):
            await self._reply(update, context, fmt.MSG_NOT_ADMIN)
            return
        if self.store is None:
            await self._reply(update, context, "Chưa bật lưu thống kê.")
            return
        stats = await asyncio.to_thread(self.store.stats)
        await self._reply(update, context, fmt.render_stats(stats))

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        message = update.message
        if message is None or fmt.command_for_other_bot(message.text or "", context.bot.username):
            return
        if not await self._allowed(update, context):
            return
        await self._reply(update, context, fmt.MSG_UNKNOWN_COMMAND)

    # ------------------------------------------------------------------ messages

    async def on_text(self, update: Update, context: Context) -> None:
        message, chat = update.message, update.effective_chat
        if message is None or chat is None:
            return
        text: str | None = message.text or ""
        if chat.type != ChatType.PRIVATE:
            # In groups, only what is addressed to the bot (mention or reply to it).
            replied = _replied_to_bot(message, context.bot.id)
            text = fmt.addressed_text(text or "", context.bot.username, replied)
            if text is None:
                return
        if not await self._allowed(update, context):
            return
        problem = fmt.classify_question(text)
        if problem:
            await self._reply(update, context, fmt.problem_message(problem, text))
            return
        question = str(text).strip()
        await self._ask(
            update, context, "question", question, functools.partial(self.engine.answer, question)
        )

    async def on_non_text(self, update: Update, context: Context) -> None:
        message, chat = update.message, update.effective_chat
        if message is None or chat is None:
            return
        if chat.type != ChatType.PRIVATE:
            replied = _replied_to_bot(message, context.bot.id)
            caption = message.caption or ""
            if fmt.addressed_text(caption, context.bot.username, replied) is None:
                return
        if not await self._allowed(update, context):
            return
        await self._reply(update, context, fmt.non_text_message(message_kind(message)))

    # ------------------------------------------------------------------ buttons

    async def on_callback(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        action = fmt.parse_callback(query.data)
        if action is None or not isinstance(query.message, Message):
            await query.answer("Nút này không còn dùng được.")
            return
        if action.kind == "vote":
            await self._on_vote(update, context, int(action.key), action.vote)
            return
        if action.kind == "example":
            examples = fmt.example_questions(self.engine.plans())
            if not 0 <= action.index < len(examples):
                await query.answer("Câu hỏi mẫu này không còn.")
                return
            await query.answer()
            if not await self._allowed(update, context):
                return
            question = examples[action.index]
            call = functools.partial(self.engine.answer, question)
            await self._ask(update, context, "example", question, call, show_question=True)
            return
        memo = self.memo.get(action.key)
        if memo is None:
            await query.answer()
            await self._reply(update, context, fmt.MSG_EXPIRED)
            return
        if action.kind == "sources":
            await query.answer()
            chat_id = query.message.chat.id
            sources = fmt.render_sources(memo.answer, self._names())
            await self._send(context, chat_id, sources, reply_to=query.message.message_id)
            return
        # A province button: the same question restricted to that plan.
        choices = memo.answer.plan_choices
        if not 0 <= action.index < len(choices):
            await query.answer("Lựa chọn này không còn.")
            return
        plan_id = choices[action.index]
        name = self._names().get(plan_id, plan_id)
        await query.answer(f"Trả lời riêng cho {name}…")
        if not await self._allowed(update, context):
            return
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

    async def _on_vote(self, update: Update, context: Context, question_id: int, vote: int) -> None:
        query = update.callback_query
        user = update.effective_user
        assert query is not None and user is not None
        saved = False
        if self.store is not None:
            saved = await asyncio.to_thread(self.store.record_feedback, question_id, user.id, vote)
        await query.answer(fmt.MSG_VOTE_THANKS[vote] if saved else "Câu hỏi này không còn lưu.")
        message = query.message
        if saved and isinstance(message, Message) and message.reply_markup:
            marked = fmt.mark_vote(from_markup(message.reply_markup), query.data or "")
            with contextlib.suppress(BadRequest):  # "message is not modified"
                await query.edit_message_reply_markup(to_markup(marked))

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
            with contextlib.suppress(Exception):
                await context.bot.send_message(update.effective_chat.id, fmt.MSG_ERROR)
