"""Logbook problems worded for the person using the app, from SQLite codes and OS errors.

One place turns "SQLITE_READONLY" or ``ENOSPC`` into a sentence she can act on, so opening,
saving and restoring all say the same thing about the same trouble.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from nightstretch.core.i18n import _


class LogbookError(Exception):
    """A logbook problem worded for the person using the app."""


class LogbookTooNew(LogbookError):
    pass


class Damaged(Exception):
    """The file is not a usable SQLite database: moved aside, never overwritten."""


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def write_problem(exc: sqlite3.Error, path: Path) -> LogbookError | None:
    """The readable form of a failed write to the logbook at ``path``; None if unknown."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_READONLY:
        return LogbookError(_read_only(path))
    if code == sqlite3.SQLITE_FULL:
        return LogbookError(
            _(
                "Could not save: the disk is full (data folder {folder}). "
                "Free some space and try again; nothing saved before was lost."
            ).format(folder=path.parent)
        )
    if code == sqlite3.SQLITE_BUSY:
        return LogbookError(
            _("Could not save: the logbook is busy in another Nightstretch; try again.")
        )
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        return LogbookError(
            _("Could not save: the logbook {path} cannot be written.").format(path=path)
        )
    return None


def os_problem(exc: OSError, path: Path) -> str:
    """The readable form of a file-system error while creating or opening ``path``."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _read_only(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("Could not save: the disk is full (data folder {folder}).").format(
            folder=path.parent
        )
    return _("The logbook {path} cannot be opened: {reason}").format(
        path=path, reason=exc.strerror or exc
    )


def _read_only(path: Path) -> str:
    return _(
        "Could not save: the data folder {folder} is read-only. Nothing saved before was lost."
    ).format(folder=path.parent)
