"""Button presses and inline queries: sources, votes, provinces, examples, 👤, inline mode.

A mixin of :class:`bot.telegram.handlers.PlanBotHandlers`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.answers import Answer
from bot.telegram import formatting as fmt
from bot.telegram import inline
from bot.telegram.feedback_store import StatsRecorder
from bot.telegram.handoff import Handoffs
from bot.telegram.memo import ChatMemory, Memo
from bot.telegram.rate_limit import RateLimiter
from bot.telegram.replying import Context, Replier, from_markup, to_markup

# Inline answers cached by query text (people type, Telegram asks again and again).
INLINE_CACHE = 256


class ButtonHandlers(Replier):
    """Callback queries and inline queries."""

    engine: Any
    recorder: StatsRecorder
    handoffs: Handoffs
    _inline_cache: dict[str, tuple[str, str, str]]
    inline_limiter: RateLimiter

    def _names(self) -> dict[str, str]:
        return fmt.plan_names(self.engine.plans())

    # Defined by PlanBotHandlers.
    _ask: Callable[..., Awaitable[Any]]
    _converse: Callable[..., Awaitable[None]]

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
            # Telegram asks as the person types: each new wording costs an engine call, so
            # inline queries have their own, roomier bucket; over it, no result for now.
            if not self.inline_limiter.check(query.from_user.id).allowed:
                await self._call(
                    "answerInlineQuery", functools.partial(query.answer, [], cache_time=0)
                )
                return
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
