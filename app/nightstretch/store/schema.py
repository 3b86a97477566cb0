"""What a Nightstretch logbook is: its tables, numbered migrations and identifying marks.

Each migration is one entry of ``MIGRATIONS`` and the file's ``user_version`` says how many
have run. A shipped migration is never edited; a change to the schema is a new one at the end.
"""

from __future__ import annotations

import sqlite3

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
    # 3: "held", a reminder kept back while she was away, locked or busy (issue 12).
    # SQLite cannot change a CHECK constraint, so the table is rebuilt with its rows.
    """
    CREATE TABLE reminder_events_3 (
        id INTEGER PRIMARY KEY,
        at_utc TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 20),
        event TEXT NOT NULL CHECK (event IN ('scheduled', 'shown', 'started', 'snoozed',
            'skipped', 'done', 'ignored', 'missed', 'held')),
        detail TEXT
    );
    INSERT INTO reminder_events_3 (id, at_utc, utc_offset_min, kind, event, detail)
        SELECT id, at_utc, utc_offset_min, kind, event, detail FROM reminder_events;
    DROP TABLE reminder_events;
    ALTER TABLE reminder_events_3 RENAME TO reminder_events;
    CREATE INDEX reminder_events_by_time ON reminder_events (at_utc)
    """,
    # 4: warning-sign cramps she has discussed with her midwife or doctor (one mark per
    # cramp, kept even if the cramp is deleted so an undo brings both back), and the
    # "to ask at my visit" note she writes when she makes a report (each save a new row,
    # the newest is the note; issue 14)
    """
    CREATE TABLE discussed (
        cramp_id INTEGER PRIMARY KEY CHECK (cramp_id >= 1),
        at_utc TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL
    );
    CREATE TABLE visit_notes (
        id INTEGER PRIMARY KEY,
        written_utc TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        text TEXT NOT NULL CHECK (length(text) <= 2000)
    )
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = (
    "sessions",
    "water",
    "cramps",
    "checkins",
    "reminder_events",
    "day_marks",
    "discussed",
    "visit_notes",
)
SINCE: dict[str, int] = {"sessions": 1, "discussed": 4, "visit_notes": 4}
"""The schema version that made each table (2 where not named): a restore of an older file
asks only for the tables it could have."""


def required_tables(version: int) -> list[str]:
    return [table for table in TABLES if SINCE.get(table, 2) <= version]


def user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def apply_migrations(db: sqlite3.Connection) -> None:
    """Run the pending migrations; call inside one write transaction.

    The version is read here, under the write lock, because another process may have
    migrated while this one waited for the lock.
    """
    for version in range(user_version(db), SCHEMA_VERSION):
        for statement in _statements(MIGRATIONS[version]):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {version + 1}")


def quick_check(db: sqlite3.Connection) -> str:
    """``ok`` for a sound file, else the first few problems SQLite found."""
    rows = db.execute("PRAGMA quick_check").fetchall()
    return "; ".join(str(row[0]) for row in rows[:3])


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
