"""Answers read from the plan's passages: a section's items, or the clause that answers.

Used where no curated or drafted fact covers a question, so it works on any plan whose
outline the chunker understood.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.answering.rendering import clip, clip_around, short_section
from bot.answering.selection import KnowledgeView
from bot.answering.shape import (
    SectionSpec,
    heading_matches,
    is_boilerplate,
    section_pointer_words,
)
from bot.chunking import PREAMBLE, Chunk
from bot.retrieval import SearchResult
from bot.textnorm import fold, words

_MARKER = re.compile(r"^\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-–•+*]\s*")
# Clause boundaries inside a passage: sentence ends, semicolons, line breaks, bullets.
_CLAUSES = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ(\-–•])|\n+|\s+(?=-\s)")
ITEM_LIMIT = 220
# A group heading inside a section's answer is clipped only past this many characters.
GROUP_TITLE_LIMIT = 100
# A section with more subsections than this opens with their outline ("Gồm 5 nội dung: …").
OUTLINE_FROM = 3
CLAUSE_LIMIT = 300
# A clause from the plan's opening (its title, legal bases) counts this much less.
OPENING_PENALTY = 10.0


def heading_of(section: str) -> str:
    """The last part of a section path without its marker ("2. Sở Tài chính" → "Sở Tài chính")."""
    last = section.split("›")[-1].strip()
    return _MARKER.sub("", last).strip()


def item_text(text: str, limit: int = ITEM_LIMIT, label: str = "") -> str:
    """A bullet or lettered item without its marker (and its own label, "Sở Tài chính: …"),
    clipped at a word boundary."""
    text = _BULLET.sub("", text.strip())
    text = _MARKER.sub("", text, count=1) if re.match(r"^([a-zđ]\)|\d+\.)", text) else text
    if label and fold(text).startswith(fold(label) + ":"):
        text = text[len(label) + 1 :].strip()
    return clip(text.rstrip(" ;.") + ("" if len(text) > limit else "."), limit)


@dataclass(frozen=True)
class SectionItems:
    """A plan section and its items, possibly in groups (its subsections)."""

    plan: str
    section: str
    items: tuple[str, ...]
    groups: tuple[tuple[str, tuple[str, ...]], ...]


def _children(chunks: Sequence[Chunk], path: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    items: list[str] = []
    groups: dict[str, list[str]] = {}
    depth = path.count("›") + 1
    for c in chunks:
        if c.section == path and c.kind in ("bullet", "item"):
            items.append(c.text)
        elif c.section.startswith(path + " ›") and c.section.count("›") == depth:
            if c.kind == "section":
                groups.setdefault(c.section, [])
            elif c.kind in ("bullet", "item"):
                groups.setdefault(c.section, []).append(c.text)
    return items, list(groups.items())


def find_section(
    view: KnowledgeView, plan_id: str, spec: SectionSpec, asked: Sequence[str] = ()
) -> SectionItems | None:
    """The plan's section that a spec names (the shallowest match) with its items; of a
    section that also holds other parts, the one subsection it names, unless the question's
    words (``asked``, folded) name another part too."""
    chunks = [view.search.chunks[i] for i in view.search.plan_chunks.get(plan_id, [])]
    paths = []
    for c in chunks:
        if (
            c.kind in ("section", "item")
            and not c.section.lower().startswith("phụ lục")
            and heading_matches(spec, fold(heading_of(c.section)))
            and c.section not in paths
        ):
            paths.append(c.section)
    if not paths:
        return None
    path = min(paths, key=lambda p: p.count("›"))
    items, groups = _children(chunks, path)
    own = [g for g, its in groups if g in paths and its]
    pairs = set(word_pairs(asked))
    others = [g for g, _ in groups if g not in own]
    also = any(set(word_pairs(words(heading_of(g)))) & pairs for g in others)
    if not items and len(own) == 1 and len(groups) > 1 and not also:
        # "Phạm vi, đối tượng, thời gian" holds "Phạm vi và đối tượng" and "Thời gian":
        # the one subsection the question names is the answer.
        path = own[0]
        items, groups = _children(chunks, path)
    if not items and not groups:
        # An inline item ("2. Sở Tài chính: …") is its own content.
        own = next((c.text for c in chunks if c.section == path and c.kind == "item"), None)
        if own is None:
            return None
        items = [own]
    return SectionItems(
        plan_id,
        path,
        tuple(items),
        tuple((g, tuple(its)) for g, its in groups),
    )


def render_section(found: SectionItems, group_item_limit: int = 170) -> list[str]:
    """Bullets of a section's items; subsections as bold-able group lines with their items."""
    lines = [f"• {item_text(t)}" for t in found.items]
    if len(found.groups) > OUTLINE_FROM:
        # The outline first, so a long section shows whole on the first screen (a short one
        # does anyway: its group headings follow at once).
        titles = [clip(heading_of(g), 48) for g, _ in found.groups]
        lines.append(f"Gồm {len(titles)} nội dung: " + "; ".join(titles) + ".")
    for group, items in found.groups:
        # A group's heading is what it is about: whole, as far as a line goes.
        lines.append(f"{short_section(group, GROUP_TITLE_LIMIT)}:")
        label = heading_of(group)
        lines.extend(f"  • {item_text(t, group_item_limit, label)}" for t in items)
    return lines


def word_pairs(terms: Sequence[str]) -> list[str]:
    """Adjacent words as "a b" phrases: what best_clause prefers a clause to contain."""
    return [f"{x} {y}" for x, y in zip(terms, terms[1:], strict=False)]


