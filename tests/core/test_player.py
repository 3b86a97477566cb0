from __future__ import annotations

from collections.abc import Iterable

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.player import (
    Countdown,
    Finished,
    Halfway,
    Paused,
    Player,
    PlayerState,
    Resumed,
    SegmentStarted,
    SideSwitched,
    StepCompleted,
    StepStarted,
    Stopped,
)
from nightstretch.core.routine import Side
from nightstretch.core.timeline import SegmentKind, build_timeline, routine_length_s

from tests.factories import BOTH, routine, step


def kinds(events: Iterable[object]) -> list[str]:
    return [type(e).__name__ for e in events]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_timeline_expands_sides_repeats_and_rests() -> None:
    r = routine(step("a", 20, sides=BOTH, repeats=2, rest_after=10), step("b", 30))
    timeline = build_timeline(r)
    assert [
        (s.kind.value, s.step_index, s.side and s.side.value, s.duration_s) for s in timeline
    ] == [
        ("get-ready", 0, "left", 5),
        ("hold", 0, "left", 20),
        ("switch", 0, "right", 5),
        ("hold", 0, "right", 20),
        ("switch", 0, "left", 5),
        ("hold", 0, "left", 20),
        ("switch", 0, "right", 5),
        ("hold", 0, "right", 20),
        ("rest", 0, None, 10),
        ("get-ready", 1, None, 5),
        ("hold", 1, None, 30),
    ]
    assert [s.is_last_hold for s in timeline if s.kind is SegmentKind.HOLD] == [
        False,
        False,
        False,
        True,
        True,
    ]
    assert routine_length_s(r) == 5 + 80 + 15 + 10 + 5 + 30


def test_no_rest_after_last_step_and_no_zero_transitions() -> None:
    r = routine(step("a", 10, repeats=2, rest_after=20), get_ready=0, switch=0)
    assert [s.kind for s in build_timeline(r)] == [SegmentKind.HOLD, SegmentKind.HOLD]


def test_plays_through_with_events_in_order(clock: FakeClock) -> None:
    r = routine(step("a", 10, sides=BOTH), step("b", 4))
    player = Player(r)
    events = player.start(clock.monotonic())
    assert events == [StepStarted(0), SegmentStarted(0, player.timeline[0])]
    assert player.view(clock.monotonic()).seconds_shown == 5

    clock.advance(2)
    assert kinds(player.poll(clock.monotonic())) == ["Countdown"]  # 3 seconds left
    clock.advance(3)
    events = player.poll(clock.monotonic())
    assert kinds(events) == ["SegmentStarted"]  # get ready -> hold left
    assert player.segment.side is Side.LEFT

    clock.advance(5)
    assert player.poll(clock.monotonic()) == [Halfway(0)]
    clock.advance(5)
    events = player.poll(clock.monotonic())
    assert kinds(events) == ["SegmentStarted", "SideSwitched"]
    assert events[1] == SideSwitched(Side.RIGHT)

    clock.advance(5 + 10)
    events = player.poll(clock.monotonic())
    assert StepCompleted(0, 1) in events
    assert StepStarted(1) in events
    clock.advance(5 + 4)
    events = player.poll(clock.monotonic())
    assert events[-1] == Finished(2)
    assert player.state is PlayerState.FINISHED
    assert player.view(clock.monotonic()).total_remaining_s == 0
    assert player.poll(clock.monotonic()) == []
    assert player.next_wakeup(clock.monotonic()) is None


def test_countdown_three_two_one_exactly_once(clock: FakeClock) -> None:
    player = Player(routine(step("a", 8), get_ready=0))
    player.start(clock.monotonic())
    seen = []
    for _ in range(80):
        clock.advance(0.1)
        seen += [e.seconds for e in player.poll(clock.monotonic()) if isinstance(e, Countdown)]
    assert seen == [3, 2, 1]


