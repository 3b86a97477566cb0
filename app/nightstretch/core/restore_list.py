"""What History's Restore… lists: the automatic backups, newest first, worded.

The store reads each backup's entry counts (read-only, quickly) and hands the facts over;
this turns them into lines she can choose from, so the dialog only draws them. A copy that
cannot be read says so and cannot be chosen. Nothing here touches a file or a clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from nightstretch.core import wording
from nightstretch.core.i18n import N_, _

KIND_WORDS = {
    "cramps": N_("cramps {n}"),
    "water": N_("water {n}"),
    "sessions": N_("routines {n}"),
    "checkins": N_("check-ins {n}"),
}
"""Each counted table in her words (the keys are ``store.auto_backup.COUNTED``)."""


class BackupFacts(Protocol):
    """What the list reads of ``store.auto_backup.BackupFile``."""

    @property
    def path(self) -> Path: ...
    @property
    def day(self) -> date: ...
    @property
    def counts(self) -> Mapping[str, int] | None: ...


@dataclass(frozen=True)
class RestoreChoice:
    path: Path
    title: str
    """ "Mon 30 Nov 2026 (today)"."""
    detail: str
    """ "52 entries: cramps 12, water 30, …", or why it cannot be restored."""
    usable: bool


@dataclass(frozen=True)
class RestoreListView:
    choices: tuple[RestoreChoice, ...]
    intro: str

    @property
    def first_usable(self) -> int | None:
        """The row chosen at first: the newest copy that can be read."""
        return next((i for i, c in enumerate(self.choices) if c.usable), None)


def _title(day: date, today: date) -> str:
    said = f"{wording.weekday_day_month(day)} {day.year}"
    age = (today - day).days
    if age == 0:
        return _("{day} (today)").format(day=said)
    if age == 1:
        return _("{day} (yesterday)").format(day=said)
    return said


def _detail(counts: Mapping[str, int] | None) -> tuple[str, bool]:
    if counts is None:
        return _("Damaged or not a logbook: it cannot be restored."), False
    kinds = ", ".join(_(KIND_WORDS[k]).format(n=n) for k, n in counts.items() if k in KIND_WORDS)
    total = wording.count(sum(counts.values()), "entry", "entries")
    return f"{total}: {kinds}", True


def restore_list(backups: Sequence[BackupFacts], today: date) -> RestoreListView:
    """Newest first, whatever order the files came in."""
    choices = []
    for backup in sorted(backups, key=lambda b: b.day, reverse=True):
        detail, usable = _detail(backup.counts)
        choices.append(RestoreChoice(backup.path, _title(backup.day, today), detail, usable))
    if choices:
        intro = _(
            "Nightstretch keeps a copy of the logbook each day it runs. Choose the one to go "
            "back to; the current logbook is kept as a copy first."
        )
    else:
        intro = _(
            "There are no automatic backups yet: Nightstretch makes one each day it runs. "
            "You can restore a backup file you saved yourself."
        )
    return RestoreListView(tuple(choices), intro)
