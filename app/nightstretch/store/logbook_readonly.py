"""Reading the logbook without write access: history, export, backup and report.

A read-only data folder (a locked-down machine, a mounted backup, a full disk) must not stop
her from reading what she logged. So the file is opened with ``mode=ro`` and nothing that
writes runs: no migration, no WAL switch, no chmod, no moving aside. What would need a write
happens in memory instead: a missing logbook reads as empty, an older schema is migrated in
a copy, a damaged file is salvaged into memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from nightstretch.store.logbook_errors import Damaged, LogbookError, LogbookTooNew, is_damage
from nightstretch.store.salvage import SalvageResult, salvage_into
from nightstretch.store.schema import SCHEMA_VERSION, apply_migrations, quick_check, user_version

__all__ = ["connect_read_only", "uri"]

Connect = Callable[[str], sqlite3.Connection]


def uri(path: Path, *, immutable: bool = False) -> str:
    """``file:`` URI for ``path`` (percent-encoded), read-only."""
    extra = "&immutable=1" if immutable else ""
    return f"{path.absolute().as_uri()}?mode=ro{extra}"


def _connect(address: str) -> sqlite3.Connection:
    return sqlite3.connect(address, uri=True, isolation_level=None, timeout=10)


def connect_read_only(
    path: Path, connect: Connect | None = None
) -> tuple[sqlite3.Connection, SalvageResult | None]:
    """A query-only connection to ``path`` as it is, and the salvage if it was damaged.

    ``connect`` takes a ``file:`` URI; tests hand in one that fails like a read-only disk.
    """
    opener = connect or _connect
    if not path.exists():
        return _memory(), None
    try:
        db = _open(path, opener)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise LogbookError(f"The logbook {path} cannot be read: {exc}") from exc
        damaged = True
    except Damaged:
        damaged = True
    else:
        damaged = False
    if damaged:
        memory = _memory(query_only=False)
        result = salvage_into(path, memory)
        memory.execute("PRAGMA query_only = ON")
        return memory, result
    return db, None


def _open(path: Path, opener: Connect) -> sqlite3.Connection:
    """``mode=ro``; a WAL logbook whose ``-shm`` cannot be made in a read-only folder is
    opened ``immutable`` (nobody can be writing it there either)."""
    try:
        db = _checked(path, opener(uri(path)))
    except sqlite3.OperationalError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
            raise
        db = _checked(path, opener(uri(path, immutable=True)))
    if user_version(db) < SCHEMA_VERSION:
        db = _migrated_copy(db)
    db.execute("PRAGMA query_only = ON")
    return db


def _checked(path: Path, db: sqlite3.Connection) -> sqlite3.Connection:
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        version = user_version(db)
        if version > SCHEMA_VERSION:
            raise LogbookTooNew(
                f"The logbook {path} was written by a newer Nightstretch "
                f"(schema {version}, this version knows {SCHEMA_VERSION}). "
                "Update Nightstretch; the logbook was left untouched."
            )
        problem = quick_check(db)
        if problem != "ok":
            raise Damaged(f"the integrity check failed: {problem}")
    except BaseException:
        db.close()
        raise
    return db


def _memory(*, query_only: bool = True) -> sqlite3.Connection:
    """An empty logbook in memory, built by our migrations."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("BEGIN")
    apply_migrations(db)
    db.execute("COMMIT")
    if query_only:
        db.execute("PRAGMA query_only = ON")
    return db


def _migrated_copy(db: sqlite3.Connection) -> sqlite3.Connection:
    """An older logbook, migrated in memory: the file itself stays as it is."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.backup(memory)
    finally:
        db.close()
    memory.execute("BEGIN")
    apply_migrations(memory)
    memory.execute("COMMIT")
    return memory
