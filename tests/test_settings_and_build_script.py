"""Settings validation and the build script as staff run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import load_settings
from scripts import build_index as build_script


def test_settings_from_env_and_file(tmp_path: Path) -> None:
    cfg = tmp_path / "settings.yaml"
    cfg.write_text("admin_ids: [5, 6]\nrate_limit_count: 3\n", encoding="utf-8")
    s = load_settings({"PLANBOT_SETTINGS_FILE": str(cfg), "PLANBOT_RATE_LIMIT_COUNT": "4"})
    assert s.admin_ids == frozenset({5, 6}) and s.rate_limit_count == 4  # env wins over file
    assert load_settings({"ADMIN_IDS": "1, 2;3"}).admin_ids == frozenset({1, 2, 3})


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"ADMIN_IDS": "alice"}, "ADMIN_IDS"),
        ({"PLANBOT_RATE_LIMIT_COUNT": "0"}, "rate_limit_count"),
    ],
)
def test_bad_settings_name_the_problem(env: dict[str, str], needle: str) -> None:
    with pytest.raises(SettingsError, match=needle):
        load_settings(env)


def test_unknown_setting_in_file_is_refused(tmp_path: Path) -> None:
    cfg = tmp_path / "s.yaml"
    cfg.write_text("admin_id: 5\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"s\.yaml.*admin_id"):
        load_settings({"PLANBOT_SETTINGS_FILE": str(cfg)})


def test_build_script_reports_and_fails_on_bad_input(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = tmp_path / "index"
    args = ["--knowledge", str(knowledge_copy), "--index", str(index), "--quiet"]
    assert build_script.main(args) == 0
    out = capsys.readouterr().out
    assert "added:   binh-thuan, kon-tum" in out and "facts:   binh-thuan, kon-tum" in out
    assert build_script.main(args) == 0
    assert "embedded 0" in capsys.readouterr().out
    (knowledge_copy / "plans" / "broken.docx").write_bytes(b"not a docx")
    assert build_script.main(args) == 1
    captured = capsys.readouterr()
    assert "broken.docx" in captured.err and "kept:    binh-thuan, kon-tum" in captured.out
