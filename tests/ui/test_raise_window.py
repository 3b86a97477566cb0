"""Every route that opens a window brings a minimised one back (issue 12)."""

from __future__ import annotations

import pytest
from nightstretch.ui.windows import raise_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

# The offscreen platform cannot raise windows and says so; raising is not what is tested.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def test_a_minimised_window_comes_back(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.setWindowState(Qt.WindowState.WindowMinimized)
    assert window.windowState() & Qt.WindowState.WindowMinimized
    raise_window(window)
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    assert window.isVisible()


def test_a_hidden_window_is_shown(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    raise_window(window)
    assert window.isVisible()
