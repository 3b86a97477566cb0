"""The report's page and its building blocks: A4 in points, fonts, greys, and a flow of blocks.

``Flow`` places blocks top to bottom and starts a new page when one does not fit, so
headings stay with their tables and a table can repeat its header on the next page.
``Text`` measures wrapped text with the PDF's own metrics so the layout matches the
paint. Everything is black and greys, because reports get printed on office printers and
faxed; what the blocks say comes from ``report_text.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPdfWriter, QPen

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 42.0, 40.0, 52.0
CONTENT_W = PAGE_W - 2 * MARGIN_X
BOTTOM = PAGE_H - MARGIN_BOTTOM
FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica", "Sans Serif"]

INK = QColor(20, 20, 20)
MUTED = QColor(85, 85, 85)
RULE = QColor(170, 170, 170)
SHADE = QColor(232, 232, 232)
DONE_FILL = QColor(55, 55, 55)
MARK_FILL = QColor(215, 215, 215)
RIGHT = Qt.AlignmentFlag.AlignRight

Draw = Callable[[QPainter, float], None]
"""Paints a block whose top is at the given y."""


def pdf_font(size: float, bold: bool = False) -> QFont:
    made = QFont()
    made.setFamilies(FAMILIES)
    made.setPointSizeF(size)
    made.setBold(bold)
    # no "fl"/"fi" ligatures: text copied or searched from the PDF must say "flexed"
    made.setFeature(QFont.Tag("liga"), 0)
    return made


@dataclass
class Page:
    items: list[tuple[float, Draw]] = field(default_factory=list)


class Flow:
    """Blocks placed top to bottom; a block that does not fit starts a new page."""

    def __init__(self) -> None:
        self.pages: list[Page] = [Page()]
        self.y = MARGIN_TOP
        self.repeat: tuple[float, Draw] | None = None

    def space_left(self) -> float:
        return BOTTOM - self.y

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = MARGIN_TOP
        if self.repeat is not None:
            height, draw = self.repeat
            self.pages[-1].items.append((self.y, draw))
            self.y += height

    def place(self, height: float, draw: Draw, keep_with: float = 0.0) -> None:
        """``keep_with`` is room needed below the block too (a heading with its first rows)."""
        if self.y + height + keep_with > BOTTOM and self.y > MARGIN_TOP:
            self.new_page()
        self.pages[-1].items.append((self.y, draw))
        self.y += height

    def gap(self, height: float) -> None:
        self.y = min(self.y + height, BOTTOM)


class Text:
    """Measures wrapped text with the PDF's own metrics so the layout matches the paint."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer

    def height(self, text: str, font: QFont, width: float = CONTENT_W) -> float:
        metrics = QFontMetricsF(font, self.writer)
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, text).height()

    def width(self, text: str, font: QFont) -> float:
        return QFontMetricsF(font, self.writer).horizontalAdvance(text)

    def paragraph(
        self, flow: Flow, text: str, font: QFont, color: QColor = INK, keep_with: float = 0.0
    ) -> None:
        height = self.height(text, font)

        def draw(p: QPainter, top: float) -> None:
            p.setFont(font)
            p.setPen(color)
            rect = QRectF(MARGIN_X, top, CONTENT_W, height + 2)
            p.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)

        flow.place(height, draw, keep_with)


HEADING_GAP = 4.0
"""Between a heading's rule and what it heads; counted in what it keeps with it."""


def heading(text_tool: Text, flow: Flow, text: str, keep_with: float) -> None:
    """A section title over a rule, kept on one page with ``keep_with`` points below it."""
    flow.gap(14)
    bold = pdf_font(12.5, bold=True)
    height = text_tool.height(text, bold) + 7

    def draw(p: QPainter, top: float) -> None:
        p.setFont(bold)
        p.setPen(INK)
        p.drawText(QRectF(MARGIN_X, top, CONTENT_W, height), text)
        p.setPen(QPen(RULE, 0.8))
        p.drawLine(
            QPointF(MARGIN_X, top + height - 3), QPointF(PAGE_W - MARGIN_X, top + height - 3)
        )

    flow.place(height, draw, keep_with + HEADING_GAP)
    flow.gap(HEADING_GAP)


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


def table_row(
    columns: Sequence[Column],
    cells: Sequence[str],
    font: QFont,
    height: float,
    shade: bool = False,
    frame: bool = False,
    rule: bool = True,
) -> Draw:
    def draw(p: QPainter, top: float) -> None:
        if shade:
            p.fillRect(QRectF(MARGIN_X, top, CONTENT_W, height), SHADE)
        if frame:
            p.fillRect(QRectF(MARGIN_X, top, 3, height), INK)
        p.setFont(font)
        p.setPen(INK)
        x = MARGIN_X + 6
        for column, text in zip(columns, cells, strict=True):
            rect = QRectF(x, top + 2, column.width - 6, height - 3)
            flags = int(column.align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
            p.drawText(rect, flags, text)
            x += column.width
        if rule:
            p.setPen(QPen(RULE, 0.5))
            p.drawLine(QPointF(MARGIN_X, top + height), QPointF(PAGE_W - MARGIN_X, top + height))

    return draw


HEADER_FONT_SIZE = 8.0
HEADER_FONT_MIN = 6.0


def header_fonts(text_tool: Text, columns: Sequence[Column]) -> list[QFont]:
    """Each title's font: smaller where one word is wider than its column ("Частично"),
    since a word cannot wrap and a clipped title reads as a different word."""
    fonts: list[QFont] = []
    for column in columns:
        size = HEADER_FONT_SIZE
        words = column.title.split() or [""]
        while size > HEADER_FONT_MIN and max(
            text_tool.width(word, pdf_font(size, bold=True)) for word in words
        ) > (column.width - 6):
            size -= 0.5
        fonts.append(pdf_font(size, bold=True))
    return fonts


def header_height(text_tool: Text, columns: Sequence[Column]) -> float:
    """One line for most languages; two where a title wraps ("Routine erledigt")."""
    fonts = header_fonts(text_tool, columns)
    tallest = max(
        text_tool.height(c.title, font, c.width - 6)
        for c, font in zip(columns, fonts, strict=True)
        if c.title
    )
    return max(18.0, tallest + 7)


def header_row(text_tool: Text, columns: Sequence[Column], height: float) -> Draw:
    fonts = header_fonts(text_tool, columns)

    def draw(p: QPainter, top: float) -> None:
        p.setPen(INK)
        x = MARGIN_X + 6
        for column, font in zip(columns, fonts, strict=True):
            p.setFont(font)
            rect = QRectF(x, top, column.width - 6, height - 3)
            flags = column.align | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap
            p.drawText(rect, int(flags), column.title)
            x += column.width
        p.setPen(QPen(INK, 1.0))
        p.drawLine(QPointF(MARGIN_X, top + height), QPointF(PAGE_W - MARGIN_X, top + height))

    return draw
