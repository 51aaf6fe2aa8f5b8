"""Adding a plan file to knowledge/plans/ safely: check, read, name, place, undo.

No Telegram here: the adapter (bot.telegram.upload) downloads the file and calls these.
A file is read completely (OCR included) from a staging folder before anything in
knowledge/ changes; a plan it replaces is kept aside so the upload can be undone.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.documents import SUPPORTED_SUFFIXES, PlanDocument, load_plan
from bot.errors import DocumentError, PlanBotError
from bot.ocr import Progress
from bot.provinces import get_province, unit_label
from bot.settings import Settings
from bot.textnorm import fold

# The Bot API lets a bot download files up to 20 MB.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Less text than this is not a plan (an empty page, a photo of something else).
MIN_PLAN_CHARS = 300
OCR_CACHE = "ocr-cache"
# Reasons of bot.documents, said in Vietnamese to the sender (the English detail follows).
_REASONS_VI = (
    ("the document is empty", "tệp trống, không có chữ"),
    ("cannot parse", "tệp bị hỏng hoặc không đúng định dạng"),
    ("not UTF-8 text", "tệp văn bản không ở mã UTF-8"),
    ("no text, even after OCR", "PDF không có chữ, kể cả sau khi nhận dạng ảnh (OCR)"),
    ("OCR needs Tesseract", "máy chủ chưa cài phần nhận dạng chữ (OCR) cho bản quét"),
    ("no Vietnamese model", "máy chủ chưa cài mô hình OCR tiếng Việt"),
    ("cannot read image", "ảnh bị hỏng hoặc không đúng định dạng"),
    ("legacy Vietnamese font encoding", "chữ dùng bảng mã cũ (TCVN3/VNI), cần chuyển sang Unicode"),
)


def reason_vi(reason: str) -> str:
    """A document error's reason for the sender: Vietnamese first, the detail after."""
    for key, vi in _REASONS_VI:
        if key in reason:
            return f"{vi} ({reason})"
    return reason


class UploadError(PlanBotError):
    """An uploaded file is refused; the message says why (Vietnamese, for the sender)."""


@dataclass
class Placed:
    """A plan put in place, and what to restore to undo it."""

    plan_id: str
    path: Path
    doc: PlanDocument
    backup: Path | None  # folder holding the files it replaced
    replaced: list[str] = field(default_factory=list)
    token: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


def slug(text: str) -> str:
    """A safe plan id: folded, words joined by '-' ("Lạng Sơn" -> "lang-son")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60]


def check_file(name: str, size: int | None) -> str:
    """The file's suffix when its type and size are acceptable, else UploadError."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(s.lstrip(".").upper() for s in SUPPORTED_SUFFIXES)
        raise UploadError(f"Loại tệp {suffix or '(không có đuôi)'} không được hỗ trợ ({kinds}).")
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise UploadError(
            f"Tệp quá lớn ({size / 1e6:.1f} MB); tối đa {MAX_UPLOAD_BYTES // 2**20} MB."
        )
    if size == 0:
        raise UploadError("Tệp rỗng.")
    return suffix


def read_upload(
    settings: Settings, name: str, data: bytes, progress: Progress | None = None
) -> tuple[PlanDocument, Path]:
    """Read an uploaded file from a staging folder (OCR text cached for the rebuild)."""
    suffix = check_file(name, len(data))
    staging = Path(tempfile.mkdtemp(prefix="planbot-upload-"))
    staged = staging / f"{slug(Path(name).stem) or 'ke-hoach'}{suffix}"
    staged.write_bytes(data)
    try:
        doc = load_plan(staged, settings.index_dir / OCR_CACHE, progress)
    except DocumentError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UploadError(f"Không đọc được tệp: {reason_vi(exc.reason)}.") from exc
    if len(doc.text.strip()) < MIN_PLAN_CHARS:
        shutil.rmtree(staging, ignore_errors=True)
        raise UploadError(
            f"Tệp gần như không có chữ ({len(doc.text.strip())} ký tự đọc được): "
            "không phải một kế hoạch, hoặc ảnh quá mờ."
        )
    return doc, staged


def plan_id_for(doc: PlanDocument) -> str:
    """The plan id from the province found in the text or file name, else the file name."""
    province = get_province(doc.province) if doc.province_source else None
    return slug(province.name) if province else slug(doc.plan_id) or "ke-hoach"


