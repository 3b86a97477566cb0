"""atomic_write: whole or untouched, private by default, no staging copy left behind."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from nightstretch.store.files import STAGING_SUFFIX, atomic_write


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_text_and_bytes_privately(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    atomic_write(target, "hello")
    assert target.read_text(encoding="utf-8") == "hello"
    assert _mode(target) == 0o600
    atomic_write(target, b"\x00\x01", mode=0o644)
    assert target.read_bytes() == b"\x00\x01"
    assert _mode(target) == 0o644
    assert list(tmp_path.iterdir()) == [target]


def test_a_writer_function_fills_the_staging_path(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    seen: list[Path] = []

    def fill(staging: Path) -> None:
        seen.append(staging)
        assert staging.parent == tmp_path and staging.name.endswith(STAGING_SUFFIX)
        staging.write_bytes(b"%PDF")

    atomic_write(target, fill)
    assert target.read_bytes() == b"%PDF"
    assert not seen[0].exists()


def test_a_failure_leaves_the_old_file_and_no_staging_copy(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old", encoding="utf-8")

    def broken(staging: Path) -> None:
        staging.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, broken)
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_missing_folder_is_an_os_error_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic_write(tmp_path / "nope" / "x", "data")
    assert list(tmp_path.iterdir()) == []
