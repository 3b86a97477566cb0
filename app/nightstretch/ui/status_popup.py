"""The small popup a left click on the tray icon opens: where today stands, at a glance.

It draws a ``StatusView`` of plain values that ``core.status`` words; the only
action in it is Resume while reminders are paused. Esc, a click elsewhere or the window
losing focus closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core.i18n import _
from nightstretch.core.reminder_text import ReminderMessage
from nightstretch.core.status import StatusView, streak_text
from nightstretch.core.wording import litres_number
from nightstretch.ui.login_hint import LoginHint
from nightstretch.ui.screen_fit import place_near
from nightstretch.ui.theme import Colors, apply_theme

MARGIN = 8


class StatusPopup(QWidget):
    resume_requested = Signal()
    answered = Signal(str, str)
    """(reminder key, action): a button of a reminder the desktop closed early."""
    autostart_requested = Signal()
    """The one-click fix: turn on "Start at login"."""
    closed = Signal()

    def __init__(self, colors: Colors, font_scale: float = 1.0) -> None:
        # A tool window that takes focus and closes when it loses it, rather than a
        # Qt.Popup: a popup grabs mouse and keyboard, which Wayland and some X11 panels
        # refuse, and then it cannot be closed by clicking elsewhere.
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("statusPopup")
        self.setWindowTitle(_("Nightstretch status"))
        self.setAccessibleName(_("Nightstretch status"))
        self.setFixedWidth(round(350 * max(1.0, font_scale)))
        self._panel = panel = QFrame()
        panel.setObjectName("statusPanel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(panel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(8)

        heading = QLabel("Nightstretch")
        heading.setProperty("role", "statusHeading")
        layout.addWidget(heading)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        layout.addWidget(self.next_label)

        self.water_label = QLabel()
        layout.addWidget(self.water_label)
        self.water_bar = QProgressBar()
        self.water_bar.setTextVisible(False)
        self.water_bar.setFixedHeight(10)
        layout.addWidget(self.water_bar)

        self.streak_label = QLabel()
        layout.addWidget(self.streak_label)
        self.pregnancy_label = QLabel()
        self.pregnancy_label.setProperty("role", "muted")
        layout.addWidget(self.pregnancy_label)

        self.paused_row = QWidget()
        row = QHBoxLayout(self.paused_row)
        row.setContentsMargins(0, 4, 0, 0)
        self.paused_label = QLabel()
        self.paused_label.setProperty("role", "caution")
        self.paused_label.setWordWrap(True)
        row.addWidget(self.paused_label, 1)
        self.resume_button = QPushButton(_("Resume"))
        self.resume_button.setAccessibleName(_("Resume reminders"))
        self.resume_button.clicked.connect(self._resume)
        row.addWidget(self.resume_button)
        layout.addWidget(self.paused_row)

        self.reminder_row = QWidget()
        reminder = QVBoxLayout(self.reminder_row)
        reminder.setContentsMargins(0, 4, 0, 0)
        self.reminder_label = QLabel()
        self.reminder_label.setWordWrap(True)
        reminder.addWidget(self.reminder_label)
        self._reminder_buttons = QHBoxLayout()
        reminder.addLayout(self._reminder_buttons)
        self.reminder_row.hide()
        layout.addWidget(self.reminder_row)

        self.login_row = LoginHint()
        self.login_row.requested.connect(self._start_at_login)
        layout.addWidget(self.login_row)
        self.set_colors(colors, font_scale)

    def set_colors(self, colors: Colors, font_scale: float = 1.0) -> None:
        apply_theme(self, colors, font_scale)
        # On the panel: see ReminderCard.set_colors.
        self._panel.setStyleSheet(
            f"""
            QFrame#statusPanel {{ background: {colors.surface};
                border: 1px solid {colors.accent}; border-radius: 0px; }}
            QLabel[role="statusHeading"] {{ font-weight: 600; color: {colors.muted}; }}
            QProgressBar {{ background: {colors.track}; border: none; border-radius: 5px; }}
            QProgressBar::chunk {{ background: {colors.accent}; border-radius: 5px; }}
            QPushButton {{ padding: 6px 14px; }}
            """
        )

    def show_status(self, status: StatusView, anchor: QRect | None = None) -> None:
        """Fill in ``status`` and open next to ``anchor`` (the tray icon), or in a corner."""
        self.next_label.setText(
            _("Next: {reminder}").format(reminder=status.next_reminder)
            if status.next_reminder
            else _("No reminders planned")
        )
        water_ml, goal_ml = litres_number(status.water_ml), litres_number(status.water_goal_ml)
        water = _("Water today: {total} of {goal} litres").format(total=water_ml, goal=goal_ml)
        self.water_label.setText(water)
        goal = max(status.water_goal_ml, 1)
        self.water_bar.setRange(0, goal)
        self.water_bar.setValue(min(max(status.water_ml, 0), goal))
        self.water_bar.setAccessibleName(water)
        self.streak_label.setText(streak_text(status.streak_nights))
        self.pregnancy_label.setText(status.pregnancy)
        self.pregnancy_label.setVisible(bool(status.pregnancy))
        paused = bool(status.paused_until)
        self.paused_label.setText(
            _("Reminders paused until {moment}").format(moment=status.paused_until)
        )
        self.paused_row.setVisible(paused)
        self.login_row.set_text(status.login_hint)
        self._show_reminder(status.reminder)
        self.adjustSize()
        self._place(anchor)
        self.show()
        self.raise_()
        self.activateWindow()
        if paused:
            self.resume_button.setFocus(Qt.FocusReason.PopupFocusReason)

    def _place(self, anchor: QRect | None) -> None:
        place_near(self, anchor, MARGIN)

    def _resume(self) -> None:
        self.resume_requested.emit()
        self.close()

    def _show_reminder(self, message: ReminderMessage | None) -> None:
        """The same buttons as the notification had, for one the desktop closed early."""
        while (item := self._reminder_buttons.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.reminder_row.setVisible(message is not None)
        if message is None:
            return
        self.reminder_label.setText(f"{message.title}\n{message.body}")
        self.reminder_label.setAccessibleName(
            _("Waiting reminder: {title}").format(title=message.title)
        )
        for action, label in message.buttons:
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.clicked.connect(
                lambda _=False, k=message.key, a=action.value: self._answer(k, a)
            )
            self._reminder_buttons.addWidget(button)

    def _answer(self, key: str, action: str) -> None:
        self.answered.emit(key, action)
        self.close()

    def _start_at_login(self) -> None:
        self.autostart_requested.emit()
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # A click elsewhere takes the focus away: that is the moment to go.
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isVisible()
            and not self.isActiveWindow()
        ):
            self.close()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
