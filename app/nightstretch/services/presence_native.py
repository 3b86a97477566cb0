"""The presence backends that talk to the operating system directly, not over D-Bus:
X11 through Xlib (ctypes), Windows through user32/shell32, macOS through Quartz.

Split from ``services/presence.py`` (the monitor, the D-Bus and command backends and
their composition) to keep each module short. Every native call is made lazily: loading
this module loads no library and opens no connection.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from nightstretch.core.presence import Presence

log = logging.getLogger(__name__)


class PresenceError(Exception):
    """A backend could not answer; the monitor turns it into "unknown"."""


# -- X11 through Xlib (ctypes) ------------------------------------------------------------


class _ScreenSaverInfo(ctypes.Structure):
    """``XScreenSaverInfo`` from <X11/extensions/scrnsaver.h>."""

    _fields_ = (
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    )


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
XA_ATOM = 4
XA_WINDOW = 33
_SUCCESS = 0


class Xlib:
    """The few Xlib calls the X11 backends need, loaded on first use.

    Xlib's default error handler ends the process, and a window may vanish between two
    requests (BadWindow), so every use runs inside ``display()``, which puts a handler that
    only records the error in place and restores the previous one afterwards.
    """

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if env is None else env
        self._x11: ctypes.CDLL | None = None
        self._xss: ctypes.CDLL | None = None
        self._errors = 0
        self._handler = _ERROR_HANDLER(self._on_error)

    def usable(self) -> bool:
        """An X display that is not XWayland under a Wayland session, and libX11 here."""
        if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            return False
        if not self._env.get("DISPLAY"):
            return False
        if self._env.get("WAYLAND_DISPLAY") or self._env.get("XDG_SESSION_TYPE") == "wayland":
            return False
        try:
            self.x11()
        except OSError:
            return False
        return True

    def _on_error(self, _display: int | None, _event: int | None) -> int:
        self._errors += 1
        return 0

    def x11(self) -> ctypes.CDLL:
        if self._x11 is None:
            lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
            lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
            lib.XOpenDisplay.restype = ctypes.c_void_p
            lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
            lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
            lib.XDefaultRootWindow.restype = ctypes.c_ulong
            lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
            lib.XInternAtom.restype = ctypes.c_ulong
            lib.XGetWindowProperty.argtypes = [
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.c_ulong,
                ctypes.c_long,
                ctypes.c_long,
                ctypes.c_int,
                ctypes.c_ulong,
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.c_int),
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.c_void_p),
            ]
            lib.XFree.argtypes = [ctypes.c_void_p]
            lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
            lib.XSetErrorHandler.argtypes = [ctypes.c_void_p]
            lib.XSetErrorHandler.restype = ctypes.c_void_p
            self._x11 = lib
        return self._x11

    def xss(self) -> ctypes.CDLL:
        """libXss.so.1 (Debian: libxss1)."""
        if self._xss is None:
            lib = ctypes.CDLL(ctypes.util.find_library("Xss") or "libXss.so.1")
            lib.XScreenSaverQueryExtension.argtypes = [
                ctypes.c_void_p,
                ctypes.POINTER(ctypes.c_int),
                ctypes.POINTER(ctypes.c_int),
            ]
            lib.XScreenSaverQueryInfo.argtypes = [
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.POINTER(_ScreenSaverInfo),
            ]
            self._xss = lib
        return self._xss

    @contextmanager
    def display(self) -> Iterator[int]:
        """A fresh connection for one sample (nothing stays open between samples)."""
        x11 = self.x11()
        name = self._env.get("DISPLAY", "").encode()
        handle = x11.XOpenDisplay(name)
        if not handle:
            raise PresenceError(f"cannot open X display {name.decode()!r}")
        previous = x11.XSetErrorHandler(ctypes.cast(self._handler, ctypes.c_void_p))
        self._errors = 0
        try:
            yield handle
            x11.XSync(handle, 0)
            if self._errors:
                raise PresenceError(f"{self._errors} X error(s)")
        finally:
            x11.XSetErrorHandler(previous)
            x11.XCloseDisplay(handle)

    def property_ulongs(self, handle: int, window: int, name: bytes, kind: int) -> list[int] | None:
        """A 32-bit format property as numbers (Xlib hands them out as C longs)."""
        x11 = self.x11()
        atom = x11.XInternAtom(handle, name, 1)
        if not atom:
            return None
        actual_type = ctypes.c_ulong()
        actual_format = ctypes.c_int()
        count = ctypes.c_ulong()
        after = ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = x11.XGetWindowProperty(
            handle,
            window,
            atom,
            0,
            1024,
            0,
            kind,
            ctypes.byref(actual_type),
            ctypes.byref(actual_format),
            ctypes.byref(count),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        try:
            if status != _SUCCESS or self._errors:
                raise PresenceError(f"reading {name.decode()} failed")
            if actual_type.value != kind or actual_format.value != 32 or not data.value:
                return None
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [values[i] for i in range(count.value)]
        finally:
            if data.value:
                x11.XFree(data)


class X11Idle:
    """The X server's own idle counter (MIT-SCREEN-SAVER); any X11 desktop."""

    name = "x11-screensaver"

    def __init__(self, xlib: Xlib | None = None) -> None:
        self._xlib = xlib or Xlib()

    def probe(self) -> bool:
        if not self._xlib.usable():
            return False
        try:
            self._xlib.xss()
        except OSError:
            log.info("presence: libXss.so.1 is missing (Debian: libxss1); no X11 idle time")
            return False
        return True

    def read(self) -> Presence:
        xss = self._xlib.xss()
        with self._xlib.display() as handle:
            event_base, error_base = ctypes.c_int(), ctypes.c_int()
            if not xss.XScreenSaverQueryExtension(
                handle, ctypes.byref(event_base), ctypes.byref(error_base)
            ):
                raise PresenceError("the X server has no MIT-SCREEN-SAVER extension")
            info = _ScreenSaverInfo()
            root = self._xlib.x11().XDefaultRootWindow(handle)
            if not xss.XScreenSaverQueryInfo(handle, root, ctypes.byref(info)):
                raise PresenceError("XScreenSaverQueryInfo failed")
            return Presence(idle_s=info.idle / 1000)


