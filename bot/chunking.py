"""Cleaning PDF-extracted plan text, parsing its outline, and chunking it along that outline.

`parse_plan` is the one parser of a plan's layout (paragraphs, outline, closing block,
appendix table). `chunk_plan` (retrieval) and bot.fact_extraction (draft facts) both build
on it, so the two never disagree about where a section starts or what a table row holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.provinces import unit_label
from bot.textnorm import collapse_ws, nfc

SEP = " › "

_ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
_UPPER = "A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER_LETTERS = "abcdđeghiklmnopqrstuvxy"

ROMAN_HEAD = re.compile(rf"^({_ROMAN})\.\s+(.+)$")
SUBNUM_HEAD = re.compile(r"^(\d+\.\d+)\.?\s+(.+)$")
NUM_HEAD = re.compile(r"^(\d+)\.\s+(.+)$")
LETTER_HEAD = re.compile(rf"^([{_LOWER_LETTERS}])\)\s*(.*)$")
BULLET = re.compile(r"^([-–•+])\s*(.+)$")
FOOTNOTE = re.compile(r"^\((\d+)\)\s+(.+)$")
PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
URL = re.compile(r"^\s*https?://\S+\s*$")
PERIOD = re.compile(r"((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})")
APPENDIX_START = re.compile(r"^\s*Phụ\s+lục\b", re.IGNORECASE)
CLOSING = re.compile(r"^(Trên đây là|Nơi nhận|TM\.|KT\.|Căn cứ nội dung, nhiệm vụ theo Kế hoạch)")
_STARTS = (ROMAN_HEAD, SUBNUM_HEAD, NUM_HEAD, LETTER_HEAD, BULLET, FOOTNOTE)
# Agencies that lead or partner in an appendix row usually open with one of these.
_AGENCY_START = re.compile(
    r"^(Sở|UBND|Ủy ban|Uỷ ban|Ban |Văn phòng|Công an|Cục |Trung tâm|Chi cục|Bộ Chỉ huy|Kho bạc|"
    r"Liên minh)"
)
_PARTNER_START = re.compile(r"^(Các |Doanh nghiệp|Phòng |Tổ chức|Cơ quan|Hội |Hiệp hội|UBND)")

_OPENERS = ("Căn cứ ", "Thực hiện Quyết định", "Thực hiện Nghị quyết")
_CONCLUSION = ("Trên đây là", "Căn cứ nội dung, nhiệm vụ theo Kế hoạch")
# The closing block (recipients, signature) opens with one of these; it follows the body
# whichever of the recipients list and the signature the PDF extraction put first.
_CLOSING_START = ("Nơi nhận", "TM.", "KT.")
_SIGNATURE_START = ("TM.", "KT.")
# A short heading-like line (no sentence inside) rather than a numbered paragraph.
MAX_HEADING_CHARS = 140
# A heading this short is complete on its line: a capitalised next line is its body.
MAX_SHORT_HEADING_CHARS = 70
# Section labels of what precedes the first heading, the closing remarks, and page notes.
PREAMBLE = "Phần mở đầu"
CONCLUSION = "Kết luận"
FOOTNOTES = "Chú thích"
# Outline levels of a paragraph's marker (Paragraph.level); 0 for bullets, notes, plain text.
LEVEL_ROMAN, LEVEL_NUM, LEVEL_SUBNUM, LEVEL_LETTER = 1, 2, 3, 4


@dataclass
class Chunk:
    """A quotable passage with its plan and outline path."""

    chunk_id: str
    plan: str
    section: str
    text: str
    kind: str
    # Heading context + text: what is embedded and searched.
    search_text: str = ""
    meta: dict[str, str] = field(default_factory=dict)


# --- lines and paragraphs ----------------------------------------------------------------


def clean_lines(text: str) -> list[str]:
    """Lines without page numbers, URLs and blank-line noise (NFC, stripped)."""
    lines = []
    for raw in nfc(text).replace("\t", " ").split("\n"):
        line = collapse_ws(raw)
        if not line or PAGE_NUMBER.match(line) or URL.match(line):
            continue
        lines.append(line)
    return lines


def _is_start(line: str) -> bool:
    return any(p.match(line) for p in _STARTS) or bool(CLOSING.match(line))


def _join(left: str, right: str) -> str:
    # "3807/QĐ-" + "BKHCN": a hyphen glued to a word continues the token.
    if re.search(r"\S-$", left) and not right[:1].islower():
        return left + right
    return f"{left} {right}"


def _marker_of(par: str) -> tuple[int, str, str] | None:
    """(level, marker, rest) when a paragraph opens with an outline marker, bullet or note."""
    if m := ROMAN_HEAD.match(par):
        return LEVEL_ROMAN, m.group(1), m.group(2)
    if m := SUBNUM_HEAD.match(par):
        return LEVEL_SUBNUM, m.group(1), m.group(2)
    if m := NUM_HEAD.match(par):
        return LEVEL_NUM, m.group(1), m.group(2)
    if m := LETTER_HEAD.match(par):
        return LEVEL_LETTER, m.group(1), m.group(2)
    if m := BULLET.match(par):
        return 0, m.group(1), m.group(2)
    if m := FOOTNOTE.match(par):
        return 0, m.group(1), m.group(2)
    return None


def _short_heading(par: str) -> bool:
    """A one-line outline heading such as "2.1. Đến năm 2025" (short, no sentence in it)."""
    found = _marker_of(par)
    return (
        found is not None
        and found[0] >= LEVEL_ROMAN
        and len(par) < MAX_SHORT_HEADING_CHARS
        and _is_heading(found[2])
    )


def rejoin(lines: list[str]) -> list[str]:
    """Re-join lines the PDF extraction broke mid-sentence into logical paragraphs."""
    paragraphs: list[str] = []
    single = False  # the last paragraph is still one printed line
    for line in lines:
        if not paragraphs or _is_start(line):
            paragraphs.append(line)
            single = True
            continue
        prev = paragraphs[-1]
        ends_sentence = prev.endswith((".", ";", ":", "!", "?")) and line[:1].isupper()
        # Upper-case title lines and legal-basis openers start blocks of their own.
        case_change = prev.isupper() != line.isupper()
        # "2.1. Đến năm 2025" then "Ít nhất 50 lượt người…": a short heading's body text,
        # not a wrapped heading (those go on in lower case: "… hỗ trợ" / "doanh nghiệp").
        after_heading = single and line[:1].isupper() and _short_heading(prev)
        if ends_sentence or case_change or after_heading or line.startswith(_OPENERS):
            paragraphs.append(line)
            single = True
        else:
            paragraphs[-1] = _join(prev, line)
            single = False
    return paragraphs


def _is_heading(rest: str) -> bool:
    """A short heading-like text (after its marker), not a numbered sentence."""
    return len(rest) <= MAX_HEADING_CHARS and not re.search(r"[.;:]\s*$", rest) and ". " not in rest


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


# --- the outline -------------------------------------------------------------------------


@dataclass
class Paragraph:
    """One logical paragraph of a plan's body, placed in the outline.

    kind is "heading" (a marked, heading-like paragraph that opens a section), "item" (a
    marked paragraph that is a sentence: "2. Sở Tài chính: …", "a) Xây dựng …"), "bullet",
    "paragraph" (unmarked) or "footnote".
    """

    kind: str
    text: str  # the whole paragraph, marker included
    rest: str  # the text after the marker (the whole text when unmarked)
    # The bare marker: "II", "2", "2.1", "a", "-" (the bullet sign), "1" for "(1)"; "" if none.
    marker: str = ""
    # Outline level of the marker: 1 roman, 2 number, 3 sub-number, 4 letter; 0 otherwise.
    level: int = 0
    # Section path of the chunk the paragraph lands in (a heading's own section included).
    path: list[str] = field(default_factory=list)
    # How a marked paragraph is named in outline paths: a heading by its whole text, an
    # item by its text before the colon. "" for unmarked paragraphs.
    label: str = ""
    # The marked paragraphs (headings and items) it sits under, outermost first. Finer than
    # path: a bullet under "a) Giai đoạn 2021-2025:" has that item among its parents, though
    # the item is body text of "2. Mục tiêu cụ thể" for chunking.
    parents: list[Paragraph] = field(default_factory=list, repr=False)


@dataclass
class Section:
    """A node of the plan's outline: a heading (or inline item) and its body paragraphs."""

    label: str
    level: int
    paragraphs: list[Paragraph] = field(default_factory=list)  # body, headings excluded
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    def path(self) -> list[str]:
        """Labels from the top-level section down to this one."""
        node: Section | None = self
        out: list[str] = []
        while node is not None and node.level > 0:
            out.append(node.label)
            node = node.parent
        return out[::-1]


