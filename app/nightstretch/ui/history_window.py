"""The History window: twelve weeks at a glance, the numbers, and every entry to correct.

It draws a ``HistoryView`` (built by ``nightstretch.services.history.HistoryController``) and
forwards intents as signals; it never reads the logbook, so a repaint costs only the
painting. The charts are drawn with QPainter (no QtCharts dependency).

Keys: arrows move through the calendar (P paused, S sick, C clear for that night), Del
deletes the selected entry, Ctrl+Z undoes, Enter edits, Esc closes.
"""

from __future__ import annotations

import math
from datetime import date, datetime, tzinfo

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QCloseEvent,
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core.clock import Clock
from nightstretch.core.entries import CrampEntry
from nightstretch.services.history import (
    CellState,
    CheckinEdit,
    EntryItem,
    HistoryView,
    NightCell,
    WaterDay,
    WaterEdit,
    WeekBar,
)
from nightstretch.ui.cramp_dialog import CrampDialog
from nightstretch.ui.theme import Colors, apply_theme

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
STATE_WORDS: dict[CellState, str] = {
    "done": "Routine done",
    "partial": "Started",
    "none": "No routine",
    "paused": "Paused / sick",
    "sick": "Paused / sick",
    "future": "",
}


def _blend(one: str, other: str, share: float) -> QColor:
    a, b = QColor(one), QColor(other)
    return QColor(
        round(a.red() * share + b.red() * (1 - share)),
        round(a.green() * share + b.green() * (1 - share)),
        round(a.blue() * share + b.blue() * (1 - share)),
    )


