# mypy: disable-error-code="comparison-overlap, unreachable"
# (keys and ticks change what an assert just checked; mypy's narrowing cannot see that)
"""The player window driven through its keyboard shortcuts, as someone at a wall would."""

from __future__ import annotations

from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.player import PlayerState
from nightstretch.services.routine_run import PlayerController, RoutineRun
from nightstretch.store.logbook import Logbook
from nightstretch.ui.player_window import PlayerWindow
from nightstretch.ui.theme import DAY, NIGHT
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.factories import BOTH, routine, step
from tests.services.fakes import RecordingSounds, RecordingSpeaker


@pytest.fixture
def player(qtbot: QtBot, logbook: Logbook) -> tuple[PlayerController, FakeClock]:
    clock = FakeClock()
    r = routine(
        step(
            "wall-stretch",
            20,
            sides=BOTH,
            title="Wall calf stretch",
            caution="Stop and rest if your belly tightens.",
        ),
        step("pumps", 10, title="Ankle pumps"),
    )
    run = RoutineRun(r, clock, logbook, RecordingSounds(), RecordingSpeaker())
    window = PlayerWindow(r.title, NIGHT)
    qtbot.addWidget(window)
    controller = PlayerController(run, window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    run.start()
    return controller, clock


def window_of(controller: PlayerController) -> PlayerWindow:
    """The controller knows its window by what it needs of it; these tests by all of it."""
    assert isinstance(controller.window, PlayerWindow)
    return controller.window


def press(qtbot: QtBot, window: PlayerWindow, key: Qt.Key) -> None:
    QTest.keyClick(window, key)


def advance(controller: PlayerController, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    controller.run.tick()


def test_keyboard_drives_the_routine_with_side_labels(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock], artifacts: Path
) -> None:
    controller, clock = player
    window = window_of(controller)
    assert window.title_label.text() == "Wall calf stretch"
    assert window.step_counter.text() == "Step 1 of 2"
    assert window.side_label.text() == "Left leg"
    assert window.ring.seconds == 5
    assert window.caution.isVisibleTo(window)
    assert window.up_next.text() == "Then: Ankle pumps"

    advance(controller, clock, 5 + 8)
    assert window.side_label.text() == "Left leg"
    assert window.ring.seconds == 12
    window.grab().save(str(artifacts / "player-night-left-leg.png"))

    advance(controller, clock, 12)
    assert window.side_label.text() == "Next: Right leg"
    advance(controller, clock, 5)
    assert window.side_label.text() == "Right leg"

    press(qtbot, window, Qt.Key.Key_Space)
    assert controller.run.player.state is PlayerState.PAUSED
    assert window.pause_button.text() == "Resume"
    clock.advance(300)
    press(qtbot, window, Qt.Key.Key_Space)
    assert controller.run.player.state is PlayerState.RUNNING
    assert window.ring.seconds == 20

    press(qtbot, window, Qt.Key.Key_Right)
    assert window.title_label.text() == "Ankle pumps"
    assert window.side_label.text() == ""
    assert window.up_next.text() == "Last step"
    assert not window.caution.isVisibleTo(window)
    press(qtbot, window, Qt.Key.Key_Left)  # just started: back to the previous step
    assert window.title_label.text() == "Wall calf stretch"
    press(qtbot, window, Qt.Key.Key_Right)

    advance(controller, clock, 5 + 10)
    assert window.stack.currentIndex() == 1
    assert window.done_question.text() == "How do your legs feel?"
    window.grab().save(str(artifacts / "player-night-done.png"))
    press(qtbot, window, Qt.Key.Key_1)
    assert controller.run.feeling == "loose"
    assert "Saved" in window.done_status.text()
    row = controller.run._logbook.sessions()[0]
    assert (row.status, row.steps_done, row.feeling) == ("completed", 2, "loose")
    with qtbot.waitSignal(window.closed):
        press(qtbot, window, Qt.Key.Key_Return)


def test_escape_asks_then_keeps_going_or_stops(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock]
) -> None:
    controller, clock = player
    window = window_of(controller)
    advance(controller, clock, 7)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.confirm_panel.isVisibleTo(window)
    assert controller.run.player.state is PlayerState.PAUSED
    press(qtbot, window, Qt.Key.Key_Right)  # ignored while asking
    assert window.title_label.text() == "Wall calf stretch"
    press(qtbot, window, Qt.Key.Key_Escape)  # Esc again: keep going
    assert not window.confirm_panel.isVisibleTo(window)
    assert controller.run.player.state is PlayerState.RUNNING

    press(qtbot, window, Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.closed):
        press(qtbot, window, Qt.Key.Key_Return)
    assert controller.run.player.state is PlayerState.STOPPED
    row = controller.run._logbook.sessions()[0]
    assert row.status == "partial" and row.ended_utc is not None


