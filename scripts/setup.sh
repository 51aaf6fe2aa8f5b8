#!/usr/bin/env bash
# One-command setup: virtualenv, CPU-only torch, the project, and the index.
set -euo pipefail
cd "$(dirname "$0")/.."

# OCR of scanned plans: Tesseract with its Vietnamese model (system packages).
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; then
  echo "== OCR: tesseract with Vietnamese found"
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing OCR: tesseract-ocr tesseract-ocr-vie"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      tesseract-ocr tesseract-ocr-vie >/dev/null; }; then
    echo "warning: could not install tesseract; scanned plans will be refused (the rest works)" >&2
  fi
else
  echo "note: OCR of scanned plans needs: sudo apt-get install tesseract-ocr tesseract-ocr-vie" >&2
  echo "      (everything else works without it; OCR tests are skipped)" >&2
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PYTHON" -m venv .venv
fi
PIP=".venv/bin/python -m pip"
$PIP install --quiet --upgrade pip
# Pin torch first: the CPU wheel. An unpinned torch would pull gigabytes of CUDA packages.
echo "== installing torch 2.13.0 (CPU)"
$PIP install --quiet "torch==2.13.0"
echo "== installing the plan bot and its dependencies"
$PIP install --quiet -e ".[dev]"
if .venv/bin/python -m pip list 2>/dev/null | grep -qi '^nvidia-'; then
  echo "warning: CUDA packages were installed; check the torch pin" >&2
fi
echo "== building the index"
.venv/bin/python scripts/build_index.py --quiet
echo
echo "Ready. Try:  .venv/bin/python -m bot ask \"Mục tiêu đào tạo của Bình Thuận đến 2025?\""
