"""Whether she can see a reminder now: away, screen locked, do not disturb, full screen.

The desktop is asked (``services/presence.py``) only when a reminder is due, and answers
with a ``Presence``: every field may be unknown (``None``), because most desktops can
answer only some of the questions. Unknown never holds anything: a reminder is delayed
only on a positive "she is away / locked / busy", so a desktop we cannot read behaves
exactly as before.

The policy, per kind (``decide``):

- the evening reminder, its follow-up and the morning check-in are *held* and shown once
  she is back, within the kind's grace (``release``; beyond it they are missed as before);
- water and movement nudges are *dropped*: they recur, and a pile of stale "drink a glass"
  cards waiting for her return is noise, not care.

Every rule can be switched off (``PresenceRules``), and every decision carries a short
reason for the logbook, so ``history --reminders`` explains each delay.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from nightstretch.core.reminders import GRACE, ReminderKind
from nightstretch.core.wording import count

DEFAULT_IDLE_THRESHOLD_S = 5 * 60
"""No keyboard or mouse input for this long counts as away."""


@dataclass(frozen=True)
class Presence:
    """One look at the desktop; ``None`` in a field means "this desktop cannot say"."""

    idle_s: float | None = None
    """Seconds since the last keyboard or mouse input."""
    locked: bool | None = None
    do_not_disturb: bool | None = None
    full_screen: bool | None = None
    """The active window covers the screen (a call shared full screen, a film, slides)."""


UNKNOWN = Presence()


def merge(looks: Iterable[Presence]) -> Presence:
    """Several backends' partial answers as one.

    Idle time: the first backend that knows (they are ordered best first). Yes/no
    questions: any "yes" wins (one locker that says locked is enough), else any "no",
    else unknown.
    """
    idle: float | None = None
    flags: dict[str, bool | None] = {"locked": None, "do_not_disturb": None, "full_screen": None}
    for look in looks:
        if idle is None and look.idle_s is not None and _finite_non_negative(look.idle_s):
            idle = look.idle_s
        for name, current in flags.items():
            value: bool | None = getattr(look, name)
            if value is not None and current is not True:
                flags[name] = value
    return Presence(
        idle_s=idle,
        locked=flags["locked"],
        do_not_disturb=flags["do_not_disturb"],
        full_screen=flags["full_screen"],
    )


def _finite_non_negative(value: float) -> bool:
    return math.isfinite(value) and value >= 0


@dataclass(frozen=True)
class PresenceRules:
    """The user's switches; each rule is on by default."""

    hold_when_away: bool = True
    hold_when_locked: bool = True
    hold_when_busy: bool = True
    """Busy: the desktop's do-not-disturb is on."""
    hold_when_full_screen: bool = True
    idle_threshold_s: float = DEFAULT_IDLE_THRESHOLD_S

    def __post_init__(self) -> None:
        if not (_finite_non_negative(self.idle_threshold_s) and self.idle_threshold_s > 0):
            raise ValueError(f"idle threshold must be positive seconds: {self.idle_threshold_s}")


class Delivery(StrEnum):
    SHOW = "show"
    HOLD = "hold"
    """Not now; look again at the next re-check and show it once she is back."""
    DROP = "drop"
    """Not at all: a nudge that would only pile up."""
    MISSED = "missed"
    """A held reminder whose grace ran out before she came back (``release`` only)."""


@dataclass(frozen=True)
class Decision:
    delivery: Delivery
    reason: str
    """For the logbook and the log: "screen locked", "away for 12 minutes", "present"."""


HELD_KINDS: frozenset[ReminderKind] = frozenset(
    {ReminderKind.EVENING, ReminderKind.FOLLOWUP, ReminderKind.CHECKIN}
)
"""Kinds that wait for her; every other kind (water, movement) is dropped instead."""


def obstacles(presence: Presence, rules: PresenceRules) -> tuple[str, ...]:
    """Why she cannot see a reminder now, in the order they matter; empty when she can."""
    found: list[str] = []
    if rules.hold_when_locked and presence.locked is True:
        found.append("screen locked")
    if (
        rules.hold_when_away
        and presence.idle_s is not None
        and presence.idle_s >= rules.idle_threshold_s
    ):
        found.append(f"away for {_duration(presence.idle_s)}")
    if rules.hold_when_busy and presence.do_not_disturb is True:
        found.append("do not disturb is on")
    if rules.hold_when_full_screen and presence.full_screen is True:
        found.append("a full-screen window is in front")
    return tuple(found)


def decide(kind: ReminderKind, presence: Presence, rules: PresenceRules) -> Decision:
    """Show, hold or drop one reminder that is due now."""
    found = obstacles(presence, rules)
    if not found:
        return Decision(Delivery.SHOW, _present(presence))
    reason = ", ".join(found)
    if kind in HELD_KINDS:
        return Decision(Delivery.HOLD, reason)
    return Decision(Delivery.DROP, reason)


def release(
    kind: ReminderKind, due_at: datetime, now: datetime, presence: Presence, rules: PresenceRules
) -> Decision:
    """What to do with a held reminder at a later look (the service's existing re-check).

    Within the kind's grace (counted from when it fell due, as for a reminder found late
    after a suspend) it is shown as soon as she is back; past the grace it is missed, and
    the reason says why, so the logbook's "missed" is not a mystery.
    """
    late = now - due_at
    found = obstacles(presence, rules)
    if late > GRACE[kind]:
        why = f"held past its grace of {_duration(GRACE[kind].total_seconds())}"
        return Decision(Delivery.MISSED, f"{why} ({', '.join(found)})" if found else why)
    if found:
        return Decision(Delivery.HOLD, ", ".join(found))
    waited = max(late, timedelta()).total_seconds()
    return Decision(Delivery.SHOW, f"back after {_duration(waited)}")


def _present(presence: Presence) -> str:
    if presence == UNKNOWN:
        return "presence unknown"
    if presence.idle_s is not None:
        return f"present (last input {_duration(presence.idle_s)} ago)"
    return "present"


def _duration(seconds: float) -> str:
    """Whole minutes from a minute up ("12 minutes", "3 hours"); seconds below."""
    whole = int(seconds)
    if whole < 60:
        return count(whole, "second")
    minutes = whole // 60
    if minutes < 120 or minutes % 60:
        return count(minutes, "minute")
    return count(minutes // 60, "hour")
