"""The X11 presence backends against a real X server (Xvfb + openbox), and the policy on top.

Xvfb has the MIT-SCREEN-SAVER extension, so its idle counter is the real one: it grows
while nothing happens, and input injected with ``xdotool`` (XTEST, like a real device)
resets it. openbox keeps ``_NET_ACTIVE_WINDOW`` and ``_NET_WM_STATE`` as every EWMH window
manager does; ``wmctrl`` asks it to make a window full screen, as F11 in a player would.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from nightstretch.core.presence import Delivery, PresenceRules, decide, release
from nightstretch.core.reminders import ReminderKind
from nightstretch.services.presence import PresenceMonitor
from nightstretch.services.presence_native import (
    XA_ATOM,
    PresenceError,
    X11FullScreen,
    X11Idle,
    Xlib,
)

from tests.xsession import XSession, wait_until

pytestmark = pytest.mark.e2e

QUICK = PresenceRules(idle_threshold_s=1.0)
"""A one-second threshold, so "away" comes without a five-minute wait."""


@pytest.fixture
def monitor(xsession: XSession) -> PresenceMonitor:
    xlib = Xlib(xsession.env)
    monitor = PresenceMonitor([X11Idle(xlib), X11FullScreen(xlib)])
    assert monitor.active == ("x11-screensaver", "x11-full-screen")
    return monitor


def idle(monitor: PresenceMonitor) -> float:
    value = monitor.sample().idle_s
    assert value is not None, "the X screensaver extension gave no idle time"
    return value


def nudge_pointer(x: XSession) -> None:
    px, py = x.mouse_position()
    x.move_mouse(px + 5 if px < x.width // 2 else px - 5, py)


def test_idle_grows_while_nothing_happens_and_input_resets_it(
    xsession: XSession, monitor: PresenceMonitor
) -> None:
    nudge_pointer(xsession)
    start = idle(monitor)
    assert start < 1.0
    grown: bool = wait_until(lambda: idle(monitor) >= start + 1.2, 10, "the idle counter to grow")
    assert grown
    nudge_pointer(xsession)
    assert idle(monitor) < 0.5


def test_an_evening_reminder_is_held_while_away_and_released_on_return(
    xsession: XSession, monitor: PresenceMonitor
) -> None:
    nudge_pointer(xsession)
    due = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
    assert decide(ReminderKind.EVENING, monitor.sample(), QUICK).delivery is Delivery.SHOW

    wait_until(lambda: idle(monitor) >= QUICK.idle_threshold_s + 0.2, 10, "her to be away")
    held = decide(ReminderKind.EVENING, monitor.sample(), QUICK)
    assert held.delivery is Delivery.HOLD
    assert held.reason == "away for 1 second"
    water = decide(ReminderKind.WATER, monitor.sample(), QUICK)
    assert water.delivery is Delivery.DROP

    later = due + timedelta(minutes=3)
    assert release(ReminderKind.EVENING, due, later, monitor.sample(), QUICK).delivery is (
        Delivery.HOLD
    )
    nudge_pointer(xsession)  # she is back
    back = release(ReminderKind.EVENING, due, later, monitor.sample(), QUICK)
    assert back.delivery is Delivery.SHOW
    assert back.reason == "back after 3 minutes"


@pytest.fixture
def window(xsession: XSession) -> Iterator[int]:
    """An ordinary managed window (xmessage), active."""
    if shutil.which("wmctrl") is None or shutil.which("xmessage") is None:
        pytest.skip("needs wmctrl and xmessage (Debian: wmctrl x11-utils)")
    proc = subprocess.Popen(
        ["xmessage", "-title", "nightstretch-presence-window", "Watching a film"],
        env=xsession.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # not wait_for_window(alive=...): xmessage sets no _NET_WM_PID to match
        win = wait_until(
            lambda: xsession.visible_windows("^nightstretch-presence-window$"),
            20,
            "the xmessage window",
            alive=proc,
        )[-1]
        xsession.activate(win)
        wait_until(lambda: xsession.active_window() == win, 10, "the window to be active")
        yield win
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_full_screen_active_window_is_seen_and_holds_the_evening_reminder(
    xsession: XSession, monitor: PresenceMonitor, window: int
) -> None:
    nudge_pointer(xsession)
    assert monitor.sample().full_screen is False

    xsession.run(["wmctrl", "-i", "-r", str(window), "-b", "add,fullscreen"])
    wait_until(lambda: monitor.sample().full_screen, 10, "the window to be seen full screen")
    geometry = xsession.window_geometry(window)
    assert (geometry.width, geometry.height) == (xsession.width, xsession.height)
    nudge_pointer(xsession)
    decision = decide(ReminderKind.EVENING, monitor.sample(), QUICK)
    assert decision.delivery is Delivery.HOLD
    assert decision.reason == "a full-screen window is in front"

    xsession.run(["wmctrl", "-i", "-r", str(window), "-b", "remove,fullscreen"])
    wait_until(lambda: monitor.sample().full_screen is False, 10, "full screen to end")
    nudge_pointer(xsession)
    assert decide(ReminderKind.EVENING, monitor.sample(), QUICK).delivery is Delivery.SHOW


def test_one_sample_is_cheap(xsession: XSession, monitor: PresenceMonitor, window: int) -> None:
    """Sampled only when a reminder is due, but it runs on the GUI thread: keep it quick."""
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        monitor.sample()
    per_sample_ms = (time.perf_counter() - started) * 1000 / rounds
    print(f"one X11 presence sample: {per_sample_ms:.2f} ms")
    assert per_sample_ms < 20


def test_a_window_gone_between_requests_is_an_error_not_an_exit(xsession: XSession) -> None:
    """Xlib's default error handler ends the process; ours only records the error."""
    xlib = Xlib(xsession.env)
    x11 = xlib.x11()
    before = x11.XSetErrorHandler(None)
    x11.XSetErrorHandler(before)
    with (
        pytest.raises(PresenceError, match="reading _NET_WM_STATE failed"),
        xlib.display() as handle,
    ):
        xlib.property_ulongs(handle, 0x3FFFFFFF, b"_NET_WM_STATE", XA_ATOM)
    restored = x11.XSetErrorHandler(None)
    x11.XSetErrorHandler(restored)
    assert restored == before, "the previous X error handler is back in place"
