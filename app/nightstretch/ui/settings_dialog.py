"""The settings dialog: sections on the left, one page each, every field checked as she types.

Thin on purpose: the rules come in through ``check`` (one field) and ``check_together``
(rules between fields), normally ``SettingsService.check_field`` and
``SettingsService.cross_field_problems``; the dialog only reads its widgets into a draft
``Settings``, shows the messages next to the fields, and keeps Save disabled until there are
none. Nothing is saved here: Save hands the draft to ``apply`` (if given) and emits
``accepted_settings``; Cancel and Esc leave everything as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.reminders import WEEKDAYS
from nightstretch.core.theme import NIGHT_FROM_HOUR, NIGHT_UNTIL_HOUR
from nightstretch.store.settings import Settings
from nightstretch.ui.labels import plain_text
from nightstretch.ui.theme import Colors, apply_theme

Check = Callable[[str, object], str | None]
CheckTogether = Callable[[Settings], Mapping[str, str]]
Apply = Callable[[Settings], list[str]]

SECTIONS: tuple[str, ...] = (
    "Reminders",
    "Routine",
    "Water",
    "Check-in",
    "Movement breaks",
    "Pregnancy",
    "Appearance",
    "Sound and voice",
    "Start at login",
    "Data",
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME_FORMAT = "HH:mm"
WIDE_INT = (0, 99999)
"""Spin boxes accept any whole number, so an out-of-range value gets a message, not silence."""
NOT_EDITED_HERE = frozenset({"past_due_asked", "onboarding_done"})


def _hhmm(edit: QTimeEdit) -> str:
    return str(edit.time().toString(TIME_FORMAT))


def _qtime(text: str, fallback: str = "22:30") -> QTime:
    parsed = QTime.fromString(text or fallback, TIME_FORMAT)
    return parsed if parsed.isValid() else QTime.fromString(fallback, TIME_FORMAT)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _plain(label: str) -> str:
    return plain_text(label).rstrip(":")


class SettingsDialog(QDialog):
    accepted_settings = Signal(object)
    """The saved ``Settings``, after ``apply`` (if given) reported no problems."""
    test_voice_requested = Signal(str, float)
    """(voice engine, rate) as currently chosen, not yet saved."""
    open_folder_requested = Signal()
    export_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        *,
        check: Check,
        today: date,
        colors: Colors,
        font_scale: float = 1.0,
        check_together: CheckTogether | None = None,
        apply: Apply | None = None,
        routines: Sequence[tuple[str, str]] = (),
        voice_engines: Sequence[str] = (),
        data_folder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings — Nightstretch")
        self.setModal(True)
        self.resize(round(960 * max(1.0, font_scale)), round(640 * max(1.0, font_scale)))
        self._scale = font_scale
        self._original = settings
        self._check = check
        self._check_together = check_together
        self._apply = apply
        self._today = today
        self._colors = colors
        self._readers: dict[str, Callable[[], Any]] = {}
        self.fields: dict[str, QWidget] = {}
        """Main widget of each field, for tests and for focusing the first problem."""
        self.messages: dict[str, QLabel] = {}
        self._section_of: dict[str, int] = {}
        self._names: dict[str, str] = {}
        self._descriptions: dict[str, str] = {}
        self._section = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 16)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        self.sections = QListWidget()
        self.sections.setAccessibleName("Settings sections")
        self.sections.setAccessibleDescription(
            "Choose a section with the arrow keys, then press Tab to edit it"
        )
        self.sections.addItems(list(SECTIONS))
        self.sections.setFixedWidth(round(200 * max(1.0, font_scale)))
        body.addWidget(self.sections)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)

        self._routine_choices = tuple(routines)
        self._voice_engines = tuple(voice_engines)
        self._data_folder = data_folder
        builders: tuple[Callable[[QFormLayout], None], ...] = (
            self._reminders_page,
            self._routine_page,
            self._water_page,
            self._checkin_page,
            self._movement_page,
            self._pregnancy_page,
            self._appearance_page,
            self._sound_page,
            self._autostart_page,
            self._data_page,
        )
        for index, (title, build) in enumerate(zip(SECTIONS, builders, strict=True)):
            self._section = index
            self.stack.addWidget(self._page(title, build))

        self.summary = QLabel("")
        self.summary.setProperty("role", "caution")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Problems")
        outer.addWidget(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save")
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName("Save settings")
        self.save_button.setAccessibleDescription(
            "Saves every section; disabled while a field needs a fix"
        )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setAccessibleDescription("Closes without changing anything (Esc)")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self.sections.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sections.setCurrentRow(0)
        next_key = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown)
        previous_key = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp)
        QShortcut(next_key, self).activated.connect(lambda: self._step_section(1))
        QShortcut(previous_key, self).activated.connect(lambda: self._step_section(-1))

        apply_theme(self, colors, font_scale)
        self.setStyleSheet(self.styleSheet() + self._focus_css(colors))
        for spin in self.findChildren(QAbstractSpinBox):
            # Styled spin boxes lose their arrow buttons (arrow keys still step), and
            # padding does not reach the text, so the margin is set on the editor.
            spin.lineEdit().setTextMargins(8, 0, 8, 0)
        self._connect_changes()
        self.revalidate()
        self.sections.setFocus()

    # --- public -----------------------------------------------------------------------

    def draft(self) -> Settings:
        """The settings as the widgets show them now (maybe invalid)."""
        return replace(self._original, **{name: read() for name, read in self._readers.items()})

    def problems(self) -> dict[str, str]:
        """Field name -> message, as shown next to the fields."""
        found: dict[str, str] = {}
        values = {name: read() for name, read in self._readers.items()}
        for name, value in values.items():
            complaint = self._check(name, value)
            if complaint is not None:
                found[name] = complaint
        if not found and self._check_together is not None:
            for name, complaint in self._check_together(self.draft()).items():
                found[name] = complaint
        return found

    def revalidate(self) -> None:
        """Show each field's message, mark sections that need a fix, enable Save if none."""
        found = self.problems()
        for name, label in self.messages.items():
            text = self._human(found.get(name))
            label.setText(text)
            label.setVisible(bool(text))
            base = self._descriptions.get(name, "")
            self.fields[name].setAccessibleDescription(" ".join(t for t in (text, base) if t))
        flagged = {self._section_of[name] for name in found if name in self._section_of}
        unplaced = [self._human(found[name]) for name in found if name not in self.messages]
        for row, title in enumerate(SECTIONS):
            item = self.sections.item(row)
            item.setText(f"{title}  \u2022 needs a fix" if row in flagged else title)
        if found:
            where = ", ".join(SECTIONS[row] for row in sorted(flagged))
            lines = [*unplaced, f"To save, fix the marked fields in: {where}." if where else ""]
            self.summary.setText(" ".join(line for line in lines if line))
        else:
            self.summary.setText("")
        self.summary.setVisible(bool(found))
        self.save_button.setEnabled(not found)
        self._update_week_status()

    def show_page(self, title: str) -> None:
        self.sections.setCurrentRow(SECTIONS.index(title))

    # --- building blocks ----------------------------------------------------------------

    def _page(
        self,
        title: str,
        build: Callable[[QFormLayout], None],
    ) -> QScrollArea:
        inner = QWidget()
        inner.setObjectName("settingsPage")
        column = QVBoxLayout(inner)
        column.setContentsMargins(24, 4, 12, 4)
        heading = QLabel(title)
        heading.setProperty("role", "heading")
        column.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(10)
        column.addLayout(form)
        build(form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return scroll

    def _note(self, form: QFormLayout, text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "muted")
        label.setWordWrap(True)
        form.addRow(label)
        return label

    def _message(self, form: QFormLayout, name: str) -> None:
        label = QLabel("")
        label.setProperty("role", "caution")
        label.setWordWrap(True)
        label.setVisible(False)
        label.setAccessibleName(f"Problem with {self._names.get(name, name)}")
        label.setMinimumWidth(round(360 * self._scale))
        form.addRow("", label)
        self.messages[name] = label

    def _field(
        self,
        form: QFormLayout | None,
        name: str,
        label: str,
        widget: QWidget,
        read: Callable[[], Any],
        *,
        describe: str = "",
        placed: bool = False,
    ) -> None:
        """Register ``widget`` as the editor of ``name``; ``label`` may carry a mnemonic."""
        self._names[name] = _plain(label)
        widget.setAccessibleName(_plain(label))
        if describe:
            widget.setToolTip(describe)
            self._descriptions[name] = describe
        self.fields[name] = widget
        self._readers[name] = read
        self._section_of[name] = self._section
        if form is not None:
            if placed:
                pass
            elif isinstance(widget, QAbstractButton):
                form.addRow(widget)
            else:
                form.addRow(label, widget)
            self._message(form, name)

    def _time(self, value: str, name: str) -> QTimeEdit:
        edit = QTimeEdit(_qtime(value, getattr(Settings(), name, "22:30") or "22:30"))
        edit.setDisplayFormat(TIME_FORMAT)
        edit.setWrapping(True)
        edit.setFixedWidth(round(96 * self._scale))
        return edit

    def _spin(self, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(*WIDE_INT)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setMinimumWidth(round(140 * self._scale))
        return spin

    def _button(self, text: str, describe: str, signal: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(_plain(text).rstrip("…"))
        button.setAccessibleDescription(describe)
        button.setToolTip(describe)
        button.clicked.connect(signal)
        return button

    # --- pages --------------------------------------------------------------------------

    def _reminders_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(form, "A gentle reminder before bed to do your stretch.")
        remind = QCheckBox("Remind me in the e&vening")
        remind.setChecked(s.evening_enabled)
        self._field(form, "evening_enabled", "Remind me in the evening", remind, remind.isChecked)
        bedtime = self._time(s.bedtime, "bedtime")
        self._field(form, "bedtime", "&Bedtime:", bedtime, lambda: _hhmm(bedtime))

        self.same_bedtime = QRadioButton("Same bedtime every &night")
        self.own_bedtimes = QRadioButton("Some nights have their own bedti&me")
        group = QButtonGroup(self)
        for radio in (self.same_bedtime, self.own_bedtimes):
            radio.setAccessibleName(_plain(radio.text()))
            group.addButton(radio)
            form.addRow(radio)
        overrides = dict(s.bedtimes)
        (self.own_bedtimes if overrides else self.same_bedtime).setChecked(True)
        self.weekday_grid = QWidget()
        grid = QGridLayout(self.weekday_grid)
        grid.setContentsMargins(24, 0, 0, 0)
        self.own_day: dict[str, QCheckBox] = {}
        self.own_time: dict[str, QTimeEdit] = {}
        for row, (day, day_name) in enumerate(zip(WEEKDAYS, DAY_NAMES, strict=True)):
            box = QCheckBox(day_name)
            box.setAccessibleName(f"Own bedtime on {day_name}")
            box.setChecked(day in overrides)
            edit = self._time(overrides.get(day, s.bedtime), "bedtime")
            edit.setAccessibleName(f"Bedtime on {day_name}")
            edit.setEnabled(day in overrides)
            box.toggled.connect(edit.setEnabled)
            grid.addWidget(box, row // 2, (row % 2) * 2)
            grid.addWidget(edit, row // 2, (row % 2) * 2 + 1)
            self.own_day[day] = box
            self.own_time[day] = edit
        grid.setColumnStretch(4, 1)
        grid.setHorizontalSpacing(14)
        form.addRow(self.weekday_grid)
        self.weekday_grid.setVisible(bool(overrides))
        self.own_bedtimes.toggled.connect(self.weekday_grid.setVisible)

        def read_bedtimes() -> tuple[tuple[str, str], ...]:
            if not self.own_bedtimes.isChecked():
                return ()
            return tuple(
                (day, _hhmm(self.own_time[day]))
                for day in WEEKDAYS
                if self.own_day[day].isChecked()
            )

        self._field(None, "bedtimes", "Own bedtimes", self.own_bedtimes, read_bedtimes)
        self._message(form, "bedtimes")

        days = QWidget()
        days.setAccessibleName("Remind me on")
        row_layout = QHBoxLayout(days)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.remind_on: dict[str, QCheckBox] = {}
        for day, day_name in zip(WEEKDAYS, DAY_NAMES, strict=True):
            box = QCheckBox(day_name[:3])
            box.setAccessibleName(f"Remind me on {day_name}")
            box.setChecked(day in s.evening_weekdays)
            row_layout.addWidget(box)
            self.remind_on[day] = box
        row_layout.addStretch(1)
        days_label = QLabel("Remind me &on these evenings:")
        days_label.setBuddy(self.remind_on["mon"])
        form.addRow(days_label)
        form.addRow(days)  # a row of its own: seven boxes need the full width
        self._field(
            form,
            "evening_weekdays",
            "Remind me on",
            days,
            lambda: tuple(day for day in WEEKDAYS if self.remind_on[day].isChecked()),
            placed=True,
        )
        lead = self._spin(s.evening_lead_min, " min before bedtime")
        self._field(form, "evening_lead_min", "Remind me &early by:", lead, lead.value)
        follow = self._spin(s.evening_followup_min, " min")
        self._field(
            form,
            "evening_followup_min",
            "&Follow-up after:",
            follow,
            follow.value,
            describe="A second, quieter nudge if the routine has not started; 0 means none",
        )
        self._note(form, "A follow-up of 0 minutes means no second nudge.")

    def _routine_page(self, form: QFormLayout) -> None:
        self._note(form, "The routine the evening reminder starts.")
        combo = QComboBox()
        for routine_id, title in self._routine_choices:
            combo.addItem(title, routine_id)
        current = self._original.evening_routine
        if combo.findData(current) < 0:
            combo.addItem(f"{current} (not found)", current)
        combo.setCurrentIndex(combo.findData(current))
        self._field(form, "evening_routine", "Evening &routine:", combo, combo.currentData)

    def _water_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(form, "Nudges to drink during the day, ending well before bed.")
        nudge = QCheckBox("&Remind me to drink")
        nudge.setChecked(s.water_enabled)
        self._field(form, "water_enabled", "Remind me to drink", nudge, nudge.isChecked)
        start = self._time(s.water_start, "water_start")
        self._field(form, "water_start", "St&art at:", start, lambda: _hhmm(start))
        self.water_before_bed = QRadioButton("End &2 hours before bedtime")
        self.water_at = QRadioButton("End a&t a set time:")
        group = QButtonGroup(self)
        for radio in (self.water_before_bed, self.water_at):
            radio.setAccessibleName(_plain(radio.text()))
            group.addButton(radio)
        (self.water_at if s.water_end else self.water_before_bed).setChecked(True)
        end = self._time(s.water_end, "water_start")
        if not s.water_end:
            end.setTime(QTime(19, 0))
        end.setEnabled(bool(s.water_end))
        self.water_at.toggled.connect(end.setEnabled)
        form.addRow(self.water_before_bed)
        form.addRow(self.water_at, end)
        self._names["water_end"] = "End"
        end.setAccessibleName("Water reminders end at")
        self.fields["water_end"] = end
        self._readers["water_end"] = lambda: _hhmm(end) if self.water_at.isChecked() else ""
        self._section_of["water_end"] = self._section
        self._message(form, "water_end")
        interval = self._spin(s.water_interval_min, " min")
        self._field(form, "water_interval_min", "&Every:", interval, interval.value)
        glass = self._spin(s.glass_ml, " ml")
        self._field(form, "glass_ml", "&Glass size:", glass, glass.value)
        goal = self._spin(s.water_goal_ml, " ml")
        self._field(form, "water_goal_ml", "Daily goa&l:", goal, goal.value)

    def _checkin_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(form, 'A short question in the morning: "Any cramps last night?"')
        box = QCheckBox("&Ask each morning")
        box.setChecked(s.checkin_enabled)
        self._field(form, "checkin_enabled", "Ask each morning", box, box.isChecked)
        when = self._time(s.checkin_time, "checkin_time")
        when.setEnabled(s.checkin_enabled)
        box.toggled.connect(when.setEnabled)
        self._field(form, "checkin_time", "A&t:", when, lambda: _hhmm(when))

    def _movement_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(form, "A short leg break during long spells of sitting or standing.")
        box = QCheckBox("&Remind me to move")
        box.setChecked(s.movement_enabled)
        self._field(form, "movement_enabled", "Remind me to move", box, box.isChecked)
        interval = self._spin(s.movement_interval_min, " min")
        interval.setEnabled(s.movement_enabled)
        box.toggled.connect(interval.setEnabled)
        self._field(form, "movement_interval_min", "&Every:", interval, interval.value)

    def _pregnancy_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(
            form,
            "With your due date or week, steps that are not advised later in pregnancy "
            "(such as lying flat on your back from week 20) are left out or swapped.",
        )
        self.week_unset = QRadioButton("&Not set")
        self.week_by_due = QRadioButton("&Due date:")
        self.week_by_week = QRadioButton("Current &week:")
        group = QButtonGroup(self)
        for radio in (self.week_unset, self.week_by_due, self.week_by_week):
            radio.setAccessibleName(_plain(radio.text()))
            group.addButton(radio)
        pregnancy = Pregnancy.from_settings(s)
        shown_week = pregnancy.week_on(self._today) if s.pregnancy_week else None
        due = QDateEdit()
        due.setDisplayFormat("yyyy-MM-dd")
        due.setCalendarPopup(True)
        due.setMinimumWidth(round(150 * self._scale))
        due_value = date.fromisoformat(s.due_date) if s.due_date else None
        # A range around today keeps typos like 2062 out; a saved date is never clamped.
        low = min(due_value or self._today, self._today - timedelta(days=366))
        high = max(due_value or self._today, self._today + timedelta(days=300))
        due.setDateRange(_qdate(low), _qdate(high))
        due.setDate(_qdate(due_value or self._today + timedelta(days=140)))
        week = QSpinBox()
        week.setRange(1, 99)
        week.setValue(shown_week or pregnancy.week_on(self._today) or 20)
        week.setMinimumWidth(round(140 * self._scale))
        (
            self.week_by_due if s.due_date else self.week_by_week if shown_week else self.week_unset
        ).setChecked(True)
        form.addRow(self.week_unset)
        form.addRow(self.week_by_due, due)
        form.addRow(self.week_by_week, week)
        due.setEnabled(self.week_by_due.isChecked())
        week.setEnabled(self.week_by_week.isChecked())
        self.week_by_due.toggled.connect(due.setEnabled)
        self.week_by_week.toggled.connect(week.setEnabled)
        due.setAccessibleName("Due date")
        week.setAccessibleName("Current pregnancy week")

        def read_due() -> str:
            return str(due.date().toString("yyyy-MM-dd")) if self.week_by_due.isChecked() else ""

        def untouched() -> bool:
            """The week shown is the one saved: keep the date it was given on, not today."""
            return shown_week is not None and week.value() == shown_week

        def read_week() -> int:
            if not self.week_by_week.isChecked():
                return 0
            return s.pregnancy_week if untouched() else week.value()

        def read_week_on() -> str:
            if not self.week_by_week.isChecked():
                return ""
            return s.pregnancy_week_on if untouched() else self._today.isoformat()

        for name, label, widget, read in (
            ("due_date", "Due date", due, read_due),
            ("pregnancy_week", "Current week", week, read_week),
            ("pregnancy_week_on", "Week given on", week, read_week_on),
        ):
            self._names[name] = label
            self.fields[name] = widget
            self._readers[name] = read
            self._section_of[name] = self._section
        self.fields["pregnancy_week"] = week
        self._message(form, "due_date")
        self._message(form, "pregnancy_week")
        self.week_status = QLabel("")
        self.week_status.setWordWrap(True)
        self.week_status.setAccessibleName("Pregnancy week today")
        form.addRow(self.week_status)
        box = QCheckBox("After the &birth (postpartum): keep the routines, no week rules")
        box.setChecked(s.postpartum)
        self._field(form, "postpartum", _plain(box.text()), box, box.isChecked)

    def _appearance_page(self, form: QFormLayout) -> None:
        s = self._original
        combo = QComboBox()
        combo.addItem(
            f"Automatic: night from {NIGHT_FROM_HOUR}:00 to {NIGHT_UNTIL_HOUR}:00", "auto"
        )
        combo.addItem("Always night", "night")
        combo.addItem("Always day", "day")
        combo.setCurrentIndex(max(0, combo.findData(s.theme)))
        self._field(form, "theme", "&Theme:", combo, combo.currentData)
        scale = QDoubleSpinBox()
        scale.setRange(0.5, 3.0)
        scale.setSingleStep(0.05)
        scale.setDecimals(2)
        scale.setValue(s.font_scale)
        scale.setSuffix(" \u00d7")
        scale.setMinimumWidth(round(140 * self._scale))
        self._field(form, "font_scale", "Text si&ze:", scale, scale.value)
        self._note(form, "Text size 1.00 is normal; the windows use the new size when reopened.")

    def _sound_page(self, form: QFormLayout) -> None:
        s = self._original
        sound = QCheckBox("&Play sounds between steps")
        sound.setChecked(s.sound)
        self._field(form, "sound", "Play sounds between steps", sound, sound.isChecked)
        voice = QCheckBox("Speak the steps &aloud")
        voice.setChecked(s.voice)
        self._field(form, "voice", "Speak the steps aloud", voice, voice.isChecked)
        engine = QComboBox()
        engine.addItem("System default", "")
        for name in self._voice_engines:
            if name:
                engine.addItem(name, name)
        if engine.findData(s.voice_engine) < 0:
            engine.addItem(f"{s.voice_engine} (not available)", s.voice_engine)
        engine.setCurrentIndex(engine.findData(s.voice_engine))
        self._field(form, "voice_engine", "&Voice engine:", engine, engine.currentData)
        rate = QDoubleSpinBox()
        rate.setRange(-1.0, 1.0)
        rate.setSingleStep(0.1)
        rate.setDecimals(1)
        rate.setValue(s.voice_rate)
        rate.setMinimumWidth(round(140 * self._scale))
        self._field(
            form,
            "voice_rate",
            "Speaking &rate:",
            rate,
            rate.value,
            describe="From -1 (slow) to 1 (fast); 0 is normal",
        )
        self.test_voice = self._button(
            "&Test voice",
            "Says a short sentence with the engine and rate chosen above",
            lambda: self.test_voice_requested.emit(str(engine.currentData()), rate.value()),
        )
        form.addRow("", self.test_voice)

    def _autostart_page(self, form: QFormLayout) -> None:
        self._note(
            form,
            "Start Nightstretch quietly in the tray when you log in, so evening reminders "
            "come without opening it first.",
        )
        box = QCheckBox("Start at &login")
        box.setChecked(self._original.autostart)
        self._field(form, "autostart", "Start at login", box, box.isChecked)

    def _data_page(self, form: QFormLayout) -> None:
        folder = self._data_folder
        self._note(form, "Your logbook stays on this computer, in this folder:")
        path = QLabel(folder or "(not known)")
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setAccessibleName("Data folder")
        form.addRow(path)
        self.open_folder = self._button(
            "&Open folder", "Shows the data folder in the file manager", self.open_folder_requested
        )
        self.export_button = self._button(
            "&Export…", "Saves your logbook as CSV or JSON", self.export_requested
        )
        self.backup_button = self._button(
            "&Back up…", "Saves a copy of the logbook and settings", self.backup_requested
        )
        self.restore_button = self._button(
            "&Restore…", "Replaces the logbook with a backup you choose", self.restore_requested
        )
        row = QHBoxLayout()
        row.setSpacing(10)
        for button in (
            self.open_folder,
            self.export_button,
            self.backup_button,
            self.restore_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        form.addRow(row)

    # --- behaviour ----------------------------------------------------------------------

    def _connect_changes(self) -> None:
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QAbstractButton) and widget.isCheckable():
                widget.toggled.connect(self.revalidate)
            elif isinstance(widget, QTimeEdit | QDateEdit):
                widget.dateTimeChanged.connect(self.revalidate)
            elif isinstance(widget, QSpinBox | QDoubleSpinBox):
                widget.valueChanged.connect(self.revalidate)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.revalidate)

    def _update_week_status(self) -> None:
        draft = self.draft()
        label = Pregnancy.from_settings(draft).label(self._today)
        if draft.postpartum:
            text = "After the birth: routines play in full, without week rules."
        elif label:
            text = f"Today: {label}."
        else:
            text = "Week not set: to be safe, steps not advised later in pregnancy are left out."
        self.week_status.setText(text)

    def _human(self, message: str | None) -> str:
        if not message:
            return ""
        for name, label in self._names.items():
            message = message.replace(f'"{name}"', f"\u201c{label}\u201d")
        return message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")

    def _step_section(self, delta: int) -> None:
        self.sections.setCurrentRow((self.sections.currentRow() + delta) % len(SECTIONS))

    def _save(self) -> None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        new = self.draft()
        if self._apply is not None:
            problems = self._apply(new)
            if problems:
                self.summary.setText("Not saved: " + " ".join(problems))
                self.summary.setVisible(True)
                return
        self.accepted_settings.emit(new)
        self.accept()

    def _focus_css(self, colors: Colors) -> str:
        """A thick accent border on whatever has the keyboard focus, in every control type."""
        box = round(16 * self._scale)
        return f"""
        QListWidget {{ background: {colors.surface}; border: 1px solid {colors.track};
                       border-radius: 8px; padding: 4px; }}
        QListWidget:focus {{ border: 3px solid {colors.accent}; }}
        QListWidget::item {{ padding: 8px 10px; border-radius: 6px; }}
        QListWidget::item:selected {{ background: {colors.accent}; color: {colors.accent_text}; }}
        QListWidget {{ outline: 0; }}
        QPushButton:disabled, QPushButton[role="primary"]:disabled {{ background: {colors.track};
                       color: {colors.muted}; border-color: {colors.track}; }}
        QScrollArea, QWidget#settingsPage {{ background: {colors.background}; }}
        QScrollBar:vertical {{ background: {colors.background}; width: 12px; margin: 0; }}
        QScrollBar:horizontal {{ background: {colors.background}; height: 12px; margin: 0; }}
        QScrollBar::handle {{ background: {colors.track}; border-radius: 5px;
                              min-height: 24px; min-width: 24px; }}
        QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
        QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
        QAbstractSpinBox, QComboBox {{ background: {colors.surface}; border: 1px solid
                       {colors.track}; border-radius: 6px; padding: 4px 8px; min-height: 1.6em; }}
        QAbstractSpinBox:focus, QComboBox:focus {{ border: 3px solid {colors.accent}; }}
        QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 0; border: none; }}
        QAbstractSpinBox:disabled, QComboBox:disabled {{ color: {colors.muted}; }}
        QCheckBox, QRadioButton {{ padding: 3px 6px; border: 2px solid transparent;
                       border-radius: 6px; }}
        QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {colors.accent}; }}
        QCheckBox::indicator, QRadioButton::indicator {{ width: {box}px; height: {box}px;
                       border: 2px solid {colors.muted}; background: {colors.surface}; }}
        QCheckBox::indicator {{ border-radius: 4px; }}
        QRadioButton::indicator {{ border-radius: {box // 2 + 2}px; }}
        QCheckBox::indicator:checked {{ background: {colors.accent};
                       border-color: {colors.accent}; }}
        QRadioButton::indicator:checked {{ border-color: {colors.accent};
                       background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5,
                       fy: 0.5, stop: 0 {colors.accent}, stop: 0.55 {colors.accent},
                       stop: 0.65 {colors.surface}, stop: 1 {colors.surface}); }}
        QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
                       border-color: {colors.track}; }}
        QCheckBox:disabled, QRadioButton:disabled {{ color: {colors.muted}; }}
        QComboBox QAbstractItemView {{ background: {colors.surface};
                       selection-background-color: {colors.accent};
                       selection-color: {colors.accent_text}; }}
        """


def editable_field_names() -> frozenset[str]:
    """The settings the dialog edits; the rest (first-run flags) pass through untouched."""
    return frozenset(spec.name for spec in fields(Settings)) - NOT_EDITED_HERE
