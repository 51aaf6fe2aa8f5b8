"""The bot's vocabulary as validated data: knowledge/lexicon/*.yaml, loaded once.

Agencies and their aliases, metrics, intents (cue patterns, fact kinds, plan terms),
question-form words, stop words and the English glossary live in YAML files so that a
synonym or an agency is a data change. Each file is validated by a pydantic model
(unknown keys are errors); regexes are compiled, aliases folded and checked for clashes,
and any problem raises one LexiconError naming the file, the location and the problem.

`lexicon()` loads the folder once per process (PLANBOT_LEXICON_DIR, else
knowledge/lexicon/); `load_lexicon(folder)` loads any folder, uncached.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict

from bot.datafile import DataFileError, read_model
from bot.facts import Category
from bot.textnorm import Token, fold, nfc, tokenize

__all__ = [
    "DEFAULT_LEXICON_DIR",
    "LEXICON_ENV",
    "REQUIRED_CUES",
    "AgencyEntry",
    "FactKind",
    "IntentName",
    "Lexicon",
    "LexiconError",
    "MergedInto",
    "compile_cues",
    "lexicon",
    "load_lexicon",
    "read_file",
    "reset_lexicon",
]

LEXICON_ENV = "PLANBOT_LEXICON_DIR"
DEFAULT_LEXICON_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "lexicon"

IntentName = Literal[
    "target",
    "lead",
    "duties",
    "timeline",
    "funding",
    "legal",
    "scope",
    "sectors",
    "signer",
    "tasks",
    "plans",
    "general",
]
FactKind = Literal[
    "target",
    "task",
    "body_task",
    "responsibility",
    "phase",
    "funding",
    "decision",
    "scope",
    "sector",
    "signer",
    "clause",
    "objective",
]
# The cue lists bot.query._intent reads, per intent: a missing or unknown list is an error.
REQUIRED_CUES: dict[str, tuple[str, ...]] = {
    "target": ("count", "weak"),
    "lead": ("who", "strong", "weak", "with_agency"),
    "duties": ("strong", "what"),
    "timeline": ("strong", "weak"),
    "funding": ("strong", "payer"),
    "legal": ("strong", "weak"),
    "scope": ("strong", "applies", "weak"),
    "sectors": ("strong", "weak"),
    "signer": ("strong", "issuer"),
    "tasks": ("strong",),
    "plans": ("strong",),
    "general": (),
}


class LexiconError(DataFileError):
    """A lexicon file is missing, unreadable or invalid: names file, location and problem."""


# --- models ------------------------------------------------------------------------------


def _split_words(value: Any) -> Any:
    """A block of space-separated words reads as a list (long word lists stay readable)."""
    return value.split() if isinstance(value, str) else value


WordList = Annotated[list[str], BeforeValidator(_split_words)]


class _Model(BaseModel):
    """Base: unknown keys are errors (a typo must not silently drop vocabulary)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class MergedInto(_Model):
    """Which agency took over a merged one, since when, by which legal act."""

    agency: str
    date: dt.date | None = None
    basis: str | None = None


class AgencyEntry(_Model):
    """One agency: canonical name, aliases and abbreviations, post-2025 successor."""

    name: str
    aliases: list[str] = []
    abbreviations: list[str] = []
    # Agencies the plans name only through this group ("Sở Công Thương" in "các sở, ngành"):
    # matched like aliases; answers say the plan gives them no duty of their own.
    members: dict[str, list[str]] = {}
    merged_into: MergedInto | None = None


class _AgenciesFile(_Model):
    agencies: list[AgencyEntry]
    abbreviation_words: dict[str, str] = {}
    not_after: dict[str, list[str]] = {}
    short_forms: dict[str, str] = {}


class _MetricEntry(_Model):
    category: Category
    needs_number_cue: bool = False
    # A unit other measures count in ("doanh nghiệp"): counted after a more specific
    # measure the question names, the specific one is what it asks.
    unit: bool = False
    plan_terms: str = ""
    cues: list[str]


class _MetricsFile(_Model):
    metrics: list[_MetricEntry]


class _IntentEntry(_Model):
    fact_kinds: list[FactKind] | None = None
    plan_terms: str = ""
    cues: dict[str, list[str]] = {}


class _Comparison(_Model):
    strong: list[str]
    comparative: list[str]


class _IntentsFile(_Model):
    intents: dict[IntentName, _IntentEntry]
    comparison: _Comparison


class _QuestionFormsFile(_Model):
    words: WordList
    phrases: list[str]
    preface_openers: list[str] = []


class _LanguageMarkers(_Model):
    en: WordList
    vi: WordList


