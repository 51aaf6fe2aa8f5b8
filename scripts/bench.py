#!/usr/bin/env python
"""Speed and memory benchmark: the two real plans, then a generated 63-plan corpus.

Measures (real model, real FAISS, real BM25, temp folders):
- full build of the two plans; an unchanged rebuild (must re-embed nothing);
- per-question latency (p50/p95) over a question set, model loaded;
- the same for 63 plans made from the two real ones (province names and numbers varied);
- peak resident memory of this process.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.embedding import load_encoder  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.index_store import build_index  # noqa: E402
from bot.provinces import province_names  # noqa: E402
from bot.settings import load_settings  # noqa: E402

DEFAULT_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"
SOURCES = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def slug(name: str) -> str:
    from bot.textnorm import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def make_corpus(dest: Path, count: int, seed: int = 7) -> list[str]:
    """`count` plans from the two real ones: another province's name, numbers varied."""
    rng = random.Random(seed)
    texts = {
        pid: (ROOT / "knowledge" / "plans" / f"{pid}.txt").read_text("utf-8") for pid in SOURCES
    }
    names = [n for n in province_names() if n not in SOURCES.values()]
    rng.shuffle(names)
    plans_dir = dest / "plans"
    plans_dir.mkdir(parents=True)
    made = []
    for i in range(count):
        source = list(SOURCES)[i % 2]
        province = names[i % len(names)]
        text = texts[source].replace(SOURCES[source], province)
        text = re.sub(
            r"(ít nhất|Ít nhất)\s+(\d+)",
            lambda m: f"{m.group(1)} {int(m.group(2)) * rng.randint(1, 4):02d}",
            text,
        )
        path = plans_dir / f"{slug(province)}.txt"
        path.write_text(text, encoding="utf-8")
        made.append(province)
    return made


def latencies(engine: Engine, questions: list[str], rounds: int) -> list[float]:
    engine.answer("khởi động")
    out = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            engine.answer(q)
            out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--plans", type=int, default=63, help="size of the generated corpus")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the questions")
    parser.add_argument("--skip-large", action="store_true", help="only the two real plans")
    args = parser.parse_args(argv)
    questions = [c["q"] for c in yaml.safe_load(args.questions.read_text("utf-8"))]
    work = Path(tempfile.mkdtemp(prefix="planbot-bench-"))
    try:
        settings = load_settings(
            env={}, knowledge_dir=ROOT / "knowledge", index_dir=work / "index2"
        )
        t0 = time.perf_counter()
        encoder = load_encoder(settings)
        print(f"model load: {time.perf_counter() - t0:.1f} s")
        report = build_index(settings, encoder)
        print(
            f"[2 plans] full build: {report.seconds:.1f} s, {report.total_chunks} passages "
            f"embedded {report.embedded_chunks}"
        )
        again = build_index(settings, encoder)
        print(
            f"[2 plans] unchanged rebuild: {again.seconds:.2f} s, embedded "
            f"{again.embedded_chunks}, index rewritten: {again.wrote_index}"
        )
        engine = Engine.load(settings)
        lat = latencies(engine, questions, args.rounds)
        print(
            f"[2 plans] latency over {len(lat)} answers: p50 {pct(lat, 0.5):.1f} ms, "
            f"p95 {pct(lat, 0.95):.1f} ms, mean {statistics.fmean(lat):.1f} ms"
        )
        print(f"peak memory so far: {peak_mb():.0f} MB")
        if args.skip_large:
            return 0
        knowledge = work / "knowledge63"
        provinces = make_corpus(knowledge, args.plans)
        big = load_settings(env={}, knowledge_dir=knowledge, index_dir=work / "index63")
        report = build_index(big, encoder)
        print(
            f"[{args.plans} plans] full build: {report.seconds:.1f} s, "
            f"{report.total_chunks} passages"
        )
        engine = Engine.load(big)
        rng = random.Random(3)
        varied = [
            q.replace("Bình Thuận", rng.choice(provinces)).replace("Kon Tum", rng.choice(provinces))
            for q in questions
        ]
        lat = latencies(engine, varied, args.rounds)
        print(
            f"[{args.plans} plans] latency over {len(lat)} answers: p50 {pct(lat, 0.5):.1f} ms, "
            f"p95 {pct(lat, 0.95):.1f} ms"
        )
        print(f"peak memory: {peak_mb():.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
