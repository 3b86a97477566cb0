"""Crafted restores, generated: whatever a backup file holds, a restore either brings back
only valid rows (and no trigger, view or extra column), or refuses and changes nothing.

Seeded (``derandomize``) and bounded, so it runs the same in every CI run.
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from nightstretch.core.entries import CrampEntry
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.rowcopy import CHECKS
from nightstretch.store.schema import TABLES

NOW = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)

VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.binary(max_size=8),
    st.sampled_from(
        [
            "2026-11-20T10:00:00Z",
            "0900-06-01T12:00:00Z",
            "not a time",
            "2026-11-20",
            "left",
            "both",
            "shown",
            "paused",
            "player",
            "completed",
            "'); DROP TABLE water; --",
        ]
    ),
)
OBJECTS = st.sampled_from(
    [
        "CREATE TRIGGER t1 AFTER INSERT ON water BEGIN DELETE FROM cramps; END",
        "CREATE TRIGGER t2 AFTER INSERT ON cramps BEGIN UPDATE cramps SET severity = 1; END",
        "CREATE TRIGGER t3 BEFORE INSERT ON water BEGIN SELECT RAISE(ABORT, 'no'); END",
        "CREATE VIEW v AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT i FROM n",
        "CREATE TABLE extra (x)",
        "CREATE INDEX extra_i ON water (ml)",
        "ALTER TABLE water ADD COLUMN note TEXT",
        "PRAGMA application_id = 0",
        "PRAGMA user_version = 99",
    ]
)
CRAFT = st.lists(
    st.one_of(
        st.tuples(st.just("value"), st.sampled_from(TABLES), st.integers(0, 20), VALUES),
        st.tuples(st.just("object"), OBJECTS),
    ),
    min_size=1,
    max_size=4,
)


def _logged(path: Path) -> None:
    book = Logbook(path)
    try:
        for i in range(3):
            book.add_water(250, NOW - timedelta(hours=i))
        book.add_cramp(CrampEntry(happened=NOW - timedelta(hours=5), leg="right", severity=6), NOW)
        book.set_checkin("2026-11-20", 1, NOW)
    finally:
        book.close()


def _craft(path: Path, steps: list[tuple[object, ...]]) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for step in steps:
            if step[0] == "object":
                with suppress(sqlite3.Error):  # e.g. the column exists already
                    db.execute(str(step[1]))
                continue
            _, table, column_no, value = step
            columns = [str(r[1]) for r in db.execute(f"PRAGMA table_info({table})")]
            column = columns[int(str(column_no)) % len(columns)]
            # no constraints or types any more: any value can be planted
            db.execute(f"CREATE TABLE planted AS SELECT * FROM {table}")
            db.execute(f"DROP TABLE {table}")
            db.execute(f"ALTER TABLE planted RENAME TO {table}")
            with suppress(sqlite3.Error):
                db.execute(f'UPDATE {table} SET "{column}" = ? WHERE rowid = 1', (value,))
    finally:
        db.close()


def _contents(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return [
            (table, *row)
            for table in TABLES
            for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        ]
    finally:
        db.close()


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=CRAFT)
def test_a_crafted_backup_brings_back_valid_rows_or_nothing(
    steps: list[tuple[object, ...]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "in.db"
        _logged(source)
        _craft(source, steps)
        live = root / "data" / "nightstretch.db"
        _logged(live)
        before = _contents(live)
        book = Logbook(live)
        refusal: LogbookError | None = None
        try:
            book.restore(source, NOW)
        except LogbookError as error:
            refusal = error
        finally:
            book.close()
        event("refused" if refusal is not None else "brought back as rows")
        if refusal is not None:
            assert str(refusal).count("\n") == 0  # one line
            assert _contents(live) == before
            return
        db = sqlite3.connect(live)
        try:
            kinds = {row[0] for row in db.execute("SELECT type FROM sqlite_master")}
            assert kinds <= {"table", "index"}
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            assert "extra" not in names and "planted" not in names
            for table in TABLES:
                columns = [str(r[1]) for r in db.execute(f"PRAGMA table_info({table})")]
                assert "note" not in columns
                for row in db.execute(f"SELECT * FROM {table}"):
                    CHECKS[table](dict(zip(columns, row, strict=True)))  # raises if invalid
        finally:
            db.close()
