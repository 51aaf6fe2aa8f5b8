"""Drafting tasks, agencies' duties, funding, scope, sectors and appendix rows of a plan."""

from __future__ import annotations

import re
from typing import Any

from bot.chunking import (
    LEVEL_LETTER,
    LEVEL_NUM,
    LEVEL_ROMAN,
    LEVEL_SUBNUM,
    SEP,
    AppendixRow,
    Paragraph,
)
from bot.fact_outline import above, clean_item, is_num, quote_prefix, section_paras, where
from bot.textnorm import collapse_ws, fold

# --- body tasks --------------------------------------------------------------------------


# A parenthesised note after the last sentence ("… xã hội. (Nội dung và tiến độ thực hiện
# theo Phụ lục đính kèm)"): an aside the paragraph re-joining keeps with the item above it.
_TRAILING_NOTE = re.compile(r"(?<=[.;])\s+\([^()]*\)$")


def body_tasks(paras: list[Paragraph]) -> list[dict[str, Any]]:
    section = section_paras(paras, "nhiem vu") or section_paras(paras, "noi dung thuc hien")
    if not section:
        return []
    roman = section[0].marker
    out: list[dict[str, Any]] = []
    # Under a numbered heading ("3. Nhiệm vụ chủ yếu" inside a decision's article) the
    # lettered items are the tasks themselves.
    num = "" if section[0].level == LEVEL_ROMAN else "_"
    for p in section[1:]:
        if p.level == LEVEL_NUM:
            num = p.marker
            code = f"{roman}.{num}"
        elif p.level == LEVEL_SUBNUM or (p.level == LEVEL_LETTER and num == "_"):
            code = f"{roman}.{p.marker}"
        elif p.level == LEVEL_LETTER and num:
            code = f"{roman}.{num}.{p.marker}"
        else:
            continue
        out.append(
            {
                "code": code,
                "title": clean_item(_TRAILING_NOTE.sub("", p.rest)),
                "lead": None,
                "partners": [],
                "period": None,
                "results": [],
                "section": where(p),
                "quote": quote_prefix(p.text if is_num(p) else p.rest, 8, 16),
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
    return [clean_item(p) + "." for p in parts if clean_item(p)]


def responsibilities(paras: list[Paragraph]) -> list[dict[str, Any]]:
    section = section_paras(paras, "to chuc thuc hien")
    if not section:
        return []
    out: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for i, p in enumerate(section[1:], start=1):
        if is_num(p):
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
                "agency": clean_item(agency),
                "duties": _split_duties(inline) if inline.strip() else [],
                "section": SEP.join([*above(p), f"{p.marker}. {clean_item(agency)}"]),
                "quote": quote_prefix(p.text, 10, 18),
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
                current["quote"] = quote_prefix(f"{head} {p.text}", 12, 22)
        elif p.kind == "paragraph":
            # An unmarked paragraph after an agency's bullets is not one of its duties.
            current = None
    for r in out:
        r.pop("_head", None)
    return [r for r in out if r["duties"]]


# --- funding, scope, sectors -------------------------------------------------------------


def funding(paras: list[Paragraph]) -> list[dict[str, Any]]:
    section = section_paras(paras, "kinh phi")
    out: list[dict[str, Any]] = []
    for i, p in enumerate(section[1:], start=1):
        if not (is_num(p) or p.kind == "bullet"):
            continue
        nxt = section[i + 1] if i + 1 < len(section) else None
        if is_num(p) and nxt is not None and nxt.kind == "bullet" and len(p.rest) < 80:
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
                "source": clean_item(source),
                "covers": clean_item(covers) if covers else None,
                "section": where(p),
                "quote": quote_prefix(p.rest, 8, 16),
            }
        )
    return out


