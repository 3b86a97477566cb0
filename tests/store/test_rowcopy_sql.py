"""The SQL half of each column rule never lets through what the Python half refuses.

Readers trust a row SQLite vouched for (``VALID_SQL``) without the Python checks, so the
SQL predicate must be at least as strict: generated values of every kind, stored without
constraints, are run through both. Seeded (``derandomize``) so every CI run is the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nightstretch.core.entries import CrampEntry
from nightstretch.store.logbook import Logbook
from nightstretch.store.rowcopy import RULES, VALID_SQL, RowProblem, Rule
from nightstretch.store.rows import VALID, select_valid

TIMES = [
    "2026-11-20T10:00:00Z",
    "2026-02-30T10:00:00Z",
    "2026-11-20T24:00:00Z",
    "2024-02-29T23:59:59Z",
    "2026-11-20 10:00:00Z",
    "2026-11-20T10:00:00+00:00",
    "1999-12-31T23:59:59Z",
    "0900-06-01T12:00:00Z",
    "2026-11-20T10:00:60Z",
    "２０２６-11-20T10:00:00Z",
]
STRICTER = {"2026-11-20 10:00:00Z"}
NIGHTS = ["2026-11-20", "2026-02-29", "2024-02-29", "1999-12-31", "2026-1-20", "2026-11-20 "]
VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(min_value=-2, max_value=2100),
    st.floats(allow_nan=False),
    st.just(250.0),
    st.text(max_size=25),
    st.text(min_size=195, max_size=205),
    st.text(alphabet="\x00aé", min_size=18, max_size=22),
    st.binary(max_size=8),
    st.sampled_from([*TIMES, *NIGHTS, "left", "both", "shown", "held", "paused", "player", ""]),
    st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")),
    st.dates().map(lambda d: d.isoformat()),
)
COLUMN_RULES = [(f"{table}.{name}", rule) for table, rules in RULES.items() for name, rule in rules]


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE v (x)")  # no type, no constraint: anything is stored
    yield connection
    connection.close()


def _python_accepts(rule: Rule, value: object) -> bool:
    try:
        rule.check(value, "x")  # type: ignore[arg-type]
    except (RowProblem, TypeError, ValueError):
        return False
    return True


@pytest.mark.parametrize(("column", "rule"), COLUMN_RULES, ids=[c for c, _ in COLUMN_RULES])
@settings(max_examples=150, derandomize=True, deadline=None)
@given(value=VALUES)
def test_sql_is_never_looser_than_python(
    db: sqlite3.Connection, column: str, rule: Rule, value: object
) -> None:
    db.execute("DELETE FROM v")
    db.execute("INSERT INTO v VALUES (?)", (value,))
    (sql_says,) = db.execute(f"SELECT {rule.sql('x')} FROM v").fetchone()
    if sql_says:
        assert _python_accepts(rule, value), f"{column}: SQL let {value!r} through"


def test_the_listed_edge_times_and_nights_are_judged_alike(db: sqlite3.Connection) -> None:
    """Both halves agree both ways on the shapes that matter, so good rows stay quick."""
    utc = dict(RULES["water"])["at_utc"]
    night = dict(RULES["water"])["night_date"]
    for rule, values in ((utc, TIMES), (night, NIGHTS)):
        for value in values:
            db.execute("DELETE FROM v")
            db.execute("INSERT INTO v VALUES (?)", (value,))
            (sql_says,) = db.execute(f"SELECT {rule.sql('x')} FROM v").fetchone()
            stricter = value in STRICTER  # Python would take it; the app never writes it
            assert bool(sql_says) == (_python_accepts(rule, value) and not stricter), value


def test_every_row_the_app_writes_takes_the_quick_path(tmp_path: Path) -> None:
    zone = timezone(timedelta(hours=-9, minutes=-30))
    book = Logbook(tmp_path / "x.db")
    moment = datetime(2026, 11, 20, 23, 59, 59, tzinfo=zone)
    book.add_water(2000, moment)
    book.add_cramp(
        CrampEntry(happened=moment, leg="both", severity=10, duration_min=240, helped="é" * 200),
        moment,
    )
    session = book.start_session("pre-bed-calf", moment, 7)
    book.end_session(session, moment + timedelta(minutes=9), 7, "completed")
    book.set_feeling(session, "loose")
    book.set_checkin("2026-11-20", 50, moment)
    book.set_day_mark("2026-11-20", "sick")
    book.add_reminder_event(moment, "evening", "held", "evening:2026-11-20")
    db = sqlite3.connect(book.path)
    for table in VALID_SQL:
        flags = [row[-1] for row in db.execute(select_valid(table))]
        assert all(flag == 1 for flag in flags), table
    db.close()
    book.close()


def test_a_row_sqlite_does_not_vouch_for_is_still_checked(tmp_path: Path) -> None:
    book = Logbook(tmp_path / "x.db")
    book.add_water(250, datetime(2026, 11, 20, 20, 0, tzinfo=UTC))
    db = sqlite3.connect(book.path)
    db.execute("UPDATE water SET at_utc = '2026-02-30T10:00:00Z'")  # passes SQLite's CHECKs
    db.commit()
    db.close()
    assert book.water() == []
    assert book.invalid_rows == {"water": {"1"}}
    assert VALID == "ns_valid"
    book.close()
