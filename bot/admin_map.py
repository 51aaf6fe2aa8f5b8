"""The 2025 administrative map (knowledge/lexicon/admin_map.yaml): loading and notes.

The data file lists the 34 provincial units in force from 1 July 2025 with the old
provinces each absorbed and the end of district-level People's Committees, each with its
legal basis; the 2025 department mergers are read from the agencies' vocabulary
(agencies.yaml, `merged_into`), their one copy. This module validates it (pydantic,
unknown keys are errors naming file, key and problem) and answers three questions the
answering layer asks:

- `plans_for_unit`: which plans a unit named by the user is covered by (its own plan, or
  the plans of provinces it absorbed: "Lâm Đồng" → the Bình Thuận plan);
- `merger_note`: the one line saying a plan's province is now part of another unit;
- `agency_note`: the one line saying an agency a plan names has since merged or ended.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from bot.datafile import DataFileError, read_model
from bot.textnorm import fold

__all__ = [
    "ADMIN_MAP_FILE",
    "AdminMap",
    "AdminMapError",
    "current_unit",
    "load_admin_map",
    "merger_note",
    "plans_for_unit",
]

LEXICON_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "lexicon"
ADMIN_MAP_FILE = LEXICON_DIR / "admin_map.yaml"
# The same setting bot.lexicon reads (not imported: bot.lexicon imports bot.provinces).
LEXICON_ENV = "PLANBOT_LEXICON_DIR"


def lexicon_file(name: str) -> Path:
    """A file of the lexicon folder: PLANBOT_LEXICON_DIR when set, else knowledge/lexicon/."""
    configured = os.environ.get(LEXICON_ENV)
    return (Path(configured) if configured else LEXICON_DIR) / name


UNIT_COUNT = 34


class AdminMapError(DataFileError):
    """The administrative map file is missing or invalid (message names file and key)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """A legal text the map rests on."""

    title: str
    adopted: dt.date | None = None
    applies_from: dt.date


class Former(_Model):
    """An old province absorbed by a unit."""

    name: str
    aliases: tuple[str, ...] = ()


class Unit(_Model):
    """One provincial unit in force from 1 July 2025."""

    name: str
    kind: Literal["tỉnh", "thành phố"]
    label: str | None = None
    aliases: tuple[str, ...] = ()
    basis: tuple[str, ...]
    absorbed: tuple[Former, ...] = ()

    @property
    def full_label(self) -> str:
        """'tỉnh Lâm Đồng', 'thành phố Đà Nẵng', 'Thành phố Hồ Chí Minh', 'thành phố Huế'."""
        return self.label or f"{self.kind} {self.name}"


class DistrictLevel(_Model):
    """The end of district-level People's Committees."""

    ended: dt.date
    basis: tuple[str, ...]
    phrases: tuple[str, ...]


class AdminMap(_Model):
    """The whole file, cross-checked: 34 units, known sources, no name twice."""

    sources: dict[str, Source]
    units: tuple[Unit, ...]
    district_level: DistrictLevel

    @model_validator(mode="after")
    def _consistent(self) -> AdminMap:
        if len(self.units) != UNIT_COUNT:
            raise ValueError(f"units: expected {UNIT_COUNT} units, found {len(self.units)}")
        seen: set[str] = set()
        cited = [(f"units[{u.name}].basis", u.basis) for u in self.units]
        cited.append(("district_level.basis", self.district_level.basis))
        for where, keys in cited:
            if not keys:
                raise ValueError(f"{where}: a legal basis is required")
            for key in keys:
                if key not in self.sources:
                    raise ValueError(f"{where}: unknown source {key!r}")
        for unit in self.units:
            for name in (unit.name, *(f.name for f in unit.absorbed)):
                key = fold(name)
                if key in seen:
                    raise ValueError(f"units: {name!r} is listed twice")
                seen.add(key)
        return self

    def unit_of(self, name: str) -> Unit | None:
        """The post-2025 unit a display name denotes, or that absorbed it."""
        key = fold(name)
        for unit in self.units:
            if fold(unit.name) == key or any(fold(f.name) == key for f in unit.absorbed):
                return unit
        return None

    def unit_named(self, name: str) -> Unit | None:
        """The post-2025 unit with exactly this (folded) name, else None."""
        key = fold(name)
        return next((u for u in self.units if fold(u.name) == key), None)

    def basis_text(self, keys: tuple[str, ...]) -> str:
        """Short citations of the given sources: 'Nghị quyết số 202/2025/QH15'."""
        return ", ".join(self.sources[k].title.split(" của ")[0].split(" (")[0] for k in keys)


def load_admin_map(path: Path | None = None) -> AdminMap:
    """Read and validate the map; errors name the file, the key and the problem."""
    return _load(str(path or lexicon_file("admin_map.yaml")))


@lru_cache(maxsize=8)
def _load(path_text: str) -> AdminMap:
    return read_model(Path(path_text), AdminMap, AdminMapError)


# --- what answering asks -----------------------------------------------------------------


def _date(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def current_unit(province: str, admin: AdminMap | None = None) -> Unit | None:
    """The unit a province belongs to from 1 July 2025 (itself when unchanged)."""
    return (admin or load_admin_map()).unit_of(province)


def plans_for_unit(
    unit: str, plans: Mapping[str, str], admin: AdminMap | None = None
) -> tuple[str, ...]:
    """Plan ids whose province is the unit or was absorbed by it (plan_id -> province)."""
    admin = admin or load_admin_map()
    target = admin.unit_named(unit) or admin.unit_of(unit)
    if target is None:
        return ()
    names = {fold(target.name), *(fold(f.name) for f in target.absorbed)}
    return tuple(pid for pid, prov in plans.items() if fold(prov) in names)


def merger_note(plan_province: str, admin: AdminMap | None = None) -> str | None:
    """'Kế hoạch của tỉnh Bình Thuận (cũ) — nay thuộc tỉnh Lâm Đồng từ 1/7/2025 (…).'

    None when the province was not merged into another unit.
    """
    admin = admin or load_admin_map()
    unit = admin.unit_of(plan_province)
    if unit is None or fold(unit.name) == fold(plan_province):
        return None
    former = next(f for f in unit.absorbed if fold(f.name) == fold(plan_province))
    source = admin.sources[unit.basis[0]]
    return (
        f"Kế hoạch của tỉnh {former.name} (cũ) — nay thuộc {unit.full_label} từ "
        f"{_date(source.applies_from)} ({admin.basis_text(unit.basis[:1])})."
    )
