"""The dialogue cue file (knowledge/lexicon/dialogue.yaml): its pydantic models, loading
with errors naming file and key, and its phrases folded and indexed for matching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.admin_map import LEXICON_DIR, lexicon_file
from bot.datafile import DataFileError, read_model
from bot.textnorm import tokenize

DIALOGUE_FILE = LEXICON_DIR / "dialogue.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FollowupCues(_Model):
    starts: tuple[str, ...]
    ends: tuple[str, ...]


class Attribute(_Model):
    cues: tuple[str, ...]
    template: str


class RelativePeriods(_Model):
    """Words for the period after or before the one last asked ("giai đoạn sau")."""

    next: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    # The programme's phases by their order, whatever was asked last ("giai đoạn 1").
    first: tuple[str, ...] = ()
    second: tuple[str, ...] = ()
    # From a milestone year to the next one (2025 → 2030) when only a year was asked.
    milestone_step: int = 5
    # The programme's first and last milestone years: "giai đoạn sau" asked after the last
    # one means the later period, not one the plans do not reach.
    horizon: tuple[int, int] = (2025, 2030)


class DialogueLexicon(_Model):
    """knowledge/lexicon/dialogue.yaml."""

    followup_cues: FollowupCues
    fillers: tuple[str, ...]
    task_refs: tuple[str, ...]
    attributes: dict[str, Attribute]
    relative_periods: RelativePeriods = RelativePeriods()
    # Refers back to the agency last asked about: "sở đó", "that department".
    agency_refs: tuple[str, ...] = ()
    # A message opening with these leaves its subject to the conversation ("có đào tạo cả
    # cán bộ xã phường ko", "phải báo cáo lên Bộ không?").
    elided_subject_starts: tuple[str, ...] = ()


class DialogueLexiconError(DataFileError):
    """The dialogue cue file is missing or invalid (message names file and key)."""


# First word -> (phrase, position in its list), longest phrases first.
PhraseIndex = dict[str, tuple[tuple[tuple[str, ...], int], ...]]


def _index(phrases: Sequence[tuple[str, ...]]) -> PhraseIndex:
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for pi, phrase in enumerate(phrases):
        by_first.setdefault(phrase[0], []).append((phrase, pi))
    return {w: tuple(sorted(v, key=lambda x: -len(x[0]))) for w, v in by_first.items()}


@dataclass(frozen=True)
class Phrases:
    """Folded word tuples of the cue file, longest first, ready for matching."""

    starts: tuple[tuple[str, ...], ...]
    ends: tuple[tuple[str, ...], ...]
    fillers: tuple[tuple[str, ...], ...]
    refs: tuple[tuple[str, ...], ...]
    attributes: tuple[tuple[tuple[str, ...], str], ...]  # (phrase, attribute name)
    templates: dict[str, str]
    fillers_index: PhraseIndex = field(default_factory=dict)
    refs_index: PhraseIndex = field(default_factory=dict)
    attributes_index: PhraseIndex = field(default_factory=dict)


def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(t.folded for t in tokenize(phrase))


def _sorted(phrases: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        sorted({phrase_words(p) for p in phrases if phrase_words(p)}, key=lambda w: -len(w))
    )


def load_dialogue_lexicon(path: Path | None = None) -> DialogueLexicon:
    """Read and validate the cue file; errors name the file, the key and the problem."""
    return _load(str(path or lexicon_file("dialogue.yaml")))


@lru_cache(maxsize=8)
def _load(path_text: str) -> DialogueLexicon:
    path = Path(path_text)
    lexicon = read_model(path, DialogueLexicon, DialogueLexiconError)
    for name, attr in lexicon.attributes.items():
        if "{task}" not in attr.template:
            location = f"attributes.{name}.template"
            raise DialogueLexiconError(str(path), location, "must contain {task}")
    return lexicon


_PHRASES: dict[int, tuple[DialogueLexicon, Phrases]] = {}


def compiled_phrases(lexicon: DialogueLexicon) -> Phrases:
    """The lexicon's phrases, compiled once per lexicon object."""
    cached = _PHRASES.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        cached = (lexicon, _compile(lexicon))
        _PHRASES[id(lexicon)] = cached
    return cached[1]


def _compile(lexicon: DialogueLexicon) -> Phrases:
    attrs = sorted(
        {(phrase_words(c), name) for name, a in lexicon.attributes.items() for c in a.cues},
        key=lambda x: -len(x[0]),
    )
    fillers, refs = _sorted(lexicon.fillers), _sorted(lexicon.task_refs)
    return Phrases(
        starts=_sorted(lexicon.followup_cues.starts),
        ends=_sorted(lexicon.followup_cues.ends),
        fillers=fillers,
        refs=refs,
        attributes=tuple(attrs),
        templates={name: a.template for name, a in lexicon.attributes.items()},
        fillers_index=_index(fillers),
        refs_index=_index(refs),
        attributes_index=_index([p for p, _ in attrs]),
    )
