"""A person when the bot cannot answer: "👤 Hỏi cán bộ" and the staff's reply relayed back.

With ``settings.staff_chat_id`` set, an unanswered question offers the button. Pressed, the
question goes to the staff chat with the asker's first name linked to their chat (nothing
more). A staff member (an ADMIN_IDS user, or a member of the staff chat) replies to that
message there; the bot sends the reply to the asker, quoting the question. Handoffs are kept
in SQLite (:mod:`bot.telegram.handoff_store`) and counted in /stats. Anyone else's reply is
ignored.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Chat, LinkPreviewOptions, Message, ReplyParameters, Update, User
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.settings import Settings
from bot.telegram.formatting import esc
from bot.telegram.handoff_store import HandoffStore
from bot.telegram.memo import Memo
from bot.telegram.sending import with_retry

log = logging.getLogger(__name__)

T = TypeVar("T")
Context = ContextTypes.DEFAULT_TYPE

STAFF_STATUSES = frozenset(
    {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER}
)

MSG_TO_STAFF = (
    "❓ <b>Câu hỏi chuyển cán bộ</b> từ {who}:\n"
    "<blockquote>{question}</blockquote>\n"
    "<i>Trả lời (reply) tin nhắn này để gửi câu trả lời tới người hỏi.</i>"
)
MSG_SENT_TO_STAFF = (
    "👤 Mình đã chuyển câu hỏi tới cán bộ phụ trách. Khi có trả lời, mình sẽ gửi cho bạn ở đây."
)
MSG_ALREADY_SENT = "Câu hỏi này đã được chuyển tới cán bộ rồi, bạn chờ chút nhé."
MSG_HANDOFF_FAILED = "Xin lỗi, mình chưa chuyển được câu hỏi tới cán bộ. Bạn thử lại sau nhé."
MSG_HANDOFF_OFF = "Hiện chưa có cán bộ nhận câu hỏi qua đây."
MSG_RELAYED_TO_USER = (
    "👤 <b>Cán bộ trả lời câu hỏi của bạn</b>\n<blockquote>{question}</blockquote>\n{reply}"
)
MSG_RELAYED = "✅ Đã gửi câu trả lời tới người hỏi."
MSG_RELAY_TEXT_ONLY = "Mình chỉ chuyển được câu trả lời bằng chữ; bạn gõ lại bằng chữ nhé."
MSG_RELAY_FAILED = "❌ Chưa gửi được tới người hỏi: {reason}"


def chat_link(chat: Chat, user: User | None, message_id: int | None) -> str | None:
    """A link to where the question was asked: the person (private chat) or the message."""
    if chat.type == ChatType.PRIVATE:
        return f"tg://user?id={user.id if user else chat.id}"
    if chat.username:
        return f"https://t.me/{chat.username}" + (f"/{message_id}" if message_id else "")
    text = str(chat.id)
    if text.startswith("-100") and message_id:
        return f"https://t.me/c/{text[4:]}/{message_id}"
    return None


def staff_message(first_name: str, link: str | None, question: str) -> str:
    """The staff chat's message for one question (escaped)."""
    name = esc(first_name or "người dùng")
    who = f'<a href="{esc(link)}">{name}</a>' if link else name
    return MSG_TO_STAFF.format(who=who, question=esc(question))


def relay_message(question: str, reply: str) -> str:
    """What the asker gets: the question quoted, then the staff member's words."""
    return MSG_RELAYED_TO_USER.format(question=esc(question), reply=esc(reply))


