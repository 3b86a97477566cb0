"""Automatic backups on disk: 60 simulated days, a full disk, and the list."""

from __future__ import annotations

import errno
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.entries import CrampEntry
from nightstretch.store import auto_backup, logbook_files
from nightstretch.store.logbook import Logbook, LogbookError

CET = timezone(timedelta(hours=1))
START = date(2026, 10, 1)


def _cramp(book: Logbook, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 3, 0, tzinfo=CET)
    book.add_cramp(CrampEntry(happened=moment, leg="left", severity=4), moment)


def test_sixty_days_leave_seven_daily_and_four_weekly_the_newest_valid(
    logbook: Logbook, tmp_path: Path
) -> None:
    folder = tmp_path / "data" / "backups"
    for n in range(60):
        today = START + timedelta(days=n)
        _cramp(logbook, today)
        assert auto_backup.is_due(folder, today)
        auto_backup.make_daily_backup(logbook, folder, today)
        assert not auto_backup.is_due(folder, today)
    found = auto_backup.list_backups(folder)
    assert len(found) == 11
    newest = found[0]
    assert newest.day == START + timedelta(days=59)
    assert newest.counts is not None and newest.counts["cramps"] == 60
    assert [f.day for f in found[:7]] == [START + timedelta(days=59 - n) for n in range(7)]
    for item in found:
        assert stat.S_IMODE(item.path.stat().st_mode) == 0o600
        assert item.counts is not None
        assert item.counts["cramps"] == (item.day - START).days + 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.path.name for f in found)


def test_a_full_disk_leaves_the_older_copies_intact(
    logbook: Logbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    for n in range(10):
        _cramp(logbook, START + timedelta(days=n))
        auto_backup.make_daily_backup(logbook, folder, START + timedelta(days=n))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def full(_db: object, staging: Path) -> None:
        staging.write_bytes(b"half a copy")  # the disk fills up halfway through
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(logbook_files, "_write_copy", full)
    later = START + timedelta(days=40)  # would prune most of them, had it worked
    with pytest.raises(LogbookError, match="No space left on device"):
        auto_backup.make_daily_backup(logbook, folder, later)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert auto_backup.is_due(folder, later)


def test_an_unreadable_copy_is_listed_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "nightstretch-2026-11-30.db").write_bytes(b"not a database")
    (folder / "notes.txt").write_text("ignored")
    [item] = auto_backup.list_backups(folder)
    assert item.day == date(2026, 11, 30) and item.counts is None and item.entries is None
