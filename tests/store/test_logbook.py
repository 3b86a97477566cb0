from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.store.logbook import SCHEMA_VERSION, Logbook, LogbookError, LogbookTooNew

TZ = timezone(timedelta(hours=-5))


@pytest.fixture
def logbook(tmp_path: Path):
    book = Logbook(tmp_path / "data" / "nightstretch.db")
    yield book
    book.close()


def test_new_logbook_is_private_wal_and_versioned(logbook: Logbook) -> None:
    assert logbook.version == SCHEMA_VERSION
    assert stat.S_IMODE(logbook.path.stat().st_mode) == 0o600
    db = sqlite3.connect(logbook.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_existing_file_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Logbook(path).close()
    path.chmod(0o644)
    Logbook(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_session_lifecycle(logbook: Logbook) -> None:
    started = datetime(2026, 11, 22, 1, 30, tzinfo=TZ)  # 06:30 UTC, local night of the 21st
    session = logbook.start_session("pre-bed-calf", started, 7)
    (row,) = logbook.sessions()
    assert row.status == "partial" and row.ended_utc is None and row.steps_done == 0
    assert row.started_utc == "2026-11-22T06:30:00Z"
    assert row.utc_offset_min == -300
    assert row.night_date == "2026-11-21"
    logbook.record_progress(session, 3)
    assert logbook.sessions()[0].steps_done == 3
    logbook.end_session(session, started + timedelta(minutes=9), 7, "completed")
    logbook.set_feeling(session, "loose")
    (row,) = logbook.sessions()
    assert (row.status, row.steps_done, row.feeling, row.ended_utc) == (
        "completed",
        7,
        "loose",
        "2026-11-22T06:39:00Z",
    )


def test_reopening_keeps_rows_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    book = Logbook(path)
    book.start_session("quick-calf", datetime(2026, 1, 1, 22, tzinfo=UTC), 3)
    book.close()
    again = Logbook(path)
    assert len(again.sessions()) == 1
    assert again.version == SCHEMA_VERSION
    again.close()


def test_newer_logbook_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(LogbookTooNew, match="newer Nightstretch"):
        Logbook(path)
    assert path.read_bytes() == before


def test_not_a_database_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LogbookError, match="cannot be opened"):
        Logbook(path)


def test_failed_transaction_rolls_back(logbook: Logbook) -> None:
    with pytest.raises(sqlite3.IntegrityError), logbook.transaction() as db:
        db.execute(
            "INSERT INTO sessions (routine_id, started_utc, utc_offset_min, night_date,"
            " steps_total) VALUES ('a', 'x', 0, 'n', 3)"
        )
        db.execute("UPDATE sessions SET steps_done = -1")
    assert logbook.sessions() == []