class Heatmap(QWidget):
    """7 rows (Mon..Sun) by 12 week columns; a keyboard focus cell moves with the arrows."""

    focused_night = Signal(str)
    mark_key = Signal(str, object)

    def __init__(self, colors: Colors) -> None:
        super().__init__()
        self._colors = colors
        self._cells: tuple[NightCell, ...] = ()
        self._focus = 0
        self.cell = 26
        self.gap = 4
        self.left = 44
        self.top = 22
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Calendar of the last 12 weeks")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_colors(self, colors: Colors, scale: float) -> None:
        self._colors = colors
        self.cell = round(26 * scale)
        self.gap = max(3, round(4 * scale))
        self.left = round(44 * scale)
        self.top = round(22 * scale)
        self.updateGeometry()
        self.update()

    def set_cells(self, cells: tuple[NightCell, ...]) -> None:
        keep = self.focused_cell.night_date if self._cells else None
        self._cells = cells
        nights = [c.night_date for c in cells]
        if keep in nights:
            self._focus = nights.index(keep)
        else:
            past = [i for i, c in enumerate(cells) if c.state != "future"]
            self._focus = past[-1] if past else 0
        self._announce()
        self.update()

    @property
    def focused_cell(self) -> NightCell:
        return self._cells[self._focus]

    def sizeHint(self) -> QSize:
        step = self.cell + self.gap
        columns = max(1, len(self._cells) // 7) if self._cells else 12
        legend = round(self.cell * 2.3)
        return QSize(self.left + columns * step + 4, self.top + 7 * step + legend)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _rect(self, index: int) -> QRect:
        step = self.cell + self.gap
        column, row = divmod(index, 7)
        return QRect(self.left + column * step, self.top + row * step, self.cell, self.cell)

    def _index_at(self, point: QPoint) -> int | None:
        for index in range(len(self._cells)):
            if self._rect(index).contains(point):
                return index
        return None

    def _fill(self, state: CellState) -> QBrush:
        c = self._colors
        if state == "done":
            return QBrush(QColor(c.accent))
        if state == "partial":
            return QBrush(_blend(c.accent, c.track, 0.45))
        if state in ("paused", "sick"):
            return QBrush(QColor(c.muted), Qt.BrushStyle.BDiagPattern)
        if state == "none":
            return QBrush(QColor(c.track))
        return QBrush(Qt.BrushStyle.NoBrush)

    def paintEvent(self, event: QPaintEvent) -> None:
        c = self._colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(c.muted))
        small = painter.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
        painter.setFont(small)
        for row, name in enumerate(WEEKDAYS):
            rect = self._rect(row)
            painter.drawText(
                QRect(0, rect.top(), self.left - 6, self.cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        last_month = ""
        for column in range(len(self._cells) // 7):
            first = self._cells[column * 7]
            month = f"{date.fromisoformat(first.night_date):%b}"
            crowded = (
                column == 0
                and len(self._cells) > 7
                and (f"{date.fromisoformat(self._cells[7].night_date):%b}" != month)
            )
            if month != last_month and not crowded:
                rect = self._rect(column * 7)
                painter.drawText(
                    QRect(rect.left(), 0, 3 * self.cell, self.top - 4),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    month,
                )
                last_month = month
        for index, cell in enumerate(self._cells):
            self._paint_cell(painter, self._rect(index), cell.state, cell.cramps, cell.warning)
        if self._cells:
            ring = self._rect(self._focus).adjusted(-2, -2, 2, 2)
            width = 3 if self.hasFocus() else 1.5
            painter.setPen(QPen(QColor(c.text), width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(ring, 6, 6)
        self._paint_legend(painter)
        painter.end()

    def _paint_cell(
        self, painter: QPainter, rect: QRect, state: CellState, cramps: int | None, warning: bool
    ) -> None:
        c = self._colors
        if state in ("paused", "sick"):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.surface))
            painter.drawRoundedRect(rect, 5, 5)
        painter.setPen(
            QPen(QColor(c.track), 1, Qt.PenStyle.DotLine)
            if state == "future"
            else Qt.PenStyle.NoPen
        )
        painter.setBrush(self._fill(state))
        painter.drawRoundedRect(rect, 5, 5)
        if cramps:
            radius = max(3.0, self.cell / 6)
            center = QRectF(rect).center()
            painter.setPen(QPen(QColor(c.background), 1.5))
            painter.setBrush(QColor(c.text))
            painter.drawEllipse(center, radius, radius)
        if warning:
            # a small warning triangle on the top edge, outlined in the text colour so it
            # stands out on every fill in both themes (the cramp dot is round)
            size = self.cell * 0.62
            x = rect.right() - size * 0.55
            y = rect.top() - size * 0.35
            triangle = [
                QPointF(x, y),
                QPointF(x + size / 2, y + size * 0.87),
                QPointF(x - size / 2, y + size * 0.87),
            ]
            painter.setPen(QPen(QColor(c.text), 1.6))
            painter.setBrush(QColor(c.caution))
            painter.drawPolygon(triangle)

    def _paint_legend(self, painter: QPainter) -> None:
        c = self._colors
        step = self.cell + self.gap
        y = self.top + 7 * step + 6
        box = round(self.cell * 0.6)
        items: list[tuple[str, CellState, int | None, bool]] = [
            ("Done", "done", None, False),
            ("Started", "partial", None, False),
            ("None", "none", None, False),
            ("Paused/sick", "paused", None, False),
            ("Cramp night", "none", 1, False),
            ("Warning signs", "none", None, True),
        ]
        x = self.left
        row_height = box + 6
        painter.setPen(QColor(c.muted))
        for index, (words, state, cramps, warning) in enumerate(items):
            if index == 4:
                x, y = self.left, y + row_height
            rect = QRect(x, y, box, box)
            saved = self.cell
            self.cell = box
            self._paint_cell(painter, rect, state, cramps, warning)
            self.cell = saved
            painter.setPen(QColor(c.muted))
            width = painter.fontMetrics().horizontalAdvance(words)
            painter.drawText(
                QRect(x + box + 5, y - 2, width + 4, box + 4),
                Qt.AlignmentFlag.AlignVCenter,
                words,
            )
            x += box + width + 20

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._index_at(event.pos())
            if index is not None and self._cells:
                QToolTip.showText(event.globalPos(), self._cells[index].tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._index_at(event.position().toPoint())
        if index is not None and self._cells[index].state != "future":
            self._move_to(index)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7}
        marks: dict[int, str | None] = {
            Qt.Key.Key_P: "paused",
            Qt.Key.Key_S: "sick",
            Qt.Key.Key_C: None,
        }
        key = event.key()
        if key in moves and self._cells:
            target = self._focus + moves[Qt.Key(key)]
            if 0 <= target < len(self._cells) and self._cells[target].state != "future":
                self._move_to(target)
            event.accept()
            return
        if key in marks and self._cells and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.mark_key.emit(self.focused_cell.night_date, marks[key])
            event.accept()
            return
        super().keyPressEvent(event)

    def _move_to(self, index: int) -> None:
        self._focus = index
        self._announce()
        self.update()
        self.focused_night.emit(self.focused_cell.night_date)

    def _announce(self) -> None:
        if self._cells:
            self.setAccessibleDescription(self.focused_cell.tooltip)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)


class WeekChart(QWidget):
    """Per week: routine nights and cramp nights side by side, on a 0..7 scale."""

    def __init__(self, colors: Colors) -> None:
        super().__init__()
        self._colors = colors
        self._weeks: tuple[WeekBar, ...] = ()
        self.setMinimumSize(QSize(380, 170))
        self.setAccessibleName("Weekly chart of routine nights and cramp nights")

    def set_colors(self, colors: Colors) -> None:
        self._colors = colors
        self.update()

    def set_weeks(self, weeks: tuple[WeekBar, ...]) -> None:
        self._weeks = weeks
        self.setAccessibleDescription(
            "; ".join(
                f"week of {w.label}: routine {w.routine_done} of {w.counted}, "
                f"cramp nights {w.cramp_nights} of {w.reported_nights} reported"
                for w in weeks
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = self._colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        legend_h = line + 6
        bottom = self.height() - line - 4
        top = legend_h + 4
        left = metrics.horizontalAdvance("7") + 10
        usable = max(1, bottom - top)
        painter.setPen(QColor(c.muted))
        self._legend(painter, left, line)
        for value in (0, 7):
            y = bottom - usable * value / 7
            painter.drawText(
                QRect(0, round(y - line / 2), left - 6, line),
                Qt.AlignmentFlag.AlignRight,
                str(value),
            )
            painter.setPen(QPen(QColor(c.track), 1))
            painter.drawLine(left, round(y), self.width() - 4, round(y))
            painter.setPen(QColor(c.muted))
        if not self._weeks:
            painter.end()
            return
        group = (self.width() - left - 4) / len(self._weeks)
        bar = max(3.0, group * 0.3)
        widest = max(metrics.horizontalAdvance(w.label) for w in self._weeks) + 8
        every = max(1, math.ceil(widest / group))  # label every n-th week, newest always
        for index, week in enumerate(self._weeks):
            x = left + index * group + (group - 2 * bar - 2) / 2
            for offset, value, color in (
                (0.0, week.routine_done, c.accent),
                (bar + 2, week.cramp_nights, c.muted),
            ):
                height = usable * min(value, 7) / 7
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(color))
                painter.drawRoundedRect(QRectF(x + offset, bottom - height, bar, height), 2, 2)
            if (len(self._weeks) - 1 - index) % every == 0:
                painter.setPen(QColor(c.muted))
                width = metrics.horizontalAdvance(week.label) + 4
                center = left + index * group + group / 2
                x_text = min(max(center - width / 2, 0.0), self.width() - width)
                painter.drawText(
                    QRectF(x_text, bottom + 2, width, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    week.label,
                )
        painter.end()

    def _legend(self, painter: QPainter, left: int, line: int) -> None:
        c = self._colors
        x = left
        for words, color in (("Routine nights", c.accent), ("Cramp nights", c.muted)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(x, 3, line - 4, line - 4), 2, 2)
            painter.setPen(QColor(c.muted))
            width = painter.fontMetrics().horizontalAdvance(words)
            painter.drawText(
                QRect(x + line, 0, width + 4, line), Qt.AlignmentFlag.AlignVCenter, words
            )
            x += line + width + 18


class WaterChart(QWidget):
    """Water per day as bars, with the daily goal as a dashed line."""

    def __init__(self, colors: Colors) -> None:
        super().__init__()
        self._colors = colors
        self._days: tuple[WaterDay, ...] = ()
        self._goal = 2000
        self.setMinimumSize(QSize(380, 170))
        self.setAccessibleName("Water per day against the goal")

    def set_colors(self, colors: Colors) -> None:
        self._colors = colors
        self.update()

    def set_days(self, days: tuple[WaterDay, ...], goal_ml: int) -> None:
        self._days, self._goal = days, goal_ml
        self.setAccessibleDescription(
            f"Goal {goal_ml} ml. " + "; ".join(f"{d.label}: {d.ml} ml" for d in days)
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = self._colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = painter.fontMetrics().height()
        top, bottom = line + 8, self.height() - 2 * line - 4
        left, right = 6, self.width() - 6
        usable = max(1, bottom - top)
        most = max([self._goal, *(d.ml for d in self._days)]) * 1.1
        painter.setPen(QColor(c.muted))
        painter.drawText(
            QRect(left, 0, right - left, line),
            Qt.AlignmentFlag.AlignLeft,
            f"Goal {self._goal / 1000:.1f} l a day",
        )
        if self._days:
            slot = (right - left) / len(self._days)
            bar = max(3.0, slot * 0.6)
            for index, day in enumerate(self._days):
                x = left + index * slot + (slot - bar) / 2
                height = usable * day.ml / most
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(c.accent) if day.met else _blend(c.accent, c.track, 0.45))
                painter.drawRoundedRect(QRectF(x, bottom - height, bar, height), 2, 2)
                painter.setPen(QColor(c.muted))
                weekday, _, number = day.label.partition(" ")
                text_rect = QRectF(left + index * slot, bottom + 2, slot, line)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter, weekday[:2])
                painter.drawText(
                    text_rect.translated(0, line), Qt.AlignmentFlag.AlignHCenter, number
                )
        goal_y = bottom - usable * self._goal / most
        painter.setPen(QPen(QColor(c.text), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPoint(left, round(goal_y)), QPoint(right, round(goal_y)))
        painter.end()


def _label(text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    if role:
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
    """Renders a ``HistoryView``; every change goes out as a signal for the controller."""

    delete_requested = Signal(object)
    """An ``EntryRef``."""
    update_requested = Signal(object, object)
    """An ``EntryRef`` and its new values: ``CrampEntry``, ``WaterEdit`` or ``CheckinEdit``."""
    undo_requested = Signal()
    mark_requested = Signal(str, object)
    """A night and "paused", "sick" or None (clear)."""
    more_requested = Signal()
    report_requested = Signal()
    export_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        clock: Clock,
        colors: Colors,
        font_scale: float = 1.0,
        *,
        zone: tzinfo | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("historyWindow")
        self.setWindowTitle("History — Nightstretch")
        self._clock = clock
        self._zone = zone
        self._colors = colors
        self._scale = font_scale
        self._view: HistoryView | None = None
        self._items: dict[int, EntryItem] = {}
        self._editing: EntryItem | None = None
        self._message_during_emit: str | None = None
        self.cramp_dialog: CrampDialog | None = None
        self.resize(1240, 800)

        self.heatmap = Heatmap(colors)
        self.heatmap.focused_night.connect(self._night_focused)
        self.heatmap.mark_key.connect(self._mark)
        self.night_label = _label("", "muted", wrap=True)
        self.night_label.setAccessibleName("Selected night")
        self.paused_button = _button("Paused", "Leave this night out of streaks (P)")
        self.sick_button = _button("Sick", "Mark this night as a sick day (S)")
        self.clear_mark_button = _button("Clear mark", "Count this night again (C)")
        self.paused_button.clicked.connect(lambda: self._mark_focused("paused"))
        self.sick_button.clicked.connect(lambda: self._mark_focused("sick"))
        self.clear_mark_button.clicked.connect(lambda: self._mark_focused(None))
        marks = QHBoxLayout()
        for button in (self.paused_button, self.sick_button, self.clear_mark_button):
            marks.addWidget(button)
        marks.addStretch(1)

        self.streak_value = _label("", "heading")
        self.streak_value.setAccessibleName("Current streak")
        self.best_value = _label("", "heading")
        self.best_value.setAccessibleName("Best streak")
        self.score_value = _label("", "heading")
        self.score_value.setAccessibleName("Habit score")
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(16)
        for row, (title, value) in enumerate(
            (
                ("Current streak", self.streak_value),
                ("Best streak", self.best_value),
                ("Habit score", self.score_value),
            )
        ):
            numbers.addWidget(_label(title, "muted"), row, 0, Qt.AlignmentFlag.AlignVCenter)
            numbers.addWidget(value, row, 1, Qt.AlignmentFlag.AlignVCenter)
        numbers.setColumnStretch(2, 1)
        self.insight_label = _label("", "body", wrap=True)
        self.insight_label.setAccessibleName("Insight")
        self.insight_label.hide()
        self.score_note = _label(
            "A missed night dents the score, it does not reset it. "
            "Paused and sick nights do not count.",
            "muted",
            wrap=True,
        )

        calendar_panel = QVBoxLayout()
        calendar_panel.addWidget(_label("Last 12 weeks", "section"))
        calendar_panel.addWidget(self.heatmap)
        calendar_panel.addStretch(1)
        numbers_panel = QVBoxLayout()
        numbers_panel.addSpacing(8)
        numbers_panel.addLayout(numbers)
        numbers_panel.addWidget(self.score_note)
        numbers_panel.addSpacing(12)
        numbers_panel.addWidget(_label("Selected night", "section"))
        numbers_panel.addWidget(self.night_label)
        numbers_panel.addLayout(marks)
        numbers_panel.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(calendar_panel)
        top.addSpacing(24)
        top.addLayout(numbers_panel, 1)

        self.week_chart = WeekChart(colors)
        self.water_chart = WaterChart(colors)
        charts = QHBoxLayout()
        for title, chart in (
            ("Each week", self.week_chart),
            ("Water, last 14 days", self.water_chart),
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
        self.entries.setHeaderLabels(["When", "Entry"])
        self.entries.setRootIsDecorated(False)
        self.entries.setUniformRowHeights(True)
        self.entries.setAlternatingRowColors(False)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries.setAccessibleName("Entries, newest first")
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entries.setWordWrap(False)
        header = self.entries.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.entries.currentItemChanged.connect(self._selection_changed)
        self.entries.itemActivated.connect(lambda *_: self._edit())
        self.entry_detail = _label("", "muted", wrap=True)
        self.entry_detail.setAccessibleName("Selected entry")
        self.entry_detail.setMinimumHeight(self.entry_detail.fontMetrics().lineSpacing() * 2)
        self.message = _label("", "caution", wrap=True)
        self.message.setAccessibleName("Message")
        self.message.hide()

        self.edit_button = _button("Edit…", "Change the selected entry (Enter)")
        self.delete_button = _button("Delete", "Delete the selected entry (Del)")
        self.undo_button = _button("Undo", "Undo the last change (Ctrl+Z)")
        self.more_button = _button("Show older", "List older entries")
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
            "Make a report…", "A PDF for your midwife or doctor", "primary"
        )
        self.export_button = _button("Export…", "Save the logbook as CSV or JSON files")
        self.backup_button = _button("Back up…", "Save a copy of the whole logbook")
        self.restore_button = _button("Restore…", "Replace the logbook with a backup")
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
        self.entries_title = _label("Entries", "section")
        right.addWidget(self.entries_title)
        right.addWidget(self.message)
        right.addWidget(self.entries, 1)
        right.addWidget(self.entry_detail)
        right.addWidget(self.edit_panel)
        right.addLayout(entry_buttons)

        body = QHBoxLayout()
        body.addLayout(left, 0)
        body.addSpacing(24)
        body.addLayout(right, 1)
        self.body = QWidget()
        self.body.setObjectName("historyBody")
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.addLayout(body, 1)
        outer.addSpacing(8)
        outer.addLayout(actions)
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
        self.edit_ml.setSuffix(" ml")
        self.edit_ml.setAccessibleName("Water in millilitres")
        self.edit_time = QDateTimeEdit()
        self.edit_time.setDisplayFormat("ddd d MMM  HH:mm")
        self.edit_time.setAccessibleName("When the water was drunk")
        self.edit_count = QSpinBox()
        self.edit_count.setRange(0, 50)
        self.edit_count.setAccessibleName("Cramps that night")
        self.edit_save = _button("Save", "Save the change (Enter)", "primary")
        self.edit_cancel = _button("Cancel", "Leave the entry as it was (Esc)")
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
        apply_theme(self, colors, font_scale)
        # On the inner widget: Qt 6.11 ignores a second sheet set on the window before
        # its first show (see cramp_dialog.py).
        self.body.setStyleSheet(
            f"""
            QLabel[role="section"] {{ font-size: {round(13 * font_scale)}pt; font-weight: 600;
                                      color: {colors.muted}; }}
            QLabel[role="body"] {{ font-size: {round(13 * font_scale)}pt; }}
            QLabel[role="heading"] {{ font-size: {round(22 * font_scale)}pt; }}
            QTreeWidget {{ background: {colors.surface}; border: 1px solid {colors.track};
                           border-radius: 8px; }}
            QTreeWidget:focus {{ border: 2px solid {colors.accent}; }}
            QTreeWidget::item {{ padding: 3px 4px; }}
            QTreeWidget::item:selected {{ background: {colors.accent};
                                          color: {colors.accent_text}; }}
            QHeaderView::section {{ background: {colors.surface}; color: {colors.muted};
                                    border: none; border-bottom: 1px solid {colors.track};
                                    padding: 4px 6px; }}
            QSpinBox, QDateTimeEdit {{ background: {colors.background};
                border: 1px solid {colors.track}; border-radius: 6px; padding: 4px 6px; }}
            QSpinBox:focus, QDateTimeEdit:focus {{ border: 2px solid {colors.accent}; }}
            QPushButton {{ padding: 7px 14px; }}
            QScrollBar:vertical {{ background: {colors.surface}; width: 12px; margin: 0; }}
            QScrollBar::handle:vertical {{ background: {colors.track}; border-radius: 5px;
                                           min-height: 32px; margin: 2px; }}
            QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
            QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
            QPushButton:disabled {{ color: {colors.track}; }}
            """
        )
        self.heatmap.set_colors(colors, font_scale)
        self.week_chart.set_colors(colors)
        self.water_chart.set_colors(colors)
        if self._view is not None:
            self._fill_entries(self._view.entries)

    def show_view(self, view: HistoryView) -> None:
        self._view = view
        self.heatmap.set_cells(view.cells)
        self._night_focused(self.heatmap.focused_cell.night_date)
        self.streak_value.setText(_nights(view.streak_current))
        self.best_value.setText(_nights(view.streak_best))
        self.score_value.setText(f"{round(view.score * 100)} %")
        self.insight_label.setText(view.insight or "")
        self.insight_label.setVisible(view.insight is not None)
        self.week_chart.set_weeks(view.weeks)
        self.water_chart.set_days(view.water, view.water_goal_ml)
        since = date.fromisoformat(view.entries_since)
        self.entries_title.setText(f"Entries since {since:%a} {since.day} {since:%b}")
        self._fill_entries(view.entries)
        self.more_button.setEnabled(view.more_entries)
        self.undo_button.setEnabled(view.can_undo)
        self.undo_button.setToolTip(f"{view.undo_text} (Ctrl+Z)")
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
            text = f"{entry.what}: {entry.details}"
            row = QTreeWidgetItem([entry.when, f"⚠ {text}" if entry.warning else text])
            row.setData(0, Qt.ItemDataRole.UserRole, index)
            row.setToolTip(1, text)
            if entry.warning:
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
            empty = QTreeWidgetItem(["", "Nothing logged in these weeks yet."])
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
        self._message_during_emit = text
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _selection_changed(self, *_: object) -> None:
        entry = self.selected_entry()
        self.entry_detail.setText(
            f"{entry.when.replace('  ', ' ')}: {entry.what}, {entry.details}" if entry else ""
        )
        self.edit_button.setEnabled(entry is not None and entry.editable)
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
        self.edit_title.setText("Water" if water else "Cramps that night")
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
        dialog = CrampDialog(
            self._clock, self._colors, self._scale, entry=entry, zone=self._zone, parent=self
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.submitted.connect(lambda new: self._emit_update(item, new, dialog))
        self.cramp_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _emit_update(self, item: EntryItem, values: object, dialog: CrampDialog | None) -> bool:
        """Emitted synchronously: a message shown meanwhile means it was not saved."""
        self._message_during_emit = None
        self.update_requested.emit(item.ref, values)
        problem = self._pending_message()
        if problem is not None and dialog is not None:
            dialog.show_error(problem)
        return problem is None

    def _pending_message(self) -> str | None:
        return self._message_during_emit

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
        if self._emit_update(entry, values, None):
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

    def showEvent(self, event: QShowEvent) -> None:
        """Start in the calendar, the first thing in reading order."""
        super().showEvent(event)
        if self.focusWidget() is None:
            self.heatmap.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


def _nights(count: int) -> str:
    return "1 night" if count == 1 else f"{count} nights"
