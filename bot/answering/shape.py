"""What shape of answer a question asks for: one value, a complete list, a section, yes/no,
something the plan does not state, or a question outside the plans.

The cues are data (knowledge/lexicon/shapes.yaml, read through bot.lexicon), matched on
the folded question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.lexicon import WordList, compile_cues, lexicon, read_file
from bot.query import Query
from bot.textnorm import fold

SHAPES_FILE = "shapes.yaml"

Shape = Literal["value", "list"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SectionSpec(_Model):
    """A section of a plan users ask for by name."""

    key: str
    label: str
    topic: str | None = None
    cues: list[str]
    headings: list[str]


class NotStatedSpec(_Model):
    """Something users ask that a plan may not contain, and what comes closest."""

    key: str
    label: str
    topic: str | None = None
    field: str | None = None
    # targets: "no results achieved, only targets"; milestones: the targets after "không nêu".
    closest: Literal[
        "plan_identity", "funding", "targets", "milestones", "feedback", "timeline", "passage"
    ]
    # Patterns that make the question about something else ("Quyết định 996 ký ngày nào").
    unless: list[str] = []
    cues: list[str]


class NearestSpec(_Model):
    """What a plan says nearest to something it lacks ("xử phạt": its inspections)."""

    lacking: str
    say: str


class GenericWords(_Model):
    """Words that ask for every item of a kind (bot.lexicon word lists: space-separated)."""

    tasks: WordList
    actors: WordList
    leads: WordList


class ShapeLexicon(_Model):
    """knowledge/lexicon/shapes.yaml."""

    list_cues: list[str]
    value_cues: list[str]
    yesno_cues: list[str]
    yesno_cues_en: list[str]
    sections: list[SectionSpec]
    not_stated: list[NotStatedSpec]
    outside_cues: list[str]
    world_cues: list[str]
    service_price_cues: list[str]
    national_cues: list[str]
    later_plan_cues: list[str]
    fields_cues: list[str]
    phase_cues: list[str]
    appendix_cues: list[str]
    name_cues: list[str]
    feedback_cues: list[str]
    plan_refs: list[str]
    # The plan's parts asked for ("kế hoạch gồm những phần nào", "bố cục").
    outline_cues: list[str] = []
    # Whom a measure is for ("đào tạo cho những đối tượng nào").
    audience_cues: list[str] = []
    # A document named by its number; group 1 is the number ("QĐ 1322": "1322").
    document_refs: list[str] = []
    # A "Không" about something the plans lack shows what they say nearest to it.
    nearest: list[NearestSpec] = []
    generic_words: GenericWords
    neutral_verbs: WordList
    section_pointers: WordList
    boilerplate: list[str] = []


@dataclass(frozen=True)
class _Compiled:
    lists: re.Pattern[str]
    values: re.Pattern[str]
    yesno: re.Pattern[str]
    yesno_en: re.Pattern[str]
    outside: re.Pattern[str]
    world: re.Pattern[str]
    service_price: re.Pattern[str]
    national: re.Pattern[str]
    later_plan: re.Pattern[str]
    fields: re.Pattern[str]
    phases: re.Pattern[str]
    appendix: re.Pattern[str]
    names: re.Pattern[str]
    feedback: re.Pattern[str]
    plan_refs: re.Pattern[str]
    document_refs: tuple[re.Pattern[str], ...]
    outline: re.Pattern[str]
    audience: re.Pattern[str]
    nearest: tuple[tuple[re.Pattern[str], str], ...]
    sections: tuple[tuple[SectionSpec, re.Pattern[str], re.Pattern[str]], ...]
    not_stated: tuple[tuple[NotStatedSpec, re.Pattern[str], re.Pattern[str] | None], ...]
    generic_tasks: frozenset[str]
    generic_actors: frozenset[str]
    generic_leads: frozenset[str]
    neutral_verbs: frozenset[str]
    section_pointers: frozenset[str]
    boilerplate: re.Pattern[str]


@lru_cache(maxsize=4)
def load_shapes(folder: Path) -> _Compiled:
    """Read, validate and compile shapes.yaml; any problem is one LexiconError."""
    lex = read_file(folder, SHAPES_FILE, ShapeLexicon)
    file = str(folder / SHAPES_FILE)

    def rx(where: str, patterns: list[str]) -> re.Pattern[str]:
        return compile_cues(file, where, patterns)

    return _Compiled(
        rx("list_cues", lex.list_cues),
        rx("value_cues", lex.value_cues),
        rx("yesno_cues", lex.yesno_cues),
        rx("yesno_cues_en", lex.yesno_cues_en),
        rx("outside_cues", lex.outside_cues),
        rx("world_cues", lex.world_cues),
        rx("service_price_cues", lex.service_price_cues),
        rx("national_cues", lex.national_cues),
        rx("later_plan_cues", lex.later_plan_cues),
        rx("fields_cues", lex.fields_cues),
        rx("phase_cues", lex.phase_cues),
        rx("appendix_cues", lex.appendix_cues),
        rx("name_cues", lex.name_cues),
        rx("feedback_cues", lex.feedback_cues),
        rx("plan_refs", lex.plan_refs),
        tuple(rx(f"document_refs[{i}]", [d]) for i, d in enumerate(lex.document_refs)),
        rx("outline_cues", lex.outline_cues),
        rx("audience_cues", lex.audience_cues),
        tuple((rx(f"nearest[{i}].lacking", [n.lacking]), n.say) for i, n in enumerate(lex.nearest)),
        tuple(
            (
                s,
                rx(f"sections[{i}].cues", s.cues),
                re.compile(rf"^(?:{rx(f'sections[{i}].headings', s.headings).pattern})\b"),
            )
            for i, s in enumerate(lex.sections)
        ),
        tuple(
            (
                n,
                rx(f"not_stated[{i}].cues", n.cues),
                rx(f"not_stated[{i}].unless", n.unless) if n.unless else None,
            )
            for i, n in enumerate(lex.not_stated)
        ),
        frozenset(lex.generic_words.tasks),
        frozenset(lex.generic_words.actors),
        frozenset(lex.generic_words.leads),
        frozenset(lex.neutral_verbs),
        frozenset(lex.section_pointers),
        rx("boilerplate", lex.boilerplate or [r"(?!x)x"]),
    )


def _shapes() -> _Compiled:
    return load_shapes(lexicon().folder)


def is_boilerplate(text: str) -> bool:
    """Whether a passage's clause is a document's formalities (the national motto, its
    place and date line): never quoted as what a plan says."""
    return _shapes().boilerplate.search(fold(text)) is not None


@dataclass(frozen=True)
class Ask:
    """What the question asks for, beyond its intent."""

    shape: Shape
    yesno: bool = False
    section: SectionSpec | None = None
    missing: NotStatedSpec | None = None
    outside: bool = False
    # Asks a fact of the day about an office or a procedure (world_cues): outside the
    # plans even for a named province.
    world: bool = False
    # Asks the price of a service (a calibration, a certificate): never a plan's budget.
    service_price: bool = False
    # Asks about the whole country (the national programme's budget, nationwide counts):
    # the provincial plans do not answer it, unless it names one of them.
    national: bool = False
    # Asks about a plan issued after the plans held (a merged province's new plan).
    later_plan: bool = False
    # Asks for the measurement fields a target names ("những lĩnh vực nào"), not a count.
    asks_fields: bool = False
    # Names the plan's phases or its period of implementation.
    asks_phases: bool = False
    # Points to the plan's appendix ("theo phụ lục"): its rows, with their expected results.
    appendix: bool = False
    # Asks what something is called ("tên là gì"): a clause names it, a count does not.
    asks_name: bool = False
    # Asks where difficulties met in carrying out the plan are reported.
    asks_feedback: bool = False
    # Says "kế hoạch", "đề án" …: asks about the plan itself.
    refers_to_plan: bool = False
    # Numbers of the documents the question names ("QĐ 1322").
    documents: tuple[str, ...] = ()
    asks_outline: bool = False
    asks_audience: bool = False


def read_ask(query: Query) -> Ask:
    """The answer shape a parsed question asks for."""
    c = _shapes()
    text = query.folded
    refers = c.plan_refs.search(text) is not None
    section = next((s for s, rx, _ in c.sections if rx.search(text)), None)
    missing = next(
        (
            n
            for n, rx, unless in c.not_stated
            if rx.search(text) and not (unless and unless.search(text))
        ),
        None,
    )
    shape: Shape = "value" if c.values.search(text) and not c.lists.search(text) else "list"
    return Ask(
        shape=shape,
        # "… có giống nhau không?" compares: the side-by-side answer is the answer.
        yesno=(c.yesno_en if query.language == "en" else c.yesno).search(text) is not None
        and not query.compare,
        section=section,
        missing=missing,
        outside=c.outside.search(text) is not None,
        world=c.world.search(text) is not None,
        service_price=c.service_price.search(text) is not None,
        national=c.national.search(text) is not None,
        later_plan=c.later_plan.search(text) is not None,
        asks_fields=c.fields.search(text) is not None,
        asks_phases=c.phases.search(text) is not None,
        appendix=c.appendix.search(text) is not None,
        asks_name=c.names.search(text) is not None,
        asks_feedback=c.feedback.search(text) is not None,
        refers_to_plan=refers,
        asks_outline=c.outline.search(text) is not None,
        asks_audience=c.audience.search(text) is not None,
        documents=tuple(
            dict.fromkeys(m.group(1) for p in c.document_refs for m in p.finditer(text))
        ),
    )


def asks_for_all(
    query: Query, kind: Literal["tasks", "actors"], also: Literal["leads", ""] = ""
) -> bool:
    """Whether the question's content words only say "all the tasks" / "all the agencies"
    (and, with also="leads", "with who leads them")."""
    c = _shapes()
    generic = c.generic_tasks if kind == "tasks" else c.generic_actors
    if also:
        generic = generic | c.generic_leads
    return all(t in generic for t in query.content_terms)


def neutral_verbs() -> frozenset[str]:
    """Verbs that never decide a yes/no answer by their absence from the plans."""
    return _shapes().neutral_verbs


def section_pointer_words() -> frozenset[str]:
    """Folded words that point at a part of a plan without naming it ("nhóm", "mục")."""
    return _shapes().section_pointers


def refers_to_plan(folded: str) -> bool:
    """Whether folded words name the plan itself ("kế hoạch", "đề án")."""
    return _shapes().plan_refs.search(folded) is not None


def topic_words(query: Query) -> list[str]:
    """The question's content words without those that only ask for "all of it"."""
    generic = _shapes().generic_tasks
    return [t for t in query.content_terms if t not in generic]


def heading_matches(spec: SectionSpec, folded_heading: str) -> bool:
    """Whether a folded section heading (marker removed) is the section a spec names."""
    for s, _, rx in _shapes().sections:
        if s.key == spec.key:
            return rx.search(folded_heading) is not None
    return False


def measure_applies(query: Query, ask: Ask) -> bool:
    """Whether a scope question asks whom one of the plan's measures applies to, not the
    plan ("Chương trình đảm bảo đo lường có áp dụng cho doanh nghiệp tư nhân không?")."""
    lx = lexicon()
    return (
        query.intent == "scope"
        and query.named_metric is not None
        and not ask.refers_to_plan
        and lx.cue("scope", "strong").search(query.folded) is None
        and lx.cue("scope", "applies").search(query.folded) is not None
    )


def nearest_terms(lacking: str) -> str:
    """The plans' words for what comes nearest to something they lack ("" when none)."""
    folded = fold(lacking)
    return " ".join(say for rx, say in _shapes().nearest if rx.search(folded))
