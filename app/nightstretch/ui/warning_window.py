"""The warning signs: calm, short, and reachable from the tray in one click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nightstretch.core import safety
from nightstretch.core.warning_text import warning_signs_html
from nightstretch.ui.theme import Colors, apply_theme


class WarningSignsWindow(QWidget):
    def __init__(self, colors: Colors, font_scale: float = 1.0) -> None:
        super().__init__()
        self.setObjectName("warningWindow")
        self.setWindowTitle("Warning signs — Nightstretch")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        heading = QLabel(safety.HEADLINE)
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        self.body = QLabel(warning_signs_html())
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAccessibleName("Warning signs")
        self.body.setAccessibleDescription(safety.as_text())
        layout.addWidget(self.body)
        note = QLabel(safety.DISCLAIMER)
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        close = QPushButton("Close")
        close.setProperty("role", "primary")
        close.setAccessibleName("Close warning signs")
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        apply_theme(self, colors, font_scale)
        close.setFocus()
