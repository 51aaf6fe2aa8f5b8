"""Draft fact extraction from a plan's text, for a person to review into knowledge/facts/.

Heuristics follow the usual layout of provincial plans implementing Decision 996/QĐ-TTg:
numbered outline (I., 1., 2.1., a), "- " bullets), milestone headings ("Đến năm 2025"),
"ít nhất N <unit>" targets, a "TỔ CHỨC THỰC HIỆN" section listing agencies, and an
appendix table (STT, task, lead, partners, period, expected result). Nothing here is
specific to one province. Every quote in a draft is a verbatim slice of the plan text.

The layout itself (paragraphs, outline levels and paths, closing block, appendix rows) comes
from bot.chunking.parse_plan, the parser retrieval chunks with; this module only reads facts
off that structure.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from bot.chunking import LEVEL_ROMAN, SEP, Paragraph, ParsedPlan, parse_plan
from bot.extraction_score import ExtractionScore, score_draft
from bot.fact_outline import (
    above,
    clean_item,
    is_num,
    section_paras,
    where,
    words_prefix,
)
from bot.fact_sections import (
    appendix_task,
    body_tasks,
    funding,
    merged_groups,
    responsibilities,
    scope,
    sectors,
)
from bot.facts import PlanFacts, normalise_for_quotes, quote_in_text
from bot.prose_targets import phases as prose_phases
from bot.prose_targets import quantities, table_targets
from bot.textnorm import collapse_ws, fold, nfc

__all__ = ["ExtractionScore", "categorize", "draft_facts", "not_stated", "score_draft"]

# --- plan meta ---------------------------------------------------------------------------

_PROVINCE = re.compile(r"trên địa bàn (tỉnh|thành phố)\s+(.+?)\s*[,.:;]?\s*$", re.MULTILINE)
_DOC_NUMBER = re.compile(r"(?:Số|Kế hoạch số)\s*:\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐ0-9-]*)")
_ROLE = re.compile(r"^(?:KT\.\s*)?(?:PHÓ\s+)?CHỦ TỊCH$")


def _looks_like_name(line: str) -> bool:
    """A signer's name: 2-5 capitalised words, no digits, not an all-caps title."""
    parts = line.split()
    return (
        2 <= len(parts) <= 5
        and all(w[0].isupper() and w.isalpha() for w in parts)
        and not line.isupper()
    )


def _meta(parsed: ParsedPlan, full: str) -> dict[str, Any]:
    """Province, title, number, date and signer; legal basis and phases are added later."""
    head = "\n".join(parsed.lines[:80])
    m = _PROVINCE.search(head)
    province = collapse_ws(m.group(2)) if m else ""
    unit = m.group(1) if m else "tỉnh"
    title, quote = "Kế hoạch", ""
    tm = re.search(
        r"KẾ HOẠCH\s+(.{10,600}?trên địa bàn (?:tỉnh|thành phố) " + re.escape(province) + ")", full
    )
    if province and tm:
        body = tm.group(1)
        title = "Kế hoạch " + (body[:1].lower() + body[1:] if body[:2].istitle() else body)
        quote = "KẾ HOẠCH " + words_prefix(body, 12)
    number = _DOC_NUMBER.search(full)
    date = None
    if province:
        dm = re.search(
            re.escape(province) + r",\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", full
        )
        date = f"{dm.group(1)}/{dm.group(2)}/{dm.group(3)}" if dm else None
    # Signature block, one printed line each: role lines (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) then,
    # maybe, a name. The paragraphs would have glued the roles together.
    roles: list[str] = []
    signer = None
    closing = parsed.closing_lines
    for block in (closing, parsed.lines):
        # A decision signs before the plan it issues: then the block is in the body.
        for i, line in enumerate(block):
            if _ROLE.match(line):
                roles.append(line)
                nxt = block[i + 1] if i + 1 < len(block) else ""
                if not _ROLE.match(nxt) and _looks_like_name(nxt):
                    signer = nxt
        if signer:
            break
        roles = []
    meta = {
        "province": province or "?",
        "title": title,
        "issuing_body": f"UBND {unit} {province}".strip(),
        "document_number": f"{number.group(1)}/{number.group(2)}" if number else None,
        "date": date,
        "signer": signer,
        "signer_title": ", ".join(roles) or None,
        "quote": quote,
    }
    return meta


