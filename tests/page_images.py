"""Rendering plan text as page images and image-only PDFs (scans without a text layer)."""

from __future__ import annotations

import textwrap
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGE = (1654, 2339)  # A4 at 200 dpi
MARGIN = 120
FONT_SIZE = 34
LINE_GAP = 16
WRAP = 62


def render_pages(text: str) -> list:
    """PIL page images of the text (wrapped, DejaVu Sans), as a scanner would give them."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(DEJAVU), FONT_SIZE)
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, WRAP) or [""])
    per_page = (PAGE[1] - 2 * MARGIN) // (FONT_SIZE + LINE_GAP)
    pages = []
    for start in range(0, len(lines), per_page):
        img = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(img)
        y = MARGIN
        for line in lines[start : start + per_page]:
            draw.text((MARGIN, y), line, font=font, fill=0)
            y += FONT_SIZE + LINE_GAP
        pages.append(img)
    return pages


def image_only_pdf(text: str, path: Path) -> int:
    """Write the text as an image-only PDF (no text layer); returns the page count."""
    pages = [p.convert("RGB") for p in render_pages(text)]
    pages[0].save(str(path), "PDF", resolution=200.0, save_all=True, append_images=pages[1:])
    return len(pages)
