#!/usr/bin/env python
"""Retrieval regression: dump or check what search returns for the tune questions.

Answers the `split: tune` questions of eval/questions.yaml (every --step-th, about 60)
with the real engine over this checkout's index, records every HybridIndex.search call
the answer makes, and re-runs each call with k >= 8. For each call it keeps the top chunk
ids, fused, dense and lexical scores, the relevance features and value; the answer text is kept too.

  --write FILE   store the dump (run before a change)
  --check FILE   compare with a stored dump; exit 1 on any difference (run after)

Also prints the p50 in-process latency of Engine.answer over the same questions.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.settings import load_settings  # noqa: E402

TOP = 8


def tune_questions(step: int) -> list[str]:
    """Every step-th tune question of eval/questions.yaml (test half never used)."""
    cases = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text("utf-8"))
    tune = [c["q"] for c in cases if c.get("split") == "tune"]
    return tune[::step]


def dump(engine: Engine, questions: list[str]) -> list[dict[str, Any]]:
    """Per question: the answer text and each search call with its ranked evidence."""
    index = engine._state.search
    real_search = index.search
    calls: list[dict[str, Any]] = []

    def recording(query: str, plan_ids: Any = None, k: int = 5, evidence_terms: Any = None):
        calls.append(
            {
                "query": query,
                "plan_ids": sorted(plan_ids) if plan_ids else None,
                "k": k,
                "evidence_terms": list(evidence_terms) if evidence_terms is not None else None,
            }
        )
        return real_search(query, plan_ids=plan_ids, k=k, evidence_terms=evidence_terms)

    out = []
    index.search = recording  # type: ignore[method-assign]
    try:
        for q in questions:
            calls.clear()
            answer = engine.answer(q)
            searches = []
            for call in calls:
                result = real_search(
                    call["query"],
                    plan_ids=call["plan_ids"],
                    k=max(call["k"], TOP),
                    evidence_terms=call["evidence_terms"],
                )
                searches.append(
                    {
                        **call,
                        "top": [h.index for h in result.hits[:TOP]],
                        "scores": [h.score for h in result.hits[:TOP]],
                        "dense": [h.dense for h in result.hits[:TOP]],
                        "lexical": [h.lexical for h in result.hits[:TOP]],
                        "features": list(result.features),
                        "relevance": result.relevance,
                    }
                )
            out.append({"question": q, "answer": answer.text, "searches": searches})
    finally:
        del index.search
    return out


def p50_ms(engine: Engine, questions: list[str], rounds: int) -> float:
    """Median Engine.answer latency in ms over rounds passes (after one warm-up)."""
    engine.answer(questions[0])
    times = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            engine.answer(q)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path)
    mode.add_argument("--check", type=Path)
    ap.add_argument("--step", type=int, default=4, help="take every step-th tune question")
    ap.add_argument("--rounds", type=int, default=3, help="latency passes over the questions")
    args = ap.parse_args(argv)
    engine = Engine.load(load_settings())
    questions = tune_questions(args.step)
    got = dump(engine, questions)
    calls = sum(len(d["searches"]) for d in got)
    print(f"{len(questions)} questions, {calls} search calls")
    print(f"p50 Engine.answer latency: {p50_ms(engine, questions, args.rounds):.1f} ms")
    if args.write:
        args.write.write_text(json.dumps(got, ensure_ascii=False, indent=1), "utf-8")
        print(f"written: {args.write}")
        return 0
    want = json.loads(args.check.read_text("utf-8"))
    diffs = [
        (w["question"], key)
        for w, g in zip(want, got, strict=True)
        for key in ("answer", "searches")
        if w[key] != g[key]
    ]
    for question, key in diffs:
        print(f"  DIFFERENT {key}: {question}")
    print("identical" if not diffs else f"{len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
