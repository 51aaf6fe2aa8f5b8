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
from dataclasses import dataclass, field
from typing import Any

from bot.chunking import (
    LEVEL_LETTER,
    LEVEL_NUM,
    LEVEL_ROMAN,
    LEVEL_SUBNUM,
    SEP,
    AppendixRow,
    Paragraph,
    ParsedPlan,
    parse_plan,
)
from bot.facts import PlanFacts, normalise_for_quotes, quote_in_text
from bot.prose_targets import find_section, quantities, table_targets
from bot.prose_targets import phases as prose_phases
from bot.textnorm import collapse_ws, fold, nfc

# --- reading the parsed outline ----------------------------------------------------------


def _is_num(p: Paragraph) -> bool:
    """A numbered paragraph ("1.", "2.1."), heading or inline item alike."""
    return p.level in (LEVEL_NUM, LEVEL_SUBNUM)


def _above(p: Paragraph) -> list[str]:
    """Labels of the marked paragraphs enclosing p: finer than its chunk path, so a bullet
    under "a) Giai đoạn 2021-2025:" names that item too."""
    return [q.label for q in p.parents]


def _where(p: Paragraph) -> str:
    """A fact's section: the outline path above its paragraph."""
    return SEP.join(_above(p))


def _section_paras(paras: list[Paragraph], keyword: str) -> list[Paragraph]:
    """Paragraphs of the first top-level section whose folded heading contains keyword."""
    top = next(
        (p.path[0] for p in paras if p.level == LEVEL_ROMAN and keyword in fold(p.rest)), None
    )
    if top is None:
        # "Điều 2. Tổ chức thực hiện", "1. Mục tiêu" inside a decision's article.
        return find_section(paras, keyword)
    return [p for p in paras if p.path[:1] == [top]]


def _words_prefix(text: str, n: int) -> str:
    """The first n words of text (a verbatim slice, white space already collapsed)."""
    parts = text.split(" ")
    return " ".join(parts[:n])


def _quote_prefix(text: str, min_words: int = 8, max_words: int = 18) -> str:
    """A leading phrase of text that ends at punctuation when one comes soon enough."""
    parts = text.split(" ")
    for i, word in enumerate(parts[:max_words]):
        if i + 1 >= min_words and word[-1:] in ",;.:":
            return " ".join(parts[: i + 1]).rstrip(",;:")
    return " ".join(parts[:max_words])


def _clean_item(text: str) -> str:
    """Item text without trailing separators, first letter capitalised."""
    text = collapse_ws(text).rstrip(" ;,.").rstrip()
    text = re.sub(r"\s*(v\.v\.*|\.\.\.|…)+$", "", text).rstrip(" ;,")
    return text[:1].upper() + text[1:] if text else text


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
        quote = "KẾ HOẠCH " + _words_prefix(body, 12)
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
            "content": _clean_item(content) if content else "(xem văn bản)",
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
    for label in [p.text if p.level else "", *reversed(_above(p))]:
        m = _YEAR_HEADING.search(label)
        if m:
            return int(m.group("y"))
    return None


def _period_for(year: int | None, phases: list[dict[str, Any]]) -> str | None:
    for ph in phases:
        if year == ph["end"]:
            return f"{ph['start']}-{ph['end']}"
    return None


_SKIP_SECTIONS = ("nhiem vu", "to chuc thuc hien", "kinh phi", "giai doan thuc hien")


def _heading_year(p: Paragraph) -> int | None:
    """Milestone year from the nearest heading above p ("a) Đến năm 2025")."""
    for label in reversed(_above(p)):
        m = _YEAR_HEADING.search(label)
        if m:
            return int(m.group("y"))
    return None


def _target_paragraphs(paras: list[Paragraph]) -> tuple[list[Paragraph], bool]:
    """The targets section, or (no such section: a news summary, an excerpt) every body
    paragraph outside the tasks, organisation and funding sections; True when a section."""
    section = _section_paras(paras, "muc tieu")
    if section:
        return section, True
    out = [
        p
        for p in paras
        if p.kind != "footnote"
        and not any(k in fold(label) for label in [*p.path, *_above(p)] for k in _SKIP_SECTIONS)
    ]
    return out, False


def _category(unit: str, clause: str) -> str:
    # A share of the province's needs met ("đáp ứng 85% nhu cầu kiểm định") is its own kind.
    if unit == "%" and "nhu cau" in fold(clause):
        return "other"
    return categorize(unit, clause)


