"""Targets, phases and sections as plans write them in running prose and in tables.

A plan may put its targets in bullets under a milestone heading, in a sentence with several
targets ("hỗ trợ ít nhất 15 doanh nghiệp…; đào tạo ít nhất 80 lượt người"), with the later
milestone in brackets ("(năm 2030: 40 doanh nghiệp)") or in the same clause ("đến năm 2025
đáp ứng 80% và đến năm 2030 đáp ứng 90%"), per period ("giai đoạn 2021–2025"), yearly
("hằng năm"), or in a table (content, unit, one column per milestone year). Every quote is a
verbatim slice of the plan text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.chunking import LEVEL_NUM, LEVEL_ROMAN, Paragraph
from bot.textnorm import collapse_ws, fold

# --- sections ----------------------------------------------------------------------------

_DIEU = re.compile(r"^Điều\s+\d+\.?\s*")


def find_section(paras: list[Paragraph], keyword: str) -> list[Paragraph]:
    """Paragraphs of the section about `keyword` (folded): a roman heading containing it, else
    a numbered heading or an "Điều N." paragraph opening with it, up to the next heading of
    the same or a higher level."""
    for i, p in enumerate(paras):
        if p.level == LEVEL_ROMAN and keyword in fold(p.rest):
            return [q for q in paras if q.path[:1] == p.path[:1]]
        dieu = _DIEU.match(p.text)
        head = fold(p.text[dieu.end() :] if dieu else p.rest)
        if (dieu or p.level in (LEVEL_ROMAN, LEVEL_NUM)) and head.startswith(keyword):
            level = 0 if dieu else p.level
            out = [p]
            for q in paras[i + 1 :]:
                if _DIEU.match(q.text) or (q.level and level and q.level <= level):
                    break
                if q.kind == "footnote":
                    continue
                out.append(q)
            return out
    return []


# --- phases ------------------------------------------------------------------------------

_PHASE = re.compile(
    r"[Gg]iai đoạn\s+(?:(?P<n>\d|[IVX]+)\b\s*(?::|\()?\s*)?(?:[Tt]ừ\s+)?(?:năm\s+)?"
    r"(?P<a>20\d\d)\s*(?:đến|[-–])\s*(?:năm\s+)?(?P<b>20\d\d)\)?"
)


def phases(text: str) -> list[dict[str, Any]]:
    """Phases named in the text ("Giai đoạn 1: 2021-2025", "giai đoạn I (2021 - 2025)",
    "giai đoạn 2 từ năm 2026 đến năm 2030"), in time order."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for m in _PHASE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not a < b or (a, b) in found:
            continue
        found[(a, b)] = {"n": m.group("n"), "start": a, "end": b, "quote": m.group(0)}
    out = []
    for i, ph in enumerate(sorted(found.values(), key=lambda x: x["start"]), start=1):
        out.append(
            {
                "name": f"Giai đoạn {ph['n'] or i}",
                "start": ph["start"],
                "end": ph["end"],
                "quote": ph["quote"],
            }
        )
    return out


# --- quantities in prose -----------------------------------------------------------------

