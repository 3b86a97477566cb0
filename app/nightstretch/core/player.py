"""The routine player: a pure state machine run against an injected monotonic clock.

Nothing here counts ticks. Each segment has a deadline on the monotonic clock, the next
deadline is the previous one plus the next duration, and everything shown is derived
from ``deadline - now``. A GUI thread that stalls for a second therefore delays what is
shown by a second, but never lengthens the routine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from nightstretch.core.routine import Routine, Side, Step
from nightstretch.core.timeline import Segment, SegmentKind, build_timeline

COUNTDOWN_FROM = 3
HALFWAY_MIN_S = 10
"""Holds shorter than this get no halfway cue: it would crowd the 3-2-1."""
BACK_TO_PREVIOUS_S = 3.0
"""Within this many seconds of a step's start, Back goes to the previous step."""


class PlayerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


_COUNTING = (PlayerState.IDLE, PlayerState.RUNNING, PlayerState.PAUSED)


@dataclass(frozen=True)
class SegmentStarted:
    index: int
    segment: Segment


@dataclass(frozen=True)
class StepStarted:
    step_index: int


@dataclass(frozen=True)
class SideSwitched:
    side: Side


@dataclass(frozen=True)
class Halfway:
    step_index: int


@dataclass(frozen=True)
class Countdown:
    seconds: int


@dataclass(frozen=True)
class StepCompleted:
    step_index: int
    steps_done: int


@dataclass(frozen=True)
class Paused:
    pass


@dataclass(frozen=True)
class Resumed:
    pass


@dataclass(frozen=True)
class Stopped:
    steps_done: int


@dataclass(frozen=True)
class Finished:
    steps_done: int


Event = (
    SegmentStarted
    | StepStarted
    | SideSwitched
    | Halfway
    | Countdown
    | StepCompleted
    | Paused
    | Resumed
    | Stopped
    | Finished
)


@dataclass(frozen=True)
class PlayerView:
    """Everything a window needs to draw one frame; no arithmetic left for the widget."""

    state: PlayerState
    step: Step
    step_index: int
    step_count: int
    segment: Segment
    remaining_s: float
    total_remaining_s: float
    next_step: Step | None
    steps_done: int

    @property
    def seconds_shown(self) -> int:
        return math.ceil(self.remaining_s - 1e-9)

    @property
    def fraction_left(self) -> float:
        return max(0.0, min(1.0, self.remaining_s / self.segment.duration_s))


