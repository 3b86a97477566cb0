"""Cramp rescue: for a cramp happening now, the foot pull comes first, breathing after."""

from __future__ import annotations

from nightstretch.core import resources
from nightstretch.core.clock import FakeClock
from nightstretch.core.cues import plan_cues
from nightstretch.core.player import Player
from nightstretch.core.routine_loader import load_routine_file
from nightstretch.core.timeline import SegmentKind, build_timeline

PULL = "toes and foot up toward your shin"


def test_the_first_thing_said_and_shown_is_the_foot_pull() -> None:
    path = resources.routines_dir() / "cramp-rescue.toml"
    rescue = load_routine_file(path, "routines/cramp-rescue.toml", resources.assets_dir())
    first = rescue.steps[0]
    assert PULL in first.instructions and "toes up" in first.title.lower()
    # the first words spoken, at 0 s
    clock = FakeClock()
    player = Player(rescue)
    speech = plan_cues(rescue, player.start(clock.monotonic())).speech
    assert speech and speech[0].text.startswith(f"Pull your {PULL}")
    # and the pull itself starts within 3 s
    timeline = build_timeline(rescue)
    start = 0.0
    for segment in timeline:
        if segment.kind is SegmentKind.HOLD:
            break
        start += segment.duration_s
    assert segment.step_index == 0 and start <= 3
    titles = [s.id for s in rescue.steps]
    assert titles.index("flex-foot") < titles.index("breathe")