def scope(paras: list[Paragraph]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    inside = False
    for p in paras:
        if p.level:
            inside = "pham vi" in fold(p.rest)
            continue
        if inside and p.kind == "bullet":
            out.append({"text": clean_item(p.rest), "quote": quote_prefix(p.rest, 8, 16)})
    return out


_SECTORS = re.compile(
    r"(?:ngành,?\s*lĩnh vực|lĩnh vực|ngành)\s+(?:ưu tiên\s+)?(?:như|gồm|bao gồm)\s*:?\s*"
    r"(?P<list>[^;]+?)(?=\s*(?:v\.v|;|\.\s|\.$))"
)


def sectors(full: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in _SECTORS.finditer(full):
        # "như: a, b, c v.v." names examples of a list the plan leaves open.
        open_list = "như" in m.group(0) or full[m.end() :].lstrip().startswith("v.v")
        for item in m.group("list").split(", "):
            item = item.strip()
            if 2 <= len(item.split(" ")) <= 10:
                out.append({"name": clean_item(item), "quote": item, "open_list": open_list})
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


def appendix_task(row: AppendixRow) -> dict[str, Any]:
    """A task fact from one appendix row; header rows become tasks with a title only."""
    items = [collapse_ws(x) for x in re.split(r"(?:^|\s)-\s+", row.content) if x.strip()]
    body = "; ".join(
        clean_item(x) if j == 0 else clean_item(x)[:1].lower() + clean_item(x)[1:]
        for j, x in enumerate(items)
    )
    body = body.replace(":;", ":")
    group_title = clean_item(_sentence_case(row.title))
    if group_title and body:
        title = f"{group_title}: {body[:1].lower() + body[1:]}"
    else:
        title = group_title or body
    first = items[0] if items else ""
    partners = [clean_item(x) for x in _PARTNER_SPLIT.split(row.partners or "") if x.strip()]
    results: list[dict[str, Any]] = []
    for (period, result), quote in zip(row.periods, row.period_quotes, strict=True):
        if not result:
            continue
        entry: dict[str, Any] = {"period": period, "result": result, "quote": quote}
        if any(r["period"] == period for r in results):
            # A period already given for this row: a line of another row (merged or split
            # cells) that the table extraction put here. Kept for review, not asserted.
            entry["uncertain"] = True
            entry["note"] = "Giai đoạn này đã có kết quả ở hàng này; dòng có thể thuộc hàng khác."
        results.append(entry)
    periods = list(dict.fromkeys(r["period"] for r in results if not r.get("uncertain")))
    return {
        "code": row.code,
        "title": title or row.code,
        "lead": row.lead,
        "partners": partners,
        "period": "; ".join(periods) or None,
        "results": results,
        # The row's own path entry is its marker or title: the section is what is above it.
        "section": SEP.join(["Phụ lục", *row.path[:-1]]),
        "quote": quote_prefix(first, 8, 16) if first else row.header,
    }


_SUB_ROW = re.compile(r"[a-zđ]")


def merged_groups(tasks: list[dict[str, Any]]) -> None:
    """Rows of an appendix sub-group printed with one set of cells (merged in the table, so
    only one row shows them): the cells belong to the group's row. Every sub-row is marked
    part of the group and uncertain; the row that showed the cells keeps them but no
    results, and the bare rows get none (a reviewer decides whether they inherit)."""
    for group in tasks:
        code = group["code"]
        if not code.startswith("PL."):
            continue
        rows = [
            t
            for t in tasks
            if t["code"].rsplit(".", 1)[0] == code
            and _SUB_ROW.fullmatch(t["code"].rsplit(".", 1)[-1])
        ]
        bare = [t for t in rows if not (t["lead"] or t["partners"] or t["results"])]
        donors = [t for t in rows if t not in bare]
        if not bare or len(donors) != 1:
            continue
        donor = donors[0]
        group.update(
            lead=donor["lead"],
            partners=list(donor["partners"]),
            period=donor["period"],
            results=donor["results"],
        )
        donor["results"] = []
        for t in rows:
            t.update(group=code, uncertain=True)
