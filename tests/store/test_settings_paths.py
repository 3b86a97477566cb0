from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from nightstretch.store.paths import AppPaths
from nightstretch.store.settings import Settings, SettingsFile


def test_defaults_when_no_file(tmp_path: Path) -> None:
    loaded = SettingsFile(tmp_path / "settings.json").load()
    assert loaded.settings == Settings()
    assert loaded.problems == [] and loaded.kept_copy is None


def test_round_trip_is_atomic_and_readable(tmp_path: Path) -> None:
    file = SettingsFile(tmp_path / "cfg" / "settings.json")
    file.save(Settings(voice=True, theme="night", font_scale=1.25))
    assert json.loads(file.path.read_text())["theme"] == "night"
    assert file.load().settings == Settings(voice=True, theme="night", font_scale=1.25)
    assert [p.name for p in file.path.parent.iterdir()] == ["settings.json"]


def test_bad_fields_fall_back_and_the_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "purple", "sound": False, "font_scale": 9, "x": 1}))
    loaded = SettingsFile(path).load(now=datetime(2026, 11, 21, 22, 0, 5))
    assert loaded.settings == Settings(sound=False)
    assert len(loaded.problems) == 3
    assert any('"theme" must be one of' in str(p) for p in loaded.problems)
    assert any('"font_scale" must be between 0.75 and 2' in str(p) for p in loaded.problems)
    assert loaded.kept_copy == tmp_path / "settings.bad-20261121-220005.json"
    assert loaded.kept_copy.read_text() == path.read_text()


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_corrupt_file_gives_defaults_and_a_copy(tmp_path: Path, text: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text)
    loaded = SettingsFile(path).load()
    assert loaded.settings == Settings()
    assert loaded.kept_copy is not None and loaded.kept_copy.read_text() == text
    assert len(loaded.problems) == 1


def test_wrong_types_are_rejected() -> None:
    settings, problems = Settings.from_mapping(
        {"sound": "yes", "voice_rate": True, "voice_engine": 3, "font_scale": 1}
    )
    assert settings == Settings(font_scale=1.0)
    assert isinstance(settings.font_scale, float)
    assert len(problems) == 3


def test_home_puts_everything_under_one_folder(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "h")
    for folder in (paths.config_dir, paths.data_dir, paths.log_dir, paths.runtime_dir):
        assert folder.is_relative_to(tmp_path / "h")
    paths.ensure()
    assert oct(paths.data_dir.stat().st_mode & 0o777) == "0o700"
    assert paths.logbook == tmp_path / "h" / "data" / "nightstretch.db"


def test_home_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIGHTSTRETCH_HOME", str(tmp_path))
    assert AppPaths.resolve().config_dir == tmp_path / "config"
    monkeypatch.delenv("NIGHTSTRETCH_HOME")
    default = AppPaths.resolve()
    assert "nightstretch" in str(default.config_dir)
    assert not str(default.config_dir).startswith(str(tmp_path))
    assert os.environ.get("NIGHTSTRETCH_HOME") is None
