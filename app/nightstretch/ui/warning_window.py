"""The warning signs: calm, short, and reachable from the tray in one click."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nightstretch.core import safety
from nightstretch.core.i18n import _
from nightstretch.core.warning_text import warning_signs_html
from nightstretch.ui.a11y import return_presses_buttons
from nightstretch.ui.screen_fit import fit_to_screen, scrolling
from nightstretch.ui.theme import Colors, apply_theme


class WarningSignsWindow(QWidget):
    def __init__(self, colors: Colors, font_scale: float = 1.0) -> None:
        super().__init__()
        self.setObjectName("warningWindow")
        self.setWindowTitle(_("Warning signs — Nightstretch"))
        self._scale = font_scale
        self._body = QWidget()
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(28, 24, 28, 8)
        heading = QLabel(_(safety.HEADLINE))
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.body = QLabel(warning_signs_html())
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAccessibleName(_("Warning signs"))
        self.body.setAccessibleDescription(safety.as_text())
        layout.addWidget(self.body)
        note = QLabel(_(safety.DISCLAIMER))
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        close = QPushButton(_("Close"))
        close.setProperty("role", "primary")
        close.setAccessibleName(_("Close warning signs"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.setContentsMargins(28, 8, 28, 20)
        row.addStretch(1)
        row.addWidget(close)
        window = QVBoxLayout(self)
        window.setContentsMargins(0, 0, 0, 0)
        self._row = row
        self._layout = layout
        window.addWidget(scrolling(self._body), 1)  # at large text the signs scroll
        window.addLayout(row)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        apply_theme(self, colors, font_scale)
        return_presses_buttons(self)
        close.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        width = round(660 * max(1.0, self._scale))  # Russian and German fit unscrolled at 1.0
        below = self._row.sizeHint().height()
        fit_to_screen(self, QSize(width, self._layout.totalHeightForWidth(width) + below))
