"""The reminder service's two wakeups: real QTimers, a hand-moved wall clock, no sleeping.

Whether a timer waits the right time is read from ``remainingTime``; what happens when it
fires is played by emitting its ``timeout``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.services.wake_timers import MAX_WAIT_MS, RECHECK_MS, WakeTimers
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


class Calls:
    def __init__(self) -> None:
        self.next = 0
        self.recheck = 0

    def on_next(self) -> None:
        self.next += 1

    def on_recheck(self) -> None:
        self.recheck += 1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def make(clock: FakeClock, calls: Calls) -> WakeTimers:
    return WakeTimers(clock, calls.on_next, calls.on_recheck)


def test_armed_before_start_it_waits_only_once_started(qtbot: QtBot, clock: FakeClock) -> None:
    calls = Calls()
    timers = make(clock, calls)
    timers.arm(START + timedelta(hours=3))
    assert not timers.next_timer.isActive() and not timers.recheck_timer.isActive()
    timers.start()
    assert timers.recheck_timer.isActive() and timers.recheck_timer.interval() == RECHECK_MS
    # Qt keeps a coarse wait to whole seconds: a second either way.
    assert abs(timers.next_timer.remainingTime() - 3 * 3600_000) <= 1000
    timers.stop()
    assert not timers.next_timer.isActive() and not timers.recheck_timer.isActive()


def test_the_instant_is_on_the_wall_clock(qtbot: QtBot, clock: FakeClock) -> None:
    """Re-armed after the wall clock moved, the wait is what is left on the wall clock."""
    timers = make(clock, Calls())
    timers.start()
    timers.arm(START + timedelta(minutes=30))
    clock.advance(20 * 60)
    timers.arm(START + timedelta(minutes=30))
    assert abs(timers.next_timer.remainingTime() - 10 * 60_000) <= 1000
    timers.stop()


def test_it_calls_on_next_at_the_instant_and_not_before(qtbot: QtBot, clock: FakeClock) -> None:
    calls = Calls()
    timers = make(clock, calls)
    timers.start()
    timers.arm(START + timedelta(seconds=30))
    clock.advance(29.5)  # a coarse timer fired half a second early
    timers.next_timer.timeout.emit()
    assert calls.next == 0
    assert timers.next_timer.isActive() and timers.next_timer.remainingTime() <= 500 * 1.05 + 1
    clock.advance(0.5)
    timers.next_timer.timeout.emit()
    assert calls.next == 1
    timers.stop()


def test_late_is_still_called_the_planner_judges_lateness(qtbot: QtBot, clock: FakeClock) -> None:
    calls = Calls()
    timers = make(clock, calls)
    timers.start()
    timers.arm(START + timedelta(seconds=30))
    clock.advance(5 * 3600)  # asleep: the monotonic wait ran on after the resume
    timers.next_timer.timeout.emit()
    assert calls.next == 1
    timers.stop()


def test_a_past_instant_wakes_at_once(qtbot: QtBot, clock: FakeClock) -> None:
    calls = Calls()
    timers = make(clock, calls)
    timers.start()
    timers.arm(START - timedelta(minutes=5))
    qtbot.waitUntil(lambda: calls.next == 1, timeout=5000)
    timers.stop()


def test_a_wait_longer_than_qtimer_allows_is_cut_and_resumed(
    qtbot: QtBot, clock: FakeClock
) -> None:
    calls = Calls()
    timers = make(clock, calls)
    timers.start()
    timers.arm(START + timedelta(days=40))
    assert timers.next_timer.remainingTime() >= MAX_WAIT_MS - 1000
    clock.advance(MAX_WAIT_MS / 1000)
    timers.next_timer.timeout.emit()  # the cut wait ended; the instant is still days away
    assert calls.next == 0 and timers.next_timer.isActive()
    timers.stop()


def test_disarmed_or_stopped_nothing_is_called(qtbot: QtBot, clock: FakeClock) -> None:
    calls = Calls()
    timers = make(clock, calls)
    timers.start()
    timers.arm(START + timedelta(seconds=30))
    timers.disarm()
    assert not timers.next_timer.isActive() and timers.next_at is None
    clock.advance(60)
    timers.next_timer.timeout.emit()
    timers.arm(START + timedelta(seconds=30))
    timers.stop()
    timers.next_timer.timeout.emit()
    assert calls.next == 0


def test_the_recheck_calls_on_recheck_every_minute(qtbot: QtBot, clock: FakeClock) -> None:
    calls = Calls()
    timers = make(clock, calls)
    timers.start()
    assert not timers.recheck_timer.isSingleShot()
    timers.recheck_timer.timeout.emit()
    timers.recheck_timer.timeout.emit()
    assert calls.recheck == 2
    timers.stop()


def test_the_timers_belong_to_their_owner(qtbot: QtBot, clock: FakeClock) -> None:
    owner = QObject()
    timers = WakeTimers(clock, Calls().on_next, Calls().on_recheck, owner)
    assert timers.parent() is owner
    assert {timers.next_timer.parent(), timers.recheck_timer.parent()} == {timers}
