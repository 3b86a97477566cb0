"""The reminder card: a small window in the bottom-right corner with a reminder's buttons.

It must never take the keyboard from what she is typing (a message, a call's chat), so it
shows without activating and refuses focus until she clicks into it; from then on Tab
reaches every button and Esc puts it away. It draws a ``ReminderMessage`` and reports the
answer as ``acted(key, action)``; what an answer does is the reminder service's business.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core.i18n import _
from nightstretch.core.reminder_text import DEFAULT_TIMEOUT_MS, ReminderMessage
from nightstretch.core.reminders import ReminderAction
from nightstretch.ui.theme import Colors, apply_theme

MARGIN = 16
"""Distance from the screen's working-area corner, in pixels."""
WIDTH = 460


class ReminderCard(QWidget):
    """One card for the newest reminder; a newer one replaces it (the older counts as ignored)."""

    acted = Signal(str, str)

    def __init__(
        self,
        colors: Colors,
        font_scale: float = 1.0,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        screen: QScreen | None = None,
    ) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("reminderCard")
        self.setWindowTitle(_("Nightstretch reminder"))
        self.setFixedWidth(round(WIDTH * max(1.0, font_scale)))
        self._screen = screen
        self._message: ReminderMessage | None = None
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(timeout_ms)
        self._hide_timer.timeout.connect(self._timed_out)

        self._panel = panel = QFrame()
        panel.setObjectName("reminderPanel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(panel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(20, 14, 14, 18)
        layout.setSpacing(8)

        top = QHBoxLayout()
        app_label = QLabel("Nightstretch")
        app_label.setProperty("role", "muted")
        top.addWidget(app_label)
        top.addStretch(1)
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("cardClose")
        self.close_button.setAccessibleName(_("Close reminder"))
        self.close_button.setToolTip(_("Close (Esc)"))
        self.close_button.clicked.connect(self._dismissed)
        top.addWidget(self.close_button)
        layout.addLayout(top)

        self.title_label = QLabel()
        self.title_label.setProperty("role", "cardTitle")
        self.title_label.setWordWrap(True)
        self.body_label = QLabel()
        self.body_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(self.body_label)
        layout.addSpacing(6)
        self._buttons_box = QVBoxLayout()
        self._buttons_box.setSpacing(8)
        layout.addLayout(self._buttons_box)
        self.buttons: dict[ReminderAction, QPushButton] = {}
        self._button_rows: list[QWidget] = []
        self.set_colors(colors, font_scale)
        self.installEventFilter(self)

    # -- what the notifier calls ------------------------------------------------------

    @property
    def current_key(self) -> str | None:
        """The reminder on screen, or None when the card is hidden."""
        return self._message.key if self._message is not None else None

    def show_reminder(self, message: ReminderMessage) -> None:
        older = self._message
        self._message = message
        self.title_label.setText(message.title)
        self.body_label.setText(message.body)
        self.setAccessibleName(_("Reminder: {title}").format(title=message.title))
        self.setAccessibleDescription(message.body)
        self._build_buttons(message)
        self.adjustSize()
        self._place()
        self._hide_timer.start()
        if not self.isVisible():
            self.show()
        self.raise_()
        if older is not None and older.key != message.key:
            self.acted.emit(older.key, ReminderAction.IGNORED.value)

    def withdraw(self, key: str) -> bool:
        """Hide without an answer if ``key`` is on screen (the service no longer needs it)."""
        if self._message is None or self._message.key != key:
            return False
        self._close_card()
        return True

    def set_colors(self, colors: Colors, font_scale: float = 1.0) -> None:
        apply_theme(self, colors, font_scale)
        extra = f"""
            QFrame#reminderPanel {{ background: {colors.surface};
                border: 2px solid {colors.accent}; border-radius: 0px; }}
            QLabel[role="cardTitle"] {{ font-size: {round(15 * font_scale)}pt;
                font-weight: 600; }}
            QPushButton {{ padding: 8px 10px; }}
            QPushButton#cardClose {{ background: transparent; border: none;
                font-size: {round(14 * font_scale)}pt; padding: 0px 8px; color: {colors.muted}; }}
            QPushButton#cardClose:focus {{ border: 2px solid {colors.accent}; }}
        """
        # On the panel, not appended to the window's sheet: a second setStyleSheet on the
        # window before it is first shown left the labels with the first sheet's fonts.
        self._panel.setStyleSheet(extra)

    # -- building ---------------------------------------------------------------------

    def _build_buttons(self, message: ReminderMessage) -> None:
        for row in self._button_rows:
            row.setParent(None)
            row.deleteLater()
        self._button_rows = []
        self.buttons = {}
        first, *rest = message.buttons
        self._add_row([first], message, primary=True)
        if rest:
            self._add_row(rest, message, primary=False)
        previous: QWidget = self.close_button
        for button in self.buttons.values():
            QWidget.setTabOrder(previous, button)
            previous = button

    def _add_row(
        self, buttons: list[tuple[ReminderAction, str]], message: ReminderMessage, *, primary: bool
    ) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for action, label in buttons:
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.setAccessibleDescription(message.title)
            button.setMinimumHeight(40)
            if primary:
                button.setProperty("role", "primary")
            button.clicked.connect(lambda _=False, a=action: self._answer(a))
            button.installEventFilter(self)
            layout.addWidget(button, 1)
            self.buttons[action] = button
        self._buttons_box.addWidget(row)
        self._button_rows.append(row)

    def _place(self) -> None:
        """Bottom-right of the screen she is using (the one with the pointer)."""
        pointer = QGuiApplication.screenAt(QCursor.pos())
        screen = self._screen or pointer or self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.move(
            area.x() + area.width() - self.width() - MARGIN,
            area.y() + area.height() - self.height() - MARGIN,
        )

    # -- answers ----------------------------------------------------------------------

    def _answer(self, action: ReminderAction) -> None:
        message = self._message
        if message is None:
            return
        self._close_card()
        self.acted.emit(message.key, action.value)

    def _dismissed(self) -> None:
        self._answer(ReminderAction.IGNORED)

    def _timed_out(self) -> None:
        self._answer(ReminderAction.IGNORED)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed from outside (the window manager, a quit): no late "ignored" answer."""
        self._hide_timer.stop()
        super().closeEvent(event)

    def _close_card(self) -> None:
        self._hide_timer.stop()
        self._message = None
        self.hide()
        self._refuse_focus(True)

    # -- focus: none until she clicks in ------------------------------------------------

    def accepts_focus(self) -> bool:
        return not self.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus

    def _refuse_focus(self, refuse: bool) -> None:
        """Flip the no-focus hint on the live window; setWindowFlags would hide it."""
        flags = self.windowFlags()
        if bool(flags & Qt.WindowType.WindowDoesNotAcceptFocus) == refuse:
            return
        flags ^= Qt.WindowType.WindowDoesNotAcceptFocus
        self.overrideWindowFlags(flags)
        handle = self.windowHandle()
        if handle is not None:
            handle.setFlags(flags)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and not self.accepts_focus():
            self._refuse_focus(False)
            self.activateWindow()
            if watched is self and self.buttons:
                next(iter(self.buttons.values())).setFocus(Qt.FocusReason.MouseFocusReason)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._dismissed()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused.isVisible():
                focused.click()
            elif self.buttons:
                next(iter(self.buttons.values())).click()
            return
        super().keyPressEvent(event)