def _item_label(par: str) -> str:
    """Section label of an inline item such as "2. Sở Tài chính: Hàng năm…"."""
    return par.split(":", 1)[0] if ":" in par[:80] else _short(par)


def _attach(current: Section, level: int, label: str) -> Section:
    parent = current
    while parent.level >= level and parent.parent is not None:
        parent = parent.parent
    node = Section(label, level, parent=parent)
    parent.children.append(node)
    return node


def _outline(texts: list[str]) -> tuple[Section, list[Paragraph]]:
    """Tree of sections with their body paragraphs, and every paragraph in document order."""
    root = Section("", 0)
    preamble = Section(PREAMBLE, 1, parent=root)
    root.children.append(preamble)
    current = preamble
    stack: list[Paragraph] = []  # marked paragraphs enclosing the current one
    out: list[Paragraph] = []
    for text in texts:
        if FOOTNOTE.match(text):
            # Notes sit at page bottoms, not in the outline; they are chunked on their own.
            out.append(_footnote(text))
            continue
        if text.startswith(_CONCLUSION):
            current = _attach(current, LEVEL_ROMAN, CONCLUSION)
            stack = []
            par = Paragraph("paragraph", text, text, path=current.path())
            current.paragraphs.append(par)
            out.append(par)
            continue
        found = _marker_of(text)
        level, marker, rest = found if found else (0, "", text)
        if level:
            while stack and stack[-1].level >= level:
                stack.pop()
        parents = list(stack)
        # Numbered and lettered sentences are body text; roman headings always open sections.
        if level == 0 or (level > LEVEL_ROMAN and not _is_heading(rest)):
            kind = "item" if level else ("bullet" if BULLET.match(text) else "paragraph")
            par = Paragraph(
                kind, text, rest, marker, level, label=_item_label(text) if level else ""
            )
            # An inline item such as "2. Sở Tài chính: Hàng năm…" is a body under its own label.
            if level in (LEVEL_NUM, LEVEL_SUBNUM):
                current = _attach(current, level, par.label)
        else:
            par = Paragraph("heading", text, rest, marker, level, label=text)
            current = _attach(current, level, text)
        par.path = current.path()
        par.parents = parents
        if par.kind != "heading":
            current.paragraphs.append(par)
        if level:
            stack.append(par)
        out.append(par)
    return root, out


