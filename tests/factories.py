"""Small routines built in code, so player tests do not depend on the shipped content."""

from __future__ import annotations

from pathlib import Path

from nightstretch.core.routine import Cues, Kind, Position, Routine, Side, Step

PICTURE = Path(__file__).resolve().parent.parent / "assets" / "illustrations" / "breathe.svg"


def step(
    step_id: str,
    duration: int = 10,
    *,
    sides: tuple[Side, ...] = (),
    repeats: int = 1,
    rest_after: int = 0,
    cues: Cues | None = None,
    title: str | None = None,
    caution: str | None = None,
) -> Step:
    return Step(
        id=step_id,
        title=title or step_id.replace("-", " ").capitalize(),
        instructions=f"Instructions for {step_id}.",
        duration_s=duration,
        position=Position.STANDING,
        illustration="illustrations/breathe.svg",
        picture=PICTURE,
        sides=sides,
        repeats=repeats,
        rest_after_s=rest_after,
        caution=caution,
        cues=cues or Cues(),
    )


def routine(*steps: Step, get_ready: int = 5, switch: int = 5) -> Routine:
    return Routine(
        id="test-routine",
        title="Test routine",
        summary="A routine for tests.",
        kind=Kind.EVENING,
        sources=("seed.txt",),
        steps=steps,
        get_ready_s=get_ready,
        switch_s=switch,
        origin="test",
    )


BOTH = (Side.LEFT, Side.RIGHT)