class Handoffs:
    """The handoff flow; ``store`` None or no staff chat turns it off."""

    def __init__(self, settings: Settings, store: HandoffStore | None) -> None:
        self.settings = settings
        self.staff_chat_id = settings.staff_chat_id
        self.store = store if settings.staff_chat_id is not None else None

    @property
    def enabled(self) -> bool:
        return self.store is not None and self.staff_chat_id is not None

    @staticmethod
    async def _call(what: str, call: Callable[[], Awaitable[T]]) -> T:
        return await with_retry(call, what)

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)

    async def request(self, update: Update, context: Context, key: str, memo: Memo) -> str:
        """The 👤 button: send the question to the staff chat. Returns the toast to show."""
        query, user = update.callback_query, update.effective_user
        if not self.enabled or query is None or not isinstance(query.message, Message):
            return MSG_HANDOFF_OFF
        assert self.store is not None and self.staff_chat_id is not None
        chat = query.message.chat
        try:
            if await self._db(self.store.by_ref, key, chat.id) is not None:
                return MSG_ALREADY_SENT
            where = memo.message_id or query.message.message_id
            text = staff_message(
                user.first_name if user else "", chat_link(chat, user, where), memo.question
            )
            sent = await self._call(
                "sendMessage",
                functools.partial(
                    context.bot.send_message,
                    self.staff_chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                ),
            )
            await self._db(
                self.store.add,
                key,
                chat.id,
                memo.message_id,
                memo.question,
                self.staff_chat_id,
                sent.message_id,
            )
        except (TelegramError, sqlite3.Error, OSError) as exc:
            log.warning("handoff failed: %s", exc)
            return MSG_HANDOFF_FAILED
        await self._call(
            "sendMessage",
            functools.partial(
                context.bot.send_message,
                chat.id,
                MSG_SENT_TO_STAFF,
                reply_parameters=ReplyParameters(
                    query.message.message_id, allow_sending_without_reply=True
                ),
            ),
        )
        return "Đã chuyển tới cán bộ."

    async def is_staff(self, context: Context, user: User | None) -> bool:
        """An ADMIN_IDS user, or a member of the staff chat."""
        if user is None or user.is_bot:
            return False
        if user.id in self.settings.admin_ids:
            return True
        if self.staff_chat_id is None:
            return False
        try:
            member = await self._call(
                "getChatMember",
                functools.partial(context.bot.get_chat_member, self.staff_chat_id, user.id),
            )
        except TelegramError as exc:
            log.warning("could not check staff membership: %s", exc)
            return False
        return member.status in STAFF_STATUSES

    async def on_staff_reply(self, update: Update, context: Context) -> bool:
        """A message in the staff chat replying to a handoff: relay it if a staff member
        wrote it. True when the message was such a reply (relayed or ignored)."""
        message, chat = update.effective_message, update.effective_chat
        if not self.enabled or message is None or chat is None or chat.id != self.staff_chat_id:
            return False
        replied = message.reply_to_message
        if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
            return False
        assert self.store is not None
        handoff = await self._db(self.store.by_staff_message, chat.id, replied.message_id)
        if handoff is None:
            return False
        if not await self.is_staff(context, update.effective_user):
            log.info("ignoring a reply to handoff %d from someone not on the staff", handoff.id)
            return True
        words = (message.text or message.caption or "").strip()
        back = ReplyParameters(message.message_id, allow_sending_without_reply=True)
        if not words:
            await self._call(
                "sendMessage",
                functools.partial(
                    context.bot.send_message, chat.id, MSG_RELAY_TEXT_ONLY, reply_parameters=back
                ),
            )
            return True
        try:
            await self._call(
                "sendMessage",
                functools.partial(
                    context.bot.send_message,
                    handoff.user_chat_id,
                    relay_message(handoff.question, words),
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    reply_parameters=(
                        ReplyParameters(handoff.user_message_id, allow_sending_without_reply=True)
                        if handoff.user_message_id
                        else None
                    ),
                ),
            )
        except TelegramError as exc:
            note = MSG_RELAY_FAILED.format(reason=esc(str(exc)))
        else:
            await self._db(self.store.mark_answered, handoff.id)
            note = MSG_RELAYED
        await self._call(
            "sendMessage",
            functools.partial(
                context.bot.send_message,
                chat.id,
                note,
                parse_mode=ParseMode.HTML,
                reply_parameters=back,
            ),
        )
        return True
