"""What the tray, the control window and the status popup say about today, without Qt.

The root hands in the facts (pause, the next reminder, water, streak, pregnancy week) and
"now"; these pure functions word them, so the tray's tooltip and the popup can be tested
and translated without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from nightstretch.core.i18n import N_, _
from nightstretch.core.reminder_text import ReminderMessage
from nightstretch.core.reminders import ReminderKind
from nightstretch.core.wording import count, relative_moment

KIND_LABEL: dict[ReminderKind, str] = {
    ReminderKind.EVENING: N_("Calf stretch"),
    ReminderKind.FOLLOWUP: N_("Calf stretch"),
    ReminderKind.WATER: N_("Water"),
    ReminderKind.CHECKIN: N_("Morning check-in"),
    ReminderKind.MOVEMENT: N_("Movement break"),
}
"""How the tray names a reminder kind: she thinks of "the calf stretch", not a follow-up.
English, marked for the catalogue; ``_()`` it when shown."""


class Upcoming(Protocol):
    """The two fields of a planned reminder (``core.reminders.Due``) the status reads."""

    @property
    def kind(self) -> ReminderKind: ...

    @property
    def at(self) -> datetime: ...


class Standing(StrEnum):
    """Which tray icon fits; the values are the tray's own state names."""

    NORMAL = "normal"
    DUE = "due"
    PAUSED = "paused"


@dataclass(frozen=True)
class TrayStatus:
    standing: Standing
    tooltip: str
    """Lines: "Nightstretch", then the pause or the next reminder, then the week."""
    status_line: str
    """The same lines after the first, joined for the control window."""
    paused: bool


@dataclass(frozen=True)
class StatusView:
    """What the popup shows; strings are already worded and in local time."""

    next_reminder: str = ""
    """For example "Water at 14:30"; empty when nothing is planned."""
    water_ml: int = 0
    water_goal_ml: int = 2000
    streak_nights: int = 0
    pregnancy: str = ""
    """For example "Week 27 - 3rd trimester"; empty hides the line."""
    paused_until: str = ""
    """Local time the pause ends ("15:40", "tomorrow 06:00"); empty when not paused."""
    login_hint: str = ""
    """Reminders are on but the app does not start at login: said, with a one-click fix."""
    reminder: ReminderMessage | None = None
    """A reminder the desktop closed before she answered: its buttons, offered again."""


LOGIN_HINT = N_(
    "Nightstretch does not start when you log in, so after a restart no reminder comes."
)
"""English, marked for the catalogue; ``login_hint()`` is the line in her language."""


def login_hint() -> str:
    return _(LOGIN_HINT)


def needs_login_hint(settings: ReminderSwitches) -> bool:
    """Any reminder on and "Start at login" off: the reminders end at the next login."""
    reminders = (
        settings.evening_enabled
        or settings.water_enabled
        or settings.checkin_enabled
        or settings.movement_enabled
    )
    return reminders and not settings.autostart


class ReminderSwitches(Protocol):
    """The settings fields ``needs_login_hint`` reads (``store.settings.Settings`` has them)."""

    @property
    def evening_enabled(self) -> bool: ...
    @property
    def water_enabled(self) -> bool: ...
    @property
    def checkin_enabled(self) -> bool: ...
    @property
    def movement_enabled(self) -> bool: ...
    @property
    def autostart(self) -> bool: ...


def next_reminder_text(due: Upcoming | None, now: datetime) -> str:
    """ "Calf stretch at 22:00", "Water at tomorrow 09:00"; empty when nothing is planned."""
    if due is None:
        return ""
    return _("{reminder} at {time}").format(
        reminder=_(KIND_LABEL[due.kind]), time=relative_moment(due.at, now)
    )


def tray_status(
    now: datetime,
    *,
    paused_until: datetime | None,
    showing: bool,
    next_due: Upcoming | None,
    pregnancy: str,
) -> TrayStatus:
    """A pause wins over a shown reminder for the icon: nothing will be shown while paused."""
    if paused_until is not None:
        standing = Standing.PAUSED
    elif showing:
        standing = Standing.DUE
    else:
        standing = Standing.NORMAL
    lines = ["Nightstretch"]
    if paused_until is not None:
        lines.append(
            _("Reminders paused until {time}").format(time=relative_moment(paused_until, now))
        )
    else:
        upcoming = next_reminder_text(next_due, now)
        if upcoming:
            lines.append(_("Next: {reminder}").format(reminder=upcoming))
    if pregnancy:
        lines.append(pregnancy)
    return TrayStatus(standing, "\n".join(lines), " · ".join(lines[1:]), paused_until is not None)


def status_view(
    now: datetime,
    *,
    paused_until: datetime | None,
    next_due: Upcoming | None,
    water_ml: int,
    water_goal_ml: int,
    streak_nights: int,
    pregnancy: str,
    login_hint: bool = False,
) -> StatusView:
    return StatusView(
        login_hint=_(LOGIN_HINT) if login_hint else "",
        next_reminder=next_reminder_text(next_due, now),
        water_ml=water_ml,
        water_goal_ml=water_goal_ml,
        streak_nights=streak_nights,
        pregnancy=pregnancy,
        paused_until=relative_moment(paused_until, now) if paused_until is not None else "",
    )


def streak_text(nights: int) -> str:
    """The popup's streak line; no streak is an invitation, not a reproach."""
    if nights <= 0:
        return _("No streak yet: tonight can start one")
    return _("{nights} in a row").format(nights=count(nights, "night"))
