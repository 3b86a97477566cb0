"""The status popup: what it says, where it opens, Resume, and closing on Esc."""

from __future__ import annotations

from pathlib import Path

import pytest
from nightstretch.core.status import StatusView
from nightstretch.ui.status_popup import MARGIN, StatusPopup
from nightstretch.ui.theme import DAY, NIGHT
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")

FULL = StatusView(
    next_reminder="Water at 14:30",
    water_ml=1000,
    water_goal_ml=2000,
    streak_nights=3,
    pregnancy="Week 27 - 3rd trimester",
)


@pytest.fixture
def popup(qtbot: QtBot) -> StatusPopup:
    widget = StatusPopup(NIGHT)
    qtbot.addWidget(widget)
    return widget


def test_shows_next_reminder_water_streak_and_week(
    qtbot: QtBot, popup: StatusPopup, artifacts: Path
) -> None:
    popup.show_status(FULL)
    qtbot.waitExposed(popup)
    assert popup.next_label.text() == "Next: Water at 14:30"
    assert popup.water_label.text() == "Water today: 1.0 of 2.0 litres"
    assert (popup.water_bar.value(), popup.water_bar.maximum()) == (1000, 2000)
    assert popup.water_bar.accessibleName() == "Water today: 1.0 of 2.0 litres"
    assert popup.streak_label.text() == "3 nights in a row"
    assert popup.pregnancy_label.text() == "Week 27 - 3rd trimester"
    assert popup.pregnancy_label.isVisible()
    assert not popup.paused_row.isVisible()
    popup.grab().save(str(artifacts / "status-popup-night.png"))


def test_paused_offers_resume(qtbot: QtBot, artifacts: Path) -> None:
    popup = StatusPopup(DAY)
    qtbot.addWidget(popup)
    popup.show_status(StatusView(water_ml=2600, water_goal_ml=2000, paused_until="15:40"))
    qtbot.waitExposed(popup)
    assert popup.next_label.text() == "No reminders planned"
    assert popup.water_bar.value() == 2000  # over the goal: a full bar, no overflow
    assert popup.streak_label.text() == "No streak yet: tonight can start one"
    assert not popup.pregnancy_label.isVisible()
    assert popup.paused_row.isVisible()
    assert popup.paused_label.text() == "Reminders paused until 15:40"
    assert popup.resume_button.accessibleName() == "Resume reminders"
    popup.grab().save(str(artifacts / "status-popup-paused-day.png"))
    with qtbot.waitSignals([popup.resume_requested, popup.closed], timeout=1000):
        QTest.mouseClick(popup.resume_button, Qt.MouseButton.LeftButton)
    assert not popup.isVisible()


def test_escape_closes(qtbot: QtBot, popup: StatusPopup) -> None:
    popup.show_status(FULL)
    qtbot.waitExposed(popup)
    with qtbot.waitSignal(popup.closed, timeout=1000):
        QTest.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_opens_next_to_the_tray_icon_and_stays_on_screen(qtbot: QtBot, popup: StatusPopup) -> None:
    area = popup.screen().availableGeometry()
    bottom_icon = QRect(area.right() - 40, area.bottom() - 24, 24, 24)
    popup.show_status(FULL, bottom_icon)
    geometry = popup.geometry()
    assert geometry.bottom() < bottom_icon.top()  # above an icon in a bottom panel
    assert area.contains(geometry)
    popup.close()
    top_icon = QRect(area.left() + 4, area.top(), 24, 24)
    popup.show_status(FULL, top_icon)
    geometry = popup.geometry()
    assert geometry.top() > top_icon.bottom()  # below an icon in a top panel
    assert geometry.left() == area.left() + MARGIN
    popup.close()
    popup.show_status(FULL)  # the platform did not say where the icon is: a corner
    assert popup.geometry().right() == area.right() - MARGIN


def test_losing_focus_closes(qtbot: QtBot, popup: StatusPopup) -> None:
    from PySide6.QtWidgets import QLineEdit

    other = QLineEdit()
    qtbot.addWidget(other)
    popup.show_status(FULL)
    qtbot.waitActive(popup)
    with qtbot.waitSignal(popup.closed, timeout=1000):
        other.show()
        other.activateWindow()
    assert not popup.isVisible()


def test_reminders_without_start_at_login_are_said_with_a_one_click_fix(qtbot: QtBot) -> None:
    from dataclasses import replace

    from nightstretch.core.status import LOGIN_HINT, needs_login_hint
    from nightstretch.store.settings import Settings

    assert needs_login_hint(Settings())
    assert not needs_login_hint(replace(Settings(), autostart=True))
    popup = StatusPopup(NIGHT)
    qtbot.addWidget(popup)
    popup.show_status(replace(FULL, login_hint=LOGIN_HINT))
    assert popup.login_row.isVisible()
    assert popup.login_row.label.accessibleName() == LOGIN_HINT
    with qtbot.waitSignal(popup.autostart_requested, timeout=1000):
        popup.login_row.button.click()
    popup.show_status(FULL)
    assert not popup.login_row.isVisible()


def test_a_reminder_the_desktop_closed_is_answerable_here(qtbot: QtBot) -> None:
    """Issue 12: dunst closed the notification after 10 s; the popup offers its buttons."""
    from dataclasses import replace

    from nightstretch.core.reminder_text import ReminderMessage
    from nightstretch.core.reminders import ReminderAction, ReminderKind

    message = ReminderMessage(
        key="water:2026-11-30T14:30",
        kind=ReminderKind.WATER,
        title="Time for a glass of water",
        body="0.5 of 2.0 litres so far today.",
        buttons=((ReminderAction.GLASS, "+1 glass"), (ReminderAction.LATER, "Later")),
    )
    popup = StatusPopup(NIGHT)
    qtbot.addWidget(popup)
    popup.show_status(replace(FULL, reminder=message))
    assert popup.reminder_row.isVisible()
    labels = [w.text() for w in popup.reminder_row.findChildren(QPushButton)]
    assert labels == ["+1 glass", "Later"]
    with qtbot.waitSignal(popup.answered, timeout=1000) as answered:
        popup.reminder_row.findChildren(QPushButton)[0].click()
    assert answered.args == ["water:2026-11-30T14:30", "glass"]
    popup.show_status(FULL)
    assert not popup.reminder_row.isVisible()
