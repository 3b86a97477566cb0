"""Onboarding walked through with the keyboard only, as on a first evening."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from nightstretch.core import safety
from nightstretch.ui.onboarding import OnboardingResult, OnboardingWindow
from nightstretch.ui.theme import NIGHT
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

TODAY = date(2026, 3, 1)
QT_NOISE = "This plugin does not support (raise|propagateSizeHints)"


@pytest.fixture
def window(qtbot: QtBot) -> OnboardingWindow:
    w = OnboardingWindow(NIGHT, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    return w


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, text: str = "") -> None:
    """A key goes where a real one would: to the widget with the keyboard focus."""
    if text:
        QTest.keyClicks(focused(), text)
    else:
        QTest.keyClick(focused(), key)


def shoot(window: QWidget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    window.grab().save(str(folder / name))


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_keyboard_only_walk_through_gives_the_chosen_settings(
    qtbot: QtBot, window: OnboardingWindow, artifacts: Path
) -> None:
    assert window.page == 0
    assert not window.back_button.isVisible()
    shoot(window, artifacts, "onboarding-night-1-welcome.png")

    press(qtbot, Qt.Key.Key_Return)
    assert window.page == 1
    shoot(window, artifacts, "onboarding-night-2-warning-signs.png")

    press(qtbot, Qt.Key.Key_Enter)
    assert window.page == 2
    assert focused() is window.bedtime_edit
    press(qtbot, Qt.Key.Key_unknown, "2315")
    assert window.bedtime_edit.time().toString("HH:mm") == "23:15"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.reminders_check
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.water_check
    press(qtbot, Qt.Key.Key_Space)  # no water reminders, thanks
    assert not window.water_check.isChecked()
    shoot(window, artifacts, "onboarding-night-3-evening.png")

    press(qtbot, Qt.Key.Key_Return)
    assert window.page == 3
    assert focused() is window.not_now_radio
    assert not window.due_edit.isEnabled()
    press(qtbot, Qt.Key.Key_Down)
    assert window.due_radio.isChecked()
    assert window.due_edit.isEnabled()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.due_edit
    press(qtbot, Qt.Key.Key_unknown, "20260620")
    assert window.due_edit.date().toPython() == date(2026, 6, 20)
    shoot(window, artifacts, "onboarding-night-4-pregnancy-and-sound.png")

    with (
        qtbot.assertNotEmitted(window.skipped),
        qtbot.waitSignal(window.finished_onboarding, timeout=1000) as blocker,
    ):
        press(qtbot, Qt.Key.Key_Return)
    assert blocker.args == [
        OnboardingResult(
            bedtime="23:15", reminders_on=True, water_on=False, due_date="2026-06-20", week=0
        )
    ]
    assert not window.isVisible()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_a_week_instead_of_a_due_date(qtbot: QtBot, window: OnboardingWindow) -> None:
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert window.week_radio.isChecked()
    assert not window.due_edit.isEnabled()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.week_spin
    QTest.keyClick(window.week_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_unknown, "27")
    with qtbot.waitSignal(window.finished_onboarding, timeout=1000) as blocker:
        press(qtbot, Qt.Key.Key_Return)
    (result,) = blocker.args
    assert (result.due_date, result.week) == ("", 27)
    assert (result.bedtime, result.reminders_on, result.water_on) == ("22:30", True, True)


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_not_now_leaves_pregnancy_empty(qtbot: QtBot, window: OnboardingWindow) -> None:
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.finished_onboarding, timeout=1000) as blocker:
        press(qtbot, Qt.Key.Key_Return)
    (result,) = blocker.args
    assert (result.due_date, result.week) == ("", 0)


@pytest.mark.qt_log_ignore(QT_NOISE)
@pytest.mark.parametrize("page", [0, 1, 2, 3])
def test_escape_skips_from_any_page_without_asking(
    qtbot: QtBot, window: OnboardingWindow, page: int
) -> None:
    for _ in range(page):
        press(qtbot, Qt.Key.Key_Return)
    assert window.page == page
    with (
        qtbot.assertNotEmitted(window.finished_onboarding),
        qtbot.waitSignal(window.skipped, timeout=1000),
    ):
        press(qtbot, Qt.Key.Key_Escape)
    assert not window.isVisible()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_skip_button_and_closing_count_as_done_once(qtbot: QtBot, window: OnboardingWindow) -> None:
    with qtbot.waitSignal(window.skipped, timeout=1000):
        QTest.mouseClick(window.skip_button, Qt.MouseButton.LeftButton)
    # Closing again (the composition root may call close()) does not report twice.
    with qtbot.assertNotEmitted(window.skipped):
        window.close()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_closing_the_window_is_a_skip(qtbot: QtBot, window: OnboardingWindow) -> None:
    press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.skipped, timeout=1000):
        window.close()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_back_returns_to_the_previous_page(qtbot: QtBot, window: OnboardingWindow) -> None:
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert window.page == 2
    for _ in range(6):  # bedtime, two check boxes, Skip, then Back
        if focused() is window.back_button:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.back_button
    press(qtbot, Qt.Key.Key_Space)
    assert window.page == 1
    assert window.next_button.text() == "&Next"


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_sound_and_voice_tests_from_the_keyboard(qtbot: QtBot, window: OnboardingWindow) -> None:
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Return)
    assert window.next_button.text() == "&Finish"
    window.sound_button.setFocus()
    with qtbot.waitSignal(window.test_sound_requested, timeout=1000):
        press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.voice_button
    # Enter on a focused test button plays the test; it does not finish onboarding.
    with (
        qtbot.assertNotEmitted(window.finished_onboarding),
        qtbot.waitSignal(window.test_voice_requested, timeout=1000),
    ):
        press(qtbot, Qt.Key.Key_Return)
    assert window.page == 3
    window.show_test_result("No sound output was found on this computer.")
    assert window.test_status.isVisible()
    window.show_test_result("")
    assert not window.test_status.isVisible()


def test_initial_values_come_from_the_current_settings(qtbot: QtBot) -> None:
    w = OnboardingWindow(NIGHT, today=TODAY, bedtime="21:45", reminders_on=False, water_on=False)
    qtbot.addWidget(w)
    # no reminder on: nothing to keep running after the next login, so not ticked
    assert w.result_value() == OnboardingResult("21:45", False, False, "", 0, False)


def test_start_at_login_is_offered_and_on_when_a_reminder_is(qtbot: QtBot) -> None:
    """Issue 12: without it, after the next login no reminder comes at all."""
    from nightstretch.core.onboarding import settings_changes

    w = OnboardingWindow(NIGHT, today=TODAY)
    qtbot.addWidget(w)
    assert w.login_check.isChecked()
    assert w.login_check.accessibleName() == "Start Nightstretch when I log in"
    assert settings_changes(w.result_value(), TODAY)["autostart"] is True
    w.login_check.setChecked(False)
    assert w.result_value().start_at_login is False
    assert settings_changes(w.result_value(), TODAY)["autostart"] is False


def test_the_welcome_page_says_what_it_is_not(qtbot: QtBot) -> None:
    w = OnboardingWindow(NIGHT, today=TODAY)
    qtbot.addWidget(w)
    assert w.disclaimer.text() == safety.DISCLAIMER
    assert "not medical advice" in w.disclaimer.text()


def test_the_warning_page_shows_every_sign(qtbot: QtBot) -> None:
    w = OnboardingWindow(NIGHT, today=TODAY)
    qtbot.addWidget(w)
    text = w.warning_body.text()
    for sign in (*safety.CLOT_SIGNS, *safety.OTHER_SIGNS):
        assert sign in text
    assert "Contact your midwife or doctor now" in text
    assert w.warning_body.accessibleDescription() == safety.as_text()


# Every urgent sign the seed documents name (000, 002, 003), as words the text must carry.
SEED_URGENT_SIGNS = {
    "swelling in one leg": "one leg is swollen",
    "redness": "red",
    "warmth": "warm",
    "tenderness": "tender",
    "pain not easing with stretching or massage": "does not ease with stretching or massage",
    "severe or constant pain": "severe or constant",
    "trouble walking": "trouble walking",
    "vaginal bleeding": "bleeding",
    "fluid leaking": "fluid leaking",
    "fever": "fever",
    "burning when urinating": "burning when you pee",
    "numbness, tingling or weakness": "numbness, tingling or weakness",
    "sudden, intense or cyclical belly pain": "coming-and-going pain in the belly",
    "very frequent or severe cramps": "cramps that come very often or are very strong",
}


@pytest.mark.parametrize("sign", sorted(SEED_URGENT_SIGNS))
def test_safety_text_names_every_urgent_sign_from_the_seeds(sign: str) -> None:
    assert SEED_URGENT_SIGNS[sign] in safety.as_text().lower()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_enter_on_a_focused_back_button_goes_back(qtbot: QtBot, window: OnboardingWindow) -> None:
    press(qtbot, Qt.Key.Key_Return)
    window.back_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert window.page == 0
    window.next_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert window.page == 1


def test_choosing_a_language_rewords_the_pages_and_keeps_the_answers(qtbot: QtBot) -> None:
    """Issue 15: the language is changeable on the welcome pages, and takes effect at once."""
    from nightstretch.core.i18n import use_language

    w = OnboardingWindow(NIGHT, today=TODAY, bedtime="23:15", language="en")
    qtbot.addWidget(w)
    chosen: list[str] = []
    w.language_chosen.connect(chosen.append)
    w.language_chosen.connect(use_language)  # what the settings service does
    w.go_next()
    w.go_next()
    w.water_check.setChecked(False)
    w.go_next()
    w.week_radio.setChecked(True)
    w.week_spin.setValue(31)
    w.go_back()
    w.go_back()
    w.go_back()
    combo = w.language_combo
    try:
        combo.activated.emit(combo.findData("ru"))
        assert chosen == ["ru"]
        assert w.welcome_title.text() == "Добро пожаловать в Nightstretch"
        assert w.windowTitle() == "Добро пожаловать — Nightstretch"
        assert "отёк лица" in w.warning_body.text()
        assert w.language_combo.currentData() == "ru" and w.page == 0
        assert w.next_button.text() == "&Далее" and w.page_label.text() == "1 из 4"
        result = w.result_value()
        assert (result.bedtime, result.water_on, result.week) == ("23:15", False, 31)
        w.language_combo.activated.emit(w.language_combo.findData("de"))
        assert w.evening_title.text() == "Ihr Abend" and chosen == ["ru", "de"]
    finally:
        use_language("en")
