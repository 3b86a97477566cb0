"""Holes 2, 6 and 10 of issue 17: private modes whatever the umask, a runtime folder that
cannot be squatted, leftovers cleaned, output paths kept off the app's own files, and a bad
settings file reported even when it cannot be copied."""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from nightstretch.store.export import export_csv, export_json
from nightstretch.store.leftovers import clean_leftovers
from nightstretch.store.logbook import Logbook
from nightstretch.store.logs import setup_logging
from nightstretch.store.own_files import refuse_own_files
from nightstretch.store.paths import AppPaths
from nightstretch.store.private import PRIVATE_UMASK, set_private_umask
from nightstretch.store.settings import Settings, SettingsFile

NOW = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def no_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_every_file_and_folder_the_store_creates_is_private_under_umask_0(
    tmp_path: Path, no_umask: None
) -> None:
    home = tmp_path / "fresh" / "home"
    paths = AppPaths.resolve(home)
    paths.ensure()
    log_file = setup_logging(paths.log_dir)
    logging.getLogger("nightstretch.test").warning("a line")
    SettingsFile(paths.settings_file).save(Settings())
    paths.settings_file.write_text('{"theme": "purple"}')
    os.chmod(paths.settings_file, 0o600)
    assert SettingsFile(paths.settings_file).load(NOW).kept_copy is not None
    book = Logbook(paths.logbook, NOW)
    book.add_water(250, NOW)
    backup = paths.data_dir / "backup.db"
    book.backup_to(backup)
    export_json(book, paths.data_dir / "export.json", NOW)
    export_csv(book, paths.data_dir / "csv")
    book.restore(backup, NOW)
    book.close()
    runtime = paths.runtime()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_nightstretch", False)]:
        root.removeHandler(handler)
        handler.close()
    assert log_file.exists() and runtime == paths.runtime_dir
    created = [home.parent, home, *home.rglob("*")]
    wrong = {
        str(p.relative_to(tmp_path)): oct(_mode(p))
        for p in created
        if _mode(p) != (0o700 if p.is_dir() else 0o600)
    }
    assert wrong == {}


def test_the_umask_helper_and_folders_are_tightened(tmp_path: Path) -> None:
    old = set_private_umask()
    try:
        assert os.umask(PRIVATE_UMASK) == PRIVATE_UMASK
    finally:
        os.umask(old)
    paths = AppPaths.resolve(tmp_path / "h")
    paths.data_dir.mkdir(parents=True)
    os.chmod(paths.data_dir, 0o755)
    paths.ensure()
    assert _mode(paths.data_dir) == 0o700
    assert not paths.runtime_dir.exists()  # file commands never make it


def test_a_squatted_runtime_folder_falls_back_and_never_raises(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "h")
    paths.runtime_dir.parent.mkdir(parents=True)
    paths.runtime_dir.write_text("not a folder")
    assert paths.runtime() == paths.data_dir / "run"
    assert _mode(paths.data_dir / "run") == 0o700
    linked = AppPaths.resolve(tmp_path / "l")
    linked.runtime_dir.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    linked.runtime_dir.symlink_to(elsewhere)
    assert linked.runtime() == linked.data_dir / "run"