class _StopwordsFile(_Model):
    vietnamese: WordList
    english: WordList
    name_fillers: WordList
    language_markers: _LanguageMarkers


class _GlossaryFile(_Model):
    terms: dict[str, str]
    function_words: WordList


# --- the compiled lexicon ----------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """Validated vocabulary with its matching tables precomputed."""

    folder: Path
    agencies: tuple[AgencyEntry, ...]
    # Canonical name -> folded aliases (abbreviations included), in file order.
    agency_aliases: dict[str, tuple[str, ...]]
    # (alias syllables, canonical name), longest alias first.
    alias_table: tuple[tuple[tuple[str, ...], str], ...]
    # The same, grouped by the alias's first syllable (in the same order).
    aliases_by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    # Folded abbreviated word -> folded spelled-out words ("ubnd" -> "uy ban nhan dan").
    abbreviation_words: dict[str, str]
    # Folded alias -> folded phrases after which it names a field, not the agency
    # ("sự nghiệp KH&CN" is science and technology, not the department).
    not_after: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]
    # (full name as the plans write it, case-insensitive; the short form after its first use).
    short_forms: tuple[tuple[re.Pattern[str], str], ...]
    # Folded syllables of a group's member -> its name as written ("Sở Công Thương").
    agency_members: dict[tuple[str, ...], str]
    cues: dict[tuple[str, str], re.Pattern[str]]
    compare: re.Pattern[str]
    comparative: re.Pattern[str]
    metrics: tuple[tuple[Category, re.Pattern[str], bool], ...]
    unit_metrics: frozenset[str]
    metric_terms: dict[str, str]
    intent_kinds: dict[str, tuple[str, ...]]
    intent_terms: dict[str, str]
    question_words: frozenset[str]
    # First folded syllable -> (folded syllables, syllables as written), longest first.
    question_phrases: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    # Folded phrases that open a self-introduction ("tôi làm ở …,"): its words say who asks.
    preface_openers: tuple[tuple[str, ...], ...]
    # Words of the question forms written without diacritics (the English ones, "role").
    english_form_words: frozenset[str]
    stop_vi: frozenset[str]  # as written, with diacritics
    stop_folded: frozenset[str]
    name_fillers: frozenset[str]
    en_markers: frozenset[str]
    vi_markers: frozenset[str]
    english_terms: dict[str, str]
    english_function_words: frozenset[str]

    def is_stop(self, token: Token) -> bool:
        """A stop word: as written when typed with diacritics ("đo" is not "do"), else folded
        (a "nam" typed bare may be "năm")."""
        if token.raw != token.folded:
            return token.raw in self.stop_vi
        return token.folded in self.stop_folded

    def cue(self, intent: str, name: str) -> re.Pattern[str]:
        """The compiled cue list `name` of an intent (all present: checked at load)."""
        return self.cues[(intent, name)]

    def agency(self, name: str) -> AgencyEntry | None:
        """The entry of a canonical agency name."""
        return next((a for a in self.agencies if a.name == name), None)


# --- loading -----------------------------------------------------------------------------

_M = TypeVar("_M", bound=BaseModel)


def read_file(folder: Path, name: str, model: type[_M]) -> _M:
    """Read and validate one lexicon file; every problem becomes a LexiconError."""
    return read_model(folder / name, model, LexiconError)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def compile_cues(file: str, where: str, patterns: list[str]) -> re.Pattern[str]:
    """One alternation of a cue list; each pattern must compile and be written folded."""
    if not patterns:
        raise LexiconError(file, where, "a cue list needs at least one pattern")
    for i, p in enumerate(patterns):
        if _NON_ASCII.search(p):
            raise LexiconError(
                file,
                f"{where}[{i}]",
                f"pattern {p!r} must be written on folded text "
                "(no diacritics, đ as d): questions are matched folded",
            )
        try:
            re.compile(p)
        except re.error as exc:
            problem = f"pattern {p!r} does not compile: {exc}"
            raise LexiconError(file, f"{where}[{i}]", problem) from exc
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _syllables(text: str) -> tuple[str, ...]:
    """Folded syllables, split as questions are (bot.textnorm.tokenize)."""
    return tuple(t.folded for t in tokenize(text))


