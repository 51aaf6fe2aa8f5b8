#!/usr/bin/env python
"""OCR character accuracy on plan pages rendered from text: clean, and scan-like (a slight
skew, grain, JPEG at 300 dpi re-sampled to 200 dpi). Needs tesseract-ocr + tesseract-ocr-vie."""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from bot.ocr import ocr_image, ocr_unavailable_reason  # noqa: E402
from bot.textnorm import collapse_ws, nfc  # noqa: E402
from tests.page_images import render_pages  # noqa: E402


def accuracy(got: str, truth: str) -> float:
    got, truth = collapse_ws(nfc(got)), collapse_ws(nfc(truth))
    return 1 - Levenshtein.distance(got, truth) / max(1, len(truth))


def scan_like(page, seed: int = 7):  # PIL image -> PIL image
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    img = page.rotate(0.6, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 200):  # grain
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = rng.choice((0, 90, 200))
    buffer = io.BytesIO()
    img.convert("RGB").save(buffer, "JPEG", quality=70)
    return Image.open(io.BytesIO(buffer.getvalue()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--plan", type=Path, default=ROOT / "tests" / "data" / "plans" / "tune" / "lang-son.txt"
    )
    args = parser.parse_args(argv)
    if reason := ocr_unavailable_reason():
        print(f"OCR unavailable: {reason}", file=sys.stderr)
        return 2
    text = args.plan.read_text(encoding="utf-8")
    lines = text.split("\n")
    truth = "\n".join(lines[:60])
    pages = render_pages(truth)
    page_truth = truth  # a few pages; compare the whole text
    for name, images in (("clean", pages), ("scan-like", [scan_like(p) for p in pages])):
        started = time.perf_counter()
        got = "\n".join(ocr_image(p) for p in images)
        seconds = time.perf_counter() - started
        print(
            f"{name:9s}: {len(images)} page(s), {len(collapse_ws(page_truth))} characters, "
            f"accuracy {accuracy(got, page_truth):.4f}, {seconds / len(images):.1f} s/page"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
