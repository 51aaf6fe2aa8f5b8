"""Cleaning PDF-extracted plan text and chunking it along the plan's own outline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.textnorm import collapse_ws, fold, nfc

SEP = " › "

_ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
_UPPER = "A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER_LETTERS = "abcdđeghiklmnopqrstuvxy"

ROMAN_HEAD = re.compile(rf"^({_ROMAN})\.\s+(.+)$")
SUBNUM_HEAD = re.compile(r"^(\d+\.\d+)\.?\s+(.+)$")
NUM_HEAD = re.compile(r"^(\d+)\.\s+(.+)$")
LETTER_HEAD = re.compile(rf"^([{_LOWER_LETTERS}])\)\s*(.*)$")
BULLET = re.compile(r"^[-–•+]\s*(.+)$")
FOOTNOTE = re.compile(r"^\((\d+)\)\s+(.+)$")
PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
URL = re.compile(r"^\s*https?://\S+\s*$")
PERIOD = re.compile(r"((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})")
APPENDIX_START = re.compile(r"^\s*Phụ\s+lục\b", re.IGNORECASE)
CLOSING = re.compile(r"^(Trên đây là|Nơi nhận|TM\.|KT\.|Căn cứ nội dung, nhiệm vụ theo Kế hoạch)")
_STARTS = (ROMAN_HEAD, SUBNUM_HEAD, NUM_HEAD, LETTER_HEAD, BULLET, FOOTNOTE)
# Agencies that lead or partner in an appendix row usually open with one of these.
_AGENCY_START = re.compile(
    r"^(Sở|UBND|Ủy ban|Uỷ ban|Ban |Văn phòng|Công an|Cục |Trung tâm|Chi cục)"
)
_PARTNER_START = re.compile(r"^(Các |Doanh nghiệp|Phòng |Tổ chức|Cơ quan|Hội |Hiệp hội|UBND)")

_OPENERS = ("Căn cứ ", "Thực hiện Quyết định", "Thực hiện Nghị quyết")
_CONCLUSION = ("Trên đây là", "Căn cứ nội dung, nhiệm vụ theo Kế hoạch")
# A short heading-like line (no sentence inside) rather than a numbered paragraph.
MAX_HEADING_CHARS = 140


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


def rejoin(lines: list[str]) -> list[str]:
    """Re-join lines the PDF extraction broke mid-sentence into logical paragraphs."""
    paragraphs: list[str] = []
    for line in lines:
        if not paragraphs or _is_start(line):
            paragraphs.append(line)
            continue
        prev = paragraphs[-1]
        ends_sentence = prev.endswith((".", ";", ":", "!", "?")) and line[:1].isupper()
        # Upper-case title lines and legal-basis openers start blocks of their own.
        case_change = prev.isupper() != line.isupper()
        if ends_sentence or case_change or line.startswith(_OPENERS):
            paragraphs.append(line)
        else:
            paragraphs[-1] = _join(prev, line)
    return paragraphs


def _is_heading(rest: str) -> bool:
    """A short heading-like text (after its marker), not a numbered sentence."""
    return len(rest) <= MAX_HEADING_CHARS and not re.search(r"[.;:]\s*$", rest) and ". " not in rest


@dataclass
class _Node:
    label: str
    level: int
    body: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None

    def path(self) -> list[str]:
        node: _Node | None = self
        out: list[str] = []
        while node is not None and node.level > 0:
            out.append(node.label)
            node = node.parent
        return out[::-1]


def _level_of(par: str) -> tuple[int, str, str] | None:
    """(level, marker, rest) when a paragraph opens an outline item."""
    if m := ROMAN_HEAD.match(par):
        return 1, m.group(1) + ".", m.group(2)
    if m := SUBNUM_HEAD.match(par):
        return 3, m.group(1) + ".", m.group(2)
    if m := NUM_HEAD.match(par):
        return 2, m.group(1) + ".", m.group(2)
    if m := LETTER_HEAD.match(par):
        return 4, m.group(1) + ")", m.group(2)
    return None


def _outline(paragraphs: list[str], root_label: str) -> _Node:
    """Tree of headings with their body paragraphs."""
    root = _Node(root_label, 0)
    preamble = _Node("Phần mở đầu", 1, parent=root)
    root.children.append(preamble)
    current = preamble
    for par in paragraphs:
        if par.startswith(_CONCLUSION):
            current = _attach(current, 1, "Kết luận")
            current.body.append(("paragraph", par))
            continue
        item = _level_of(par)
        if item is None or (item[0] >= 2 and not _is_heading(item[2])):
            kind = "bullet" if BULLET.match(par) else "paragraph"
            if item is not None:
                kind = "item"
            # An inline item such as "2. Sở Tài chính: Hàng năm…" is a body under its own label.
            if item is not None and item[0] in (2, 3):
                label = par.split(":", 1)[0] if ":" in par[:80] else _short(par)
                node = _attach(current, item[0], label)
                node.body.append((kind, par))
                current = node
                continue
            current.body.append((kind, par))
            continue
        current = _attach(current, item[0], par)
    return root


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _attach(current: _Node, level: int, label: str) -> _Node:
    parent = current
    while parent.level >= level and parent.parent is not None:
        parent = parent.parent
    node = _Node(label, level, parent=parent)
    parent.children.append(node)
    return node


def _walk(node: _Node) -> list[_Node]:
    out = [node]
    for child in node.children:
        out.extend(_walk(child))
    return out


def _overview(node: _Node, limit: int = 900) -> str:
    """A heading with its sub-headings and the start of its body: answers "which tasks…"."""
    parts = [node.label]
    for _, text in node.body:
        parts.append(_short(text, 160))
    for child in node.children:
        parts.append(_short(child.label, 160))
    text = "\n".join(parts)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _merge_short(body: list[tuple[str, str]], min_chars: int = 80) -> list[str]:
    """Glue title fragments ("KẾ HOẠCH", the motto) to what follows so no chunk is a stub."""
    out: list[str] = []
    pending = ""
    for _, text in body:
        text = f"{pending}\n{text}" if pending else text
        if len(text) < min_chars:
            pending = text
            continue
        out.append(text)
        pending = ""
    if pending:
        out.append(pending)
    return out


def _split_closing(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    for i, par in enumerate(paragraphs):
        if par.startswith("Nơi nhận"):
            return paragraphs[:i], paragraphs[i:]
    return paragraphs, []


def _signature(closing: list[str]) -> str | None:
    """Signer block: the office line(s) and the person's name after them."""
    for i, par in enumerate(closing):
        if par.startswith(("TM.", "KT.")):
            return " ".join(closing[i:])
    return None