def test_a_runtime_folder_of_someone_else_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = AppPaths.resolve(tmp_path / "h")
    paths.runtime_dir.mkdir(parents=True, mode=0o777)
    real_uid = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real_uid + 1)  # as if another user made it
    chosen = paths.runtime()
    assert chosen != paths.runtime_dir
    assert _mode(paths.runtime_dir) == 0o777 & ~_umask()  # not ours: left alone


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_leftovers_older_than_a_few_minutes_are_removed(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "h")
    paths.ensure()
    stale_dir = paths.data_dir / ".restore-abc123"
    stale_dir.mkdir()
    (stale_dir / "incoming.db").write_bytes(b"health data")
    salvage = paths.data_dir / ".salvage-x1"
    salvage.mkdir()
    stale_part = paths.data_dir / ".export.json.k2j3.part"
    stale_part.write_text("{}")
    settings_part = paths.config_dir / ".settings.json.zz.part"
    settings_part.write_text("{}")
    fresh_part = paths.data_dir / ".backup.db.q1.part"
    fresh_part.write_text("a second app is writing this")
    keep = [paths.data_dir / "notes.part", paths.data_dir / "restore-not-hidden"]
    keep[0].write_text("hers")
    keep[1].mkdir()
    old = time.time() - 3600
    for path in (stale_dir, salvage, stale_part, settings_part, *keep):
        os.utime(path, (old, old))
    removed = clean_leftovers(paths)
    assert sorted(removed) == sorted([stale_dir, salvage, stale_part, settings_part])
    assert fresh_part.exists() and all(p.exists() for p in keep)
    assert clean_leftovers(AppPaths.resolve(tmp_path / "missing")) == []


# -- output paths (hole 2) -----------------------------------------------------------


def test_output_paths_never_hit_the_apps_own_files(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "h")
    paths.ensure()
    Logbook(paths.logbook).close()
    SettingsFile(paths.settings_file).save(Settings())
    (paths.data_dir / "nightstretch.corrupt-1.db").write_bytes(b"kept")
    (paths.log_dir / "nightstretch.log").write_text("log")
    paths.user_routines_dir.mkdir()
    link = tmp_path / "innocent.pdf"
    link.symlink_to(paths.logbook)
    refused = [
        paths.logbook,
        Path(f"{paths.logbook}-wal"),
        Path(f"{paths.logbook}-shm"),
        Path(f"{paths.logbook}-journal"),
        paths.settings_file,
        paths.data_dir / "nightstretch.corrupt-1.db",
        paths.log_dir / "nightstretch.log",
        paths.user_routines_dir / "new.toml",
        paths.data_dir,
        paths.config_dir,
        paths.data_dir / ".." / "data" / "nightstretch.db",
        paths.config_dir / ".." / "config" / "settings.json",
        link,
    ]
    for target in refused:
        reason = refuse_own_files(paths, target)
        assert reason is not None and reason.startswith(f"{target} is one of Nightstretch"), target
        assert "\n" not in reason
    allowed = [
        paths.data_dir / "backup-2026-11-21.db",
        tmp_path / "report.pdf",
        tmp_path / "elsewhere" / "export.json",
    ]
    assert [refuse_own_files(paths, t) for t in allowed] == [None, None, None]


# -- settings (hole 6) ----------------------------------------------------------------


def test_a_bad_settings_file_is_reported_when_no_copy_can_be_made(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "purple"}')

    def full_disk(target: Path, content: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    loaded = SettingsFile(path, write_copy=full_disk).load(NOW)
    assert loaded.settings == Settings() and loaded.kept_copy is None
    notices = loaded.notices()
    assert any('"theme" must be one of' in line for line in notices)
    assert notices[-1] == (
        "your settings file could not be copied aside (No space left on device); "
        "it is left as it is."
    )
    path.write_text("{not json")
    broken = SettingsFile(path, write_copy=full_disk).load(NOW)
    assert "the old file is left as it is" in broken.notices()[0]
    assert path.read_text() == "{not json"


def test_the_same_bad_content_is_copied_once_and_privately(tmp_path: Path, no_umask: None) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "purple"}))
    first = SettingsFile(path).load(datetime(2026, 11, 21, 22, 0, 5)).kept_copy
    again = SettingsFile(path).load(datetime(2026, 11, 22, 7, 0, 0)).kept_copy
    assert first is not None and again == first
    assert _mode(first) == 0o600
    path.write_text(json.dumps({"theme": "pink"}))
    other = SettingsFile(path).load(datetime(2026, 11, 22, 8, 0, 0)).kept_copy
    assert other is not None and other != first
    assert len(list(tmp_path.glob("settings.bad-*.json"))) == 2