def _agencies(folder: Path) -> tuple[Any, ...]:
    file = str(folder / "agencies.yaml")
    data = read_file(folder, "agencies.yaml", _AgenciesFile)
    owner: dict[tuple[str, ...], tuple[str, str]] = {}  # alias -> (agency, location)
    aliases: dict[str, tuple[str, ...]] = {}
    members: dict[tuple[str, ...], str] = {}
    names = {a.name for a in data.agencies}
    for i, entry in enumerate(data.agencies):
        if entry.name in aliases:
            raise LexiconError(file, f"agencies[{i}].name", f"{entry.name!r} is listed twice")
        if entry.merged_into and entry.merged_into.agency not in names:
            raise LexiconError(
                file,
                f"agencies[{i}].merged_into.agency",
                f"{entry.merged_into.agency!r} is not an agency of this file",
            )
        folded: list[str] = []
        # (location, alias as written, the member it names if any)
        named_as: list[tuple[str, str, str | None]] = [
            (f"agencies[{i}].{field}[{j}]", alias, None)
            for field in ("aliases", "abbreviations")
            for j, alias in enumerate(getattr(entry, field))
        ]
        for member, others in entry.members.items():
            named_as.append((f"agencies[{i}].members.{member}", member, member))
            named_as += [
                (f"agencies[{i}].members.{member}[{j}]", o, member) for j, o in enumerate(others)
            ]
        for where, alias, member in named_as:
            words = _syllables(alias)
            if not words:
                raise LexiconError(file, where, f"alias {alias!r} has no letters or digits")
            seen = owner.get(words)
            if seen and seen[0] != entry.name:
                raise LexiconError(
                    file,
                    where,
                    f"alias {alias!r} also names {seen[0]!r} ({seen[1]}); "
                    "an alias may name one agency only",
                )
            if not seen:
                owner[words] = (entry.name, where)
                folded.append(" ".join(words))
            if member is not None:
                members[words] = nfc(member)
        if not folded:
            raise LexiconError(file, f"agencies[{i}]", f"{entry.name!r} has no alias")
        aliases[entry.name] = tuple(folded)
    table = tuple(
        sorted(
            ((tuple(a.split()), name) for name, al in aliases.items() for a in al),
            key=lambda a: -len(a[0]),
        )
    )
    abbreviations = {}
    for short, full in data.abbreviation_words.items():
        if len(_syllables(short)) != 1 or not _syllables(full):
            raise LexiconError(
                file, f"abbreviation_words.{short}", "must map one word to its spelled-out words"
            )
        abbreviations[fold(short)] = fold(full)
    known = {a for al in aliases.values() for a in al}
    not_after: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for alias, phrases in data.not_after.items():
        key = " ".join(_syllables(alias))
        if key not in known:
            raise LexiconError(file, f"not_after.{alias}", "is not an alias of an agency")
        not_after[tuple(key.split())] = tuple(tuple(_syllables(p)) for p in phrases if p)
    shorts = []
    for full, short in data.short_forms.items():
        where = f"short_forms.{full}"
        named = owner.get(tuple(_syllables(full)))
        if named is None:
            raise LexiconError(file, where, f"{full!r} is not an alias of an agency")
        also = owner.get(tuple(_syllables(short)))
        if also is None or also[0] != named[0]:
            raise LexiconError(
                file, where, f"{short!r} is not an alias or abbreviation of {named[0]!r}"
            )
        pattern = re.compile(rf"(?<!\w){re.escape(nfc(full))}(?!\w)", re.IGNORECASE)
        shorts.append((pattern, nfc(short)))
    return tuple(data.agencies), aliases, table, abbreviations, not_after, tuple(shorts), members


