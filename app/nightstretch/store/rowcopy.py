"""Bring rows, and only rows, from another SQLite file into a logbook we built ourselves.

Restore and salvage share this path. The other file is never attached or swapped in as the
logbook: its triggers, views, indexes and extra columns are never created here, because
rows are read table by table, checked value by value as a new entry would be, and written
with plain INSERTs into a fresh logbook made by our own migrations. A restore refuses the
whole file at the first row that fails (one clear line, nothing changed); a salvage of a
damaged logbook skips and counts such rows, and reads past damaged pages row by row.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

from nightstretch.core import entries

__all__ = ["CopyResult", "RowProblem", "copy_rows", "source_version"]

Value = int | float | str | bytes | None
Row = dict[str, Value]

EARLIEST_YEAR = 2000
MAX_OFFSET_MIN = 18 * 60
DEADLINE_S = 60.0
"""No honest logbook takes a minute to read; a crafted one (a recursive view) must not hang."""


class RowProblem(ValueError):
    """Why one row cannot come in, worded for the person (table and row named by the caller)."""


@dataclass
class CopyResult:
    """How many rows of each table came in, were skipped, or were out of reach."""

    copied: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)
    """Rows that a damaged page hid (counted from gaps in the row ids: an estimate)."""
    open_ended: set[str] = field(default_factory=set)
    """Tables whose end could not be found (a truncated file): more may have been lost
    than ``unreadable`` says."""

    @property
    def total_copied(self) -> int:
        return sum(self.copied.values())

    @property
    def total_lost(self) -> int:
        return sum(self.skipped.values()) + sum(self.unreadable.values())

    def summary(self) -> str:
        """ "cramps 12, water 40, ..." for the one line she reads."""
        return ", ".join(f"{table} {n}" for table, n in self.copied.items() if n) or "no entries"


# -- value checks: the rules a new entry passes, applied to a row that was stored ---------


def _text(value: Value, what: str, limit: int = 200, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value) or len(value) > limit:
        raise RowProblem(f"{what} is not valid text")
    return value


def _int(value: Value, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RowProblem(f"{what} must be a whole number from {low} to {high}")
    return value


def _choice(value: Value, what: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise RowProblem(f"{what} must be one of {', '.join(allowed)}")
    assert isinstance(value, str)
    return value


def _utc(value: Value, what: str) -> str:
    if not isinstance(value, str) or not value.endswith("Z") or len(value) != 20:
        raise RowProblem(f"{what} is not a stored time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RowProblem(f"{what} is not a stored time") from None
    if moment.year < EARLIEST_YEAR:
        raise RowProblem(f"{what} is before {EARLIEST_YEAR}")
    return value


def _night(value: Value) -> str:
    if not isinstance(value, str) or len(value) != 10:
        raise RowProblem("night_date is not a date")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise RowProblem("night_date is not a date") from None
    if day.year < EARLIEST_YEAR:
        raise RowProblem(f"night_date is before {EARLIEST_YEAR}")
    return value


Check = Callable[[Row], Row]


@dataclass(frozen=True)
class Rule:
    """One column's rule, twice: ``check`` in Python (authoritative, with the reason for
    her) and ``sql``, a predicate at least as strict, so readers can trust a row SQLite
    already vouched for without a Python call per value (five years of History)."""

    check: Callable[[Value, str], Value]
    sql: Callable[[str], str]


def _int_rule(low: int, high: int) -> Rule:
    return Rule(
        lambda v, what: _int(v, what, low, high),
        lambda c: f"(typeof({c}) = 'integer' AND {c} BETWEEN {low} AND {high})",
    )


def _text_rule(limit: int, *, empty: bool = False) -> Rule:
    # length() counts characters as Python's len() does, but stops at a NUL: so no NUL
    shortest = 0 if empty else 1
    return Rule(
        lambda v, what: _text(v, what, limit, empty=empty),
        lambda c: (
            f"(typeof({c}) = 'text' AND length({c}) BETWEEN {shortest} AND {limit}"
            f" AND instr(CAST({c} AS BLOB), x'00') = 0)"
        ),
    )


def _choice_rule(allowed: tuple[str, ...]) -> Rule:
    listed = ", ".join(f"'{a}'" for a in allowed)
    return Rule(
        lambda v, what: _choice(v, what, allowed),
        lambda c: f"(typeof({c}) = 'text' AND {c} IN ({listed}))",
    )


def _optional(rule: Rule) -> Rule:
    return Rule(
        lambda v, what: None if v is None else rule.check(v, what),
        lambda c: f"({c} IS NULL OR {rule.sql(c)})",
    )


_ID = _int_rule(1, 2**63 - 1)
_OFFSET = _int_rule(-MAX_OFFSET_MIN, MAX_OFFSET_MIN)
_FLAG = _int_rule(0, 1)
_UTC = Rule(
    _utc,
    # through a day number and back gives the same text only for a real date and time in
    # this exact shape (SQLite's own parser lets 30 February and 24:00 through)
    lambda c: (
        f"(typeof({c}) = 'text' AND length({c}) = 20 AND {c} >= '{EARLIEST_YEAR}'"
        f" AND strftime('%Y-%m-%dT%H:%M:%SZ', julianday({c})) = {c})"
    ),
)
_NIGHT = Rule(
    lambda v, what: _night(v),
    lambda c: (
        f"(typeof({c}) = 'text' AND length({c}) = 10 AND {c} >= '{EARLIEST_YEAR}'"
        f" AND date(julianday({c})) = {c})"
    ),
)

RULES: Mapping[str, tuple[tuple[str, Rule], ...]] = {
    "sessions": (
        ("id", _ID),
        ("routine_id", _text_rule(200)),
        ("started_utc", _UTC),
        ("ended_utc", _optional(_UTC)),
        ("utc_offset_min", _OFFSET),
        ("night_date", _NIGHT),
        ("steps_done", _int_rule(0, 10_000)),
        ("steps_total", _int_rule(0, 10_000)),
        ("status", _choice_rule(("partial", "completed"))),
        ("feeling", _optional(_text_rule(200, empty=True))),
        ("source", _choice_rule(("player", "manual"))),
    ),
    "water": (
        ("id", _ID),
        ("at_utc", _UTC),
        ("utc_offset_min", _OFFSET),
        ("night_date", _NIGHT),
        ("ml", _int_rule(entries.ML_MIN, entries.ML_MAX)),
        ("source", _text_rule(20)),
    ),
    "cramps": (
        ("id", _ID),
        ("happened_utc", _UTC),
        ("logged_utc", _UTC),
        ("utc_offset_min", _OFFSET),
        ("night_date", _NIGHT),
        ("leg", _choice_rule(tuple(entries.LEGS))),
        ("muscle", _choice_rule(tuple(entries.MUSCLES))),
        ("severity", _int_rule(entries.SEVERITY_MIN, entries.SEVERITY_MAX)),
        ("duration_min", _optional(_int_rule(entries.MINUTES_MIN, entries.MINUTES_MAX))),
        ("helped", _optional(_text_rule(entries.HELPED_MAX_CHARS, empty=True))),
        ("swelling", _FLAG),
        ("redness", _FLAG),
        ("warmth", _FLAG),
        ("pain_not_easing", _FLAG),
    ),
    "checkins": (
        ("id", _ID),
        ("night_date", _NIGHT),
        ("answered_utc", _UTC),
        ("utc_offset_min", _OFFSET),
        ("cramp_count", _int_rule(0, entries.CRAMP_COUNT_MAX)),
    ),
    "reminder_events": (
        ("id", _ID),
        ("at_utc", _UTC),
        ("utc_offset_min", _OFFSET),
        ("kind", _text_rule(20)),
        (
            "event",
            _choice_rule(
                (
                    "scheduled",
                    "shown",
                    "started",
                    "snoozed",
                    "skipped",
                    "done",
                    "ignored",
                    "missed",
                    "held",
                )
            ),
        ),
        ("detail", _optional(_text_rule(500, empty=True))),
    ),
    "day_marks": (("night_date", _NIGHT), ("mark", _choice_rule(("paused", "sick")))),
    "discussed": (("cramp_id", _ID), ("at_utc", _UTC), ("utc_offset_min", _OFFSET)),
    "visit_notes": (
        ("id", _ID),
        ("written_utc", _UTC),
        ("utc_offset_min", _OFFSET),
        ("text", _text_rule(entries.VISIT_NOTE_MAX, empty=True)),
    ),
}


def _check_for(rules: tuple[tuple[str, Rule], ...]) -> Check:
    def check(r: Row) -> Row:
        return {name: rule.check(r[name], name) for name, rule in rules}

    return check


CHECKS: Mapping[str, Check] = {table: _check_for(rules) for table, rules in RULES.items()}
VALID_SQL: Mapping[str, str] = {
    table: " AND ".join(rule.sql(f'"{name}"') for name, rule in rules)
    for table, rules in RULES.items()
}
"""Per table, an SQL expression true only for rows that pass ``CHECKS`` (never looser)."""


@cache
def our_columns(migrations: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each table's columns, read off our migrations.

    Built once in memory from the same scripts that make a logbook, so the copy can never
    disagree with the schema about which columns exist.
    """
    db = sqlite3.connect(":memory:")
    try:
        for script in migrations:
            db.executescript(script)
        return {
            table: tuple(str(row[1]) for row in db.execute(f"PRAGMA table_info({table})"))
            for table in CHECKS
        }
    finally:
        db.close()


