"""The appointment report as a PDF, drawn with Qt's own PDF writer (no browser engine).

Laid out by hand on A4 in points (the page, fonts and the flow of blocks are in
``report_layout.py``; every sentence and cell is in ``report_text.py``). Every mark has a
shape or a word as well as a grey, because reports get printed and faxed. The content
comes from ``ReportData``; nothing here reads the logbook or decides what the numbers are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from nightstretch import __version__
from nightstretch.core.i18n import _
from nightstretch.core.stats import NightSummary
from nightstretch.core.wording import month
from nightstretch.services import report_text as say
from nightstretch.services.report_layout import (
    BOTTOM,
    CONTENT_W,
    DONE_FILL,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MARK_FILL,
    MUTED,
    PAGE_H,
    PAGE_W,
    RIGHT,
    RULE,
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
from nightstretch.services.report_visit import note_box, warnings_section
from nightstretch.store.files import atomic_write
from nightstretch.store.report_data import ReportCramp, ReportData, ReportError, check_report_target

__all__ = ["ReportError", "ensure_gui_application", "write_report_pdf"]

MAX_PAGES = 4
"""The page budget the cramp table keeps to (the warning-sign list comes first)."""
CAN_ATTACH = hasattr(QPdfWriter, "addFileAttachment")
"""Qt 6.8 and later attach files to a PDF; with an older Qt the report carries none."""
MAX_CELL = 14.0
"""Heatmap cell size in points for short reports; a year shrinks them to fit the width."""

_KEEP_ALIVE: list[QGuiApplication] = []
"""Kept so a QGuiApplication made for the command line lives as long as the process."""


def ensure_gui_application() -> None:
    """Fonts and the PDF engine need a QGuiApplication; the CLI has none, so make one.

    It uses the offscreen platform: a report needs no display, and on a machine without
    one the default platform plugin would abort the process.
    """
    if QGuiApplication.instance() is None:
        _KEEP_ALIVE.append(QGuiApplication(["nightstretch", "-platform", "offscreen"]))


def write_report_pdf(data: ReportData, out: Path, overwrite: bool = False) -> int:
    """Write the report to ``out`` and return its number of pages.

    Like ``export``, an existing file is refused unless ``overwrite``. The PDF is written
    through ``atomic_write``, so ``out`` is whole or untouched, and private (0600).
    """
    check_report_target(out, overwrite)
    ensure_gui_application()
    pages: list[int] = []
    try:
        atomic_write(out, lambda staging: pages.append(_paint(data, staging)))
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise ReportError(_("Could not write {path}: {why}").format(path=out, why=why)) from exc
    return pages[0]


# -- the parts of the report -------------------------------------------------------------


def _header(t: Text, flow: Flow, data: ReportData) -> None:
    t.paragraph(flow, say.title(), pdf_font(22, bold=True))
    flow.gap(4)
    who = say.who_line(data)
    if who is not None:
        t.paragraph(flow, who, pdf_font(11.5, bold=True))
    t.paragraph(flow, say.nights_line(data), pdf_font(11.5))
    flow.gap(3)
    attached = bool(data.attachments) and CAN_ATTACH
    t.paragraph(flow, say.header_note(attached), pdf_font(8), MUTED)
    flow.gap(10)
    if data.note:
        note_box(t, flow, say.headings()["note"], data.note)
        flow.gap(10)


def _tiles(t: Text, flow: Flow, data: ReportData) -> None:
    tiles = say.tiles(data)
    gap = 8.0
    width = (CONTENT_W - gap * (len(tiles) - 1)) / len(tiles)
    big, small = pdf_font(17, bold=True), pdf_font(8)
    height = 30 + max(t.height(caption, small, width - 16) for _, caption in tiles) + 10

    def draw(p: QPainter, top: float) -> None:
        for index, (value, caption) in enumerate(tiles):
            x = MARGIN_X + index * (width + gap)
            warn = index == 1 and data.warning_entries > 0
            p.setPen(QPen(INK if warn else RULE, 2.0 if warn else 0.8))
            p.setBrush(QBrush(SHADE if warn else QColor(248, 248, 248)))
            p.drawRoundedRect(QRectF(x, top, width, height), 4, 4)
            p.setPen(INK)
            p.setFont(big)
            p.drawText(QRectF(x + 8, top + 6, width - 16, 26), value)
            p.setFont(small)
            p.setPen(INK if warn else MUTED)
            p.drawText(
                QRectF(x + 8, top + 32, width - 16, height - 34),
                int(Qt.TextFlag.TextWordWrap),
                caption,
            )

    flow.place(height, draw)
    flow.gap(8)
    t.paragraph(flow, say.summary_line(data), pdf_font(9.5))


def _heatmap(t: Text, flow: Flow, data: ReportData) -> None:
    """Weeks as columns and weekdays as rows, like a wall calendar turned on its side.

    The legend goes to the right of the grid when there is room (a few weeks), below it
    otherwise (up to a year of narrow columns).
    """
    first = date.fromisoformat(data.first_night)
    monday = first - timedelta(days=first.weekday())
    columns = (date.fromisoformat(data.last_night) - monday).days // 7 + 1
    label_w = 28.0
    legend_font = pdf_font(7.5)
    labels = say.legend_labels()
    first_col = 12 + 6 + max(t.width(label, legend_font) for label in labels[:4]) + 16
    legend_w = first_col + 12 + 6 + max(t.width(label, legend_font) for label in labels[4:])
    side_legend = label_w + columns * MAX_CELL + 24 + legend_w <= CONTENT_W
    room = CONTENT_W - label_w - (24 + legend_w if side_legend else 0)
    cell = min(MAX_CELL, room / columns)
    pad = max(1.0, cell * 0.1)
    month_h, day_h = 11.0, 10.0 if cell >= 14 else 0.0
    label_h = month_h + day_h + 2
    grid_h = 7 * cell
    legend_h = 0.0 if side_legend else 52.0  # three lines at most
    height = label_h + grid_h + (8 + legend_h if legend_h else 0)
    by_day = {n.night_date: n for n in data.nights}
    heading(t, flow, say.headings()["nights"], height)

    def draw(p: QPainter, top: float) -> None:
        small = pdf_font(7)
        p.setFont(small)
        p.setPen(MUTED)
        grid_top = top + label_h
        for row, name in enumerate(say.weekday_labels()):
            p.drawText(
                QRectF(MARGIN_X, grid_top + row * cell, label_w - 4, cell),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                name,
            )
        last_month_x = -100.0
        shown_month, shown_w = "", 22.0
        for col in range(columns):
            start = monday + timedelta(days=7 * col)
            x = MARGIN_X + label_w + col * cell
            label = month(start, year=start.month == 1)
            if label != shown_month and x - last_month_x >= shown_w + 4:
                p.setPen(MUTED)
                p.setFont(small)
                p.drawText(QPointF(x + pad / 2, top + month_h - 2), label)
                shown_month, last_month_x = label, x
                shown_w = QFontMetricsF(small, p.device()).horizontalAdvance(label)
            if day_h:
                p.setPen(MUTED)
                p.setFont(small)
                p.drawText(
                    QRectF(x, top + month_h, cell, day_h),
                    int(Qt.AlignmentFlag.AlignCenter),
                    str(start.day),
                )
            for row in range(7):
                night = by_day.get((start + timedelta(days=row)).isoformat())
                if night is not None:
                    y = grid_top + row * cell
                    rect = QRectF(x + pad / 2, y + pad / 2, cell - pad, cell - pad)
                    _night_cell(p, rect, night)
        if side_legend:
            _legend(p, MARGIN_X + CONTENT_W - legend_w, grid_top, vertical=True, step=first_col)
        else:
            _legend(p, MARGIN_X, grid_top + grid_h + 8, vertical=False)

    flow.place(height, draw)


def _night_cell(p: QPainter, rect: QRectF, night: NightSummary) -> None:
    """Done is filled, partial half filled, none empty, paused/sick shaded with a letter;
    a cramp night has a ring in the middle, a night answered "no cramps" a short bar, a
    night not reported no mark, and a warning-sign night a heavy frame."""
    p.setPen(QPen(RULE, 0.6))
    if night.mark is not None:
        p.setBrush(QBrush(MARK_FILL))
        p.drawRect(rect)
        p.setPen(MUTED)
        p.setFont(pdf_font(max(4.5, rect.height() * 0.42)))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), say.mark_letter(night.mark))
    elif night.routine == "done":
        p.setBrush(QBrush(DONE_FILL))
        p.drawRect(rect)
    else:
        p.setBrush(QBrush(Qt.GlobalColor.white))
        p.drawRect(rect)
        if night.routine == "partial":
            triangle = QPolygonF([rect.bottomLeft(), rect.topLeft(), rect.bottomRight()])
            path = QPainterPath()
            path.addPolygon(triangle)
            p.fillPath(path, QBrush(DONE_FILL))
    if night.cramps:
        radius = rect.width() * 0.2
        p.setPen(QPen(INK, max(0.6, rect.width() * 0.06)))
        p.setBrush(QBrush(Qt.GlobalColor.white))
        p.drawEllipse(rect.center(), radius, radius)
    elif night.cramps == 0 and night.mark is None:
        bar = QRectF(0, 0, rect.width() * 0.46, max(1.0, rect.height() * 0.14))
        bar.moveCenter(rect.center())
        p.setPen(QPen(INK if night.routine != "done" else Qt.GlobalColor.white, 0.4))
        p.setBrush(QBrush(Qt.GlobalColor.white if night.routine == "done" else INK))
        p.drawRect(bar)
    if night.warning_signs:
        p.setPen(QPen(INK, max(1.2, rect.width() * 0.12)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)


def _legend(p: QPainter, left: float, top: float, vertical: bool, step: float = 0.0) -> None:
    nights = [
        _sample("done"),
        _sample("partial"),
        _sample("none"),
        _sample("none", mark=True),
        _sample("none", cramps=1),
        _sample("none", cramps=0),
        _sample("none"),
        _sample("none", cramps=1, warning=True),
    ]
    samples = list(zip(say.legend_labels(), nights, strict=True))
    font = pdf_font(7.5)
    metrics = QFontMetricsF(font, p.device())
    box = 12.0 if vertical else 10.0
    x, y = left, top
    for index, (label, night) in enumerate(samples):
        width = box + 6 + metrics.horizontalAdvance(label)
        if not vertical and x + width > MARGIN_X + CONTENT_W:
            x, y = left, y + box + 6
        _night_cell(p, QRectF(x, y + 1, box, box), night)
        p.setFont(font)
        p.setPen(MUTED)
        p.drawText(QPointF(x + box + 6, y + box - 1), label)
        if vertical:  # two columns: the routine fills, then the cramp marks
            x, y = (left + step, top) if index == 3 else (x, y + box + 4)
            continue
        x += width + 16


def _sample(
    routine: str, mark: bool = False, cramps: int | None = None, warning: bool = False
) -> NightSummary:
    return NightSummary(
        night_date="2000-01-01",
        routine="done" if routine == "done" else "partial" if routine == "partial" else "none",
        sessions=0,
        cramps=cramps,
        cramps_logged=cramps or 0,
        checkin_cramps=None,
        worst_severity=None,
        warning_signs=warning,
        water_ml=0,
        water_entries=0,
        mark="paused" if mark else None,
    )


def _weeks_table(t: Text, flow: Flow, data: ReportData) -> None:
    cells = [say.week_cells(week) for week in data.week_rows]
    font = pdf_font(8.5)
    first_w = max([82.0] + [t.width(row[0], font) + 12 for row in cells])
    widths = (first_w, 46, 72, 46, 72, 50, 56, CONTENT_W - 342 - first_w)
    titles = say.week_columns()
    columns = [
        Column(name, width, RIGHT if index else Qt.AlignmentFlag.AlignLeft)
        for index, (name, width) in enumerate(zip(titles, widths, strict=True))
    ]
    header_h, row_h = header_height(t, columns), 14.5
    heading(t, flow, say.headings()["weeks"], header_h + 2 * row_h)
    flow.place(header_h, header_row(t, columns, header_h))
    for row in cells:
        flow.place(row_h, table_row(columns, row, font, row_h))
    flow.gap(4)
    t.paragraph(flow, say.weeks_note(data), pdf_font(7.5), MUTED)


def _routine_and_water(t: Text, flow: Flow, data: ReportData) -> None:
    font = pdf_font(9.5)
    text = say.routine_and_water(data)
    heading(t, flow, say.headings()["routine"], t.height(text, font))
    t.paragraph(flow, text, font)


def _cramps_table(t: Text, flow: Flow, data: ReportData) -> None:
    year = say.with_year(data)
    night_w = 86 if year else 68  # "Sun 19 Apr 2026" on one line
    widths = (12, night_w, 66, 44, 56, 44, 44, 90, CONTENT_W - 356 - night_w)
    aligns = {5: RIGHT, 6: RIGHT}
    columns = [
        Column(name, width, aligns.get(index, Qt.AlignmentFlag.AlignLeft))
        for index, (name, width) in enumerate(zip(say.cramp_columns(), widths, strict=True))
    ]
    header_h = header_height(t, columns)
    font, bold = pdf_font(8.5), pdf_font(8.5, bold=True)
    legs = say.legs_line(data)
    first = t.height(legs, pdf_font(9.5)) + 6 if legs else 0.0
    rows_h = header_h + 2 * 14.5 if data.cramps else t.height(say.no_cramps(), pdf_font(9.5))
    heading(t, flow, say.headings()["cramps"], first + rows_h)
    if legs is not None:
        t.paragraph(flow, legs, pdf_font(9.5))
        flow.gap(6)
    if not data.cramps:
        t.paragraph(flow, say.no_cramps(), pdf_font(9.5))
        return

    rows = {id(c): say.cramp_cells(c, year) for c in data.cramps}

    def row_height(cramp: ReportCramp) -> float:
        cells = rows[id(cramp)]
        used = bold if cramp.flagged else font
        tall = max(
            t.height(text, used, column.width - 6)
            for text, column in zip(cells, columns, strict=True)
            if text
        )
        return max(14.5, tall + 5)

    heights = {id(c): row_height(c) for c in data.cramps}
    note_h = t.height(say.left_out_note(9999, 9999, MAX_PAGES, True), pdf_font(8.5)) + 4
    shown = _fit_cramps(flow, data.cramps, heights, header_h, note_h)
    if len(shown) < len(data.cramps):
        attached = bool(data.attachments) and CAN_ATTACH
        note = say.left_out_note(len(shown), len(data.cramps), MAX_PAGES, attached)
        t.paragraph(flow, note, pdf_font(8.5), MUTED, keep_with=header_h + 2 * 14.5)
        flow.gap(4)
    header = header_row(t, columns, header_h)
    first_rows = sum(heights[id(c)] for c in shown[:3])  # never a header and one row alone
    flow.place(header_h, header, keep_with=first_rows)
    flow.repeat = (header_h, header)
    for cramp in shown:
        warn = cramp.flagged
        height = heights[id(cramp)]
        draw = table_row(columns, rows[id(cramp)], bold if warn else font, height, warn, warn)
        flow.place(height, draw)
    flow.repeat = None


def _fit_cramps(
    flow: Flow,
    cramps: Sequence[ReportCramp],
    heights: dict[int, float],
    header_h: float,
    note_h: float,
) -> tuple[ReportCramp, ...]:
    """All cramps if they fit in ``MAX_PAGES`` pages, else every warning-sign entry and
    the most recent others, in time order. Warning-sign entries are never left out, even
    if that takes another page."""
    here = flow.space_left() - header_h
    if here < 2 * 14.5:
        here = 0.0  # the table will start on the next page
    pages_left = MAX_PAGES - len(flow.pages)
    tallest = max(heights.values())  # rows never split: each page may end a row short
    room = here + pages_left * (BOTTOM - MARGIN_TOP - header_h - tallest) - tallest
    if sum(heights.values()) <= room:
        return tuple(cramps)
    room -= note_h  # the note saying what was left out
    chosen = {id(c) for c in cramps if c.warning_signs}
    used = sum(heights[key] for key in chosen)
    for cramp in reversed(cramps):
        if id(cramp) in chosen:
            continue
        if used + heights[id(cramp)] > room:
            break
        chosen.add(id(cramp))
        used += heights[id(cramp)]
    return tuple(c for c in cramps if id(c) in chosen)


def _footer(p: QPainter, data: ReportData, page: int, pages: int) -> None:
    p.setFont(pdf_font(7.5))
    p.setPen(MUTED)
    y = PAGE_H - MARGIN_BOTTOM + 18
    p.setPen(QPen(RULE, 0.5))
    p.drawLine(QPointF(MARGIN_X, y - 4), QPointF(PAGE_W - MARGIN_X, y - 4))
    p.setPen(MUTED)
    rect = QRectF(MARGIN_X, y, CONTENT_W, 14)
    p.drawText(rect, say.footer(data, __version__))
    p.drawText(rect, int(Qt.AlignmentFlag.AlignRight), say.page_of(page, pages))


def _layout(data: ReportData, t: Text) -> Flow:
    flow = Flow()
    _header(t, flow, data)
    _tiles(t, flow, data)
    warnings_section(t, flow, data)
    _heatmap(t, flow, data)
    _weeks_table(t, flow, data)
    _routine_and_water(t, flow, data)
    _cramps_table(t, flow, data)
    return flow


def _paint(data: ReportData, target: Path) -> int:
    writer = QPdfWriter(str(target))
    writer.setResolution(72)  # one unit is one point
    writer.setTitle(f"{say.title()}, {say.date_range(data)}")
    writer.setCreator(f"Nightstretch {__version__}")
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point,
    )
    writer.setPageLayout(layout)
    flow = _layout(data, Text(writer))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(_("the PDF writer could not open {path}").format(path=target))
    try:
        if CAN_ATTACH:
            for file in data.attachments:
                writer.addFileAttachment(file.name, QByteArray(file.data), file.mime)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for number, page in enumerate(flow.pages, start=1):
            if number > 1:
                writer.newPage()
            for top, draw in page.items:
                draw(painter, top)
            _footer(painter, data, number, len(flow.pages))
    finally:
        painter.end()
    return len(flow.pages)
