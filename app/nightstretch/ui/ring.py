"""The countdown ring: readable from a wall, so big numbers and a thick arc."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nightstretch.ui.theme import Colors


class CountdownRing(QWidget):
    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colors = colors
        self._fraction = 1.0
        self._seconds = 0
        self._caption = ""
        self.setMinimumSize(QSize(220, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Countdown")

    def set_colors(self, colors: Colors) -> None:
        self._colors = colors
        self.update()

    def set_state(self, fraction_left: float, seconds: int, caption: str) -> None:
        if (fraction_left, seconds, caption) == (self._fraction, self._seconds, self._caption):
            return
        self._fraction, self._seconds, self._caption = fraction_left, seconds, caption
        self.setAccessibleDescription(f"{caption}: {seconds} seconds left")
        self.update()

    @property
    def seconds(self) -> int:
        return self._seconds

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        thickness = max(10.0, side * 0.07)
        rect = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(self._colors.track), thickness)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self._fraction > 0:
            pen.setColor(QColor(self._colors.accent))
            painter.setPen(pen)
            painter.drawArc(rect, 90 * 16, round(self._fraction * 360 * 16))
        center = rect.center()
        painter.setPen(QColor(self._colors.text))
        number = QFont(self.font())
        number.setPixelSize(max(12, round(side * 0.28)))
        number.setBold(True)
        painter.setFont(number)
        number_box = QRectF(rect.left(), center.y() - side * 0.24, rect.width(), side * 0.34)
        painter.drawText(number_box, Qt.AlignmentFlag.AlignCenter, str(self._seconds))
        caption = QFont(self.font())
        caption.setPixelSize(max(10, round(side * 0.075)))
        painter.setFont(caption)
        painter.setPen(QColor(self._colors.muted))
        caption_box = QRectF(rect.left(), center.y() + side * 0.11, rect.width(), side * 0.12)
        painter.drawText(caption_box, Qt.AlignmentFlag.AlignCenter, self._caption)
        painter.end()
