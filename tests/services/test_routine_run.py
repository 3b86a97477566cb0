# mypy: disable-error-code="comparison-overlap, unreachable"
# (keys and ticks change what an assert just checked; mypy's narrowing cannot see that)
from __future__ import annotations

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.cues import Sound
from nightstretch.core.player import PlayerState
from nightstretch.core.routine import Routine
from nightstretch.services.routine_run import RoutineRun
from nightstretch.store.logbook import Logbook
from pytestqt.qtbot import QtBot

from tests.factories import BOTH, routine, step
from tests.services.fakes import RecordingSounds, RecordingSpeaker


def make_run(
    logbook: Logbook | None,
    sounds: RecordingSounds | None = None,
    speaker: RecordingSpeaker | None = None,
    r: Routine | None = None,
) -> tuple[RoutineRun, FakeClock]:
    clock = FakeClock()
    run = RoutineRun(
        r or routine(step("a", 10, sides=BOTH), step("b", 10)),
        clock,
        logbook,
        sounds or RecordingSounds(),
        speaker or RecordingSpeaker(),
    )
    return run, clock


def advance(run: RoutineRun, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    run.tick()


def test_full_run_writes_the_session_and_plays_cues(qtbot: QtBot, logbook: Logbook) -> None:
    sounds, speaker = RecordingSounds(), RecordingSpeaker()
    run, clock = make_run(logbook, sounds, speaker)
    with qtbot.waitSignal(run.changed):
        run.start()
    (row,) = logbook.sessions()
    assert (row.status, row.steps_total, row.ended_utc) == ("partial", 2, None)
    assert sounds.played == [Sound.STEP]
    assert speaker.said[0].text.startswith("A. Instructions for a.")
    advance(run, clock, 5 + 10 + 5 + 10)
    assert logbook.sessions()[0].steps_done == 1
    with qtbot.waitSignal(run.ended) as ended:
        advance(run, clock, 5 + 10)
    assert ended.args == ["finished"]
    row = logbook.sessions()[0]
    assert (row.status, row.steps_done) == ("completed", 2)
    assert row.ended_utc is not None
    assert sounds.played[-1] is Sound.FINISH
    run.choose_feeling("loose")
    assert logbook.sessions()[0].feeling == "loose"
    with pytest.raises(ValueError):
        run.choose_feeling("wonderful")


def test_timer_is_armed_only_while_running(qtbot: QtBot, logbook: Logbook) -> None:
    run, _ = make_run(logbook)
    run.start()
    assert run._timer.isActive()
    assert 0 < run._timer.interval() <= 1000
    run.toggle_pause()
    assert not run._timer.isActive()
    run.toggle_pause()
    assert run._timer.isActive()
    run.stop()
    assert not run._timer.isActive()


def test_stop_confirm_flow_pauses_and_resumes(qtbot: QtBot, logbook: Logbook) -> None:
    speaker = RecordingSpeaker()
    run, clock = make_run(logbook, speaker=speaker)
    run.start()
    advance(run, clock, 3)
    said = len(speaker.said)
    run.request_stop()
    assert run.player.state is PlayerState.PAUSED
    assert len(speaker.said) == said  # no "Paused." while she is deciding
    clock.advance(60)
    run.cancel_stop()
    assert run.player.state is PlayerState.RUNNING
    assert run.view().remaining_s == pytest.approx(2)
    # a stop asked while already paused stays paused when cancelled
    run.toggle_pause()
    run.request_stop()
    run.cancel_stop()
    assert run.player.state is PlayerState.PAUSED
    with qtbot.waitSignal(run.ended) as ended:
        run.stop()
    assert ended.args == ["stopped"]
    assert speaker.stopped == 1
    row = logbook.sessions()[0]
    assert (row.status, row.steps_done) == ("partial", 0)
    assert row.ended_utc is not None


def test_skipping_to_the_end_is_finished_but_partial(qtbot: QtBot, logbook: Logbook) -> None:
    run, clock = make_run(logbook)
    run.start()
    run.next()  # skips "a" during get-ready: not done
    advance(run, clock, 6)
    run.next()  # "b" under way: done, and it was the last step
    row = logbook.sessions()[0]
    assert (row.status, row.steps_done) == ("partial", 1)
    assert run.player.state is PlayerState.FINISHED


def test_unavailable_sound_and_voice_are_told_once(qtbot: QtBot, logbook: Logbook) -> None:
    run, _ = make_run(
        logbook,
        RecordingSounds("Sound is off: no audio output was found."),
        RecordingSpeaker("Voice is off: no speech engine is installed."),
    )
    texts: list[str] = []
    run.notice.connect(texts.append)
    run.start()
    assert sorted(texts) == [
        "Sound is off: no audio output was found.",
        "Voice is off: no speech engine is installed.",
    ]


def test_logbook_failure_is_told_and_the_routine_goes_on(qtbot: QtBot, logbook: Logbook) -> None:
    run, _ = make_run(logbook)
    logbook.close()
    with qtbot.waitSignal(run.notice) as notice:
        run.start()
    assert "could not be saved" in notice.args[0]
    assert run.player.state is PlayerState.RUNNING
    assert run.session_id is None


def test_runs_without_a_logbook(qtbot: QtBot) -> None:
    run, clock = make_run(None)
    run.start()
    advance(run, clock, 100)
    assert run.player.state is PlayerState.FINISHED
    run.choose_feeling("sore")
    assert run.feeling == "sore"