# -- reading the other file -----------------------------------------------------------


def _open_source(source: Path, deadline: float) -> sqlite3.Connection:
    """Read-only in spirit: nothing in the file's schema may run, and nothing may run long."""
    db = sqlite3.connect(source, isolation_level=None)
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA query_only = ON")

    def too_slow() -> int:
        return 1 if time.monotonic() > deadline else 0

    db.set_progress_handler(too_slow, 10_000)
    return db


def source_version(db: sqlite3.Connection) -> tuple[int, int, dict[str, str]]:
    """``user_version``, ``application_id`` and every schema object's name and type."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    objects = {
        str(name): str(kind)
        for kind, name in db.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }
    return version, app_id, objects


def _read_table(
    db: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    salvage: bool,
    open_ended: set[str] | None = None,
) -> Iterator[tuple[Row | None, int]]:
    """(row, rowid) pairs; with ``salvage``, past damage one row id at a time.

    A row that a damaged page hides comes out as ``(None, rowid)`` so it can be counted.
    """
    wanted = ", ".join(f'"{c}"' for c in columns)
    last = 0
    try:
        for values in db.execute(f'SELECT rowid, {wanted} FROM "{table}" ORDER BY rowid'):
            last = int(values[0])
            yield dict(zip(columns, values[1:], strict=True)), last
        return
    except sqlite3.DatabaseError:
        if not salvage:
            raise
    yield from _probe_rows(db, table, wanted, columns, last + 1, open_ended)


def _probe_rows(
    db: sqlite3.Connection,
    table: str,
    wanted: str,
    columns: tuple[str, ...],
    first: int,
    open_ended: set[str] | None = None,
) -> Iterator[tuple[Row | None, int]]:
    """Point lookups by row id: each descends the tree afresh, so one bad leaf loses only
    its own rows. The highest id comes from the table's end, or from the last good row.

    Without a known end, the misses after the last row found are not counted as lost
    (there may have been none); the table is named in ``open_ended`` instead.
    """
    try:
        top = db.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
    except sqlite3.DatabaseError:
        top = None
    limit = int(top) if isinstance(top, int) else 0
    rowid, misses_in_a_row = first, 0
    pending: list[int] = []
    while rowid <= limit or (top is None and misses_in_a_row < 1000):
        try:
            found = db.execute(
                f'SELECT {wanted} FROM "{table}" WHERE rowid = ?', (rowid,)
            ).fetchone()
        except sqlite3.DatabaseError:
            pending.append(rowid)
            misses_in_a_row += 1
        else:
            if found is not None:
                misses_in_a_row = 0
                for lost in pending:
                    yield None, lost
                pending.clear()
                yield dict(zip(columns, found, strict=True)), rowid
            else:
                misses_in_a_row += 1
        if top is not None:
            for lost in pending:
                yield None, lost
            pending.clear()
        rowid += 1
    if pending and open_ended is not None:
        open_ended.add(table)


def copy_rows(
    source: Path,
    target: sqlite3.Connection,
    migrations: tuple[str, ...],
    *,
    salvage: bool,
    deadline_s: float = DEADLINE_S,
) -> CopyResult:
    """Copy every valid row of ``source`` into ``target`` (a fresh logbook) in one transaction.

    Raises ``RowProblem`` naming the table and row when ``salvage`` is off and a row fails,
    ``sqlite3.DatabaseError`` when the file cannot be read at all. ``target`` is left
    untouched (rolled back) on any failure.
    """
    result = CopyResult()
    db = _open_source(source, time.monotonic() + deadline_s)
    try:
        _, _, objects = source_version(db)
        target.execute("BEGIN IMMEDIATE")
        try:
            for table, columns in our_columns(migrations).items():
                _copy_table(db, target, table, columns, objects, salvage, result)
            target.execute("COMMIT")
        except BaseException:
            target.execute("ROLLBACK")
            raise
    finally:
        db.close()
    return result


def _copy_table(
    db: sqlite3.Connection,
    target: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    objects: Mapping[str, str],
    salvage: bool,
    result: CopyResult,
) -> None:
    copied = skipped = unreadable = 0
    if objects.get(table) == "table":
        present = {str(row[1]) for row in db.execute(f'PRAGMA table_info("{table}")')}
        missing = [name for name in columns if name not in present]
        if missing and not salvage:
            raise RowProblem(f"{table} has no column {missing[0]}")
        check = CHECKS[table]
        placeholders = ", ".join("?" for _ in columns)
        insert = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({placeholders})'
        rows = [] if missing else _read_table(db, table, columns, salvage, result.open_ended)
        for row, rowid in rows:
            if row is None:
                unreadable += 1
                continue
            try:
                clean = check(row)
                target.execute(insert, tuple(clean[name] for name in columns))
            except (RowProblem, sqlite3.IntegrityError) as exc:
                if not salvage:
                    raise RowProblem(f"{table} row {rowid}: {exc}") from None
                skipped += 1
                continue
            copied += 1
    elif table in objects and not salvage:
        raise RowProblem(f"{table} is a {objects[table]}, not a table")
    result.copied[table] = copied
    result.skipped[table] = skipped
    result.unreadable[table] = unreadable
