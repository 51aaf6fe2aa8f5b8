"""A plan's header metadata: province or city, number, date, signer, title.

Read from the document header ("UBND TỈNH X", "Số: 12/KH-UBND", "X, ngày … tháng … năm …"),
the body ("trên địa bàn tỉnh X") or a "key: value" block as legal-document websites print
them ("Số hiệu: …", "Ngày ban hành: …", "Người ký: …"). A province is only ever a known
province (bot.provinces), found in the text or else in the file name, never a random phrase.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.provinces import get_province, unit_label
from bot.textnorm import collapse_ws, fold

# Cue → weight. Each cue is followed by the place name (1-5 words tried, longest first).
_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"trên địa bàn\s+(?:tỉnh|thành phố|TP\.?)\s+", re.I), 4),
    (
        re.compile(
            r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+"
            r"(?:tỉnh|thành phố|TP\.?)\s+",
            re.I,
        ),
        4,
    ),
    (re.compile(r"^\s*(?:TỈNH|THÀNH PHỐ)\s+", re.M), 3),
    (re.compile(r"(?:tỉnh|thành phố)\s+", re.I), 1),
)
# "<place>, ngày 12 tháng 5 năm 2022" (the plan's own place-and-date line).
_PLACE_DATE = re.compile(
    r"(?:^|\n)\s*(?P<place>[^\n,]{2,40}?),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"\s+năm\s+(?P<y>\d{4})"
)
_PLACE_ONLY = re.compile(r"(?:^|\n)\s*(?P<place>[^\n,]{2,40}?),\s*ngày\b")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")

# "key: value" lines of legal-document websites, matched on the folded key.
_KV_KEYS = {
    "number": ("so hieu", "so ky hieu", "so/ky hieu", "ky hieu", "so van ban"),
    "date": ("ngay ban hanh", "ngay ky", "ngay van ban"),
    "signer": ("nguoi ky", "nguoi ky van ban"),
    "signer_title": ("chuc vu", "chuc danh nguoi ky", "chuc vu nguoi ky"),
    "issuing_body": ("co quan ban hanh", "noi ban hanh", "don vi ban hanh"),
    "title": ("trich yeu", "trich yeu noi dung", "tieu de", "ten van ban"),
}
_KV_LINE = re.compile(r"^\s*(?P<key>[^:\n]{2,30}?)\s*:\s*(?P<val>\S[^\n]*)$", re.M)
# The plan's own number: "Số: 45/KH-UBND" in the header, or "Kế hoạch số 45/KH-UBND".
_NUMBER = re.compile(
    r"(?:(?<!\w)Số\s*:|Kế hoạch số)\s*(?P<n>\d+)\s*/\s*"
    r"(?P<code>(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9-]*)"
)
_BODY_PREFIX = re.compile(
    r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|TP\.?)\s*", re.I
)
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


@dataclass
class HeaderMeta:
    """What the header says; province is a display name from the province table or None."""

    province: str | None = None
    province_source: str = ""  # "text", "file name" or ""
    number: str | None = None
    date: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    issuing_body: str | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def unit(self) -> str:
        """'tỉnh X' / 'thành phố X'."""
        return unit_label(self.province) if self.province else ""


def _place(after: str, max_words: int = 5) -> str | None:
    """The known province named at the start of `after` (longest word run that resolves)."""
    words = _NAME_WORD.findall(after[:80])
    # Names start with a capital; stop at the first lower-case word after the first.
    run: list[str] = []
    for w in words[:max_words]:
        if not w[:1].isupper():
            break
        run.append(w)
    for n in range(len(run), 0, -1):
        province = get_province(" ".join(run[:n]))
        if province is not None:
            return province.name
    return None


def province_votes(text: str) -> Counter[str]:
    """Known provinces named by the cues of the text's head, weighted by cue strength."""
    head = text[:6000]
    votes: Counter[str] = Counter()
    for pattern, weight in _CUES:
        for m in pattern.finditer(head):
            name = _place(head[m.end() :])
            if name:
                votes[name] += weight
    for m in _PLACE_ONLY.finditer(head[:3000]):
        name = get_province(collapse_ws(m.group("place")))
        if name:
            votes[name.name] += 3
    return votes


