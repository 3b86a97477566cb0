from __future__ import annotations

import errno
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from nightstretch.core.entries import CrampEntry, EntryError
from nightstretch.store import logbook_files
from nightstretch.store import schema as schema_module
from nightstretch.store.logbook import Logbook, LogbookError, LogbookTooNew
from nightstretch.store.rows import local_time, parse_utc
from nightstretch.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, TABLES

TZ = timezone(timedelta(hours=-5))
CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 22, 8, 15, 30, tzinfo=CET)


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


def test_failed_transaction_rolls_back(logbook: Logbook) -> None:
    with pytest.raises(sqlite3.IntegrityError), logbook.transaction() as db:
        db.execute(
            "INSERT INTO sessions (routine_id, started_utc, utc_offset_min, night_date,"
            " steps_total) VALUES ('a', 'x', 0, 'n', 3)"
        )
        db.execute("UPDATE sessions SET steps_done = -1")
    assert logbook.sessions() == []


# -- helpers ----------------------------------------------------------------------------


def make_v1_file(path: Path) -> None:
    """A logbook exactly as version 1 shipped it, with one session."""
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO sessions (routine_id, started_utc, utc_offset_min, night_date, steps_total,"
        " steps_done, status) VALUES ('pre-bed-calf', '2026-11-20T21:30:00Z', 60,"
        " '2026-11-20', 7, 7, 'completed')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def damage_last_page(path: Path) -> None:
    """Scribble over the last page's cells: SQLite reads the header but the checks fail."""
    data = bytearray(path.read_bytes())
    assert len(data) >= 3 * 4096
    for i in range(len(data) - 4096 + 8, len(data) - 100):
        data[i] = 0x33
    path.write_bytes(bytes(data))


def tables_of(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        db.close()


def cramp(hour: int = 3, **kwargs: Any) -> CrampEntry:
    fields = {"leg": "left", "severity": 5, **kwargs}
    return CrampEntry(happened=datetime(2026, 11, 22, hour, 0, tzinfo=CET), **fields)


# -- migrations --------------------------------------------------------------------------


def test_empty_file_migrates_to_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.touch()
    book = Logbook(path)
    assert book.version == SCHEMA_VERSION == 4
    assert set(TABLES) <= tables_of(path)
    assert book.counts() == dict.fromkeys(TABLES, 0)
    assert book._db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    book.close()


def test_version_1_file_is_migrated_and_keeps_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    make_v1_file(path)
    assert tables_of(path) == {"sessions"}
    book = Logbook(path)
    assert book.version == SCHEMA_VERSION
    assert book.moved_aside is None
    (row,) = book.sessions()
    assert (row.routine_id, row.status, row.steps_done, row.source) == (
        "pre-bed-calf",
        "completed",
        7,
        "player",
    )
    book.add_water(300, NOW)  # the new tables work at once
    assert len(book.water()) == 1
    book.close()
    assert not any(".corrupt-" in p.name for p in tmp_path.iterdir())


def test_a_failing_migration_leaves_version_1_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nightstretch.db"
    make_v1_file(path)
    broken = (MIGRATIONS[0], "CREATE TABLE water (id INTEGER PRIMARY KEY); CREATE TABLE oops (")
    monkeypatch.setattr(schema_module, "MIGRATIONS", broken)
    with pytest.raises(LogbookError, match="cannot be opened"):
        Logbook(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    db.close()
    assert tables_of(path) == {"sessions"}


def test_migration_is_not_repeated_when_another_process_did_it(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    first = Logbook(path)
    second = Logbook(path)
    second.add_water(100, NOW)
    assert len(first.water()) == 1
    first.close()
    second.close()


# -- water, cramps, check-ins, reminders, marks ---------------------------------------------


def test_water_add_update_delete(logbook: Logbook) -> None:
    first = logbook.add_water(250, datetime(2026, 11, 21, 22, 30, tzinfo=CET), source="tray")
    second = logbook.add_water(500, datetime(2026, 11, 22, 1, 0, tzinfo=CET))
    a, b = logbook.water()
    assert (a.id, a.at_utc, a.utc_offset_min, a.night_date, a.ml, a.source) == (
        first,
        "2026-11-21T21:30:00Z",
        60,
        "2026-11-21",
        250,
        "tray",
    )
    assert (b.id, b.night_date, b.source) == (second, "2026-11-21", "app")
    assert logbook.water_total("2026-11-21") == 750
    assert logbook.update_water(second, 400, datetime(2026, 11, 22, 14, 0, tzinfo=CET))
    assert logbook.water_total("2026-11-21") == 250
    assert logbook.water_total("2026-11-22") == 400
    assert [w.id for w in logbook.water("2026-11-22")] == [second]
    assert [w.id for w in logbook.water(last_night="2026-11-21")] == [first]
    assert logbook.delete_water(first)
    assert not logbook.delete_water(first)
    assert not logbook.update_water(999, 100, NOW)
    with pytest.raises(EntryError, match="water must be between 1 and 2000 ml"):
        logbook.add_water(2500, NOW)
    assert [w.id for w in logbook.water()] == [second]


def test_cramps_add_update_delete(logbook: Logbook) -> None:
    cramp_id = logbook.add_cramp(cramp(swelling=True, duration_min=4, helped="walking"), NOW)
    (row,) = logbook.cramps()
    assert (row.id, row.happened_utc, row.logged_utc, row.night_date) == (
        cramp_id,
        "2026-11-22T02:00:00Z",
        "2026-11-22T07:15:30Z",
        "2026-11-21",
    )
    assert (row.leg, row.muscle, row.severity, row.duration_min, row.helped) == (
        "left",
        "calf",
        5,
        4,
        "walking",
    )
    assert row.swelling is True and row.redness is False and row.warning_signs
    changed = cramp(hour=23, leg="both", muscle="foot", severity=8)
    assert logbook.update_cramp(cramp_id, changed)
    (row,) = logbook.cramps()
    assert (row.leg, row.muscle, row.severity, row.night_date, row.warning_signs) == (
        "both",
        "foot",
        8,
        "2026-11-22",
        False,
    )
    assert row.logged_utc == "2026-11-22T07:15:30Z"  # when it was typed in does not move
    assert logbook.delete_cramp(cramp_id)
    assert logbook.cramps() == []


def test_checkin_is_one_answer_per_night(logbook: Logbook) -> None:
    assert logbook.set_checkin("2026-11-21", 0, NOW) is False
    assert logbook.set_checkin("2026-11-21", 2, NOW + timedelta(minutes=5)) is True
    (row,) = logbook.checkins()
    assert (row.night_date, row.cramp_count, row.answered_utc, row.utc_offset_min) == (
        "2026-11-21",
        2,
        "2026-11-22T07:20:30Z",
        60,
    )
    with pytest.raises(EntryError):
        logbook.set_checkin("2026-11-20", -1, NOW)
    with pytest.raises(EntryError):
        logbook.set_checkin("last night", 0, NOW)
    assert logbook.delete_checkin("2026-11-21")
    assert logbook.checkins() == []


def test_reminder_events_log(logbook: Logbook) -> None:
    shown = logbook.add_reminder_event(NOW, "hydration", "shown")
    logbook.add_reminder_event(NOW + timedelta(hours=1), "evening", "snoozed", "10 min")
    assert logbook.update_reminder_event(shown, "done")
    rows = logbook.reminder_events()
    assert [(r.kind, r.event, r.detail) for r in rows] == [
        ("hydration", "done", None),
        ("evening", "snoozed", "10 min"),
    ]
    assert [r.id for r in logbook.reminder_events(since=NOW + timedelta(minutes=1))] == [rows[1].id]
    assert [r.id for r in logbook.reminder_events(until=NOW + timedelta(minutes=1))] == [shown]
    with pytest.raises(sqlite3.IntegrityError):
        logbook.add_reminder_event(NOW, "evening", "exploded")  # type: ignore[arg-type]
    assert logbook.delete_reminder_event(shown)
    assert len(logbook.reminder_events()) == 1


def test_day_marks(logbook: Logbook) -> None:
    logbook.set_day_mark("2026-11-20", "sick")
    logbook.set_day_mark("2026-11-20", "paused")
    logbook.set_day_mark("2026-11-21", "sick")
    assert [(m.night_date, m.mark) for m in logbook.day_marks()] == [
        ("2026-11-20", "paused"),
        ("2026-11-21", "sick"),
    ]
    assert logbook.clear_day_mark("2026-11-20")
    assert [m.night_date for m in logbook.day_marks("2026-11-21", "2026-11-21")] == ["2026-11-21"]


def test_manual_session_counts_as_completed(logbook: Logbook) -> None:
    session = logbook.add_manual_session("pre-bed-calf", datetime(2026, 11, 21, 22, 5, tzinfo=CET))
    (row,) = logbook.sessions()
    assert (row.id, row.source, row.status, row.night_date) == (
        session,
        "manual",
        "completed",
        "2026-11-21",
    )
    assert row.started_utc == row.ended_utc == "2026-11-21T21:05:00Z"
    assert logbook.delete_session(session)


def test_database_checks_back_up_the_python_checks(logbook: Logbook) -> None:
    bad = [
        "INSERT INTO water (at_utc, utc_offset_min, night_date, ml) VALUES ('t', 0, 'n', 0)",
        "INSERT INTO cramps (happened_utc, logged_utc, utc_offset_min, night_date, leg,"
        " severity) VALUES ('t', 't', 0, 'n', 'left', 11)",
        "INSERT INTO cramps (happened_utc, logged_utc, utc_offset_min, night_date, leg,"
        " severity, duration_min) VALUES ('t', 't', 0, 'n', 'left', 3, 241)",
        "INSERT INTO cramps (happened_utc, logged_utc, utc_offset_min, night_date, leg,"
        " severity, swelling) VALUES ('t', 't', 0, 'n', 'left', 3, 2)",
        "INSERT INTO checkins (night_date, answered_utc, utc_offset_min, cramp_count)"
        " VALUES ('n', 't', 0, -1)",
        "INSERT INTO day_marks (night_date, mark) VALUES ('n', 'holiday')",
    ]
    for statement in bad:
        with pytest.raises(sqlite3.IntegrityError), logbook.transaction() as db:
            db.execute(statement)
    assert set(logbook.counts().values()) == {0}


# -- faults ------------------------------------------------------------------------------


def test_not_a_database_is_moved_aside_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    junk = b"this is not sqlite at all" * 100
    path.write_bytes(junk)
    Path(f"{path}-wal").write_bytes(b"old wal")
    Path(f"{path}-shm").write_bytes(b"old shm")
    book, moved = Logbook.open(path, NOW)
    assert moved == tmp_path / "nightstretch.corrupt-20261122-081530.db"
    assert moved.read_bytes() == junk
    assert Path(f"{moved}-wal").read_bytes() == b"old wal"
    assert Path(f"{moved}-shm").exists()  # an index SQLite rebuilds; kept alongside anyway
    assert not Path(f"{path}-wal").read_bytes().startswith(b"old")
    assert book.version == SCHEMA_VERSION and book.sessions() == []
    book.add_water(250, NOW)
    book.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_damaged_pages_are_found_at_open(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    book = Logbook(path)
    for n in range(300):
        book.start_session(f"routine-{n:03d}-" + "x" * 60, NOW, 3)
    book.close()
    damage_last_page(path)
    damaged = path.read_bytes()
    again = Logbook(path, NOW)
    assert again.moved_aside is not None
    assert again.moved_aside.read_bytes() == damaged
    # Issue 17 (hole 5): the readable rows come back instead of an empty history.
    assert again.salvage is not None and again.salvage.kept == again.moved_aside
    assert 0 < len(again.sessions()) == again.salvage.recovered < 300
    again.close()


def test_a_second_corrupt_file_in_the_same_second_gets_its_own_name(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    names = []
    for _ in range(2):
        path.write_bytes(b"garbage" * 200)
        book = Logbook(path, NOW)
        assert book.moved_aside is not None
        names.append(book.moved_aside.name)
        book.close()
    assert names == [
        "nightstretch.corrupt-20261122-081530.db",
        "nightstretch.corrupt-20261122-081530-2.db",
    ]


def _read_only(book: Logbook) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{book.path}?mode=ro", uri=True, isolation_level=None)


def test_read_only_folder_is_a_readable_error_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "nightstretch.db"
    book = Logbook(path)
    book.add_water(250, NOW)
    book.close()
    # Tests run as root, where chmod does not stop writes: open the file read-only instead.
    monkeypatch.setattr(Logbook, "_connect", _read_only)
    stuck = Logbook(path)
    assert len(stuck.water()) == 1  # reading still works
    with pytest.raises(LogbookError) as info:
        stuck.add_water(500, NOW)
    assert str(info.value).startswith(
        f"Could not save: the data folder {path.parent} is read-only."
    )
    with pytest.raises(LogbookError, match="read-only"):
        stuck.add_cramp(cramp(), NOW)
    stuck.close()
    monkeypatch.undo()
    fine = Logbook(path)
    assert [w.ml for w in fine.water()] == [250]
    fine.close()


def test_read_only_folder_at_creation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(LogbookError, match=r"^Could not save: the data folder .* is read-only"):
        Logbook(tmp_path / "nightstretch.db")


def test_full_disk_is_a_readable_error_and_loses_nothing(logbook: Logbook) -> None:
    logbook.add_water(250, NOW)
    pages = logbook._db.execute("PRAGMA page_count").fetchone()[0]
    logbook._db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: disk full
    with pytest.raises(LogbookError) as info:
        for _ in range(500):
            logbook.add_cramp(cramp(helped="x" * 200), NOW)
    assert str(info.value).startswith("Could not save: the disk is full")
    assert "\n" not in str(info.value)
    assert not logbook._db.in_transaction
    saved = len(logbook.cramps())
    logbook._db.execute("PRAGMA max_page_count = 1073741823")
    logbook.add_water(100, NOW)  # room again: the logbook carries on
    assert [w.ml for w in logbook.water()] == [250, 100]
    assert len(logbook.cramps()) == saved


# -- backup and restore --------------------------------------------------------------------


def test_backup_is_a_standalone_private_copy(logbook: Logbook, tmp_path: Path) -> None:
    logbook.add_water(250, NOW)
    target = tmp_path / "backup.db"
    logbook.backup_to(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not Path(f"{target}-wal").exists()
    db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("SELECT ml FROM water").fetchall() == [(250,)]
    db.close()
    with pytest.raises(LogbookError, match="already exists"):
        logbook.backup_to(target)
    logbook.add_water(100, NOW)
    logbook.backup_to(target, overwrite=True)
    assert [p.name for p in tmp_path.iterdir() if ".part" in p.name] == []
    with pytest.raises(LogbookError, match="does not exist"):
        logbook.backup_to(tmp_path / "missing" / "b.db")


def test_a_failed_backup_leaves_neither_a_half_copy_nor_staging(
    logbook: Logbook, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "backup.db").write_bytes(b"the older backup")
    gone = sqlite3.connect(":memory:")
    gone.close()  # the copy fails half-way: SQLite refuses a closed connection
    with pytest.raises(LogbookError, match=r"^Could not write .*backup\.db"):
        logbook_files.backup(gone, logbook.path, out / "backup.db", overwrite=True)
    assert [p.name for p in out.iterdir()] == ["backup.db"]
    assert (out / "backup.db").read_bytes() == b"the older backup"


def test_backup_then_restore(logbook: Logbook, tmp_path: Path) -> None:
    logbook.add_water(250, NOW)
    logbook.add_cramp(cramp(), NOW)
    backup = tmp_path / "backup.db"
    logbook.backup_to(backup)
    logbook.add_water(999, NOW)
    logbook.set_checkin("2026-11-21", 1, NOW)
    kept = logbook.restore(backup, NOW).kept
    assert kept.name == "nightstretch.before-restore-20261122-081530.db"
    assert [w.ml for w in logbook.water()] == [250]
    assert len(logbook.cramps()) == 1 and logbook.checkins() == []
    assert logbook.version == SCHEMA_VERSION
    before = Logbook(kept)
    assert [w.ml for w in before.water()] == [250, 999] and len(before.checkins()) == 1
    before.close()
    # another connection (a running app) sees the restored logbook too
    other = Logbook(logbook.path)
    assert [w.ml for w in other.water()] == [250]
    other.close()
    assert not any(p.name.startswith(".restore-") for p in logbook.path.parent.iterdir())


def test_restore_of_a_version_1_file_migrates_it(logbook: Logbook, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    make_v1_file(old)
    logbook.restore(old, NOW)
    assert logbook.version == SCHEMA_VERSION
    assert [s.routine_id for s in logbook.sessions()] == ["pre-bed-calf"]
    logbook.add_water(200, NOW)


def test_restore_refuses_what_is_not_a_sound_logbook(logbook: Logbook, tmp_path: Path) -> None:
    logbook.add_water(250, NOW)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 300)
    foreign = tmp_path / "foreign.db"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.execute("PRAGMA user_version = 1")
    db.close()
    newer = tmp_path / "newer.db"
    logbook.backup_to(newer)
    db = sqlite3.connect(newer)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    damaged = tmp_path / "damaged.db"
    for n in range(300):
        logbook.add_water(100 + n, NOW)
    logbook.backup_to(damaged)
    damage_last_page(damaged)
    before = [w.ml for w in logbook.water()]
    cases = [
        (junk, "is not a Nightstretch logbook"),
        (foreign, "is not a Nightstretch logbook"),
        (newer, "newer Nightstretch"),
        (damaged, "is damaged"),
        (tmp_path / "missing.db", "does not exist"),
    ]
    for source, message in cases:
        with pytest.raises(LogbookError, match=message):
            logbook.restore(source, NOW)
    assert [w.ml for w in logbook.water()] == before
    assert not any("before-restore" in p.name for p in logbook.path.parent.iterdir())


def test_backup_and_restore_never_aim_at_the_logbook_itself(logbook: Logbook) -> None:
    logbook.add_water(250, NOW)
    with pytest.raises(LogbookError, match="is the logbook itself"):
        logbook.backup_to(logbook.path, overwrite=True)
    with pytest.raises(LogbookError, match="is the logbook itself"):
        logbook.restore(logbook.path, NOW)
    assert [w.ml for w in logbook.water()] == [250]


def test_stored_utc_times_read_back_as_the_wall_clock_showed_them() -> None:
    assert local_time("2026-03-29T00:30:00Z", 60).isoformat() == "2026-03-29T01:30:00+01:00"
    assert local_time("2026-07-01T21:15:00Z", -240).isoformat() == "2026-07-01T17:15:00-04:00"
    assert parse_utc("2026-01-01T00:00:00Z").utcoffset() == timedelta(0)
    for bad in ("2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00", "yesterday"):
        with pytest.raises(ValueError):
            parse_utc(bad)


def test_version_2_reminder_lines_survive_the_held_migration(tmp_path: Path) -> None:
    """Migration 3 rebuilds reminder_events (a CHECK constraint cannot change in place)."""
    import sqlite3

    from nightstretch.store.schema import MIGRATIONS

    path = tmp_path / "nightstretch.db"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 2")
    db.execute(
        "INSERT INTO reminder_events (at_utc, utc_offset_min, kind, event, detail) "
        "VALUES ('2026-11-20T21:00:00Z', 60, 'evening', 'shown', 'evening:2026-11-20')"
    )
    db.commit()
    db.close()
    book = Logbook(path)
    try:
        assert book.version == SCHEMA_VERSION
        (line,) = book.reminder_events()
        assert (line.event, line.detail) == ("shown", "evening:2026-11-20")
        assert book._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        indexes = {r[0] for r in book._db.execute("SELECT name FROM sqlite_master")}
        assert "reminder_events_by_time" in indexes and "reminder_events_3" not in indexes
    finally:
        book.close()