def best_clause(
    view: KnowledgeView,
    result: SearchResult,
    terms: Sequence[str],
    plan_id: str,
    phrases: Sequence[str] = (),
    limit: int = CLAUSE_LIMIT,
) -> tuple[str, str] | None:
    """(section, clause) of the plan's best passage that carries most of the question:
    most of the phrases (two-word pairs, the rarer the better) first, then the IDF weight of
    its words. A long
    clause is clipped around the first phrase it has (else its rarest question word)."""
    weights = {t: view.search.idf(t) for t in terms}
    phrase_weight = {p: sum(view.search.idf(w) for w in p.split()) for p in phrases}
    best: tuple[float, str, str] | None = None
    depth = 6 if phrases else 3
    for rank, hit in enumerate(h for h in result.hits if h.chunk.plan == plan_id):
        if rank >= depth:
            break
        if hit.chunk.kind in ("section", "appendix_title", "closing", "signature"):
            continue
        pieces = [
            p.strip()
            for p in _CLAUSES.split(hit.chunk.text)
            if len(p.strip()) > 15 and not is_boilerplate(p)
        ]
        for i, piece in enumerate(pieces):
            folded = words(piece)
            have = set(folded)
            joined = f" {' '.join(folded)} "
            # Each phrase counts most; a rarer one ("tư nhân") more than a common one.
            pairs = sum(10.0 + phrase_weight[p] for p in phrases if f" {p} " in joined)
            score = pairs + sum(w for t, w in weights.items() if t in have) - 0.3 * rank
            if phrases and hit.chunk.section.startswith(PREAMBLE):
                # The opening names the programme ("… hỗ trợ doanh nghiệp …"): what a plan
                # says on a subject is in its body.
                score -= OPENING_PENALTY
            if best is None or score > best[0]:
                text = (
                    piece if len(piece) > 60 or i + 1 >= len(pieces) else f"{piece} {pieces[i + 1]}"
                )
                best = (score, hit.chunk.section, text)
    if best is None:
        return None
    text = item_text(best[2], 10 * limit)
    needles = [*phrases, *sorted(terms, key=lambda t: -weights[t])]
    return best[1], clip_around(text, needles, limit)


def quoted_item(
    view: KnowledgeView,
    result: SearchResult,
    query_words: Sequence[str],
    plan_id: str,
    least: int = 5,
    skip: Collection[str] = (),
) -> tuple[str, str] | None:
    """(section, text) of the plan's best-ranked item that the question quotes: it repeats
    ``least`` or more of the item's syllables in a row ("đổi mới hoạt động đo lường trong
    … doanh nghiệp … phải đạt được gì"). Only the plan's first two passages are read;
    passages of the sections in ``skip`` are not items to quote."""
    hits = [h for h in result.hits if h.chunk.plan == plan_id][:2]
    for hit in hits:
        if hit.chunk.kind not in ("bullet", "item", "paragraph") or hit.chunk.section in skip:
            continue
        text = f" {' '.join(words(hit.chunk.text))} "
        run = 0
        for i in range(len(query_words)):
            j = i
            while j < len(query_words) and f" {' '.join(query_words[i : j + 1])} " in text:
                j += 1
            run = max(run, j - i)
        if run >= least:
            return hit.chunk.section, item_text(hit.chunk.text, 10 * ITEM_LIMIT)
    return None


def item_lines(text: str, limit: int = ITEM_LIMIT) -> list[str]:
    """An item that lists after a colon ("… bảo đảm đạt được: a; b; c") as its lead-in and
    bullets; otherwise the item clipped."""
    head, colon, rest = text.partition(":")
    parts = [p.strip(" .…") for p in rest.split(";")] if colon else []
    if len(parts) < 2 or len(head) > limit:
        return [clip(text, 2 * limit)]
    return [f"{head.strip()}:"] + [f"• {clip(p[:1].upper() + p[1:], limit)}" for p in parts if p]


def find_sentence(
    view: KnowledgeView, plan_id: str, pattern: re.Pattern[str]
) -> tuple[str, str] | None:
    """(section, sentence) of the first passage sentence whose folded text matches a pattern."""
    for i in view.search.plan_chunks.get(plan_id, []):
        c = view.search.chunks[i]
        for piece in re.split(r"(?<=[.;])\s+", c.text):
            if pattern.search(fold(piece)):
                return c.section, clip(piece.strip().rstrip("/."), CLAUSE_LIMIT)
    return None


def find_named_section(
    view: KnowledgeView, plan_id: str, asked: Sequence[str]
) -> SectionItems | None:
    """A section of the plan that the question names by its heading ("mục Áp dụng cơ chế,
    chính sách …"): the question's topic words are nearly all in one heading. Numbers and
    words that only point at a part ("nhóm 2", "mục", "phần") are not heading words."""
    pointers = section_pointer_words()
    asked = [w for w in asked if not w.isdigit() and w not in pointers]
    if len(asked) < 3:
        return None
    best: tuple[float, float, str] | None = None
    for i in view.search.plan_chunks.get(plan_id, []):
        c = view.search.chunks[i]
        if c.kind != "section" or "›" not in c.section or c.section.lower().startswith("phụ lục"):
            continue
        heading = set(words(heading_of(c.section)))
        matched = sum(1 for w in asked if w in heading)
        if matched < 3 or matched / len(asked) < 0.75 or matched / len(heading) < 0.15:
            continue
        score = (matched / len(asked), matched / len(heading), c.section)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        return None
    chunks = [view.search.chunks[i] for i in view.search.plan_chunks.get(plan_id, [])]
    items, groups = _children(chunks, best[2])
    if not items and not groups:
        return None
    return SectionItems(plan_id, best[2], tuple(items), tuple((g, tuple(t)) for g, t in groups))