def province_from_file_name(stem: str) -> str | None:
    """A province named in a file name ("ninh-thuan", "ke-hoach-996-lang-son-2021")."""
    parts = [p for p in re.split(r"[-_.\s]+", stem) if p and not p.isdigit()]
    for size in (4, 3, 2, 1):
        for i in range(len(parts) - size + 1):
            province = get_province(" ".join(parts[i : i + size]))
            if province is not None and (size > 1 or len(parts) == 1):
                return province.name
    return None


def _key_values(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _KV_LINE.finditer(text[:8000]):
        key = fold(m.group("key")).strip(" .-*•")
        for name, keys in _KV_KEYS.items():
            if key in keys and name not in out:
                out[name] = collapse_ws(m.group("val")).strip(" ;")
    return out


def _date(value: str) -> str | None:
    m = _NUMERIC_DATE.search(value) or _WORD_DATE.search(value)
    return f"{int(m.group(1))}/{int(m.group(2))}/{m.group(3)}" if m else None


def read_header(text: str, plan_id: str) -> HeaderMeta:
    """Header metadata of a plan; warnings say how to correct what is unsure."""
    meta = HeaderMeta()
    kv = _key_values(text)
    votes = province_votes(text)
    if kv.get("issuing_body"):
        body = _BODY_PREFIX.sub("", kv["issuing_body"])
        name = _place(body)
        if name:
            votes[name] += 4
    from_file = province_from_file_name(plan_id)
    fix = f"set it in knowledge/plans/{plan_id}.meta.yaml (province: …)"
    if votes:
        ranked = votes.most_common()
        meta.province, meta.province_source = ranked[0][0], "text"
        if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
            meta.warnings.append(
                f"{plan_id}: province unsure ({ranked[0][0]} or {ranked[1][0]}); took "
                f"{ranked[0][0]}: {fix}"
            )
        elif from_file and from_file != meta.province:
            meta.warnings.append(
                f"{plan_id}: the text names {meta.province} but the file name {from_file}; "
                f"took {meta.province}: {fix}"
            )
    elif from_file:
        meta.province, meta.province_source = from_file, "file name"
        meta.warnings.append(
            f"{plan_id}: the text names no province; took {from_file} from the file name: "
            f"confirm or {fix}"
        )
    else:
        meta.warnings.append(f"{plan_id}: no province found in the text or file name: {fix}")

    number = kv.get("number")
    m = _NUMBER.search(text[:4000])
    if m:
        meta.number = f"{m.group('n')}/{m.group('code')}"
    elif number and re.match(r"\d+\s*/", number):
        meta.number = re.sub(r"\s+", "", number)
    # The plan's own date: "<place>, ngày …" in the header, else the metadata block.
    for pd in _PLACE_DATE.finditer(text[:4000]):
        place = collapse_ws(pd.group("place"))
        if get_province(place) or (meta.province and fold(meta.province) in fold(place)):
            meta.date = f"{int(pd.group('d'))}/{int(pd.group('m'))}/{pd.group('y')}"
            break
    if meta.date is None and kv.get("date"):
        meta.date = _date(kv["date"])
    if meta.date is None and m:
        # A news summary: "Ngày 15/3/2022, UBND tỉnh … ban hành Kế hoạch số 1020/KH-UBND" or
        # "Kế hoạch số 356/KH-UBND ngày 07/9/2021": the date in the number's sentence.
        head = text[:4000]
        lo = max(head.rfind(". ", 0, m.start()), head.rfind("\n", 0, m.start())) + 1
        hi_dot = head.find(". ", m.end())
        hi = hi_dot if hi_dot != -1 else len(head)
        dm = re.search(
            r"[Nn]gày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2} tháng \d{1,2} năm "
            r"\d{4})",
            head[lo:hi],
        )
        meta.date = _date(dm.group(1)) if dm else None
    meta.signer = kv.get("signer")
    meta.signer_title = kv.get("signer_title")
    body = kv.get("issuing_body") or ""
    # "Nơi ban hành: Thành phố Cần Thơ" names a place; only an authority is an issuing body.
    meta.issuing_body = body if _BODY_PREFIX.match(body) else None
    meta.title = kv.get("title")
    return meta
