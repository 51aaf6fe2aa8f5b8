"""Question understanding: intent, provinces, years, metric, agency, language, topic words.

Everything works on folded text (textnorm.fold: no diacritics, lower case), so "muc tieu
dao tao" and "Mục tiêu đào tạo" read alike. Province and agency names are found first and
replaced by placeholders, so words inside them ("Sở Tài chính", "Sở Kế hoạch và Đầu tư",
"hiệp hội doanh nghiệp") do not pose as cues (funding, plan, enterprises).

Pure functions, no I/O; cue patterns and province tables are compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import OSA

from bot.facts import Category
from bot.provinces import Mention, Token, dedupe, find_provinces_in_tokens, tokenize
from bot.textnorm import collapse_ws, fold, nfc

__all__ = [
    "AGENCIES",
    "Intent",
    "MetricCategory",
    "Query",
    "detect_agency",
    "parse_question",
]

Intent = Literal[
    "target",
    "lead",
    "duties",
    "timeline",
    "funding",
    "legal",
    "scope",
    "sectors",
    "signer",
    "tasks",
    "plans",
    "general",
]
# The metric categories are the fact files' target categories.
MetricCategory = Category


@dataclass(frozen=True)
class Query:
    """A parsed question (see module docstring for how each field is found)."""

    text: str  # NFC original
    folded: str  # textnorm.fold(text)
    intent: Intent
    plan_ids: tuple[str, ...]  # plans whose province is named (empty = none named)
    unknown_provinces: tuple[str, ...]  # display names of named provinces without a plan
    years: tuple[int, ...]  # milestone years / period bounds named, ascending
    metric: MetricCategory | None  # what a target question is about
    agency: str | None  # canonical agency named first
    language: Literal["vi", "en"]
    compare: bool  # asks to compare provinces
    topic_terms: tuple[str, ...]  # folded content words minus stop words and provinces
    # ... also minus agency names: what the question is about beyond who it names.
    content_terms: tuple[str, ...] = ()
    # Whether a cue word set the intent (not the agency-alone or general fallback).
    cued: bool = True


# --- agencies ----------------------------------------------------------------------------

# Canonical name -> folded aliases. Other departments (Sở Công Thương …) map to the plans'
# catch-all group "sở, ngành", which is what the plans say about them.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Sở Khoa học và Công nghệ": (
        "so khoa hoc va cong nghe",
        "so khoa hoc cong nghe",
        "so khcn",
        "so kh cn",
        "so kh va cn",
        "skhcn",
        "department of science and technology",
        "science and technology department",
        "dost",
    ),
    "Bộ Khoa học và Công nghệ": (
        "bo khoa hoc va cong nghe",
        "bo khoa hoc cong nghe",
        "bo khcn",
        "bo kh cn",
        "ministry of science and technology",
    ),
    "Sở Tài chính": ("so tai chinh", "department of finance", "finance department"),
    "Sở Thông tin và Truyền thông": (
        "so thong tin va truyen thong",
        "so thong tin truyen thong",
        "so tttt",
        "so tt tt",
        "so tt va tt",
        "department of information and communications",
        "department of information and communication",
        "information and communications department",
    ),
    "Sở Kế hoạch và Đầu tư": (
        "so ke hoach va dau tu",
        "so ke hoach dau tu",
        "so khdt",
        "so kh dt",
        "so kh va dt",
        "department of planning and investment",
        "planning and investment department",
    ),
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng": (
        "trung tam ky thuat tieu chuan do luong chat luong",
        "trung tam tieu chuan do luong chat luong",
        "trung tam ky thuat",
        "trung tam do luong",
    ),
    "sở, ngành": (
        "cac so ban nganh",
        "cac so nganh",
        "so ban nganh",
        "so nganh",
        "ban nganh",
        "cac nganh lien quan",
        "ubnd cac huyen",
        "ubnd cap huyen",
        "ubnd huyen",
        "uy ban nhan dan cac huyen",
        "uy ban nhan dan cap huyen",
        "so cong thuong",
        "so nong nghiep",
        "so y te",
        "so xay dung",
        "so giao thong",
        "so tai nguyen",
        "so lao dong",
        "so giao duc",
        "so noi vu",
        "other departments",
        "district people s committees",
        "district people s committee",
    ),
    "UBND": (
        "ubnd tinh",
        "uy ban nhan dan tinh",
        "ubnd",
        "uy ban nhan dan",
        "provincial people s committee",
        "people s committee",
    ),
    "hội, hiệp hội doanh nghiệp": (
        "cac hoi hiep hoi doanh nghiep",
        "hoi hiep hoi doanh nghiep",
        "hiep hoi doanh nghiep",
        "cac hiep hoi",
        "hiep hoi",
        "hoi doanh nghiep",
        "to chuc chinh tri xa hoi",
        "business associations",
        "enterprise associations",
        "associations",
    ),
}

_AGENCY_ALIASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        ((tuple(alias.split()), name) for name, aliases in AGENCIES.items() for alias in aliases),
        key=lambda a: -len(a[0]),
    )
)


def _agency_spans(words: Sequence[str], taken: Sequence[bool]) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of every agency named; exact first, then mild typos."""
    spans: list[tuple[int, int, str]] = []
    n = len(words)
    i = 0
    while i < n:
        hit = None if taken[i] else _agency_at(words, taken, i)
        if hit is None:
            i += 1
            continue
        spans.append(hit)
        i = hit[1]
    return spans


