"""Adding a plan from Telegram: an admin sends a PDF, DOCX, TXT or a page photo.

The file's type and size are checked, it is downloaded and read (OCR with per-page
progress) before knowledge/ changes, saved under knowledge/plans/ with an id from its
province, and the index is rebuilt off the event loop. The reply says what was found, with
an undo button. Others get a polite refusal; a broken file a reason, the index untouched.
Uploads are queued (one at a time).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.errors import PlanBotError
from bot.plan_upload import (
    MAX_UPLOAD_BYTES,
    Placed,
    UploadError,
    build_failure,
    check_file,
    place,
    read_upload,
    summary_lines,
    undo,
)
from bot.settings import Settings
from bot.telegram.formatting import esc

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
T = TypeVar("T")

UNDO_PREFIX = "upl:undo:"
MSG_REFUSED = (
    "Cảm ơn bạn! Xin lỗi, mình chưa xem được tệp đính kèm: việc thêm kế hoạch mới chỉ dành "
    "cho cán bộ quản trị. Bạn cứ đặt câu hỏi bằng chữ về các kế hoạch hiện có nhé."
)
MSG_QUEUED = "Đang xử lý một tệp khác; tệp của bạn đã được xếp hàng."
MSG_RECEIVED = "📥 Đã nhận <b>{name}</b>. Đang tải về và đọc tệp…"
MSG_REBUILD = "🔄 Đã đọc xong ({chars} ký tự). Đang xây dựng lại chỉ mục…"
MSG_FAILED = "❌ {reason}\nChỉ mục giữ nguyên như trước."
MSG_UNDONE = "↩️ Đã hoàn tác: gỡ <b>{name}</b>{restored}; chỉ mục đã cập nhật."
MSG_UNDO_GONE = "Không còn gì để hoàn tác cho tệp này."


class PlanUploads:
    """Telegram handlers for plan uploads; one instance per Application."""

    def __init__(self, settings: Settings, engine: Any) -> None:
        self.settings = settings
        self.engine = engine
        self._lock = asyncio.Lock()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="upload")
        self._undo: dict[str, Placed] = {}

    def register(self, app: Application) -> None:
        """Handlers in group -1, ahead of the bot's own document and button handlers."""
        documents = filters.UpdateType.MESSAGE & (filters.Document.ALL | filters.PHOTO)
        app.add_handler(MessageHandler(documents, self.on_document), group=-1)
        app.add_handler(CallbackQueryHandler(self.on_undo, pattern=f"^{UNDO_PREFIX}"), group=-1)

    def _is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.settings.admin_ids

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args))

    # ------------------------------------------------------------------ upload

    async def on_document(self, update: Update, context: Context) -> None:
        message, chat = update.message, update.effective_chat
        if message is None or chat is None:
            return
        if chat.type != ChatType.PRIVATE:
            return  # in groups, the bot's usual rules for non-text messages apply
        if not self._is_admin(update):
            if message.document is None:
                return  # a photo from a user: the bot's usual reply about photos
            await message.reply_text(MSG_REFUSED)
            raise ApplicationHandlerStop
        if message.document is not None:
            file_id = message.document.file_id
            name = message.document.file_name or "ke-hoach"
            size = message.document.file_size
        else:
            photo = message.photo[-1]  # the largest size
            file_id, name, size = photo.file_id, f"anh-{photo.file_unique_id}.jpg", photo.file_size
        try:
            check_file(name, size)
        except UploadError as exc:
            await message.reply_text(MSG_FAILED.format(reason=esc(str(exc))), parse_mode="HTML")
            raise ApplicationHandlerStop from None
        if self._lock.locked():
            await message.reply_text(MSG_QUEUED)
        async with self._lock:
            await self._process(message, context, file_id, name)
        raise ApplicationHandlerStop

    async def _process(self, message: Message, context: Context, file_id: str, name: str) -> None:
        status = await message.reply_text(
            MSG_RECEIVED.format(name=esc(name)), parse_mode=ParseMode.HTML
        )
        loop = asyncio.get_running_loop()
        pending: list[Any] = []

        def progress(text: str) -> None:  # called from the worker thread (OCR pages)
            edit = self._edit(status, f"⏳ {esc(text)}")
            pending.append(asyncio.run_coroutine_threadsafe(edit, loop))

        try:
            tg_file = await context.bot.get_file(file_id)
            data = bytes(await tg_file.download_as_bytearray())
            if len(data) > MAX_UPLOAD_BYTES:
                raise UploadError("Tệp quá lớn.")
            doc, staged = await self._run(read_upload, self.settings, name, data, progress)
            # Page progress edits land before the next status, never after it.
            await asyncio.gather(*(asyncio.wrap_future(f) for f in pending))
            await self._edit(status, MSG_REBUILD.format(chars=len(doc.text)))
            placed = await self._run(place, self.settings, doc, staged)
        except (UploadError, TelegramError) as exc:
            log.info("upload %s refused: %s", name, exc)
            await self._edit(status, MSG_FAILED.format(reason=esc(str(exc))))
            return
        try:
            report = await self._run(self.engine.reload)
        except PlanBotError as exc:
            log.warning("rebuild after upload %s failed: %s", name, exc)
            await self._run(undo, placed)
            await self._edit(status, MSG_FAILED.format(reason=esc(build_failure(placed, exc))))
            return
        facts = self.engine.plan_facts(placed.plan_id)
        warnings = [w for w in report.warnings if w.startswith(f"{placed.plan_id}:")]
        warnings = [w for w in warnings if "facts drafted automatically" not in w]
        lines = summary_lines(placed, facts, warnings, placed.plan_id in report.drafted)
        self._undo[placed.token] = placed
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton("↩️ Hoàn tác", callback_data=UNDO_PREFIX + placed.token)]]
        )
        text = "✅ " + esc("\n".join(lines))
        await self._edit(status, text[:4000], markup)

    async def _edit(
        self, status: Message, html: str, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        try:
            await status.edit_text(html, parse_mode=ParseMode.HTML, reply_markup=markup)
        except TelegramError as exc:  # "message is not modified" and the like
            log.debug("could not edit upload status: %s", exc)

    # ------------------------------------------------------------------ undo

    async def on_undo(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None or query.data is None:
            return
        if not self._is_admin(update):
            await query.answer("Chỉ quản trị viên mới hoàn tác được.")
            raise ApplicationHandlerStop
        placed = self._undo.pop(query.data[len(UNDO_PREFIX) :], None)
        if placed is None:
            await query.answer(MSG_UNDO_GONE)
            raise ApplicationHandlerStop
        await query.answer("Đang hoàn tác…")
        async with self._lock:
            await self._run(undo, placed)
            await self._run(self.engine.reload)
        restored = f", khôi phục {', '.join(placed.replaced)}" if placed.replaced else ""
        if isinstance(query.message, Message):
            await query.message.reply_text(
                MSG_UNDONE.format(name=esc(placed.path.name), restored=esc(restored)),
                parse_mode=ParseMode.HTML,
            )
        raise ApplicationHandlerStop

    async def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
