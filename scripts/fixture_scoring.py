"""Scoring build-time drafts of fixture plans against hand-written expected facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.documents import load_plan
from bot.drafts import draft_for
from bot.textnorm import fold


@dataclass
class FixtureScore:
    """One plan's draft against its gold entry."""

    plan_id: str
    targets: int = 0
    found_vy: int = 0  # (value, year) found
    found_vyc: int = 0  # (value, year, category) found
    drafted: int = 0
    wrong: int = 0  # drafted (value, year) pairs the gold does not have
    meta_fields: int = 0
    meta_right: int = 0
    agencies: int = 0
    agencies_found: int = 0
    notes: list[str] = field(default_factory=list)


def _gold(folder: Path) -> dict[str, dict[str, Any]]:
    return yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))


def _plan_path(folder: Path, plan_id: str, split: str) -> Path:
    return next((folder / split).glob(f"{plan_id}.*[!l]"))  # not the .meta.yaml


def score_plan(path: Path, gold: dict[str, Any]) -> FixtureScore:
    """Draft the plan as the build would, compare with gold."""
    doc = load_plan(path)
    draft, _warnings = draft_for(doc)
    s = FixtureScore(path.stem)
    draft = draft or {"plan": {}, "targets": [], "responsibilities": []}
    want = {(float(v), y) for v, y, _c in gold["targets"]}
    want_c = {(float(v), y, c) for v, y, c in gold["targets"]}
    got = {(float(t["value"]), t["year"]) for t in draft["targets"] if t["value"] is not None}
    got_c = {
        (float(t["value"]), t["year"], t["category"])
        for t in draft["targets"]
        if t["value"] is not None
    }
    s.targets, s.drafted = len(want), len(got)
    s.found_vy, s.found_vyc = len(want & got), len(want_c & got_c)
    s.wrong = len(got - want)
    s.notes += [f"missed target {k}" for k in sorted(want - got, key=str)]
    s.notes += [f"wrong target {k}" for k in sorted(got - want, key=str)]
    s.notes += [f"category {k}" for k in sorted(want_c - got_c, key=str) if k[:2] in got]
    plan = draft["plan"]
    checks = {
        "province": (doc.province, gold["province"]),
        "document_number": (plan.get("document_number"), gold["document_number"]),
        "date": (plan.get("date"), gold["date"]),
        "signer": (plan.get("signer"), gold["signer"]),
        "phases": (
            sorted([p["start"], p["end"]] for p in plan.get("phases", [])),
            sorted(gold["phases"]),
        ),
    }
    for name, (have, expect) in checks.items():
        s.meta_fields += 1
        if have == expect:
            s.meta_right += 1
        else:
            s.notes.append(f"{name}: got {have!r}, expected {expect!r}")
    want_a = {fold(a) for a in gold.get("agencies", [])}
    got_a = {fold(r["agency"]) for r in draft.get("responsibilities", [])}
    s.agencies, s.agencies_found = len(want_a), len(want_a & got_a)
    s.notes += [f"missed agency {a}" for a in sorted(want_a - got_a)]
    return s


def score_fixtures(folder: Path, split: str = "heldout") -> list[FixtureScore]:
    """Scores of every fixture plan of the split ("tune", "heldout" or "all")."""
    out = []
    for plan_id, gold in _gold(folder).items():
        if split in ("all", gold["split"]):
            out.append(score_plan(_plan_path(folder, plan_id, gold["split"]), gold))
    return out


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.0%}" if b else "n/a"


def print_fixture_scores(scores: list[FixtureScore], verbose: bool = False) -> None:
    """Per plan and overall figures."""
    total = FixtureScore("ALL")
    for s in scores:
        print(
            f"{s.plan_id}: targets {_pct(s.found_vy, s.targets)} (with category "
            f"{s.found_vyc}), wrong {s.wrong} of {s.drafted}; meta {s.meta_right}/"
            f"{s.meta_fields}; agencies {_pct(s.agencies_found, s.agencies)}"
        )
        if verbose:
            for note in s.notes:
                print(f"    {note}")
        for name in (
            "targets",
            "found_vy",
            "found_vyc",
            "drafted",
            "wrong",
            "meta_fields",
            "meta_right",
            "agencies",
            "agencies_found",
        ):
            setattr(total, name, getattr(total, name) + getattr(s, name))
    print("all:")
    print(f"  targets recovered (value, year)           : {_pct(total.found_vy, total.targets)}")
    print(f"  targets recovered (value, year, category) : {_pct(total.found_vyc, total.targets)}")
    print(f"  drafted targets not in the plan's gold    : {total.wrong} of {total.drafted}")
    meta = _pct(total.meta_right, total.meta_fields)
    print(f"  province/number/date/signer/phases right  : {meta}")
    agencies = _pct(total.agencies_found, total.agencies)
    print(f"  agencies recovered                        : {agencies}")