def _agency_at(words: Sequence[str], taken: Sequence[bool], i: int) -> tuple[int, int, str] | None:
    """The agency named from word i on, if any: (start, end, canonical)."""
    n = len(words)
    # Exact, longest alias first ("ubnd cac huyen" before "ubnd").
    for alias, name in _AGENCY_ALIASES:
        j = i + len(alias)
        if j <= n and tuple(words[i:j]) == alias and not any(taken[i:j]):
            return (i, j, name)
    # Typos: the first word must be exact (so "có tài chính" is not "sở tài chính"), and
    # only aliases of three words or more, where one slip cannot make another phrase.
    best: tuple[int, int, int, str] | None = None
    for alias, name in _AGENCY_ALIASES:
        if len(alias) < 3 or words[i] != alias[0]:
            continue
        target = " ".join(alias)
        limit = 1 if len(target) <= 14 else 2
        for size in (len(alias) - 1, len(alias), len(alias) + 1):
            j = i + size
            if j > n or any(taken[i:j]):
                continue
            d = OSA.distance(" ".join(words[i:j]), target, score_cutoff=limit)
            if d <= limit and (best is None or d < best[0]):
                best = (d, i, j, name)
    return None if best is None else (best[1], best[2], best[3])


def detect_agency(text: str) -> str | None:
    """The canonical agency a text names first, if any."""
    words = [t.folded for t in tokenize(text)]
    spans = _agency_spans(words, [False] * len(words))
    return spans[0][2] if spans else None


# --- cue patterns ------------------------------------------------------------------------


