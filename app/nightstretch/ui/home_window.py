"""A small window with every routine one click away, and anything she should know."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nightstretch.core.routine_menu import RoutineEntry
from nightstretch.ui.a11y import fit_height_for_width
from nightstretch.ui.login_hint import LoginHint
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
        self.setMinimumWidth(round(680 * max(1.0, font_scale)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = QLabel("Nightstretch")
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        intro = QLabel("Pick a routine. Everything can be done with the keyboard.")
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.start_buttons: dict[str, QPushButton] = {}
        for entry in sorted(routines, key=lambda e: (not e.rescue, e.title)):
            layout.addWidget(self._routine_row(entry))
        # The tray's other actions, for desktops where no tray shows.
        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for key, label, description, signal in (
            ("water", "+1 glass of water", "Log one glass of water", self.water_requested),
            ("cramp", "Log a cramp…", "Write down a cramp", self.cramp_log_requested),
            ("history", "History", "Routines, water and cramps over weeks", self.history_requested),
            ("settings", "Settings", "Bedtime, reminders, sound and more", self.settings_requested),
        ):
            button = QPushButton(label)
            button.setAccessibleName(label.rstrip("…"))
            button.setAccessibleDescription(description)
            button.clicked.connect(signal)
            actions.addWidget(button)
            self.action_buttons[key] = button
        actions.addStretch(1)
        layout.addLayout(actions)
        self.status_label = QLabel("")
        self.status_label.setProperty("role", "muted")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Status")
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
        warnings = QPushButton("Warning signs")
        warnings.setAccessibleName("Warning signs")
        warnings.setAccessibleDescription("When a leg problem needs a midwife or doctor now")
        warnings.clicked.connect(self.warning_signs_requested)
        quit_button = QPushButton("Quit Nightstretch")
        quit_button.setAccessibleName("Quit Nightstretch")
        quit_button.clicked.connect(self.quit_requested)
        about = QPushButton("About")
        about.setAccessibleName("About Nightstretch")
        about.clicked.connect(self.about_requested)
        row = QHBoxLayout()
        row.addWidget(warnings)
        row.addWidget(about)
        row.addStretch(1)
        row.addWidget(quit_button)
        layout.addLayout(row)
        apply_theme(self, colors, font_scale)
        if self.start_buttons:
            next(iter(self.start_buttons.values())).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height_for_width(self)  # wrapped summaries must never be cut off

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
        label = QLabel(text)
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
        button = QPushButton("Start")
        button.setProperty("role", "primary" if entry.rescue else None)
        button.setAccessibleName(f"Start {entry.title}")
        button.setAccessibleDescription(entry.summary)
        button.clicked.connect(lambda _=False, rid=entry.id: self.start_requested.emit(rid))
        row.addWidget(button)
        self.start_buttons[entry.id] = button
        return frame
