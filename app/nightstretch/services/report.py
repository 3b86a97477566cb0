"""The appointment report as a PDF, drawn with Qt's own PDF writer (no browser engine).

Laid out by hand on A4 in points: a flow of blocks that breaks onto a new page when one
does not fit, so headings stay with their tables and the cramp table repeats its header.
Everything is black and greys and every mark has a shape or a word as well, because
reports get printed on office printers and faxed. The content comes from
``ReportData``; nothing here reads the logbook or decides what the numbers are.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
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
from nightstretch.core import safety
from nightstretch.core.stats import NightSummary
from nightstretch.store.report_data import ReportCramp, ReportData, ReportError, check_report_target

__all__ = [
    "ReportError",
    "clinician_note",
    "ensure_gui_application",
    "summary_line",
    "write_report_pdf",
]

MAX_PAGES = 3
MAX_CELL = 19.0
"""Heatmap cell size in points for short reports; a year shrinks them to fit the width."""
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
WARNING_MARK = "!"

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
    next to ``out`` and renamed into place, so ``out`` is whole or untouched.
    """
    check_report_target(out, overwrite)
    ensure_gui_application()
    staging = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        fd = os.open(staging, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
        pages = _paint(data, staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, out)
    except OSError as exc:
        with suppress(OSError):
            staging.unlink()
        raise ReportError(f"Could not write {out}: {exc.strerror or exc}") from exc
    except BaseException:
        with suppress(OSError):
            staging.unlink()
        raise
    return pages


# -- text helpers ------------------------------------------------------------------------


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(size)
    font.setBold(bold)
    # no "fl"/"fi" ligatures: text copied or searched from the PDF must say "flexed"
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _day(night: str) -> str:
    day = date.fromisoformat(night)
    return f"{day.day} {day:%b %Y}"


def _short_day(night: str) -> str:
    day = date.fromisoformat(night)
    return f"{day.day} {day:%b}"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _ml(value: int) -> str:
    return f"{value:,}".replace(",", " ") + " ml"


def date_range(data: ReportData) -> str:
    return f"{_day(data.first_night)} to {_day(data.last_night)}"


def summary_line(data: ReportData) -> str:
    """The one sentence that says it all, for the top of the report (and for tests)."""
    cramps = sum(n.cramps or 0 for n in data.nights)
    parts = [
        f"{_plural(cramps, 'cramp')} on {data.cramp_nights} of "
        f"{_plural(data.reported_nights, 'reported night')}"
    ]
    if data.warning_entries:
        parts.append(f"{_plural(data.warning_entries, 'entry', 'entries')} with warning signs")
    else:
        parts.append("no warning signs logged")
    if data.adherence_pct is not None:
        parts.append(
            f"routine done on {data.routine_done} of {data.counted_nights} nights "
            f"({data.adherence_pct}%)"
        )
    if data.water_avg_ml is not None:
        parts.append(f"water {_ml(data.water_avg_ml)} a day on average")
    return f"In these {_plural(data.weeks, 'week')}: " + "; ".join(parts) + "."


# -- the flow of blocks ------------------------------------------------------------------

Draw = Callable[[QPainter, float], None]


@dataclass
class _Page:
    items: list[tuple[float, Draw]] = field(default_factory=list)


class _Flow:
    """Blocks placed top to bottom; a block that does not fit starts a new page."""

    def __init__(self) -> None:
        self.pages: list[_Page] = [_Page()]
        self.y = MARGIN_TOP
        self.repeat: tuple[float, Draw] | None = None

    def space_left(self) -> float:
        return BOTTOM - self.y

    def new_page(self) -> None:
        self.pages.append(_Page())
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


class _Text:
    """Measures wrapped text with the PDF's own metrics so the layout matches the paint."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer

    def height(self, text: str, font: QFont, width: float = CONTENT_W) -> float:
        metrics = QFontMetricsF(font, self.writer)
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, text).height()

    def paragraph(
        self, flow: _Flow, text: str, font: QFont, color: QColor = INK, keep_with: float = 0.0
    ) -> None:
        height = self.height(text, font)

        def draw(p: QPainter, top: float) -> None:
            p.setFont(font)
            p.setPen(color)
            rect = QRectF(MARGIN_X, top, CONTENT_W, height + 2)
            p.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)

        flow.place(height, draw, keep_with)


def _heading(text_tool: _Text, flow: _Flow, text: str, keep_with: float) -> None:
    flow.gap(14)
    font = _font(12.5, bold=True)
    height = text_tool.height(text, font) + 7

    def draw(p: QPainter, top: float) -> None:
        p.setFont(font)
        p.setPen(INK)
        p.drawText(QRectF(MARGIN_X, top, CONTENT_W, height), text)
        p.setPen(QPen(RULE, 0.8))
        p.drawLine(
            QPointF(MARGIN_X, top + height - 3), QPointF(PAGE_W - MARGIN_X, top + height - 3)
        )

    flow.place(height, draw, keep_with)
    flow.gap(4)


# -- the parts of the report -------------------------------------------------------------


def _header(t: _Text, flow: _Flow, data: ReportData) -> None:
    t.paragraph(flow, "Leg cramp summary", _font(22, bold=True))
    flow.gap(4)
    line = f"Nights of {date_range(data)} ({_plural(data.weeks, 'week')})"
    t.paragraph(flow, line, _font(11.5))
    if data.pregnancy_weeks is not None:
        first, last = data.pregnancy_weeks
        weeks = f"week {first}" if first == last else f"weeks {first} to {last}"
        t.paragraph(flow, f"Pregnancy {weeks}", _font(11.5))
    flow.gap(3)
    t.paragraph(
        flow,
        "Kept by the person herself in Nightstretch, an app for night-time leg cramps in "
        "pregnancy. It shows what was logged; it is not a diagnosis.",
        _font(8.5),
        MUTED,
    )
    flow.gap(10)


def _tiles(t: _Text, flow: _Flow, data: ReportData) -> None:
    cramps = sum(n.cramps or 0 for n in data.nights)
    water = (
        (_ml(data.water_avg_ml), f"water a day on average (goal {_ml(data.water_goal_ml)})")
        if data.water_avg_ml is not None
        else ("-", "no water logged")
    )
    tiles = [
        (str(cramps), f"cramps on {data.cramp_nights} of {data.reported_nights} reported nights"),
        (
            f"{WARNING_MARK} {data.warning_entries}" if data.warning_entries else "0",
            "entries with warning signs"
            if data.warning_entries != 1
            else "entry with warning signs",
        ),
        (
            f"{data.adherence_pct}%" if data.adherence_pct is not None else "-",
            f"routine done on {data.routine_done} of {data.counted_nights} nights",
        ),
        water,
    ]
    gap = 8.0
    width = (CONTENT_W - gap * (len(tiles) - 1)) / len(tiles)
    big, small = _font(17, bold=True), _font(8)
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
    t.paragraph(flow, summary_line(data), _font(9.5))


def _heatmap(t: _Text, flow: _Flow, data: ReportData) -> None:
    """Weeks as columns and weekdays as rows, like a wall calendar turned on its side.

    The legend goes to the right of the grid when there is room (a few weeks), below it
    otherwise (up to a year of narrow columns).
    """
    first = date.fromisoformat(data.first_night)
    monday = first - timedelta(days=first.weekday())
    columns = (date.fromisoformat(data.last_night) - monday).days // 7 + 1
    label_w = 28.0
    legend_w = 150.0
    side_legend = label_w + columns * MAX_CELL + 24 + legend_w <= CONTENT_W
    room = CONTENT_W - label_w - (24 + legend_w if side_legend else 0)
    cell = min(MAX_CELL, room / columns)
    pad = max(1.0, cell * 0.1)
    month_h, day_h = 11.0, 10.0 if cell >= 14 else 0.0
    label_h = month_h + day_h + 2
    grid_h = 7 * cell
    legend_h = 0.0 if side_legend else 34.0  # two lines at most
    height = label_h + grid_h + (8 + legend_h if legend_h else 0)
    by_day = {n.night_date: n for n in data.nights}
    _heading(t, flow, "Nights", height)

    def draw(p: QPainter, top: float) -> None:
        small = _font(7)
        p.setFont(small)
        p.setPen(MUTED)
        grid_top = top + label_h
        for row, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
            p.drawText(
                QRectF(MARGIN_X, grid_top + row * cell, label_w - 4, cell),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                name,
            )
        last_month_x = -100.0
        shown_month = ""
        for col in range(columns):
            start = monday + timedelta(days=7 * col)
            x = MARGIN_X + label_w + col * cell
            month = f"{start:%b}" if start.month != 1 else f"{start:%b %Y}"
            if month != shown_month and x - last_month_x >= 26:
                p.setPen(MUTED)
                p.setFont(small)
                p.drawText(QPointF(x + pad / 2, top + month_h - 2), month)
                shown_month, last_month_x = month, x
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
            _legend(p, MARGIN_X + CONTENT_W - legend_w, grid_top, vertical=True)
        else:
            _legend(p, MARGIN_X, grid_top + grid_h + 8, vertical=False)

    flow.place(height, draw)


def _night_cell(p: QPainter, rect: QRectF, night: NightSummary) -> None:
    """Done is filled, partial half filled, none empty, paused/sick shaded with a letter;
    a cramp night has a ring in the middle and a warning-sign night a heavy frame."""
    p.setPen(QPen(RULE, 0.6))
    if night.mark is not None:
        p.setBrush(QBrush(MARK_FILL))
        p.drawRect(rect)
        p.setPen(MUTED)
        p.setFont(_font(max(4.5, rect.height() * 0.42)))
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), night.mark[0].upper())
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
    if night.warning_signs:
        p.setPen(QPen(INK, max(1.2, rect.width() * 0.12)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)


def _legend(p: QPainter, left: float, top: float, vertical: bool) -> None:
    samples: list[tuple[str, NightSummary]] = [
        ("routine done", _sample("done")),
        ("routine partly done", _sample("partial")),
        ("routine not done", _sample("none")),
        ("paused (P) or sick (S)", _sample("none", mark=True)),
        ("cramp night", _sample("none", cramps=1)),
        ("warning sign logged", _sample("none", cramps=1, warning=True)),
    ]
    font = _font(7.5)
    metrics = QFontMetricsF(font, p.device())
    box = 12.0 if vertical else 10.0
    x, y = left, top
    for label, night in samples:
        width = box + 6 + metrics.horizontalAdvance(label)
        if not vertical and x + width > MARGIN_X + CONTENT_W:
            x, y = left, y + box + 6
        _night_cell(p, QRectF(x, y + 1, box, box), night)
        p.setFont(font)
        p.setPen(MUTED)
        p.drawText(QPointF(x + box + 6, y + box - 1), label)
        if vertical:
            y += box + 6
            continue
        x += width + 16


def _sample(
    routine: str, mark: bool = False, cramps: int = 0, warning: bool = False
) -> NightSummary:
    return NightSummary(
        night_date="2000-01-01",
        routine="done" if routine == "done" else "partial" if routine == "partial" else "none",
        sessions=0,
        cramps=cramps,
        cramps_logged=cramps,
        checkin_cramps=None,
        worst_severity=None,
        warning_signs=warning,
        water_ml=0,
        water_entries=0,
        mark="paused" if mark else None,
    )


@dataclass(frozen=True)
class _Column:
    title: str
    width: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


def _table_row(
    columns: Sequence[_Column],
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


def _header_row(columns: Sequence[_Column], height: float) -> Draw:
    font = _font(8, bold=True)

    def draw(p: QPainter, top: float) -> None:
        p.setFont(font)
        p.setPen(INK)
        x = MARGIN_X + 6
        for column in columns:
            rect = QRectF(x, top, column.width - 6, height - 3)
            p.drawText(rect, int(column.align | Qt.AlignmentFlag.AlignBottom), column.title)
            x += column.width
        p.setPen(QPen(INK, 1.0))
        p.drawLine(QPointF(MARGIN_X, top + height), QPointF(PAGE_W - MARGIN_X, top + height))

    return draw


_RIGHT = Qt.AlignmentFlag.AlignRight


def _weeks_table(t: _Text, flow: _Flow, data: ReportData) -> None:
    columns = [
        _Column("Week of", 82),
        _Column("Nights", 46, _RIGHT),
        _Column("Routine done", 72, _RIGHT),
        _Column("Partly", 46, _RIGHT),
        _Column("Cramp nights", 72, _RIGHT),
        _Column("Cramps", 50, _RIGHT),
        _Column("Reported", 56, _RIGHT),
        _Column("Water a day", CONTENT_W - 424, _RIGHT),
    ]
    header_h, row_h = 18.0, 14.5
    _heading(t, flow, "Week by week", header_h + 2 * row_h)
    flow.place(header_h, _header_row(columns, header_h))
    font = _font(8.5)
    for week in data.week_rows:
        cells = [
            _short_day(week.week_start) + f" {date.fromisoformat(week.week_start):%Y}",
            str(week.nights) + ("" if week.counted == week.nights else f" ({week.counted})"),
            str(week.routine_done),
            str(week.routine_partial),
            str(week.cramp_nights),
            str(week.cramps),
            str(week.reported_nights),
            _ml(week.water_avg_ml) if week.water_avg_ml is not None else "-",
        ]
        flow.place(row_h, _table_row(columns, cells, font, row_h))
    flow.gap(4)
    t.paragraph(
        flow,
        "Weeks start on Monday. Nights in brackets: nights not marked paused or sick. "
        "Reported: nights whose cramps are known (logged or answered in the morning check-in). "
        "Water is averaged over the days with any water logged.",
        _font(7.5),
        MUTED,
    )


def _routine_and_water(t: _Text, flow: _Flow, data: ReportData) -> None:
    lines: list[str] = []
    if data.counted_nights:
        lines.append(
            f"Evening stretching routine: done on {data.routine_done}, partly done on "
            f"{data.routine_partial} and not done on {data.routine_none} of "
            f"{_plural(data.counted_nights, 'night')} ({data.adherence_pct}% done)."
            + (
                f" {_plural(data.marked_nights, 'night')} marked paused or sick "
                f"{'is' if data.marked_nights == 1 else 'are'} not counted."
                if data.marked_nights
                else ""
            )
        )
    else:
        lines.append("Evening stretching routine: every night in this period was paused.")
    lines.append(
        f"Current run of routine nights: {_plural(data.streaks.current, 'night')}; "
        f"longest run in this period: {_plural(data.streaks.best, 'night')}."
    )
    if data.water_avg_ml is not None:
        lines.append(
            f"Water: logged on {data.water_days} of {_plural(len(data.nights), 'day')}, "
            f"{_ml(data.water_avg_ml)} a day on average on those days; the daily goal of "
            f"{_ml(data.water_goal_ml)} was reached on {_plural(data.water_goal_days, 'day')}."
        )
    else:
        lines.append("Water: none logged in this period.")
    if data.insight is not None:
        lines.append(data.insight.text)
    font = _font(9.5)
    text = "\n".join(lines)
    _heading(t, flow, "Routine and water", t.height(text, font))
    t.paragraph(flow, text, font)


def _when(cramp: ReportCramp) -> str:
    return f"{cramp.happened:%a} {cramp.happened.day} {cramp.happened:%b, %H:%M}"


def _warning_note(t: _Text, flow: _Flow, text: str) -> None:
    """The clinician note: a framed box with a heavy left bar, like the rows it explains."""
    font = _font(8.5, bold=True)
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


def clinician_note() -> str:
    """Why warning-sign rows stand out, in the words of app/core/safety.py."""
    clot = safety.CLOT_ACTION.split(". ")[0]  # "These can be signs of a blood clot (DVT)"
    signs = " ".join(safety.CLOT_SIGNS)
    return (
        f"Rows marked {WARNING_MARK} in bold had a warning sign ticked. {signs} "
        f"{clot} and need a clinician's attention."
    )


def _cramps_table(t: _Text, flow: _Flow, data: ReportData) -> None:
    columns = [
        _Column("", 12),
        _Column("When", 104),
        _Column("Leg", 36),
        _Column("Muscle", 40),
        _Column("Severity", 44, _RIGHT),
        _Column("Minutes", 44, _RIGHT),
        _Column("What helped", 128),
        _Column("Warning signs", CONTENT_W - 408),
    ]
    header_h = 18.0
    font, bold = _font(8.5), _font(8.5, bold=True)
    note = clinician_note()
    _heading(t, flow, "Cramps", t.height(note, bold) + header_h + 50)
    if not data.cramps:
        t.paragraph(flow, "No cramps were logged in these weeks.", _font(9.5))
        flow.gap(6)
    _warning_note(t, flow, note)
    flow.gap(8)
    if not data.cramps:
        return

    rows = {id(c): _cramp_cells(c) for c in data.cramps}

    def row_height(cramp: ReportCramp) -> float:
        cells = rows[id(cramp)]
        used = bold if cramp.warning_signs else font
        tall = max(
            t.height(text, used, column.width - 6)
            for text, column in zip(cells, columns, strict=True)
            if text
        )
        return max(14.5, tall + 5)

    heights = {id(c): row_height(c) for c in data.cramps}
    shown = _fit_cramps(flow, data.cramps, heights, header_h)
    left_out = len(data.cramps) - len(shown)
    if left_out:
        t.paragraph(
            flow,
            f"Showing {len(shown)} of {len(data.cramps)} logged cramps to keep this summary to "
            f"{MAX_PAGES} pages: every entry with a warning sign and the most recent others. "
            f"The {_plural(left_out, 'earlier cramp')} {'is' if left_out == 1 else 'are'} "
            "counted above and listed in the full logbook export.",
            _font(8.5),
            MUTED,
        )
        flow.gap(4)
    header = _header_row(columns, header_h)
    flow.place(header_h, header, keep_with=heights[id(shown[0])])
    flow.repeat = (header_h, header)
    for cramp in shown:
        warn = bool(cramp.warning_signs)
        height = heights[id(cramp)]
        draw = _table_row(columns, rows[id(cramp)], bold if warn else font, height, warn, warn)
        flow.place(height, draw)
    flow.repeat = None


def _cramp_cells(cramp: ReportCramp) -> list[str]:
    warn = bool(cramp.warning_signs)
    return [
        WARNING_MARK if warn else "",
        _when(cramp),
        cramp.leg,
        cramp.muscle,
        f"{cramp.severity}/10",
        "-" if cramp.duration_min is None else str(cramp.duration_min),
        cramp.helped or "",
        ", ".join(cramp.warning_signs) if warn else "none",
    ]


def _fit_cramps(
    flow: _Flow,
    cramps: Sequence[ReportCramp],
    heights: dict[int, float],
    header_h: float,
) -> tuple[ReportCramp, ...]:
    """All cramps if they fit in ``MAX_PAGES`` pages, else every warning-sign entry and
    the most recent others, in time order. Warning-sign entries are never left out, even
    if that takes another page."""
    here = flow.space_left() - header_h
    if here < 2 * 14.5:
        here = 0.0  # the table will start on the next page
    pages_left = MAX_PAGES - len(flow.pages)
    room = here + pages_left * (BOTTOM - MARGIN_TOP - header_h) - 12  # rows never split
    if sum(heights.values()) <= room:
        return tuple(cramps)
    room -= 40  # the note saying what was left out
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
    p.setFont(_font(7.5))
    p.setPen(MUTED)
    y = PAGE_H - MARGIN_BOTTOM + 18
    p.setPen(QPen(RULE, 0.5))
    p.drawLine(QPointF(MARGIN_X, y - 4), QPointF(PAGE_W - MARGIN_X, y - 4))
    p.setPen(MUTED)
    rect = QRectF(MARGIN_X, y, CONTENT_W, 14)
    p.drawText(rect, f"Leg cramp summary, {date_range(data)}. Nightstretch {__version__}.")
    p.drawText(rect, int(Qt.AlignmentFlag.AlignRight), f"Page {page} of {pages}")


def _layout(data: ReportData, t: _Text) -> _Flow:
    flow = _Flow()
    _header(t, flow, data)
    _tiles(t, flow, data)
    _heatmap(t, flow, data)
    _weeks_table(t, flow, data)
    _routine_and_water(t, flow, data)
    _cramps_table(t, flow, data)
    return flow


def _paint(data: ReportData, target: Path) -> int:
    writer = QPdfWriter(str(target))
    writer.setResolution(72)  # one unit is one point
    writer.setTitle(f"Leg cramp summary, {date_range(data)}")
    writer.setCreator(f"Nightstretch {__version__}")
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point,
    )
    writer.setPageLayout(layout)
    flow = _layout(data, _Text(writer))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"the PDF writer could not open {target}")
    try:
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