_DECISION = re.compile(
    r"Quyết định số\s+(?P<num>\d+\s*/\s*QĐ\s*-\s*[A-ZĐ][A-Za-zĐ]*)\s+ngày\s+"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4})"
)
_ISSUER = re.compile(r"^\s*của\s+(?P<iss>.+?)(?=\s+(?:về|phê duyệt|ban hành)\b|[;(.]|$)")
_CONTENT_START = re.compile(
    r"\s*(?:về việc|về|V/v)?\s*(?P<c>(?:phê duyệt|ban hành|quy định|hướng dẫn)\b.*)", re.S
)


def _until_clause_end(text: str, limit: int = 400) -> str:
    """Text up to the end of the clause (';', '. ', ' và Quyết định'), quotes kept whole."""
    depth = 0
    for i, ch in enumerate(text[:limit]):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
        if depth:
            continue
        if ch == ";" or (ch == "." and text[i + 1 : i + 2] in (" ", "")):
            return text[:i]
        tail = text[i:]
        if tail.startswith((" và Quyết định", " và các văn bản", "(1)", "(2)")):
            return text[:i]
    return text[:limit]


_BLANK_LABELS = {
    "document_number": "số hiệu văn bản",
    "date": "ngày ban hành",
    "signer": "tên người ký",
}


