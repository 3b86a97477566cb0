"""``nightstretch doctor``: the logbook's health on demand, in a few lines she can read.

The same check as every start (``PRAGMA quick_check``; a damaged file is moved aside and
salvaged), plus a read of every row through the checks the readers apply, so rows written
around the app are counted instead of discovered by a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nightstretch.core.wording import count
from nightstretch.store.logbook import Logbook
from nightstretch.store.paths import AppPaths
from nightstretch.store.salvage import SalvageResult, salvage_message

__all__ = ["DoctorResult", "doctor"]


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
            return [f"No logbook yet at {self.path}; nothing to check."]
        lines = []
        if self.salvage is not None:
            lines.append(f"The logbook was damaged. {salvage_message(self.salvage)}")
        else:
            lines.append(f"The logbook {self.path} passed the integrity check.")
        total = sum(self.counts.values()) - sum(self.invalid.values())
        lines.append(f"It holds {count(total, 'entry', 'entries')}.")
        for table, n in self.invalid.items():
            if n:
                lines.append(
                    f"{table}: {count(n, 'row')} cannot be read as an entry; "
                    "left out of history, exports and reports."
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
