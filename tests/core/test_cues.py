from __future__ import annotations

from nightstretch.core.clock import FakeClock
from nightstretch.core.cues import Sound, Utterance, plan_cues
from nightstretch.core.player import Countdown, Finished, Halfway, Paused, Player, StepStarted
from nightstretch.core.routine import Cues

from tests.factories import BOTH, routine, step


def test_step_start_speaks_title_instructions_and_first_side() -> None:
    r = routine(step("wall", 20, sides=BOTH, title="Wall stretch"))
    plan = plan_cues(r, [StepStarted(0)])
    assert plan.sound is Sound.STEP
    assert plan.speech == [
        Utterance("Wall stretch. Instructions for wall. Start with the left leg.", True)
    ]


def test_custom_cues_win() -> None:
    r = routine(
        step(
            "wall",
            20,
            sides=BOTH,
            cues=Cues(
                start="Go to the wall.",
                switch="Other leg.",
                halfway="Half.",
                finish="All done, rest now.",
            ),
        )
    )
    clock = FakeClock()
    player = Player(r)
    assert plan_cues(r, player.start(clock.monotonic())).speech[0].text == "Go to the wall."
    clock.advance(5 + 10)
    assert plan_cues(r, player.poll(clock.monotonic())).speech == [Utterance("Half.", False)]
    clock.advance(10)
    plan = plan_cues(r, player.poll(clock.monotonic()))
    assert plan.sound is Sound.SWITCH
    assert plan.speech == [Utterance("Other leg.", True)]
    assert plan_cues(r, [Finished(1)]).speech == [Utterance("All done, rest now.", True)]


def test_default_switch_and_release_and_rest_words() -> None:
    r = routine(step("a", 10, sides=BOTH, rest_after=10), step("b", 10, repeats=2), get_ready=0)
    clock = FakeClock()
    player = Player(r)
    player.start(clock.monotonic())
    clock.advance(10)
    assert plan_cues(r, player.poll(clock.monotonic())).speech[-1].text == (
        "Switch to the right leg."
    )
    clock.advance(15)
    assert plan_cues(r, player.poll(clock.monotonic())).speech == [Utterance("Rest.", True)]
    clock.advance(10)
    assert plan_cues(r, player.poll(clock.monotonic())).sound is Sound.STEP
    clock.advance(10)
    plan = plan_cues(r, player.poll(clock.monotonic()))
    assert plan.sound is Sound.SWITCH
    assert plan.speech == [Utterance("Relax for a moment, then once more.", True)]


def test_burst_collapses_to_one_sound_and_latest_words() -> None:
    r = routine(step("a", 10), step("b", 10))
    plan = plan_cues(r, [Countdown(1), StepStarted(0), Halfway(0), StepStarted(1), Countdown(3)])
    assert plan.sound is Sound.STEP
    assert [u.text for u in plan.speech] == ["B. Instructions for b."]
    assert plan_cues(r, [Countdown(2)]).sound is Sound.TICK
    assert plan_cues(r, [Countdown(2)]).speech == []
    finished = plan_cues(r, [StepStarted(1), Finished(2)])
    assert finished.sound is Sound.FINISH
    assert "How do your legs feel?" in finished.speech[-1].text
    assert plan_cues(r, [Paused()]).speech == [Utterance("Paused.", True)]
