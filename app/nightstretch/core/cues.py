"""What to play and say for each player event.

Decided here, not in the sound service, so the wording is tested without Qt and so a
burst of events (after the GUI thread stalled) collapses into one sound and the latest
words instead of a pile-up of chimes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from nightstretch.core.i18n import _
from nightstretch.core.player import (
    Countdown,
    Event,
    Finished,
    Halfway,
    Paused,
    SegmentStarted,
    SideSwitched,
    StepStarted,
)
from nightstretch.core.routine import Routine, Side
from nightstretch.core.timeline import SegmentKind


class Sound(StrEnum):
    STEP = "step"
    SWITCH = "switch"
    TICK = "tick"
    FINISH = "finish"


_PRIORITY = {Sound.TICK: 0, Sound.SWITCH: 1, Sound.STEP: 2, Sound.FINISH: 3}


@dataclass(frozen=True)
class Utterance:
    text: str
    interrupt: bool
    """True for a new step: stale words from the previous one are cut off."""


@dataclass
class CuePlan:
    sound: Sound | None = None
    speech: list[Utterance] = field(default_factory=list)

    def add_sound(self, sound: Sound) -> None:
        if self.sound is None or _PRIORITY[sound] >= _PRIORITY[self.sound]:
            self.sound = sound

    def add_speech(self, text: str, *, interrupt: bool = False) -> None:
        if interrupt:
            self.speech.clear()
        self.speech.append(Utterance(text, interrupt))


def plan_cues(routine: Routine, events: Sequence[Event]) -> CuePlan:
    plan = CuePlan()
    side_switches = any(isinstance(e, SideSwitched) for e in events)
    step_index = 0
    for event in events:
        match event:
            case StepStarted(step_index=index):
                step = routine.steps[index]
                plan.add_sound(Sound.STEP)
                text = step.cues.start or f"{step.title}. {step.instructions}"
                if step.sides and step.cues.start is None:
                    left = step.sides[0] is Side.LEFT
                    start = (
                        _("Start with the left leg.") if left else _("Start with the right leg.")
                    )
                    text += " " + start
                plan.add_speech(text, interrupt=True)
            case SegmentStarted(segment=segment):
                step_index = segment.step_index
                if segment.kind is SegmentKind.SWITCH and not side_switches:
                    plan.add_sound(Sound.SWITCH)
                    plan.add_speech(_("Relax for a moment, then once more."), interrupt=True)
                elif segment.kind is SegmentKind.REST:
                    plan.add_speech(_("Rest."), interrupt=True)
            case SideSwitched(side=side):
                plan.add_sound(Sound.SWITCH)
                custom = routine.steps[step_index].cues.switch
                switch = (
                    _("Switch to the left leg.")
                    if side is Side.LEFT
                    else _("Switch to the right leg.")
                )
                plan.add_speech(custom or switch, interrupt=True)
            case Halfway(step_index=index):
                plan.add_speech(routine.steps[index].cues.halfway or _("Halfway."))
            case Countdown():
                plan.add_sound(Sound.TICK)
            case Finished():
                plan.add_sound(Sound.FINISH)
                last = routine.steps[-1].cues.finish
                plan.add_speech(
                    last or _("Well done. That is the whole routine. How do your legs feel?"),
                    interrupt=True,
                )
            case Paused():
                plan.add_speech(_("Paused."), interrupt=True)
            case _:
                pass
    return plan
