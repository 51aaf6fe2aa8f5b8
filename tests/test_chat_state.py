"""The chats' state file: one background, atomic write per cycle, whatever the chat count."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from telegram import Bot
from telegram.ext import PersistenceInput

from bot.telegram.chat_state import ChatStatePersistence

CHATS_ONLY = PersistenceInput(bot_data=False, chat_data=True, user_data=False, callback_data=False)


def _persistence(path: Path) -> ChatStatePersistence:
    persistence = ChatStatePersistence(path, CHATS_ONLY, update_interval=10)
    persistence.set_bot(Bot("123456:TEST"))
    return persistence


async def _settle(persistence: ChatStatePersistence) -> None:
    if persistence._writer is not None:
        await persistence._writer


async def test_a_cycle_of_many_chats_is_written_once(tmp_path: Path) -> None:
    path = tmp_path / "chats.pickle"
    persistence = _persistence(path)
    for chat in range(50):
        await persistence.update_chat_data(chat, {"context": {"plans": [f"p{chat}"]}, "n": None})
    await _settle(persistence)
    assert persistence.writes == 1
    assert not list(tmp_path.glob("*.tmp"))
    # Unchanged data is not written again; a change and a drop are.
    await persistence.update_chat_data(7, {"context": {"plans": ["p7"]}, "n": None})
    await _settle(persistence)
    assert persistence.writes == 1
    await persistence.update_chat_data(7, {"context": {"plans": ["kon-tum"]}})
    await persistence.drop_chat_data(8)
    await _settle(persistence)
    assert persistence.writes == 2

    again = _persistence(path)
    chats = await again.get_chat_data()
    assert len(chats) == 49 and 8 not in chats
    assert chats[7] == {"context": {"plans": ["kon-tum"]}}
    assert chats[3] == {"context": {"plans": ["p3"]}, "n": None}


async def test_flush_writes_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "chats.pickle"
    persistence = _persistence(path)
    await persistence.update_chat_data(1, {"x": 1})
    await persistence.flush()
    assert (await _persistence(path).get_chat_data()) == {1: {"x": 1}}


async def test_a_failed_write_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "missing-folder" / "chats.pickle"
    persistence = _persistence(path)
    with caplog.at_level(logging.WARNING, logger="bot.telegram.chat_state"):
        await persistence.update_chat_data(1, {"x": 1})
        await _settle(persistence)
    assert "could not save the chats' state" in caplog.text
    assert not path.exists()
