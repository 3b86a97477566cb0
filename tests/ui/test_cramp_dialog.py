"""The cramp dialog driven by keys alone, as someone would at 7 a.m. with one hand."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from nightstretch.core import safety
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.ui.cramp_dialog import CrampDialog
from nightstretch.ui.theme import DAY, NIGHT, Colors
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.qt_log_ignore("does not support (raise|propagateSizeHints)")

MORNING = datetime(2026, 11, 22, 7, 40, tzinfo=UTC)
EVENING = datetime(2026, 11, 22, 21, 15, tzinfo=UTC)


def open_dialog(
    qtbot: QtBot, now: datetime = MORNING, entry: CrampEntry | None = None, colors: Colors = NIGHT
) -> CrampDialog:
    dialog = CrampDialog(FakeClock(now), colors, entry=entry, zone=UTC)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def type_keys(qtbot: QtBot, keys: list[Qt.Key | str]) -> int:
    """Each key goes to whatever has focus, exactly like a keyboard; returns how many."""
    for key in keys:
        target = QApplication.focusWidget()
        assert isinstance(target, QWidget), f"nothing has focus before {key!r}"
        if isinstance(key, str):
            QTest.keyClicks(target, key)  # one character: the same single key click
        else:
            QTest.keyClick(target, key)
    return len(keys)


def capture(dialog: CrampDialog) -> list[CrampEntry]:
    received: list[CrampEntry] = []
    dialog.submitted.connect(received.append)
    return received


def test_morning_defaults_to_last_night_and_a_few_keys_log_it(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    received = capture(dialog)
    assert dialog.last_night_choice.isChecked()
    assert dialog.happened() == datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    keys: list[Qt.Key | str] = [
        Qt.Key.Key_R,  # right leg
        Qt.Key.Key_F,  # foot
        Qt.Key.Key_Tab,  # to how bad
        Qt.Key.Key_7,
        Qt.Key.Key_Tab,  # minutes
        Qt.Key.Key_5,
        Qt.Key.Key_Return,
    ]
    assert type_keys(qtbot, keys) <= 12
    assert received == [
        CrampEntry(
            happened=datetime(2026, 11, 22, 3, 0, tzinfo=UTC),
            leg="right",
            severity=7,
            muscle="foot",
            duration_min=5,
        )
    ]
    assert received[0].night_date == "2026-11-21"
    assert dialog.result() == CrampDialog.DialogCode.Accepted


def test_arrow_keys_choose_the_leg_and_ten_is_typed_as_two_digits(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, EVENING)
    received = capture(dialog)
    assert dialog.now_choice.isChecked()
    assert dialog.happened() == datetime(2026, 11, 22, 21, 15, tzinfo=UTC)
    # focus starts on the leg row; Right arrow moves and chooses at once
    type_keys(qtbot, [Qt.Key.Key_Right, Qt.Key.Key_Right])
    assert dialog.leg.value() == "both"
    type_keys(qtbot, [Qt.Key.Key_Tab, Qt.Key.Key_Tab, "1", "0", Qt.Key.Key_Tab, Qt.Key.Key_Tab])
    assert QApplication.focusWidget() is dialog.helped
    QTest.keyClicks(dialog.helped, "walked, then flexed the foot")
    QTest.keyClick(dialog.helped, Qt.Key.Key_Return)
    assert len(received) == 1
    entry = received[0]
    assert (entry.leg, entry.muscle, entry.severity) == ("both", "calf", 10)
    assert entry.helped == "walked, then flexed the foot"
    assert entry.duration_min is None


def test_letters_in_the_text_field_stay_text(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    type_keys(qtbot, [Qt.Key.Key_L])
    dialog.helped.setFocus()
    QTest.keyClicks(dialog.helped, "rub")
    assert dialog.leg.value() == "left"
    assert dialog.helped.text() == "rub"


def test_a_warning_sign_shows_the_guidance_at_once_and_it_stays(
    qtbot: QtBot, artifacts: Path
) -> None:
    dialog = open_dialog(qtbot)
    assert not dialog.guidance_shown
    box = dialog.signs["swelling"]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    assert dialog.guidance.isVisible()
    text = dialog.guidance_text.text()
    assert safety.HEADLINE in text and "blood clot" in text
    assert all(sign in text for sign in safety.CLOT_SIGNS)
    # it is the first thing in the dialog, above the title
    assert dialog.guidance.geometry().bottom() < dialog.title.geometry().top()
    type_keys(qtbot, [Qt.Key.Key_L, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_6])
    dialog.grab().save(str(artifacts / "cramp-dialog-warning-night.png"))
    QTest.keyClick(box, Qt.Key.Key_Space)  # unticked again: the guidance stays
    assert dialog.guidance.isVisible()


def test_invalid_input_is_refused_inline_and_nothing_is_emitted(
    qtbot: QtBot, artifacts: Path
) -> None:
    dialog = open_dialog(qtbot, colors=DAY)
    received = capture(dialog)
    type_keys(qtbot, [Qt.Key.Key_Return])
    assert received == []
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Choose which leg: L, R or B."
    assert dialog.isVisible()

    type_keys(qtbot, [Qt.Key.Key_L, Qt.Key.Key_Return])
    assert dialog.error.text() == "Choose how bad it was: type a number from 1 to 10."

    type_keys(qtbot, [Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_4, Qt.Key.Key_Tab])
    QTest.keyClicks(dialog.minutes, "300")
    QTest.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert dialog.error.text() == "Minutes must be between 0 and 240 (got 300)."
    assert "\n" not in dialog.error.text()
    dialog.grab().save(str(artifacts / "cramp-dialog-error-day.png"))

    dialog.minutes.setText("")
    dialog.now_choice.setChecked(True)
    dialog.when_edit.setDateTime(dialog.when_edit.dateTime().addSecs(3600))
    QTest.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert "in the future" in dialog.error.text()
    assert received == []


def test_a_failed_save_keeps_the_dialog_open_with_the_message(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    dialog.submitted.connect(lambda _entry: dialog.show_error("Could not save: the disk is full."))
    type_keys(qtbot, [Qt.Key.Key_B, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_3])
    type_keys(qtbot, [Qt.Key.Key_Return])
    assert dialog.isVisible()
    assert dialog.error.text() == "Could not save: the disk is full."


def test_editing_fills_every_field_and_typing_a_time_lets_go_of_the_choice(qtbot: QtBot) -> None:
    old = CrampEntry(
        happened=datetime(2026, 11, 20, 2, 10, tzinfo=UTC),
        leg="left",
        severity=8,
        muscle="thigh",
        duration_min=12,
        helped="walking",
        warmth=True,
    )
    dialog = open_dialog(qtbot, entry=old)
    received = capture(dialog)
    assert dialog.guidance_shown
    assert not dialog.last_night_choice.isChecked() and not dialog.now_choice.isChecked()
    assert "Edit" in dialog.windowTitle()
    type_keys(qtbot, [Qt.Key.Key_Return])
    assert received == [old]


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    controls = [
        *dialog.leg.buttons.values(),
        *dialog.muscle.buttons.values(),
        *dialog.signs.values(),
        dialog.severity,
        dialog.minutes,
        dialog.helped,
        dialog.when_edit,
        dialog.last_night_choice,
        dialog.now_choice,
        dialog.save_button,
        dialog.cancel_button,
    ]
    assert all(control.accessibleName() for control in controls)


def test_ticking_a_warning_sign_leaves_save_under_the_pointer(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    dialog.move(dialog.x(), 500)  # room above, as in the middle of a laptop screen
    qtbot.waitUntil(lambda: dialog.frameGeometry().y() >= 400)
    save_at = dialog.save_button.mapToGlobal(QPoint(0, 0))
    QTest.keyClick(dialog.signs["swelling"], Qt.Key.Key_Space)
    assert dialog.guidance.isVisible()
    qtbot.waitUntil(lambda: dialog.save_button.mapToGlobal(QPoint(0, 0)) == save_at)
    assert dialog.guidance.geometry().bottom() < dialog.title.geometry().top()


def test_a_time_given_is_filled_in_and_neither_choice_is_ticked(qtbot: QtBot) -> None:
    """The end of Cramp rescue opens the form at the time the rescue started."""
    started = datetime(2026, 11, 22, 3, 12, 40, tzinfo=UTC)
    dialog = CrampDialog(FakeClock(MORNING), NIGHT, happened=started, zone=UTC)
    qtbot.addWidget(dialog)
    assert dialog.happened() == datetime(2026, 11, 22, 3, 12, tzinfo=UTC)
    assert not dialog.last_night_choice.isChecked() and not dialog.now_choice.isChecked()
    assert "03:12" in dialog.when_edit.accessibleDescription()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_minutes_field_shows_its_hint_whole_at_any_text_size(
    qtbot: QtBot, scale: float
) -> None:
    """At 2.0 "optional" was cut to "optio…"; there the minutes get a row of their own."""
    dialog = CrampDialog(FakeClock(MORNING), NIGHT, scale, zone=UTC)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = dialog.minutes
    hint = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert field.width() >= hint + 20
    severity = dialog.severity
    below = (
        field.mapTo(dialog, QPoint(0, 0)).y()
        >= severity.mapTo(dialog, QPoint(0, severity.height())).y()
    )
    assert below == (scale >= 1.5)
