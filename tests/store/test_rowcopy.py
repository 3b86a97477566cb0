"""Restore and salvage copy rows, never schema: crafted files from the adversarial pass."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nightstretch.core.entries import CrampEntry
from nightstretch.store.logbook import Logbook
from nightstretch.store.rowcopy import CopyResult, RowProblem, copy_rows
from nightstretch.store.schema import MIGRATIONS

NOW = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)


def _fresh(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS:
        db.executescript(script)
    return db


@pytest.fixture
def target(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = _fresh(tmp_path / "fresh.db")
    yield db
    db.close()


def _logged(path: Path, water: int = 3, cramps: int = 2) -> Path:
    book = Logbook(path)
    try:
        for i in range(water):
            book.add_water(250, NOW - timedelta(hours=i))
        for i in range(cramps):
            book.add_cramp(
                CrampEntry(
                    happened=NOW - timedelta(days=i, hours=1),
                    leg="left",
                    severity=5,
                    swelling=i == 0,
                ),
                NOW,
            )
    finally:
        book.close()
    return path


def _sql(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            db.execute(statement)
    finally:
        db.close()


def _count(db: sqlite3.Connection, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_sound_logbook_comes_back_whole(tmp_path: Path, target: sqlite3.Connection) -> None:
    source = _logged(tmp_path / "in.db")
    result = copy_rows(source, target, MIGRATIONS, salvage=False)
    assert result.copied["water"] == 3 and result.copied["cramps"] == 2
    assert result.total_lost == 0
    assert result.summary() == "water 3, cramps 2"
    assert _count(target, "water") == 3
    swelling = target.execute("SELECT swelling FROM cramps ORDER BY id").fetchall()
    assert swelling == [(1,), (0,)]


def test_a_planted_trigger_never_comes_across(tmp_path: Path, target: sqlite3.Connection) -> None:
    source = _logged(tmp_path / "in.db")
    _sql(
        source,
        "CREATE TRIGGER wipe AFTER INSERT ON water BEGIN DELETE FROM cramps; END",
        "CREATE TRIGGER boom BEFORE INSERT ON cramps BEGIN SELECT RAISE(ABORT, 'x'); END",
        "CREATE VIEW extra AS SELECT 1",
    )
    copy_rows(source, target, MIGRATIONS, salvage=False)
    kinds = {row[0] for row in target.execute("SELECT type FROM sqlite_master")}
    assert kinds == {"table", "index"}
    target.execute(
        "INSERT INTO water (at_utc, utc_offset_min, night_date, ml) "
        "VALUES ('2026-11-22T10:00:00Z', 0, '2026-11-22', 250)"
    )
    assert _count(target, "cramps") == 2


def _unchecked_water(path: Path, row: str) -> None:
    """A water table without its CHECK constraints or types, holding one bad row."""
    _sql(
        path,
        "DROP TABLE water",
        "CREATE TABLE water (id INTEGER PRIMARY KEY, at_utc, utc_offset_min, night_date, ml, "
        "source)",
        f"INSERT INTO water VALUES ({row})",
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1, '2026-11-21T10:00:00Z', 60, '2026-11-21', -5000, 'app'", "water row 1: ml must be"),
        ("1, 'not a time', 60, '2026-11-21', 250, 'app'", "water row 1: at_utc is not a stored"),
        ("1, '0900-06-01T12:00:00Z', 60, '0900-06-01', 250, 'app'", "at_utc is before 2000"),
        ("1, '2026-11-21T10:00:00Z', 99999, '2026-11-21', 250, 'app'", "utc_offset_min"),
        ("1, '2026-11-21T10:00:00Z', 60, '2026-11-21', '250', 'app'", "ml must be"),
    ],
)
def test_a_restore_refuses_a_row_that_a_new_entry_could_not_be(
    tmp_path: Path, target: sqlite3.Connection, row: str, message: str
) -> None:
    source = _logged(tmp_path / "in.db")
    _unchecked_water(source, row)
    with pytest.raises(RowProblem, match=message):
        copy_rows(source, target, MIGRATIONS, salvage=False)
    assert _count(target, "water") == 0 and _count(target, "cramps") == 0


def test_a_salvage_skips_and_counts_the_same_row(
    tmp_path: Path, target: sqlite3.Connection
) -> None:
    source = _logged(tmp_path / "in.db")
    _unchecked_water(source, "1, 'not a time', 60, '2026-11-21', 250, 'app'")
    result = copy_rows(source, target, MIGRATIONS, salvage=True)
    assert result.skipped["water"] == 1 and result.copied["cramps"] == 2


def test_extra_columns_stay_behind_and_missing_ones_refuse(
    tmp_path: Path, target: sqlite3.Connection
) -> None:
    source = _logged(tmp_path / "in.db")
    _sql(source, "ALTER TABLE water ADD COLUMN note TEXT", "UPDATE water SET note = 'x'")
    assert copy_rows(source, target, MIGRATIONS, salvage=False).copied["water"] == 3
    assert "note" not in {row[1] for row in target.execute("PRAGMA table_info(water)")}

    other = _logged(tmp_path / "other.db")
    _sql(other, "ALTER TABLE cramps DROP COLUMN helped")
    second = _fresh(tmp_path / "second.db")
    try:
        with pytest.raises(RowProblem, match="cramps has no column helped"):
            copy_rows(other, second, MIGRATIONS, salvage=False)
        assert _count(second, "water") == 0
    finally:
        second.close()


@pytest.mark.timeout(20)
def test_a_view_in_place_of_a_table_is_refused_without_running_it(
    tmp_path: Path, target: sqlite3.Connection
) -> None:
    source = _logged(tmp_path / "in.db")
    _sql(
        source,
        "DROP TABLE cramps",
        "CREATE VIEW cramps AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT i FROM n",
    )
    started = time.monotonic()
    with pytest.raises(RowProblem, match="cramps is a view, not a table"):
        copy_rows(source, target, MIGRATIONS, salvage=False)
    assert time.monotonic() - started < 5


def test_a_runaway_read_stops_at_the_deadline(tmp_path: Path, target: sqlite3.Connection) -> None:
    source = _logged(tmp_path / "in.db", water=3000)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        copy_rows(source, target, MIGRATIONS, salvage=False, deadline_s=-1)
    assert _count(target, "water") == 0


def _overwrite_page(path: Path, page_no: int) -> None:
    size = 4096
    with path.open("r+b") as handle:
        handle.seek((page_no - 1) * size)
        handle.write(b"\xa5" * size)


def test_a_damaged_page_loses_only_its_own_rows(tmp_path: Path, target: sqlite3.Connection) -> None:
    source = _logged(tmp_path / "in.db", water=750, cramps=0)
    _sql(source, "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA journal_mode = DELETE")
    data = source.read_bytes()
    # Leaf pages of a table b-tree start with 0x0D; past page 1 (the schema) only water has rows.
    leaves = [n + 1 for n in range(1, len(data) // 4096) if data[n * 4096] == 0x0D]
    assert len(leaves) > 3
    _overwrite_page(source, leaves[len(leaves) // 2])
    result: CopyResult = copy_rows(source, target, MIGRATIONS, salvage=True)
    assert 600 <= result.copied["water"] < 750
    assert result.skipped["water"] == 0
    assert result.copied["water"] + result.unreadable["water"] == 750
    assert _count(target, "water") == result.copied["water"]
