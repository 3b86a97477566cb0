"""The SQLite logbook: numbered migrations, one transaction per write, private file.

What someone logs at 3 a.m. must survive a crash a second later, so every write is its
own committed transaction in WAL mode with ``synchronous=FULL``, and a session row is
written when a routine starts (not when it ends) so a killed player leaves a trace.

Times are stored as UTC text ("...Z") plus the local offset in minutes at that moment,
and each row carries the night it belongs to, fixed when it was logged: moving to
another time zone later never shifts old nights.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

from nightstretch.core import entries
from nightstretch.core.clock import night_of
from nightstretch.core.entries import CrampEntry, Leg, Muscle

SessionStatus = Literal["partial", "completed"]
WaterSource = Literal["app", "cli", "reminder", "tray"]
ReminderKind = Literal["evening", "hydration", "checkin", "movement"]
ReminderEvent = Literal[
    "scheduled", "shown", "started", "snoozed", "skipped", "done", "ignored", "missed"
]
DayMark = Literal["paused", "sick"]

APPLICATION_ID = 0x4E535452  # "NSTR": lets a restore tell our files from other SQLite files

MIGRATIONS: tuple[str, ...] = (
    # 1: the guided player's sessions (shipped: never edit, add a migration instead)
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        started_utc TEXT NOT NULL,
        ended_utc TEXT,
        utc_offset_min INTEGER NOT NULL,
        night_date TEXT NOT NULL,
        steps_done INTEGER NOT NULL DEFAULT 0 CHECK (steps_done >= 0),
        steps_total INTEGER NOT NULL CHECK (steps_total >= 0),
        status TEXT NOT NULL DEFAULT 'partial' CHECK (status IN ('partial', 'completed')),
        feeling TEXT,
        source TEXT NOT NULL DEFAULT 'player' CHECK (source IN ('player', 'manual'))
    );
    CREATE INDEX sessions_by_night ON sessions (night_date);
    """,
    # 2: water, cramps, morning check-ins, reminder history, paused/sick days
    f"""
    CREATE TABLE water (
        id INTEGER PRIMARY KEY,
        at_utc TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        night_date TEXT NOT NULL,
        ml INTEGER NOT NULL CHECK (ml BETWEEN 1 AND 2000),
        source TEXT NOT NULL DEFAULT 'app' CHECK (length(source) BETWEEN 1 AND 20)
    );
    CREATE INDEX water_by_night ON water (night_date);
    CREATE TABLE cramps (
        id INTEGER PRIMARY KEY,
        happened_utc TEXT NOT NULL,
        logged_utc TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        night_date TEXT NOT NULL,
        leg TEXT NOT NULL CHECK (leg IN ('left', 'right', 'both')),
        muscle TEXT NOT NULL DEFAULT 'calf' CHECK (muscle IN ('calf', 'foot', 'thigh')),
        severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 10),
        duration_min INTEGER CHECK (duration_min IS NULL OR duration_min BETWEEN 0 AND 240),
        helped TEXT,
        swelling INTEGER NOT NULL DEFAULT 0 CHECK (swelling IN (0, 1)),
        redness INTEGER NOT NULL DEFAULT 0 CHECK (redness IN (0, 1)),
        warmth INTEGER NOT NULL DEFAULT 0 CHECK (warmth IN (0, 1)),
        pain_not_easing INTEGER NOT NULL DEFAULT 0 CHECK (pain_not_easing IN (0, 1))
    );
    CREATE INDEX cramps_by_night ON cramps (night_date);
    CREATE TABLE checkins (
        id INTEGER PRIMARY KEY,
        night_date TEXT NOT NULL UNIQUE,
        answered_utc TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        cramp_count INTEGER NOT NULL CHECK (cramp_count >= 0)
    );
    CREATE TABLE reminder_events (
        id INTEGER PRIMARY KEY,
        at_utc TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 20),
        event TEXT NOT NULL CHECK (event IN ('scheduled', 'shown', 'started', 'snoozed',
            'skipped', 'done', 'ignored', 'missed')),
        detail TEXT
    );
    CREATE INDEX reminder_events_by_time ON reminder_events (at_utc);
    CREATE TABLE day_marks (
        night_date TEXT PRIMARY KEY,
        mark TEXT NOT NULL CHECK (mark IN ('paused', 'sick'))
    );
    PRAGMA application_id = {APPLICATION_ID}
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = ("sessions", "water", "cramps", "checkins", "reminder_events", "day_marks")
_SIDE_FILES = ("-wal", "-shm", "-journal")


class LogbookError(Exception):
    """A logbook problem worded for the person using the app."""


class LogbookTooNew(LogbookError):
    pass


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_minutes(local: datetime) -> int:
    offset = local.utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def parse_utc(utc: str) -> datetime:
    """A stored ``...Z`` time. ``fromisoformat`` is several times quicker than ``strptime``,
    which is what History pays for on every row of five years of data."""
    moment = datetime.fromisoformat(utc)
    if moment.utcoffset() != timedelta(0):
        raise ValueError(f"not a UTC time: {utc!r}")
    return moment


@functools.lru_cache(maxsize=64)
def _fixed_zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def local_time(utc: str, offset_min: int) -> datetime:
    """The moment as the clock on the wall showed it when it was logged."""
    return parse_utc(utc).astimezone(_fixed_zone(offset_min))


def _aware(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{what} needs an aware datetime (local time with its offset)")
    return moment


@dataclass(frozen=True)
class SessionRow:
    id: int
    routine_id: str
    started_utc: str
    ended_utc: str | None
    utc_offset_min: int
    night_date: str
    steps_done: int
    steps_total: int
    status: SessionStatus
    feeling: str | None
    source: str


@dataclass(frozen=True)
class WaterRow:
    id: int
    at_utc: str
    utc_offset_min: int
    night_date: str
    ml: int
    source: str


@dataclass(frozen=True)
class CrampRow:
    id: int
    happened_utc: str
    logged_utc: str
    utc_offset_min: int
    night_date: str
    leg: Leg
    muscle: Muscle
    severity: int
    duration_min: int | None
    helped: str | None
    swelling: bool
    redness: bool
    warmth: bool
    pain_not_easing: bool

    @property
    def warning_signs(self) -> bool:
        return self.swelling or self.redness or self.warmth or self.pain_not_easing


@dataclass(frozen=True)
class CheckinRow:
    id: int
    night_date: str
    answered_utc: str
    utc_offset_min: int
    cramp_count: int


@dataclass(frozen=True)
class ReminderEventRow:
    id: int
    at_utc: str
    utc_offset_min: int
    kind: str
    event: ReminderEvent
    detail: str | None


@dataclass(frozen=True)
class DayMarkRow:
    night_date: str
    mark: DayMark


_CRAMP_FLAGS = ("swelling", "redness", "warmth", "pain_not_easing")


def _cramp_row(row: sqlite3.Row) -> CrampRow:
    values = dict(row)
    for flag in _CRAMP_FLAGS:
        values[flag] = bool(values[flag])
    return CrampRow(**values)


class Logbook:
    """One open logbook. A damaged file is moved aside and a fresh one started.

    ``moved_aside`` then names where the damaged file went, so the caller can tell the
    person; a logbook from a newer Nightstretch is never touched.
    """

    def __init__(self, path: Path, now: datetime | None = None) -> None:
        self.path = path
        self.moved_aside: Path | None = None
        try:
            self._open()
        except _Damaged:
            self.moved_aside = self._move_aside(now if now is not None else datetime.now())
            try:
                self._open()
            except _Damaged as exc:
                self._close_quietly()
                raise LogbookError(f"The logbook {path} cannot be created: {exc}") from exc

    def _move_aside(self, now: datetime) -> Path:
        """Keep the damaged file and its WAL/SHM (they belong to it) for a later rescue.

        SQLite deletes the side files when the connection that found the damage closes,
        so they are copied first; leftovers must go, or the new file would replay them.
        """
        target = _free_name(self.path, "corrupt", now)
        try:
            for suffix in _SIDE_FILES:
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    shutil.copy2(side, Path(f"{target}{suffix}"))
            self._close_quietly()
            os.replace(self.path, target)
            for suffix in _SIDE_FILES:
                with suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
        except OSError as exc:
            self._close_quietly()
            raise LogbookError(
                f"The logbook {self.path} is damaged and could not be moved aside: "
                f"{exc.strerror or exc}"
            ) from exc
        return target

    @classmethod
    def open(cls, path: Path, now: datetime) -> tuple[Logbook, Path | None]:
        """The logbook and, if the old file was damaged, where it was moved to."""
        book = cls(path, now)
        return book, book.moved_aside

    def _connect(self) -> sqlite3.Connection:
        """One place that opens the file, so tests can hand in a failing connection."""
        return sqlite3.connect(self.path, timeout=10, isolation_level=None)

    def _open(self) -> None:
        try:
            _create_private(self.path)
        except OSError as exc:
            raise LogbookError(self._os_problem(exc)) from exc
        try:
            self._db = self._connect()
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._refuse_newer()
            if _quick_check(self._db) != "ok":
                raise _Damaged("the integrity check failed")  # still open: see _move_aside
            _make_private(self.path)
            if self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except LogbookError:
            self._close_quietly()
            raise
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                raise _Damaged(str(exc)) from exc
            self._close_quietly()
            problem = self._write_problem(exc)
            if problem is not None:
                raise problem from exc
            raise LogbookError(f"The logbook {self.path} cannot be opened: {exc}") from exc
        except OSError as exc:
            self._close_quietly()
            raise LogbookError(self._os_problem(exc)) from exc

    # -- plumbing ----------------------------------------------------------------

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE so two writers queue up instead of failing half-way.

        A read-only folder or a full disk becomes a ``LogbookError`` the person can read;
        the transaction is rolled back, so what was saved before stays as it was.
        """
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._rollback_quietly()
                raise
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback_quietly()
            problem = self._write_problem(exc)
            if problem is None:
                raise
            raise problem from exc

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for several reads (an export sees no half-written state)."""
        self._db.execute("BEGIN")
        try:
            yield self._db
        finally:
            self._rollback_quietly()

    def _rollback_quietly(self) -> None:
        with suppress(sqlite3.Error):
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")

    def _write_problem(self, exc: sqlite3.Error) -> LogbookError | None:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_READONLY:
            return LogbookError(
                f"Could not save: the data folder {self.path.parent} is read-only. "
                "Nothing saved before was lost."
            )
        if code == sqlite3.SQLITE_FULL:
            return LogbookError(
                f"Could not save: the disk is full (data folder {self.path.parent}). "
                "Free some space and try again; nothing saved before was lost."
            )
        if code == sqlite3.SQLITE_BUSY:
            return LogbookError(
                "Could not save: the logbook is busy in another Nightstretch; try again."
            )
        if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
            return LogbookError(f"Could not save: the logbook {self.path} cannot be written.")
        return None

    def _os_problem(self, exc: OSError) -> str:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (
                f"Could not save: the data folder {self.path.parent} is read-only. "
                "Nothing saved before was lost."
            )
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"Could not save: the disk is full (data folder {self.path.parent})."
        return f"The logbook {self.path} cannot be opened: {exc.strerror or exc}"

    def _refuse_newer(self) -> None:
        """Checked before anything (even the WAL switch) writes to the file."""
        current = self.version
        if current > SCHEMA_VERSION:
            raise LogbookTooNew(
                f"The logbook {self.path} was written by a newer Nightstretch "
                f"(schema {current}, this version knows {SCHEMA_VERSION}). "
                "Update Nightstretch; the logbook was left untouched."
            )

    def _migrate(self) -> None:
        """All pending migrations in one transaction; the version is re-read under the
        write lock because another process may have migrated while we waited."""
        if self.version >= SCHEMA_VERSION:
            return
        with self.transaction() as db:
            for version in range(self.version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")

    def __enter__(self) -> Logbook:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _close_quietly(self) -> None:
        with suppress(AttributeError, sqlite3.Error):
            self._db.close()

    def counts(self) -> dict[str, int]:
        with self.reading() as db:
            return {t: int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}

    # -- sessions ------------------------------------------------------------------

    def start_session(self, routine_id: str, started: datetime, steps_total: int) -> int:
        """``started`` is local, tz-aware time: its offset fixes the night it belongs to."""
        local = _aware(started, "start_session")
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (routine_id, started_utc, utc_offset_min, night_date,"
                " steps_total) VALUES (?, ?, ?, ?, ?)",
                (routine_id, utc_text(local), offset_minutes(local), night_of(local), steps_total),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def add_manual_session(self, routine_id: str, done_at: datetime, steps_total: int = 0) -> int:
        """ "Already done": stretching without the player still counts for the night."""
        local = _aware(done_at, "add_manual_session")
        stamp = utc_text(local)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (routine_id, started_utc, ended_utc, utc_offset_min,"
                " night_date, steps_done, steps_total, status, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'completed', 'manual')",
                (
                    routine_id,
                    stamp,
                    stamp,
                    offset_minutes(local),
                    night_of(local),
                    steps_total,
                    steps_total,
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def record_progress(self, session_id: int, steps_done: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET steps_done = ? WHERE id = ?", (steps_done, session_id))

    def end_session(
        self, session_id: int, ended: datetime, steps_done: int, status: SessionStatus
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET ended_utc = ?, steps_done = ?, status = ? WHERE id = ?",
                (utc_text(ended), steps_done, status, session_id),
            )

    def set_feeling(self, session_id: int, feeling: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET feeling = ? WHERE id = ?", (feeling, session_id))

    def delete_session(self, session_id: int) -> bool:
        return self._delete("sessions", "id", session_id)

    def sessions(
        self, first_night: str | None = None, last_night: str | None = None
    ) -> list[SessionRow]:
        rows = self._select("sessions", "started_utc", first_night, last_night)
        return [SessionRow(**dict(row)) for row in rows]

    # -- water -----------------------------------------------------------------------

    def add_water(self, ml: int, at: datetime, source: WaterSource = "app") -> int:
        checked = entries.water_ml(ml)
        local = _aware(at, "add_water")
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO water (at_utc, utc_offset_min, night_date, ml, source)"
                " VALUES (?, ?, ?, ?, ?)",
                (utc_text(local), offset_minutes(local), night_of(local), checked, source),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def update_water(self, water_id: int, ml: int, at: datetime) -> bool:
        checked = entries.water_ml(ml)
        local = _aware(at, "update_water")
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE water SET at_utc = ?, utc_offset_min = ?, night_date = ?, ml = ?"
                " WHERE id = ?",
                (utc_text(local), offset_minutes(local), night_of(local), checked, water_id),
            )
            return cursor.rowcount > 0

    def delete_water(self, water_id: int) -> bool:
        return self._delete("water", "id", water_id)

    def water(
        self, first_night: str | None = None, last_night: str | None = None
    ) -> list[WaterRow]:
        rows = self._select("water", "at_utc", first_night, last_night)
        return [WaterRow(**dict(row)) for row in rows]

    def water_total(self, night: str) -> int:
        row = self._db.execute(
            "SELECT coalesce(sum(ml), 0) FROM water WHERE night_date = ?", (night,)
        ).fetchone()
        return int(row[0])

    # -- cramps ----------------------------------------------------------------------

    def add_cramp(self, entry: CrampEntry, logged: datetime) -> int:
        """``logged`` is when it was typed in; the night comes from when it happened."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO cramps (happened_utc, logged_utc, utc_offset_min, night_date, leg,"
                " muscle, severity, duration_min, helped, swelling, redness, warmth,"
                " pain_not_easing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    utc_text(entry.happened),
                    utc_text(_aware(logged, "add_cramp")),
                    *self._cramp_values(entry),
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def update_cramp(self, cramp_id: int, entry: CrampEntry) -> bool:
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE cramps SET happened_utc = ?, utc_offset_min = ?, night_date = ?,"
                " leg = ?, muscle = ?, severity = ?, duration_min = ?, helped = ?,"
                " swelling = ?, redness = ?, warmth = ?, pain_not_easing = ? WHERE id = ?",
                (utc_text(entry.happened), *self._cramp_values(entry), cramp_id),
            )
            return cursor.rowcount > 0

    @staticmethod
    def _cramp_values(entry: CrampEntry) -> tuple[object, ...]:
        return (
            offset_minutes(entry.happened),
            entry.night_date,
            entry.leg,
            entry.muscle,
            entry.severity,
            entry.duration_min,
            entry.helped,
            int(entry.swelling),
            int(entry.redness),
            int(entry.warmth),
            int(entry.pain_not_easing),
        )

    def delete_cramp(self, cramp_id: int) -> bool:
        return self._delete("cramps", "id", cramp_id)

    def cramps(
        self, first_night: str | None = None, last_night: str | None = None
    ) -> list[CrampRow]:
        rows = self._select("cramps", "happened_utc", first_night, last_night)
        return [_cramp_row(row) for row in rows]

    # -- morning check-ins -------------------------------------------------------------

    def set_checkin(self, night: str, cramp_count: int, answered: datetime) -> bool:
        """One answer per night; answering again replaces it. True if it replaced one."""
        night = entries.night_date(night)
        count = entries.cramp_count(cramp_count)
        local = _aware(answered, "set_checkin")
        with self.transaction() as db:
            existed = db.execute("SELECT 1 FROM checkins WHERE night_date = ?", (night,)).fetchone()
            db.execute(
                "INSERT INTO checkins (night_date, answered_utc, utc_offset_min, cramp_count)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (night_date) DO UPDATE SET"
                " answered_utc = excluded.answered_utc,"
                " utc_offset_min = excluded.utc_offset_min,"
                " cramp_count = excluded.cramp_count",
                (night, utc_text(local), offset_minutes(local), count),
            )
            return existed is not None

    def delete_checkin(self, night: str) -> bool:
        return self._delete("checkins", "night_date", night)

    def checkins(
        self, first_night: str | None = None, last_night: str | None = None
    ) -> list[CheckinRow]:
        rows = self._select("checkins", "night_date", first_night, last_night)
        return [CheckinRow(**dict(row)) for row in rows]

    # -- reminder history -------------------------------------------------------------

    def add_reminder_event(
        self,
        at: datetime,
        kind: ReminderKind,
        event: ReminderEvent,
        detail: str | None = None,
    ) -> int:
        local = _aware(at, "add_reminder_event")
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO reminder_events (at_utc, utc_offset_min, kind, event, detail)"
                " VALUES (?, ?, ?, ?, ?)",
                (utc_text(local), offset_minutes(local), kind, event, detail),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def update_reminder_event(
        self, event_id: int, event: ReminderEvent, detail: str | None = None
    ) -> bool:
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE reminder_events SET event = ?, detail = ? WHERE id = ?",
                (event, detail, event_id),
            )
            return cursor.rowcount > 0

    def delete_reminder_event(self, event_id: int) -> bool:
        return self._delete("reminder_events", "id", event_id)

    def reminder_events(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[ReminderEventRow]:
        clauses: list[str] = []
        params: list[str] = []
        if since is not None:
            clauses.append("at_utc >= ?")
            params.append(utc_text(_aware(since, "reminder_events")))
        if until is not None:
            clauses.append("at_utc < ?")
            params.append(utc_text(_aware(until, "reminder_events")))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(
            f"SELECT * FROM reminder_events{where} ORDER BY at_utc, id", params
        ).fetchall()
        return [ReminderEventRow(**dict(row)) for row in rows]

    # -- paused and sick days ------------------------------------------------------------

    def set_day_mark(self, night: str, mark: DayMark) -> None:
        """A paused or sick night is left out of streaks instead of breaking them."""
        night = entries.night_date(night)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO day_marks (night_date, mark) VALUES (?, ?)"
                " ON CONFLICT (night_date) DO UPDATE SET mark = excluded.mark",
                (night, mark),
            )

    def clear_day_mark(self, night: str) -> bool:
        return self._delete("day_marks", "night_date", night)

    def day_marks(
        self, first_night: str | None = None, last_night: str | None = None
    ) -> list[DayMarkRow]:
        rows = self._select("day_marks", "night_date", first_night, last_night)
        return [DayMarkRow(**dict(row)) for row in rows]

    # -- bulk rows (generated data, imports) ---------------------------------------

    def insert_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
    ) -> int:
        """Many rows of one table in a single transaction; returns how many went in.

        For generated test data and imports, not for everyday logging: the values are
        stored as given (the schema's CHECK constraints still apply, and one bad row
        rolls back the whole batch). Table and column names are checked against the
        schema because they cannot be passed as SQL parameters.
        """
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        known = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
        unknown = [c for c in columns if c not in known]
        if unknown or not columns:
            raise ValueError(f"unknown columns for {table}: {unknown or 'none given'}")
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        with self.transaction() as db:
            return db.executemany(sql, rows).rowcount

    # -- undo ---------------------------------------------------------------------------

    def put_back(self, row: SessionRow | WaterRow | CrampRow | CheckinRow | DayMarkRow) -> None:
        """Write ``row`` back exactly as it was read, under its old id: undo for the history.

        A deleted row comes back with every value it had (also ``logged_utc`` and the
        night it was filed under); an edited one is reverted. For check-ins and day marks
        the night is unique, so a later answer for the same night is replaced by the old one.
        """
        tables: dict[type, str] = {
            SessionRow: "sessions",
            WaterRow: "water",
            CrampRow: "cramps",
            CheckinRow: "checkins",
            DayMarkRow: "day_marks",
        }
        table = tables[type(row)]
        values = {k: int(v) if isinstance(v, bool) else v for k, v in vars(row).items()}
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})",
                tuple(values.values()),
            )

    # -- shared helpers ---------------------------------------------------------------

    def _select(
        self, table: str, order: str, first_night: str | None, last_night: str | None
    ) -> list[sqlite3.Row]:
        clauses: list[str] = []
        params: list[str] = []
        if first_night is not None:
            clauses.append("night_date >= ?")
            params.append(first_night)
        if last_night is not None:
            clauses.append("night_date <= ?")
            params.append(last_night)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        tiebreak = ", id" if table != "day_marks" else ""
        return self._db.execute(
            f"SELECT * FROM {table}{where} ORDER BY {order}{tiebreak}", params
        ).fetchall()

    def _delete(self, table: str, key: str, value: object) -> bool:
        with self.transaction() as db:
            return db.execute(f"DELETE FROM {table} WHERE {key} = ?", (value,)).rowcount > 0

    # -- backup and restore ------------------------------------------------------------

    def backup_to(self, target: Path, overwrite: bool = False) -> None:
        """A consistent single-file copy through SQLite's backup API, never a half file."""
        if _same_file(target, self.path):
            raise LogbookError(f"{target} is the logbook itself; choose another name.")
        if target.exists() and not overwrite:
            raise LogbookError(f"{target} already exists; choose another name or use --force.")
        if not target.parent.is_dir():
            raise LogbookError(f"The folder {target.parent} does not exist.")
        staging = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            _write_copy(self._db, staging)
            os.replace(staging, target)
        except OSError as exc:
            raise LogbookError(f"Could not write {target}: {exc.strerror or exc}") from exc
        except sqlite3.Error as exc:
            raise LogbookError(f"Could not write {target}: {exc}") from exc
        finally:
            _remove_with_side_files(staging)

    def restore_from(self, source: Path, now: datetime) -> Path:
        """Replace the contents with ``source`` once it proved to be a sound logbook.

        The current contents are kept first as ``<name>.before-restore-<stamp>.db``. The
        copy goes in through the backup API, so a running app sees the restored logbook
        on its next read instead of a file swapped under its feet.
        """
        if not source.is_file():
            raise LogbookError(f"{source} does not exist or is not a file.")
        if _same_file(source, self.path):
            raise LogbookError(f"{source} is the logbook itself; there is nothing to restore.")
        with tempfile.TemporaryDirectory(dir=self.path.parent, prefix=".restore-") as folder:
            staged = Path(folder) / "restore.db"
            try:
                shutil.copyfile(source, staged)
                for suffix in ("-wal",):
                    side = Path(f"{source}{suffix}")
                    if side.exists():
                        shutil.copyfile(side, Path(f"{staged}{suffix}"))
            except OSError as exc:
                raise LogbookError(f"Could not read {source}: {exc.strerror or exc}") from exc
            incoming = sqlite3.connect(staged, isolation_level=None)
            try:
                _check_restorable(incoming, source)
                kept = _free_name(self.path, "before-restore", now)
                self.backup_to(kept)
                try:
                    incoming.backup(self._db)
                except sqlite3.Error as exc:
                    problem = self._write_problem(exc)
                    raise problem or LogbookError(f"Could not restore {source}: {exc}") from exc
            finally:
                incoming.close()
        self._migrate()
        return kept