def test_short_hold_has_no_halfway_or_countdown(clock: FakeClock) -> None:
    player = Player(routine(step("a", 3), step("b", 3), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(1.5)
    assert player.poll(clock.monotonic()) == []


def test_pause_ten_minutes_keeps_remaining_time(clock: FakeClock) -> None:
    player = Player(routine(step("a", 60), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(20)
    player.poll(clock.monotonic())
    assert player.pause(clock.monotonic())[-1] == Paused()
    clock.advance(600)
    assert player.poll(clock.monotonic()) == []
    view = player.view(clock.monotonic())
    assert view.state is PlayerState.PAUSED
    assert view.remaining_s == pytest.approx(40)
    assert player.next_wakeup(clock.monotonic()) is None
    assert player.resume(clock.monotonic()) == [Resumed()]
    clock.advance(39.9)
    assert not any(isinstance(e, Finished) for e in player.poll(clock.monotonic()))
    clock.advance(0.1)
    assert player.poll(clock.monotonic())[-1] == Finished(1)


def test_toggle_pause_and_commands_in_wrong_state_do_nothing(clock: FakeClock) -> None:
    player = Player(routine(step("a", 10)))
    assert player.pause(0) == []
    assert player.resume(0) == []
    assert player.next(0) == []
    assert player.previous(0) == []
    assert player.stop(0) == []
    assert player.finish(0) == []
    assert player.poll(0) == []
    assert player.view(0).remaining_s == 5  # idle shows the first segment
    player.start(clock.monotonic())
    with pytest.raises(RuntimeError):
        player.start(clock.monotonic())
    assert kinds(player.toggle_pause(clock.monotonic())) == ["Paused"]
    assert kinds(player.toggle_pause(clock.monotonic())) == ["Resumed"]
    assert player.resume(clock.monotonic()) == []


def test_blocked_gui_thread_does_not_lengthen_the_routine(clock: FakeClock) -> None:
    """Polling late (a 750 ms stall) must not shift any later deadline."""
    r = routine(step("a", 10, sides=BOTH), step("b", 12), get_ready=5, switch=5)
    total = routine_length_s(r)
    player = Player(r)
    start = clock.monotonic()
    player.start(start)
    finished_at = None
    while finished_at is None:
        # poll whenever the player asks, but arrive 750 ms late every third time
        wake = player.next_wakeup(clock.monotonic())
        assert wake is not None
        late = 0.75 if round(wake * 10) % 3 == 0 else 0.0
        clock.advance(max(0.0, wake - clock.monotonic()) + late)
        for event in player.poll(clock.monotonic()):
            if isinstance(event, Finished):
                finished_at = clock.monotonic()
    assert finished_at - start == pytest.approx(total, abs=0.75 + 1e-6)
    # and the deadline itself is exact: the last segment ended at start + total
    assert player._deadline == pytest.approx(start + total)


def test_a_long_stall_skips_stale_cues_but_counts_steps(clock: FakeClock) -> None:
    player = Player(routine(step("a", 10), step("b", 10), step("c", 10), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(25)  # stuck through all of "a", "b" and half of "c"
    events = player.poll(clock.monotonic())
    assert [e for e in events if isinstance(e, StepCompleted)] == [
        StepCompleted(0, 1),
        StepCompleted(1, 2),
    ]
    assert [e for e in events if isinstance(e, StepStarted)] == [StepStarted(1), StepStarted(2)]
    assert not any(isinstance(e, Countdown) for e in events)
    assert events[-1] == Halfway(2)
    assert player.view(clock.monotonic()).remaining_s == pytest.approx(5)


def test_next_wakeup_lands_on_second_boundaries_and_halfway(clock: FakeClock) -> None:
    player = Player(routine(step("a", 11), get_ready=0))
    start = clock.monotonic()
    player.start(start)
    assert player.next_wakeup(start) == pytest.approx(start + 1)
    clock.advance(5.2)
    # 5.8 s left: next whole second at +0.8, halfway (5.5 s left) at +0.3 comes first
    assert player.next_wakeup(clock.monotonic()) == pytest.approx(start + 5.5)
    player.poll(clock.monotonic())
    clock.advance(0.3)
    assert player.poll(clock.monotonic()) == [Halfway(0)]
    assert player.next_wakeup(clock.monotonic()) == pytest.approx(start + 6)
    clock.advance(10)
    assert player.next_wakeup(clock.monotonic()) == clock.monotonic()  # overdue: poll now


def test_next_skips_to_next_step_and_counts_the_current_one(clock: FakeClock) -> None:
    player = Player(routine(step("a", 30), step("b", 30)))
    player.start(clock.monotonic())
    # during get-ready the step has not begun: Next does not count it
    events = player.next(clock.monotonic())
    assert not any(isinstance(e, StepCompleted) for e in events)
    assert StepStarted(1) in events
    assert player.segment.step_index == 1
    clock.advance(10)  # into the hold of "b"
    events = player.next(clock.monotonic())
    assert events[-2:] == [StepCompleted(1, 1), Finished(1)]
    assert player.state is PlayerState.FINISHED


def test_next_while_paused_stays_paused_with_full_segment(clock: FakeClock) -> None:
    player = Player(routine(step("a", 30), step("b", 20), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(10)
    player.pause(clock.monotonic())
    player.next(clock.monotonic())
    view = player.view(clock.monotonic())
    assert view.state is PlayerState.PAUSED
    assert view.step_index == 1
    assert view.remaining_s == 20
    clock.advance(100)
    player.resume(clock.monotonic())
    assert player.view(clock.monotonic()).remaining_s == 20


def test_previous_restarts_step_or_goes_back(clock: FakeClock) -> None:
    player = Player(routine(step("a", 30), step("b", 30)))
    player.start(clock.monotonic())
    clock.advance(20)
    events = player.previous(clock.monotonic())
    assert events[-2:] == [StepStarted(0), SegmentStarted(0, player.timeline[0])]
    assert player.view(clock.monotonic()).remaining_s == 5  # back to get-ready of "a"
    player.next(clock.monotonic())
    clock.advance(1)
    player.previous(clock.monotonic())  # one second into "b": go to "a"
    assert player.segment.step_index == 0
    player.previous(clock.monotonic())  # first step: restart it
    assert player.segment.step_index == 0
    assert player.view(clock.monotonic()).remaining_s == 5


def test_stop_reports_steps_done(clock: FakeClock) -> None:
    player = Player(routine(step("a", 10), step("b", 10), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(12)
    events = player.stop(clock.monotonic())
    assert StepCompleted(0, 1) in events
    assert events[-1] == Stopped(1)
    assert player.state is PlayerState.STOPPED
    assert player.stop(clock.monotonic()) == []
    assert player.remaining(clock.monotonic()) == 0


def test_finish_counts_current_step_unless_in_get_ready(clock: FakeClock) -> None:
    player = Player(routine(step("a", 10), step("b", 10)))
    player.start(clock.monotonic())
    assert player.finish(clock.monotonic()) == [Finished(0)]

    other = Player(routine(step("a", 10), step("b", 10), get_ready=0))
    other.start(clock.monotonic())
    clock.advance(3)
    assert other.finish(clock.monotonic()) == [StepCompleted(0, 1), Finished(1)]


@pytest.mark.parametrize("command", ["pause", "next", "previous", "stop", "finish"])
def test_commands_after_the_end_passed_only_report_the_end(clock: FakeClock, command: str) -> None:
    player = Player(routine(step("a", 5), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(6)
    events = getattr(player, command)(clock.monotonic())
    assert events[-1] == Finished(1)
    assert player.state is PlayerState.FINISHED


def test_repeats_without_sides_switch_as_release(clock: FakeClock) -> None:
    player = Player(routine(step("a", 10, repeats=2), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(10)
    events = player.poll(clock.monotonic())
    assert kinds(events) == ["SegmentStarted"]
    assert player.segment.kind is SegmentKind.SWITCH


def test_view_reports_next_step_and_totals(clock: FakeClock) -> None:
    player = Player(routine(step("a", 10), step("b", 20, title="Bee")))
    player.start(clock.monotonic())
    clock.advance(2.5)
    view = player.view(clock.monotonic())
    assert view.next_step is not None and view.next_step.title == "Bee"
    assert view.total_remaining_s == pytest.approx(5 + 10 + 5 + 20 - 2.5)
    assert view.seconds_shown == 3
    assert view.fraction_left == pytest.approx(0.5)
    assert view.step_count == 2


def test_empty_routine_is_refused() -> None:
    with pytest.raises(ValueError):
        Player(routine())


def test_a_step_redone_after_back_is_counted_once(clock: FakeClock) -> None:
    player = Player(routine(step("a", 10), step("b", 10), get_ready=0))
    player.start(clock.monotonic())
    clock.advance(11)
    player.poll(clock.monotonic())
    player.previous(clock.monotonic())  # 1 s into "b": back to "a"
    clock.advance(10)
    events = player.poll(clock.monotonic())
    assert not any(isinstance(e, StepCompleted) for e in events)
    assert player.steps_done == 1