def _by_first(
    table: tuple[tuple[tuple[str, ...], str], ...],
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for alias, name in table:
        grouped.setdefault(alias[0], []).append((alias, name))
    return {first: tuple(entries) for first, entries in grouped.items()}


def _question_phrases(
    file: str, phrases: list[str]
) -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for i, phrase in enumerate(phrases):
        tokens = tokenize(phrase)
        if not tokens:
            raise LexiconError(file, f"phrases[{i}]", f"{phrase!r} has no letters or digits")
        folded = tuple(t.folded for t in tokens)
        written = tuple(t.raw for t in tokens)
        by_first.setdefault(folded[0], []).append((folded, written))
    return {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in by_first.items()}


def _openers(file: str, phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    out = []
    for i, phrase in enumerate(phrases):
        syl = _syllables(phrase)
        if not syl:
            raise LexiconError(
                file, f"preface_openers[{i}]", f"{phrase!r} has no letters or digits"
            )
        out.append(syl)
    return tuple(sorted(out, key=len, reverse=True))


def _single_syllables(file: str, key: str, words: list[str]) -> frozenset[str]:
    """Folded words, each one syllable (a two-syllable entry would never match)."""
    out = set()
    for i, w in enumerate(words):
        syl = _syllables(w)
        if len(syl) != 1:
            raise LexiconError(file, f"{key}[{i}]", f"{w!r} must be one word")
        out.add(syl[0])
    return frozenset(out)


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Load and validate every lexicon file of a folder (default: the configured one)."""
    folder = Path(folder) if folder is not None else _configured_dir()
    agencies, aliases, table, abbreviations, not_after, shorts, members = _agencies(folder)

    metrics_file = str(folder / "metrics.yaml")
    metrics_data = read_file(folder, "metrics.yaml", _MetricsFile)
    metrics = tuple(
        (m.category, compile_cues(metrics_file, f"metrics[{i}].cues", m.cues), m.needs_number_cue)
        for i, m in enumerate(metrics_data.metrics)
    )
    metric_terms = {m.category: m.plan_terms for m in metrics_data.metrics if m.plan_terms}

    intents_file = str(folder / "intents.yaml")
    intents = read_file(folder, "intents.yaml", _IntentsFile)
    cues: dict[tuple[str, str], re.Pattern[str]] = {}
    for intent, required in REQUIRED_CUES.items():
        entry = intents.intents.get(intent)  # type: ignore[call-overload]
        if entry is None:
            raise LexiconError(intents_file, f"intents.{intent}", "missing intent")
        for name in entry.cues:
            if name not in required:
                known = ", ".join(required) or "none"
                raise LexiconError(
                    intents_file,
                    f"intents.{intent}.cues.{name}",
                    f"unknown cue list (the parser reads: {known})",
                )
        for name in required:
            if name not in entry.cues:
                raise LexiconError(
                    intents_file, f"intents.{intent}.cues", f"missing cue list {name!r}"
                )
            where = f"intents.{intent}.cues.{name}"
            cues[(intent, name)] = compile_cues(intents_file, where, entry.cues[name])
    general = intents.intents["general"].fact_kinds
    if not general:
        raise LexiconError(intents_file, "intents.general.fact_kinds", "must list fact kinds")
    intent_kinds = {
        name: tuple(e.fact_kinds) for name, e in intents.intents.items() if e.fact_kinds
    }
    intent_terms = {name: e.plan_terms for name, e in intents.intents.items() if e.plan_terms}

    forms_file = str(folder / "question_forms.yaml")
    forms = read_file(folder, "question_forms.yaml", _QuestionFormsFile)
    stop_file = str(folder / "stopwords.yaml")
    stop = read_file(folder, "stopwords.yaml", _StopwordsFile)
    gloss_file = str(folder / "glossary_en.yaml")
    gloss = read_file(folder, "glossary_en.yaml", _GlossaryFile)
    return Lexicon(
        folder=folder,
        agencies=agencies,
        agency_aliases=aliases,
        alias_table=table,
        aliases_by_first=_by_first(table),
        abbreviation_words=abbreviations,
        not_after=not_after,
        short_forms=shorts,
        agency_members=members,
        cues=cues,
        compare=compile_cues(intents_file, "comparison.strong", intents.comparison.strong),
        comparative=compile_cues(
            intents_file, "comparison.comparative", intents.comparison.comparative
        ),
        metrics=metrics,
        unit_metrics=frozenset(m.category for m in metrics_data.metrics if m.unit),
        metric_terms=metric_terms,
        intent_kinds=intent_kinds,
        intent_terms=intent_terms,
        question_words=_single_syllables(forms_file, "words", forms.words),
        question_phrases=_question_phrases(forms_file, forms.phrases),
        preface_openers=_openers(forms_file, forms.preface_openers),
        english_form_words=frozenset(
            w for p in forms.phrases if p.isascii() for w in _syllables(p)
        ),
        stop_vi=frozenset(nfc(w).lower() for w in stop.vietnamese),
        stop_folded=_single_syllables(stop_file, "vietnamese", stop.vietnamese)
        | _single_syllables(stop_file, "english", stop.english),
        name_fillers=_single_syllables(stop_file, "name_fillers", stop.name_fillers),
        en_markers=_single_syllables(stop_file, "language_markers.en", stop.language_markers.en),
        vi_markers=_single_syllables(stop_file, "language_markers.vi", stop.language_markers.vi),
        english_terms={fold(k): v for k, v in gloss.terms.items()},
        english_function_words=_single_syllables(
            gloss_file, "function_words", gloss.function_words
        ),
    )


def _configured_dir() -> Path:
    """PLANBOT_LEXICON_DIR when set, else knowledge/lexicon/ of the repository."""
    configured = os.environ.get(LEXICON_ENV)
    return Path(configured) if configured else DEFAULT_LEXICON_DIR


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process's lexicon, loaded and validated on first use."""
    return load_lexicon()


def reset_lexicon() -> None:
    """Forget the loaded lexicon: the next lexicon() call reads the files again."""
    lexicon.cache_clear()
