"""The scroll area around a long window body is see-through: the window's own colour shows
behind the words, in both themes (a white viewport on the night theme would glare)."""

from __future__ import annotations

import pytest
from nightstretch.ui.screen_fit import scrolling
from nightstretch.ui.theme import DAY, NIGHT, Colors, apply_theme
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=lambda c: c.name)
def test_the_scroll_area_shows_the_window_colour_behind_the_body(
    qtbot: QtBot, colors: Colors
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(scrolling(QLabel("A few words")))
    apply_theme(window, colors)
    window.resize(300, 300)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab().toImage()
    # well below the one line of text, inside the scroll area
    assert image.pixelColor(150, 250) == QColor(colors.background)
