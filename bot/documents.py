"""Reading plan documents (.txt, .pdf, .docx, page images) and their metadata.

Scanned PDF pages and page images are read with OCR (bot.ocr); web and PDF noise is removed
(bot.cleaning) before anything else sees the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.cleaning import clean_pages, clean_text
from bot.errors import DocumentError
from bot.ocr import IMAGE_SUFFIXES, OcrCache, Progress, legacy_free, read_image, read_pdf_pages
from bot.plan_meta import read_header
from bot.provinces import get_province, unit_label
from bot.textnorm import collapse_ws, nfc

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx", *IMAGE_SUFFIXES)


class PlanMetaOverride(BaseModel):
    """Optional <plan-id>.meta.yaml beside a plan: corrects what extraction gets wrong."""

    model_config = ConfigDict(extra="forbid")

    province: str | None = None
    title: str | None = None
    issuing_body: str | None = None
    document_number: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class PlanDocument:
    """One plan: its id (file stem), NFC text, content hash and metadata."""

    plan_id: str
    path: Path
    text: str
    sha256: str
    province: str
    title: str
    issuing_body: str
    document_number: str | None
    date: str | None
    # Problems a person should fix (unsure province …), each saying how.
    warnings: tuple[str, ...] = ()
    # Where the province came from: "meta.yaml", "text", "file name" or "".
    province_source: str = ""


def _read_pdf(path: Path, cache: OcrCache | None, progress: Progress | None) -> str:
    pages = read_pdf_pages(path, cache, progress)
    if not "".join(pages).strip():
        raise DocumentError(str(path), "the PDF has no text, even after OCR")
    return clean_pages([nfc(p) for p in pages])


def _targets_table(header: list[str]) -> bool:
    """A header like "TT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030"."""
    years = sum(1 for c in header if re.fullmatch(r"\D{0,12}20\d\d", collapse_ws(c)))
    return years >= 1 and any(re.search(r"chỉ tiêu|đơn vị tính", c, re.I) for c in header)


def _read_docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    # Tables (e.g. an appendix of tasks) come after the body, one cell per line; a targets
    # table (a column per milestone year) one row per line, cells tab-separated.
    for table in document.tables:
        if _targets_table([c.text for c in table.rows[0].cells] if table.rows else []):
            for row in table.rows:
                cells = list(dict.fromkeys(c._tc for c in row.cells))
                texts = [next(c.text for c in row.cells if c._tc is tc) for tc in cells]
                lines.append("\t".join(collapse_ws(t) for t in texts))
            continue
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                lines.append(cell.text)
    return "\n".join(lines)


def read_document(
    path: Path, ocr_cache: Path | None = None, progress: Progress | None = None
) -> str:
    """The document's text, NFC-normalised and cleaned of web/PDF noise; DocumentError names
    the file and the reason. Scans are OCR'd (text cached in ocr_cache by file hash)."""
    suffix = path.suffix.lower()
    cache = OcrCache(ocr_cache)
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            str(path), f"unsupported file type {suffix!r} (use .txt, .pdf, .docx, .png, .jpg)"
        )
    try:
        if suffix == ".txt":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise DocumentError(str(path), f"not UTF-8 text ({exc.reason})") from exc
        elif suffix == ".pdf":
            text = _read_pdf(path, cache, progress)
        elif suffix in IMAGE_SUFFIXES:
            text = read_image(path, cache, progress)
        else:
            text = _read_docx(path)
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    except Exception as exc:  # pypdf/python-docx raise many types on corrupt files
        raise DocumentError(str(path), f"cannot parse {suffix} file: {exc}") from exc
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if suffix in (".txt", ".docx") and text.strip() and not legacy_free(text):
        raise DocumentError(
            str(path),
            "the text is in a legacy Vietnamese font encoding (TCVN3/VNI): convert it to "
            "Unicode (e.g. Unikey's converter) and add it again",
        )
    text = clean_text(text)
    if not text.strip():
        raise DocumentError(str(path), "the document is empty")
    return text


_TITLE = re.compile(r"KẾ HOẠCH\s+(.{10,600}?(?i:trên địa bàn (?:tỉnh|thành phố)))")


def _title_case(body: str) -> str:
    """An all-caps title in sentence case ("THỰC HIỆN ĐỀ ÁN …" -> "thực hiện Đề án …")."""
    if not body.isupper():
        return body
    low = body.lower()
    for name in ("Đề án", "Việt Nam"):
        low = low.replace(name.lower(), name)
    return re.sub(r"“(\w)", lambda m: "“" + m.group(1).upper(), low)