def not_stated(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Blank number, date or signer recorded as such, so answers say the plan does not."""
    return [
        {"topic": key, "note": f"Bản kế hoạch này không ghi {label}.", "quote": plan["quote"]}
        for key, label in _BLANK_LABELS.items()
        if plan.get(key) is None
    ]


def _legal_basis(full: str) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for m in _DECISION.finditer(full):
        number = re.sub(r"\s+", "", m.group("num"))
        after = full[m.end() : m.end() + 600]
        im = _ISSUER.match(after)
        issuer = collapse_ws(im.group("iss")) if im else None
        rest = after[im.end() :] if im else after
        cm = _CONTENT_START.match(rest)
        content = _until_clause_end(cm.group("c")) if cm else ""
        quote = m.group(0) + (after[: im.end()] if im else "")
        entry = {
            "number": number,
            "date": m.group("date"),
            "issuer": issuer,
            "content": clean_item(content) if content else "(xem văn bản)",
            "quote": collapse_ws(quote),
        }
        if number not in found:
            found[number] = entry
        elif not found[number]["issuer"] and issuer:
            found[number].update(issuer=issuer, quote=entry["quote"])
    return list(found.values())


def _phases(full: str) -> list[dict[str, Any]]:
    return prose_phases(full)


# --- targets -----------------------------------------------------------------------------

# (category, folded keywords); the unit is checked before the sentence, first hit wins.
_UNIT_CATEGORIES = (
    ("labs", ("phong thi nghiem", "phong thu nghiem")),
    ("service_orgs", ("to chuc cung cap dich vu", "to chuc dich vu", "to chuc kinh doanh dich vu")),
    ("standards", ("chat chuan", "chuan do luong", "phuong tien do", "chuan")),
    ("communication", ("tin", "bai", "phong su", "hoi nghi", "hoi thao")),
    ("enterprises", ("doanh nghiep",)),
)
_TEXT_CATEGORIES = (
    ("training", ("dao tao", "tap huan", "boi duong")),
    ("labs", ("phong thi nghiem",)),
    ("service_orgs", ("to chuc cung cap dich vu", "to chuc kinh doanh dich vu")),
    ("communication", ("tuyen truyen", "truyen thong", "tin, bai")),
    ("cooperation", ("phoi hop", "hop tac")),
    ("standards", ("chat chuan", "chuan do luong", "giu chuan")),
    ("enterprises", ("doanh nghiep",)),
)
_YEAR_HEADING = re.compile(
    r"(?:đến|năm|giai đoạn)\s+(?:năm\s+)?(?:20\d\d\s*[-–]\s*)?(?P<y>20\d\d)", re.I
)
_FIELDS = re.compile(r"các lĩnh vực\s+(?P<list>[^;.]+?,[^;.]+?)\s+(?:cho|để|nhằm|tại|của)\b")


def _contains(folded: str, key: str) -> bool:
    return re.search(r"(?<![a-z])" + re.escape(key) + r"(?![a-z])", folded) is not None


def categorize(unit: str, sentence: str) -> str:
    """Target category from its unit first, then from the sentence's keywords."""
    fu, fs = fold(unit), fold(sentence)
    for cat, keys in _UNIT_CATEGORIES:
        if any(_contains(fu, k) for k in keys):
            return cat
    for cat, keys in _TEXT_CATEGORIES:
        if any(_contains(fs, k) for k in keys):
            return cat
    return "other"


def _milestone(p: Paragraph) -> int | None:
    """Milestone year from the paragraph itself (when marked) or the nearest heading above."""
    for label in [p.text if p.level else "", *reversed(above(p))]:
        m = _YEAR_HEADING.search(label)
        if m:
            return int(m.group("y"))
    return None


_PERIOD_HEADING = re.compile(
    r"giai đoạn\s+(?:năm\s+)?(?P<a>20\d\d)\s*[-–]\s*(?:năm\s+)?(?P<b>20\d\d)", re.I
)


def _heading_period(p: Paragraph | None) -> str | None:
    """The period A-B when the nearest milestone heading over p is a period ("Giai đoạn A-B")
    rather than a milestone ("b) Đến năm 2030")."""
    if p is None:
        return None
    for label in [p.text if p.level else "", *reversed(above(p))]:
        m = _PERIOD_HEADING.search(label)
        if m:
            return f"{m.group('a')}-{m.group('b')}"
        if _YEAR_HEADING.search(label):
            return None
    return None


def _period_for(
    year: int | None,
    phases: list[dict[str, Any]],
    p: Paragraph | None = None,
    own_period: str | None = None,
) -> tuple[str | None, str | None]:
    """(period, basis) of a target. A period named by the target's own words or heading
    ("giai đoạn 2026-2030") is its period; a milestone ("Đến năm 2030") is the total by
    that year, counted from the plan's start, never the last phase alone."""
    period = own_period or _heading_period(p)
    if period:
        return period, "period"
    if year is None:
        return None, None
    start = min((ph["start"] for ph in phases), default=None)
    return (f"{start}-{year}" if start is not None and start < year else None), "cumulative"


_SKIP_SECTIONS = ("nhiem vu", "to chuc thuc hien", "kinh phi", "giai doan thuc hien")


def _heading_year(p: Paragraph) -> int | None:
    """Milestone year from the nearest heading above p ("a) Đến năm 2025")."""
    for label in reversed(above(p)):
        m = _YEAR_HEADING.search(label)
        if m:
            return int(m.group("y"))
    return None


def _target_paragraphs(paras: list[Paragraph]) -> tuple[list[Paragraph], bool]:
    """The targets section, or (no such section: a news summary, an excerpt) every body
    paragraph outside the tasks, organisation and funding sections; True when a section."""
    section = section_paras(paras, "muc tieu")
    if section:
        return section, True
    out = [
        p
        for p in paras
        if p.kind != "footnote"
        and not any(k in fold(label) for label in [*p.path, *above(p)] for k in _SKIP_SECTIONS)
    ]
    return out, False


def _category(unit: str, clause: str) -> str:
    # A share of the province's needs met ("đáp ứng 85% nhu cầu kiểm định") is its own kind.
    if unit == "%" and "nhu cau" in fold(clause):
        return "other"
    return categorize(unit, clause)


def _short_metric(text: str) -> str:
    text = clean_item(text)
    return text if len(text) <= 240 else text[:239] + "…"


def _targets(
    paras: list[Paragraph], phases: list[dict[str, Any]], raw_text: str = ""
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[float, int | None, str]] = set()

    def add(item: dict[str, Any]) -> None:
        key = (float(item["value"]), item["year"], fold(item["unit"]))
        if item["value"] is not None and key in seen:
            return
        seen.add(key)
        out.append(item)

    table, table_rows = table_targets(raw_text)
    section, in_section = _target_paragraphs(paras)
    for p in section:
        if p.level == LEVEL_ROMAN or p.kind == "footnote" or (is_num(p) and len(p.rest) < 60):
            continue
        if any(row in p.text or p.text in row for row in table_rows):
            continue
        year = _heading_year(p)
        found = False
        # "… 100 lượt người được đào tạo; đến năm 2030, các con số tương ứng là 70 lượt doanh
        # nghiệp và 200 lượt người": a unit met again in the paragraph keeps its category.
        unit_category: dict[str, str] = {}
        for q in quantities(p.rest, year):
            if not in_section and not (q.has_year or q.qualifier):
                continue  # a number in a news text with no milestone is not a target
            value = q.value
            # A share ("đáp ứng 80% và … 90% nhu cầu") is read with its whole clause.
            category = _category(q.unit, q.clause if q.unit == "%" else q.metric)
            if category == "other" and q.unit != "%":
                category = _category(q.unit, q.clause)
            if categorize(q.unit, "") == "other" and q.unit != "%":
                category = unit_category.setdefault(fold(q.unit), category)
            period, basis = _period_for(q.year, phases, p, q.period)
            add(
                {
                    "id": "",
                    "category": category,
                    "metric": _short_metric(q.metric),
                    "value": int(value) if value.is_integer() else value,
                    "unit": q.unit,
                    "qualifier": q.qualifier,
                    "year": q.year,
                    "period": period,
                    "basis": basis,
                    "section": where(p) or SEP.join(p.path) or "Nội dung",
                    "quote": q.quote,
                }
            )
            found = True
        year = year or _milestone(p)
        fm = None if found or year is None else _FIELDS.search(p.rest)
        if fm:
            quote = p.rest[max(0, fm.start() - 40) : fm.end("list")]
            quote = quote.split(" ", 1)[1] if fm.start() > 40 else quote
            sentence = clean_item(p.rest)
            period, basis = _period_for(year, phases, p)
            out.append(
                {
                    "id": "",
                    "category": categorize("", sentence),
                    "metric": _short_metric(sentence),
                    "value": None,
                    "unit": "lĩnh vực",
                    # Fields named, not a count: never compared with another plan's number.
                    "measure_kind": "fields",
                    "items": [x.strip() for x in fm.group("list").split(", ") if x.strip()],
                    "qualifier": None,
                    "year": year,
                    "period": period,
                    "basis": basis,
                    "section": where(p),
                    "quote": quote,
                }
            )
    for row in table:
        value = row["value"]
        period, basis = _period_for(row["year"], phases)
        add(
            {
                "id": "",
                "category": _category(row["unit"], row["metric"]),
                "metric": _short_metric(row["metric"]),
                "value": int(value) if value.is_integer() else value,
                "unit": row["unit"],
                "qualifier": None,
                "year": row["year"],
                "period": period,
                "basis": basis,
                "section": "Bảng chỉ tiêu",
                "quote": row["quote"],
            }
        )
    counts: Counter[str] = Counter()
    for t in out:
        base = f"{t['category']}-{t['year'] or 'na'}"
        counts[base] += 1
        t["id"] = base if counts[base] == 1 else f"{base}-{counts[base]}"
    return out


# --- assembly ----------------------------------------------------------------------------


def _verified(draft: dict[str, Any], text: str) -> dict[str, Any]:
    """Drop every drafted fact whose quote is not verbatim in the plan (never guess)."""
    norm = normalise_for_quotes(text)

    def ok(item: dict[str, Any]) -> bool:
        return bool(item.get("quote")) and quote_in_text(item["quote"], norm)

    for task in draft["tasks"]:
        task["results"] = [r for r in task["results"] if ok(r)]
    for key in ("targets", "tasks", "responsibilities", "funding", "scope", "priority_sectors"):
        draft[key] = [item for item in draft[key] if ok(item)]
    plan = draft["plan"]
    plan["legal_basis"] = [d for d in plan["legal_basis"] if ok(d)]
    plan["phases"] = [p for p in plan["phases"] if ok(p)]
    if not ok(plan):
        # The meta needs some quote: the first words of the document are always verbatim.
        plan["quote"] = words_prefix(norm, 12)
    return draft


def draft_facts(plan_id: str, text: str) -> dict[str, Any]:
    """A PlanFacts-shaped dict drafted from the plan's text; every quote is verbatim."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    parsed = parse_plan(text)
    paras = parsed.paragraphs
    full = collapse_ws(text)
    body_full = " ".join(parsed.lines[: parsed.appendix_at])
    meta = _meta(parsed, full)
    phases = _phases(body_full)
    meta["legal_basis"] = _legal_basis(body_full)
    meta["phases"] = phases
    draft = {
        "plan_id": plan_id,
        "plan": meta,
        "targets": _targets(paras, phases, text),
        "tasks": body_tasks(paras) + [appendix_task(row) for row in parsed.appendix_rows],
        "responsibilities": responsibilities(paras),
        "funding": funding(paras),
        "scope": scope(paras),
        "priority_sectors": sectors(body_full),
    }
    merged_groups(draft["tasks"])
    draft = _verified(draft, text)
    draft["plan"]["not_stated"] = not_stated(draft["plan"])
    PlanFacts.model_validate(draft)  # the shape must hold; a failure here is a bug
    return draft
