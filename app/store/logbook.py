"""The SQLite logbook: numbered migrations, one transaction per write, private file.

What someone logs at 3 a.m. must survive a crash a second later, so every write is its
own committed transaction in WAL mode with ``synchronous=FULL``, and a session row is
written when a routine starts (not when it ends) so a killed player leaves a trace.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from app.core.clock import night_of

SessionStatus = Literal["partial", "completed"]

MIGRATIONS: tuple[str, ...] = (
    # 1: the guided player's sessions
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
)
SCHEMA_VERSION = len(MIGRATIONS)


class LogbookError(Exception):
    """A logbook problem worded for the person using the app."""


class LogbookTooNew(LogbookError):
    pass


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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


class Logbook:
    def __init__(self, path: Path) -> None:
        self.path = path
        _create_private(path)
        try:
            self._db = sqlite3.connect(path, timeout=10, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._refuse_newer()
            _make_private(path)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except LogbookError:
            self._close_quietly()
            raise
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise LogbookError(f"The logbook {path} cannot be opened: {exc}") from exc

    # -- plumbing ----------------------------------------------------------------

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE so two writers queue up instead of failing half-way."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

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
        for version in range(self.version, SCHEMA_VERSION):
            with self.transaction() as db:
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")

    def close(self) -> None:
        self._db.close()

    def _close_quietly(self) -> None:
        with suppress(AttributeError, sqlite3.Error):
            self._db.close()

    # -- sessions ------------------------------------------------------------------

    def start_session(self, routine_id: str, started: datetime, steps_total: int) -> int:
        """``started`` is local, tz-aware time: its offset fixes the night it belongs to."""
        if started.tzinfo is None:
            raise ValueError("start_session needs an aware datetime")
        local = started
        offset = local.utcoffset()
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (routine_id, started_utc, utc_offset_min, night_date,"
                " steps_total) VALUES (?, ?, ?, ?, ?)",
                (
                    routine_id,
                    utc_text(started),
                    int(offset.total_seconds() // 60) if offset else 0,
                    night_of(local),
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

    def sessions(self) -> list[SessionRow]:
        rows = self._db.execute("SELECT * FROM sessions ORDER BY started_utc, id").fetchall()
        return [SessionRow(**dict(row)) for row in rows]


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _create_private(path: Path) -> None:
    """Create the file 0600 before SQLite does; WAL and SHM files inherit its mode."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)


def _make_private(path: Path) -> None:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
