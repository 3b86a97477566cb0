"""The History window's charts, painted with QPainter (no QtCharts dependency).

Each chart draws one part of a ``HistoryView`` it is handed (the calendar's cells, the
week bars, the water days) and reads nothing else, so a repaint costs only the
painting. The calendar is also a keyboard control: arrows move through the
nights, P, S and C mark the focused one.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nightstretch.core import wording
from nightstretch.core.history_view import CellState, NightCell, WaterDay, WeekBar
from nightstretch.core.i18n import _, pgettext
from nightstretch.ui.theme import Colors

__all__ = ["Heatmap", "WaterChart", "WeekChart"]

A_MONDAY = date(2024, 1, 1)
"""The weekday labels are worded from a known Monday, in her language."""


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
        self.setAccessibleName(_("Calendar of the last 12 weeks"))
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
        for row, name in enumerate(wording.weekday(A_MONDAY + timedelta(days=i)) for i in range(7)):
            rect = self._rect(row)
            painter.drawText(
                QRect(0, rect.top(), self.left - 6, self.cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        last_month = ""
        for column in range(len(self._cells) // 7):
            first = self._cells[column * 7]
            month = wording.month_short(first.night_date)
            crowded = (
                column == 0
                and len(self._cells) > 7
                and (wording.month_short(self._cells[7].night_date) != month)
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
            (_("Done"), "done", None, False),
            (_("Started"), "partial", None, False),
            (_("None"), "none", None, False),
            (_("Paused/sick"), "paused", None, False),
            (_("Cramp night"), "none", 1, False),
            (_("Warning signs"), "none", None, True),
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
        self.setAccessibleName(_("Weekly chart of routine nights and cramp nights"))

    def set_colors(self, colors: Colors) -> None:
        self._colors = colors
        self.update()

    def set_weeks(self, weeks: tuple[WeekBar, ...]) -> None:
        self._weeks = weeks
        self.setAccessibleDescription(
            "; ".join(
                _(
                    "week of {week}: routine {done} of {counted}, "
                    "cramp nights {cramped} of {reported} reported"
                ).format(
                    week=w.label,
                    done=w.routine_done,
                    counted=w.counted,
                    cramped=w.cramp_nights,
                    reported=w.reported_nights,
                )
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
        for words, color in ((_("Routine nights"), c.accent), (_("Cramp nights"), c.muted)):
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
        self.setAccessibleName(_("Water per day against the goal"))

    def set_colors(self, colors: Colors) -> None:
        self._colors = colors
        self.update()

    def set_days(self, days: tuple[WaterDay, ...], goal_ml: int) -> None:
        self._days, self._goal = days, goal_ml
        self.setAccessibleDescription(
            _("Goal {ml} ml.").format(ml=goal_ml)
            + " "
            + "; ".join(f"{d.label}: {d.ml} {pgettext('unit', 'ml')}" for d in days)
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
            _("Goal {litres} a day").format(litres=wording.litres(self._goal)),
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
                weekday, _space, number = day.label.partition(" ")
                text_rect = QRectF(left + index * slot, bottom + 2, slot, line)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter, weekday[:2])
                painter.drawText(
                    text_rect.translated(0, line), Qt.AlignmentFlag.AlignHCenter, number
                )
        goal_y = bottom - usable * self._goal / most
        painter.setPen(QPen(QColor(c.text), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPoint(left, round(goal_y)), QPoint(right, round(goal_y)))
        painter.end()
