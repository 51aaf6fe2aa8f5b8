"""Plain-text rendering of plan facts and section references (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering.hits import FactHit
from bot.facts import Decision, Responsibility, Target, Task, TaskResult
from bot.lexicon import lexicon
from bot.textnorm import collapse_ws, fold, fold_chars

_QUOTE = re.compile(r"«[^»]*»?")
_MARKER = re.compile(r"^([IVX]+|\d+(?:\.\d+)*|[a-zđ])(?:[.)]\s*|\s+|$)")


def section_code(section: str) -> tuple[str, str]:
    """('II. NHIỆM VỤ … › 3. Tăng cường …') → ('II.3', 'Tăng cường …'); ('', path) if unmarked.

    Nested numbering keeps the inner marker alone: "2. … › 2.1. …" is "2.1", not "2.2.1".
    """
    parts = [p.strip() for p in section.split("›") if p.strip()]
    markers: list[str] = []
    for part in parts:
        m = _MARKER.match(part)
        if not m:
            return "", " › ".join(parts)
        marker = m.group(1).rstrip(".")
        if markers and "." in marker and marker.startswith(markers[-1] + "."):
            markers[-1] = marker
        else:
            markers.append(marker)
    titles = [_MARKER.sub("", p).strip() for p in parts]
    return ".".join(markers), next((t for t in reversed(titles) if t), "")


def short_section(section: str, limit: int = 60) -> str:
    """'II. NHIỆM VỤ … › 3. Tăng cường …' → 'mục II.3 – Tăng cường …' (title clipped)."""
    parts = [p.strip() for p in section.split("›") if p.strip()]
    prefix = ""
    if parts and parts[0].lower().startswith("phụ lục"):
        prefix, parts = "Phụ lục, ", parts[1:]
    if not parts:
        return prefix.rstrip(", ") or section
    code, title = section_code(" › ".join(parts))
    if not code:
        return prefix + title
    title = sentence_case(title)
    return f"{prefix}mục {code}" + (f" – {clip(title, limit)}" if title else "")


def sentence_case(title: str) -> str:
    """Headings in capitals read as shouting in a chat: 'NHIỆM VỤ' → 'Nhiệm vụ'."""
    letters = [ch for ch in title if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return title[:1] + title[1:].lower()
    return title


def shorten_names(text: str) -> str:
    """Agencies named in full a second time take their short form ("Sở KH&CN"; short_forms
    in knowledge/lexicon/agencies.yaml). Quotes («…») and source lines ("Nguồn: …") keep
    the plan's wording."""
    lines = text.split("\n")
    for pattern, short in lexicon().short_forms:
        seen = False
        for i, line in enumerate(lines):
            if line.startswith("Nguồn:"):
                continue
            quoted = [m.span() for m in _QUOTE.finditer(line)]
            out, last = [], 0
            for m in pattern.finditer(line):
                if any(a <= m.start() < b for a, b in quoted):
                    continue
                if seen:
                    out += [line[last : m.start()], short]
                    last = m.end()
                seen = True
            lines[i] = "".join(out) + line[last:]
    return "\n".join(lines)


