"""Reading plan documents (.txt, .pdf text layer, .docx) and their metadata."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.errors import DocumentError
from bot.textnorm import collapse_ws, nfc

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx")


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


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = [page.extract_text() or "" for page in reader.pages]
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(str(path), "the PDF has no text layer (scanned?); OCR it first")
    return text


def _read_docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    # Tables (e.g. an appendix of tasks) come after the body, one cell per line.
    for table in document.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                lines.append(cell.text)
    return "\n".join(lines)


def read_document(path: Path) -> str:
    """The document's text, NFC-normalised; DocumentError names the file and the reason."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(str(path), f"unsupported file type {suffix!r} (use .txt, .pdf, .docx)")
    try:
        if suffix == ".txt":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise DocumentError(str(path), f"not UTF-8 text ({exc.reason})") from exc
        elif suffix == ".pdf":
            text = _read_pdf(path)
        else:
            text = _read_docx(path)
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    except Exception as exc:  # pypdf/python-docx raise many types on corrupt files
        raise DocumentError(str(path), f"cannot parse {suffix} file: {exc}") from exc
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(str(path), "the document is empty")
    return text


_PROVINCE_LINE = re.compile(r"trên địa bàn (?:tỉnh|thành phố)\s+(.+?)\s*[,.:;]?\s*$", re.MULTILINE)
_NUMBER = re.compile(r"Số:\s*([0-9]+\s*/\s*[A-ZĐ][A-ZĐ0-9-]*)")
# The plan's own date sits in the header as "<place>, ngày d tháng m năm y".
_DATE = re.compile(r",\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_TITLE = re.compile(r"KẾ HOẠCH\s+(.{10,600}?trên địa bàn (?:tỉnh|thành phố))")


def extract_metadata(plan_id: str, text: str) -> dict[str, str | None]:
    """Province, title, issuing body, number and date as far as the text says them."""
    head = text[:4000]
    match = _PROVINCE_LINE.search(head)
    province = collapse_ws(match.group(1)) if match else plan_id.replace("-", " ").title()
    title_match = _TITLE.search(collapse_ws(head))
    number = _NUMBER.search(head)
    date = _DATE.search(head)
    return {
        "province": province,
        "title": f"Kế hoạch {title_match.group(1).strip()} {province}"
        if title_match
        else "Kế hoạch",
        "issuing_body": f"Ủy ban nhân dân tỉnh {province}",
        "document_number": number.group(1).replace(" ", "") if number else None,
        "date": f"{date.group(1)}/{date.group(2)}/{date.group(3)}" if date else None,
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


def load_plan(path: Path) -> PlanDocument:
    """Read one plan file with its metadata."""
    text = read_document(path)
    meta = extract_metadata(path.stem, text) | _override(path)
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


def load_plans(plans_dir: Path) -> tuple[list[PlanDocument], list[DocumentError]]:
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
            docs.append(load_plan(path))
            seen[path.stem] = path
        except DocumentError as exc:
            errors.append(exc)
    return docs, errors
