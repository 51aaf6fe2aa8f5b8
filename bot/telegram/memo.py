"""What a chat remembers: its conversation context, and what the buttons under answers need.

Everything lives in the chat's ``chat_data`` (PTB persists it, see app.py), so it survives a
restart and is bound to the chat by construction: a key from another chat, or one forgotten
since, is simply unknown and the button says politely that it expired.

Callback data is limited to 64 bytes and is sent back by the client as it likes, so a button
carries only a random key (72 bits: not guessable) and the answer stays here.
"""

from __future__ import annotations

import dataclasses
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from bot.answers import Answer, Passage
from bot.telegram.feedback_store import new_ref

# Answers whose buttons still work, per chat (oldest forgotten first).
ANSWERS_PER_CHAT = 100
# Bot messages whose context a reply continues, per chat.
MESSAGES_PER_CHAT = 300

_ANSWERS = "answers"
_MESSAGES = "message_contexts"
_CONTEXT = "context"


@dataclass(frozen=True)
class Memo:
    """What a button under an answer needs later.

    ``question`` is what was asked as shown to people (``/targets`` for a command);
    ``kind`` and ``argument`` say how to ask the engine again for one province. The key is
    also the question's reference in the statistics (votes refer to it). ``message_id`` is
    the person's message (quoted when a staff member answers it).
    """

    question: str
    answer: Answer
    kind: str = "question"
    argument: str = ""
    message_id: int | None = None
    # When the answer was given (seconds since the epoch); old ones are forgotten.
    at: float = 0.0


def _bounded(data: MutableMapping[str, Any], name: str) -> OrderedDict:
    found = data.get(name)
    if not isinstance(found, OrderedDict):
        found = OrderedDict(found or {})
        data[name] = found
    return found


def _trim(items: OrderedDict, size: int) -> None:
    while len(items) > size:
        items.popitem(last=False)


class ChatMemory:
    """A view of one chat's ``chat_data``: context, answers by key, contexts by message."""

    def __init__(self, data: MutableMapping[str, Any]) -> None:
        self.data = data

    # -------------------------------------------------------------- conversation context

    @property
    def context(self) -> dict[str, Any] | None:
        """The context of the chat's last turn (what "còn 2030?" refers to)."""
        value = self.data.get(_CONTEXT)
        return value if isinstance(value, dict) else None

    @context.setter
    def context(self, value: dict[str, Any] | None) -> None:
        if value is None:
            self.data.pop(_CONTEXT, None)
        else:
            self.data[_CONTEXT] = value

    def clear(self) -> None:
        """/moi: forget the conversation (answers' buttons keep working)."""
        self.data.pop(_CONTEXT, None)
        self.data.pop(_MESSAGES, None)

    def remember_messages(self, message_ids: Iterable[int], context: dict[str, Any] | None) -> None:
        """The bot sent these messages in reply to a turn that left ``context``."""
        if context is None:
            return
        items = _bounded(self.data, _MESSAGES)
        for message_id in message_ids:
            items[int(message_id)] = context
            items.move_to_end(int(message_id))
        _trim(items, MESSAGES_PER_CHAT)

    def context_of_message(self, message_id: int) -> dict[str, Any] | None:
        """The context a reply to the bot's message ``message_id`` continues, if known."""
        found = _bounded(self.data, _MESSAGES).get(int(message_id))
        return found if isinstance(found, dict) else None

    # -------------------------------------------------------------- answers under buttons

    def put(self, memo: Memo, now: float | None = None) -> str:
        """Keep ``memo`` (without what no button needs); returns its new key."""
        key = new_ref()
        items = _bounded(self.data, _ANSWERS)
        items[key] = _to_data(dataclasses.replace(memo, at=time.time() if now is None else now))
        _trim(items, ANSWERS_PER_CHAT)
        return key

    def last_used(self) -> float:
        """When the chat last got an answer or a context (0: never)."""
        times = [
            float(m.get("at") or 0.0)
            for m in _bounded(self.data, _ANSWERS).values()
            if isinstance(m, dict)
        ]
        context = self.context or {}
        at = context.get("at")
        if isinstance(at, int | float):
            times.append(float(at))
        return max(times, default=0.0)

    def get(self, key: str) -> Memo | None:
        """The memo under ``key`` in this chat; None if unknown or forgotten."""
        found = _bounded(self.data, _ANSWERS).get(key)
        return _from_data(found) if isinstance(found, dict) else None


def _to_data(memo: Memo) -> dict[str, Any]:
    """A memo as plain data (what is persisted does not depend on the classes' layout, so a
    new version of the bot still reads it)."""
    answer = memo.answer
    return {
        "question": memo.question,
        "kind": memo.kind,
        "argument": memo.argument,
        "message_id": memo.message_id,
        "at": memo.at,
        "answer": {
            "question": answer.question,
            "text": answer.text,
            "abstained": answer.abstained,
            "plans": list(answer.plans),
            "passages": [dataclasses.asdict(p) for p in answer.passages],
            "intent": answer.intent,
            "plan_choices": list(answer.plan_choices),
            "kind": answer.kind,
            "suggestions": list(answer.suggestions),
            "resolved_question": answer.resolved_question,
        },
    }


def _from_data(data: Mapping[str, Any]) -> Memo | None:
    """The memo back from :func:`_to_data`; None if it cannot be read."""
    try:
        raw = dict(data["answer"])
        passages = [Passage(**p) for p in raw.pop("passages", ())]
        names = {f.name for f in dataclasses.fields(Answer)}
        answer = Answer(passages=passages, **{k: v for k, v in raw.items() if k in names})
        return Memo(
            question=str(data["question"]),
            answer=answer,
            kind=str(data.get("kind") or "question"),
            argument=str(data.get("argument") or ""),
            message_id=data.get("message_id"),
            at=float(data.get("at") or 0.0),
        )
    except (KeyError, TypeError, ValueError):
        return None


def stale_chats(
    chats: Mapping[int, MutableMapping[str, Any]], now: float, max_age_seconds: float
) -> list[int]:
    """Chats whose remembered answers and context are all older than ``max_age_seconds``
    (what people asked is kept no longer than the statistics are)."""
    return [
        chat_id
        for chat_id, data in chats.items()
        if data and now - ChatMemory(data).last_used() > max_age_seconds
    ]
