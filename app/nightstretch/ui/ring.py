"""The countdown ring: readable from a wall, so big numbers and a thick arc."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nightstretch.core.i18n import _
from nightstretch.ui.theme import Colors


class CountdownRing(QWidget):
    def __init__(
        self, colors: Colors, parent: QWidget | None = None, *, scale: float = 1.0
    ) -> None:
        super().__init__(parent)
        self._colors = colors
        self._scale = scale
        self._fraction = 1.0
        self._seconds = 0
        self._caption = ""
        side = round(200 * scale)
        self.setMinimumSize(QSize(side, side))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Countdown"))

    def set_colors(self, colors: Colors, scale: float | None = None) -> None:
        self._colors = colors
        if scale is not None:
            self._scale = scale
        self.update()

    def set_state(self, fraction_left: float, seconds: int, caption: str) -> None:
        if (fraction_left, seconds, caption) == (self._fraction, self._seconds, self._caption):
            return
        self._fraction, self._seconds, self._caption = fraction_left, seconds, caption
        self.setAccessibleDescription(
            _("{caption}: {seconds} seconds left").format(caption=caption, seconds=seconds)
        )
        self.update()

    @property
    def seconds(self) -> int:
        return self._seconds

    def sizeHint(self) -> QSize:
        side = round(300 * max(1.0, self._scale))
        return QSize(side, side)

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
        # The caption follows the text size even when the ring is held small by the screen.
        caption.setPixelSize(max(round(15 * self._scale), round(side * 0.075)))
        painter.setFont(caption)
        painter.setPen(QColor(self._colors.muted))
        caption_box = QRectF(
            rect.left() + thickness,
            center.y() + side * 0.11,
            rect.width() - 2 * thickness,
            max(side * 0.12, caption.pixelSize() * 1.4),
        )
        painter.drawText(caption_box, Qt.AlignmentFlag.AlignCenter, self._caption)
        painter.end()
