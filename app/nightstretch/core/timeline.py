"""Expands a routine into the flat list of timed segments the player walks through.

Keeping this separate from the player means the routine's length shown in lists is, by
construction, exactly what the player plays.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nightstretch.core.routine import Routine, Side


class SegmentKind(StrEnum):
    GET_READY = "get-ready"
    HOLD = "hold"
    SWITCH = "switch"
    """Between two holds of one step: change side, or release and go again."""
    REST = "rest"


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    step_index: int
    duration_s: float
    side: Side | None = None
    """For holds: the side held. For switches and get-ready: the side coming up."""
    repeat: int = 0
    is_last_hold: bool = False


def build_timeline(routine: Routine) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    last_step = len(routine.steps) - 1
    for index, step in enumerate(routine.steps):
        sides: tuple[Side | None, ...] = step.sides or (None,)
        holds = [(repeat, side) for repeat in range(step.repeats) for side in sides]
        if routine.get_ready_s > 0:
            segments.append(
                Segment(SegmentKind.GET_READY, index, routine.get_ready_s, side=holds[0][1])
            )
        for n, (repeat, side) in enumerate(holds):
            if n > 0 and routine.switch_s > 0:
                segments.append(
                    Segment(SegmentKind.SWITCH, index, routine.switch_s, side=side, repeat=repeat)
                )
            segments.append(
                Segment(
                    SegmentKind.HOLD,
                    index,
                    step.duration_s,
                    side=side,
                    repeat=repeat,
                    is_last_hold=n == len(holds) - 1,
                )
            )
        if step.rest_after_s > 0 and index < last_step:
            segments.append(Segment(SegmentKind.REST, index, step.rest_after_s))
    return tuple(segments)


def routine_length_s(routine: Routine) -> int:
    return round(sum(segment.duration_s for segment in build_timeline(routine)))
