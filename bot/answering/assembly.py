"""From answer blocks to an Answer: the text (blocks in order, each with its source line,
a yes/no verdict first, agencies named again in short), the passages that support it and
the facts it used (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence

import bot.answering.blocks as b
from bot.answering.rendering import shorten_names
from bot.answering.selection import FactHit, KnowledgeView, fact_json
from bot.answers import Answer, Passage
from bot.query import Query
from bot.retrieval import SearchResult
from bot.textnorm import words

# Passages an answer carries (the "📄 Nguồn" button shows them).
SHOWN_PASSAGES = 5
# Blocks of several plans this short (lines each) share one source line at the end.
SHARED_SOURCE_LINES = 4


def render(view: KnowledgeView, blocks: Sequence[b.Block], yesno: bool, verdict: str = "") -> str:
    """Blocks in order with their sources; a yes/no question gets its verdict first. Short
    blocks of several plans share one source line at the end, so that the second plan's
    answer is not pushed down by the first one's source."""
    cited = [
        (f"{b.plan_name(view, bl.plan)}, " if bl.plan else "Kế hoạch các tỉnh: ")
        + "; ".join(bl.sources)
        for bl in blocks
        if bl.sources
    ]
    shared = len(cited) > 1 and all(len(bl.lines) <= SHARED_SOURCE_LINES for bl in blocks)
    parts = []
    for block, where in zip(blocks, _each_source(blocks, cited), strict=True):
        lines = list(block.lines)
        if where and not shared:
            lines.append(f"Nguồn: {where}.")
        parts.append("\n".join(lines))
    if shared:
        parts.append(f"Nguồn: {'; '.join(dict.fromkeys(cited))}.")
    text = "\n\n".join(parts)
    if yesno and blocks:
        verdict = verdict or ("Không." if all(bl.negative for bl in blocks) else "Có.")
        text = f"{verdict}{'' if verdict.endswith(chr(10)) else ' '}{text}"
    return shorten_names(text)


def _each_source(blocks: Sequence[b.Block], cited: Sequence[str]) -> list[str]:
    """Each block's source text ("" for a block without one), in order."""
    it = iter(cited)
    return [next(it) if bl.sources else "" for bl in blocks]


def answer_of(
    query: Query,
    text: str,
    view: KnowledgeView,
    result: SearchResult,
    blocks: Sequence[b.Block],
) -> Answer:
    used = [h for bl in blocks for h in bl.hits]
    plans = list(dict.fromkeys([bl.plan for bl in blocks if bl.plan] + [h.plan for h in used]))
    answer = Answer(
        question=query.text,
        text=text,
        abstained=False,
        plans=plans,
        passages=_passages(result, view, used, _supporting_chunks(view, blocks)),
        facts=[fact_json(h) for h in used],
        intent=query.intent,
    )
    if len(answer.plans) > 1 and len(text) > 600:
        answer.plan_choices = answer.plans
    return answer


def abstain(query: Query, text: str, result: SearchResult | None = None) -> Answer:
    return Answer(
        question=query.text,
        text=text,
        abstained=True,
        passages=_passages(result) if result else [],
        intent=query.intent,
    )


def _supporting_chunks(view: KnowledgeView, blocks: Sequence[b.Block]) -> list[int]:
    """Per block, the plan passage whose words the block's lines use most (the source shown)."""
    out: list[int] = []
    for block in blocks:
        said = set(words(" ".join(block.lines)))
        plans = [block.plan] if block.plan else list(view.plans)
        best: tuple[float, int] | None = None
        for pid in plans:
            for i in view.search.plan_chunks.get(pid, ()):
                have = view.search.text_words[i]
                if not have:
                    continue
                score = len(said & have) / len(have) ** 0.5
                if best is None or score > best[0]:
                    best = (score, i)
        if best is not None and best[1] not in out:
            out.append(best[1])
    return out


def _passages(
    result: SearchResult,
    view: KnowledgeView | None = None,
    used: Sequence[FactHit] = (),
    support: Sequence[int] = (),
) -> list[Passage]:
    """Supporting passages: the ones the answer's lines draw on, those quoting the facts
    used, then the search's best."""
    out: list[Passage] = []
    seen: set[int] = set()
    top = result.hits[0].score if result.hits else 0.0
    if view is not None:
        for index in support:
            if index not in seen:
                seen.add(index)
                c = view.search.chunks[index]
                out.append(Passage(c.plan, c.section, c.text, top, c.chunk_id))
        for hit in used:
            index = view.search.quoting_chunk(hit.plan, hit.quote_words)
            if index is not None and index not in seen:
                seen.add(index)
                c = view.search.chunks[index]
                out.append(Passage(c.plan, c.section, c.text, top, c.chunk_id))
    for h in result.hits:
        if h.index not in seen:
            seen.add(h.index)
            out.append(
                Passage(h.chunk.plan, h.chunk.section, h.chunk.text, h.score, h.chunk.chunk_id)
            )
    return out[:SHOWN_PASSAGES]