_QTY = re.compile(
    r"(?P<q>ít nhất|tối thiểu|trên|hơn|khoảng|đạt)?\s*(?<![\d/.:,-])"
    r"(?P<n>\d{1,3}(?:\.\d{3})+|\d{1,4}(?:,\d+)?)"
    r"(?P<pct>\s*%)?(?![\d/:%-]|[.,]\d)(?=(?P<after>(?:\s+[^\d]|[.,;)]).*|\s*$))",
    re.IGNORECASE,
)
_YEAR_CUE = re.compile(
    r"(?P<yearly>[Hh]ằng năm|[Hh]àng năm|[Mm]ỗi năm)"
    r"|(?:[Gg]iai đoạn|[Tt]rong giai đoạn)\s+(?P<pa>20\d\d)\s*[-–]\s*(?P<pb>20\d\d)"
    r"|(?:[Đđ]ến|[Tt]ới|[Tt]rước|[Vv]ào|[Tt]rong)\s+(?:hết\s+)?năm\s+(?P<y1>20\d\d)"
    r"|(?:^|\(|;\s*)[Nn]ăm\s+(?P<y2>20\d\d)\s*:"
)
# A milestone in brackets right after the number: "20 doanh nghiệp (năm 2025)".
_POST_YEAR = re.compile(r"\s*\((?:đến\s+)?(?:năm\s+)?(?P<y>20\d\d)\)")
# "… đến năm 2025 đạt 60 …, đến năm 2030 đạt 120 …; số lượt người … lần lượt là 250 lượt
# người và 500 lượt người": the numbers after it take the sentence's milestones in order.
_RESPECTIVELY = re.compile(r"lần lượt(?:\s+là|\s+đạt)?", re.I)
# Words that end a unit phrase ("25 lượt người | tham gia …").
_UNIT_STOP = re.compile(
    r"\s(?:được|tham gia|đáp ứng|nhằm|bao gồm|các loại|trên địa bàn|cho|để|thuộc|có|về|trong|"
    r"tại|đạt|phục vụ|hoạt động|triển khai|là|với|của|áp dụng|sử dụng|thực hiện|xây dựng|"
    r"ứng dụng|hoàn thành|hỗ trợ|đánh giá|từ|đến|và|vào|nâng|phù hợp|tuyên truyền)\b|[;.:()]"
)
COUNT_NOUNS = (
    "luot",
    "nguoi",
    "doanh nghiep",
    "to chuc",
    "phong thi nghiem",
    "chuan",
    "chat chuan",
    "phuong tien",
    "tin",
    "bai",
    "co so",
    "don vi",
    "hoi nghi",
    "lop",
    "can bo",
    "san pham",
    "linh vuc",
    "dot",
    "chuong trinh",
    "hoi thao",
    "phong thu nghiem",
)


@dataclass
class _Cue:
    start: int
    end: int
    year: int | None
    period: str | None
    scope_end: int  # a cue inside brackets holds only to the closing bracket


def unit_of(after: str) -> str:
    """The unit phrase right after a number, at most 8 words."""
    stop = _UNIT_STOP.search(" " + after)
    unit = (" " + after)[: stop.start()] if stop else " " + after
    return " ".join(collapse_ws(unit).strip(" ,").split(" ")[:8]).rstrip(" ,")


def is_count_unit(unit: str) -> bool:
    """A countable noun ("30 doanh nghiệp"), so the bare number is a target."""
    first = fold(unit)
    return any(first == n or first.startswith((n + " ", n + ",", n + "/")) for n in COUNT_NOUNS)