def clip(text: str, limit: int) -> str:
    text = collapse_ws(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def clip_around(text: str, needles: Sequence[str], limit: int, before: int = 50) -> str:
    """``text`` clipped to about ``limit`` characters around the first of ``needles`` (folded
    phrases, in order of preference) that it contains, at word boundaries, "…" where cut;
    from the start when none is found."""
    text = collapse_ws(text)
    if len(text) <= limit:
        return text
    # One folded character per character of the text, so positions carry over.
    folded = fold_chars(text)
    at, size = -1, 0
    for needle in needles:
        found = re.search(rf"(?<![0-9a-z]){re.escape(needle)}(?![0-9a-z])", folded)
        if found:
            at, size = found.start(), len(needle)
            break
    if at < 0 or at + size < limit - 10:
        return clip(text, limit)  # from the start, it shows the needle anyway
    start = text.rfind(" ", 0, max(0, at - before)) + 1
    piece = text[start : start + limit]
    cut_end = start + limit < len(text)
    if cut_end:
        piece = piece.rsplit(" ", 1)[0]
    return ("…" if start > 0 else "") + piece.strip(" ,;") + ("…" if cut_end else "")


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def value_text(t: Target) -> str:
    """A target's value as the plan writes it ("05" stays "05"), else its number."""
    if t.value is None:
        return ""
    for token in re.findall(r"\d+(?:[.,]\d+)?", t.quote):
        try:
            if float(token.replace(".", "").replace(",", ".")) == float(t.value):
                return token
        except ValueError:
            continue
    return _num(t.value)


def _when(t: Target) -> str:
    return f"đến năm {t.year}" if t.year else f"giai đoạn {t.period}" if t.period else ""


def target_label(t: Target, limit: int = 60) -> str:
    """A target in a few words: its curated label, else the metric's first clause."""
    label = getattr(t, "label", None)
    if label:
        return label
    metric = collapse_ws(t.metric)
    if t.value is None and ":" in metric:
        # "lĩnh vực được nâng cao năng lực giữ chuẩn cho …: khối lượng, độ dài" lists fields.
        head, items = metric.split(":", 1)
        return f"{clip(head.split(' cho ')[0], 45)}: {items.strip()}"
    if fold(metric).startswith(fold(t.unit)):
        metric = metric[len(t.unit) :].strip()
    # The first clause says what is counted; the rest qualifies it.
    metric = re.split(r"\s*\(|,", metric)[0]
    head = f"{t.unit} {metric}".strip() if t.value is not None else metric
    return clip(head, limit)


def target_line(t: Target, with_when: bool = False) -> str:
    """'ít nhất 100 lượt người tham gia … được đào tạo' (+ ' (đến năm 2025)')."""
    qualifier = f"{t.qualifier} " if t.qualifier and t.value is not None else ""
    value = f"{value_text(t)} " if t.value is not None else ""
    text = f"{qualifier}{value}{target_label(t)}"
    when = _when(t)
    return f"{text} ({when})" if with_when and when else text


def render_target(t: Target) -> str:
    when = f"Đến năm {t.year}" if t.year else f"Giai đoạn {t.period}" if t.period else "Mục tiêu"
    if t.value is None:
        return f"{when}: {t.metric}"
    qualifier = f"{t.qualifier} " if t.qualifier else ""
    metric = t.metric
    if fold(metric).startswith(fold(t.unit)):
        return f"{when}: {qualifier}{value_text(t)} {metric}"
    return f"{when}: {qualifier}{value_text(t)} {t.unit} ({metric})"


def task_fields(t: Task) -> list[str]:
    """A task's lead, partners, period and expected results, as "name: value" parts."""
    parts = []
    if t.lead:
        parts.append(f"chủ trì: {t.lead}")
    if t.partners:
        parts.append(f"phối hợp: {', '.join(t.partners)}")
    if t.period and not t.results:
        parts.append(f"thời gian: {t.period}")
    if t.results:
        parts.append("kết quả dự kiến: " + "; ".join(result_text(r) for r in t.results))
    return parts


def result_text(r: TaskResult) -> str:
    """'2021-2025: 01 doanh nghiệp'; a result the fact file marks uncertain says so."""
    return f"{r.period}: {r.result}" + (" (không chắc chắn)" if r.uncertain else "")


def render_task(t: Task) -> str:
    fields = task_fields(t)
    return t.title.rstrip(".") + (" — " + "; ".join(fields) if fields else "")


def render_responsibility(r: Responsibility) -> str:
    return f"{r.agency}: " + " ".join(d if d.endswith(".") else d + "." for d in r.duties)


def render_decision(d: Decision) -> str:
    head = f"Quyết định số {d.number}"
    if d.date:
        head += f" ngày {d.date}"
    if d.issuer:
        head += f" của {d.issuer}"
    return f"{head}: {d.content}"


def render_fact(hit: FactHit) -> str:
    f = hit.fact
    match hit.kind:
        case "target":
            return render_target(f)
        case "task" | "body_task":
            return render_task(f)
        case "responsibility":
            return render_responsibility(f)
        case "decision":
            return render_decision(f)
        case "phase":
            return f"{f.name}: từ năm {f.start} đến năm {f.end}"
        case "funding":
            return f.source + (f" ({f.covers})" if f.covers else "")
        case "scope":
            return f.text
        case "sector":
            return f.name
        case "clause" | "objective":
            return f.text
        case "signer":
            issuer = f"{f['issuer']} ban hành; " if f.get("issuer") else ""
            if f["name"]:
                return f"{issuer}người ký: {f['title']} {f['name']}".replace("  ", " ").strip()
            return f"{issuer}văn bản không nêu tên người ký, chỉ ghi chức danh ký: {f['title']}"
    return str(f)
