#!/usr/bin/env python
"""Build or refresh index/ from knowledge/ (plans and fact files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.embedding import load_encoder  # noqa: E402
from bot.errors import PlanBotError  # noqa: E402
from bot.index_store import build_index  # noqa: E402
from bot.settings import load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--knowledge", type=Path, help="knowledge folder (default: knowledge/)")
    parser.add_argument("--index", type=Path, help="index folder (default: index/)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(knowledge_dir=args.knowledge, index_dir=args.index)
        print(f"Plans: {settings.plans_dir}  Index: {settings.index_dir}")
        print(f"Loading embedding model {settings.embedding_model} …", flush=True)
        encoder = load_encoder(settings)
        report = build_index(settings, encoder, progress=not args.quiet, echo=print)
    except PlanBotError as exc:
        print(f"Build failed: {exc}", file=sys.stderr)
        return 1

    def names(ids: list[str]) -> str:
        return ", ".join(ids) or "-"

    print(f"added:   {names(report.added)}")
    print(f"changed: {names(report.changed)}")
    print(f"removed: {names(report.removed)}")
    print(f"kept:    {names(report.kept)}")
    print(f"facts:   {names(report.facts)}")
    print(
        f"passages: {report.total_chunks} (embedded {report.embedded_chunks}, "
        f"reused {report.reused_chunks}) in {report.seconds:.1f}s"
        + ("" if report.wrote_index else " — index unchanged")
    )
    for warning in report.warnings:
        print(f"warning: {warning}")
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