class _Damaged(Exception):
    """The file is not a usable SQLite database: moved aside, never overwritten."""


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _quick_check(db: sqlite3.Connection) -> str:
    rows = db.execute("PRAGMA quick_check").fetchall()
    return "; ".join(str(row[0]) for row in rows[:3])


def _check_restorable(db: sqlite3.Connection, source: Path) -> int:
    """A sound Nightstretch logbook this version can read, or a ``LogbookError`` saying why."""
    not_ours = LogbookError(f"{source} is not a Nightstretch logbook.")
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        result = "; ".join(str(r[0]) for r in db.execute("PRAGMA integrity_check").fetchall()[:3])
        app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            raise not_ours from exc
        raise LogbookError(f"{source} cannot be read: {exc}") from exc
    if result != "ok":
        raise LogbookError(f"{source} is damaged (integrity check: {result}); nothing was changed.")
    if app_id not in (0, APPLICATION_ID) or version < 1 or "sessions" not in tables:
        raise not_ours
    if version > SCHEMA_VERSION:
        raise LogbookError(
            f"{source} was written by a newer Nightstretch (schema {version}, this version "
            f"knows {SCHEMA_VERSION}); update Nightstretch first. Nothing was changed."
        )
    missing = [t for t in TABLES[: 1 if version < 2 else len(TABLES)] if t not in tables]
    if missing:
        raise LogbookError(f"{source} is incomplete (missing {', '.join(missing)}).")
    return version


def _write_copy(db: sqlite3.Connection, target: Path) -> None:
    _remove_with_side_files(target)
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        db.backup(copy)
        # the backup copies the WAL flag too; a backup file must stand alone
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()


def _same_file(one: Path, other: Path) -> bool:
    return one.expanduser().resolve() == other.expanduser().resolve()


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        with suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _free_name(path: Path, label: str, now: datetime) -> Path:
    """``nightstretch.<label>-YYYYmmdd-HHMMSS.db``, with a counter if that name is taken."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        extra = "" if n == 1 else f"-{n}"
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}{extra}{path.suffix}")
        taken = (Path(f"{candidate}{s}").exists() for s in ("", *_SIDE_FILES))
        if not any(taken):
            return candidate
    raise LogbookError(f"Too many {label} copies next to {path}; tidy up that folder.")


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _create_private(path: Path) -> None:
    """Create the file 0600 before SQLite does; WAL and SHM files inherit its mode."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        with suppress(FileExistsError):  # another process was a moment quicker
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
            os.close(fd)


def _make_private(path: Path) -> None:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
