"""Restore that can only bring back data: rows, checked one by one, never the file itself.

The incoming file is never attached, swapped in or copied page by page into the logbook:
a crafted backup could carry triggers that delete cramps at the next ``log water``, views
that run forever, extra columns or rows no new entry could be. Instead it is copied into a
private staging folder, a fresh logbook is built there by our own migrations, its rows come
across through ``rowcopy.copy_rows`` (each checked as a new entry is) in one transaction,
and only that clean file goes into the live logbook, through SQLite's backup API so a
running app sees it on its next read. Any refusal is one line and changes nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from nightstretch.core.i18n import _
from nightstretch.store.files import RESTORE_PREFIX
from nightstretch.store.logbook_errors import LogbookError, is_damage, write_problem
from nightstretch.store.logbook_files import backup, free_name, same_file
from nightstretch.store.rowcopy import DEADLINE_S, CopyResult, RowProblem, copy_rows
from nightstretch.store.salvage import copy_private, staging_folder
from nightstretch.store.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    apply_migrations,
    required_tables,
)

__all__ = ["RESTORE_PREFIX", "RestoreResult", "check_restorable", "restore"]

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class RestoreResult:
    kept: Path
    """The logbook as it was before the restore."""
    rows: CopyResult
    """How many rows of each kind came back."""


def restore(
    db: sqlite3.Connection,
    logbook: Path,
    source: Path,
    now: datetime,
    deadline_s: float = DEADLINE_S,
) -> RestoreResult:
    """Bring the rows of ``source`` into the logbook ``db``; the old contents are kept first.

    Raises ``LogbookError`` (one line, the logbook untouched) for a file that is not ours,
    newer, damaged, incomplete, holds a row a new entry could not be, or reads too slowly.
    """
    if not source.is_file():
        raise LogbookError(_("{file} does not exist or is not a file.").format(file=source))
    if same_file(source, logbook):
        raise LogbookError(
            _("{file} is the logbook itself; there is nothing to restore.").format(file=source)
        )
    deadline = time.monotonic() + deadline_s
    folder = staging_folder(logbook.parent, RESTORE_PREFIX)
    try:
        staged = folder / "incoming.db"
        try:
            copy_private(source, staged)
            wal = Path(f"{source}-wal")
            if wal.is_file():
                copy_private(wal, Path(f"{staged}-wal"))
        except OSError as exc:
            raise LogbookError(_could_not_read(source, exc)) from exc
        check_restorable(staged, source, deadline)
        clean = _fresh_logbook(folder / "clean.db", db)
        try:
            rows = _copy(staged, clean, source, deadline)
            kept = free_name(logbook, "before-restore", now)
            backup(db, logbook, kept)
            try:
                clean.backup(db)
            except sqlite3.Error as exc:
                problem = write_problem(exc, logbook)
                raise problem or LogbookError(
                    _("Could not restore {file}: {reason}").format(file=source, reason=exc)
                ) from exc
        finally:
            clean.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return RestoreResult(kept, rows)


def _fresh_logbook(path: Path, live: sqlite3.Connection) -> sqlite3.Connection:
    """Built by our migrations alone, with the live file's page size (the backup API into
    a WAL logbook needs them equal)."""
    page_size = int(live.execute("PRAGMA page_size").fetchone()[0])
    clean = sqlite3.connect(path, isolation_level=None)
    try:
        clean.execute(f"PRAGMA page_size = {page_size}")
        clean.execute("BEGIN IMMEDIATE")
        apply_migrations(clean)
        clean.execute("COMMIT")
    except BaseException:
        clean.close()
        raise
    return clean


def _copy(staged: Path, clean: sqlite3.Connection, source: Path, deadline: float) -> CopyResult:
    try:
        return copy_rows(
            staged, clean, MIGRATIONS, salvage=False, deadline_s=deadline - time.monotonic()
        )
    except RowProblem as exc:
        raise LogbookError(
            _("{file} cannot be restored: {reason}; nothing was changed.").format(
                file=source, reason=exc
            )
        ) from None
    except sqlite3.DatabaseError as exc:
        raise _read_problem(exc, source) from None


def _read_problem(exc: sqlite3.DatabaseError, source: Path) -> LogbookError:
    if "interrupted" in str(exc):
        return LogbookError(
            _("Reading {file} took too long; nothing was changed.").format(file=source)
        )
    if is_damage(exc):
        return LogbookError(_not_ours(source))
    return LogbookError(
        _("{file} cannot be read ({reason}); nothing was changed.").format(file=source, reason=exc)
    )


def _not_ours(source: Path) -> str:
    return _("{file} is not a Nightstretch logbook.").format(file=source)


def _could_not_read(source: Path, exc: OSError) -> str:
    return _("Could not read {file}: {reason}").format(file=source, reason=exc.strerror or exc)


def check_restorable(staged: Path, source: Path, deadline: float) -> int:
    """The schema version of a sound Nightstretch logbook, or a ``LogbookError`` saying why.

    Reads a staged copy with the file's own schema kept from running (no trusted schema,
    query-only, a deadline), so nothing in it executes.
    """
    not_ours = LogbookError(_not_ours(source))
    try:
        with staged.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise not_ours
    except OSError as exc:
        raise LogbookError(_could_not_read(source, exc)) from exc
    db = sqlite3.connect(staged, isolation_level=None)
    try:
        db.execute("PRAGMA trusted_schema = OFF")
        db.execute("PRAGMA query_only = ON")
        db.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
        kinds = dict(db.execute("SELECT name, type FROM sqlite_master").fetchall())
        ours = app_id == APPLICATION_ID or (app_id == 0 and version == 1)
        if not ours or version < 1 or kinds.get("sessions") != "table":
            raise not_ours
        if version > SCHEMA_VERSION:
            raise LogbookError(
                _(
                    "{file} was written by a newer Nightstretch (schema {version}, this version "
                    "knows {known}); update Nightstretch first. Nothing was changed."
                ).format(file=source, version=version, known=SCHEMA_VERSION)
            )
        rows = db.execute("PRAGMA integrity_check").fetchall()[:3]
        result = "; ".join(str(r[0]) for r in rows)
    except sqlite3.DatabaseError as exc:
        raise _read_problem(exc, source) from None
    finally:
        db.close()
    if result != "ok":
        raise LogbookError(
            _("{file} is damaged (integrity check: {result}); nothing was changed.").format(
                file=source, result=result
            )
        )
    missing = [t for t in required_tables(version) if t not in kinds]
    if missing:
        raise LogbookError(
            _("{file} is incomplete (missing {tables}); nothing was changed.").format(
                file=source, tables=", ".join(missing)
            )
        )
    return version
