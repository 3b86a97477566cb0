"""Return presses the focused button, not only Space: a tired user presses Return."""

from __future__ import annotations

import pytest
from nightstretch.core.routine_menu import RoutineEntry
from nightstretch.ui.home_window import HomeWindow
from nightstretch.ui.theme import NIGHT
from nightstretch.ui.warning_window import WarningSignsWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_accessibility import OTHERS

pytestmark = pytest.mark.qt_log_ignore("does not support (raise|propagateSizeHints)")

ENTRIES = [RoutineEntry("pre-bed-calf", "Before bed", "Calf stretches.", "9 min", False)]


def shown(qtbot: QtBot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_return_presses_every_focused_button_in_the_control_window(
    qtbot: QtBot, key: Qt.Key
) -> None:
    window = shown(qtbot, HomeWindow(ENTRIES, [], NIGHT))
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 8
    for button in buttons:
        pressed: list[bool] = []
        button.clicked.connect(lambda *_, seen=pressed: seen.append(True))
        button.setFocus()
        QTest.keyClick(button, key)
        assert pressed == [True], button.text()


def test_return_on_close_closes_the_warning_signs(qtbot: QtBot) -> None:
    window = shown(qtbot, WarningSignsWindow(NIGHT))
    focused = window.focusWidget()
    assert isinstance(focused, QPushButton)
    QTest.keyClick(focused, Qt.Key.Key_Return)
    assert not window.isVisible()


@pytest.mark.parametrize("name", ["home", "player", "warning", "history_window"])
def test_every_push_button_takes_return(qtbot: QtBot, name: str) -> None:
    window = OTHERS[name]()
    qtbot.addWidget(window)
    assert all(b.autoDefault() for b in window.findChildren(QPushButton)), name
