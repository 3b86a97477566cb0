"""Whether a reminder that fell due reaches her now, waits until she is back, or is dropped.

The planner decides *when* a reminder is due; this decides whether the moment is right
(``core/presence.py`` says why not: away, locked, do not disturb, a full-screen window).
Pure: the service passes in what fell due, what it already holds, one presence sample and
the time, and gets back what to show, what to keep holding and what to log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from nightstretch.core.presence import Delivery, Presence, PresenceRules, decide, release
from nightstretch.core.reminders import Due

__all__ = ["GateResult", "Noted", "gate"]


@dataclass(frozen=True)
class Noted:
    """A line for the logbook (``held`` or ``missed``) and the reason for the app's log."""

    due: Due
    event: str
    reason: str


@dataclass(frozen=True)
class GateResult:
    show: tuple[Due, ...]
    """Shown now: due and she is here, or held and she is back within the grace."""
    held: tuple[Due, ...]
    """Still waiting for her, oldest first."""
    missed: tuple[Due, ...]
    """Dropped nudges and held reminders whose grace ran out: the planner logs them missed."""
    noted: tuple[Noted, ...]
    released: tuple[Noted, ...] = ()
    """Held reminders shown now, with how long she was away, for the app's log."""


def gate(
    fire: Sequence[Due],
    held: Sequence[Due],
    now: datetime,
    presence: Presence,
    rules: PresenceRules,
) -> GateResult:
    """One look: every held reminder is looked at again, every new one decided once."""
    show: list[Due] = []
    keep: list[Due] = []
    missed: list[Due] = []
    noted: list[Noted] = []
    released: list[Noted] = []
    for due in held:
        decision = release(due.kind, due.at, now, presence, rules)
        if decision.delivery is Delivery.SHOW:
            show.append(due)
            released.append(Noted(due, "shown", decision.reason))
        elif decision.delivery is Delivery.MISSED:
            missed.append(due)
            noted.append(Noted(due, "missed", decision.reason))
        else:
            keep.append(due)
    looked_at = {due.key for due in held}
    for due in fire:
        if due.key in looked_at:
            continue
        decision = decide(due.kind, presence, rules)
        if decision.delivery is Delivery.SHOW:
            show.append(due)
        elif decision.delivery is Delivery.HOLD:
            keep.append(due)
            noted.append(Noted(due, "held", decision.reason))
        else:
            missed.append(due)
            noted.append(Noted(due, "missed", decision.reason))
    keep.sort(key=Due.sort_key)
    return GateResult(tuple(show), tuple(keep), tuple(missed), tuple(noted), tuple(released))
