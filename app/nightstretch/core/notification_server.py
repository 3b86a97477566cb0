"""Which way a reminder reaches her: the desktop's notifications or Nightstretch's own card.

Servers differ in ways the specification does not show: dunst and mako advertise
``actions`` but keep the buttons in a context menu, and a left click (the natural gesture)
closes the notification unanswered. GNOME Shell, KDE Plasma and XFCE's xfce4-notifyd draw
the buttons. ``GetServerInformation`` names the server, ``GetCapabilities`` lists what it
can do, and ``choose_display`` turns those and the user's setting into a backend, with the
reason for the log ("why did I see no buttons?"). Plain data, no Qt: the D-Bus side lives
in ``services/notifier.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

ReminderDisplay = Literal["auto", "notifications", "card"]
DISPLAYS: Final[tuple[ReminderDisplay, ...]] = ("auto", "notifications", "card")
"""The setting "how reminders appear"; ``auto`` decides by the notification server."""

Backend = Literal["desktop", "card"]

BUTTONS_HIDDEN: Final = ("dunst", "mako", "fnott")
"""Servers (``GetServerInformation`` names, lower case) that put actions in a menu."""
BUTTONS_SHOWN: Final = ("gnome-shell", "plasma", "xfce notify daemon")
"""Servers known to draw action buttons on the notification itself."""


@dataclass(frozen=True)
class NotificationServer:
    """What a notification server says about itself."""

    name: str = ""
    vendor: str = ""
    version: str = ""
    capabilities: frozenset[str] = frozenset()

    @property
    def hides_buttons(self) -> bool:
        return self.name.strip().lower() in BUTTONS_HIDDEN

    @property
    def shows_buttons(self) -> bool:
        return self.name.strip().lower() in BUTTONS_SHOWN


@dataclass(frozen=True)
class DisplayChoice:
    backend: Backend
    reason: str
    """A sentence for the log."""


def choose_display(prefer: ReminderDisplay, server: NotificationServer | None) -> DisplayChoice:
    """The backend for ``prefer`` on this server (``None``: no bus, or no server on it).

    Without ``actions`` a notification could not be answered at all, so even
    ``notifications`` falls back to the card there.
    """
    if prefer == "card":
        return DisplayChoice("card", "the setting asks for the card")
    if server is None:
        return DisplayChoice("card", "no desktop notification server answers")
    who = server.name or "the notification server"
    if "actions" not in server.capabilities:
        return DisplayChoice("card", f"{who} cannot show buttons")
    if prefer == "notifications":
        return DisplayChoice("desktop", "the setting asks for desktop notifications")
    if server.hides_buttons:
        return DisplayChoice("card", f"{who} keeps buttons in a menu; a click would close it")
    if server.shows_buttons:
        return DisplayChoice("desktop", f"{who} shows buttons on its notifications")
    return DisplayChoice("desktop", f"{who} offers buttons")


PERSISTENT: Final = 0
"""``expire_timeout`` 0: the server keeps it until we close it (our own window decides)."""
SERVER_DEFAULT: Final = -1


def expire_timeout(server: NotificationServer | None) -> int:
    """Persistent everywhere the server honours it; GNOME Shell ignores any timeout
    (it keeps notifications in its list), so it gets the server default."""
    if server is not None and server.name.strip().lower() == "gnome-shell":
        return SERVER_DEFAULT
    return PERSISTENT
