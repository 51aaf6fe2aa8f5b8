"""The example deployment files: the systemd unit and the Dockerfile are well formed."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_systemd_unit_restarts_the_bot_on_failure() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    unit.read_string((ROOT / "deploy" / "planbot.service").read_text(encoding="utf-8"))
    assert set(unit.sections()) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    assert shlex.split(service["ExecStart"])[-2:] == ["-m", "bot"]
    # The bot exits non-zero when it can no longer poll: that is what triggers the restart.
    assert service["Restart"] in ("on-failure", "always")
    assert service["User"] != "root"
    assert service["UMask"] == "0022"  # index files readable by the service user


def test_dockerfile_parses_and_runs_the_bot_unprivileged() -> None:
    dockerfile = pytest.importorskip("dockerfile", reason="no Dockerfile parser installed")
    commands = dockerfile.parse_file(str(ROOT / "Dockerfile"))
    names = [c.cmd.upper() for c in commands]
    assert names[0] == "FROM"
    assert names.count("CMD") == 1 and "USER" in names
    user = next(c.value[0] for c in commands if c.cmd.upper() == "USER")
    assert user not in ("root", "0")
    cmd = next(c for c in commands if c.cmd.upper() == "CMD")
    assert list(cmd.value)[-2:] == ["-m", "bot"] and cmd.json
    for copy in (c for c in commands if c.cmd.upper() == "COPY"):
        for source in copy.value[:-1]:
            assert (ROOT / source).exists(), f"COPY source {source} is not in the repository"
