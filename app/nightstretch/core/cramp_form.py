"""The cramp dialog's rules without its widgets: choices, letter keys, "last night", checks.

The dialog shows these choices and hands what she typed to ``read_entry``; the one-line
problem it shows comes from here too, so the whole form can be tested without Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, tzinfo

from nightstretch.core import entries, wording
from nightstretch.core.entries import CrampEntry, EntryError, Leg, Muscle
from nightstretch.core.i18n import N_, _

LEG_CHOICES: tuple[tuple[Leg, str, str], ...] = (
    ("left", N_("Left"), "L"),
    ("right", N_("Right"), "R"),
    ("both", N_("Both"), "B"),
)
"""(value, words, letter key); the words are English, marked: ``_(words)`` where shown.
The letter keys stay Latin in every language (the row's label names them)."""
MUSCLE_CHOICES: tuple[tuple[Muscle, str, str], ...] = (
    ("calf", N_("Calf"), "C"),
    ("foot", N_("Foot"), "F"),
    ("thigh", N_("Thigh"), "T"),
)
DEFAULT_MUSCLE: Muscle = "calf"
SIGNS: tuple[tuple[str, str], ...] = (
    ("swelling", N_("Swelling")),
    ("redness", N_("Redness")),
    ("warmth", N_("Warmth")),
    ("pain_not_easing", N_("Pain that does not ease")),
)
"""(``CrampEntry`` field, words: English, marked)."""


def title(editing: bool) -> str:
    return _("Edit this cramp") if editing else _("Log a cramp")


def window_title(editing: bool) -> str:
    return _("Edit cramp — Nightstretch") if editing else _("Log a cramp — Nightstretch")


def last_night(now: datetime, zone: tzinfo | None = None) -> datetime:
    """03:00 of the night just past, also in the evening; before 03:00 that is now."""
    small_hours = datetime.combine(now.date(), time(entries.LAST_NIGHT_HOUR))
    return min(entries.localize(small_hours, zone), now)


def read_entry(
    *,
    happened: datetime,
    now: datetime,
    leg: Leg | None,
    severity: int,
    minutes: str,
    muscle: Muscle | None,
    helped: str,
    signs: Mapping[str, bool],
) -> CrampEntry:
    """The checked entry, or ``EntryError`` with one line saying what to fix."""
    if leg is None:
        raise EntryError(_("Choose which leg: L, R or B."))
    if severity < entries.SEVERITY_MIN:
        raise EntryError(_("Choose how bad it was: type a number from 1 to 10."))
    text = minutes.strip()
    if text and not text.isdigit():
        raise EntryError(_('Minutes must be a whole number (got "{text}").').format(text=text))
    return CrampEntry(
        happened=entries.not_in_future(happened, now),
        leg=leg,
        severity=severity,
        muscle=muscle or DEFAULT_MUSCLE,
        duration_min=int(text) if text else None,
        helped=helped,
        **signs,
    )


def problem_line(problem: EntryError) -> str:
    """The problem as the calm sentence shown above the buttons."""
    return wording.sentence(str(problem))
