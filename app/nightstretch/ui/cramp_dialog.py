"""The "Log a cramp" dialog: filled by keyboard alone in a few seconds, half asleep.

Focus starts on the leg, so the common case is ``R  Tab  7  Enter``: the time already
defaults to last night in the morning and to now otherwise, and the muscle to the calf.
Letter keys pick the leg (L/R/B) and the muscle (C/F/T) from anywhere outside a text
field. Ticking a warning sign shows the warning-signs guidance at the top at once and
keeps it there: that guidance matters more than finishing the log.

The dialog never writes to the logbook: it emits ``submitted`` with a checked
``CrampEntry``. A slot that fails to save calls ``show_error`` while handling the
signal, and the dialog then stays open with the message instead of closing.
"""

from __future__ import annotations

import itertools
from datetime import datetime, tzinfo
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core import cramp_form, entries, safety
from nightstretch.core.clock import Clock
from nightstretch.core.cramp_form import LEG_CHOICES, MUSCLE_CHOICES, SIGNS
from nightstretch.core.entries import CrampEntry, EntryError, Leg, Muscle
from nightstretch.core.i18n import _
from nightstretch.core.warning_text import clot_guidance_html
from nightstretch.ui.a11y import ValueLabel, describe_value
from nightstretch.ui.screen_fit import available
from nightstretch.ui.theme import Colors, apply_theme

T = TypeVar("T", bound=str)

_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)


class ChoiceRow(QWidget, Generic[T]):
    """A row of radio buttons for one fixed set of values, with letter keys.

    Arrow keys move and choose at once (Qt only moves focus while nothing is chosen),
    so a keyboard user never lands on a row that looks chosen but is not.
    """

    changed = Signal()

    def __init__(self, name: str, choices: tuple[tuple[T, str, str], ...]) -> None:
        super().__init__()
        self._group = QButtonGroup(self)
        self._values: dict[int, T] = {}
        self.buttons: dict[T, QRadioButton] = {}
        self.keys: dict[int, T] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)  # a choice's words never touch the next one's ring
        for index, (value, words, letter) in enumerate(choices):
            shown = _(words)
            button = QRadioButton(shown)
            button.setAccessibleName(_("{row}: {choice}").format(row=name, choice=shown))
            button.setAccessibleDescription(_("Key {letter}").format(letter=letter))
            button.setToolTip(_("Key {letter}").format(letter=letter))
            button.installEventFilter(self)
            self._group.addButton(button, index)
            self._values[index] = value
            self.buttons[value] = button
            self.keys[ord(letter)] = value  # Qt.Key_A.. equal the capital letters' codes
            layout.addWidget(button)
        layout.addStretch(1)
        self._group.idToggled.connect(lambda _id, on: self.changed.emit() if on else None)

    def value(self) -> T | None:
        chosen = self._group.checkedId()
        return self._values.get(chosen) if chosen >= 0 else None

    def set_value(self, value: T | None) -> None:
        if value is None:
            self._group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self._group.setExclusive(True)
            return
        self.buttons[value].setChecked(True)

    def choose_by_key(self, key: int) -> bool:
        """Pick the value for a letter key; focus follows so the choice is visible."""
        value = self.keys.get(key)
        if value is None:
            return False
        button = self.buttons[value]
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def first_focus(self) -> QRadioButton:
        """The button Tab should land on: the chosen one, else the first."""
        chosen = self.value()
        if chosen is not None:
            return self.buttons[chosen]
        return next(iter(self.buttons.values()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ARROWS
            and isinstance(watched, QRadioButton)
        ):
            order = list(self.buttons.values())
            step = -1 if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1
            target = order[(order.index(watched) + step) % len(order)]
            target.setChecked(True)
            target.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)


