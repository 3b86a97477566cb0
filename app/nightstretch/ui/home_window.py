"""A small window with every routine one click away, and anything she should know."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core.i18n import _
from nightstretch.core.routine_menu import RoutineEntry
from nightstretch.ui.a11y import ValueLabel, return_presses_buttons
from nightstretch.ui.login_hint import LoginHint
from nightstretch.ui.screen_fit import fit_to_screen, scrolling
from nightstretch.ui.theme import Colors, apply_theme


class HomeWindow(QWidget):
    start_requested = Signal(str)
    quit_requested = Signal()
    warning_signs_requested = Signal()
    water_requested = Signal()
    cramp_log_requested = Signal()
    history_requested = Signal()
    settings_requested = Signal()
    about_requested = Signal()
    autostart_requested = Signal()
    """The one-click fix for reminders that would stop at the next login."""

    def __init__(
        self,
        routines: Sequence[RoutineEntry],
        notices: Sequence[str],
        colors: Colors,
        font_scale: float = 1.0,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Nightstretch")
        self.setObjectName("homeWindow")
        self._scale = font_scale
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 8)
        heading = QLabel("Nightstretch")
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        intro = QLabel(_("Pick a routine. Everything can be done with the keyboard."))
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.start_buttons: dict[str, QPushButton] = {}
        for entry in sorted(routines, key=lambda e: (not e.rescue, e.title)):
            layout.addWidget(self._routine_row(entry))
        # The tray's other actions, for desktops where no tray shows.
        # Two rows of two at large text, so no button is cut short on a small screen.
        columns = 4 if font_scale < 1.5 else 2
        actions = QGridLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for index, (key, label, description, signal) in enumerate(
            (
                (
                    "water",
                    _("+1 glass of water"),
                    _("Log one glass of water"),
                    self.water_requested,
                ),
                ("cramp", _("Log a cramp…"), _("Write down a cramp"), self.cramp_log_requested),
                (
                    "history",
                    _("History"),
                    _("Routines, water and cramps over weeks"),
                    self.history_requested,
                ),
                (
                    "settings",
                    _("Settings"),
                    _("Bedtime, reminders, sound and more"),
                    self.settings_requested,
                ),
            )
        ):
            button = QPushButton(label)
            button.setAccessibleName(label.rstrip("…"))
            button.setAccessibleDescription(description)
            button.clicked.connect(signal)
            actions.addWidget(button, index // columns, index % columns)
            self.action_buttons[key] = button
        actions.setColumnStretch(columns, 1)
        layout.addLayout(actions)
        self.status_label = ValueLabel()  # heard as "Next reminder: ...", not "Status"
        self.status_label.setProperty("role", "muted")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        layout.addWidget(self.status_label)
        self.notice_labels: list[QLabel] = []
        self._notices = QVBoxLayout()
        layout.addLayout(self._notices)
        for text in notices:
            self.add_notice(text)
        self.login_row = LoginHint()
        self.login_row.requested.connect(self.autostart_requested)
        layout.addWidget(self.login_row)
        layout.addStretch(1)
        warnings = QPushButton(_("Warning signs"))
        warnings.setAccessibleName(_("Warning signs"))
        warnings.setAccessibleDescription(_("When a leg problem needs a midwife or doctor now"))
        warnings.clicked.connect(self.warning_signs_requested)
        quit_button = QPushButton(_("Quit Nightstretch"))
        quit_button.setAccessibleName(_("Quit Nightstretch"))
        quit_button.clicked.connect(self.quit_requested)
        about = QPushButton(_("About"))
        about.setAccessibleName(_("About Nightstretch"))
        about.clicked.connect(self.about_requested)
        row = QHBoxLayout()
        row.setContentsMargins(24, 8, 24, 20)
        row.setSpacing(6)  # its own: it would inherit the window layout's 0
        row.addWidget(warnings)
        row.addWidget(about)
        row.addStretch(1)
        row.addWidget(quit_button)
        window = QVBoxLayout(self)
        window.setContentsMargins(0, 0, 0, 0)
        window.setSpacing(0)
        self._body = body
        self._body_layout = layout
        self._scroll = scrolling(body)
        window.addWidget(self._scroll, 1)
        window.addLayout(row)
        apply_theme(self, colors, font_scale)
        return_presses_buttons(self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        if self.start_buttons:
            next(iter(self.start_buttons.values())).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # As tall as the wrapped summaries need at a comfortable width; it scrolls beyond.
        width = round(680 * max(1.0, self._scale))
        extra = self.height() - self._scroll.height()
        height = self._body_layout.totalHeightForWidth(width) + max(0, extra)
        fit_to_screen(self, QSize(width, height))

    def set_status(self, text: str) -> None:
        """One line on what comes next (reminder, water); empty hides it."""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def set_login_hint(self, text: str) -> None:
        """Reminders on, "Start at login" off: said here too, with its button; empty hides."""
        self.login_row.set_text(text)

    def add_notice(self, text: str) -> None:
        if text in (label.text() for label in self.notice_labels):
            return
        label = ValueLabel(text=text)
        label.setProperty("role", "caution")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._notices.addWidget(label)
        self.notice_labels.append(label)

    def _routine_row(self, entry: RoutineEntry) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "panel")
        row = QHBoxLayout(frame)
        text = QLabel(f"<b>{entry.title}</b> · {entry.length}<br>{entry.summary}")
        text.setWordWrap(True)
        row.addWidget(text, 1)
        button = QPushButton(_("Start"))
        button.setProperty("role", "primary" if entry.rescue else None)
        button.setAccessibleName(_("Start {routine}").format(routine=entry.title))
        button.setAccessibleDescription(entry.summary)
        button.clicked.connect(lambda _=False, rid=entry.id: self.start_requested.emit(rid))
        row.addWidget(button)
        self.start_buttons[entry.id] = button
        return frame
