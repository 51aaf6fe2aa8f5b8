#!/usr/bin/env python
"""Score the bot on a question set in the format of shared/eval/dev_questions.yaml.

Retrieval is correct at k when one of the top-k passages contains any evidence string;
an answer is correct when it contains every answer group (one alternative per group is
enough); both compared lower-cased, without diacritics, white space collapsed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.errors import PlanBotError  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.textnorm import fold  # noqa: E402


def load_cases(path: Path) -> list[dict[str, Any]]:
    try:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PlanBotError(f"{path}: cannot read question set: {exc}") from exc
    if not isinstance(cases, list) or not all(isinstance(c, dict) and "q" in c for c in cases):
        raise PlanBotError(f"{path}: expected a list of cases with at least 'q'")
    return cases


def first_evidence_rank(passages: list[dict[str, Any]], evidence: list[str]) -> int | None:
    wanted = [fold(e) for e in evidence]
    for rank, p in enumerate(passages, 1):
        text = fold(p["text"])
        if any(w in text for w in wanted):
            return rank
    return None


def answer_correct(answer: str, groups: list[list[str]]) -> bool:
    text = fold(answer)
    return all(any(fold(alt) in text for alt in group) for group in groups)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def evaluate(cases: list[dict[str, Any]], engine: Any, verbose: bool = False) -> dict[str, Any]:
    rows = []
    for case in cases:
        answer = engine.answer(case["q"]).to_json()
        in_scope = case.get("plan", "none") != "none"
        rank = first_evidence_rank(answer["passages"], case.get("evidence") or [])
        row = {
            "id": case.get("id", case["q"][:30]),
            "in_scope": in_scope,
            "rank": rank,
            "abstained": answer["abstained"],
            "correct": in_scope
            and not answer["abstained"]
            and answer_correct(answer["answer"], case.get("answer") or []),
            "latency_ms": answer["latency_ms"],
            "answer": answer["answer"],
        }
        rows.append(row)
        if verbose and in_scope and (not row["correct"] or rank is None or rank > 5):
            print(f"--- {row['id']}: rank={rank} abstained={row['abstained']}", file=sys.stderr)
            print(f"    Q: {case['q']}\n    A: {answer['answer'][:400]}", file=sys.stderr)
        if verbose and not in_scope and not row["abstained"]:
            print(f"--- {row['id']}: NOT abstained: {answer['answer'][:200]}", file=sys.stderr)
    ins = [r for r in rows if r["in_scope"]]
    oos = [r for r in rows if not r["in_scope"]]
    lat = [r["latency_ms"] for r in rows]
    n = len(ins) or 1
    return {
        "questions": len(rows),
        "in_scope": len(ins),
        "out_of_scope": len(oos),
        "recall@1": sum(1 for r in ins if r["rank"] == 1) / n,
        "recall@5": sum(1 for r in ins if r["rank"] is not None and r["rank"] <= 5) / n,
        "mrr": sum(1 / r["rank"] for r in ins if r["rank"]) / n,
        "answer_accuracy": sum(1 for r in ins if r["correct"]) / n,
        "oos_abstained": f"{sum(1 for r in oos if r['abstained'])}/{len(oos)}",
        "false_abstentions": sum(1 for r in ins if r["abstained"]),
        "latency_p50_ms": percentile(lat, 0.5),
        "latency_p95_ms": percentile(lat, 0.95),
        "mean_latency_ms": statistics.fmean(lat) if lat else 0.0,
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("questions", type=Path, help="question set (YAML)")
    parser.add_argument("--verbose", "-v", action="store_true", help="show the misses")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    try:
        from bot.engine import Engine

        cases = load_cases(args.questions)
        engine = Engine.load(load_settings(), build_if_missing=True)
        engine.answer("khởi động")  # first call pays one-off costs; not a user's latency
        result = evaluate(cases, engine, verbose=args.verbose)
    except PlanBotError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(
        f"questions: {result['questions']} (in scope {result['in_scope']}, "
        f"out of scope {result['out_of_scope']})"
    )
    print(f"Recall@1:          {result['recall@1']:.3f}")
    print(f"Recall@5:          {result['recall@5']:.3f}")
    print(f"MRR:               {result['mrr']:.3f}")
    print(f"answer accuracy:   {result['answer_accuracy']:.3f}")
    print(f"out-of-scope abstained: {result['oos_abstained']}")
    print(f"false abstentions: {result['false_abstentions']}")
    print(f"latency p50/p95:   {result['latency_p50_ms']:.1f} / {result['latency_p95_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
