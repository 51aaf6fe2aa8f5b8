#!/usr/bin/env python
"""Score the bot on question sets in the format of shared/eval/dev_questions.yaml.

Retrieval is correct at k when one of the top-k passages contains any evidence string;
an answer is correct when the bot did not abstain and the answer contains every answer group
(one alternative per group is enough); both compared lower-cased, without diacritics, đ→d,
white space collapsed, and an alternative that starts or ends with a digit matches only as a
whole number ("25" is not found in "2025"). head@250 counts a correct answer only when every
group is already in its first 250 characters (what the first screen shows). These rules are
the same as ../shared/tools/evalq.py's.

Reported per set and per `kind` (when the cases have one): Recall@1/5, MRR, answer accuracy,
head@250, median answer length (in-scope answers, characters), abstention on out-of-scope
questions, false abstentions, latency. `--split test|tune` keeps only the cases of that split.

    python scripts/evaluate.py SET.yaml [SET2.yaml ...] [--split test|tune] [--json] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.errors import PlanBotError  # noqa: E402

HEAD_CHARS = 250


# ---------------------------------------------------------------- matching (as evalq.py)
def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d, white space collapsed (identical to evalq.py's fold)."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text).strip()


def contains(folded_text: str, alt: str) -> bool:
    """Folded `alt` occurs in already folded text; a number only as a whole number."""
    alt = fold(alt)
    if not alt:
        return True
    left = r"(?<!\d)" if alt[0].isdigit() else ""
    right = r"(?!\d)" if alt[-1].isdigit() else ""
    return re.search(left + re.escape(alt) + right, folded_text) is not None


def groups_present(text: str, groups: list[list[str]]) -> bool:
    """Every group has at least one alternative in `text` (raw; folded here)."""
    folded = fold(text)
    return all(any(contains(folded, alt) for alt in group) for group in groups)


def answer_correct(answer: str, groups: list[list[str]]) -> bool:
    return groups_present(answer, groups)


def first_evidence_rank(passages: list[dict[str, Any]], evidence: list[str]) -> int | None:
    wanted = [fold(e) for e in evidence]
    for rank, p in enumerate(passages, 1):
        text = fold(p.get("text", ""))
        if any(w in text for w in wanted):
            return rank
    return None


# ---------------------------------------------------------------- cases
def load_cases(path: Path) -> list[dict[str, Any]]:
    try:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PlanBotError(f"{path}: cannot read question set: {exc}") from exc
    if not isinstance(cases, list) or not all(isinstance(c, dict) and "q" in c for c in cases):
        raise PlanBotError(f"{path}: expected a list of cases with at least 'q'")
    return cases


def filter_split(
    cases: list[dict[str, Any]], split: str | None, source: str = ""
) -> list[dict[str, Any]]:
    """Only the cases of `split` (None: all). A set without `split` fields cannot be filtered."""
    if split is None:
        return cases
    if not any("split" in c for c in cases):
        raise PlanBotError(
            f"{source or 'question set'}: no case has a 'split' field; cannot select {split!r}"
        )
    return [c for c in cases if c.get("split") == split]


# ---------------------------------------------------------------- scoring (pure)
def score_case(
    case: dict[str, Any], answer: dict[str, Any], head: int = HEAD_CHARS
) -> dict[str, Any]:
    """One row from a case and the bot's JSON answer.

    `answer` has the keys of `ask --json`: answer, abstained, passages, latency_ms.
    """
    in_scope = case.get("plan", "none") != "none"
    text = answer.get("answer") or ""
    abstained = bool(answer.get("abstained"))
    groups = case.get("answer") or []
    rank = (
        first_evidence_rank(answer.get("passages") or [], case.get("evidence") or [])
        if in_scope
        else None
    )
    correct = in_scope and not abstained and groups_present(text, groups)
    return {
        "id": case.get("id", case["q"][:30]),
        "kind": case.get("kind", "-"),
        "split": case.get("split"),
        "in_scope": in_scope,
        "rank": rank,
        "abstained": abstained,
        "correct": correct,
        "head_ok": correct and groups_present(text[:head], groups),
        "length": len(text),
        "latency_ms": float(answer.get("latency_ms") or 0.0),
        "answer": text,
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def median_length(lengths: list[int]) -> int:
    """Upper median, as evalq.py computes it."""
    ordered = sorted(lengths)
    return ordered[len(ordered) // 2] if ordered else 0


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ins = [r for r in rows if r["in_scope"]]
    oos = [r for r in rows if not r["in_scope"]]
    lat = [r["latency_ms"] for r in rows]
    n = len(ins) or 1
    oos_ok = sum(1 for r in oos if r["abstained"])
    return {
        "questions": len(rows),
        "in_scope": len(ins),
        "out_of_scope": len(oos),
        "recall@1": sum(1 for r in ins if r["rank"] == 1) / n,
        "recall@5": sum(1 for r in ins if r["rank"] is not None and r["rank"] <= 5) / n,
        "mrr": sum(1 / r["rank"] for r in ins if r["rank"]) / n,
        "answer_accuracy": sum(1 for r in ins if r["correct"]) / n,
        "head@250": sum(1 for r in ins if r["head_ok"]) / n,
        "median_answer_chars": median_length([r["length"] for r in ins]),
        "oos_abstained": f"{oos_ok}/{len(oos)}",
        "oos_abstention": oos_ok / len(oos) if oos else 1.0,
        "false_abstentions": sum(1 for r in ins if r["abstained"]),
        "latency_p50_ms": percentile(lat, 0.5),
        "latency_p95_ms": percentile(lat, 0.95),
        "mean_latency_ms": statistics.fmean(lat) if lat else 0.0,
    }


def by_kind(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    kinds: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        kinds.setdefault(r["kind"], []).append(r)
    return {k: summarize(v) for k, v in sorted(kinds.items())}


def score(
    cases: list[dict[str, Any]], answers: list[dict[str, Any]], head: int = HEAD_CHARS
) -> dict[str, Any]:
    """Summary, per-kind summaries and rows from cases and the bot's answers (same order)."""
    if len(cases) != len(answers):
        raise PlanBotError(f"{len(answers)} answers for {len(cases)} questions")
    rows = [score_case(c, a, head) for c, a in zip(cases, answers, strict=True)]
    return {**summarize(rows), "by_kind": by_kind(rows), "rows": rows}


