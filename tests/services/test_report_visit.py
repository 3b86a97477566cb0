"""The report for her visit: her name, due date and note print; warning-sign cramps stay
flagged in every report until marked discussed; the end she chooses is where it ends; and
a Russian report has Cyrillic text in an embedded font that has the glyphs."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core import i18n
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.services.logbook_actions import LogbookActions, Reported, Target
from nightstretch.store.logbook import Logbook
from nightstretch.store.report_data import build_report_data
from nightstretch.store.settings import Settings
from nightstretch.store.visit import mark_discussed, visit_note

from tests.services.test_logbook_actions import FakeChooser

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 30, 21, 40, tzinfo=CET)
OLD_NIGHT = date(2026, 9, 1)  # long before a 4-week range
pytestmark = pytest.mark.usefixtures("qapp")


def cramp(book: Logbook, night: date, **extra: object) -> int:
    happened = datetime(night.year, night.month, night.day, 23, 30, tzinfo=CET)
    entry = CrampEntry(happened=happened, leg="left", severity=7, **extra)  # type: ignore[arg-type]
    return book.add_cramp(entry, happened)


@pytest.fixture
def book(logbook: Logbook) -> Logbook:
    cramp(logbook, OLD_NIGHT, swelling=True)  # before the range, never discussed
    discussed_old = cramp(logbook, OLD_NIGHT + timedelta(days=1), redness=True)
    mark_discussed(logbook, discussed_old, datetime(2026, 9, 10, 9, 0, tzinfo=CET))
    discussed_new = cramp(logbook, date(2026, 11, 20), warmth=True)
    mark_discussed(logbook, discussed_new, datetime(2026, 11, 25, 9, 0, tzinfo=CET))
    cramp(logbook, date(2026, 11, 28))
    return logbook


def actions_for(book: Logbook, settings: Settings) -> LogbookActions:
    def lend() -> AbstractContextManager[Logbook]:
        return nullcontext(book)

    return LogbookActions(lend, FakeClock(NOW).now, lambda: settings)


def text_of(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: apt-get install poppler-utils"
    command = [tool, "-layout", str(pdf), "-"]  # table rows read across, as a person reads
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_undiscussed_warnings_from_any_date_are_flagged_discussed_ones_show_their_mark(
    book: Logbook,
) -> None:
    data = build_report_data(book, "2026-11-29", 4, 2000)
    assert [c.night_date for c in data.earlier_warnings] == [OLD_NIGHT.isoformat()]
    assert data.earlier_warnings[0].flagged
    listed = {c.night_date: c for c in data.warnings_listed}
    assert set(listed) == {OLD_NIGHT.isoformat(), "2026-11-20"}  # not the discussed old one
    assert not listed["2026-11-20"].flagged
    assert listed["2026-11-20"].discussed == date(2026, 11, 25)


@pytest.fixture
def english() -> Iterator[None]:
    yield
    i18n.use_language("en")


def test_the_chosen_end_name_due_and_note_print(
    book: Logbook, tmp_path: Path, english: None
) -> None:
    settings = replace(Settings(), report_name="Anna K.", due_date="2027-01-20")
    actions = actions_for(book, settings)
    out = tmp_path / "r.pdf"
    note = "Ask about the swollen left calf"
    made = actions.report(FakeChooser(Target(out)), 4, last_night="2026-11-25", note=note)
    assert isinstance(made, Reported)
    text = text_of(out)
    assert "Anna K. · due 20 Jan 2027 · pregnancy weeks" in text
    assert "Nights of 29 Oct 2026 to 25 Nov 2026 (4 weeks)" in text and "up to" not in text
    assert f"To ask at this visit {note}" in text
    assert "Sat 28 Nov" not in text  # after the chosen end
    # the old undiscussed one is flagged; the discussed one shows its mark, unflagged
    assert "! Tue 1 Sep 23:30 left 7/10 swelling not yet" in text
    assert "Fri 20 Nov 23:30 left 7/10 warmth discussed on 25 Nov 2026" in text
    assert "redness" not in text  # discussed, and before the range
    # the note round-trips through the logbook and back into the next report and dialog
    row = visit_note(book)
    assert row is not None and row.text == note and actions.visit_note() == note
    assert build_report_data(book, "2026-11-29", 4, 2000).note == note
    actions.report(FakeChooser(Target(tmp_path / "empty.pdf")), 4, note="")
    assert "To ask at this visit" not in text_of(tmp_path / "empty.pdf")


def test_a_russian_report_has_cyrillic_text_in_an_embedded_font(
    book: Logbook, tmp_path: Path, english: None
) -> None:
    i18n.use_language("ru")
    settings = replace(Settings(), report_name="Анна Ковалёва", due_date="2027-01-20")
    out = tmp_path / "ru.pdf"
    made = actions_for(book, settings).report(FakeChooser(Target(out)), 4, note="Спросить")
    assert isinstance(made, Reported)
    text = text_of(out)
    for words in ("Сводка по судорогам в ногах", "Анна Ковалёва", "Тревожные признаки",
                  "Вопросы на этот приём", "Страница 1 из"):  # fmt: skip
        assert words in text
    assert "\ufffd" not in text and "\u25a1" not in text  # no replacement marks or boxes
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for line in fonts:  # every font embedded ("emb yes") with a Unicode map ("uni yes")
        fields = line.split()
        assert fields[-5] == "yes" and fields[-3] == "yes", line