class X11FullScreen:
    """Whether the active window (EWMH ``_NET_ACTIVE_WINDOW``) is full screen."""

    name = "x11-full-screen"

    def __init__(self, xlib: Xlib | None = None) -> None:
        self._xlib = xlib or Xlib()

    def probe(self) -> bool:
        return self._xlib.usable()

    def read(self) -> Presence:
        xlib = self._xlib
        with xlib.display() as handle:
            root = xlib.x11().XDefaultRootWindow(handle)
            active = xlib.property_ulongs(handle, root, b"_NET_ACTIVE_WINDOW", XA_WINDOW)
            if active is None:
                # openbox removes the property while nothing has the focus
                if xlib.property_ulongs(handle, root, b"_NET_SUPPORTING_WM_CHECK", XA_WINDOW):
                    return Presence(full_screen=False)
                raise PresenceError("no EWMH window manager names the active window")
            if not active or not active[0]:
                return Presence(full_screen=False)  # nothing is active: the bare desktop
            state = xlib.property_ulongs(handle, active[0], b"_NET_WM_STATE", XA_ATOM) or []
            full = xlib.x11().XInternAtom(handle, b"_NET_WM_STATE_FULLSCREEN", 1)
            return Presence(full_screen=bool(full) and full in state)


# -- Windows and macOS --------------------------------------------------------------------


if sys.platform == "win32":

    def _windows_ticks() -> tuple[int, int]:
        """(now, last input) in GetTickCount milliseconds."""

        class LastInputInfo(ctypes.Structure):
            _fields_ = (("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32))

        info = LastInputInfo(ctypes.sizeof(LastInputInfo), 0)
        if not ctypes.windll.user32.GetLastInputInfo(ctypes.byref(info)):
            raise PresenceError("GetLastInputInfo failed")
        return int(ctypes.windll.kernel32.GetTickCount()), int(info.dwTime)

    def _windows_notification_state() -> int:
        """``QUERY_USER_NOTIFICATION_STATE`` from SHQueryUserNotificationState."""
        state = ctypes.c_int()
        if ctypes.windll.shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
            raise PresenceError("SHQueryUserNotificationState failed")
        return int(state.value)

else:

    def _windows_ticks() -> tuple[int, int]:
        raise PresenceError("not Windows")

    def _windows_notification_state() -> int:
        raise PresenceError("not Windows")


if sys.platform == "darwin":

    def _mac_idle_seconds() -> float:
        quartz = ctypes.CDLL("/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics")
        since = quartz.CGEventSourceSecondsSinceLastEventType
        since.argtypes = [ctypes.c_int32, ctypes.c_uint32]
        since.restype = ctypes.c_double
        hid_system_state, any_input = 1, 0xFFFFFFFF
        return float(since(hid_system_state, any_input))

else:

    def _mac_idle_seconds() -> float:
        raise PresenceError("not macOS")


class WindowsIdle:
    name = "windows-last-input"

    def __init__(self, ticks: Callable[[], tuple[int, int]] = _windows_ticks) -> None:
        self._ticks = ticks

    def probe(self) -> bool:
        return True  # composed only on Windows; a test injects ``ticks``

    def read(self) -> Presence:
        now, last = self._ticks()
        return Presence(idle_s=((now - last) & 0xFFFFFFFF) / 1000)  # the tick count wraps


QUNS_NOT_PRESENT = 1
"""Screen saver, locked, or another user switched in."""
QUNS_BUSY = 2
QUNS_RUNNING_D3D_FULL_SCREEN = 3
QUNS_PRESENTATION_MODE = 4
QUNS_ACCEPTS_NOTIFICATIONS = 5
QUNS_QUIET_TIME = 6
QUNS_APP = 7
"""A full-screen Store app."""


class WindowsNotificationState:
    """Windows' own "should an app interrupt now?" answer, as one of seven states."""

    name = "windows-notification-state"

    def __init__(self, state: Callable[[], int] = _windows_notification_state) -> None:
        self._state = state

    def probe(self) -> bool:
        return True

    def read(self) -> Presence:
        state = self._state()
        if not QUNS_NOT_PRESENT <= state <= QUNS_APP:
            raise PresenceError(f"unknown notification state {state}")
        return Presence(
            locked=state == QUNS_NOT_PRESENT,
            full_screen=state in (QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_APP),
            do_not_disturb=state in (QUNS_PRESENTATION_MODE, QUNS_QUIET_TIME),
        )


class MacIdle:
    name = "macos-event-source"

    def __init__(self, seconds: Callable[[], float] = _mac_idle_seconds) -> None:
        self._seconds = seconds

    def probe(self) -> bool:
        return True

    def read(self) -> Presence:
        return Presence(idle_s=self._seconds())
