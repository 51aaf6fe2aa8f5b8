#!/usr/bin/env bash
# One-command setup: virtualenv, CPU-only torch, the project, and the index.
set -euo pipefail
cd "$(dirname "$0")/.."

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
