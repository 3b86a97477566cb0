"""Before the report's file is chosen: which weeks, up to when, who it is for, what to ask.

A thin window over ``core.report_form``: it shows the form's values, reads the controls
back, and emits ``made`` with a ``ReportRequest``; the caller saves the settings and the
note and makes the report. Return makes the report (Ctrl+Return inside the note, where
Return starts a new line), Esc cancels.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core.i18n import _
from nightstretch.core.report_form import WEEK_CHOICES, ReportForm, ReportRequest
from nightstretch.ui.screen_fit import fit_to_screen, scrolling
from nightstretch.ui.theme import Colors, apply_theme, settings_css, text_label

__all__ = ["ReportDialog"]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportDialog(QDialog):
    """``made(ReportRequest)`` when she chooses to make the report; closing makes nothing."""

    made = Signal(object)

    def __init__(
        self,
        colors: Colors,
        font_scale: float,
        form: ReportForm,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(_("Make a report — Nightstretch"))
        self._form = form
        self._now = now
        self._scale = font_scale
        self.request: ReportRequest | None = None

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.heading = text_label(_("A report for your midwife or doctor"), "heading")
        column.addWidget(self.heading)
        intro = form.intro()
        self.intro = text_label(intro or "", "muted")
        self.intro.setVisible(intro is not None)
        column.addWidget(self.intro)

        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.weeks = QComboBox()
        for weeks in WEEK_CHOICES:
            self.weeks.addItem(form.weeks_label(weeks), weeks)
        self.weeks.setAccessibleName(_("Weeks the report covers"))
        fields.addRow(_("&Covers:"), self.weeks)

        self.up_to_now = QRadioButton(_("Up to &now"))
        self.up_to_now.setAccessibleName(_("Ends now, tonight included"))
        self.to_night = QRadioButton(_("With the ni&ght of:"))
        self.to_night.setAccessibleName(_("Ends with an earlier night"))
        ends = QButtonGroup(self)
        ends.addButton(self.up_to_now)
        ends.addButton(self.to_night)
        self.up_to_now.setChecked(True)
        self.end = QDateEdit(_qdate(form.end_latest))
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        self.end.setDateRange(_qdate(form.end_earliest), _qdate(form.end_latest))
        self.end.setEnabled(False)
        self.end.setAccessibleName(_("Last night the report covers"))
        end_row = QHBoxLayout()
        end_row.addWidget(self.to_night)
        end_row.addWidget(self.end, 1)
        fields.addRow(_("Ends:"), self.up_to_now)
        fields.addRow("", end_row)
        self.end_note = text_label("", "muted")
        self.end_note.setAccessibleName(_("Where the report ends"))
        fields.addRow("", self.end_note)

        self.name = QLineEdit(form.name)
        self.name.setPlaceholderText(_("Optional"))
        self.name.setAccessibleName(_("Your name on the report (optional)"))
        fields.addRow(_("Your &name:"), self.name)
        self.due_given = QCheckBox(_("&Due date:"))
        self.due_given.setChecked(form.due is not None)
        self.due_given.setAccessibleName(_("Print my due date (also used in Settings)"))
        self.due = QDateEdit(_qdate(form.due_shown))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setDateRange(_qdate(form.due_low), _qdate(form.due_high))
        self.due.setEnabled(form.due is not None)
        self.due.setAccessibleName(_("Due date"))
        fields.addRow(self.due_given, self.due)
        column.addLayout(fields)

        self.note_label = text_label(_("To ask at my &visit (printed in a box on the report):"))
        column.addWidget(self.note_label)
        self.note = QPlainTextEdit(form.note)
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(_("To ask at my visit"))
        self.note.setAccessibleDescription(_("Kept for next time; Ctrl+Return makes the report"))
        self.note.setMinimumHeight(round(72 * font_scale))
        self.note_label.setBuddy(self.note)
        column.addWidget(self.note, 1)
        self.error = text_label("", "caution")
        self.error.setAccessibleName(_("Problem"))
        self.error.setVisible(False)
        column.addWidget(self.error)

        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.make_button = QPushButton(_("&Make the report…"))
        self.make_button.setAccessibleName(_("Make the report and choose where to save it"))
        self.make_button.setDefault(True)
        self.make_button.setProperty("role", "primary")
        self.make_button.clicked.connect(self.make)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.make_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        self._body = body
        layout.addWidget(scrolling(body), 1)
        layout.addLayout(buttons)

        self.due_given.toggled.connect(self.due.setEnabled)
        self.to_night.toggled.connect(self.end.setEnabled)
        self.to_night.toggled.connect(self._show_end)
        self.end.dateChanged.connect(self._show_end)
        self._show_end()
        self.note.installEventFilter(self)  # Ctrl+Return there, where Return is a new line
        apply_theme(self, colors, font_scale)
        self.setStyleSheet(self.styleSheet() + settings_css(colors, font_scale))
        self.setMinimumWidth(min(round(520 * font_scale), 900))
        self.weeks.setFocus()

    def _show_end(self) -> None:
        note = self._form.end_note(self.up_to_now.isChecked(), _day(self.end.date()), self._now)
        self.end_note.setText(note)

    def make(self) -> None:
        read = self._form.read(
            weeks=int(self.weeks.currentData()),
            up_to_now=self.up_to_now.isChecked(),
            end=_day(self.end.date()),
            name=self.name.text(),
            due_given=self.due_given.isChecked(),
            due=_day(self.due.date()),
            note=self.note.toPlainText(),
        )
        if isinstance(read, str):
            self.error.setText(read)
            self.error.setVisible(True)
            return
        self.request = read
        self.accept()
        self.made.emit(read)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event)
            enter = key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and key.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.make()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        # the whole form without scrolling where the screen has room; scrolled where not
        width = max(self.width(), self.minimumWidth())
        body = self._body.layout()
        tall = body.totalHeightForWidth(width - 48) if body is not None else 0
        wanted = QSize(width, tall + self.make_button.sizeHint().height() + 60)
        fit_to_screen(self, wanted.expandedTo(self.minimumSize()))
        super().showEvent(event)