@dataclass
class AppendixRow:
    """One row of an appendix task table."""

    code: str
    path: list[str]
    content: str
    lead: str | None
    partners: str | None
    periods: list[tuple[str, str]]

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


_GROUP = re.compile(rf"^({_ROMAN})\s+([{_UPPER}][{_UPPER}\s,\-–]+)$")
_SUBGROUP = re.compile(rf"^(\d+)\s+([{_UPPER}].+)$")
_ROW = re.compile(rf"^([{_LOWER_LETTERS}])\)\s*(.*)$")
_HEADER = re.compile(r"^STT\b")


def parse_appendix(lines: list[str]) -> tuple[str, list[AppendixRow]]:
    """Rows of a plan's appendix table (content, lead, partners, period → result)."""
    title_lines: list[str] = []
    rows: list[tuple[str, list[str], list[str]]] = []  # code, path, lines
    group = sub = ""
    path: list[str] = []
    in_header = False
    started = False
    for line in lines[1:]:
        if _HEADER.match(line):
            in_header = True
            started = True
            continue
        if not started:
            title_lines.append(line)
            continue
        is_marker = _GROUP.match(line) or _SUBGROUP.match(line) or _ROW.match(line)
        if in_header and not is_marker and not BULLET.match(line):
            continue
        in_header = False
        if m := _GROUP.match(line):
            group, sub = m.group(1), ""
            path = [f"{group}. {m.group(2).strip()}"]
            rows.append((f"PL.{group}", list(path), []))
        elif m := _SUBGROUP.match(line):
            sub = m.group(1)
            path = path[:1] + [f"{sub}. {m.group(2).strip()}"]
            rows.append((f"PL.{group}.{sub}", list(path), []))
        elif m := _ROW.match(line):
            code = ".".join(x for x in ("PL", group, sub, m.group(1)) if x)
            rows.append((code, path + [f"{m.group(1)})"], [m.group(2)] if m.group(2) else []))
        elif rows:
            rows[-1][2].append(line)
    parsed = [_parse_row(code, p, body) for code, p, body in rows if body]
    return " ".join(title_lines), parsed


