"""Validated YAML data files: read, NFC, parse and validate with a pydantic model, and turn
every problem into one error naming the file, the location and the problem.

The one loader behind the vocabulary (bot.lexicon), the administrative map, the dialogue and
small-talk cues.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.errors import PlanBotError
from bot.textnorm import nfc

_M = TypeVar("_M", bound=BaseModel)


class DataFileError(PlanBotError):
    """A data file is missing, unreadable or invalid: names file, location and problem."""

    def __init__(self, file: str, location: str, problem: str) -> None:
        self.file = file
        self.location = location
        self.problem = problem
        where = f"{location}: " if location else ""
        super().__init__(f"{file}: {where}{problem}")


def format_location(loc: tuple[Any, ...]) -> str:
    """('agencies', 3, 'aliases', 2) -> 'agencies[3].aliases[2]'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def nfc_tree(value: Any) -> Any:
    """NFC every string (editors mix composed and decomposed Vietnamese)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {(nfc(k) if isinstance(k, str) else k): nfc_tree(v) for k, v in value.items()}
    return value


# libyaml's parser when PyYAML was built with it (several times faster: /reload parses every
# fact file while answers are being served), else the pure-Python one; both are "safe".
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key written twice in one mapping: YAML would keep the
    last silently, and a vocabulary entry or a fact would be lost without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if isinstance(key, str | int) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-untyped-call]


_SAFE_LOADER = _UniqueKeyLoader


def parse_mapping(
    file: str,
    source: str,
    error: Callable[[str, str, str], Exception],
    expected: str = "expected a mapping at the top of the file",
) -> dict[str, Any]:
    """YAML text that must be a mapping; a syntax error names its line and column."""
    try:
        data = yaml.load(source, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        kind = (
            "YAML error"
            if isinstance(exc, yaml.constructor.ConstructorError)
            else "YAML syntax error"
        )
        raise error(file, where, f"{kind}: {problem}") from exc
    if not isinstance(data, dict):
        raise error(file, "", expected)
    return data


def read_model(path: Path, model: type[_M], error: type[DataFileError] = DataFileError) -> _M:
    """Read and validate one YAML file; every problem raises `error` (one, listing all)."""
    file = str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(file, "", f"cannot read the file: {exc}") from exc
    data = parse_mapping(file, source, error)
    try:
        return model.model_validate(nfc_tree(data))
    except ValidationError as exc:
        found = [
            (
                format_location(
                    tuple(p for p in e["loc"] if not (isinstance(p, str) and "[" in p))
                ),
                e["msg"],
            )
            for e in exc.errors(include_url=False)
        ]
        (location, problem), rest = found[0], found[1:]
        if rest:
            # One run shows the curator every problem of the file.
            problem += " (also " + "; ".join(f"{loc}: {msg}" for loc, msg in rest) + ")"
        raise error(file, location, problem) from exc
