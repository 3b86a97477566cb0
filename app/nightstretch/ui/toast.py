"""A quiet confirmation near the tray ("One glass logged"), in the app's own colours.

The tray's balloon (``QSystemTrayIcon.showMessage``) is the desktop's: a bright yellow box
on some, a notification that stays in a list on others. This one is small, never takes
the keyboard, is read out by a screen reader, and goes away by itself (or on a click).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from nightstretch.ui.a11y import ValueLabel, announce
from nightstretch.ui.screen_fit import place_near
from nightstretch.ui.theme import Colors, apply_theme

SHOWN_MS = 6000


class Toast(QWidget):
    """One line of news; a new one replaces the last and restarts its time."""

    def __init__(self, colors: Colors, font_scale: float = 1.0, shown_ms: int = SHOWN_MS) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self._shown_ms = shown_ms
        self.setObjectName("toast")
        self.setWindowTitle("Nightstretch")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # its own panel colour
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label = ValueLabel()
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.set_colors(colors, font_scale)

    def set_colors(self, colors: Colors, font_scale: float = 1.0) -> None:
        apply_theme(self, colors, font_scale)
        self.setStyleSheet(
            self.styleSheet()
            + f"QWidget#toast {{ background: {colors.surface}; border: 1px solid {colors.track};"
            " border-radius: 10px; }"
        )
        self.setMaximumWidth(round(420 * max(1.0, font_scale)))

    def show_text(self, text: str, anchor: QRect | None = None) -> None:
        """Next to ``anchor`` (the tray icon), else in the bottom-right corner."""
        self.label.setText(text)
        # On one line when it fits: a wrapping label alone would pick a narrow box.
        self.label.ensurePolished()
        line = self.label.fontMetrics().horizontalAdvance(text) + 8
        self.label.setMinimumWidth(min(line, self.maximumWidth() - 36))
        self.adjustSize()
        place_near(self, anchor)
        self.show()
        self.raise_()
        announce(self.label, text)
        self._timer.start(self._shown_ms)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        super().mousePressEvent(event)
