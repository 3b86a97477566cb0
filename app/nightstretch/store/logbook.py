"""The SQLite logbook: one connection, one transaction per write, and every query.

What someone logs at 3 a.m. must survive a crash a second later, so every write is its
own committed transaction in WAL mode with ``synchronous=FULL``, and a session row is
written when a routine starts (not when it ends) so a killed player leaves a trace.

The rest of the logbook lives beside this class, each in a room of its own: the schema
and its migrations in ``schema``, the row types and time conversions in ``rows``, the
readable errors in ``logbook_errors``, moving aside, backup and bulk rows in
``logbook_files``, restore in ``restore``, salvage in ``salvage`` and the read-only open in
``logbook_readonly``; the methods here reach them (loading them then: a login never needs
them) in one line each.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nightstretch.core import entries
from nightstretch.core.clock import night_of
from nightstretch.core.entries import CrampEntry
from nightstretch.core.i18n import _
from nightstretch.store.logbook_errors import (
    Damaged,
    LogbookError,
    LogbookTooNew,
    is_damage,
    os_problem,
    write_problem,
)
from nightstretch.store.private import private_dir
from nightstretch.store.rows import (
    TABLE_OF,
    CheckinRow,
    CrampRow,
    DayMark,
    DayMarkRow,
    LoggedRow,
    ReminderEvent,
    ReminderEventRow,
    ReminderKind,
    SessionRow,
    SessionStatus,
    WaterRow,
    WaterSource,
    aware,
    checked,
    cramp_row,
    offset_minutes,
    select_valid,
    utc_text,
)
from nightstretch.store.schema import (
    SCHEMA_VERSION,
    TABLES,
    apply_migrations,
    quick_check,
    user_version,
)

if TYPE_CHECKING:
    from nightstretch.store.restore import RestoreResult
    from nightstretch.store.salvage import SalvageResult

__all__ = ["Logbook", "LogbookError", "LogbookTooNew"]


class Logbook:
    """One open logbook. A damaged file is moved aside, a fresh one started, and every
    readable row of the old one brought into it.

    ``moved_aside`` then names where the damaged file went and ``salvage`` what came back
    (``salvage.salvage_message`` words it), so the caller can tell the person once; a
    logbook from a newer Nightstretch is never touched. ``invalid_rows`` collects the keys
    of rows that readers skipped because they fail the checks (written around the app).
    """

    def __init__(self, path: Path, now: datetime | None = None) -> None:
        self.path = path
        self.moved_aside: Path | None = None
        self.salvage: SalvageResult | None = None
        self.invalid_rows: dict[str, set[str]] = {}
        try:
            self._open()
        except Damaged:
            from nightstretch.store import logbook_files, salvage

            self.moved_aside = logbook_files.move_aside(
                path, now if now is not None else datetime.now(), self._close_quietly
            )
            try:
                self._open()
            except Damaged as exc:
                self._close_quietly()
                raise LogbookError(
                    _("The logbook {file} cannot be created: {reason}").format(
                        file=path, reason=exc
                    )
                ) from exc
            self.salvage = salvage.salvage_into(self.moved_aside, self._db)

    @classmethod
    def open_read_only(
        cls, path: Path, connect: Callable[[str], sqlite3.Connection] | None = None
    ) -> Logbook:
        """For reading (history, export, backup, report) without write access anywhere.

        Never creates, migrates, chmods or moves the file: a missing logbook reads as
        empty, an older one is migrated in memory, a damaged one is salvaged into memory
        (``salvage`` says so). Writes raise ``LogbookError`` ("read-only").
        """
        from nightstretch.store import logbook_readonly

        book = cls.__new__(cls)
        book.path = path
        book.moved_aside = None
        book.invalid_rows = {}
        book._db, book.salvage = logbook_readonly.connect_read_only(path, connect)
        book._db.row_factory = sqlite3.Row
        return book

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
            raise LogbookError(os_problem(exc, self.path)) from exc
        try:
            self._db = self._connect()
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._refuse_newer()
            if quick_check(self._db) != "ok":
                raise Damaged("the integrity check failed")  # still open: see move_aside
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
            if is_damage(exc):
                raise Damaged(str(exc)) from exc
            self._close_quietly()
            problem = write_problem(exc, self.path)
            if problem is not None:
                raise problem from exc
            raise LogbookError(
                _("The logbook {file} cannot be opened: {reason}").format(
                    file=self.path, reason=exc
                )
            ) from exc
        except OSError as exc:
            self._close_quietly()
            raise LogbookError(os_problem(exc, self.path)) from exc

    # -- plumbing ----------------------------------------------------------------

    @property
    def version(self) -> int:
        return user_version(self._db)

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
            problem = write_problem(exc, self.path)
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

    def _refuse_newer(self) -> None:
        """Checked before anything (even the WAL switch) writes to the file."""
        current = self.version
        if current > SCHEMA_VERSION:
            raise LogbookTooNew(
                _(
                    "The logbook {file} was written by a newer Nightstretch (schema {schema},"
                    " this version knows {known}). Update Nightstretch; the logbook was left"
                    " untouched."
                ).format(file=self.path, schema=current, known=SCHEMA_VERSION)
            )

    def _migrate(self) -> None:
        if self.version >= SCHEMA_VERSION:
            return
        with self.transaction() as db:
            apply_migrations(db)

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
        local = aware(started, "start_session")
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
        local = aware(done_at, "add_manual_session")
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
        return [SessionRow(**row) for row in rows]

    # -- water -----------------------------------------------------------------------

    def add_water(self, ml: int, at: datetime, source: WaterSource = "app") -> int:
        checked = entries.water_ml(ml)
        local = aware(at, "add_water")
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
        local = aware(at, "update_water")
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
        return [WaterRow(**row) for row in rows]

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
                    utc_text(aware(logged, "add_cramp")),
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
        return [cramp_row(row) for row in rows]

    # -- morning check-ins -------------------------------------------------------------

    def set_checkin(self, night: str, cramp_count: int, answered: datetime) -> bool:
        """One answer per night; answering again replaces it. True if it replaced one."""
        night = entries.night_date(night)
        count = entries.cramp_count(cramp_count)
        local = aware(answered, "set_checkin")
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
        return [CheckinRow(**row) for row in rows]

    # -- reminder history -------------------------------------------------------------

    def add_reminder_event(
        self,
        at: datetime,
        kind: ReminderKind,
        event: ReminderEvent,
        detail: str | None = None,
    ) -> int:
        local = aware(at, "add_reminder_event")
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
            params.append(utc_text(aware(since, "reminder_events")))
        if until is not None:
            clauses.append("at_utc < ?")
            params.append(utc_text(aware(until, "reminder_events")))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(
            f"{select_valid('reminder_events')}{where} ORDER BY at_utc, id", params
        ).fetchall()
        return [ReminderEventRow(**row) for row in self._checked("reminder_events", rows)]

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
        return [DayMarkRow(**row) for row in rows]

    # -- undo ---------------------------------------------------------------------------

    def put_back(self, row: LoggedRow) -> None:
        """Write ``row`` back exactly as it was read, under its old id: undo for the history.

        A deleted row comes back with every value it had (also ``logged_utc`` and the
        night it was filed under); an edited one is reverted. For check-ins and day marks
        the night is unique, so a later answer for the same night is replaced by the old one.
        """
        table = TABLE_OF[type(row)]
        values = {k: int(v) if isinstance(v, bool) else v for k, v in vars(row).items()}
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})",
                tuple(values.values()),
            )

    # -- shared helpers ---------------------------------------------------------------

    def _checked(self, table: str, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
        """Rows a reader can trust; the others are counted in ``invalid_rows``, not shown."""
        good, bad = checked(table, rows)
        if bad:
            self.invalid_rows.setdefault(table, set()).update(bad)
        return good

    def select_checked(
        self, table: str, tail: str = "", params: Sequence[object] = ()
    ) -> list[dict[str, Any]]:
        """Rows of ``table`` a reader can trust, for the store rooms beside this class."""
        rows = self._db.execute(f"{select_valid(table)} {tail}", params).fetchall()
        return self._checked(table, rows)

    def _select(
        self, table: str, order: str, first_night: str | None, last_night: str | None
    ) -> list[dict[str, Any]]:
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
        rows = self._db.execute(
            f"{select_valid(table)}{where} ORDER BY {order}{tiebreak}", params
        ).fetchall()
        return self._checked(table, rows)

    def _delete(self, table: str, key: str, value: object) -> bool:
        with self.transaction() as db:
            return db.execute(f"DELETE FROM {table} WHERE {key} = ?", (value,)).rowcount > 0

    # -- the file: bulk rows, backup and restore (``logbook_files``) ----------------------

    def insert_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
    ) -> int:
        """Many rows of one table in one transaction, for generated data and imports."""
        from nightstretch.store import logbook_files

        return logbook_files.insert_many(self, table, columns, rows)

    def backup_to(self, target: Path, overwrite: bool = False) -> None:
        """A consistent single-file copy through SQLite's backup API, never a half file."""
        from nightstretch.store.logbook_files import backup

        backup(self._db, self.path, target, overwrite)

    def restore(self, source: Path, now: datetime) -> RestoreResult:
        """Replace the contents with the checked rows of ``source``: the kept copy and the
        rows of each kind that came back. Nothing of the file but its rows comes in."""
        from nightstretch.store import restore as restoring

        result = restoring.restore(self._db, self.path, source, now)
        self.invalid_rows.clear()
        return result


def _create_private(path: Path) -> None:
    """Create the file 0600 before SQLite does; WAL and SHM files inherit its mode."""
    private_dir(path.parent)
    if not path.exists():
        with suppress(FileExistsError):  # another process was a moment quicker
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
            os.close(fd)


def _make_private(path: Path) -> None:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
