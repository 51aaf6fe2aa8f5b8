"""A stand-in for the Telegram Bot API on 127.0.0.1, for driving the real PTB stack.

Serves ``/bot<TOKEN>/<method>`` over plain HTTP (stdlib server in a thread), long-polls
``getUpdates`` from a queue the test fills, records every call with its parameters, and
answers ``sendMessage`` & co. with realistic Message objects. Unknown methods succeed with
``true``. Bodies may be JSON, urlencoded (what PTB's httpx request sends) or multipart.

Faults are injected per method with :meth:`BotApiStub.inject`: an HTTP error (401 and 404
as for a rejected token, 500, 429 with retry_after), a connection reset, or a reply that is
not the JSON the Bot API promises. :meth:`BotApiStub.push_update` takes any raw update, so
updates PTB cannot read are pushed as they come.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import itertools
import json
import re
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

DEFAULT_TOKEN = "123456789:AAStubTokenForTestsOnly_xyz"
BOT_ID = 4242
BOT_USERNAME = "planbot_test_bot"

# Parameters that are always plain strings (never JSON-decoded), whatever they look like.
_STRING_PARAMS = {
    "text",
    "caption",
    "callback_query_id",
    "parse_mode",
    "action",
    "url",
    "secret_token",
    "inline_message_id",
    "description",
    "short_description",
    "name",
    "query",
    "language_code",
}


@dataclass
class Call:
    """One recorded Bot API call."""

    method: str
    params: dict[str, Any]
    result: Any
    at: float = field(default_factory=time.monotonic)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str) -> list[dict[str, Any]]:
    """bot_command at offset 0 and @mentions, with UTF-16 offsets as Telegram sends them."""
    found = []
    match = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if match:
        found.append({"type": "bot_command", "offset": 0, "length": _utf16(match.group(0))})
    for m in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{3,}", text):
        found.append(
            {"type": "mention", "offset": _utf16(text[: m.start()]), "length": _utf16(m.group(0))}
        )
    return found


_MEDIA: dict[str, Any] = {
    "sticker": {
        "file_id": "stk-1",
        "file_unique_id": "ustk1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "😀",
    },
    "photo": [{"file_id": "ph-1", "file_unique_id": "uph1", "width": 90, "height": 90}],
    "voice": {"file_id": "vo-1", "file_unique_id": "uvo1", "duration": 3},
    "audio": {"file_id": "au-1", "file_unique_id": "uau1", "duration": 30},
    "document": {"file_id": "doc-1", "file_unique_id": "udoc1", "file_name": "ke-hoach.pdf"},
    "video": {
        "file_id": "vi-1",
        "file_unique_id": "uvi1",
        "width": 64,
        "height": 64,
        "duration": 2,
    },
    "location": {"latitude": 14.35, "longitude": 108.0},
}


@dataclass
class Fault:
    """How the stub fails a call instead of answering it.

    ``status``: an HTTP error with the Bot API's JSON body (``retry_after`` adds the 429
    parameter); ``reset``: the connection is reset without a reply; ``malformed``: 200 with a
    body that is not JSON. ``times`` calls fail (None: every call until cleared).
    """

    method: str
    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    reset: bool = False
    malformed: bool = False
    times: int | None = 1


class BotApiStub:
    """The fake Bot API server. Use as a context manager or call start()/stop()."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_id: int = BOT_ID,
        bot_username: str = BOT_USERNAME,
        max_poll_wait: float = 0.5,
    ) -> None:
        self.token = token
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Plan Bot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.max_poll_wait = max_poll_wait
        self.calls: list[Call] = []
        # sendMessage calls by chat id, so waiting on one chat stays cheap under load.
        self._messages: dict[str, list[Call]] = {}
        self.push_times: dict[int, float] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._incoming_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._chats: dict[int, dict[str, Any]] = {}
        self._sent: dict[tuple[int, int], dict[str, Any]] = {}
        self._faults: list[Fault] = []
        # Chat id -> user ids getChatMember reports as members (others: "left").
        self.members: dict[int, set[int]] = {}
        # (method, fault) for every call that was failed on purpose, in order.
        self.failed: list[tuple[str, Fault]] = []
        self._cond = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> BotApiStub:
        stub = self

        class Handler(_Handler):
            owner = stub

        server = _Server(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        # A short poll interval keeps stop() (server.shutdown) quick.
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="botapi-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> BotApiStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server, "stub not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What to give PTB as base_url (it appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def bot_username(self) -> str:
        return str(self.bot_user["username"])

    # ------------------------------------------------------------------ faults

    def inject(self, method: str, **kwargs: Any) -> Fault:
        """Fail the next call(s) of ``method`` (see :class:`Fault` for the options)."""
        fault = Fault(method, **kwargs)
        with self._cond:
            self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._cond:
            self._faults.clear()

    def take_fault(self, method: str) -> Fault | None:
        """The fault to apply to this call of ``method``, if any (consumes one use)."""
        with self._cond:
            for fault in self._faults:
                if fault.method == method:
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self._faults.remove(fault)
                    self.failed.append((method, fault))
                    self._cond.notify_all()
                    return fault
        return None

    def failures(self, method: str) -> int:
        with self._cond:
            return sum(1 for m, _ in self.failed if m == method)

    def pending_update_ids(self) -> list[int]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._cond:
            return [u["update_id"] for u in self._updates]

    # ------------------------------------------------------------------ API dispatch

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one API call (called from server threads)."""
        with self._cond:
            if method == "getUpdates":
                result: Any = self._get_updates(params)  # waits on the condition
            else:
                result = self._dispatch(method, params)
            call = Call(method, params, result)
            self.calls.append(call)
            if method == "sendMessage":
                self._messages.setdefault(str(params.get("chat_id")), []).append(call)
            self._cond.notify_all()
        return 200, {"ok": True, "result": result}

    def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return self.bot_user
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            message = self._bot_message(chat_id, text=str(params.get("text", "")))
            if isinstance(params.get("reply_markup"), dict):
                message["reply_markup"] = params["reply_markup"]
            self._sent[(chat_id, message["message_id"])] = message
            return message
        if method in ("editMessageText", "editMessageReplyMarkup"):
            key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
            message = dict(self._sent.get(key) or self._bot_message(key[0], text=""))
            message["message_id"] = key[1]
            message["edit_date"] = int(time.time())
            if "text" in params:
                message["text"] = str(params["text"])
            if isinstance(params.get("reply_markup"), dict):
                message["reply_markup"] = params["reply_markup"]
            else:
                message.pop("reply_markup", None)
            self._sent[key] = message
            return message
        if method == "getChatMember":
            chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
            status = "member" if user_id in self.members.get(chat_id, ()) else "left"
            return {"status": status, "user": self.user(user_id)}
        # sendChatAction, answerCallbackQuery, answerInlineQuery, deleteWebhook, setMyCommands…
        return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        deadline = time.monotonic() + wait
        with self._cond:
            while True:
                # Telegram forgets updates below the offset: they are confirmed.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates:
                    return self._updates[:limit]
                left = deadline - time.monotonic()
                if left <= 0:
                    return []
                self._cond.wait(left)

    # ------------------------------------------------------------------ building updates

    def _bot_message(self, chat_id: int, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chats.get(chat_id) or {"id": chat_id, "type": "private"},
            "from": self.bot_user,
            **content,
        }

    @staticmethod
    def user(user_id: int, first_name: str | None = None) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"Người dùng {user_id}",
            "language_code": "vi",
        }

    def chat(self, user_id: int, chat_id: int | None, chat_type: str) -> dict[str, Any]:
        if chat_type == "private":
            chat = {"id": user_id, "type": "private", "first_name": f"Người dùng {user_id}"}
        else:
            chat = {"id": chat_id or -1000000000001, "type": chat_type, "title": "Nhóm thử nghiệm"}
        with self._cond:
            self._chats[int(chat["id"])] = chat
        return chat

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (update_id assigned); returns its update_id."""
        with self._cond:
            update_id = next(self._update_ids)
            update = {"update_id": update_id, **update}
            self._updates.append(update)
            self.push_times[update_id] = time.monotonic()
            self._cond.notify_all()
        return update_id

    def _user_message(
        self,
        user_id: int,
        chat_id: int | None,
        chat_type: str,
        reply_to: dict[str, Any] | None,
        **content: Any,
    ) -> dict[str, Any]:
        message = {
            "message_id": next(self._incoming_ids),
            "date": int(time.time()),
            "chat": self.chat(user_id, chat_id, chat_type),
            "from": self.user(user_id),
            **content,
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    def text_message(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A text Message from ``user_id`` (commands and @mentions get their entities)."""
        content: dict[str, Any] = {"text": text}
        entities = _entities(text)
        if entities:
            content["entities"] = entities
        return self._user_message(user_id, chat_id, chat_type, reply_to, **content)

    def push_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        reply_to: dict[str, Any] | None = None,
    ) -> int:
        """Queue a text message from ``user_id``; returns its update_id."""
        message = self.text_message(
            user_id, text, chat_id=chat_id, chat_type=chat_type, reply_to=reply_to
        )
        return self.push_update({"message": message})

    def push_media(
        self,
        user_id: int,
        kind: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        caption: str | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> int:
        """A sticker / photo / voice / audio / document / video / location message."""
        content: dict[str, Any] = {kind: _MEDIA[kind]}
        if caption:
            content["caption"] = caption
        message = self._user_message(user_id, chat_id, chat_type, reply_to, **content)
        return self.push_update({"message": message})

    def push_callback(self, user_id: int, message: dict[str, Any], data: str) -> int:
        """A press on an inline button of a message the bot sent (``Call.result``)."""
        query = {
            "id": str(next(self._callback_ids)),
            "from": self.user(user_id),
            "chat_instance": f"ci{message['chat']['id']}",
            "message": message,
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def push_inline_query(self, user_id: int, query: str) -> int:
        """``@bot query`` typed in some chat: an inline query from ``user_id``."""
        inline = {
            "id": f"iq{next(self._callback_ids)}",
            "from": self.user(user_id),
            "query": query,
            "offset": "",
        }
        return self.push_update({"inline_query": inline})

    def reply_to(self, call: Call) -> dict[str, Any]:
        """The message a bot call sent, as a ``reply_to`` for a pushed message."""
        return dict(call.result)

    # ------------------------------------------------------------------ inspecting calls

    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        with self._cond:
            return [
                c
                for c in self.calls
                if c.method == method
                and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
            ]

    def messages(self, chat_id: int | None = None) -> list[Call]:
        """sendMessage calls (for one chat if given), oldest first."""
        if chat_id is None:
            return self.calls_of("sendMessage")
        with self._cond:
            return list(self._messages.get(str(chat_id), ()))

    def message_count(self, chat_id: int) -> int:
        with self._cond:
            return len(self._messages.get(str(chat_id), ()))

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition"
    ) -> None:
        """Poll ``predicate`` without blocking the event loop (PTB runs on it)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
            await asyncio.sleep(0.005)

    async def wait_messages(self, chat_id: int, n: int, timeout: float = 10.0) -> list[Call]:
        """Wait until at least ``n`` sendMessage calls to ``chat_id`` were recorded."""
        await self.wait_until(
            lambda: self.message_count(chat_id) >= n, timeout, f"{n} messages to {chat_id}"
        )
        return self.messages(chat_id)

    async def wait_calls(self, method: str, n: int, timeout: float = 10.0) -> list[Call]:
        await self.wait_until(lambda: len(self.calls_of(method)) >= n, timeout, f"{n} {method}")
        return self.calls_of(method)


class _Server(ThreadingHTTPServer):
    """Quiet about clients that hang up (PTB cancels its pending long poll on shutdown)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Routes /bot<token>/<method> to the owning stub."""

    owner: BotApiStub
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silence the per-request stderr lines."""

    def do_GET(self) -> None:  # noqa: N802
        self._serve()

    def do_POST(self) -> None:  # noqa: N802
        self._serve()

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        match = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", parts.path)
        if not match:
            self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        if match.group(1) != self.owner.token:
            self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = self.owner.take_fault(match.group(2))
        if fault is not None:
            self._fail(fault)
            return
        try:
            params = _parse_params(self.headers.get("Content-Type", ""), body, parts.query)
        except ValueError as exc:
            self._reply(400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"})
            return
        status, payload = self.owner.handle(match.group(2), params)
        self._reply(status, payload)

    def _fail(self, fault: Fault) -> None:
        if fault.reset:
            # SO_LINGER 0 makes close() send a TCP reset instead of an orderly shutdown.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if fault.malformed:
            data = b"<html><body>502 Bad Gateway</body></html"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        payload: dict[str, Any] = {
            "ok": False,
            "error_code": fault.status,
            "description": fault.description,
        }
        if fault.retry_after is not None:
            payload["parameters"] = {"retry_after": fault.retry_after}
        self._reply(fault.status, payload)

    def finish(self) -> None:
        with contextlib.suppress(OSError):  # the connection was reset on purpose
            super().finish()

    def _reply(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # PTB cancels a pending long poll on shutdown


def _decode_value(name: str, value: str) -> Any:
    """PTB sends non-string values JSON-encoded in form fields; strings stay raw."""
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse_params(content_type: str, body: bytes, query: str) -> dict[str, Any]:
    """Parameters from the query string and a JSON, urlencoded or multipart body."""
    raw: dict[str, str] = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    ctype = content_type.split(";", 1)[0].strip().lower()
    if ctype == "application/json" and body:
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        return {**{k: _decode_value(k, v) for k, v in raw.items()}, **data}
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        raw.update({k: v[-1] for k, v in form.items()})
    elif ctype == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not name:
                continue
            if part.get_filename():
                raw[str(name)] = f"<file {part.get_filename()}>"
            else:
                payload = part.get_payload(decode=True) or b""
                raw[str(name)] = payload.decode(part.get_content_charset() or "utf-8")
    return {k: _decode_value(k, v) for k, v in raw.items()}
