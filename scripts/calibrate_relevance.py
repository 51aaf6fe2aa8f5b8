#!/usr/bin/env python
"""Fit the relevance (abstention) model and write its parameters to
knowledge/models/relevance.yaml.

Questions: scripts/data/relevance_calibration.yaml (in/out lists written for this) plus,
optionally, the TUNE half of question sets in the evaluation format (`plan: none` is out
of scope). The test half is never read. Each question's retrieval evidence is computed
the way answering computes it; a logistic regression is fitted and its 5-fold accuracy
reported. Needs scikit-learn (a development tool, not a dependency of the bot).

    python scripts/calibrate_relevance.py [--sets eval/questions.yaml] [--dry-run]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answering.compose import TOP_K  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.query import parse_question  # noqa: E402
from bot.query_terms import evidence_terms, retrieval_text  # noqa: E402
from bot.relevance_model import FEATURES, MODEL_FILE  # noqa: E402
from bot.settings import load_settings  # noqa: E402

CALIBRATION = ROOT / "scripts/data/relevance_calibration.yaml"


def questions(sets: list[Path]) -> list[tuple[str, int]]:
    """(question, 1 in scope / 0 out) from the calibration file and the sets' tune halves."""
    data = yaml.safe_load(CALIBRATION.read_text("utf-8"))
    out = [(q, 1) for q in data["in"]] + [(q, 0) for q in data["out"]]
    for path in sets:
        for case in yaml.safe_load(path.read_text("utf-8")):
            if case.get("split", "tune") == "tune":
                out.append((case["q"], 0 if case["plan"] == "none" else 1))
    return out


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="*", type=Path, default=[])
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the model")
    args = ap.parse_args()
    engine = Engine.load(load_settings(), build_if_missing=True)
    view = engine._state.view
    plans = {pid: p.province for pid, p in view.plans.items()}
    xs, ys, texts = [], [], []
    for q, label in questions(args.sets):
        query = parse_question(q, plans)
        plan_ids = list(query.plan_ids or view.plans)
        result = view.search.search(
            retrieval_text(query),
            plan_ids=plan_ids,
            k=TOP_K * min(len(plan_ids), 4),
            evidence_terms=evidence_terms(query),
        )
        xs.append(result.features)
        ys.append(label)
        texts.append(q)
    x, y = np.array(xs), np.array(ys)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    acc = float(cross_val_score(model, x, y, cv=5).mean())
    model.fit(x, y)
    n_in, n_out = int(y.sum()), int((1 - y).sum())
    print(f"questions: {len(y)} ({n_in} in, {n_out} out); 5-fold accuracy: {acc:.3f}")
    probs = model.predict_proba(x)[:, 1]
    for p, label, q in sorted(zip(probs, y, texts, strict=True)):
        if (p >= 0.5) != bool(label):
            print(f"  wrong p={p:.2f} label={label} {q}")
    sources = ", ".join([str(CALIBRATION.relative_to(ROOT))] + [f"{s} (tune)" for s in args.sets])
    text = "# Written by scripts/calibrate_relevance.py — do not edit by hand.\n" + yaml.safe_dump(
        {
            "features": list(FEATURES),
            "bias": round(float(model.intercept_[0]), 4),
            "weights": [round(float(w), 4) for w in model.coef_[0]],
            "fitted_on": sources,
            "questions_in": n_in,
            "questions_out": n_out,
            "cv_accuracy": round(acc, 3),
        },
        allow_unicode=True,
        sort_keys=False,
    )
    if args.dry_run:
        print(text)
    else:
        tmp = MODEL_FILE.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(MODEL_FILE)
        print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