def evaluate(
    cases: list[dict[str, Any]], engine: Any, verbose: bool = False, head: int = HEAD_CHARS
) -> dict[str, Any]:
    answers = [engine.answer(case["q"]).to_json() for case in cases]
    result = score(cases, answers, head)
    if verbose:
        for case, row in zip(cases, result["rows"], strict=True):
            if row["in_scope"] and (not row["correct"] or row["rank"] is None or row["rank"] > 5):
                print(
                    f"--- {row['id']} [{row['kind']}]: rank={row['rank']} "
                    f"abstained={row['abstained']} head_ok={row['head_ok']}",
                    file=sys.stderr,
                )
                print(f"    Q: {case['q']}\n    A: {row['answer'][:400]}", file=sys.stderr)
            elif row["in_scope"] and not row["head_ok"]:
                print(
                    f"--- {row['id']} [{row['kind']}]: correct, not in the first {head} chars",
                    file=sys.stderr,
                )
            if not row["in_scope"] and not row["abstained"]:
                print(
                    f"--- {row['id']} [{row['kind']}]: NOT abstained: {row['answer'][:200]}",
                    file=sys.stderr,
                )
    return result


# ---------------------------------------------------------------- report
def format_report(name: str, result: dict[str, Any], head: int = HEAD_CHARS) -> str:
    out = [
        f"== {name}",
        f"questions: {result['questions']} (in scope {result['in_scope']}, "
        f"out of scope {result['out_of_scope']})",
        f"Recall@1:          {result['recall@1']:.3f}",
        f"Recall@5:          {result['recall@5']:.3f}",
        f"MRR:               {result['mrr']:.3f}",
        f"answer accuracy:   {result['answer_accuracy']:.3f}",
        f"head@{head}:          {result['head@250']:.3f}",
        f"median answer:     {result['median_answer_chars']} chars",
        f"out-of-scope abstained: {result['oos_abstained']}",
        f"false abstentions: {result['false_abstentions']}",
        f"latency p50/p95:   {result['latency_p50_ms']:.1f} / {result['latency_p95_ms']:.1f} ms",
    ]
    kinds = result.get("by_kind") or {}
    if len(kinds) > 1 or (kinds and "-" not in kinds):
        out.append(
            f"{'kind':14s} {'n':>4s} {'R@1':>5s} {'R@5':>5s} {'ans':>5s} {'head':>5s} "
            f"{'medlen':>6s} {'abst':>7s} {'falseab':>7s}"
        )
        for kind, s in kinds.items():
            if s["in_scope"]:
                out.append(
                    f"{kind:14s} {s['questions']:4d} {s['recall@1']:5.2f} {s['recall@5']:5.2f} "
                    f"{s['answer_accuracy']:5.2f} {s['head@250']:5.2f} "
                    f"{s['median_answer_chars']:6d} "
                    f"{'':>7s} {s['false_abstentions']:7d}"
                )
            else:
                out.append(
                    f"{kind:14s} {s['questions']:4d} {'':5s} {'':5s} {'':5s} {'':5s} {'':6s} "
                    f"{s['oos_abstained']:>7s} {'':7s}"
                )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("questions", type=Path, nargs="+", help="question set(s) (YAML)")
    parser.add_argument("--split", choices=["tune", "test"], help="only the cases of this split")
    parser.add_argument("--verbose", "-v", action="store_true", help="show the misses")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    try:
        sets = {str(p): filter_split(load_cases(p), args.split, str(p)) for p in args.questions}
        from bot.engine import Engine
        from bot.settings import load_settings

        engine = Engine.load(load_settings(), build_if_missing=True)
        engine.answer("khởi động")  # first call pays one-off costs; not a user's latency
        results = {
            name: evaluate(cases, engine, verbose=args.verbose) for name, cases in sets.items()
        }
    except PlanBotError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        payload: Any = next(iter(results.values())) if len(results) == 1 else results
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for name, result in results.items():
        label = f"{name} (split {args.split})" if args.split else name
        print(format_report(label, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
