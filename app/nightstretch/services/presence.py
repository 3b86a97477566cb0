"""Asking the desktop whether she is away, the screen locked, do-not-disturb on, or a
window full screen: one ``PresenceMonitor.sample()``, many small backends.

Each backend answers what it can as a partial ``Presence`` (``core/presence.py`` merges
them and decides). Backends are chosen at run time: a cheap ``probe()`` on the first sample
keeps those that can work here, and a backend that fails later (a service gone, a timeout,
a library missing) answers "unknown" for that sample, which never holds a reminder.

The monitor is sampled only when a reminder is due (and, while one is held, at the
reminder service's existing re-check): it owns no timer, watches no signal, and keeps no
connection open between samples, so it costs nothing while nothing is due.

Backends (best first within a question):

- idle time: GNOME ``org.gnome.Mutter.IdleMonitor.GetIdletime`` (X11 and Wayland); KDE
  ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (milliseconds, as KIdleTime gives it;
  Plasma on Wayland refuses it); the X11 MIT-SCREEN-SAVER extension through libXss
  (ctypes; not under a Wayland session, where XWayland sees only X clients' input);
  Windows ``GetLastInputInfo``; macOS ``CGEventSourceSecondsSinceLastEventType``.
- screen locked: logind's session ``LockedHint`` (system bus), the screensaver's
  ``org.freedesktop.ScreenSaver.GetActive`` (session bus); Windows "not present".
- do not disturb: the notification server's ``Inhibited`` property (KDE Plasma); GNOME's
  ``org.gnome.desktop.notifications show-banners`` (``gsettings``); XFCE's
  ``xfce4-notifyd /do-not-disturb`` (``xfconf-query``); Windows presentation mode.
- full screen: ``_NET_WM_STATE_FULLSCREEN`` on X11's ``_NET_ACTIVE_WINDOW`` (Xlib through
  ctypes); Windows' full-screen and D3D states.

D-Bus calls go out synchronously with a short timeout and without auto-starting a service
(asking whether notifications are inhibited must not launch a notification daemon). Qt is
imported only when a D-Bus backend is really used.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from nightstretch.core.presence import Presence, merge
from nightstretch.services.presence_native import (
    MacIdle,
    PresenceError,
    WindowsIdle,
    WindowsNotificationState,
    X11FullScreen,
    X11Idle,
    Xlib,
)

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

DBUS_TIMEOUT_MS = 300
"""A desktop service that needs longer than this is treated as unknown for this sample."""
COMMAND_TIMEOUT_S = 1.0
"""For ``gsettings`` and ``xfconf-query``: they answer in a few milliseconds."""

Bus = Callable[[], "QDBusConnection"]
"""Gives the bus connection when a backend first needs it (Qt stays unloaded until then)."""
Run = Callable[[Sequence[str]], "str | None"]
"""Runs a command; its stdout, or None when it failed or took too long."""


class Backend(Protocol):
    name: str

    def probe(self) -> bool:
        """Cheap: could this backend answer on this machine at all?"""
        ...

    def read(self) -> Presence:
        """What it knows now; may raise (the monitor catches everything)."""
        ...


class PresenceMonitor:
    """One question for the reminder service: ``sample()`` is she there, and free?"""

    def __init__(self, backends: Sequence[Backend]) -> None:
        self._candidates = tuple(backends)
        self._active: tuple[Backend, ...] | None = None
        self._failing: set[str] = set()

    @property
    def active(self) -> tuple[str, ...]:
        """Names of the backends that passed their probe (probing now if not done yet)."""
        return tuple(backend.name for backend in self._probe())

    def sample(self) -> Presence:
        looks: list[Presence] = []
        for backend in self._probe():
            try:
                look = backend.read()
            except Exception as error:  # any failure means "unknown"
                if backend.name not in self._failing:
                    log.info(
                        "presence: %s cannot answer (%s); treated as unknown", backend.name, error
                    )
                    self._failing.add(backend.name)
                continue
            if backend.name in self._failing:
                log.info("presence: %s answers again", backend.name)
                self._failing.discard(backend.name)
            looks.append(look)
        return merge(looks)

    def _probe(self) -> tuple[Backend, ...]:
        if self._active is None:
            active: list[Backend] = []
            for backend in self._candidates:
                try:
                    usable = backend.probe()
                except Exception as error:  # a broken probe: "not here"
                    log.info("presence: probing %s failed: %s", backend.name, error)
                    usable = False
                if usable:
                    active.append(backend)
            self._active = tuple(active)
            names = ", ".join(b.name for b in active) or "none"
            log.info("presence backends on this desktop: %s", names)
        return self._active


# -- D-Bus ------------------------------------------------------------------------------


def session_bus() -> QDBusConnection:
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.sessionBus()


def system_bus() -> QDBusConnection:
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.systemBus()


def dbus_call(
    bus: QDBusConnection, service: str, path: str, interface: str, method: str, *args: object
) -> object:
    """The first value of the reply; raises PresenceError for an error or no answer in time."""
    from PySide6.QtDBus import QDBus, QDBusMessage, QDBusVariant

    if not bus.isConnected():
        raise PresenceError("not connected to the bus")
    message = QDBusMessage.createMethodCall(service, path, interface, method)
    message.setAutoStartService(False)
    if args:
        message.setArguments(list(args))
    reply = bus.call(message, QDBus.CallMode.Block, DBUS_TIMEOUT_MS)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        raise PresenceError(f"{service} {method}: {reply.errorName()} {reply.errorMessage()}")
    values = reply.arguments()
    if not values:
        raise PresenceError(f"{service} {method}: empty reply")
    value = values[0]
    if isinstance(value, QDBusVariant):
        value = value.variant()
    return value


def dbus_property(
    bus: QDBusConnection, service: str, path: str, interface: str, name: str
) -> object:
    return dbus_call(bus, service, path, "org.freedesktop.DBus.Properties", "Get", interface, name)


def _as_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PresenceError(f"{what}: expected a number, got {value!r}")
    return value


def _as_bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise PresenceError(f"{what}: expected true or false, got {value!r}")
    return value


class _DBusBackend:
    name = "d-bus"

    def __init__(self, bus: Bus) -> None:
        self._bus = bus

    def probe(self) -> bool:
        return self._bus().isConnected()


class MutterIdle(_DBusBackend):
    """GNOME Shell's idle time, the only one that works on GNOME under Wayland."""

    name = "gnome-idle-monitor"
    SERVICE = "org.gnome.Mutter.IdleMonitor"
    PATH = "/org/gnome/Mutter/IdleMonitor/Core"

    def read(self) -> Presence:
        value = dbus_call(self._bus(), self.SERVICE, self.PATH, self.SERVICE, "GetIdletime")
        return Presence(idle_s=_as_int(value, "GetIdletime") / 1000)