def _short_metric(text: str) -> str:
    text = _clean_item(text)
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
        if p.level == LEVEL_ROMAN or p.kind == "footnote" or (_is_num(p) and len(p.rest) < 60):
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
            add(
                {
                    "id": "",
                    "category": category,
                    "metric": _short_metric(q.metric),
                    "value": int(value) if value.is_integer() else value,
                    "unit": q.unit,
                    "qualifier": q.qualifier,
                    "year": q.year,
                    "period": q.period or _period_for(q.year, phases),
                    "section": _where(p) or SEP.join(p.path) or "Nội dung",
                    "quote": q.quote,
                }
            )
            found = True
        year = year or _milestone(p)
        fm = None if found or year is None else _FIELDS.search(p.rest)
        if fm:
            quote = p.rest[max(0, fm.start() - 40) : fm.end("list")]
            quote = quote.split(" ", 1)[1] if fm.start() > 40 else quote
            sentence = _clean_item(p.rest)
            out.append(
                {
                    "id": "",
                    "category": categorize("", sentence),
                    "metric": _short_metric(sentence),
                    "value": None,
                    "unit": "lĩnh vực",
                    "qualifier": None,
                    "year": year,
                    "period": _period_for(year, phases),
                    "section": _where(p),
                    "quote": quote,
                }
            )
    for row in table:
        value = row["value"]
        add(
            {
                "id": "",
                "category": _category(row["unit"], row["metric"]),
                "metric": _short_metric(row["metric"]),
                "value": int(value) if value.is_integer() else value,
                "unit": row["unit"],
                "qualifier": None,
                "year": row["year"],
                "period": _period_for(row["year"], phases),
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


# --- body tasks --------------------------------------------------------------------------


# A parenthesised note after the last sentence ("… xã hội. (Nội dung và tiến độ thực hiện
# theo Phụ lục đính kèm)"): an aside the paragraph re-joining keeps with the item above it.
_TRAILING_NOTE = re.compile(r"(?<=[.;])\s+\([^()]*\)$")


def _body_tasks(paras: list[Paragraph]) -> list[dict[str, Any]]:
    section = _section_paras(paras, "nhiem vu")
    if not section:
        return []
    roman = section[0].marker
    out: list[dict[str, Any]] = []
    num = ""
    for p in section[1:]:
        if p.level == LEVEL_NUM:
            num = p.marker
            code = f"{roman}.{num}"
        elif p.level == LEVEL_SUBNUM:
            code = f"{roman}.{p.marker}"
        elif p.level == LEVEL_LETTER and num:
            code = f"{roman}.{num}.{p.marker}"
        else:
            continue
        out.append(
            {
                "code": code,
                "title": _clean_item(_TRAILING_NOTE.sub("", p.rest)),
                "lead": None,
                "partners": [],
                "period": None,
                "results": [],
                "section": _where(p),
                "quote": _quote_prefix(p.text if _is_num(p) else p.rest, 8, 16),
            }
        )
    return out


# --- responsibilities --------------------------------------------------------------------

_AGENCY_START = re.compile(
    r"^(Sở|UBND|Ủy ban|Uỷ ban|Ban|Văn phòng|Công an|Bộ Chỉ huy|Trung tâm|Chi cục|Cục|Đài|Báo|"
    r"Liên minh|Hội|Các|Phòng|Kho bạc|Thanh tra|Đoàn)\b"
)
# Where an agency name ends and its duties begin when there is no ':' after the name.
_DUTY_VERB = re.compile(
    r"\s(dựa trên|căn cứ|trên cơ sở|có trách nhiệm|chủ trì|phối hợp|tham gia|chỉ đạo|"
    r"hướng dẫn|thực hiện|tổ chức thực hiện)\b",
    re.IGNORECASE,
)


def _split_duties(text: str) -> list[str]:
    """Short duty sentences: the plans chain several duties with '; ' or '. '."""
    parts: list[str] = []
    for piece in re.split(r"(?<=\.)\s+|;\s+", text):
        # "v.v. các" or "(20/01). ngày" are not new sentences: only a capital starts one.
        if parts and piece[:1].islower() and parts[-1].endswith("."):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [_clean_item(p) + "." for p in parts if _clean_item(p)]


def _responsibilities(paras: list[Paragraph]) -> list[dict[str, Any]]:
    section = _section_paras(paras, "to chuc thuc hien")
    if not section:
        return []
    out: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for i, p in enumerate(section[1:], start=1):
        if _is_num(p):
            rest = p.rest
            colon = rest.find(":")
            nxt = section[i + 1] if i + 1 < len(section) else None
            if 0 < colon <= 150 and _AGENCY_START.match(rest):
                agency, inline = rest[:colon], rest[colon + 1 :]
            elif nxt is not None and nxt.kind == "bullet" and len(rest) <= 150:
                agency, inline = rest, ""
            else:
                vm = _DUTY_VERB.search(rest)
                if vm and vm.start() > 5:
                    agency, inline = rest[: vm.start()], rest[vm.start() + 1 :]
                else:
                    agency, inline = rest, ""
            current = {
                "agency": _clean_item(agency),
                "duties": _split_duties(inline) if inline.strip() else [],
                "section": SEP.join([*_above(p), f"{p.marker}. {_clean_item(agency)}"]),
                "quote": _quote_prefix(p.text, 10, 18),
                "_head": p.text,
            }
            out.append(current)
        elif current is not None and (
            p.kind == "bullet" or (p.kind == "paragraph" and not current["duties"])
        ):
            # Bullets, or the plain paragraph right under a "1. Sở Tài chính" heading line.
            current["duties"].extend(_split_duties(p.rest))
            head = current.pop("_head", None)
            if head:
                # Heading and first bullet together tie the agency to its duties.
                current["quote"] = _quote_prefix(f"{head} {p.text}", 12, 22)
        elif p.kind == "paragraph":
            # An unmarked paragraph after an agency's bullets is not one of its duties.
            current = None
    for r in out:
        r.pop("_head", None)
    return [r for r in out if r["duties"]]


# --- funding, scope, sectors -------------------------------------------------------------


def _funding(paras: list[Paragraph]) -> list[dict[str, Any]]:
    section = _section_paras(paras, "kinh phi")
    out: list[dict[str, Any]] = []
    for i, p in enumerate(section[1:], start=1):
        if not (_is_num(p) or p.kind == "bullet"):
            continue
        nxt = section[i + 1] if i + 1 < len(section) else None
        if _is_num(p) and nxt is not None and nxt.kind == "bullet" and len(p.rest) < 80:
            continue  # a heading over bullets, not a source
        folded = fold(p.rest)
        if folded.startswith("quan ly") or not re.search(
            r"kinh phi|ngan sach|dong gop|nguon", folded
        ):
            continue
        rest = p.rest
        source, covers = rest, None
        cut = re.search(r"\s(để thực hiện|bao gồm\s*:)", rest)
        if cut:
            source = rest[: cut.start()]
            inc = re.search(r"bao gồm\s*:\s*", rest)
            covers = rest[inc.end() :] if inc else rest[cut.end() :]
        out.append(
            {
                "source": _clean_item(source),
                "covers": _clean_item(covers) if covers else None,
                "section": _where(p),
                "quote": _quote_prefix(p.rest, 8, 16),
            }
        )
    return out


def _scope(paras: list[Paragraph]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    inside = False
    for p in paras:
        if p.level:
            inside = "pham vi" in fold(p.rest)
            continue
        if inside and p.kind == "bullet":
            out.append({"text": _clean_item(p.rest), "quote": _quote_prefix(p.rest, 8, 16)})
    return out


_SECTORS = re.compile(
    r"(?:ngành,?\s*lĩnh vực|lĩnh vực|ngành)\s+(?:ưu tiên\s+)?(?:như|gồm|bao gồm)\s*:?\s*"
    r"(?P<list>[^;]+?)(?=\s*(?:v\.v|;|\.\s|\.$))"
)


def _sectors(full: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in _SECTORS.finditer(full):
        for item in m.group("list").split(", "):
            item = item.strip()
            if 2 <= len(item.split(" ")) <= 10:
                out.append({"name": _clean_item(item), "quote": item})
    return out


# --- appendix table ----------------------------------------------------------------------

# Where one partner ends and the next begins in a row's partners cell.
_PARTNER_SPLIT = re.compile(
    r"(?:,\s+|\s+và\s+)(?=(?:các|ubnd|ủy ban|uỷ ban|sở|doanh nghiệp|phòng|tổ chức|cơ quan|hội|"
    r"hiệp hội|đơn vị|trung tâm|ban)\b)",
    re.IGNORECASE,
)


def _sentence_case(text: str) -> str:
    return text.capitalize() if text.isupper() else text


def _appendix_task(row: AppendixRow) -> dict[str, Any]:
    """A task fact from one appendix row; header rows become tasks with a title only."""
    items = [collapse_ws(x) for x in re.split(r"(?:^|\s)-\s+", row.content) if x.strip()]
    body = "; ".join(
        _clean_item(x) if j == 0 else _clean_item(x)[:1].lower() + _clean_item(x)[1:]
        for j, x in enumerate(items)
    )
    body = body.replace(":;", ":")
    group_title = _clean_item(_sentence_case(row.title))
    if group_title and body:
        title = f"{group_title}: {body[:1].lower() + body[1:]}"
    else:
        title = group_title or body
    first = items[0] if items else ""
    partners = [_clean_item(x) for x in _PARTNER_SPLIT.split(row.partners or "") if x.strip()]
    results = [
        {"period": period, "result": result, "quote": quote}
        for (period, result), quote in zip(row.periods, row.period_quotes, strict=True)
        if result
    ]
    periods = list(dict.fromkeys(r["period"] for r in results))
    return {
        "code": row.code,
        "title": title or row.code,
        "lead": row.lead,
        "partners": partners,
        "period": "; ".join(periods) or None,
        "results": results,
        # The row's own path entry is its marker or title: the section is what is above it.
        "section": SEP.join(["Phụ lục", *row.path[:-1]]),
        "quote": _quote_prefix(first, 8, 16) if first else row.header,
    }


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
        plan["quote"] = _words_prefix(norm, 12)
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
        "tasks": _body_tasks(paras) + [_appendix_task(row) for row in parsed.appendix_rows],
        "responsibilities": _responsibilities(paras),
        "funding": _funding(paras),
        "scope": _scope(paras),
        "priority_sectors": _sectors(body_full),
    }
    draft = _verified(draft, text)
    PlanFacts.model_validate(draft)  # the shape must hold; a failure here is a bug
    return draft


# --- measurement -------------------------------------------------------------------------


@dataclass
class ExtractionScore:
    """How much of a curated fact file a draft recovers, and how much it gets wrong."""

    plan_id: str
    curated_targets: int = 0
    recovered_targets: int = 0
    drafted_targets: int = 0
    wrong_targets: int = 0
    curated_agencies: int = 0
    recovered_agencies: int = 0
    drafted_agencies: int = 0
    curated_rows: int = 0
    recovered_rows: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def target_recall(self) -> float:
        return self.recovered_targets / self.curated_targets if self.curated_targets else 1.0

    @property
    def target_precision(self) -> float:
        if not self.drafted_targets:
            return 1.0
        return (self.drafted_targets - self.wrong_targets) / self.drafted_targets

    @property
    def agency_recall(self) -> float:
        return self.recovered_agencies / self.curated_agencies if self.curated_agencies else 1.0

    @property
    def row_recall(self) -> float:
        return self.recovered_rows / self.curated_rows if self.curated_rows else 1.0


def _agency_key(name: str) -> str:
    return fold(name).strip(" .;:,")


def score_draft(curated: PlanFacts, draft: PlanFacts) -> ExtractionScore:
    """Numeric targets match on (value, year, category); agencies on their folded name;
    appendix rows on code, lead and (period, result) pairs."""
    score = ExtractionScore(curated.plan_id)

    def key(t: Any) -> tuple[float, int | None, str]:
        return (float(t.value), t.year, t.category)

    want = Counter(key(t) for t in curated.targets if t.value is not None)
    got = Counter(key(t) for t in draft.targets if t.value is not None)
    score.curated_targets = sum(want.values())
    score.drafted_targets = sum(got.values())
    score.recovered_targets = sum((want & got).values())
    score.wrong_targets = sum((got - want).values())
    score.missed += [f"target {k}" for k in (want - got).elements()]
    score.wrong += [f"target {k}" for k in (got - want).elements()]

    want_a = {_agency_key(r.agency) for r in curated.responsibilities}
    got_a = {_agency_key(r.agency) for r in draft.responsibilities}
    score.curated_agencies = len(want_a)
    score.drafted_agencies = len(got_a)
    score.recovered_agencies = len(want_a & got_a)
    score.missed += [f"agency {a}" for a in sorted(want_a - got_a)]

    def row_key(t: Any) -> tuple[str, str, frozenset[tuple[str, str]]]:
        res = frozenset((r.period, fold(r.result)) for r in t.results)
        return (t.code, fold(t.lead or ""), res)

    want_r = {row_key(t) for t in curated.tasks if t.code.startswith("PL.")}
    got_r = {row_key(t) for t in draft.tasks if t.code.startswith("PL.")}
    score.curated_rows = len(want_r)
    score.recovered_rows = len(want_r & got_r)
    score.missed += [f"appendix row {k[0]}" for k in sorted(want_r - got_r)]
    return score
