"""``nightstretch doctor``: the logbook's health on demand, in a few lines she can read.

The same check as every start (``PRAGMA quick_check``; a damaged file is moved aside and
salvaged), plus a read of every row through the checks the readers apply, so rows written
around the app are counted instead of discovered by a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nightstretch.core.i18n import N_, _
from nightstretch.core.wording import count
from nightstretch.store.logbook import Logbook
from nightstretch.store.paths import AppPaths
from nightstretch.store.salvage import SalvageResult, salvage_message

__all__ = ["DoctorResult", "doctor", "table_name"]

_TABLE_NAMES = {
    "sessions": N_("routines"),
    "water": N_("water"),
    "cramps": N_("cramps"),
    "checkins": N_("morning check-ins"),
    "reminder_events": N_("reminders"),
    "day_marks": N_("paused or sick days"),
}


def table_name(table: str) -> str:
    """A logbook table as she would call its rows ("sessions" are routines played)."""
    return _(_TABLE_NAMES[table]) if table in _TABLE_NAMES else table


@dataclass(frozen=True)
class DoctorResult:
    path: Path
    exists: bool
    salvage: SalvageResult | None
    """Set when the logbook was damaged: moved aside and its rows recovered."""
    counts: dict[str, int] = field(default_factory=dict)
    invalid: dict[str, int] = field(default_factory=dict)
    """Rows that fail the checks (readers skip them), per table."""

    @property
    def healthy(self) -> bool:
        return self.salvage is None and not any(self.invalid.values())

    def lines(self) -> list[str]:
        """What ``nightstretch doctor`` prints, one finding a line."""
        if not self.exists:
            return [_("No logbook yet at {path}; nothing to check.").format(path=self.path)]
        lines = []
        if self.salvage is not None:
            lines.append(
                _("The logbook was damaged. {salvage}").format(
                    salvage=salvage_message(self.salvage)
                )
            )
        else:
            lines.append(_("The logbook {path} passed the integrity check.").format(path=self.path))
        total = sum(self.counts.values()) - sum(self.invalid.values())
        lines.append(_("It holds {entries}.").format(entries=count(total, "entry", "entries")))
        for table, n in self.invalid.items():
            if n:
                lines.append(
                    _(
                        "{table}: {rows} cannot be read as an entry; "
                        "left out of history, exports and reports."
                    ).format(table=table_name(table), rows=count(n, "row"))
                )
        return lines


def doctor(paths: AppPaths, now: datetime) -> DoctorResult:
    """Check the logbook (salvaging it when damaged) and count what it holds.

    Raises ``LogbookError`` when the logbook cannot be opened at all (read-only, newer).
    """
    path = paths.logbook
    if not path.exists():
        return DoctorResult(path, False, None)
    with Logbook(path, now) as book:
        with book.reading():
            for read in (book.sessions, book.water, book.cramps, book.checkins, book.day_marks):
                read()
            book.reminder_events()
        counts = book.counts()
        invalid = {table: len(keys) for table, keys in book.invalid_rows.items()}
        return DoctorResult(path, True, book.salvage, counts, invalid)
