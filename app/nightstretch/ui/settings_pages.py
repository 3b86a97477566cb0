"""The settings dialog's ten pages: widgets only, each field registered with its reader.

``SettingsDialog`` (``ui/settings_dialog.py``) adds the checking, the section list and
Save; what each page offers, which switch enables which field and how a field reads back
into ``Settings`` come from ``core/settings_form.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core import settings_form as rules
from nightstretch.core import wording
from nightstretch.core.i18n import _
from nightstretch.core.reminders import WEEKDAYS
from nightstretch.store.settings import Settings
from nightstretch.ui.a11y import ValueLabel, name_combo_boxes_by_purpose
from nightstretch.ui.labels import plain_text

TIME_FORMAT = "HH:mm"
A_MONDAY = date(2024, 1, 1)
WIDE_INT = (0, 99999)
"""Spin boxes accept any whole number, so an out-of-range value gets a message, not silence."""


def _hhmm(edit: QTimeEdit) -> str:
    return str(edit.time().toString(TIME_FORMAT))


def _qtime(text: str, fallback: str = "22:30") -> QTime:
    parsed = QTime.fromString(text or fallback, TIME_FORMAT)
    return parsed if parsed.isValid() else QTime.fromString(fallback, TIME_FORMAT)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _plain(label: str) -> str:
    return plain_text(label).rstrip(":")


def _combo(choices: tuple[rules.Choice, ...], current: str) -> QComboBox:
    """The choices in order, the current value chosen (else the first).

    It takes the page's free width (``SettingsDialog`` caps it at its longest choice) and
    shortens the shown choice, never the list, only on a narrow page: no sideways scrolling.
    """
    name_combo_boxes_by_purpose()  # heard as "Theme", not as "System default"
    combo = QComboBox()
    for words, value in choices:
        combo.addItem(words, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, combo.sizePolicy().verticalPolicy())
    return combo


class SettingsPages(QDialog):
    """The pages and their field registry; the dialog on top checks and saves."""

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
        today: date,
        font_scale: float,
        routines: Sequence[tuple[str, str]],
        voice_engines: Sequence[str],
        data_folder: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._scale = font_scale
        self._original = settings
        self._today = today
        self._routine_choices = tuple(routines)
        self._voice_engines = tuple(voice_engines)
        self._data_folder = data_folder
        self._readers: dict[str, Callable[[], Any]] = {}
        self.fields: dict[str, QWidget] = {}
        """Main widget of each field, for tests and for focusing the first problem."""
        self.messages: dict[str, QLabel] = {}
        self._section_of: dict[str, int] = {}
        self._names: dict[str, str] = {}
        self._descriptions: dict[str, str] = {}
        self._section = 0

    def _build_pages(self) -> list[QScrollArea]:
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
        pages = []
        for index, (title, build) in enumerate(zip(rules.SECTIONS, builders, strict=True)):
            self._section = index
            pages.append(self._page(title, build))
        for name, switch in rules.ENABLED_BY.items():
            box = self.fields[switch]
            assert isinstance(box, QAbstractButton)
            self.fields[name].setEnabled(box.isChecked())
            box.toggled.connect(self.fields[name].setEnabled)
        return pages

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
        heading = QLabel(_(title))
        heading.setProperty("role", "heading")
        column.addWidget(heading)
        form = QFormLayout()
        # Only combo boxes (Expanding) grow; at large text every field goes under its label,
        # so a long choice is shown whole rather than cut or scrolled sideways.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        wrap = QFormLayout.RowWrapPolicy
        form.setRowWrapPolicy(wrap.WrapAllRows if self._scale >= 1.5 else wrap.WrapLongRows)
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
        label = ValueLabel(_("Problem with {field}").format(field=self._names.get(name, name)))
        label.setProperty("role", "caution")
        label.setWordWrap(True)
        label.setVisible(False)
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
        self._note(form, _("A gentle reminder before bed to do your stretch."))
        remind = QCheckBox(_("Remind me in the e&vening"))
        remind.setChecked(s.evening_enabled)
        self._field(
            form, "evening_enabled", _("Remind me in the evening"), remind, remind.isChecked
        )
        bedtime = self._time(s.bedtime, "bedtime")
        self._field(form, "bedtime", _("&Bedtime:"), bedtime, lambda: _hhmm(bedtime))

        self.same_bedtime = QRadioButton(_("Same bedtime every &night"))
        self.own_bedtimes = QRadioButton(_("Some nights have their own bedti&me"))
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
        for row, (day, english) in enumerate(zip(WEEKDAYS, rules.DAY_NAMES, strict=True)):
            day_name = _(english)
            box = QCheckBox(day_name)
            box.setAccessibleName(_("Own bedtime on {weekday}").format(weekday=day_name))
            box.setChecked(day in overrides)
            edit = self._time(overrides.get(day, s.bedtime), "bedtime")
            edit.setAccessibleName(_("Bedtime on {weekday}").format(weekday=day_name))
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
            return rules.own_bedtimes(
                self.own_bedtimes.isChecked(),
                {day: box.isChecked() for day, box in self.own_day.items()},
                {day: _hhmm(edit) for day, edit in self.own_time.items()},
            )

        self._field(None, "bedtimes", _("Own bedtimes"), self.own_bedtimes, read_bedtimes)
        self._message(form, "bedtimes")

        days = QWidget()
        days.setAccessibleName(_("Remind me on"))
        day_grid = QGridLayout(days)
        day_grid.setContentsMargins(0, 0, 0, 0)
        # Seven boxes in a row at large text would push the page sideways on a small
        # laptop: from 1.5 they sit on two rows (Mon-Thu, Fri-Sun).
        per_row = 7 if self._scale < 1.5 else 4
        self.remind_on: dict[str, QCheckBox] = {}
        for index, (day, english) in enumerate(zip(WEEKDAYS, rules.DAY_NAMES, strict=True)):
            day_name = _(english)
            # The short name in her language ("Di", "вт": not the long name's first letters).
            box = QCheckBox(wording.weekday(A_MONDAY + timedelta(days=index)))
            box.setAccessibleName(_("Remind me on {weekday}").format(weekday=day_name))
            box.setChecked(day in s.evening_weekdays)
            day_grid.addWidget(box, index // per_row, index % per_row)
            self.remind_on[day] = box
        day_grid.setColumnStretch(per_row, 1)
        days_label = QLabel(_("Remind me &on these evenings:"))
        days_label.setBuddy(self.remind_on["mon"])
        form.addRow(days_label)
        form.addRow(days)  # a row of its own: seven boxes need the full width
        self._field(
            form,
            "evening_weekdays",
            _("Remind me on"),
            days,
            lambda: rules.weekday_selection(
                {day: box.isChecked() for day, box in self.remind_on.items()}
            ),
            placed=True,
        )
        lead = self._spin(s.evening_lead_min, _(" min before bedtime"))
        self._field(form, "evening_lead_min", _("Remind me &early by:"), lead, lead.value)
        follow = self._spin(s.evening_followup_min, _(" min"))
        self._field(
            form,
            "evening_followup_min",
            _("&Follow-up after:"),
            follow,
            follow.value,
            describe=_("A second, quieter nudge if the routine has not started; 0 means none"),
        )
        display = _combo(rules.display_choices(), s.reminder_display)
        self._field(
            form, "reminder_display", _("Sho&w reminders as:"), display, display.currentData
        )
        self._note(form, _(rules.DISPLAY_NOTE))
        self._note(form, _(rules.HOLD_NOTE))
        for name, english in rules.HOLD_RULES:
            text = _(english)
            box = QCheckBox(text)
            box.setChecked(bool(getattr(s, name)))
            self._field(form, name, text.replace("&", ""), box, box.isChecked)
        self._note(form, _("A follow-up of 0 minutes means no second nudge."))

    def _routine_page(self, form: QFormLayout) -> None:
        self._note(form, _("The routine the evening reminder starts."))
        current = self._original.evening_routine
        combo = _combo(rules.routine_choices(self._routine_choices, current), current)
        self._field(form, "evening_routine", _("Evening &routine:"), combo, combo.currentData)

    def _water_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(form, _("Nudges to drink during the day, ending well before bed."))
        nudge = QCheckBox(_("&Remind me to drink"))
        nudge.setChecked(s.water_enabled)
        self._field(form, "water_enabled", _("Remind me to drink"), nudge, nudge.isChecked)
        start = self._time(s.water_start, "water_start")
        self._field(form, "water_start", _("St&art at:"), start, lambda: _hhmm(start))
        self.water_before_bed = QRadioButton(_("End &2 hours before bedtime"))
        self.water_at = QRadioButton(_("End a&t a set time:"))
        group = QButtonGroup(self)
        for radio in (self.water_before_bed, self.water_at):
            radio.setAccessibleName(_plain(radio.text()))
            group.addButton(radio)
        (self.water_at if s.water_end else self.water_before_bed).setChecked(True)
        end = self._time(s.water_end, "water_start")
        if not s.water_end:
            end.setTime(_qtime(rules.WATER_END_SHOWN))
        end.setEnabled(bool(s.water_end))
        self.water_at.toggled.connect(end.setEnabled)
        form.addRow(self.water_before_bed)
        form.addRow(self.water_at, end)
        self._names["water_end"] = _("End")
        end.setAccessibleName(_("Water reminders end at"))
        self.fields["water_end"] = end
        self._readers["water_end"] = lambda: rules.water_end(self.water_at.isChecked(), _hhmm(end))
        self._section_of["water_end"] = self._section
        self._message(form, "water_end")
        interval = self._spin(s.water_interval_min, _(" min"))
        self._field(form, "water_interval_min", _("&Every:"), interval, interval.value)
        glass = self._spin(s.glass_ml, _(" ml"))
        self._field(form, "glass_ml", _("&Glass size:"), glass, glass.value)
        goal = self._spin(s.water_goal_ml, _(" ml"))
        self._field(form, "water_goal_ml", _("Daily goa&l:"), goal, goal.value)

    def _checkin_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(form, _('A short question in the morning: "Any cramps last night?"'))
        box = QCheckBox(_("&Ask each morning"))
        box.setChecked(s.checkin_enabled)
        self._field(form, "checkin_enabled", _("Ask each morning"), box, box.isChecked)
        when = self._time(s.checkin_time, "checkin_time")
        self._field(form, "checkin_time", _("A&t:"), when, lambda: _hhmm(when))

    def _movement_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(form, _("A short leg break during long spells of sitting or standing."))
        box = QCheckBox(_("&Remind me to move"))
        box.setChecked(s.movement_enabled)
        self._field(form, "movement_enabled", _("Remind me to move"), box, box.isChecked)
        interval = self._spin(s.movement_interval_min, _(" min"))
        self._field(form, "movement_interval_min", _("&Every:"), interval, interval.value)

    def _pregnancy_page(self, form: QFormLayout) -> None:
        s = self._original
        self._note(
            form,
            _(
                "With your due date or week, steps that are not advised later in pregnancy "
                "(such as lying flat on your back from week 20) are left out or swapped."
            ),
        )
        self.week_unset = QRadioButton(_("&Not set"))
        self.week_by_due = QRadioButton(_("&Due date:"))
        self.week_by_week = QRadioButton(_("Current &week:"))
        group = QButtonGroup(self)
        for radio in (self.week_unset, self.week_by_due, self.week_by_week):
            radio.setAccessibleName(_plain(radio.text()))
            group.addButton(radio)
        shown = rules.PregnancyForm.from_settings(s, self._today)
        due = QDateEdit()
        due.setDisplayFormat("yyyy-MM-dd")
        due.setCalendarPopup(True)
        due.setMinimumWidth(round(150 * self._scale))
        due.setDateRange(_qdate(shown.due_low), _qdate(shown.due_high))
        due.setDate(_qdate(shown.due_shown))
        week = QSpinBox()
        week.setRange(1, 99)
        week.setValue(shown.week_shown)
        week.setMinimumWidth(round(140 * self._scale))
        modes: dict[rules.PregnancyMode, QRadioButton] = {
            "unset": self.week_unset,
            "due": self.week_by_due,
            "week": self.week_by_week,
        }
        modes[shown.mode].setChecked(True)
        form.addRow(self.week_unset)
        form.addRow(self.week_by_due, due)
        form.addRow(self.week_by_week, week)
        due.setEnabled(self.week_by_due.isChecked())
        week.setEnabled(self.week_by_week.isChecked())
        self.week_by_due.toggled.connect(due.setEnabled)
        self.week_by_week.toggled.connect(week.setEnabled)
        due.setAccessibleName(_("Due date"))
        week.setAccessibleName(_("Current pregnancy week"))

        def values() -> rules.PregnancyValues:
            mode = next(key for key, radio in modes.items() if radio.isChecked())
            return shown.read(mode, str(due.date().toString("yyyy-MM-dd")), week.value())

        def read_due() -> str:
            return values().due_date

        def read_week() -> int:
            return values().pregnancy_week

        def read_week_on() -> str:
            return values().pregnancy_week_on

        for name, label, widget, read in (
            ("due_date", _("Due date"), due, read_due),
            ("pregnancy_week", _("Current week"), week, read_week),
            ("pregnancy_week_on", _("Week given on"), week, read_week_on),
        ):
            self._names[name] = label
            self.fields[name] = widget
            self._readers[name] = read
            self._section_of[name] = self._section
        self.fields["pregnancy_week"] = week
        self._message(form, "due_date")
        self._message(form, "pregnancy_week")
        self.week_status = ValueLabel(_("Pregnancy week today"))
        self.week_status.setWordWrap(True)
        form.addRow(self.week_status)
        box = QCheckBox(_("After the &birth (postpartum): keep the routines, no week rules"))
        box.setChecked(s.postpartum)
        self._field(form, "postpartum", _plain(box.text()), box, box.isChecked)
        named = QLineEdit(s.report_name)  # printed at the top of the report, with the due date
        named.setPlaceholderText(_("Optional"))
        self._field(form, "report_name", _("Name on the &report:"), named, named.text)

    def _appearance_page(self, form: QFormLayout) -> None:
        s = self._original
        combo = _combo(rules.theme_choices(), s.theme)
        self._field(form, "theme", _("&Theme:"), combo, combo.currentData)
        scale = QDoubleSpinBox()
        scale.setRange(0.5, 3.0)
        scale.setSingleStep(0.05)
        scale.setDecimals(2)
        scale.setValue(s.font_scale)
        scale.setSuffix(" \u00d7")
        scale.setMinimumWidth(round(140 * self._scale))
        self._field(form, "font_scale", _("Text si&ze:"), scale, scale.value)
        self._note(form, _("Text size 1.00 is normal; the windows use the new size when reopened."))
        language = _combo(rules.language_choices(), s.language)
        self._field(form, "language", _("&Language:"), language, language.currentData)
        self._note(form, _(rules.LANGUAGE_NOTE))

    def _sound_page(self, form: QFormLayout) -> None:
        s = self._original
        sound = QCheckBox(_("&Play sounds between steps"))
        sound.setChecked(s.sound)
        self._field(form, "sound", _("Play sounds between steps"), sound, sound.isChecked)
        voice = QCheckBox(_("Speak the steps &aloud"))
        voice.setChecked(s.voice)
        self._field(form, "voice", _("Speak the steps aloud"), voice, voice.isChecked)
        choices = rules.voice_engine_choices(self._voice_engines, s.voice_engine)
        engine = _combo(choices, s.voice_engine)
        self._field(form, "voice_engine", _("&Voice engine:"), engine, engine.currentData)
        rate = QDoubleSpinBox()
        rate.setRange(-1.0, 1.0)
        rate.setSingleStep(0.1)
        rate.setDecimals(1)
        rate.setValue(s.voice_rate)
        rate.setMinimumWidth(round(140 * self._scale))
        self._field(
            form,
            "voice_rate",
            _("Speaking &rate:"),
            rate,
            rate.value,
            describe=_("From -1 (slow) to 1 (fast); 0 is normal"),
        )
        self.test_voice = self._button(
            _("&Test voice"),
            _("Says a short sentence with the engine and rate chosen above"),
            lambda: self.test_voice_requested.emit(str(engine.currentData()), rate.value()),
        )
        form.addRow("", self.test_voice)

    def _autostart_page(self, form: QFormLayout) -> None:
        self._note(
            form,
            _(
                "Start Nightstretch quietly in the tray when you log in, so evening reminders "
                "come without opening it first."
            ),
        )
        box = QCheckBox(_("Start at &login"))
        box.setChecked(self._original.autostart)
        self._field(form, "autostart", _("Start at login"), box, box.isChecked)

    def _data_page(self, form: QFormLayout) -> None:
        folder = self._data_folder
        self._note(form, _("Your logbook stays on this computer, in this folder:"))
        path = ValueLabel(_("Data folder"), folder or _("(not known)"))
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(path)
        self.open_folder = self._button(
            _("&Open folder"),
            _("Shows the data folder in the file manager"),
            self.open_folder_requested,
        )
        self.export_button = self._button(
            _("&Export…"), _("Saves your logbook as CSV or JSON"), self.export_requested
        )
        self.backup_button = self._button(
            _("&Back up…"), _("Saves a copy of the logbook and settings"), self.backup_requested
        )
        self.restore_button = self._button(
            _("&Restore…"),
            _("Replaces the logbook with a backup you choose"),
            self.restore_requested,
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
