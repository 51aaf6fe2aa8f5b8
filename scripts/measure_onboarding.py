#!/usr/bin/env python
"""Answers about plans the bot has no curated fact file for (drafted facts only).

Copies the repository's plans (with their curated facts) and the fixture plans of a split
(tests/data/plans/<split>/, no fact files; a meta.yaml only where the text names no
province) into a temporary knowledge folder, builds an index there with the real model, and
asks each fixture plan's questions (gold.yaml) through `python -m bot ask --json`:

- answer accuracy: the answer contains every expected string ("a|b": either), folded;
- head@250: the first expected string is within the answer's first 250 characters;
- false abstentions; and which plans a comparison of training targets covers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.textnorm import fold  # noqa: E402

HEAD = 250
COMPARE = "So sánh mục tiêu đào tạo về đo lường giữa các tỉnh"


def _hit(answer: str, expected: str, limit: int | None = None) -> bool:
    text = fold(answer[:limit] if limit else answer)
    return any(fold(alt) in text for alt in expected.split("|"))


def _ask(knowledge: Path, index: Path, questions: list[str]) -> list[dict]:
    qfile = index.parent / "questions.txt"
    qfile.write_text("\n".join(questions) + "\n", encoding="utf-8")
    env = dict(
        os.environ,
        PLANBOT_KNOWLEDGE_DIR=str(knowledge),
        PLANBOT_INDEX_DIR=str(index),
        PLANBOT_DATA_DIR=str(index.parent / "data"),
    )
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--file", str(qfile)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "data" / "plans")
    parser.add_argument("--split", default="heldout", help="split(s), comma-separated")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    gold = yaml.safe_load((args.fixtures / "gold.yaml").read_text(encoding="utf-8"))
    splits = args.split.split(",")
    with tempfile.TemporaryDirectory(prefix="planbot-onboard-") as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge)
        for split in splits:
            for path in (args.fixtures / split).iterdir():
                shutil.copy(path, knowledge / "plans" / path.name)
        build = subprocess.run(
            [sys.executable, "scripts/build_index.py", "--quiet"],
            cwd=ROOT,
            env=dict(
                os.environ,
                PLANBOT_KNOWLEDGE_DIR=str(knowledge),
                PLANBOT_INDEX_DIR=str(Path(tmp) / "index"),
            ),
            capture_output=True,
            text=True,
        )
        if build.returncode:
            print(build.stdout, build.stderr, file=sys.stderr)
            return 2
        items = [
            (pid, q)
            for pid, g in gold.items()
            if g["split"] in splits
            for q in g.get("questions", [])
        ]
        answers = _ask(knowledge, Path(tmp) / "index", [q["q"] for _, q in items] + [COMPARE])
    right = head = abstained = 0
    for (pid, q), a in zip(items, answers, strict=False):
        ok = all(_hit(a["answer"], e) for e in q["expect"])
        in_head = _hit(a["answer"], q["expect"][0], HEAD)
        right += ok
        head += in_head
        abstained += a["abstained"]
        if args.verbose or not (ok and in_head):
            mark = ("ok " if ok else "BAD") + (" head" if in_head else " tail")
            print(f"[{mark}] {pid}: {q['q']}\n      {a['answer'][:300]!r}")
    n = len(items)
    compare = answers[-1]
    training = [
        pid
        for pid, g in gold.items()
        if g["split"] in splits and any(c == "training" for _v, _y, c in g["targets"])
    ]
    covered = [pid for pid in training if pid in compare["plans"]]
    print(f"questions: {n}")
    print(f"answer accuracy : {right}/{n} = {right / n:.2f}")
    print(f"head@{HEAD}        : {head}/{n} = {head / n:.2f}")
    print(f"false abstentions: {abstained}")
    print(
        f"compare training: covers {len(covered)}/{len(training)} fixture plans setting it "
        f"(plans in answer: {', '.join(compare['plans'])})"
    )
    if args.verbose:
        print(compare["answer"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
