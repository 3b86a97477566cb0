"""The History window: twelve weeks at a glance, the numbers, and every entry to correct.

It draws a ``HistoryView`` (built by ``nightstretch.core.history_view`` for
``nightstretch.services.history.HistoryController``) and forwards intents as signals; it
never reads the logbook, so a repaint costs only the painting. The charts live in
``nightstretch.ui.charts``. An edit is saved through the ``save_entry`` function it is
given, which returns why a save failed, so the editor can stay open with that line; the
cramp dialog for an edit comes from the ``edit_cramp`` factory the composition root passes.

Keys: arrows move through the calendar (P paused, S sick, C clear for that night), Del
deletes the selected entry, Ctrl+Z undoes, Enter edits, Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QSize, Qt, QTime, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core import wording
from nightstretch.core.entries import CrampEntry
from nightstretch.core.history_view import (
    CheckinEdit,
    EntryEdit,
    EntryItem,
    EntryRef,
    HistoryView,
    WaterEdit,
)
from nightstretch.core.i18n import _
from nightstretch.ui.a11y import ValueLabel, describe_value, return_presses_buttons
from nightstretch.ui.charts import Heatmap, WaterChart, WeekChart
from nightstretch.ui.cramp_dialog import CrampDialog
from nightstretch.ui.history_flags import DiscussedBox, WarningLine, history_css
from nightstretch.ui.screen_fit import fit_to_screen, scrolling
from nightstretch.ui.theme import Colors, apply_theme

SaveEntry = Callable[[EntryRef, EntryEdit], str | None]
"""Saves an edited entry; returns why it was not saved (one line), or None."""
EditCramp = Callable[[CrampEntry, QWidget], CrampDialog]
"""Makes the dialog that edits a logged cramp, as a child of the given window."""


def _label(text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def _value_label(caption: str, role: str, *, wrap: bool = True) -> QLabel:
    """Heard as "Current streak: 3 nights" (what she reads), never as its caption alone."""
    label = ValueLabel(caption)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def _button(text: str, tip: str, role: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.rstrip("…"))
    button.setAccessibleDescription(tip)
    if role:
        button.setProperty("role", role)
    return button


class HistoryWindow(QWidget):
    """Renders a ``HistoryView``; changes go out as signals, edits through ``save_entry``."""

    delete_requested = Signal(object)
    """An ``EntryRef``."""
    undo_requested = Signal()
    mark_requested = Signal(str, object)
    """A night and "paused", "sick" or None (clear)."""
    more_requested = Signal()
    report_requested = Signal()
    export_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    discussed_requested = Signal(object, bool)
    """An ``EntryRef`` of a warning-sign cramp, and whether it was discussed (see
    ``history_flags``)."""
    warnings_requested = Signal(bool)
    """List every warning-sign entry of any date (True), or the recent entries (False)."""

    def __init__(
        self,
        colors: Colors,
        font_scale: float = 1.0,
        *,
        save_entry: SaveEntry,
        edit_cramp: EditCramp,
    ) -> None:
        super().__init__()
        self.setObjectName("historyWindow")
        self.setWindowTitle(_("History — Nightstretch"))
        self._save_entry = save_entry
        self._make_cramp_dialog = edit_cramp
        self._colors = colors
        self._scale = font_scale
        self._view: HistoryView | None = None
        self._items: dict[int, EntryItem] = {}
        self._editing: EntryItem | None = None
        self.cramp_dialog: CrampDialog | None = None
        self._wide_width = 0
        self.resize(1240, 800)

        self.heatmap = Heatmap(colors)
        self.heatmap.focused_night.connect(self._night_focused)
        self.heatmap.mark_key.connect(self._mark)
        self.night_label = _value_label(_("Selected night"), "muted")
        self.paused_button = _button(_("Paused"), _("Leave this night out of streaks (P)"))
        self.sick_button = _button(_("Sick"), _("Mark this night as a sick day (S)"))
        self.clear_mark_button = _button(_("Clear mark"), _("Count this night again (C)"))
        self.paused_button.clicked.connect(lambda: self._mark_focused("paused"))
        self.sick_button.clicked.connect(lambda: self._mark_focused("sick"))
        self.clear_mark_button.clicked.connect(lambda: self._mark_focused(None))
        marks = QHBoxLayout()
        for button in (self.paused_button, self.sick_button, self.clear_mark_button):
            marks.addWidget(button)
        marks.addStretch(1)

        self.streak_value = _value_label(_("Current streak"), "heading", wrap=False)
        self.best_value = _value_label(_("Best streak"), "heading", wrap=False)
        self.score_value = _value_label(_("Habit score"), "heading", wrap=False)
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(16)
        for row, (title, value) in enumerate(
            (
                (_("Current streak"), self.streak_value),
                (_("Best streak"), self.best_value),
                (_("Habit score"), self.score_value),
            )
        ):
            numbers.addWidget(_label(title, "muted"), row, 0, Qt.AlignmentFlag.AlignVCenter)
            numbers.addWidget(value, row, 1, Qt.AlignmentFlag.AlignVCenter)
        numbers.setColumnStretch(2, 1)
        self.insight_label = _value_label("", "body")
        self.insight_label.hide()
        self.score_note = _label(
            _(
                "A missed night dents the score, it does not reset it. "
                "Paused and sick nights do not count."
            ),
            "muted",
            wrap=True,
        )

        calendar_panel = QVBoxLayout()
        calendar_panel.addWidget(_label(_("Last 12 weeks"), "section"))
        calendar_panel.addWidget(self.heatmap)
        calendar_panel.addStretch(1)
        numbers_panel = QVBoxLayout()
        numbers_panel.addSpacing(8)
        numbers_panel.addLayout(numbers)
        numbers_panel.addWidget(self.score_note)
        numbers_panel.addSpacing(12)
        numbers_panel.addWidget(_label(_("Selected night"), "section"))
        numbers_panel.addWidget(self.night_label)
        numbers_panel.addLayout(marks)
        numbers_panel.addStretch(1)
        top = QHBoxLayout()
        self._top = top
        top.addLayout(calendar_panel)
        top.addSpacing(24)
        top.addLayout(numbers_panel, 1)

        self.week_chart = WeekChart(colors)
        self.water_chart = WaterChart(colors)
        charts = QHBoxLayout()
        self._charts = charts
        for title, chart in (
            (_("Each week"), self.week_chart),
            (_("Water, last 14 days"), self.water_chart),
        ):
            box = QVBoxLayout()
            box.addWidget(_label(title, "section"))
            box.addWidget(chart, 1)
            charts.addLayout(box, 1)

        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.insight_label)
        left.addSpacing(8)
        left.addLayout(charts, 1)

        self.entries = QTreeWidget()
        self.entries.setColumnCount(2)
        self.entries.setHeaderLabels([_("When"), _("Entry")])
        self.entries.setRootIsDecorated(False)
        self.entries.setUniformRowHeights(True)
        self.entries.setAlternatingRowColors(False)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries.setAccessibleName(_("Entries, newest first"))
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entries.setWordWrap(False)
        header = self.entries.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.entries.currentItemChanged.connect(self._selection_changed)
        self.entries.itemActivated.connect(lambda *_: self._edit())
        self.entry_detail = _value_label(_("Selected entry"), "muted")
        self.entry_detail.setMinimumHeight(self.entry_detail.fontMetrics().lineSpacing() * 2)
        self.message = _value_label("", "caution")
        self.message.hide()
        self.warning_line = WarningLine()
        self.warning_line.show_warnings.connect(self.warnings_requested)
        self.discussed_box = DiscussedBox()
        self.discussed_box.discussed_changed.connect(self.discussed_requested)

        self.edit_button = _button(_("Edit…"), _("Change the selected entry (Enter)"))
        self.delete_button = _button(_("Delete"), _("Delete the selected entry (Del)"))
        self.undo_button = _button(_("Undo"), _("Undo the last change (Ctrl+Z)"))
        self.more_button = _button(_("Show older"), _("List older entries"))
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self.undo_button.clicked.connect(self.undo_requested)
        self.more_button.clicked.connect(self.more_requested)
        entry_buttons = QHBoxLayout()
        for button in (self.edit_button, self.delete_button, self.undo_button):
            entry_buttons.addWidget(button)
        entry_buttons.addStretch(1)
        entry_buttons.addWidget(self.more_button)

        self.edit_panel = self._build_edit_panel()

        self.report_button = _button(
            _("Make a report…"), _("A PDF for your midwife or doctor"), "primary"
        )
        self.export_button = _button(_("Export…"), _("Save the logbook as CSV or JSON files"))
        self.backup_button = _button(_("Back up…"), _("Save a copy of the whole logbook"))
        self.restore_button = _button(_("Restore…"), _("Replace the logbook with a backup"))
        self.report_button.clicked.connect(self.report_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.backup_button.clicked.connect(self.backup_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        actions = QHBoxLayout()
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        for button in (self.export_button, self.backup_button, self.restore_button):
            actions.addWidget(button)

        right = QVBoxLayout()
        self.entries_title = _label(_("Entries"), "section")
        right.addWidget(self.entries_title)
        right.addWidget(self.message)
        right.addWidget(self.warning_line)
        right.addWidget(self.entries, 1)
        right.addWidget(self.entry_detail)
        right.addWidget(self.discussed_box)
        right.addWidget(self.edit_panel)
        right.addLayout(entry_buttons)

        body = QHBoxLayout()
        self._columns = body
        body.addLayout(left, 0)
        body.addSpacing(24)
        body.addLayout(right, 1)
        self.entries.setMinimumHeight(self.entries.fontMetrics().lineSpacing() * 8)
        self.body = QWidget()
        self.body.setObjectName("historyBody")
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(24, 18, 24, 8)
        outer.addLayout(body, 1)
        self._content_layout = outer
        # On a narrow or short screen the columns stack and the whole page scrolls; the
        # file buttons stay in view below it.
        frame = QVBoxLayout(self.body)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.addWidget(scrolling(content, horizontal=True), 1)
        actions.setContentsMargins(24, 8, 24, 18)
        frame.addLayout(actions)
        window = QVBoxLayout(self)
        window.setContentsMargins(0, 0, 0, 0)
        window.addWidget(self.body)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self).activated.connect(
            self.undo_requested
        )
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.entries)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._delete)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self._escape)
        self.set_colors(colors, font_scale)
        return_presses_buttons(self)

    def _build_edit_panel(self) -> QFrame:
        panel = QFrame()
        panel.setProperty("role", "panel")
        grid = QVBoxLayout(panel)
        grid.setContentsMargins(12, 8, 12, 8)
        row = QHBoxLayout()
        buttons = QHBoxLayout()
        grid.addLayout(row)
        grid.addLayout(buttons)
        self.edit_title = _label("")
        self.edit_ml = QSpinBox()
        self.edit_ml.setRange(1, 2000)
        self.edit_ml.setSingleStep(50)
        self.edit_ml.setSuffix(_(" ml"))
        self.edit_ml.setAccessibleName(_("Water in millilitres"))
        self.edit_time = QDateTimeEdit()
        self.edit_time.setDisplayFormat("ddd d MMM  HH:mm")
        self.edit_time.setAccessibleName(_("When the water was drunk"))
        describe_value(self.edit_time)
        self.edit_count = QSpinBox()
        self.edit_count.setRange(0, 50)
        self.edit_count.setAccessibleName(_("Cramps that night"))
        self.edit_save = _button(_("Save"), _("Save the change (Enter)"), "primary")
        self.edit_cancel = _button(_("Cancel"), _("Leave the entry as it was (Esc)"))
        self.edit_save.clicked.connect(self._save_inline)
        self.edit_cancel.clicked.connect(self._close_inline)
        for widget in (self.edit_title, self.edit_ml, self.edit_time, self.edit_count):
            row.addWidget(widget)
        row.addStretch(1)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_cancel)
        buttons.addWidget(self.edit_save)
        for field in (self.edit_ml, self.edit_time, self.edit_count):
            field.installEventFilter(self)
        panel.hide()
        return panel

    # -- rendering -------------------------------------------------------------------

    def set_colors(self, colors: Colors, font_scale: float = 1.0) -> None:
        self._colors, self._scale = colors, font_scale
        apply_theme(self, colors, font_scale, history_css(colors, font_scale))
        self.heatmap.set_colors(colors, font_scale)
        self.week_chart.set_colors(colors)
        self.water_chart.set_colors(colors)
        if self._view is not None:
            self._fill_entries(self._view.entries)

    def show_view(self, view: HistoryView) -> None:
        self._view = view
        self.heatmap.set_cells(view.cells)
        self._night_focused(self.heatmap.focused_cell.night_date)
        self.streak_value.setText(wording.count(view.streak_current, "night"))
        self.best_value.setText(wording.count(view.streak_best, "night"))
        self.score_value.setText(f"{round(view.score * 100)} %")
        self.insight_label.setText(view.insight or "")
        self.insight_label.setVisible(view.insight is not None)
        self.week_chart.set_weeks(view.weeks)
        self.water_chart.set_days(view.water, view.water_goal_ml)
        since = wording.weekday_day_month(view.entries_since)
        self.entries_title.setText(_("Entries since {night}").format(night=since))
        self.warning_line.show_view(view)
        if view.warnings_only:
            self.entries_title.setText(view.warnings_heading)
        self._fill_entries(view.entries)
        self.more_button.setEnabled(view.more_entries)
        self.undo_button.setEnabled(view.can_undo)
        self.undo_button.setToolTip(_("{undo} (Ctrl+Z)").format(undo=view.undo_text))
        self.undo_button.setAccessibleDescription(view.undo_text)
        self._close_inline()

    def _fill_entries(self, items: tuple[EntryItem, ...]) -> None:
        current = self.selected_entry()
        keep = current.ref if current else None
        self.entries.setUpdatesEnabled(False)
        self.entries.blockSignals(True)
        self.entries.clear()
        self._items = {}
        caution = QColor(self._colors.caution)
        rows = []
        chosen: QTreeWidgetItem | None = None
        for index, entry in enumerate(items):
            text = _("{kind}: {details}").format(kind=entry.what, details=entry.details)
            row = QTreeWidgetItem(
                [entry.when, f"⚠ {entry.flag}: {text}" if entry.flagged else text]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, index)
            row.setToolTip(1, text)
            if entry.flagged:
                for column in range(2):
                    row.setForeground(column, caution)
                font = row.font(1)
                font.setBold(True)
                row.setFont(1, font)
            self._items[index] = entry
            rows.append(row)
            if entry.ref == keep:
                chosen = row
        if not rows:
            empty = QTreeWidgetItem(["", _("Nothing logged in these weeks yet.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            rows.append(empty)
        self.entries.addTopLevelItems(rows)
        self.entries.blockSignals(False)
        self.entries.setUpdatesEnabled(True)
        if chosen is not None:
            self.entries.setCurrentItem(chosen)
        elif self._items:
            self.entries.setCurrentItem(rows[0])
        self._selection_changed()

    def selected_entry(self) -> EntryItem | None:
        row = self.entries.currentItem()
        if row is None:
            return None
        index = row.data(0, Qt.ItemDataRole.UserRole)
        return self._items.get(index) if isinstance(index, int) else None

    def select_entry(self, item: EntryItem) -> None:
        for index, entry in self._items.items():
            if entry.ref == item.ref:
                row = self.entries.topLevelItem(index)
                if row is not None:
                    self.entries.setCurrentItem(row)
                    self.entries.scrollToItem(row, QAbstractItemView.ScrollHint.PositionAtCenter)
                return

    def show_message(self, text: str) -> None:
        """A calm line above the list (a failed save, a refused value)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _selection_changed(self, *_: object) -> None:
        entry = self.selected_entry()
        self.entry_detail.setText(
            f"{entry.when.replace('  ', ' ')}: {entry.what}, {entry.details}" if entry else ""
        )
        self.edit_button.setEnabled(entry is not None and entry.editable)
        self.discussed_box.show_entry(entry)
        self.delete_button.setEnabled(entry is not None)

    def _night_focused(self, night: str) -> None:
        cell = self.heatmap.focused_cell
        self.night_label.setText(cell.tooltip)
        self.clear_mark_button.setEnabled(cell.state in ("paused", "sick"))

    # -- intents ---------------------------------------------------------------------

    def _mark_focused(self, mark: str | None) -> None:
        if self._view is not None:
            self._mark(self.heatmap.focused_cell.night_date, mark)

    def _mark(self, night: str, mark: object) -> None:
        self.mark_requested.emit(night, mark)

    def _delete(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.delete_requested.emit(entry.ref)

    def _edit(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.editable:
            return
        if entry.cramp is not None:
            self._edit_cramp(entry, entry.cramp)
            return
        self._editing = entry
        water = entry.water_ml is not None
        self.edit_title.setText(_("Water") if water else _("Cramps that night"))
        self.edit_ml.setVisible(water)
        self.edit_time.setVisible(water)
        self.edit_count.setVisible(not water)
        self.edit_panel.show()
        if water and entry.water_at is not None:
            self.edit_ml.setValue(entry.water_ml or 0)
            moment = entry.water_at
            self.edit_time.setDateTime(
                QDateTime(
                    QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
                )
            )
            self.edit_ml.setFocus()
            self.edit_ml.selectAll()
        else:
            self.edit_count.setValue(entry.checkin_count or 0)
            self.edit_count.setFocus()
            self.edit_count.selectAll()

    def _edit_cramp(self, item: EntryItem, entry: CrampEntry) -> None:
        dialog = self._make_cramp_dialog(entry, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.submitted.connect(lambda new: self._save(item, new, dialog))
        self.cramp_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save(self, item: EntryItem, values: EntryEdit, dialog: CrampDialog | None) -> bool:
        """Saves through ``save_entry``; a refusal is shown here and in the dialog."""
        problem = self._save_entry(item.ref, values)
        if problem is not None:
            self.show_message(problem)
            if dialog is not None:
                dialog.show_error(problem)
        return problem is None

    def _save_inline(self) -> None:
        entry = self._editing
        if entry is None:
            return
        values: WaterEdit | CheckinEdit
        if entry.water_ml is not None and entry.water_at is not None:
            naive = self.edit_time.dateTime().toPython()
            assert isinstance(naive, datetime)
            values = WaterEdit(self.edit_ml.value(), naive.replace(tzinfo=entry.water_at.tzinfo))
        else:
            values = CheckinEdit(self.edit_count.value())
        if self._save(entry, values, None):
            self._close_inline()

    def _close_inline(self) -> None:
        had_focus = self.edit_panel.isAncestorOf(self.focusWidget())
        self._editing = None
        self.edit_panel.hide()
        if had_focus:
            self.entries.setFocus()

    def _escape(self) -> None:
        if self.edit_panel.isVisible():
            self._close_inline()
        else:
            self.close()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        """Enter in the inline editor saves, like in the cramp dialog."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._save_inline()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _reflow(self, width: int) -> None:
        """Side by side when the window is wide enough, else one column (charts stacked)."""
        across = QBoxLayout.Direction.LeftToRight
        if not self._wide_width:  # measured side by side (and left so)
            for layout in (self._top, self._columns, self._charts):
                layout.setDirection(across)
            self._content_layout.activate()
            self._wide_width = self._content_layout.sizeHint().width() + 32
        direction = across if width >= self._wide_width else QBoxLayout.Direction.TopToBottom
        if self._columns.direction() != direction:
            for layout in (self._top, self._columns, self._charts):
                layout.setDirection(direction)

    def _widen(self) -> None:
        """Polished, German or Russian words may need more than 1240 px: widen if it fits."""
        self._wide_width = 0
        self._reflow(self.width())
        if self._wide_width > self.width():
            fit_to_screen(self, QSize(self._wide_width, self.height()))
        self._reflow(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reflow(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Start in the calendar, the first thing in reading order."""
        super().showEvent(event)
        scale = max(1.0, self._scale)
        fit_to_screen(self, QSize(round(1240 * scale), round(800 * scale)))
        # Polished by now (children too): measured once, before the first paint, instead
        # of a second layout pass after it (History's first paint is what she waits for).
        self._widen()
        if self.focusWidget() is None:
            self.heatmap.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