# A news summary names the plan in a sentence: "… ban hành Kế hoạch số 1020/KH-UBND triển
# khai Đề án “…”".
_TITLE_IN_TEXT = re.compile(
    r"Kế hoạch(?:\s+số\s+\S+)?(?:\s+ngày\s+\S+)?(?:\s+về)?\s+"
    r"((?:triển khai|thực hiện)\s+Đề án\s+“[^”]{10,400}”)"
)


def extract_metadata(plan_id: str, text: str) -> dict[str, str | None]:
    """Province, title, issuing body, number and date as far as the text says them; the
    province is a known one (text, else file name) or the plan id marked unsure."""
    head = text[:4000]
    header = read_header(text, plan_id)
    province = header.province or plan_id.replace("-", " ").title()
    title_match = _TITLE.search(collapse_ws(head))
    if title_match:
        body = _title_case(title_match.group(1).strip())
        body = re.sub(r"trên địa bàn (tỉnh|thành phố)$", "", body, flags=re.I).strip()
        title = f"Kế hoạch {body} trên địa bàn {unit_label(province)}"
    elif m := _TITLE_IN_TEXT.search(collapse_ws(head)):
        title = f"Kế hoạch {m.group(1)} trên địa bàn {unit_label(province)}"
    else:
        title = header.title or "Kế hoạch"
    return {
        "province": province,
        "province_source": header.province_source,
        "title": title,
        "issuing_body": header.issuing_body or f"Ủy ban nhân dân {unit_label(province)}",
        "document_number": header.number,
        "date": header.date,
        "warnings": "\n".join(header.warnings),
    }


def _override(path: Path) -> dict[str, str | None]:
    meta_path = path.with_suffix(".meta.yaml")
    if not meta_path.exists():
        return {}
    try:
        data = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        return PlanMetaOverride(**data).model_dump(exclude_none=True)
    except (yaml.YAMLError, TypeError, ValidationError) as exc:
        raise DocumentError(str(meta_path), f"invalid metadata file: {exc}") from exc


def load_plan(
    path: Path, ocr_cache: Path | None = None, progress: Progress | None = None
) -> PlanDocument:
    """Read one plan file with its metadata (a meta.yaml beside it wins)."""
    text = read_document(path, ocr_cache, progress)
    override = _override(path)
    meta = extract_metadata(path.stem, text) | override
    warnings = tuple(w for w in (meta.get("warnings") or "").split("\n") if w)
    if "province" in override:
        known = get_province(override["province"] or "")
        meta["province"] = known.name if known else override["province"]
        meta["province_source"] = "meta.yaml"
        warnings = tuple(w for w in warnings if "province" not in w)
        if "issuing_body" not in override:
            meta["issuing_body"] = f"Ủy ban nhân dân {unit_label(meta['province'] or '')}"
    return PlanDocument(
        plan_id=path.stem,
        path=path,
        text=text,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        province=nfc(meta["province"] or path.stem),
        title=nfc(meta["title"] or "Kế hoạch"),
        issuing_body=nfc(meta["issuing_body"] or ""),
        document_number=meta.get("document_number"),
        date=meta.get("date"),
        warnings=warnings,
        province_source=meta.get("province_source") or "",
    )


def plan_files(plans_dir: Path) -> list[Path]:
    """Plan files in a folder, sorted; sidecar metadata files are not plans."""
    if not plans_dir.is_dir():
        return []
    return sorted(
        p
        for p in plans_dir.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
    )


def load_plans(
    plans_dir: Path, ocr_cache: Path | None = None, progress: Progress | None = None
) -> tuple[list[PlanDocument], list[DocumentError]]:
    """Every readable plan, plus an error for each that could not be read."""
    docs: list[PlanDocument] = []
    errors: list[DocumentError] = []
    seen: dict[str, Path] = {}
    for path in plan_files(plans_dir):
        if path.stem in seen:
            errors.append(
                DocumentError(
                    str(path), f"duplicate plan id {path.stem!r} ({seen[path.stem].name})"
                )
            )
            continue
        try:
            docs.append(load_plan(path, ocr_cache, progress))
            seen[path.stem] = path
        except DocumentError as exc:
            errors.append(exc)
    return docs, errors
