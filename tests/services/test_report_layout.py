"""Table headers on the report page: a title word wider than its column is set smaller,
never clipped (a clipped "Частично" reads as another word)."""

from __future__ import annotations

from pathlib import Path

from nightstretch.services.report_layout import (
    HEADER_FONT_MIN,
    HEADER_FONT_SIZE,
    Column,
    Text,
    header_fonts,
    header_height,
)
from PySide6.QtGui import QPdfWriter
from pytestqt.qtbot import QtBot


def _points(tmp_path: Path) -> Text:
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(72)  # as the report: one unit is one point
    return Text(writer)


def test_a_word_too_wide_for_its_column_is_set_smaller_until_it_fits(
    qtbot: QtBot, tmp_path: Path
) -> None:
    text = _points(tmp_path)
    columns = [Column("Night", 80), Column("Частично", 46), Column("Komplex erledigt", 40)]
    fonts = header_fonts(text, columns)
    assert fonts[0].pointSizeF() == HEADER_FONT_SIZE  # fits as it is: untouched
    for column, font in zip(columns[1:], fonts[1:], strict=True):
        assert HEADER_FONT_MIN <= font.pointSizeF() < HEADER_FONT_SIZE, column.title
        widest = max(text.width(word, font) for word in column.title.split())
        assert widest <= column.width - 6
    assert header_height(text, columns) >= 18.0


def test_a_word_that_never_fits_stops_at_the_smallest_readable_size(
    qtbot: QtBot, tmp_path: Path
) -> None:
    text = _points(tmp_path)
    (font,) = header_fonts(text, [Column("Donaudampfschifffahrtsgesellschaft", 20)])
    assert font.pointSizeF() == HEADER_FONT_MIN