def _footnote(text: str) -> Paragraph:
    m = FOOTNOTE.match(text)
    marker, rest = (m.group(1), m.group(2)) if m else ("", text)
    return Paragraph("footnote", text, rest, marker, path=[FOOTNOTES])


def _walk(node: Section) -> list[Section]:
    out = [node]
    for child in node.children:
        out.extend(_walk(child))
    return out


# --- appendix table ----------------------------------------------------------------------


@dataclass
class AppendixRow:
    """One row of an appendix task table: a group or sub-group header, or a task.

    Header rows ("II TRIỂN KHAI …", "2 Tăng cường …") usually have no cells of their own;
    `empty` tells them apart.
    """

    code: str
    path: list[str]
    content: str
    lead: str | None
    partners: str | None
    periods: list[tuple[str, str]]  # (period "2021-2025", expected result)
    header: str = ""  # the row's first line as printed ("II TRIỂN KHAI …", "a)")
    title: str = ""  # a group or sub-group row's title; "" for a task row
    # The verbatim "2025 -2030 5 tin, bài" slice behind each entry of periods.
    period_quotes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """A row with no cells of its own (typically a group header)."""
        return not (self.content or self.lead or self.partners or self.periods)

    def render(self) -> str:
        parts = [self.content]
        if self.lead:
            parts.append(f"Đơn vị chủ trì: {self.lead}.")
        if self.partners:
            parts.append(f"Đơn vị phối hợp: {self.partners}.")
        if self.periods:
            timeline = "; ".join(f"{p}: {r}" if r else p for p, r in self.periods)
            parts.append(f"Thời gian thực hiện và kết quả dự kiến: {timeline}.")
        return " ".join(parts)


# Group and sub-group rows, with or without a dot after the number ("II TRIỂN KHAI", "1. Áp dụng").
_GROUP = re.compile(rf"^({_ROMAN})\.?\s+([{_UPPER}][{_UPPER}\s,\-–]+)$")
_SUBGROUP = re.compile(rf"^(\d+)\.?\s+([{_UPPER}].+)$")
_ROW = re.compile(rf"^([{_LOWER_LETTERS}])\)\s*(.*)$")
_HEADER = re.compile(r"^STT\b")