def _cues(text: str) -> list[_Cue]:
    out = []
    for m in _YEAR_CUE.finditer(text):
        close = len(text)
        opened = text.rfind("(", 0, m.start() + 1)
        if opened != -1 and text.rfind(")", opened, m.start()) == -1:
            end = text.find(")", m.end())
            close = end if end != -1 else len(text)
        if m.group("yearly"):
            year, period = None, None
        elif m.group("pa"):
            year, period = int(m.group("pb")), f"{m.group('pa')}-{m.group('pb')}"
        else:
            year, period = int(m.group("y1") or m.group("y2")), None
        out.append(_Cue(m.start(), m.end(), year, period, close))
    return out


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The ';'-separated clause (or sentence) around pos."""
    starts = [text.rfind(";", 0, pos), text.rfind(". ", 0, pos)]
    start = max(starts) + 1
    ends = [i for i in (text.find(";", pos), text.find(". ", pos)) if i != -1]
    return start, min(ends) if ends else len(text)


@dataclass
class Quantity:
    """One target-like number in a paragraph with the milestone that governs it."""

    value: float
    unit: str
    qualifier: str | None
    year: int | None
    period: str | None
    clause: str
    quote: str
    has_year: bool  # a year cue (or heading) governs it, not only a guess
    start: int = 0
    end: int = 0
    raw: str = ""  # the number as written ("02")
    # Its own part of the clause: between the previous and the next target in it; a target
    # in brackets restates the one before it for another year, so it shares its metric.
    metric: str = ""


def quantities(text: str, heading_year: int | None) -> list[Quantity]:
    """Target-like numbers of a paragraph, each with the milestone in force where it stands:
    the last year cue before it (a cue in brackets only inside them), else the heading's,
    else a cue later in the same clause ("đáp ứng 75% … vào năm 2025")."""
    cues = _cues(text)
    out: list[Quantity] = []
    for m in _QTY.finditer(text):
        raw = m.group("n")
        # Vietnamese writes "1.000" for a thousand and "1,5" for one and a half.
        value = float(raw.replace(".", "").replace(",", "."))
        qualifier = m.group("q")
        if 1900 <= value <= 2100 and "." not in raw and not m.group("pct"):
            continue  # a year, not a quantity
        if any(c.start <= m.start("n") < c.end for c in cues):
            continue
        unit_phrase = unit_of(m.group("after"))
        unit = "%" if m.group("pct") else unit_phrase
        if not m.group("pct") and not is_count_unit(unit):
            continue
        if m.group("pct") and value > 100:
            continue
        before = [c for c in cues if c.end <= m.start() and m.start() < c.scope_end]
        lo, hi = _clause_bounds(text, m.start())
        year: int | None
        if before:
            year, period, has_year = before[-1].year, before[-1].period, True
        elif heading_year is not None:
            year, period, has_year = heading_year, None, True
        else:
            later = [c for c in cues if m.end() <= c.start < hi]
            year, period = (later[0].year, later[0].period) if later else (None, None)
            has_year = bool(later)
        start = m.start("q") if qualifier else m.start("n")
        pre = text[lo:start].split(" ")[-5:]
        end = m.start("after") + len(" " + unit_phrase) if unit_phrase else m.end("pct")
        if post := _POST_YEAR.match(text, end):
            year, period, has_year, end = int(post.group("y")), None, True, post.end()
        quote = collapse_ws(" ".join(pre) + " " + text[start:end])
        out.append(
            Quantity(
                value=value,
                unit=unit,
                qualifier=qualifier.lower() if qualifier else None,
                year=year,
                period=period,
                clause=collapse_ws(text[lo:hi]).strip(" ,;."),
                quote=quote,
                has_year=has_year or _yearly(text, lo, m.start()),
                start=start,
                end=end,
                raw=raw,
            )
        )
    _respectively(text, cues, out)
    _metrics(text, out)
    return out


def _respectively(text: str, cues: list[_Cue], found: list[Quantity]) -> None:
    """Numbers after "lần lượt là" take the sentence's earlier milestones in order."""
    for r in _RESPECTIVELY.finditer(text):
        sentence = text.rfind(". ", 0, r.start()) + 1
        years = list(
            dict.fromkeys(
                c.year for c in cues if sentence <= c.start < r.start() and c.year is not None
            )
        )
        end_at = [i for i in (text.find(";", r.end()), text.find(". ", r.end())) if i != -1]
        stop = min(end_at) if end_at else len(text)
        after = [q for q in found if r.end() <= q.start < stop]
        if 2 <= len(after) <= len(years):
            for q, year in zip(after, years, strict=False):
                q.year, q.period, q.has_year = year, None, True


def _in_brackets(text: str, pos: int) -> bool:
    opened = text.rfind("(", 0, pos)
    return opened != -1 and text.rfind(")", opened, pos) == -1


def _restate(before: Quantity, q: Quantity) -> str:
    """The earlier target's metric said for q: its number and milestone replaced."""
    qualifier = r"(?:(?:ít nhất|tối thiểu|trên|hơn|khoảng)\s+)?"
    number = (q.qualifier + " " if q.qualifier else "") + q.raw
    text = re.sub(
        qualifier + rf"(?<![\d]){re.escape(before.raw)}(?![\d])",
        number,
        before.metric,
        count=1,
        flags=re.I,
    )
    text = _YEAR_CUE.sub(" ", text)
    return collapse_ws(re.sub(r"\s+([,;:])", r"\1", text)).strip(" ,;:")


_BOUNDARY = re.compile(r",\s+|\s+và\s+")
_RESTATED = re.compile(r"tương ứng|lần lượt", re.I)


