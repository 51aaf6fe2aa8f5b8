"""What shape of answer a question asks for: one value, a complete list, a section, yes/no,
something the plan does not state, or a question outside the plans.

The cues are data (knowledge/lexicon/shapes.yaml), matched on the folded question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.errors import PlanBotError
from bot.query import Query

SHAPES_FILE = (
    Path(__file__).resolve().parent.parent.parent / "knowledge" / "lexicon" / "shapes.yaml"
)

Shape = Literal["value", "list"]


class LexiconError(PlanBotError):
    """A vocabulary file is unreadable or invalid: names the file, the location, the problem."""


def _patterns(values: list[str]) -> list[str]:
    for i, p in enumerate(values):
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"item {i}: pattern {p!r} does not compile: {e}") from e
    return values


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SectionSpec(_Model):
    """A section of a plan users ask for by name."""

    key: str
    label: str
    topic: str | None = None
    cues: list[str]
    headings: list[str]

    _check_cues = field_validator("cues", "headings")(_patterns)


class NotStatedSpec(_Model):
    """Something users ask that a plan may not contain, and what comes closest."""

    key: str
    label: str
    topic: str | None = None
    field: str | None = None
    closest: Literal["plan_identity", "funding", "targets", "feedback"]
    cues: list[str]

    _check_cues = field_validator("cues")(_patterns)


class ShapeLexicon(_Model):
    """knowledge/lexicon/shapes.yaml."""

    list_cues: list[str]
    value_cues: list[str]
    yesno_cues: list[str]
    yesno_cues_en: list[str]
    sections: list[SectionSpec]
    not_stated: list[NotStatedSpec]
    outside_cues: list[str]
    plan_refs: list[str]

    _check = field_validator(
        "list_cues",
        "value_cues",
        "yesno_cues",
        "yesno_cues_en",
        "outside_cues",
        "plan_refs",
    )(_patterns)


def _location(loc: tuple[object, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@lru_cache(maxsize=4)
def load_shapes(path: Path = SHAPES_FILE) -> ShapeLexicon:
    """Load and validate the shape cues; one LexiconError names file, location and problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise LexiconError(f"{path}: cannot be read ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise LexiconError(f"{path}: not valid YAML ({e})") from e
    try:
        return ShapeLexicon.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(f"{_location(err['loc'])}: {err['msg']}" for err in e.errors())
        raise LexiconError(f"{path}: {problems}") from e


@dataclass(frozen=True)
class _Compiled:
    lists: re.Pattern[str]
    values: re.Pattern[str]
    yesno: re.Pattern[str]
    yesno_en: re.Pattern[str]
    outside: re.Pattern[str]
    plan_refs: re.Pattern[str]
    sections: tuple[tuple[SectionSpec, re.Pattern[str], re.Pattern[str]], ...]
    not_stated: tuple[tuple[NotStatedSpec, re.Pattern[str]], ...]


def _rx(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x")


@lru_cache(maxsize=4)
def _compiled(path: Path = SHAPES_FILE) -> _Compiled:
    lex = load_shapes(path)
    return _Compiled(
        _rx(lex.list_cues),
        _rx(lex.value_cues),
        _rx(lex.yesno_cues),
        _rx(lex.yesno_cues_en),
        _rx(lex.outside_cues),
        _rx(lex.plan_refs),
        tuple(
            (s, _rx(s.cues), re.compile(rf"^(?:{'|'.join(s.headings)})\b")) for s in lex.sections
        ),
        tuple((n, _rx(n.cues)) for n in lex.not_stated),
    )


@dataclass(frozen=True)
class Ask:
    """What the question asks for, beyond its intent."""

    shape: Shape
    yesno: bool = False
    section: SectionSpec | None = None
    missing: NotStatedSpec | None = None
    outside: bool = False
    refers_to_plan: bool = False


def read_ask(query: Query, path: Path = SHAPES_FILE) -> Ask:
    """The answer shape a parsed question asks for."""
    c = _compiled(path)
    text = query.folded
    refers = bool(query.plan_ids) or c.plan_refs.search(text) is not None
    section = next((s for s, rx, _ in c.sections if rx.search(text)), None)
    missing = next((n for n, rx in c.not_stated if rx.search(text)), None)
    shape: Shape = "value" if c.values.search(text) and not c.lists.search(text) else "list"
    return Ask(
        shape=shape,
        yesno=(c.yesno_en if query.language == "en" else c.yesno).search(text) is not None,
        section=section,
        missing=missing,
        outside=c.outside.search(text) is not None,
        refers_to_plan=refers,
    )


def heading_matches(spec: SectionSpec, folded_heading: str, path: Path = SHAPES_FILE) -> bool:
    """Whether a folded section heading (marker removed) is the section a spec names."""
    for s, _, rx in _compiled(path).sections:
        if s.key == spec.key:
            return rx.search(folded_heading) is not None
    return False
