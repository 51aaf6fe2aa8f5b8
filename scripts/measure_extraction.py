#!/usr/bin/env python
"""How well the automatic draft (bot/fact_extraction.py) recovers the curated fact files.

For every plan with a curated knowledge/facts/<plan-id>.yaml: the share of curated numeric
targets the draft recovers (same value, year and category), drafted numeric targets that
match no curated one (wrong), agencies recovered (same name), and appendix rows recovered
(same code, lead and results).

    scripts/measure_extraction.py --fixtures tests/data/plans --split heldout

measures instead the build-time drafts (bot.drafts: cleaning, header metadata, quote
checks) of the fixture plans against their hand-written expected facts (gold.yaml):
targets recovered on (value, year) and on (value, year, category), wrong drafted
targets, phases, province, number, date and signer, agencies.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.fact_extraction import ExtractionScore, draft_facts, score_draft  # noqa: E402
from bot.facts import FactsError, PlanFacts, load_facts  # noqa: E402
from scripts.fixture_scoring import print_fixture_scores, score_fixtures  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def measure(knowledge: Path) -> list[ExtractionScore]:
    """One score per plan that has both a text and a curated fact file."""
    scores = []
    for facts_path in sorted((knowledge / "facts").glob("*.yaml")):
        plan_path = knowledge / "plans" / f"{facts_path.stem}.txt"
        if not plan_path.is_file():
            continue
        text = plan_path.read_text(encoding="utf-8")
        curated = load_facts(facts_path, text)
        draft = PlanFacts.model_validate(draft_facts(facts_path.stem, text))
        scores.append(score_draft(curated, draft))
    return scores


def _pct(num: int, den: int) -> str:
    return f"{num}/{den} = {num / den:.0%}" if den else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--fixtures", type=Path, help="folder of fixture plans with gold.yaml")
    parser.add_argument("--split", default="heldout", help="tune, heldout or all (--fixtures)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses (--fixtures)")
    args = parser.parse_args(argv)
    if args.fixtures:
        print_fixture_scores(score_fixtures(args.fixtures, args.split), verbose=args.verbose)
        return 0
    try:
        scores = measure(args.knowledge)
    except FactsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total = ExtractionScore("ALL")
    for s in scores:
        print(f"{s.plan_id}:")
        print(f"  numeric targets recovered : {_pct(s.recovered_targets, s.curated_targets)}")
        print(f"  drafted targets wrong     : {s.wrong_targets} of {s.drafted_targets}")
        print(f"  agencies recovered        : {_pct(s.recovered_agencies, s.curated_agencies)}")
        print(f"  appendix rows recovered   : {_pct(s.recovered_rows, s.curated_rows)}")
        for item in s.missed:
            print(f"    missed: {item}")
        for item in s.wrong:
            print(f"    wrong:  {item}")
        for name in (
            "curated_targets",
            "recovered_targets",
            "drafted_targets",
            "wrong_targets",
            "curated_agencies",
            "recovered_agencies",
            "curated_rows",
            "recovered_rows",
        ):
            setattr(total, name, getattr(total, name) + getattr(s, name))
    print("all plans:")
    print(f"  numeric targets recovered : {_pct(total.recovered_targets, total.curated_targets)}")
    print(
        f"  target precision          : {total.target_precision:.0%} "
        f"({total.wrong_targets} wrong of {total.drafted_targets})"
    )
    print(f"  agencies recovered        : {_pct(total.recovered_agencies, total.curated_agencies)}")
    print(f"  appendix rows recovered   : {_pct(total.recovered_rows, total.curated_rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