def parse_appendix(lines: list[str]) -> tuple[str, list[AppendixRow]]:
    """Title and rows of a plan's appendix table (content, lead, partners, period → result).

    lines start at the "Phụ lục" line. Every row is returned, header rows included.
    """
    title_lines: list[str] = []
    rows: list[tuple[str, list[str], str, str, list[str]]] = []  # code, path, header, title, body
    group = sub = ""
    path: list[str] = []
    in_header = False
    started = False
    for line in lines[1:]:
        if _HEADER.match(line):
            in_header = True
            started = True
            continue
        is_marker = _GROUP.match(line) or _SUBGROUP.match(line) or _ROW.match(line)
        # A table without an "STT" column header starts at its first row.
        if not started and not is_marker:
            title_lines.append(line)
            continue
        started = True
        if in_header and not is_marker and not BULLET.match(line):
            continue
        in_header = False
        if m := _GROUP.match(line):
            group, sub = m.group(1), ""
            path = [f"{group}. {m.group(2).strip()}"]
            rows.append((f"PL.{group}", list(path), line, m.group(2).strip(), []))
        elif m := _SUBGROUP.match(line):
            sub = m.group(1)
            path = path[:1] + [f"{sub}. {m.group(2).strip()}"]
            rows.append((f"PL.{group}.{sub}", list(path), line, m.group(2).strip(), []))
        elif m := _ROW.match(line):
            code = ".".join(x for x in ("PL", group, sub, m.group(1)) if x)
            body = [m.group(2)] if m.group(2) else []
            rows.append((code, path + [f"{m.group(1)})"], line, "", body))
        elif rows:
            rows[-1][4].append(line)
    parsed = [_parse_row(code, p, header, title, body) for code, p, header, title, body in rows]
    return " ".join(title_lines), parsed


def _starts_partners(line: str, prev: str) -> bool:
    """Whether a line of the agencies' cells opens the partners column: a typical partner
    opening ("Các …", "Doanh nghiệp"), or a new agency after a lead that is complete (its
    last line does not end with "và", a comma, a hyphen or a slash)."""
    if _PARTNER_START.match(line):
        return True
    return bool(_AGENCY_START.match(line)) and not re.search(r"(\svà|,|-|/)$", prev)


def _parse_row(code: str, path: list[str], header: str, title: str, body: list[str]) -> AppendixRow:
    period_at = next((i for i, ln in enumerate(body) if PERIOD.search(ln)), len(body))
    agency_at = next(
        (i for i, ln in enumerate(body[:period_at]) if i > 0 and _AGENCY_START.match(ln)), period_at
    )
    content = collapse_ws(" ".join(rejoin(body[:agency_at])).replace(" - ", "\n- "))
    agencies = body[agency_at:period_at]
    partner_at = next(
        (i for i, ln in enumerate(agencies) if i > 0 and _starts_partners(ln, agencies[i - 1])),
        len(agencies),
    )
    lead = collapse_ws(" ".join(agencies[:partner_at])) or None
    partners = collapse_ws(" ".join(agencies[partner_at:])) or None
    tail = collapse_ws(" ".join(body[period_at:]))
    periods: list[tuple[str, str]] = []
    quotes: list[str] = []
    matches = list(PERIOD.finditer(tail))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(tail)
        periods.append((f"{m.group(1)}-{m.group(2)}", tail[m.end() : end].strip(" ;,")))
        quotes.append(tail[m.start() : end].strip(" ;,"))
    return AppendixRow(code, path, content, lead, partners, periods, header, title, quotes)


# --- the parsed plan ---------------------------------------------------------------------


@dataclass
class ParsedPlan:
    """A plan's layout: cleaned lines, outlined body, closing block and appendix table."""

    lines: list[str]  # clean_lines of the whole document
    closing_at: int  # index in lines where the closing block starts (recipients, signature)
    appendix_at: int  # index in lines where the appendix starts; len(lines) when none
    paragraphs: list[Paragraph]  # body paragraphs in document order, footnotes included
    sections: list[Section]  # outline sections in document order (pre-order)
    closing: list[str]  # the closing block's paragraphs
    appendix_title: str = ""
    appendix_rows: list[AppendixRow] = field(default_factory=list)

    @property
    def body_lines(self) -> list[str]:
        """Lines of the body: everything before the closing block."""
        return self.lines[: self.closing_at]

    @property
    def closing_lines(self) -> list[str]:
        """Lines of the closing block (one role or name a line, as printed)."""
        return self.lines[self.closing_at : self.appendix_at]

    @property
    def appendix_lines(self) -> list[str]:
        """Lines of the appendix, its "Phụ lục" line first; [] when there is none."""
        return self.lines[self.appendix_at :]

    @property
    def footnotes(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "footnote"]

    @property
    def signature(self) -> str | None:
        """Signer block: the office line(s) and the person's name after them."""
        for i, par in enumerate(self.closing):
            if par.startswith(_SIGNATURE_START):
                return " ".join(self.closing[i:])
        return None