def _metrics(text: str, found: list[Quantity]) -> None:
    """Each quantity's own stretch of text (see Quantity.metric)."""
    for i, q in enumerate(found):
        if i and _in_brackets(text, q.start):
            q.metric = _restate(found[i - 1], q)
            continue
        lo, hi = _clause_bounds(text, q.start)
        prev = [p for p in found[:i] if p.end > lo]
        if prev:
            closing = text.find(")", prev[-1].end, q.start)
            if closing != -1:
                lo = closing + 1
            else:
                cut = _BOUNDARY.search(text, prev[-1].end, q.start)
                lo = cut.end() if cut else prev[-1].end
        nxt = [n for n in found[i + 1 :] if n.start < hi]
        if nxt and _in_brackets(text, nxt[0].start):
            hi = text.rfind("(", q.end, nxt[0].start)
        elif nxt:
            cuts = list(_BOUNDARY.finditer(text, q.end, nxt[0].start))
            hi = cuts[-1].start() if cuts else nxt[0].start
        bracket = text.find("(", q.end, hi)
        if bracket != -1:
            hi = bracket
        part = collapse_ws(text[lo:hi]).strip(" ,;.:")
        part = re.sub(r"^(?:và|cùng)\s+|\s+(?:và|cùng)$", "", part).strip(" ,")
        own = _YEAR_CUE.sub(" ", part.replace(q.quote.split(" ")[-1], " "))
        bare = len(own.split()) <= len(q.unit.split()) + 3
        if bare or _RESTATED.search(text[lo : q.start]):
            # "các con số tương ứng là 70 lượt doanh nghiệp và 200 lượt người": the metric
            # of the target with the same unit said before.
            same = [p for p in found[:i] if fold(p.unit) == fold(q.unit) and p.metric]
            if same:
                q.metric = _restate(same[-1], q)
                continue
        q.metric = part if len(part.split()) >= 3 else q.clause


def _yearly(text: str, lo: int, pos: int) -> bool:
    return bool(re.search(r"(?:hằng|hàng|mỗi) năm", text[lo:pos], re.I))


# --- tables ------------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"\t+|\s*\|\s*|\s{3,}")
_YEAR_COL = re.compile(r"(20\d\d)")


def table_targets(raw_text: str) -> tuple[list[dict[str, Any]], set[str]]:
    """Targets of tables with a column per milestone year (header "… Năm 2025 | Năm 2030"),
    and the collapsed text of every table row (so prose reading skips them)."""
    out: list[dict[str, Any]] = []
    rows_seen: set[str] = set()
    lines = raw_text.split("\n")
    i = 0
    while i < len(lines):
        cells = [c.strip() for c in _CELL_SPLIT.split(lines[i].strip()) if c.strip()]
        years = [(j, int(m.group(1))) for j, c in enumerate(cells) if (m := _YEAR_COL.search(c))]
        if len(cells) < 3 or len(years) < 1 or len(cells[years[0][0]]) > 20:
            i += 1
            continue
        header = [fold(c) for c in cells]
        unit_col = next((j for j, c in enumerate(header) if "don vi" in c), None)
        content_col = next(
            (j for j, c in enumerate(header) if "chi tieu" in c or "noi dung" in c),
            1 if len(cells) > len(years) + 1 else 0,
        )
        rows_seen.add(collapse_ws(lines[i]))
        i += 1
        while i < len(lines):
            row = [c.strip() for c in _CELL_SPLIT.split(lines[i].strip()) if c.strip()]
            if len(row) != len(cells):
                break
            rows_seen.add(collapse_ws(lines[i]))
            quote = collapse_ws(lines[i])
            unit = row[unit_col] if unit_col is not None else ""
            for j, year in years:
                m = re.fullmatch(r"(\d{1,5}(?:,\d+)?)\s*(%)?", row[j])
                if not m:
                    continue
                value = float(m.group(1).replace(",", "."))
                out.append(
                    {
                        "metric": row[content_col],
                        "value": value,
                        "unit": "%" if m.group(2) else (unit[:1].lower() + unit[1:]),
                        "year": year,
                        "quote": quote,
                    }
                )
            i += 1
    return out, rows_seen
