"""The app's automatic backup: due once a day, failures told once and never blocking."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.services.auto_backup import AutoBackup
from nightstretch.store import auto_backup
from nightstretch.store.logbook import Logbook, LogbookError

CET = timezone(timedelta(hours=1))
EVENING = datetime(2026, 11, 30, 21, 40, tzinfo=CET)

pytestmark = pytest.mark.usefixtures("qapp")


def test_once_a_day_and_at_quit(logbook: Logbook, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    clock = FakeClock(EVENING)
    told: list[str] = []
    service = AutoBackup(logbook, folder, clock, told.append)
    service.start()
    assert [f.day.isoformat() for f in auto_backup.list_backups(folder)] == ["2026-11-30"]
    assert service.run_if_due() is None  # not due again today
    clock.advance(24 * 3600)  # the next day, in any zone the machine is in
    service.stop()  # at quit: tomorrow's copy was missing
    assert len(auto_backup.list_backups(folder)) == 2
    assert told == []


def test_a_failure_is_told_once_and_never_raises(
    logbook: Logbook,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def read_only(_target: Path, overwrite: bool = False) -> None:
        raise LogbookError("Could not write the copy: Read-only file system")

    monkeypatch.setattr(logbook, "backup_to", read_only)
    clock = FakeClock(EVENING)
    told: list[str] = []
    service = AutoBackup(logbook, tmp_path / "backups", clock, told.append)
    service.start()
    clock.advance(24 * 3600)
    assert service.run_if_due() is None
    assert len(told) == 1 and "Read-only file system" in told[0]
    assert "Older backups are kept" in told[0]
    assert caplog.text.count("automatic backup failed") == 2
    service.stop()


def test_no_logbook_no_backup(tmp_path: Path) -> None:
    service = AutoBackup(None, tmp_path / "backups", FakeClock(EVENING), print)
    assert service.run_if_due() is None
    assert not (tmp_path / "backups").exists()
