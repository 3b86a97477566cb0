"""The line that says reminders would stop at the next login, with its one-click fix.

Shown in the status popup and the control window while any reminder is on and "Start at
login" is off (``core.status.needs_login_hint``); hidden otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from nightstretch.core.i18n import _


class LoginHint(QFrame):
    requested = Signal()
    """She clicked "Start at login"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        self.label = QLabel()
        self.label.setProperty("role", "caution")
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.button = QPushButton(_("Start at login"))
        self.button.setAccessibleName(_("Start Nightstretch when I log in"))
        self.button.clicked.connect(self.requested)
        row.addWidget(self.button)
        self.hide()

    def set_text(self, text: str) -> None:
        """Empty hides the line; the label's accessible name carries what it says."""
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.setVisible(bool(text))
