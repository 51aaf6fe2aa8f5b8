"""Draft facts at build time for plans without a curated fact file.

The extractor's draft is checked exactly like a curated file (bot.facts.check_quotes): a
drafted fact whose quote is not in the plan, or whose value is not in its quote, is dropped
with a warning. The plan's metadata comes from the document (header, meta.yaml).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pydantic import ValidationError

from bot.documents import PlanDocument
from bot.fact_extraction import draft_facts
from bot.facts import PlanFacts, check_quotes
from bot.plan_meta import read_header

log = logging.getLogger(__name__)

_LOC = re.compile(r"^(?P<list>[a-z_]+)\[(?P<i>\d+)\]")
_PLAN_LOC = re.compile(r"^plan\.(?P<list>legal_basis|phases)\[(?P<i>\d+)\]")


def _apply_document_meta(draft: dict[str, Any], doc: PlanDocument) -> None:
    """Province, title, body, number and date as the document (and its meta.yaml) say."""
    plan = draft["plan"]
    plan["province"] = doc.province
    plan["issuing_body"] = doc.issuing_body or plan["issuing_body"]
    if doc.title and doc.title != "Kế hoạch":
        plan["title"] = doc.title
    plan["document_number"] = doc.document_number or plan.get("document_number")
    plan["date"] = doc.date or plan.get("date")
    header = read_header(doc.text, doc.plan_id)
    if not plan.get("signer") and header.signer:
        plan["signer"] = header.signer
        plan["signer_title"] = plan.get("signer_title") or header.signer_title
    # A blank the document's metadata filled is no longer "not stated".
    plan["not_stated"] = [
        item for item in plan.get("not_stated", []) if plan.get(item["topic"]) is None
    ]


def _drop(draft: dict[str, Any], problems: list[tuple[str, str]]) -> list[str]:
    """Remove the facts the problems point at; a note per removed fact."""
    doomed: dict[tuple[str, ...], set[int]] = {}
    notes: list[str] = []
    for loc, problem in problems:
        if m := _PLAN_LOC.match(loc):
            key: tuple[str, ...] = ("plan", m.group("list"))
        elif (m := _LOC.match(loc)) and m.group("list") in draft:
            key = (m.group("list"),)
        else:
            continue
        doomed.setdefault(key, set()).add(int(m.group("i")))
        notes.append(f"{loc}: {problem}")
    for key, indexes in doomed.items():
        holder = draft["plan"] if key[0] == "plan" else draft
        name = key[-1]
        holder[name] = [x for i, x in enumerate(holder[name]) if i not in indexes]
    return notes


def draft_for(doc: PlanDocument) -> tuple[dict[str, Any] | None, list[str]]:
    """The quote-checked draft of one plan (JSON-ready) and warnings about dropped facts."""
    warnings: list[str] = []
    try:
        draft = draft_facts(doc.plan_id, doc.text)
    except (ValidationError, ValueError, IndexError, KeyError) as exc:
        log.exception("drafting facts for %s failed", doc.plan_id)
        return None, [f"{doc.plan_id}: facts could not be drafted ({exc}); passages only"]
    _apply_document_meta(draft, doc)
    facts = PlanFacts.model_validate(draft)
    problems = check_quotes(facts, doc.text)
    if problems:
        notes = _drop(draft, problems)
        warnings += [f"{doc.plan_id}: drafted fact dropped, {n}" for n in notes]
        facts = PlanFacts.model_validate(draft)
        if check_quotes(facts, doc.text):  # only the meta's own quote can remain
            return None, [*warnings, f"{doc.plan_id}: drafted facts failed the quote check"]
    return facts.model_dump(mode="json"), warnings


def describe(data: dict[str, Any]) -> str:
    """'12 targets (9 with values), 8 tasks, 6 agencies' for build messages."""
    targets = data.get("targets", [])
    valued = sum(1 for t in targets if t.get("value") is not None)
    return (
        f"{len(targets)} targets ({valued} with values), {len(data.get('tasks', []))} tasks, "
        f"{len(data.get('responsibilities', []))} agencies, "
        f"{len(data['plan'].get('phases', []))} phases"
    )
