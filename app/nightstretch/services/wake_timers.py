"""The reminder service's two wakeups, on the Qt loop: the next reminder's instant and a
coarse 60 s re-check.

This replaced APScheduler 3 (see the README, "Choices and dependencies"). The planner in
``core.reminders`` decides everything about lateness (each kind's grace, a suspend's
missed nudges, DST), so all a wakeup needs is a wall-clock instant: nothing here
classifies, coalesces or skips. Both timers are Qt's default coarse kind: on Unix Qt turns
a coarse wait of 20 s or more into whole seconds and keeps shorter ones within 5 % (under
1 s), so a reminder is at most about a second off and the wakeups line up with other
programs' for the battery.

A ``QTimer`` counts on the monotonic clock, which stands still while the machine sleeps
and ignores a wall clock set by hand; the re-check (its drift test is in
``services.reminders``) notices both and re-arms. A coarse timer may also fire a little
early: the wait for the instant then simply starts again for what is left, so the look
never comes before the reminder is due. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from PySide6.QtCore import QObject, QTimer

from nightstretch.core.clock import Clock

RECHECK_MS: Final = 60_000
"""The coarse look: often enough to catch a resume within a minute, rare enough to idle."""
MAX_WAIT_MS: Final = 2**31 - 1
"""QTimer's longest wait (about 24.8 days); a longer one is cut and waited again."""


class WakeTimers(QObject):
    """``on_next`` when the armed instant has come, ``on_recheck`` every minute while
    running. Idle, these two timers are all that can wake the app."""

    def __init__(
        self,
        clock: Clock,
        on_next: Callable[[], None],
        on_recheck: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._on_next = on_next
        self.next_timer = QTimer(self)
        self.next_timer.setSingleShot(True)
        self.next_timer.timeout.connect(self._next_fired)
        self.recheck_timer = QTimer(self)
        self.recheck_timer.setInterval(RECHECK_MS)
        self.recheck_timer.timeout.connect(on_recheck)
        self.next_at: datetime | None = None
        """The armed instant (aware), or None when nothing is planned."""
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        self._start(self.recheck_timer, RECHECK_MS)
        if self.next_at is not None:
            self._wait_for_next()

    def stop(self) -> None:
        self._running = False
        self.recheck_timer.stop()
        self.next_timer.stop()

    def arm(self, at: datetime) -> None:
        """Wake for ``at`` (replacing any earlier instant)."""
        self.next_at = at
        if self._running:
            self._wait_for_next()

    def disarm(self) -> None:
        self.next_at = None
        self.next_timer.stop()

    def _wait_for_next(self) -> None:
        assert self.next_at is not None
        left_ms = (self.next_at - self._clock.now()).total_seconds() * 1000
        self._start(self.next_timer, min(max(0, round(left_ms)), MAX_WAIT_MS))

    def _start(self, timer: QTimer, ms: int) -> None:
        """The one place a timer starts (a test's timers override it to play time by hand)."""
        timer.start(ms)

    def _next_fired(self) -> None:
        if not self._running or self.next_at is None:
            return
        if self._clock.now() < self.next_at:  # early (coarse), or cut at MAX_WAIT_MS
            self._wait_for_next()
            return
        self._on_next()