def test_closing_the_window_mid_routine_keeps_a_partial_session(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock]
) -> None:
    controller, clock = player
    advance(controller, clock, 30)
    controller.window.close()
    assert controller.run.player.state is PlayerState.STOPPED
    book = controller.run._logbook
    assert book is not None
    assert book.sessions()[0].status == "partial"


def test_notice_and_day_theme(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock], artifacts: Path
) -> None:
    controller, clock = player
    window = window_of(controller)
    controller.run.notice.emit("Sound is off: no audio output was found.")
    assert window.notice.isVisibleTo(window)
    window.set_colors(DAY)
    advance(controller, clock, 30)
    window.grab().save(str(artifacts / "player-day-right-leg.png"))
    assert window.palette().window().color().name() == DAY.background


def test_buttons_have_accessible_names(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock]
) -> None:
    window = window_of(player[0])
    for button in (window.back_button, window.pause_button, window.next_button, window.stop_button):
        assert button.accessibleName()
        assert button.toolTip()


def test_the_warning_signs_follow_the_question_on_the_last_screen(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock], artifacts: Path
) -> None:
    controller, clock = player
    window = window_of(controller)
    for _ in range(2):
        press(qtbot, window, Qt.Key.Key_Right)  # on to the end
        advance(controller, clock, 0)
    assert window.stack.currentIndex() == 1
    window.show_warning_signs()  # what the end of Cramp rescue does
    panel, question = window.warning_panel, window.done_question
    assert panel.isVisible()
    assert (
        question.mapTo(window, question.rect().bottomLeft()).y()
        < panel.mapTo(window, panel.rect().topLeft()).y()
    )
    first = window.feeling_buttons[next(iter(window.feeling_buttons))]
    assert first.hasFocus()  # the answers keep the keyboard
    window.grab().save(str(artifacts / "player-night-done-rescue.png"))
    press(qtbot, window, Qt.Key.Key_3)
    assert controller.run.feeling is not None


def test_log_this_cramp_is_offered_only_when_asked_and_return_presses_it(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock]
) -> None:
    controller, clock = player
    window = window_of(controller)
    for _ in range(2):
        press(qtbot, window, Qt.Key.Key_Right)  # on to the end
        advance(controller, clock, 0)
    assert window.stack.currentIndex() == 1
    assert window.log_cramp_button.isHidden()  # not after an ordinary routine
    window.offer_cramp_log()  # what the end of Cramp rescue does
    button = window.log_cramp_button
    assert button.isVisible()
    assert button.accessibleName() == "Log this cramp"
    assert "time" in button.accessibleDescription()
    first = window.feeling_buttons[next(iter(window.feeling_buttons))]
    assert first.hasFocus()  # the answers keep the keyboard
    press(qtbot, window, Qt.Key.Key_2)
    button.setFocus()
    with qtbot.waitSignal(window.log_cramp_requested, timeout=500):
        QTest.keyClick(button, Qt.Key.Key_Return)
