"""What the buttons under an answer refer to, bound to the chat the answer went to.

Callback data is limited to 64 bytes and is sent back by the client as it likes, so a button
carries only a random key (72 bits: not guessable) and the answer stays here. A key is only
honoured in the chat it was made for; from anywhere else it is as unknown as a key from
before a restart.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from bot.answers import Answer
from bot.telegram.feedback_store import new_ref


@dataclass(frozen=True)
class Memo:
    """What a button under an answer needs later.

    ``question`` is what was asked as shown to people (``/targets`` for a command);
    ``kind`` and ``argument`` say how to ask the engine again for one province. The key is
    also the question's reference in the statistics (votes refer to it).
    """

    chat_id: int
    question: str
    answer: Answer
    kind: str = "question"
    argument: str = ""


class AnswerMemo:
    """Recent answers by random key, oldest forgotten first."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self._items: OrderedDict[str, Memo] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, memo: Memo) -> str:
        """Keep ``memo``; returns its new key."""
        key = new_ref()
        with self._lock:
            self._items[key] = memo
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str, chat_id: int) -> Memo | None:
        """The memo under ``key`` if it was made for ``chat_id``; None otherwise."""
        with self._lock:
            memo = self._items.get(key)
        return memo if memo is not None and memo.chat_id == chat_id else None