class ScreenSaverIdle(_DBusBackend):
    """KDE Plasma (X11) answers in milliseconds; GNOME has no such method."""

    name = "screensaver-idle"
    SERVICE = INTERFACE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def read(self) -> Presence:
        bus = self._bus()
        value = dbus_call(bus, self.SERVICE, self.PATH, self.INTERFACE, "GetSessionIdleTime")
        return Presence(idle_s=_as_int(value, "GetSessionIdleTime") / 1000)


class ScreenSaverActive(_DBusBackend):
    """The screensaver or locker is up (KDE, XFCE, Cinnamon, MATE and GNOME's own)."""

    name = "screensaver-active"

    def read(self) -> Presence:
        value = dbus_call(
            self._bus(),
            ScreenSaverIdle.SERVICE,
            ScreenSaverIdle.PATH,
            ScreenSaverIdle.INTERFACE,
            "GetActive",
        )
        return Presence(locked=_as_bool(value, "GetActive"))


class LogindLocked(_DBusBackend):
    """logind's ``LockedHint``, set by GNOME, KDE and light-locker when they lock."""

    name = "logind-locked"
    SERVICE = "org.freedesktop.login1"
    PATH = "/org/freedesktop/login1/session/auto"
    """Our own session, or the user's display session when we run outside one."""
    INTERFACE = "org.freedesktop.login1.Session"

    def read(self) -> Presence:
        value = dbus_property(self._bus(), self.SERVICE, self.PATH, self.INTERFACE, "LockedHint")
        return Presence(locked=_as_bool(value, "LockedHint"))