def place(settings: Settings, doc: PlanDocument, staged: Path) -> Placed:
    """Move the staged file to knowledge/plans/<plan-id><suffix>; the plan files it replaces
    (same id, any type) go to a backup folder for undo."""
    plan_id = plan_id_for(doc)
    plans = settings.plans_dir
    plans.mkdir(parents=True, exist_ok=True)
    placed = Placed(plan_id, plans / f"{plan_id}{staged.suffix}", doc, None)
    backup = settings.data_dir / "upload-backups" / placed.token
    for old in sorted(plans.glob(f"{plan_id}.*")):
        if old.suffix.lower() in SUPPORTED_SUFFIXES and old.stem == plan_id:
            backup.mkdir(parents=True, exist_ok=True)
            shutil.move(str(old), backup / old.name)
            placed.replaced.append(old.name)
            placed.backup = backup
    tmp = plans / f".{plan_id}.{placed.token}{staged.suffix}"
    shutil.copyfile(staged, tmp)
    tmp.replace(placed.path)
    shutil.rmtree(staged.parent, ignore_errors=True)
    return placed


def undo(placed: Placed) -> None:
    """Remove the placed file and put back what it replaced."""
    placed.path.unlink(missing_ok=True)
    if placed.backup is not None and placed.backup.is_dir():
        for old in placed.backup.iterdir():
            shutil.move(str(old), placed.path.parent / old.name)
        shutil.rmtree(placed.backup, ignore_errors=True)


def build_failure(placed: Placed, exc: Exception) -> str:
    """Why the rebuild with the new file failed, for the sender (the upload was undone)."""
    if "Fact files failed validation" in str(exc):
        return (
            f"{unit_label(placed.doc.province)} đã có tệp dữ kiện đã rà soát "
            f"(knowledge/facts/{placed.plan_id}.yaml) không khớp với văn bản mới; cần cập nhật "
            "tệp dữ kiện đó trước khi thay kế hoạch."
        )
    return f"Lỗi khi xây dựng lại chỉ mục: {exc}"


# --- the summary -------------------------------------------------------------------------


def _target_line(t: dict[str, Any]) -> str:
    when = f"{t['year']}" if t.get("year") else "hằng năm"
    qualifier = f"{t['qualifier']} " if t.get("qualifier") else ""
    value = t["value"]
    unit = t["unit"]
    amount = f"{value}%" if unit == "%" else f"{qualifier}{value} {unit}"
    metric = t["metric"] if unit == "%" else ""
    if len(metric) > 80:
        metric = metric[:80].rsplit(" ", 1)[0] + "…"
    return f"{when}: {amount}" + (f" — {metric}" if metric else "")


def summary_lines(
    placed: Placed, facts: dict[str, Any] | None, warnings: list[str], drafted: bool
) -> list[str]:
    """What was found, as plain-text lines (the adapter escapes them)."""
    doc = placed.doc
    lines = [f"Đã thêm kế hoạch của {unit_label(doc.province)} ({placed.path.name})."]
    if placed.replaced:
        lines.append(f"Thay cho tệp cũ: {', '.join(placed.replaced)}.")
    ref = ", ".join(
        x
        for x in (
            f"số {doc.document_number}" if doc.document_number else "",
            f"ngày {doc.date}" if doc.date else "",
        )
        if x
    )
    lines.append(f"Văn bản: {ref or 'chưa đọc được số và ngày'}.")
    if facts:
        phases = facts["plan"].get("phases", [])
        if phases:
            lines.append(
                "Giai đoạn: " + "; ".join(f"{p['start']}–{p['end']}" for p in phases) + "."
            )
        targets = facts.get("targets", [])
        valued = sorted(
            (t for t in targets if t.get("value") is not None), key=lambda t: t.get("year") or 0
        )
        lines.append(f"Mục tiêu: {len(targets)} ({len(valued)} có số liệu).")
        lines += [f"• {_target_line(t)}" for t in valued[:10]]
        if len(valued) > 10:
            lines.append(f"• … và {len(valued) - 10} mục tiêu khác.")
        agencies = [r["agency"] for r in facts.get("responsibilities", [])]
        lines.append(f"Nhiệm vụ: {len(facts.get('tasks', []))}.")
        lines.append(
            f"Cơ quan được giao việc: {len(agencies)}"
            + (
                f" ({', '.join(agencies[:6])}{', …' if len(agencies) > 6 else ''})."
                if agencies
                else "."
            )
        )
        if drafted:
            lines.append("Dữ kiện được trích tự động, chưa được rà soát.")
    else:
        lines.append("Chưa trích được dữ kiện: câu trả lời dựa trên đoạn văn.")
    lines += [f"Lưu ý: {w}" for w in warnings]
    return lines
