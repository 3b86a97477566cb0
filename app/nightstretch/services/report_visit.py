"""The parts of the report that are about her visit: her own questions, and the warning-sign
cramps still to be talked through, with the signs the app shows her.

Drawn like the rest of the report (``report_layout``); the words come from ``report_text``.
A warning-sign cramp she has not marked "discussed with my midwife or doctor" is listed in
every report, whatever its date, so one logged weeks ago cannot drop out of sight.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen

from nightstretch.services import report_text as say
from nightstretch.services.report_layout import (
    CONTENT_W,
    INK,
    MARGIN_X,
    RIGHT,
    SHADE,
    Column,
    Flow,
    Text,
    header_height,
    header_row,
    heading,
    pdf_font,
    table_row,
)
from nightstretch.store.report_data import ReportData

__all__ = ["note_box", "warnings_section"]


def note_box(t: Text, flow: Flow, title: str, text: str) -> None:
    """Her "to ask at this visit" note in a ruled box, so it reads as hers, not the app's."""
    head, body = pdf_font(10.5, bold=True), pdf_font(10)
    inner = CONTENT_W - 20
    head_h = t.height(title, head, inner)
    body_h = t.height(text, body, inner)
    height = head_h + body_h + 18

    def draw(p: QPainter, top: float) -> None:
        p.setPen(QPen(INK, 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(MARGIN_X, top, CONTENT_W, height))
        p.setFont(head)
        p.drawText(QRectF(MARGIN_X + 10, top + 6, inner, head_h + 2), title)
        p.setFont(body)
        p.drawText(
            QRectF(MARGIN_X + 10, top + 10 + head_h, inner, body_h + 4),
            int(Qt.TextFlag.TextWordWrap),
            text,
        )

    flow.place(height, draw)


def _framed_note(t: Text, flow: Flow, text: str) -> None:
    """The clinician note: a framed box with a heavy left bar, like the rows it explains."""
    font = pdf_font(8.5)
    inner = CONTENT_W - 22
    height = t.height(text, font, inner) + 12

    def draw(p: QPainter, top: float) -> None:
        rect = QRectF(MARGIN_X, top, CONTENT_W, height)
        p.setPen(QPen(INK, 0.8))
        p.setBrush(QBrush(SHADE))
        p.drawRect(rect)
        p.fillRect(QRectF(MARGIN_X, top, 4, height), INK)
        p.setFont(font)
        p.setPen(INK)
        p.drawText(
            QRectF(MARGIN_X + 14, top + 6, inner, height - 8), int(Qt.TextFlag.TextWordWrap), text
        )

    flow.place(height, draw)


def warnings_section(t: Text, flow: Flow, data: ReportData) -> None:
    """Every warning-sign cramp not yet discussed (any date up to the end) and the range's
    discussed ones with their mark; then what the mark means and the signs she is shown."""
    listed = data.warnings_listed
    widths = (12, 96, 66, 46, 48, 110, CONTENT_W - 378)
    columns = [
        Column(name, width, RIGHT if index == 4 else Qt.AlignmentFlag.AlignLeft)
        for index, (name, width) in enumerate(zip(say.warning_columns(), widths, strict=True))
    ]
    header_h = header_height(t, columns)
    intro = say.warnings_intro(data)
    intro_font = pdf_font(9.5)
    below = t.height(intro, intro_font) + (header_h + 2 * 16 if listed else 0)
    heading(t, flow, say.headings()["warnings"], below)
    t.paragraph(flow, intro, intro_font)
    flow.gap(6)
    if listed:
        year = say.with_year(data, listed)
        font, bold = pdf_font(8.5), pdf_font(8.5, bold=True)
        header = header_row(t, columns, header_h)
        flow.place(header_h, header, keep_with=16)
        flow.repeat = (header_h, header)
        for cramp in listed:
            cells = say.warning_cells(cramp, year)
            used = bold if cramp.flagged else font
            tall = max(
                t.height(text, used, column.width - 6)
                for text, column in zip(cells, columns, strict=True)
                if text
            )
            height = max(14.5, tall + 5)
            warn = cramp.flagged
            flow.place(height, table_row(columns, cells, used, height, warn, warn))
        flow.repeat = None
        flow.gap(8)
    marked = any(c.flagged for c in (*listed, *data.cramps))
    _framed_note(t, flow, say.clinician_note(marked))