class NotificationsInhibited(_DBusBackend):
    """The notification server's own do-not-disturb (KDE Plasma; spec 1.3 ``Inhibited``)."""

    name = "notifications-inhibited"
    SERVICE = INTERFACE = "org.freedesktop.Notifications"
    PATH = "/org/freedesktop/Notifications"

    def read(self) -> Presence:
        value = dbus_property(self._bus(), self.SERVICE, self.PATH, self.INTERFACE, "Inhibited")
        return Presence(do_not_disturb=_as_bool(value, "Inhibited"))


# -- desktop settings read by command ----------------------------------------------------


def run_command(args: Sequence[str]) -> str | None:
    try:
        result = subprocess.run(
            list(args),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _desktops(env: Mapping[str, str]) -> set[str]:
    return {part.strip().upper() for part in env.get("XDG_CURRENT_DESKTOP", "").split(":")}


class _CommandSetting:
    """A yes/no desktop setting read by a command, on the desktop it belongs to."""

    name = "command"
    DESKTOP = ""
    COMMAND: tuple[str, ...] = ()
    DND_WHEN = ""
    """The printed value that means do-not-disturb is on."""

    def __init__(self, run: Run = run_command, env: Mapping[str, str] | None = None) -> None:
        self._run = run
        self._env = os.environ if env is None else env

    def probe(self) -> bool:
        return self.DESKTOP in _desktops(self._env) and shutil.which(self.COMMAND[0]) is not None

    def read(self) -> Presence:
        out = self._run(self.COMMAND)
        if out is None:
            raise PresenceError(f"{' '.join(self.COMMAND)} gave no answer")
        value = out.strip().lower()
        if value not in ("true", "false"):
            raise PresenceError(f"{' '.join(self.COMMAND)} printed {value!r}")
        return Presence(do_not_disturb=value == self.DND_WHEN)


class GnomeBanners(_CommandSetting):
    """GNOME's "Do Not Disturb" switch is ``show-banners`` turned off."""

    name = "gnome-show-banners"
    DESKTOP = "GNOME"
    COMMAND = ("gsettings", "get", "org.gnome.desktop.notifications", "show-banners")
    DND_WHEN = "false"


class XfceDoNotDisturb(_CommandSetting):
    name = "xfce-do-not-disturb"
    DESKTOP = "XFCE"
    COMMAND = ("xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb")
    DND_WHEN = "true"


# -- composition ----------------------------------------------------------------------------


def default_backends(
    *,
    platform: str = sys.platform,
    session: Bus = session_bus,
    system: Bus = system_bus,
    run: Run = run_command,
    env: Mapping[str, str] | None = None,
) -> list[Backend]:
    """Every backend that could apply on this platform, best first; probes pick from them."""
    if platform == "win32":
        return [WindowsIdle(), WindowsNotificationState()]
    if platform == "darwin":
        return [MacIdle()]
    xlib = Xlib(env)
    return [
        MutterIdle(session),
        ScreenSaverIdle(session),
        X11Idle(xlib),
        LogindLocked(system),
        ScreenSaverActive(session),
        NotificationsInhibited(session),
        GnomeBanners(run, env),
        XfceDoNotDisturb(run, env),
        X11FullScreen(xlib),
    ]


def create_monitor() -> PresenceMonitor:
    """For the composition root: the backends of this platform, probed at the first sample."""
    return PresenceMonitor(default_backends())
