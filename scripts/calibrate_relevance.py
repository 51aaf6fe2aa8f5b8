#!/usr/bin/env python
"""Fit the relevance (abstention) model on questions the plans do and do not answer.

Reads scripts/data/relevance_calibration.yaml (in/out questions written for this, not the
evaluation set), computes each question's retrieval evidence with the real engine, fits a
logistic regression and prints the coefficients to put in bot/retrieval.py, with the
cross-validated accuracy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.query import parse_question  # noqa: E402
from bot.query_terms import evidence_terms, retrieval_text  # noqa: E402
from bot.settings import load_settings  # noqa: E402


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    data = yaml.safe_load((ROOT / "scripts/data/relevance_calibration.yaml").read_text("utf-8"))
    engine = Engine.load(load_settings(), build_if_missing=True)
    view = engine._state.view
    plans = {pid: p.province for pid, p in view.plans.items()}
    xs, ys, texts = [], [], []
    for label, questions in ((1, data["in"]), (0, data["out"])):
        for q in questions:
            query = parse_question(q, plans)
            result = view.search.search(
                retrieval_text(query),
                plan_ids=list(query.plan_ids) or None,
                k=8,
                evidence_terms=evidence_terms(query),
            )
            xs.append(result.features)
            ys.append(label)
            texts.append(q)
    x, y = np.array(xs), np.array(ys)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    acc = cross_val_score(model, x, y, cv=5).mean()
    model.fit(x, y)
    print(f"questions: {len(y)} ({int(y.sum())} in, {int((1 - y).sum())} out)")
    print(f"5-fold accuracy: {acc:.3f}")
    print(f"RELEVANCE_BIAS = {model.intercept_[0]:.3f}")
    print(f"RELEVANCE_WEIGHTS = ({', '.join(f'{w:.3f}' for w in model.coef_[0])})")
    probs = model.predict_proba(x)[:, 1]
    for p, label, q, feats in sorted(zip(probs, y, texts, xs, strict=True)):
        wrong = (p >= 0.5) != bool(label)
        if wrong or abs(p - 0.5) < 0.2:
            mark = "WRONG" if wrong else "close"
            print(f"  {mark} p={p:.2f} label={label} f={np.round(feats, 2)} {q}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
