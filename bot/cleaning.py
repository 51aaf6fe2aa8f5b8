"""Noise removal for web and PDF copies of plans, before chunking and fact drafting.

Image captions and paths, photo credits, site menus and share buttons, page numbers and
running page headers/footers are removed. The rules are data
(knowledge/lexicon/cleaning.yaml, validated), matched on the diacritic-folded line.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.errors import PlanBotError
from bot.textnorm import collapse_ws, fold_chars, nfc

RULES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "lexicon" / "cleaning.yaml"
# Lines this long are prose, never menus or running headers.
_MAX_NOISE_LINE = 120
_MENU_RUN = 3
_MENU_MIN_SYLLABLES = 4


class CleaningRulesError(PlanBotError):
    """The cleaning rules file is unreadable or invalid."""


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: str
    why: str = ""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {value!r}: {exc}") from exc
        return value


class CleaningRules(BaseModel):
    """knowledge/lexicon/cleaning.yaml."""

    model_config = ConfigDict(extra="forbid")

    drop_lines: list[_Rule] = []
    strip_inline: list[_Rule] = []
    menu_words: str = ""
    cut_after: list[_Rule] = []
    cut_after_max_lines: int = Field(default=15, ge=0)
    repeated_min_pages: float = Field(default=0.6, gt=0, le=1)


class Cleaner:
    """Compiled cleaning rules."""

    def __init__(self, rules: CleaningRules) -> None:
        self.drop = [re.compile(r.pattern) for r in rules.drop_lines]
        self.inline = [re.compile(r.pattern) for r in rules.strip_inline]
        self.menu = frozenset(rules.menu_words.split())
        self.cut = [re.compile(r.pattern) for r in rules.cut_after]
        self.cut_max = rules.cut_after_max_lines
        self.repeated_share = rules.repeated_min_pages

    def _menu_line(self, folded: str) -> bool:
        syllables = re.findall(r"[a-z0-9]+", folded)
        return bool(syllables) and all(s in self.menu for s in syllables)

    def is_noise(self, line: str) -> bool:
        """A whole line that is noise (caption, path, page number, credit, chrome)."""
        folded = fold_chars(collapse_ws(line))
        if not folded or len(folded) > _MAX_NOISE_LINE * 3:
            return False
        if any(p.fullmatch(folded) for p in self.drop):
            return True
        return (
            len(folded) <= _MAX_NOISE_LINE
            and self._menu_line(folded)
            and len(re.findall(r"[a-z0-9]+", folded)) >= _MENU_MIN_SYLLABLES
        )

    def strip(self, line: str) -> str:
        """The line without inline noise such as "(Ảnh: TL)"."""
        for pattern in self.inline:
            folded = fold_chars(line)
            spans = [m.span() for m in pattern.finditer(folded)]
            for start, end in reversed(spans):
                line = (
                    line[:start].rstrip()
                    + (" " if start and end < len(line) else "")
                    + (line[end:].lstrip())
                )
        return line

    def clean_text(self, text: str) -> str:
        """The text without noise lines and inline noise; other lines kept as they were."""
        lines = self._cut_tail(nfc(text).split("\n"))
        out: list[str] = []
        menu_run: list[int] = []  # indexes in out of the current run of short menu lines
        for raw in lines:
            line = raw.rstrip()
            stripped = collapse_ws(line)
            if not stripped:
                out.append("")
                continue
            if self.is_noise(stripped):
                continue
            new = self.strip(line)
            if not collapse_ws(new):
                continue
            folded = fold_chars(collapse_ws(new))
            if len(folded) <= 40 and self._menu_line(folded):
                menu_run.append(len(out))
            else:
                self._drop_run(out, menu_run)
                menu_run = []
            out.append(new)
        self._drop_run(out, menu_run)
        return "\n".join(line for line in out if line is not None)

    def _cut_tail(self, lines: list[str]) -> list[str]:
        """Without a closing related-news block (see cut_after in the rules)."""
        nonblank = [i for i, x in enumerate(lines) if x.strip()]
        for n, i in enumerate(nonblank):
            if len(nonblank) - n - 1 > self.cut_max:
                continue
            folded = fold_chars(collapse_ws(lines[i]))
            if any(p.fullmatch(folded) for p in self.cut):
                return lines[:i]
        return lines

    @staticmethod
    def _drop_run(out: list, run: list[int]) -> None:
        if len(run) >= _MENU_RUN:
            for i in run:
                out[i] = None

    def running_lines(self, pages: list[str], edge: int = 2) -> set[str]:
        """Lines near the top or bottom of most pages (digits ignored): headers and footers."""
        if len(pages) < 3:
            return set()
        counts: Counter[str] = Counter()
        for page in pages:
            lines = [collapse_ws(x) for x in page.split("\n") if collapse_ws(x)]
            keys = {_running_key(x) for x in lines[:edge] + lines[-edge:] if len(x) <= 160}
            counts.update(keys)
        need = max(2, int(len(pages) * self.repeated_share + 0.999))
        return {k for k, n in counts.items() if n >= need and k}

    def clean_pages(self, pages: list[str]) -> str:
        """Pages joined after removing running headers/footers, then clean_text."""
        running = self.running_lines(pages)
        kept: list[str] = []
        for page in pages:
            lines = page.split("\n")
            nonblank = [i for i, x in enumerate(lines) if collapse_ws(x)]
            edges = set(nonblank[:2] + nonblank[-2:])
            kept.append(
                "\n".join(
                    x
                    for i, x in enumerate(lines)
                    if not (i in edges and _running_key(collapse_ws(x)) in running)
                )
            )
        return self.clean_text("\n".join(kept))


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", fold_chars(line))


def load_rules(path: Path = RULES_FILE) -> CleaningRules:
    """Read and validate the rules; errors name the file, the location and the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CleaningRulesError(f"{path}: cannot read cleaning rules: {exc}") from exc
    try:
        return CleaningRules.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise CleaningRulesError(f"{path}: {problems}") from exc


@lru_cache(maxsize=1)
def default_cleaner() -> Cleaner:
    """The cleaner with the repository's rules (read once)."""
    return Cleaner(load_rules())


def clean_text(text: str) -> str:
    """Noise removed with the default rules."""
    return default_cleaner().clean_text(text)


def clean_pages(pages: list[str]) -> str:
    """Pages joined without running headers/footers and noise, with the default rules."""
    return default_cleaner().clean_pages(pages)
