"""Small talk and help: detection, one voice, example questions as data, not-found reply."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.smalltalk import (
    SMALLTALK_FILE,
    SmallTalkLexiconError,
    detect,
    examples,
    load_smalltalk_lexicon,
    not_found_reply,
    reply,
    split_greeting,
)
from bot.textnorm import fold

PROVINCES = ["Bình Thuận", "Kon Tum"]


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("chào bot", "greeting"),
        ("Xin chào!", "greeting"),
        ("xin chao ban", "greeting"),
        ("hello", "greeting"),
        ("Hi there", "greeting"),
        ("cảm ơn", "thanks"),
        ("cam on ban nhieu nhe", "thanks"),
        ("Thanks!", "thanks"),
        ("thank you so much", "thanks"),
        ("bạn là ai?", "who"),
        ("ban la ai", "who"),
        ("Who are you?", "who"),
        ("bạn làm được gì?", "capabilities"),
        ("ban giup duoc gi", "capabilities"),
        ("What can you do?", "capabilities"),
        ("/help", "capabilities"),
        ("ok", "ack"),
        ("Oke nhé", "ack"),
        ("vâng ạ", "ack"),
        ("tạm biệt", "goodbye"),
        ("bye bye", "goodbye"),
        ("chào bạn, cảm ơn nhé", "thanks"),
    ],
)
def test_small_talk_is_recognised(message: str, kind: str) -> None:
    assert detect(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        "chào, Kon Tum đào tạo bao nhiêu người?",
        "ok vậy còn 2030?",
        "Giám đốc Sở là ai?",
        "ai chủ trì?",
        "Cảm ơn, thế kinh phí lấy từ đâu?",
        "hello, who leads the annual plan in Kon Tum?",
        "Kon Tum",
        "",
    ],
)
def test_questions_are_not_small_talk(message: str) -> None:
    assert detect(message) is None


def test_a_leading_greeting_is_split_from_the_question() -> None:
    assert split_greeting("Chào bot, Kon Tum đào tạo bao nhiêu người?") == (
        "Kon Tum đào tạo bao nhiêu người?"
    )
    assert split_greeting("ok, còn 2030?") == "Còn 2030?"
    assert split_greeting("bạn là ai?") == "bạn là ai?"
    assert split_greeting("Kon Tum?") == "Kon Tum?"


@pytest.mark.parametrize("kind", ["greeting", "thanks", "who", "capabilities", "ack", "goodbye"])
def test_replies_speak_in_one_voice_without_apology(kind: str) -> None:
    talk = reply(kind, PROVINCES)  # type: ignore[arg-type]
    words = fold(talk.text).split()
    assert "toi" not in words and "xin loi" not in fold(talk.text)
    assert "nguon:" not in fold(talk.text)
    assert "Bình Thuận" in talk.text and "Kon Tum" in talk.text
    if kind in ("greeting", "who", "capabilities"):
        assert 3 <= len(talk.suggestions) <= 4
    else:
        assert talk.suggestions == ()


def test_examples_are_short_and_name_every_loaded_province() -> None:
    labels = examples(PROVINCES)
    assert 3 <= len(labels) <= 4 and len(set(labels)) == len(labels)
    assert all(len(label) <= load_smalltalk_lexicon().max_label_chars for label in labels)
    assert all(any(p in label for p in PROVINCES) for label in labels)
    assert {p for p in PROVINCES if any(p in label for label in labels)} == set(PROVINCES)
    # A long name that would not fit a phone is not used.
    long_name = "Bà Rịa - Vũng Tàu và các vùng lân cận"
    assert all(long_name not in label for label in examples([long_name, "Kon Tum"]))


def test_not_found_reply_offers_what_the_plans_cover() -> None:
    text, labels = not_found_reply(PROVINCES, named=["Kon Tum"])
    assert "Bình Thuận" in text and "mục tiêu" in text and "xin lỗi" not in fold(text)
    assert "tôi" not in text.split()
    assert labels and "Kon Tum" in labels[0]


def test_lexicon_is_validated(tmp_path: Path) -> None:
    data = yaml.safe_load(SMALLTALK_FILE.read_text(encoding="utf-8"))
    data["kinds"]["thanks"]["reply"] = "Không có gì, tôi rất vui."
    path = tmp_path / "smalltalk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SmallTalkLexiconError) as err:
        load_smalltalk_lexicon(path)
    assert str(path) in str(err.value) and "kinds.thanks.reply" in str(err.value)
    data["kinds"]["thanks"]["replay"] = data["kinds"]["thanks"].pop("reply")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SmallTalkLexiconError, match="kinds.thanks.replay"):
        load_smalltalk_lexicon(path)
