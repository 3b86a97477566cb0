"""The logbook as a file: moving a damaged one aside, backups and bulk rows.

Everything here keeps what she logged: a damaged file is kept (with its WAL) for a later
rescue (``salvage``), and a backup is a whole single file or nothing. Restores live in
``restore``: they bring back rows, never a file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nightstretch.core.i18n import _
from nightstretch.store.files import atomic_write
from nightstretch.store.logbook_errors import LogbookError
from nightstretch.store.schema import TABLES

if TYPE_CHECKING:
    from nightstretch.store.logbook import Logbook

SIDE_FILES = ("-wal", "-shm", "-journal")


def move_aside(path: Path, now: datetime, close: Callable[[], None]) -> Path:
    """Keep the damaged file and its WAL/SHM (they belong to it) for a later rescue.

    SQLite deletes the side files when the connection that found the damage closes
    (``close``), so they are copied first; leftovers must go, or the new file would
    replay them.
    """
    target = free_name(path, "corrupt", now)
    try:
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                shutil.copy2(side, Path(f"{target}{suffix}"))
        close()
        os.replace(path, target)
        for suffix in SIDE_FILES:
            with suppress(FileNotFoundError):
                Path(f"{path}{suffix}").unlink()
    except OSError as exc:
        close()
        raise LogbookError(
            _("The logbook {file} is damaged and could not be moved aside: {reason}").format(
                file=path, reason=exc.strerror or exc
            )
        ) from exc
    return target


def backup(db: sqlite3.Connection, logbook: Path, target: Path, overwrite: bool = False) -> None:
    """A consistent single-file copy through SQLite's backup API, never a half file."""
    if same_file(target, logbook):
        raise LogbookError(
            _("{file} is the logbook itself; choose another name.").format(file=target)
        )
    if target.exists() and not overwrite:
        raise LogbookError(
            _("{file} already exists; choose another name or use --force.").format(file=target)
        )
    if not target.parent.is_dir():
        raise LogbookError(f"The folder {target.parent} does not exist.")
    try:
        atomic_write(target, lambda staging: _write_copy(db, staging))
    except OSError as exc:
        raise LogbookError(f"Could not write {target}: {exc.strerror or exc}") from exc
    except sqlite3.Error as exc:
        raise LogbookError(f"Could not write {target}: {exc}") from exc


def insert_many(
    book: Logbook, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """Many rows of one table in a single transaction; returns how many went in.

    For generated test data and imports, not for everyday logging: the values are
    stored as given (the schema's CHECK constraints still apply, and one bad row
    rolls back the whole batch). Table and column names are checked against the
    schema because they cannot be passed as SQL parameters.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    with book.transaction() as db:
        known = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        unknown = [c for c in columns if c not in known]
        if unknown or not columns:
            raise ValueError(f"unknown columns for {table}: {unknown or 'none given'}")
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        return db.executemany(sql, rows).rowcount


def _write_copy(db: sqlite3.Connection, target: Path) -> None:
    """Fills ``atomic_write``'s staging file; its journal never outlives the copy."""
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            db.backup(copy)
            # the backup copies the WAL flag too; a backup file must stand alone
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    finally:
        for suffix in SIDE_FILES:
            with suppress(FileNotFoundError):
                Path(f"{target}{suffix}").unlink()


def same_file(one: Path, other: Path) -> bool:
    return one.expanduser().resolve() == other.expanduser().resolve()


def free_name(path: Path, label: str, now: datetime) -> Path:
    """``nightstretch.<label>-YYYYmmdd-HHMMSS.db``, with a counter if that name is taken."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        extra = "" if n == 1 else f"-{n}"
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}{extra}{path.suffix}")
        taken = (Path(f"{candidate}{s}").exists() for s in ("", *SIDE_FILES))
        if not any(taken):
            return candidate
    raise LogbookError(f"Too many {label} copies next to {path}; tidy up that folder.")
