"""Runs one routine on the Qt event loop: timer, cues and the logbook around the player.

The timer only decides *when* to look; the core player decides *what* time it is from
the monotonic clock. One single-shot precise timer is armed for the next moment that
matters (the next displayed second, a cue, the segment end), so nothing ticks while a
routine is paused and nothing at all runs when no routine is open. ``PlayerController``
connects one run to the window that shows it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from nightstretch.core.clock import Clock
from nightstretch.core.cues import plan_cues
from nightstretch.core.i18n import _
from nightstretch.core.player import (
    Event,
    Finished,
    Player,
    PlayerState,
    PlayerView,
    StepCompleted,
    Stopped,
)
from nightstretch.core.routine import FEELINGS, Routine
from nightstretch.services.audio import CueSounds, Speaker
from nightstretch.store.logbook import Logbook, LogbookError

log = logging.getLogger(__name__)
T = TypeVar("T")


class RoutineRun(QObject):
    changed = Signal()
    """The view changed: redraw. Fetch it with ``view()``."""
    notice = Signal(str)
    """Something the person should read once (sound off, a logbook problem)."""
    ended = Signal(str)
    """The run is over: "finished" or "stopped"."""

    def __init__(
        self,
        routine: Routine,
        clock: Clock,
        logbook: Logbook | None,
        sounds: CueSounds,
        speaker: Speaker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.routine = routine
        self.player = Player(routine)
        self._clock = clock
        self._logbook = logbook
        self._sounds = sounds
        self._speaker = speaker
        self._session_id: int | None = None
        self._resume_after_confirm = False
        self.feeling: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)

    # -- intents from the window -------------------------------------------------

    def start(self) -> None:
        self._session_id = self._write(
            lambda lb: lb.start_session(self.routine.id, self._clock.now(), len(self.routine.steps))
        )
        for reason in {self._sounds.unavailable_reason(), self._speaker.unavailable_reason()}:
            if reason:
                self.notice.emit(reason)
        self._handle(self.player.start(self._clock.monotonic()))

    def tick(self) -> None:
        self._handle(self.player.poll(self._clock.monotonic()))

    def toggle_pause(self) -> None:
        self._handle(self.player.toggle_pause(self._clock.monotonic()))

    def next(self) -> None:
        self._handle(self.player.next(self._clock.monotonic()))

    def previous(self) -> None:
        self._handle(self.player.previous(self._clock.monotonic()))

    def request_stop(self) -> None:
        """Esc asks first; the routine waits while she decides."""
        self._resume_after_confirm = self.player.state is PlayerState.RUNNING
        self._handle(self.player.pause(self._clock.monotonic()), speak=False)

    def cancel_stop(self) -> None:
        if self._resume_after_confirm:
            self._handle(self.player.resume(self._clock.monotonic()))
        self._resume_after_confirm = False

    def stop(self) -> None:
        self._handle(self.player.stop(self._clock.monotonic()))

    def choose_feeling(self, key: str) -> None:
        if key not in dict(FEELINGS):
            raise ValueError(f"unknown answer {key!r}")
        self.feeling = key
        session = self._session_id
        if session is not None:
            self._write(lambda lb: lb.set_feeling(session, key))
        self.changed.emit()

    # -- state ----------------------------------------------------------------------

    def view(self) -> PlayerView:
        return self.player.view(self._clock.monotonic())

    @property
    def session_id(self) -> int | None:
        return self._session_id

    # -- internals ------------------------------------------------------------------

    def _handle(self, events: Sequence[Event], *, speak: bool = True) -> None:
        for event in events:
            if isinstance(event, StepCompleted):
                self._progress(event.steps_done)
            elif isinstance(event, Finished | Stopped):
                self._end(event)
        if events:
            plan = plan_cues(self.routine, events)
            if plan.sound is not None:
                self._sounds.play(plan.sound)
            if speak:
                for utterance in plan.speech:
                    self._speaker.say(utterance)
        self._arm()
        self.changed.emit()

    def _arm(self) -> None:
        now = self._clock.monotonic()
        wake = self.player.next_wakeup(now)
        if wake is None:
            self._timer.stop()
            return
        self._timer.start(max(0, round((wake - now) * 1000)))

    def _progress(self, steps_done: int) -> None:
        session = self._session_id
        if session is not None:
            self._write(lambda lb: lb.record_progress(session, steps_done))

    def _end(self, event: Finished | Stopped) -> None:
        complete = isinstance(event, Finished) and event.steps_done == len(self.routine.steps)
        session = self._session_id
        if session is not None:
            self._write(
                lambda lb: lb.end_session(
                    session,
                    self._clock.now(),
                    event.steps_done,
                    "completed" if complete else "partial",
                )
            )
        if isinstance(event, Stopped):
            self._speaker.stop()
        self.ended.emit("finished" if isinstance(event, Finished) else "stopped")

    def _write(self, action: Callable[[Logbook], T]) -> T | None:
        """A failed write is told to the person; the routine itself goes on."""
        if self._logbook is None:
            return None
        try:
            return action(self._logbook)
        except (LogbookError, sqlite3.Error, OSError) as exc:
            log.exception("logbook write failed")
            self.notice.emit(
                _("This session could not be saved to the logbook: {reason}").format(reason=exc)
            )
            return None


class PlayerScreen(Protocol):
    """What the controller needs of the player window (``ui.player_window.PlayerWindow``);
    a Protocol so this floor never imports the ui one."""

    @property
    def pause_toggled(self) -> SignalInstance: ...
    @property
    def next_requested(self) -> SignalInstance: ...
    @property
    def previous_requested(self) -> SignalInstance: ...
    @property
    def stop_requested(self) -> SignalInstance: ...
    @property
    def stop_cancelled(self) -> SignalInstance: ...
    @property
    def stop_confirmed(self) -> SignalInstance: ...
    @property
    def feeling_chosen(self) -> SignalInstance: ...
    @property
    def closed(self) -> SignalInstance: ...

    def show_view(self, view: PlayerView, feeling: str | None = None) -> None: ...
    def show_notice(self, text: str) -> None: ...
    def isVisible(self) -> bool: ...
    def show(self) -> None: ...
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...
    def windowState(self) -> Qt.WindowState: ...
    def setWindowState(self, state: Qt.WindowState) -> None: ...
    def close(self) -> bool: ...
    def deleteLater(self) -> None: ...


class PlayerController:
    """Connects one RoutineRun to one player window; lives as long as the window."""

    def __init__(self, run: RoutineRun, window: PlayerScreen) -> None:
        self.run = run
        self.window = window
        window.pause_toggled.connect(run.toggle_pause)
        window.next_requested.connect(run.next)
        window.previous_requested.connect(run.previous)
        window.stop_requested.connect(run.request_stop)
        window.stop_cancelled.connect(run.cancel_stop)
        window.stop_confirmed.connect(self._stop_and_close)
        window.feeling_chosen.connect(run.choose_feeling)
        window.closed.connect(self._window_closed)
        run.changed.connect(self._render)
        run.notice.connect(window.show_notice)

    def _render(self) -> None:
        self.window.show_view(self.run.view(), self.run.feeling)

    def _stop_and_close(self) -> None:
        self.run.stop()
        self.window.close()

    def _window_closed(self) -> None:
        """Closing mid-routine is a stop: the session is kept as partial."""
        self.run.stop()

    def dispose(self) -> None:
        """Break the window <-> run connections so both are freed (Python cannot see them).

        Without this every routine played kept its window, pictures and timer alive.
        """
        for signal in (self.run.changed, self.run.notice, self.run.ended):
            signal.disconnect()
        self.window.deleteLater()
        self.run.deleteLater()
