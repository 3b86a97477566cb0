"""Automatic daily backups while the app runs: one look at start, one a few minutes after
each local midnight (a single-shot timer re-armed each day, no polling), and one at quit.

A failure (disk full, read-only folder) is logged every time and told once per run; it
never blocks the app and never prunes an older copy (``store/auto_backup.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from nightstretch.core import backups
from nightstretch.core.clock import Clock
from nightstretch.store import auto_backup
from nightstretch.store.logbook import Logbook, LogbookError

log = logging.getLogger(__name__)

FAILED = (
    "The automatic backup of the logbook could not be made: {reason} "
    "Older backups are kept; the app will try again tomorrow."
)


class AutoBackup(QObject):
    def __init__(
        self,
        book: Logbook | None,
        folder: Path,
        clock: Clock,
        tell: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._folder = folder
        self._clock = clock
        self._tell = tell
        self._told = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._daily)

    def start(self) -> None:
        self._daily()

    def stop(self) -> None:
        """At quit: today's copy if it is still missing, and no more wake-ups.

        A failure now is only logged: there is no window left to tell it in.
        """
        self._timer.stop()
        self._told = True
        self.run_if_due()

    def _daily(self) -> None:
        self.run_if_due()
        seconds = backups.seconds_to_next_check(self._clock.now().astimezone())
        self._timer.start(int(seconds * 1000))

    def run_if_due(self) -> Path | None:
        """Today's backup if it is missing; None when not due, not possible, or failed."""
        if self._book is None:
            return None
        today = self._clock.now().astimezone().date()
        try:
            if not auto_backup.is_due(self._folder, today):
                return None
            path = auto_backup.make_daily_backup(self._book, self._folder, today)
        except (LogbookError, OSError) as exc:
            log.warning("automatic backup failed: %s", exc)
            if not self._told:
                self._told = True
                self._tell(FAILED.format(reason=str(exc).rstrip(".") + "."))
            return None
        log.info("automatic backup written: %s", path)
        self._told = False
        return path
