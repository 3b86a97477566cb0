"""The report dialog: named for a screen reader, Return/Ctrl+Return make, Esc cancels, and
the end, name, due date and note chosen there reach the PDF."""

from __future__ import annotations

import shutil
import subprocess
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.core.report_form import ReportForm, ReportRequest
from nightstretch.services.logbook_actions import LogbookActions, Reported, Target
from nightstretch.store.logbook import Logbook
from nightstretch.store.settings import Settings
from nightstretch.ui.a11y import missing_accessible_names
from nightstretch.ui.report_dialog import ReportDialog
from nightstretch.ui.theme import DAY, NIGHT
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.services.test_logbook_actions import FakeChooser

CET = timezone(timedelta(hours=1))
pytestmark = pytest.mark.qt_log_ignore("does not support (raise|propagateSizeHints)")
NOW = datetime(2026, 11, 30, 21, 40, tzinfo=CET)


def dialog(qtbot: QtBot, settings: Settings | None = None, note: str = "") -> ReportDialog:
    form = ReportForm.build(settings or Settings(), note, NOW)
    made = ReportDialog(NIGHT, 1.0, form, NOW)
    qtbot.addWidget(made)
    return made


def test_every_control_is_named_and_the_first_time_says_why(qtbot: QtBot) -> None:
    shown = dialog(qtbot)
    assert missing_accessible_names(shown) == []
    assert not shown.intro.isHidden() and "optional" in shown.intro.text()
    later = dialog(qtbot, replace(Settings(), report_details_asked=True, report_name="Anna"))
    assert later.intro.isHidden() and later.name.text() == "Anna"


def test_return_makes_the_report_and_esc_cancels(qtbot: QtBot) -> None:
    shown = dialog(qtbot, note="Ask about swelling")
    shown.show()
    got: list[ReportRequest] = []
    shown.made.connect(got.append)
    QTest.keyClick(shown.name, Qt.Key.Key_Return)
    assert len(got) == 1 and got[0].note == "Ask about swelling" and got[0].last_night is None
    again = dialog(qtbot)
    again.show()
    again.made.connect(got.append)
    again.note.setFocus()
    QTest.keyClick(again.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(got) == 2  # Ctrl+Return from the note, where Return is a new line
    third = dialog(qtbot)
    third.show()
    third.made.connect(got.append)
    QTest.keyClick(third, Qt.Key.Key_Escape)
    assert len(got) == 2 and not third.isVisible()


def test_a_note_too_long_is_said_in_the_dialog(qtbot: QtBot) -> None:
    shown = dialog(qtbot)
    shown.note.setPlainText("x" * 2001)
    shown.make()
    assert shown.request is None and not shown.error.isHidden() and "2000" in shown.error.text()


def test_the_end_and_details_chosen_reach_the_report(
    qtbot: QtBot, logbook: Logbook, tmp_path: Path
) -> None:
    for night in (date(2026, 11, 10), date(2026, 11, 27)):
        happened = datetime(night.year, night.month, night.day, 23, 0, tzinfo=CET)
        logbook.add_cramp(CrampEntry(happened=happened, leg="right", severity=6), happened)
    settings = Settings()
    shown = dialog(qtbot, settings)
    shown.to_night.setChecked(True)
    shown.end.setDate(QDate(2026, 11, 20))
    shown.name.setText("Anna K.")
    shown.due_given.setChecked(True)
    shown.due.setDate(QDate(2027, 1, 20))
    shown.note.setPlainText("Is the right calf cramp a worry?")
    shown.make()
    request = shown.request
    assert request is not None and request.last_night == "2026-11-20"
    settings = replace(settings, **shown._form.settings_changes(request))

    def lend() -> AbstractContextManager[Logbook]:
        return nullcontext(logbook)

    actions = LogbookActions(lend, FakeClock(NOW).now, lambda: settings)
    out = tmp_path / "r.pdf"
    made = actions.report(
        FakeChooser(Target(out)), request.weeks, last_night=request.last_night, note=request.note
    )
    assert isinstance(made, Reported)
    tool = shutil.which("pdftotext")
    assert tool
    text = " ".join(subprocess.run([tool, "-layout", str(out), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())  # fmt: skip
    assert "Nights of 24 Oct 2026 to 20 Nov 2026 (4 weeks)" in text
    assert "Anna K. · due 20 Jan 2027" in text
    assert "Is the right calf cramp a worry?" in text
    assert "Tue 10 Nov" in text and "Fri 27 Nov" not in text  # after the chosen end


def test_it_fits_a_small_screen_at_double_text_size(qtbot: QtBot) -> None:
    form = ReportForm.build(Settings(), "", NOW)
    shown = ReportDialog(DAY, 2.0, form, NOW)
    qtbot.addWidget(shown)
    shown.show()
    screen = shown.screen().availableGeometry()
    assert shown.frameGeometry().height() <= screen.height()
    assert shown.frameGeometry().width() <= screen.width()
