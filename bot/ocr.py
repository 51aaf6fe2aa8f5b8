"""OCR for scanned plans: PDF pages without a usable text layer, and page images.

Tesseract with its Vietnamese model (Debian: tesseract-ocr, tesseract-ocr-vie) through
pytesseract; PDF pages are rendered with pypdfium2. OCR text is cached by the file's hash,
so an unchanged scan is read once. Progress is reported per page.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.errors import DocumentError
from bot.textnorm import nfc

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
LANG = "vie"
RENDER_DPI = 300
# A PDF page with fewer letters than this in its text layer is read with OCR.
MIN_TEXT_CHARS = 40
INSTALL_HINT = (
    "OCR needs Tesseract with its Vietnamese model: apt-get install tesseract-ocr "
    "tesseract-ocr-vie (and pip install pytesseract pypdfium2)"
)
Progress = Callable[[str], None]


@lru_cache(maxsize=1)
def ocr_unavailable_reason() -> str | None:
    """None when OCR works here, else what to install."""
    try:
        import pytesseract
    except ImportError:
        return INSTALL_HINT
    if shutil.which("tesseract") is None:
        return INSTALL_HINT
    try:
        langs = pytesseract.get_languages(config="")
    except Exception as exc:  # a broken installation
        return f"{INSTALL_HINT} ({exc})"
    if LANG not in langs:
        return f"Tesseract has no Vietnamese model ('{LANG}'): apt-get install tesseract-ocr-vie"
    return None


# Letters that Vietnamese text never uses but legacy font encodings (TCVN3 ".VnTime", VNI)
# put in a PDF's text layer instead of the accented letters the page shows.
_LEGACY_GLYPHS = frozenset("¸¹º»¼½¾¿µ¶·ÆÇËÎÏÑÖ×ØÜÞßæçëîïñö÷øûüþÿ¡¢£¤¥¦§¨©ª«¬®±²³´")
# More than this share of legacy glyphs among the letters: the text layer is garbled.
MAX_LEGACY_SHARE = 0.02


def legacy_free(text: str) -> bool:
    """Not a legacy-encoded text (see _LEGACY_GLYPHS)."""
    letters = sum(ch.isalpha() for ch in text)
    return not letters or sum(ch in _LEGACY_GLYPHS for ch in text) / letters <= MAX_LEGACY_SHARE


def usable_text(text: str) -> bool:
    """Whether a text layer holds real text: enough letters, and not a legacy-encoded
    layer whose letters are not the ones printed."""
    return sum(ch.isalpha() for ch in text) >= MIN_TEXT_CHARS and legacy_free(text)


def ocr_image(image: Any) -> str:
    """Text of one page image (a PIL image or a path), NFC."""
    import pytesseract
    from PIL import Image

    img = Image.open(image) if isinstance(image, str | Path) else image
    # Tesseract reads grayscale; a page photo often comes in RGBA or palette mode.
    text = pytesseract.image_to_string(img.convert("L"), lang=LANG, config="--psm 6")
    return nfc(text)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class OcrCache:
    """OCR text per file hash, one JSON file each (written atomically)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, digest: str) -> list[str] | None:
        if self.folder is None:
            return None
        path = self.folder / f"{digest}.json"
        try:
            pages = json.loads(path.read_text(encoding="utf-8"))["pages"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return pages if isinstance(pages, list) else None

    def put(self, digest: str, pages: list[str]) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{digest}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"pages": pages}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.folder / f"{digest}.json")


def _require_ocr(path: Path, why: str) -> None:
    reason = ocr_unavailable_reason()
    if reason:
        raise DocumentError(str(path), f"{why}; {reason}")


def read_pdf_pages(
    path: Path, cache: OcrCache | None = None, progress: Progress | None = None
) -> list[str]:
    """Text of every page: the text layer where usable, OCR where not (cached by hash)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    layer = [page.extract_text() or "" for page in reader.pages]
    todo = [i for i, text in enumerate(layer) if not usable_text(text)]
    if not todo:
        return layer
    cache = cache or OcrCache(None)
    digest = _sha256(path)
    cached = cache.get(digest)
    if cached is not None and len(cached) == len(layer):
        if progress:
            progress(f"{path.name}: OCR text from cache ({len(todo)} pages)")
        return cached
    _require_ocr(path, f"{len(todo)} of {len(layer)} pages have no text layer (scanned)")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for n, i in enumerate(todo, start=1):
            if progress:
                progress(f"{path.name}: OCR page {i + 1} ({n}/{len(todo)})")
            image = pdf[i].render(scale=RENDER_DPI / 72).to_pil()
            layer[i] = ocr_image(image)
    finally:
        pdf.close()
    cache.put(digest, layer)
    return layer


def read_image(path: Path, cache: OcrCache | None = None, progress: Progress | None = None) -> str:
    """OCR text of a page image (PNG/JPG/TIFF), cached by hash."""
    cache = cache or OcrCache(None)
    digest = _sha256(path)
    cached = cache.get(digest)
    if cached is not None:
        return "\n".join(cached)
    _require_ocr(path, "a page image is read with OCR")
    if progress:
        progress(f"{path.name}: OCR page 1 (1/1)")
    try:
        text = ocr_image(path)
    except (OSError, ValueError) as exc:
        raise DocumentError(str(path), f"cannot read image: {exc}") from exc
    cache.put(digest, [text])
    return text