def _parse_row(code: str, path: list[str], body: list[str]) -> AppendixRow:
    period_at = next((i for i, ln in enumerate(body) if PERIOD.search(ln)), len(body))
    agency_at = next(
        (i for i, ln in enumerate(body[:period_at]) if i > 0 and _AGENCY_START.match(ln)), period_at
    )
    content = collapse_ws(" ".join(rejoin(body[:agency_at])).replace(" - ", "\n- "))
    agencies = body[agency_at:period_at]
    partner_at = next(
        (i for i, ln in enumerate(agencies) if i > 0 and _PARTNER_START.match(ln)), len(agencies)
    )
    lead = collapse_ws(" ".join(agencies[:partner_at])) or None
    partners = collapse_ws(" ".join(agencies[partner_at:])) or None
    tail = collapse_ws(" ".join(body[period_at:]))
    periods: list[tuple[str, str]] = []
    matches = list(PERIOD.finditer(tail))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(tail)
        periods.append((f"{m.group(1)}-{m.group(2)}", tail[m.end() : end].strip(" ;,")))
    return AppendixRow(code, path, content, lead, partners, periods)


def chunk_plan(plan_id: str, province: str, text: str) -> list[Chunk]:
    """Structure-aware chunks of one plan, each with its outline path and heading context."""
    lines = clean_lines(text)
    appendix_at = next((i for i, ln in enumerate(lines) if APPENDIX_START.match(ln)), len(lines))
    body_lines, appendix_lines = lines[:appendix_at], lines[appendix_at:]
    footnotes = [ln for ln in body_lines if FOOTNOTE.match(ln)]
    paragraphs = rejoin(body_lines)
    footnote_pars = [p for p in paragraphs if FOOTNOTE.match(p)]
    paragraphs = [p for p in paragraphs if not FOOTNOTE.match(p)]
    paragraphs, closing = _split_closing(paragraphs)
    context = f"Kế hoạch tỉnh {province}"
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

    root = _outline(paragraphs, context)
    for node in _walk(root)[1:]:
        path = node.path()
        if node.level == 1 and node.label in ("Phần mở đầu", "Kết luận"):
            for par in _merge_short(node.body):
                add(path, par, "paragraph")
            continue
        if node.children:
            add(path, _overview(node), "section")
        for kind, par in node.body:
            add(path, par, kind)
        if not node.children and not node.body:
            add(path, node.label, "heading")
    del footnotes
    for par in footnote_pars:
        add(["Chú thích"], par, "footnote")
    if closing:
        add(
            ["Nơi nhận"],
            "\n".join(p for p in closing if not p.startswith(("TM.", "KT."))),
            "closing",
        )
        if signature := _signature(closing):
            add(["Người ký"], f"Người ký: {signature}", "signature")
    if appendix_lines:
        title, rows = parse_appendix(appendix_lines)
        base = ["Phụ lục"]
        if title:
            add(base, collapse_ws(f"Phụ lục {title}"), "appendix_title")
        for row in rows:
            add(base + row.path, row.render(), "appendix_row", {"code": row.code})
    return chunks


def folded_text(chunk: Chunk) -> str:
    """The folded search text used by the lexical index."""
    return fold(chunk.search_text)
