"""APScheduler 3 driven by the Qt event loop, with the defects of its QtScheduler fixed.

APScheduler 3.11's ``QtScheduler`` keeps the return value of ``QTimer.singleShot`` (which
is ``None``) as its timer, so it never stops an old wait and every wakeup starts another
timer chain; a job added from another thread calls ``wakeup`` off the GUI thread, where a
timer cannot be started; and its default executor runs jobs on a thread pool, away from
the widgets they must show. Here there is one persistent timer, wakeups are queued to
the GUI thread as posted events, and jobs run inline on the GUI thread.

The timer is Qt's default coarse kind. On Unix Qt turns a coarse wait of 20 s or more
into a whole-second one and keeps shorter ones within 5 % (under 1 s), so a reminder is
at most about a second off, and the wakeups line up with other programs' for the battery.
"""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.base import BaseScheduler
from PySide6.QtCore import QObject, QTimer

from nightstretch.services.queued import QueuedCall

log = logging.getLogger(__name__)

_MAX_TIMER_MS = 2**31 - 1


class QtLoopScheduler(BaseScheduler):  # type: ignore[misc]
    def __init__(self, parent: QObject | None = None, **options: Any) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._process_jobs)
        self._waker = QueuedCall(lambda _reason: self._wake_now(), parent)
        super().__init__(**options)

    @property
    def timer(self) -> QTimer:
        return self._timer

    def _create_default_executor(self) -> DebugExecutor:
        return DebugExecutor()

    def wakeup(self) -> None:
        """Safe from any thread: the actual wakeup happens on the GUI thread."""
        self._waker.post("wakeup")

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)
        self._timer.stop()

    def _wake_now(self) -> None:
        if self.running:
            self._start_timer(0)

    def _start_timer(self, wait_seconds: float | None) -> None:
        if wait_seconds is None:
            self._timer.stop()
            return
        self._timer.start(min(max(0, int(wait_seconds * 1000)), _MAX_TIMER_MS))

    def _process_jobs(self) -> float | None:
        wait_seconds: float | None = super()._process_jobs()
        self._start_timer(wait_seconds)
        return wait_seconds
