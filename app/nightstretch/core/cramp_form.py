"""The cramp dialog's rules without its widgets: choices, letter keys, "last night", checks.

The dialog shows these choices and hands what she typed to ``read_entry``; the one-line
problem it shows comes from here too, so the whole form can be tested without Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, tzinfo

from nightstretch.core import entries, wording
from nightstretch.core.entries import CrampEntry, EntryError, Leg, Muscle

LEG_CHOICES: tuple[tuple[Leg, str, str], ...] = (
    ("left", "Left", "L"),
    ("right", "Right", "R"),
    ("both", "Both", "B"),
)
"""(value, words, letter key)."""
MUSCLE_CHOICES: tuple[tuple[Muscle, str, str], ...] = (
    ("calf", "Calf", "C"),
    ("foot", "Foot", "F"),
    ("thigh", "Thigh", "T"),
)
DEFAULT_MUSCLE: Muscle = "calf"
SIGNS: tuple[tuple[str, str], ...] = (
    ("swelling", "Swelling"),
    ("redness", "Redness"),
    ("warmth", "Warmth"),
    ("pain_not_easing", "Pain that does not ease"),
)
"""(``CrampEntry`` field, words)."""


def title(editing: bool) -> str:
    return "Edit this cramp" if editing else "Log a cramp"


def window_title(editing: bool) -> str:
    return ("Edit cramp" if editing else "Log a cramp") + " — Nightstretch"


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
        raise EntryError("Choose which leg: L, R or B.")
    if severity < entries.SEVERITY_MIN:
        raise EntryError("Choose how bad it was: type a number from 1 to 10.")
    text = minutes.strip()
    if text and not text.isdigit():
        raise EntryError(f'Minutes must be a whole number (got "{text}").')
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