def parse_plan(text: str) -> ParsedPlan:
    """Parse a plan's text: paragraphs placed in the outline, closing block, appendix rows."""
    lines = clean_lines(text)
    appendix_at = next((i for i, ln in enumerate(lines) if APPENDIX_START.match(ln)), len(lines))
    # The closing block follows the last roman heading: a decision's own signature before
    # the plan it issues ("Điều 3. … KT. CHỦ TỊCH … KẾ HOẠCH … I. MỤC TIÊU") is not the end.
    last_roman = max(
        (i for i, ln in enumerate(lines[:appendix_at]) if ROMAN_HEAD.match(ln)), default=-1
    )
    closing_at = next(
        (
            i
            for i, ln in enumerate(lines[:appendix_at])
            if i > last_roman and ln.startswith(_CLOSING_START)
        ),
        appendix_at,
    )
    # A closing-start line always opens a paragraph, so re-joining body and closing apart
    # gives the same paragraphs as re-joining them together.
    root, paragraphs = _outline(rejoin(lines[:closing_at]))
    closing: list[str] = []
    for par in rejoin(lines[closing_at:appendix_at]):
        if FOOTNOTE.match(par):
            paragraphs.append(_footnote(par))
        else:
            closing.append(par)
    title, rows = parse_appendix(lines[appendix_at:]) if appendix_at < len(lines) else ("", [])
    return ParsedPlan(
        lines, closing_at, appendix_at, paragraphs, _walk(root)[1:], closing, title, rows
    )


# --- chunks ------------------------------------------------------------------------------


def _overview(node: Section, limit: int = 900) -> str:
    """A heading with its sub-headings and the start of its body: answers "which tasks…"."""
    parts = [node.label]
    for par in node.paragraphs:
        parts.append(_short(par.text, 160))
    for child in node.children:
        parts.append(_short(child.label, 160))
    text = "\n".join(parts)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _merge_short(body: list[Paragraph], min_chars: int = 80) -> list[str]:
    """Glue title fragments ("KẾ HOẠCH", the motto) to what follows so no chunk is a stub."""
    out: list[str] = []
    pending = ""
    for par in body:
        text = f"{pending}\n{par.text}" if pending else par.text
        if len(text) < min_chars:
            pending = text
            continue
        out.append(text)
        pending = ""
    if pending:
        out.append(pending)
    return out


def chunk_plan(plan_id: str, province: str, text: str) -> list[Chunk]:
    """Structure-aware chunks of one plan, each with its outline path and heading context."""
    parsed = parse_plan(text)
    context = f"Kế hoạch {unit_label(province)}"
    chunks: list[Chunk] = []

    def add(section: list[str], text: str, kind: str, meta: dict[str, str] | None = None) -> None:
        section_str = SEP.join(section)
        chunks.append(
            Chunk(
                chunk_id=f"{plan_id}#{len(chunks)}",
                plan=plan_id,
                section=section_str,
                text=text,
                kind=kind,
                search_text=f"{context}{SEP}{section_str}\n{text}" if section_str else text,
                meta=meta or {},
            )
        )

    for node in parsed.sections:
        path = node.path()
        if node.level == LEVEL_ROMAN and node.label in (PREAMBLE, CONCLUSION):
            for par in _merge_short(node.paragraphs):
                add(path, par, "paragraph")
            continue
        # A heading with several items gets a chunk of its own that lists them: it answers
        # "what does agency X do" or "which targets for 2025" in one passage.
        if node.children or len(node.paragraphs) >= 2:
            add(path, _overview(node), "section")
        for p in node.paragraphs:
            add(path, p.text, p.kind)
        if not node.children and not node.paragraphs:
            add(path, node.label, "heading")
    for p in parsed.footnotes:
        add(p.path, p.text, "footnote")
    if parsed.closing:
        add(
            ["Nơi nhận"],
            "\n".join(p for p in parsed.closing if not p.startswith(_SIGNATURE_START)),
            "closing",
        )
        if signature := parsed.signature:
            add(["Người ký"], f"Người ký: {signature}", "signature")
    if parsed.appendix_lines:
        base = ["Phụ lục"]
        if parsed.appendix_title:
            add(base, collapse_ws(f"Phụ lục {parsed.appendix_title}"), "appendix_title")
        for row in parsed.appendix_rows:
            if not row.empty:
                add(base + row.path, row.render(), "appendix_row", {"code": row.code})
    return chunks