class CrampDialog(QDialog):
    """Log a new cramp, or correct one (``entry`` given) from the history window."""

    submitted = Signal(object)

    def __init__(
        self,
        clock: Clock,
        colors: Colors,
        font_scale: float = 1.0,
        *,
        entry: CrampEntry | None = None,
        happened: datetime | None = None,
        zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``happened`` fills the time of a new cramp (when Cramp rescue started)."""
        super().__init__(parent)
        self._clock = clock
        self._zone = zone
        self._setting_time = False
        self._save_failed = False
        self.setObjectName("crampDialog")
        self.setWindowTitle(cramp_form.window_title(entry is not None))
        self.resize(660, 10)

        self.guidance = QFrame()
        self.guidance.setObjectName("guidance")
        self.guidance.setAccessibleName(_("Warning signs guidance"))
        self.guidance.setAccessibleDescription(safety.clot_text())
        guidance_layout = QVBoxLayout(self.guidance)
        guidance_layout.setContentsMargins(18, 12, 18, 12)
        self.guidance_text = QLabel(clot_guidance_html())
        self.guidance_text.setTextFormat(Qt.TextFormat.RichText)
        self.guidance_text.setWordWrap(True)
        self.guidance_text.setAccessibleName(_(safety.HEADLINE))
        self.guidance_text.setAccessibleDescription(safety.clot_text())
        guidance_layout.addWidget(self.guidance_text)
        self.guidance.hide()

        self.title = QLabel(cramp_form.title(entry is not None))
        self.title.setProperty("role", "heading")

        self.last_night_choice = QRadioButton(_("Last night"))
        self.now_choice = QRadioButton(_("Now"))
        self.last_night_choice.setAccessibleName(_("When: last night"))
        self.now_choice.setAccessibleName(_("When: now"))
        self._when_group = QButtonGroup(self)
        self._when_group.addButton(self.last_night_choice)
        self._when_group.addButton(self.now_choice)
        self.when_edit = QDateTimeEdit()
        self.when_edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when_edit.setAccessibleName(_("When it happened"))
        describe_value(self.when_edit)
        self.when_edit.setCalendarPopup(False)
        self.last_night_choice.toggled.connect(self._last_night_toggled)
        self.now_choice.toggled.connect(self._now_toggled)
        self.when_edit.dateTimeChanged.connect(self._time_edited)
        when_row = QHBoxLayout()
        when_row.addWidget(self.last_night_choice)
        if font_scale < 1.5:  # at 2.0 English needs every pixel of a 1024-wide screen
            when_row.addSpacing(12)
        when_row.addWidget(self.now_choice)
        when_row.addSpacing(12)
        when_row.addWidget(self.when_edit, 1)

        self.leg: ChoiceRow[Leg] = ChoiceRow(_("Leg"), LEG_CHOICES)
        self.muscle: ChoiceRow[Muscle] = ChoiceRow(_("Muscle"), MUSCLE_CHOICES)
        self.muscle.set_value(cramp_form.DEFAULT_MUSCLE)

        self.severity = QSpinBox()
        self.severity.setRange(0, entries.SEVERITY_MAX)
        self.severity.setSpecialValueText(_("choose"))
        self.severity.setAccessibleName(_("How bad, from 1 (mild) to 10 (worst)"))
        self.severity.setToolTip(_("Type a number from 1 to 10"))
        self.severity.setMinimumWidth(110)
        self.minutes = QLineEdit()
        self.minutes.setPlaceholderText(_("optional"))
        self.minutes.setAccessibleName(_("How many minutes it lasted (optional)"))
        self.minutes.setMaxLength(4)
        how_row = QHBoxLayout()
        how_row.addWidget(self.severity)
        how_row.addSpacing(8)
        how_row.addWidget(_muted(_("1 mild … 10 worst")))
        minutes_label = _muted(_("Minutes"))
        minutes_label.setBuddy(self.minutes)
        # At large text the minutes get a row of their own: side by side with the scale's
        # hint they no longer fit a 1024-pixel screen and "optional" was cut to "optio…".
        apart = font_scale >= 1.5
        minutes_row = QHBoxLayout() if apart else how_row
        if not apart:
            how_row.addSpacing(24)
            how_row.addWidget(minutes_label)
            how_row.addSpacing(8)
        minutes_row.addWidget(self.minutes)
        minutes_row.addStretch(1)
        if apart:
            how_row.addStretch(1)

        self.helped = QLineEdit()
        self.helped.setPlaceholderText(_("optional, e.g. flexing the foot, walking"))
        self.helped.setMaxLength(entries.HELPED_MAX_CHARS)
        self.helped.setAccessibleName(_("What helped (optional)"))

        self.signs: dict[str, QCheckBox] = {}
        signs_grid = QGridLayout()
        signs_grid.setContentsMargins(0, 0, 0, 0)
        for index, (key, words) in enumerate(SIGNS):
            box = QCheckBox(_(words))
            box.setAccessibleName(_("Warning sign: {sign}").format(sign=_(words)))
            box.toggled.connect(self._sign_toggled)
            self.signs[key] = box
            signs_grid.addWidget(box, index // 2, index % 2)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.addRow(_muted(_("When")), when_row)
        form.addRow(_muted(_("Leg  (L R B)")), self.leg)
        form.addRow(_muted(_("Muscle  (C F T)")), self.muscle)
        form.addRow(_muted(_("How bad")), how_row)
        if apart:
            form.addRow(minutes_label, minutes_row)
        form.addRow(_muted(_("What helped")), self.helped)
        form.addRow(_muted(_("Warning signs")), signs_grid)

        self.error = ValueLabel(_("Problem"))
        self.error.setObjectName("entryError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(_("Save  ⏎"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save (Enter)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        self.body = QWidget()
        self.body.setObjectName("crampDialogBody")
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.guidance)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self._fix_tab_order()
        self.set_colors(colors, font_scale)
        if entry is not None:
            self._fill(entry)
        elif happened is not None:
            self._set_time(entries.to_local(happened, zone))  # neither "last night" nor "now"
        else:
            self._set_default_time()

    # -- construction helpers --------------------------------------------------------

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.leg.buttons.values(),
            *self.muscle.buttons.values(),
            self.severity,
            self.minutes,
            self.helped,
            *self.signs.values(),
            self.save_button,
            self.cancel_button,
            self.last_night_choice,
            self.now_choice,
            self.when_edit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_colors(self, colors: Colors, font_scale: float = 1.0) -> None:
        apply_theme(self, colors, font_scale)
        self.minutes.ensurePolished()  # the themed font: its placeholder is shown whole
        hint = self.minutes.fontMetrics().horizontalAdvance(self.minutes.placeholderText())
        self.minutes.setFixedWidth(max(130, hint + 28))
        extra = f"""
            QFrame#guidance {{ background: {colors.surface}; border: 2px solid {colors.caution};
                               border-radius: 12px; }}
            QFrame#guidance QLabel {{ color: {colors.text}; }}
            QLabel#entryError {{ color: {colors.caution}; font-weight: 600; }}
            QRadioButton:focus, QCheckBox:focus {{ color: {colors.accent}; font-weight: 600; }}
            QLineEdit, QSpinBox, QDateTimeEdit {{ background: {colors.surface};
                border: 1px solid {colors.track}; border-radius: 6px; padding: 5px 8px; }}
            QLineEdit:focus, QSpinBox:focus, QDateTimeEdit:focus {{
                border: 2px solid {colors.accent}; }}
        """
        # On the inner widget, not appended to the dialog's sheet: Qt 6.11 ignored a
        # second sheet set on the dialog before its first show (inputs stayed white).
        self.body.setStyleSheet(extra)

    # -- time ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return entries.to_local(self._clock.now(), self._zone)

    def _set_time(self, moment: datetime) -> None:
        self._setting_time = True
        try:
            self.when_edit.setDateTime(_qt_datetime(moment))
        finally:
            self._setting_time = False

    def _set_default_time(self) -> None:
        now = self._now()
        default = entries.default_cramp_time(now, self._zone)
        if default == now:
            self.now_choice.setChecked(True)
        else:
            self.last_night_choice.setChecked(True)

    def _last_night_toggled(self, on: bool) -> None:
        if on:
            self._use_last_night()

    def _now_toggled(self, on: bool) -> None:
        if on:
            self._set_time(self._now())

    def _use_last_night(self) -> None:
        self._set_time(cramp_form.last_night(self._now(), self._zone))

    def _time_edited(self) -> None:
        """A typed time is neither "last night" nor "now": the choice lets go."""
        if self._setting_time:
            return
        self._when_group.setExclusive(False)
        self.last_night_choice.setChecked(False)
        self.now_choice.setChecked(False)
        self._when_group.setExclusive(True)

    def happened(self) -> datetime:
        naive = self.when_edit.dateTime().toPython()
        assert isinstance(naive, datetime)
        return entries.localize(naive.replace(second=0, microsecond=0), self._zone)

    # -- filling and reading ---------------------------------------------------------

    def _fill(self, entry: CrampEntry) -> None:
        self._set_time(entries.to_local(entry.happened, self._zone))
        self.leg.set_value(entry.leg)
        self.muscle.set_value(entry.muscle)
        self.severity.setValue(entry.severity)
        self.minutes.setText("" if entry.duration_min is None else str(entry.duration_min))
        self.helped.setText(entry.helped or "")
        for key, box in self.signs.items():
            box.setChecked(bool(getattr(entry, key)))

    def entry(self) -> CrampEntry:
        """The checked entry, or ``EntryError`` with one line saying what to fix."""
        return cramp_form.read_entry(
            happened=self.happened(),
            now=self._now(),
            leg=self.leg.value(),
            severity=self.severity.value(),
            minutes=self.minutes.text(),
            muscle=self.muscle.value(),
            helped=self.helped.text(),
            signs={key: box.isChecked() for key, box in self.signs.items()},
        )

    def save(self) -> None:
        try:
            entry = self.entry()
        except EntryError as problem:
            self.show_error(cramp_form.problem_line(problem))
            return
        self.error.hide()
        self._save_failed = False
        self.submitted.emit(entry)
        if not self._save_failed:
            self.accept()

    def show_error(self, text: str) -> None:
        """One calm line above the buttons; called by a slot of ``submitted`` it also
        keeps the dialog open, so nothing typed is lost when saving failed."""
        self._save_failed = True
        self.error.setText(text)
        self.error.show()

    # -- warning signs ---------------------------------------------------------------

    def _sign_toggled(self, on: bool) -> None:
        if on and not self.guidance.isVisible():
            before = self.height()
            self.guidance.show()
            self._fit_height()
            self._grow_upwards(self.height() - before)

    def _grow_upwards(self, grown: int) -> None:
        """The guidance appears above the form: the window grows up by as much, where the
        screen has room, so Save stays under her pointer instead of jumping away."""
        if grown <= 0 or not self.isVisible():
            return
        top = available(self).top()
        frame = self.frameGeometry()
        self.move(frame.x(), max(top, frame.y() - grown))

    def _fit_height(self) -> None:
        """Grow to fit the wrapped guidance at the current width (never squash the form)."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        self.resize(self.width(), max(needed, layout.totalMinimumSize().height()))

    @property
    def guidance_shown(self) -> bool:
        return not self.guidance.isHidden()

    # -- keys ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Start on the leg: it is the one thing without a sensible default."""
        super().showEvent(event)
        self.leg.first_focus().setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Letters that no text field took choose the leg or the muscle."""
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        )
        if plain and (
            self.leg.choose_by_key(event.key()) or self.muscle.choose_by_key(event.key())
        ):
            event.accept()
            return
        super().keyPressEvent(event)


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    return label


def _qt_datetime(moment: datetime) -> QDateTime:
    """The wall-clock time as shown, without Qt converting it through its own zone."""
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