def _rx(*patterns: str) -> re.Pattern[str]:
    """One compiled alternation of the given patterns."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_COUNT = _rx(
    # "bao nhiêu năm/lần" ask about time, "bao nhiêu tiền" about money.
    # Also the usual misspellings "bao nhiu", "bao nhieeu".
    r"\bbao nh(ieu|iu|ieeu|eu|iue)\b"
    r"(?! (nam|lau|lan|thang|ngay|tien|kinh phi|von|dong|ty|trieu)\b)",
    # Comparatives count too: "tỉnh nào đào tạo nhiều người hơn".
    r"\b(nhieu|it|cao|thap)( \w+){0,3} hon\b",
    r"\b(more|fewer|less) (\w+ ){0,3}than\b",
    r"\bhow many\b",
    r"\bhow much\b",
    r"\bso luong\b",
    # "số doanh nghiệp được hỗ trợ": the number of something countable.
    r"\bso (luot|nguoi|doanh nghiep|phong thi nghiem|chuan|chat chuan|tin bai|to chuc)\b",
    r"\bmay (luot|nguoi|doanh nghiep|phong|chuan|chat|tin|to chuc|dot)\b",
    r"\bnumber of\b",
    r"\bit nhat\b",
    r"\btoi thieu\b",
)
_TARGET_WEAK = _rx(
    r"\bmuc tieu\b",
    r"\bchi tieu\b",
    r"\btargets?\b",
    r"\bgoals?\b",
    r"\bobjectives?\b",
    r"\baims?\b",
    r"\bdat duoc\b",
    r"\bket qua\b",
    r"\bdu kien\b",
    r"\bexpected\b",
    r"\bmilestones?\b",
)
_SIGNER = _rx(
    # "ký" but not "kỳ vọng", "kỳ hạn", "kỷ niệm" … (all fold to "ky").
    r"\b(ai|nguoi|nao|da|duoc)( da| duoc)? ky\b"
    r"(?! (vong|han|niem|hop|thuat|cuoi|dau|sau|nay|truoc|toi|bao))",
    r"\bky (ban hanh|ten|ke hoach|van ban|quyet dinh|boi)\b",
    r"\bnguoi ky\b",
    r"\bsign(ed|er|ers|atory|ature|s)?\b",
    r"\b(pho )?chu tich nao\b",
)
# "Ai ban hành kế hoạch" asks for the issuer: the signer facts hold it.
_ISSUER = _rx(r"\b(ai|who|co quan nao|don vi nao) (da |duoc )?ban hanh\b", r"\bwho issued\b")
_SCOPE = _rx(
    r"\bdoi tuong\b",
    r"\bpham vi\b",
    r"\bap dung (cho|doi voi|voi)\b",
    r"\bdanh cho (ai|nhung|doi)\b",
    r"\bappl(y|ies|icable)\b",
    r"\bscope\b",
    r"\bcover(s|ed)?\b",
    r"\btarget (group|audience)s?\b",
)
_WHO = _rx(
    r"\bai\b",
    r"\bwho\b",
    r"\bwhom\b",
    r"\b(don vi|co quan|so|to chuc|ben|nhung ai) nao\b",
    r"\bwhich (agenc(y|ies)|departments?|units?|bod(y|ies)|organi[sz]ations?)\b",
)
_LEAD = _rx(
    r"\bchu tri\b",
    r"\bphu trach\b",
    r"\bchiu trach nhiem\b",
    r"\bdam nhiem\b",
    r"\bdau moi\b",
    r"\blead(s|ing)?\b",
    r"\bin charge\b",
    r"\bresponsible\b",
    r"\bpartners?\b",
)
_LEAD_WEAK = _rx(r"\bphoi hop\b", r"\bco-?operat\w*\b", r"\bcoordinat\w*\b")
_DUTY = _rx(
    r"\blam (gi|nhung gi|nhung viec gi)\b",
    r"\bnhiem vu\b",
    r"\bviec (gi|nao)\b",
    r"\bcong viec\b",
    r"\btrach nhiem\b",
    r"\bvai tro\b",
    r"\bchuc nang\b",
    r"\bgiao (nhiem vu|viec)\b",
    r"\btham gia\b",
    r"\bphoi hop\b",
    r"\bthe nao\b",
    r"\brole\b",
    r"\bresponsibilit\w*\b",
    r"\bresponsible for\b",
    r"\bdut(y|ies)\b",
    r"\btasks?\b",
    r"\bwhat (does|do|will|should|must|did)\b",
    r"\bhow (does|do|will|should)\b",
    r"\binvolve\w*\b",
    r"\bcontribut\w*\b",
    r"\bparticipat\w*\b",
    r"\bassigned\b",
)
_LEGAL = _rx(
    r"\bquyet dinh (nao|gi|so)\b",
    r"\b(quyet dinh|qd|decision|nghi dinh|thong tu) (so )?\d+",
    r"\b\d+ (qd|nq|nd|tt|ct)\b",
    r"\bcan cu\b",
    r"\bvan ban (nao|gi|phap ly|phap luat)\b",
    r"\bco so phap ly\b",
    r"\bso hieu\b",
    r"\bke hoach so may\b",
    # "Ai phê duyệt Đề án?" asks for the approving decision, not for a lead agency.
    r"\b(ai|who)\b.*\b(phe duyet|approv\w*)\b",
    r"\blegal\b",
    r"\b(which|what) (decisions?|documents?|laws?|regulations?)\b",
    r"\bbased on\b",
    r"\bphe duyet de an\b",
)
_LEGAL_WEAK = _rx(
    r"\bquyet dinh\b",
    r"\bvan ban\b",
    r"\bdecisions?\b",
    r"\bban hanh\b",
    r"\bluat\b",
    r"\bphe duyet\b",
    r"\bapprov\w*\b",
    r"\bissued\b",
)
_SECTORS = _rx(
    r"\bnganh\b",
    r"\bsectors?\b",
    r"\bindustr(y|ies)\b",
    r"\blinh vuc (uu tien|trong tam|trong diem)\b",
    r"\bpriority (fields?|areas?)\b",
)
# Weak: "lĩnh vực nào" is a sectors question unless it is about measurement standards.
_SECTORS_WEAK = _rx(
    r"\blinh vuc (nao|gi)\b",
    r"\bnhung linh vuc\b",
    r"\bfields?\b",
    r"\bareas?\b",
    r"\buu tien\b",
    r"\bpriorit\w*\b",
)
_TIMELINE = _rx(
    r"\bkhi nao\b",
    r"\bbao gio\b",
    r"\bluc nao\b",
    r"\bthoi gian\b",
    r"\bthoi han\b",
    r"\bthoi diem\b",
    r"\bbao lau\b",
    r"\bkeo dai\b",
    r"\b(nam|ngay|thang) nao\b",
    r"\btien do\b",
    r"\bbao nhieu (nam|lan|thang)\b",
    r"\bmay (nam|lan)\b",
    r"\bdinh ky\b",
    r"\bwhen\b",
    r"\bhow (long|often)\b",
    r"\bdeadlines?\b",
    r"\btime ?(line|frame|table)s?\b",
    r"\bschedule\w*\b",
    r"\b(what|which) (year|date)\b",
)
_TIMELINE_WEAK = _rx(r"\bgiai doan\b", r"\bphases?\b", r"\bperiods?\b")
_FUNDING = _rx(
    r"\bkinh phi\b",
    r"\bnguon von\b",
    r"\bvon\b",
    r"\bngan sach\b",
    r"\btai chinh\b",
    r"\bchi phi\b",
    r"\bdu toan\b",
    r"\bnguon luc\b",
    r"\bbao nhieu tien\b",
    r"\bfund(s|ing|ed)?\b",
    r"\bbudget\w*\b",
    r"\bfinanc\w*\b",
    r"\bcosts?\b",
    r"\bmoney\b",
    r"\bpa(y|id|ys)\b",
)
_TASKS = _rx(
    r"\bnhiem vu va giai phap\b",
    r"\bgiai phap\b",
    r"\bnhiem vu (nao|gi|chinh)\b",
    r"\b(nhung|cac|nhom) nhiem vu\b",
    r"\bhoat dong (nao|gi|chinh)\b",
    r"\blam (gi|nhung gi)\b",
    r"\btasks?\b",
    r"\bmeasures\b",
    r"\bsolutions?\b",
    r"\bactivities\b",
    r"\bactions?\b",
)
_COMPARE = _rx(
    r"\bso sanh\b",
    # "phối hợp với các tỉnh" is cooperation, not a comparison.
    r"(?<!voi )\b(hai|2|ca hai|cac|nhung) tinh\b",
    r"\btinh nao\b",
    r"\bkhac nhau\b",
    r"\bgiong nhau\b",
    r"\bkhac (gi|biet)\b",
    r"\bcompar\w*\b",
    r"\bdiffer\w*\b",
    r"\bboth\b",
    r"\bversus\b",
    r"\bvs\b",
    r"\b(which|each|both) provinces?\b",
    r"\bprovinces\b",
)
# Comparative words that only mean a comparison when two provinces are named.
_COMPARATIVE = _rx(
    r"\bhon\b",
    r"\bgiua\b",
    r"\bmore\b",
    r"\bless\b",
    r"\bfewer\b",
    r"\bhigher\b",
    r"\blower\b",
    r"\bthan\b",
    r"\bbetween\b",
)

# Metric cues; the bool says whether the cue needs a number cue nearby to count
# ("doanh nghiệp" is in almost every question; "phòng thí nghiệm" is not).
_METRICS: tuple[tuple[MetricCategory, re.Pattern[str], bool], ...] = (
    (
        "training",
        _rx(
            r"\bdao tao\b",
            r"\bboi duong\b",
            r"\btap huan\b",
            r"\bluot nguoi\b",
            r"\bhoc vien\b",
            r"\b(bao nhieu|may) nguoi\b",
            r"\btrain\w*\b",
            r"\bhow many (people|persons|officials|staff|participants)\b",
            r"\bnang cao (chuyen mon|nghiep vu)\b",
        ),
        False,
    ),
    (
        "labs",
        _rx(r"\bphong thi nghiem\b", r"\bptn\b", r"\blab(s|oratory|oratories)?\b"),
        False,
    ),
    (
        "service_orgs",
        _rx(
            r"\bto chuc( \w+){0,3} (kiem dinh|hieu chuan|thu nghiem)\b",
            r"\bto chuc (cung cap )?dich vu\b",
            r"\b(calibration|testing|verification|inspection)( and \w+)?"
            r" (organi[sz]ations?|bodies|providers?|services?|cent(er|re)s?)\b",
            r"\bservice providers?\b",
        ),
        False,
    ),
    (
        "standards",
        _rx(
            r"\bchat chuan\b",
            r"\bgiu chuan\b",
            # "tiêu chuẩn" (a norm), "hiệu chuẩn" (calibration), "chuẩn hóa" are not.
            r"(?<!tieu )(?<!hieu )\bchuan\b(?! hoa)",
            r"\bphuong tien do\b",
            r"\b(measurement|reference|working) standards?\b",
            r"(?<!iso )\bstandards\b",
            r"\breference materials?\b",
            r"\bmeasuring (instruments?|equipment)\b",
        ),
        False,
    ),
    (
        "communication",
        _rx(
            r"\btin bai\b",
            r"\b(bao nhieu|may) tin\b",
            r"\btuyen truyen\b",
            r"\btruyen thong\b",
            r"\bphong su\b",
            r"\bnews\b",
            r"\barticles?\b",
            r"\bmedia\b",
            r"\bcommunication\w*\b",
            r"\bpublicity\b",
        ),
        True,
    ),
    (
        "cooperation",
        _rx(r"\bphoi hop\b", r"\bco-?operation\b", r"\bcoordination\b", r"\bcollaborat\w*\b"),
        True,
    ),
    (
        "enterprises",
        _rx(
            r"\bdoanh nghiep\b",
            r"\bchuong trinh (dam|bao) bao do luong\b",
            r"\benterprises?\b",
            r"\bbusiness(es)?\b",
            r"\bcompan(y|ies)\b",
            r"\bfirms?\b",
            r"\bmeasurement assurance\b",
        ),
        True,
    ),
)

_YEAR = re.compile(r"(?<![\d/:.])((?:19|20)\d{2})(?!\d)")


def _wordset(text: str) -> frozenset[str]:
    """White-space separated words as a set."""
    return frozenset(text.split())


# Tokens that say nothing about the topic: question words, particles, "tỉnh". Checked on
# the syllable as typed when it carries diacritics, so "tình" (tình hình) survives while
# "tỉnh" goes; on the folded syllable otherwise.
_STOP_VI = _wordset(
    """
    ai gì nào bao nhiêu khi sao thế như là có không của và các những được cho với về ở
    trong từ này thì mà sẽ đã đang hay hoặc à nhỉ vậy ơi tôi mình cái năm tỉnh đến làm
    muốn xin biết vui lòng nhé hãy giúp
    """
)
_STOP_EN = _wordset(
    """
    what who whom whose how when where which why does do did is are was were will would
    should can could the a an of in for and or to by on at with about many much its their
    it this that these those be been has have had there from as any please tell me plan
    province provinces city tp s
    """
)
_STOP_FOLDED = frozenset(fold(w) for w in _STOP_VI) | _STOP_EN

_EN = _wordset(
    """
    what who whom whose how when where which why does did is are was were will would should
    can could the of for and many much plan plans province provinces by with about from its
    their there this that these those be been has have had funding budget sources source
    target targets train trained people enterprises signed sign compare between tasks apply
    leads lead responsible department role duties priority sectors legal basis decision
    """
)
_VI = _wordset(
    """
    cua gi nao bao nhieu la co khong nhung cac tinh duoc ke hoach muc tieu nam den va cho ai
    nhu lam nguoi doanh nghiep dao tao luong giai doan kinh phi nhiem vu thuc hien trong voi
    ve theo tu chu tri khi thoi gian ngan sach nguon quyet dinh ap dung doi tuong pham vi
    nganh linh vuc uu tien ky ban hanh trien khai o tai se da hay sao the viec phoi hop
    """
)


# --- parsing -----------------------------------------------------------------------------


def _years(folded: str) -> tuple[int, ...]:
    """Years 1990-2100 named, ascending; not those inside dates or citations (10/8/2018)."""
    found = {int(y) for y in _YEAR.findall(folded) if 1990 <= int(y) <= 2100}
    return tuple(sorted(found))


def _language(text: str, folded: str, words: Sequence[str]) -> Literal["vi", "en"]:
    """Vietnamese when any diacritic is typed; otherwise whichever function words prevail."""
    if folded != collapse_ws(text.lower()):
        return "vi"
    en = sum(w in _EN for w in words)
    vi = sum(w in _VI for w in words)
    return "en" if en > vi else "vi"


def _positions(pattern: re.Pattern[str], residual: str) -> list[int]:
    """Token indices where a pattern matches in the space-joined residual text."""
    return [residual.count(" ", 0, m.start()) for m in pattern.finditer(residual)]


def _metric(residual: str, count_at: list[int], number_cue: bool) -> MetricCategory | None:
    """The metric category a question counts, preferring the noun right after the count."""
    hits: list[tuple[int, MetricCategory]] = []
    for category, pattern, needs_number in _METRICS:
        if needs_number and not number_cue:
            continue
        hits.extend((pos, category) for pos in _positions(pattern, residual))
    if not hits:
        return None
    if count_at:
        p = count_at[0]
        after = [h for h in hits if h[0] >= p]
        if after:
            return min(after, key=lambda h: h[0])[1]
        return max(hits, key=lambda h: h[0])[1]
    return min(hits, key=lambda h: h[0])[1]


# "Which provinces' plans do you have?": a question about the knowledge base itself.
_PLANS_LIST = _rx(
    r"\b(nhung|cac) tinh nao\b",
    r"\btinh nao (da )?co ke hoach\b",
    r"\bke hoach (cua )?(nhung|cac) tinh nao\b",
    r"\b(co|gom) (nhung|cac) ke hoach nao\b",
    r"\bke hoach (do luong )?nao (trong|tren) he thong\b",
    r"\bwhich provinces\b",
    r"\bwhich plans\b",
)

# Words that may stand around names in a bare "agency + province" question.
_NAME_FILLERS = frozenset({"tinh", "thanh", "pho", "tp", "cua", "o", "tai", "province"})


def _intent(
    residual: str, agency: str | None, metric: MetricCategory | None, count_at: list[int]
) -> Intent:
    """Pick one intent from the cues, in an order that settles the usual conflicts."""

    def has(pattern: re.Pattern[str]) -> bool:
        return pattern.search(residual) is not None

    if has(_PLANS_LIST):
        return "plans"
    duty_asked = agency is not None and has(_DUTY)
    legal = has(_LEGAL)
    if has(_SIGNER) or (has(_ISSUER) and not legal):
        return "signer"
    if count_at and metric is not None:
        # "Kinh phí đào tạo bao nhiêu?" asks money, unless the counted noun follows the
        # count ("ngân sách hỗ trợ bao nhiêu doanh nghiệp").
        metric_after = any(
            pos >= count_at[0]
            for cat, pattern, _ in _METRICS
            if cat == metric
            for pos in _positions(pattern, residual)
        )
        if metric_after or not has(_FUNDING):
            return "target"
    if has(_SCOPE):
        return "scope"
    if legal and not has(_LEAD):
        return "legal"
    if has(_WHO) or (has(_LEAD) and not duty_asked):
        return "lead"
    if duty_asked:
        return "duties"
    if has(_SECTORS):
        return "sectors"
    if has(_SECTORS_WEAK):
        return "target" if metric == "standards" else "sectors"
    if has(_TIMELINE):
        return "timeline"
    if has(_FUNDING):
        return "funding"
    if count_at:
        return "target"
    if has(_TIMELINE_WEAK):
        return "timeline"
    if has(_TASKS):
        return "tasks"
    if has(_TARGET_WEAK):
        return "target"
    if has(_LEGAL_WEAK):
        return "legal"
    if has(_LEAD_WEAK):
        return "lead"
    return "general"


def _topic_terms(tokens: Sequence[Token], removed: Sequence[bool]) -> tuple[str, ...]:
    """Folded content syllables in order, without stop words, provinces and years."""
    out: list[str] = []
    for i, t in enumerate(tokens):
        typed_marks = t.raw != t.folded
        stop = t.raw in _STOP_VI if typed_marks else t.folded in _STOP_FOLDED
        if removed[i] or stop or _YEAR.fullmatch(t.folded):
            continue
        out.append(t.folded)
    return dedupe(out)


def parse_question(text: str, plans: Mapping[str, str]) -> Query:
    """Parse a question; plans maps plan_id -> province display name.

    e.g. {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}.
    """
    text = nfc(text)
    folded = fold(text)
    tokens: list[Token] = tokenize(text)
    words = [t.folded for t in tokens]

    mentions: list[Mention] = find_provinces_in_tokens(tokens, plans)
    province_at = [False] * len(words)
    for m in mentions:
        for k in range(m.start, m.end):
            province_at[k] = True
    agencies = _agency_spans(words, province_at)
    agency = agencies[0][2] if agencies else None

    # Residual text for cues: provinces and agencies replaced by inert placeholders, so
    # their words are not read as cues and neighbours do not become falsely adjacent.
    residual_words = list(words)
    for m in mentions:
        for k in range(m.start, m.end):
            residual_words[k] = "provx"
    for start, end, _name in agencies:
        for k in range(start, end):
            residual_words[k] = "agencyx"
    residual = " ".join(residual_words)
    entity_at = [p or r == "agencyx" for p, r in zip(province_at, residual_words, strict=True)]

    count_at = _positions(_COUNT, residual)
    number_cue = bool(count_at) or _TARGET_WEAK.search(residual) is not None
    metric = _metric(residual, count_at, number_cue)
    intent = _intent(residual, agency, metric, count_at)
    cued = intent != "general"
    if not cued and agency is not None:
        intent = "duties"  # an agency named: what it does in the plan
        # Nothing but names ("sở tài chính bình thuận") asks just that; any other word
        # ("… ở đâu", "số điện thoại …") may ask something the plans do not say.
        cued = all(entity or w in _NAME_FILLERS for w, entity in zip(words, entity_at, strict=True))
    if intent == "target" and metric is None and count_at:
        # Counting something none of the categories covers ("giá xăng bao nhiêu").
        metric = "other"

    plan_ids = dedupe(m.plan_id for m in mentions if m.plan_id is not None)
    unknown = dedupe(m.name for m in mentions if m.plan_id is None)
    named = len(plan_ids) + len(unknown)
    compare = _COMPARE.search(residual) is not None or (
        named >= 2 and _COMPARATIVE.search(residual) is not None
    )

    return Query(
        text=text,
        folded=folded,
        intent=intent,
        plan_ids=plan_ids,
        unknown_provinces=unknown,
        years=_years(folded),
        metric=metric,
        agency=agency,
        language=_language(
            text, folded, [w for w, p in zip(words, province_at, strict=True) if not p]
        ),
        compare=compare,
        topic_terms=_topic_terms(tokens, province_at),
        content_terms=_topic_terms(tokens, entity_at),
        cued=cued,
    )
