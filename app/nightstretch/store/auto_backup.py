"""Automatic daily backups of the logbook in ``<data>/backups``, and their list.

Each is a consistent copy through SQLite's backup API (``Logbook.backup_to``: whole or
absent, mode 0600). Old ones are pruned only after a new one was written, and only by the
rotation rule in ``core/backups.py``, so a failed backup never costs an older good copy.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from nightstretch.core import backups
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.private import private_dir

FOLDER = "backups"
COUNTED = ("cramps", "water", "sessions", "checkins")
"""The entries a person logs; ``--list`` shows how many of each a backup holds."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    day: date
    counts: dict[str, int] | None
    """Entries per kind, or None when the file cannot be read as a logbook."""

    @property
    def entries(self) -> int | None:
        return None if self.counts is None else sum(self.counts.values())


def folder_of(data_dir: Path) -> Path:
    return data_dir / FOLDER


def backup_days(folder: Path) -> dict[date, Path]:
    """The automatic backups in ``folder`` by day; other files are never looked at."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.iterdir():
        day = backups.day_of(path.name)
        if day is not None and path.is_file():
            found[day] = path
    return found


def is_due(folder: Path, today: date) -> bool:
    return backups.is_due(today, backup_days(folder))


def make_daily_backup(book: Logbook, folder: Path, today: date) -> Path:
    """Today's backup, then the rotation; raises ``LogbookError`` (nothing pruned) on failure."""
    try:
        private_dir(folder)
    except OSError as exc:
        raise LogbookError(f"Could not create {folder}: {exc.strerror or exc}") from exc
    target = folder / backups.backup_name(today)
    book.backup_to(target, overwrite=True)
    existing = backup_days(folder)
    keep = backups.to_keep(existing)
    for day, path in existing.items():
        if day not in keep:
            with suppress(FileNotFoundError):
                path.unlink()
    return target


def _counts(path: Path) -> dict[str, int] | None:
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            return {
                table: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in COUNTED
            }
    except sqlite3.Error:
        return None


def list_backups(folder: Path) -> list[BackupFile]:
    """Newest first, each with its entry counts read from the copy itself."""
    days = backup_days(folder)
    return [BackupFile(days[d], d, _counts(days[d])) for d in sorted(days, reverse=True)]
