"""Hole 1 of issue 17: a restore brings back rows, never code, and a refusal changes nothing.

Each crafted file of the adversarial pass is offered to a live logbook: refused ones leave
its bytes as they were; accepted ones leave no trigger or view and writing goes on.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nightstretch.core.entries import CrampEntry
from nightstretch.store import restore as restoring
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.schema import MIGRATIONS

NOW = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)


def _sql(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            db.execute(statement)
    finally:
        db.close()


def _backup_of(folder: Path, water: int = 3, cramps: int = 2) -> Path:
    """A sound backup made by the app, for the crafting to start from."""
    book = Logbook(folder / "source" / "nightstretch.db")
    try:
        for i in range(water):
            book.add_water(250, NOW - timedelta(hours=i))
        for i in range(cramps):
            book.add_cramp(
                CrampEntry(happened=NOW - timedelta(days=i), leg="left", severity=4), NOW
            )
        out = folder / "backup.db"
        book.backup_to(out)
    finally:
        book.close()
    return out


def _unchecked_water(row: str) -> tuple[str, ...]:
    return (
        "DROP TABLE water",
        "CREATE TABLE water (id INTEGER PRIMARY KEY, at_utc, utc_offset_min, night_date, ml,"
        " source)",
        f"INSERT INTO water VALUES ({row})",
    )


def _foreign(path: Path) -> None:
    _sql(path, "PRAGMA application_id = 1234")


def _view_for_cramps(path: Path) -> None:
    _sql(
        path,
        "DROP TABLE cramps",
        "CREATE VIEW cramps AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
        " SELECT i FROM n",
    )


def _missing_column(path: Path) -> None:
    _sql(path, "ALTER TABLE cramps DROP COLUMN helped")


def _newer(path: Path) -> None:
    _sql(path, "PRAGMA user_version = 99")


def _app_id_zero_schema_2(path: Path) -> None:
    _sql(path, "PRAGMA application_id = 0")


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 not a database at all" * 100)


REFUSED: dict[str, tuple[Callable[[Path], None], str]] = {
    "not sqlite": (_not_sqlite, "is not a Nightstretch logbook"),
    "another application": (_foreign, "is not a Nightstretch logbook"),
    "application_id 0 with schema 2": (_app_id_zero_schema_2, "is not a Nightstretch logbook"),
    "newer schema": (_newer, "newer Nightstretch"),
    "a view for a table": (_view_for_cramps, "cramps is a view, not a table"),
    "a missing column": (_missing_column, "cramps has no column helped"),
    "ml = -5000": (
        lambda p: _sql(
            p, *_unchecked_water("1, '2026-11-21T10:00:00Z', 60, '2026-11-21', -5000, 'app'")
        ),
        "water row 1: ml must be",
    ),
    "at_utc = 'not a time'": (
        lambda p: _sql(p, *_unchecked_water("7, 'not a time', 60, '2026-11-21', 250, 'app'")),
        "water row 7: at_utc is not a stored time",
    ),
    "year 900": (
        lambda p: _sql(
            p, *_unchecked_water("1, '0900-06-01T12:00:00Z', 0, '0900-06-01', 250, 'app'")
        ),
        "at_utc is before 2000",
    ),
}


def _files(folder: Path) -> dict[str, bytes]:
    """The logbook and its WAL as bytes: what 'nothing changed' means."""
    return {
        p.name: p.read_bytes()
        for p in folder.iterdir()
        if p.name.startswith("nightstretch.db") and not p.name.endswith("-shm")
    }


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_crafted_file_is_refused_and_the_logbook_is_byte_for_byte_unchanged(
    logbook: Logbook, tmp_path: Path, case: str
) -> None:
    craft, message = REFUSED[case]
    logbook.add_water(400, NOW)
    logbook.add_cramp(CrampEntry(happened=NOW, leg="right", severity=7, swelling=True), NOW)
    source = _backup_of(tmp_path)
    craft(source)
    folder = logbook.path.parent
    before = _files(folder)
    started = time.monotonic()
    with pytest.raises(LogbookError, match=message) as info:
        logbook.restore(source, NOW)
    assert time.monotonic() - started < 10
    assert "\n" not in str(info.value)
    assert _files(folder) == before
    assert (
        sorted(p.name for p in folder.iterdir() if not p.name.startswith("nightstretch.db")) == []
    )
    assert [w.ml for w in logbook.water()] == [400]


def test_a_read_past_the_deadline_is_refused(logbook: Logbook, tmp_path: Path) -> None:
    source = _backup_of(tmp_path, water=2000)
    before = _files(logbook.path.parent)
    with pytest.raises(LogbookError, match="took too long; nothing was changed"):
        restoring.restore(logbook._db, logbook.path, source, NOW, deadline_s=0.0)
    assert _files(logbook.path.parent) == before


ACCEPTED: dict[str, tuple[str, ...]] = {
    "a trigger that deletes cramps": (
        "CREATE TRIGGER wipe AFTER INSERT ON water BEGIN DELETE FROM cramps; END",
    ),
    "a trigger that rewrites severities and clears signs": (
        "CREATE TRIGGER soften AFTER INSERT ON cramps BEGIN UPDATE cramps SET severity = 1,"
        " swelling = 0, redness = 0, warmth = 0, pain_not_easing = 0; END",
    ),
    "a trigger that aborts every write": (
        "CREATE TRIGGER boom BEFORE INSERT ON water BEGIN SELECT RAISE(ABORT, 'gotcha'); END",
    ),
    "an extra column": ("ALTER TABLE water ADD COLUMN note TEXT", "UPDATE water SET note = 'x'"),
    "an extra view and table": (
        "CREATE VIEW slow AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
        " SELECT i FROM n",
        "CREATE TABLE notes (text TEXT)",
        "CREATE INDEX water_by_ml ON water (ml)",
    ),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_a_file_with_planted_objects_brings_back_its_rows_and_nothing_else(
    logbook: Logbook, tmp_path: Path, case: str
) -> None:
    source = _backup_of(tmp_path)
    _sql(source, *ACCEPTED[case])
    result = logbook.restore(source, NOW)
    assert result.rows.copied["water"] == 3 and result.rows.copied["cramps"] == 2
    assert result.rows.total_lost == 0
    assert result.kept.name.startswith("nightstretch.before-restore-")
    objects = logbook._db.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
        " OR name IN ('notes', 'water_by_ml')"
    ).fetchall()
    assert objects == []
    assert "note" not in {r[1] for r in logbook._db.execute("PRAGMA table_info(water)")}
    logbook.add_water(300, NOW)
    logbook.add_cramp(CrampEntry(happened=NOW, leg="both", severity=9, redness=True), NOW)
    cramps = logbook.cramps()
    assert len(cramps) == 3 and cramps[-1].severity == 9 and cramps[-1].redness
    assert len(logbook.water()) == 4
    # a second connection (another Nightstretch) sees the same clean logbook
    other = Logbook(logbook.path)
    try:
        assert len(other.cramps()) == 3
    finally:
        other.close()


def test_a_schema_1_file_with_application_id_0_is_accepted(
    logbook: Logbook, tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    db = sqlite3.connect(old)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO sessions (routine_id, started_utc, utc_offset_min, night_date, steps_total)"
        " VALUES ('pre-bed-calf', '2026-11-20T21:30:00Z', 60, '2026-11-20', 7)"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    result = logbook.restore(old, NOW)
    assert result.rows.summary() == "sessions 1"
    assert [s.routine_id for s in logbook.sessions()] == ["pre-bed-calf"]


def test_no_staging_is_left_after_a_restore(logbook: Logbook, tmp_path: Path) -> None:
    source = _backup_of(tmp_path)
    logbook.restore(source, NOW)
    with pytest.raises(LogbookError):
        _not_sqlite(source)
        logbook.restore(source, NOW)
    assert not [p for p in logbook.path.parent.iterdir() if p.name.startswith(".restore-")]
