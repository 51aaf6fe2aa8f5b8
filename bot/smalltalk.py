"""Small talk and help: greetings, thanks, "who are you", "ok", goodbyes; the not-found reply.

A message is small talk only when nothing but cue phrases (and address words such as
"bot", "bạn", "nhé") remains, so a real question that starts with "chào" or "ok" is still
answered. Replies speak in one voice ("mình"), name the provinces loaded, and come with
3–4 example questions as data (Telegram shows them as buttons). Phrases and replies are
data: knowledge/lexicon/smalltalk.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from bot.admin_map import LEXICON_DIR, lexicon_file
from bot.datafile import DataFileError, read_model
from bot.textnorm import collapse_ws, nfc, tokenize

__all__ = [
    "SmallTalk",
    "SmallTalkLexicon",
    "detect",
    "examples",
    "load_smalltalk_lexicon",
    "not_found_reply",
    "reply",
    "split_greeting",
]

SMALLTALK_FILE = LEXICON_DIR / "smalltalk.yaml"
SmallTalkKind = Literal["greeting", "thanks", "who", "capabilities", "ack", "goodbye"]
EXAMPLES_SHOWN = 4
_PREFIX_KINDS = ("greeting", "ack", "thanks")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Kind(_Model):
    cues: tuple[str, ...]
    reply: str


class SmallTalkLexicon(_Model):
    """knowledge/lexicon/smalltalk.yaml."""

    address: tuple[str, ...]
    kinds: dict[SmallTalkKind, _Kind]
    priority: tuple[SmallTalkKind, ...]
    max_label_chars: int
    examples: tuple[str, ...]
    not_found: str

    @model_validator(mode="after")
    def _check(self) -> SmallTalkLexicon:
        missing = set(self.kinds) - set(self.priority)
        if missing:
            raise ValueError(f"priority: kinds missing from it: {sorted(missing)}")
        for name, kind in self.kinds.items():
            if "tôi" in kind.reply.lower().split():
                raise ValueError(f"kinds.{name}.reply: the bot calls itself 'mình', not 'tôi'")
        if len(self.examples) < 3:
            raise ValueError("examples: at least 3 are needed")
        for i, ex in enumerate(self.examples):
            if "{province}" not in ex:
                raise ValueError(f"examples.{i}: must contain {{province}}")
        return self


class SmallTalkLexiconError(DataFileError):
    """The small-talk file is missing or invalid (message names file and key)."""


def load_smalltalk_lexicon(path: Path | None = None) -> SmallTalkLexicon:
    """Read and validate the file; errors name the file, the key and the problem."""
    return _load(str(path or lexicon_file("smalltalk.yaml")))


@lru_cache(maxsize=8)
def _load(path_text: str) -> SmallTalkLexicon:
    return read_model(Path(path_text), SmallTalkLexicon, SmallTalkLexiconError)


@dataclass(frozen=True)
class _Compiled:
    address: frozenset[str]
    cues: tuple[tuple[tuple[str, ...], str], ...]  # (folded words, kind), longest first


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.folded for t in tokenize(text))


_COMPILED: dict[int, tuple[SmallTalkLexicon, _Compiled]] = {}


def _compiled(lex: SmallTalkLexicon) -> _Compiled:
    cached = _COMPILED.get(id(lex))
    if cached is None or cached[0] is not lex:
        cues = {(_words(c), k) for k, kind in lex.kinds.items() for c in kind.cues if _words(c)}
        compiled = _Compiled(
            address=frozenset(w for a in lex.address for w in _words(a)),
            cues=tuple(sorted(cues, key=lambda c: -len(c[0]))),
        )
        cached = (lex, compiled)
        _COMPILED[id(lex)] = cached
    return cached[1]


def _cover(words: Sequence[str], comp: _Compiled) -> list[tuple[int, int, str]] | None:
    """Cue spans covering every non-address word, greedily longest first; else None."""
    spans: list[tuple[int, int, str]] = []
    i, n = 0, len(words)
    while i < n:
        for phrase, kind in comp.cues:
            j = i + len(phrase)
            if tuple(words[i:j]) == phrase:
                spans.append((i, j, kind))
                i = j
                break
        else:
            if words[i] not in comp.address:
                return None
            i += 1
    return spans


def detect(text: str, lexicon: SmallTalkLexicon | None = None) -> SmallTalkKind | None:
    """The kind of small talk a whole message is, or None when it asks something else."""
    lex = lexicon or load_smalltalk_lexicon()
    words = _words(text)
    if not words or len(words) > 12:
        return None
    spans = _cover(words, _compiled(lex))
    if not spans:
        return None
    kinds = {k for _, _, k in spans}
    return next(k for k in lex.priority if k in kinds)  # type: ignore[return-value]


def split_greeting(text: str, lexicon: SmallTalkLexicon | None = None) -> str:
    """The question after a leading greeting/ack ("chào bot, Kon Tum …?" → "Kon Tum …?")."""
    lex = lexicon or load_smalltalk_lexicon()
    comp = _compiled(lex)
    tokens = tokenize(text)
    words = [t.folded for t in tokens]
    i, matched = 0, False
    while i < len(words):
        hit = next(
            (p for p, k in comp.cues if k in _PREFIX_KINDS and tuple(words[i : i + len(p)]) == p),
            None,
        )
        if hit is not None:
            i, matched = i + len(hit), True
        elif matched and words[i] in comp.address:
            i += 1
        else:
            break
    if not matched or i >= len(tokens):
        return text
    rest = collapse_ws(nfc(text)[tokens[i].start :])
    return rest[:1].upper() + rest[1:]


def _joined(provinces: Sequence[str]) -> str:
    names = list(provinces)
    if not names:
        return "(chưa có kế hoạch nào)"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " và " + names[-1]


def examples(
    provinces: Sequence[str], lexicon: SmallTalkLexicon | None = None, limit: int = EXAMPLES_SHOWN
) -> list[str]:
    """Example questions naming the loaded provinces in turn, each short enough for a phone."""
    lex = lexicon or load_smalltalk_lexicon()
    if not provinces:
        return []
    out: list[str] = []
    for i, template in enumerate(lex.examples):
        # Each template tries the provinces in turn from a different start.
        for k in range(len(provinces)):
            label = template.format(province=provinces[(i + k) % len(provinces)])
            if len(label) <= lex.max_label_chars:
                out.append(label)
                break
        if len(out) >= limit:
            break
    return out


@dataclass(frozen=True)
class SmallTalk:
    """A small-talk reply: its kind, its text, and example questions (button labels)."""

    kind: SmallTalkKind
    text: str
    suggestions: tuple[str, ...]


def reply(
    kind: SmallTalkKind, provinces: Sequence[str], lexicon: SmallTalkLexicon | None = None
) -> SmallTalk:
    """The reply to one kind of small talk, with examples (not after thanks/ok/goodbye)."""
    lex = lexicon or load_smalltalk_lexicon()
    text = collapse_ws(lex.kinds[kind].reply.format(provinces=_joined(provinces)))
    offer = kind in ("greeting", "who", "capabilities")
    return SmallTalk(kind, text, tuple(examples(provinces, lex)) if offer else ())


def not_found_reply(
    provinces: Sequence[str],
    named: Sequence[str] = (),
    lexicon: SmallTalkLexicon | None = None,
) -> tuple[str, tuple[str, ...]]:
    """A helpful "not found": what the plans cover, and questions the bot can answer.

    `named`: provinces the question named (their examples come first).
    """
    lex = lexicon or load_smalltalk_lexicon()
    text = collapse_ws(lex.not_found.format(provinces=_joined(provinces)))
    order = [p for p in named if p in provinces] + [p for p in provinces if p not in named]
    return text, tuple(examples(order, lex))