class Player:
    def __init__(self, routine: Routine) -> None:
        if not routine.steps:
            raise ValueError("a routine needs at least one step")
        self.routine = routine
        self.timeline = build_timeline(routine)
        self.state = PlayerState.IDLE
        self._index = 0
        self._deadline = 0.0
        self._paused_remaining = 0.0
        self._completed: set[int] = set()
        self._countdown_next = COUNTDOWN_FROM + 1
        self._halfway_done = False
        self._step_first = [
            next(i for i, s in enumerate(self.timeline) if s.step_index == step)
            for step in range(len(routine.steps))
        ]

    # -- queries ---------------------------------------------------------------

    @property
    def steps_done(self) -> int:
        return len(self._completed)

    @property
    def segment(self) -> Segment:
        return self.timeline[self._index]

    @property
    def is_active(self) -> bool:
        return self.state in (PlayerState.RUNNING, PlayerState.PAUSED)

    def remaining(self, now: float) -> float:
        if self.state is PlayerState.RUNNING:
            return max(0.0, self._deadline - now)
        if self.state is PlayerState.PAUSED:
            return self._paused_remaining
        if self.state is PlayerState.IDLE:
            return self.segment.duration_s
        return 0.0

    def view(self, now: float) -> PlayerView:
        remaining = self.remaining(now)
        later = sum(s.duration_s for s in self.timeline[self._index + 1 :])
        step_index = self.segment.step_index
        steps = self.routine.steps
        return PlayerView(
            state=self.state,
            step=steps[step_index],
            step_index=step_index,
            step_count=len(steps),
            segment=self.segment,
            remaining_s=remaining,
            total_remaining_s=remaining + later if self.state in _COUNTING else 0.0,
            next_step=steps[step_index + 1] if step_index + 1 < len(steps) else None,
            steps_done=self.steps_done,
        )

    def next_wakeup(self, now: float) -> float | None:
        """When the driver should call ``poll`` next: the next moment anything changes.

        That is the next whole second of the countdown (which includes the 3-2-1 and the
        segment end) or the halfway mark; while paused or done, nothing.
        """
        if self.state is not PlayerState.RUNNING:
            return None
        remaining = self._deadline - now
        if remaining <= 0:
            return now
        step = remaining - math.floor(remaining)
        wake = now + (step if step > 1e-6 else 1.0)
        if self._wants_halfway():
            halfway_at = self._deadline - self.segment.duration_s / 2
            if now < halfway_at < wake:
                wake = halfway_at
        return min(wake, self._deadline)

    # -- commands ----------------------------------------------------------------

    def start(self, now: float) -> list[Event]:
        if self.state is not PlayerState.IDLE:
            raise RuntimeError(f"cannot start a player that is {self.state}")
        self.state = PlayerState.RUNNING
        return self._enter(0, now)

    def poll(self, now: float) -> list[Event]:
        """Advance to ``now``; returns the events that happened since the last poll."""
        if self.state is not PlayerState.RUNNING:
            return []
        events: list[Event] = []
        while now >= self._deadline:
            events.extend(self._leave_segment())
            if self._index + 1 >= len(self.timeline):
                return [*events, *self._terminate(PlayerState.FINISHED)]
            events.extend(self._enter(self._index + 1, self._deadline))
        events.extend(self._cues_within(self._deadline - now))
        return events

    def pause(self, now: float) -> list[Event]:
        if self.state is not PlayerState.RUNNING:
            return []
        events = self.poll(now)
        if self._ended():
            return events
        self._paused_remaining = self._deadline - now
        self.state = PlayerState.PAUSED
        return [*events, Paused()]

    def resume(self, now: float) -> list[Event]:
        if self.state is not PlayerState.PAUSED:
            return []
        self._deadline = now + self._paused_remaining
        self.state = PlayerState.RUNNING
        return [Resumed()]

    def toggle_pause(self, now: float) -> list[Event]:
        return self.resume(now) if self.state is PlayerState.PAUSED else self.pause(now)

    def next(self, now: float) -> list[Event]:
        """Skip to the next step; the current one counts as done if it was under way."""
        if not self.is_active:
            return []
        events = self.poll(now)
        if self._ended():
            return events
        step_index = self.segment.step_index
        if self.segment.kind is not SegmentKind.GET_READY:
            events.extend(self._complete_step(step_index))
        if step_index + 1 >= len(self.routine.steps):
            return [*events, *self._terminate(PlayerState.FINISHED)]
        return [*events, *self._enter(self._step_first[step_index + 1], now)]

    def previous(self, now: float) -> list[Event]:
        """Back to the start of this step, or to the previous step if this one just began."""
        if not self.is_active:
            return []
        events = self.poll(now)
        if self._ended():
            return events
        step_index = self.segment.step_index
        first = self._step_first[step_index]
        into_step = sum(s.duration_s for s in self.timeline[first : self._index])
        into_step += self.segment.duration_s - self.remaining(now)
        target = step_index
        if into_step < BACK_TO_PREVIOUS_S and step_index > 0:
            target = step_index - 1
        return [*events, *self._enter(self._step_first[target], now)]

    def stop(self, now: float) -> list[Event]:
        if not self.is_active:
            return []
        events = self.poll(now)
        if self._ended():
            return events
        return [*events, *self._terminate(PlayerState.STOPPED)]

    def finish(self, now: float) -> list[Event]:
        """End now as finished: the current step counts as done unless it had not begun."""
        if not self.is_active:
            return []
        events = self.poll(now)
        if self._ended():
            return events
        if self.segment.kind is not SegmentKind.GET_READY:
            events.extend(self._complete_step(self.segment.step_index))
        return [*events, *self._terminate(PlayerState.FINISHED)]

    # -- internals -----------------------------------------------------------------

    def _ended(self) -> bool:
        """Whether the poll a command starts with just reached the end of the routine."""
        return self.state in (PlayerState.FINISHED, PlayerState.STOPPED)

    def _enter(self, index: int, started_at: float) -> list[Event]:
        previous = self.timeline[self._index]
        self._index = index
        segment = self.timeline[index]
        self._deadline = started_at + segment.duration_s
        if self.state is PlayerState.PAUSED:
            self._paused_remaining = segment.duration_s
        self._countdown_next = COUNTDOWN_FROM + 1
        self._halfway_done = False
        events: list[Event] = []
        if index == self._step_first[segment.step_index]:
            events.append(StepStarted(segment.step_index))
        events.append(SegmentStarted(index, segment))
        if (
            segment.kind is SegmentKind.SWITCH
            and segment.side is not None
            and previous.side != segment.side
        ):
            events.append(SideSwitched(segment.side))
        return events

    def _leave_segment(self) -> list[Event]:
        segment = self.segment
        if segment.kind is SegmentKind.HOLD and segment.is_last_hold:
            return self._complete_step(segment.step_index)
        return []

    def _complete_step(self, step_index: int) -> list[Event]:
        if step_index in self._completed:
            return []
        self._completed.add(step_index)
        return [StepCompleted(step_index, self.steps_done)]

    def _terminate(self, state: PlayerState) -> list[Event]:
        self.state = state
        if state is PlayerState.FINISHED:
            return [Finished(self.steps_done)]
        return [Stopped(self.steps_done)]

    def _wants_halfway(self) -> bool:
        segment = self.segment
        return (
            not self._halfway_done
            and segment.kind is SegmentKind.HOLD
            and segment.duration_s >= HALFWAY_MIN_S
        )

    def _cues_within(self, remaining: float) -> list[Event]:
        events: list[Event] = []
        segment = self.segment
        if self._wants_halfway() and remaining <= segment.duration_s / 2:
            self._halfway_done = True
            events.append(Halfway(segment.step_index))
        if segment.kind in (SegmentKind.HOLD, SegmentKind.GET_READY) and (
            segment.duration_s > COUNTDOWN_FROM
        ):
            shown = math.ceil(remaining - 1e-9)
            if shown <= COUNTDOWN_FROM and shown < self._countdown_next:
                self._countdown_next = shown
                events.append(Countdown(shown))
        return events
