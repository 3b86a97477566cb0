"""History's Restore…: the automatic backups listed newest first with their counts; choosing
one restores it after the usual question, keeping the current logbook as a copy first."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.services.logbook_actions import LogbookActions, Restored
from nightstretch.store import auto_backup
from nightstretch.store.logbook import Logbook
from nightstretch.store.settings import Settings
from nightstretch.ui import file_dialogs
from nightstretch.ui.file_actions import FileActions
from nightstretch.ui.restore_list import BackupListChooser, RestoreListDialog
from nightstretch.ui.theme import DAY, NIGHT, Colors
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 30, 21, 40, tzinfo=CET)
FIRST = date(2026, 11, 25)

pytestmark = pytest.mark.qt_log_ignore("does not support (raise|propagateSizeHints)")


class Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def show_message(self, text: str) -> None:
        self.messages.append(text)


def five_days_of_backups(book: Logbook, data: Path) -> None:
    """A cramp a day and the daily copy after it: the copy of day n holds n+1 cramps."""
    for n in range(5):
        day = FIRST + timedelta(days=n)
        moment = datetime(day.year, day.month, day.day, 3, 0, tzinfo=CET)
        book.add_cramp(CrampEntry(happened=moment, leg="left", severity=4), moment)
        auto_backup.make_daily_backup(book, auto_backup.folder_of(data), day)
    (auto_backup.folder_of(data) / "nightstretch-2026-11-24.db").write_bytes(b"not sqlite")


def wired(
    qtbot: QtBot, book: Logbook, data: Path, keys: Callable[[RestoreListDialog], None]
) -> tuple[Window, FileActions, list[BackupListChooser]]:
    window = Window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clock = FakeClock(NOW)
    actions = LogbookActions(lambda: nullcontext(book), clock.now, Settings)
    made: list[BackupListChooser] = []

    def ask(dialog: RestoreListDialog) -> None:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitActive(dialog)
        keys(dialog)

    def chooser(parent: QWidget) -> BackupListChooser:
        made.append(BackupListChooser(parent, data, NOW.date, NIGHT, ask=ask))
        return made[-1]

    return window, FileActions(actions, chooser), made


def test_the_list_is_newest_first_with_counts_and_return_restores_the_chosen_copy(
    qtbot: QtBot, logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = logbook.path.parent
    five_days_of_backups(logbook, data)
    asked: list[str] = []

    def yes(_parent: QWidget, _title: str, question: str) -> QMessageBox.StandardButton:
        asked.append(question)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    seen: list[list[str]] = []

    def pick_the_third(dialog: RestoreListDialog) -> None:
        rows = [dialog.backups.item(i).text() for i in range(dialog.backups.count())]
        seen.append(rows)
        qtbot.waitUntil(dialog.backups.hasFocus)  # the list first: arrows, then Return
        assert dialog.backups.currentRow() == 0
        QTest.keyClick(dialog.backups, Qt.Key.Key_Down)
        QTest.keyClick(dialog.backups, Qt.Key.Key_Down)
        QTest.keyClick(dialog.backups, Qt.Key.Key_Return)

    window, files, _made = wired(qtbot, logbook, data, pick_the_third)
    outcome = files.restore(window)
    assert seen[0][:3] == [
        "Sun 29 Nov 2026 (yesterday)\n5 entries: cramps 5, water 0, routines 0, check-ins 0",
        "Sat 28 Nov 2026\n4 entries: cramps 4, water 0, routines 0, check-ins 0",
        "Fri 27 Nov 2026\n3 entries: cramps 3, water 0, routines 0, check-ins 0",
    ]
    assert seen[0][-1] == ("Tue 24 Nov 2026\nDamaged or not a logbook: it cannot be restored.")
    assert isinstance(outcome, Restored)
    assert outcome.source.name == "nightstretch-2026-11-27.db"
    assert asked and "nightstretch-2026-11-27.db" in asked[0]  # asked once more, as before
    assert len(logbook.cramps()) == 3
    assert outcome.kept.is_file() and "before-restore" in outcome.kept.name
    kept = Logbook(outcome.kept)
    try:
        assert len(kept.cramps()) == 5  # the logbook as it was is kept
    finally:
        kept.close()
    assert window.messages == [outcome.message]


def test_escape_cancels_and_other_file_opens_the_chooser(
    qtbot: QtBot, logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = logbook.path.parent
    five_days_of_backups(logbook, data)
    window, files, _made = wired(
        qtbot, logbook, data, lambda d: QTest.keyClick(d.backups, Qt.Key.Key_Escape)
    )
    assert files.restore(window) is None
    assert len(logbook.cramps()) == 5 and window.messages == []

    opened: list[str] = []
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda *a: opened.append(a[1]))
    window, files, _made = wired(qtbot, logbook, data, lambda d: d.other_button.click())
    assert files.restore(window) is None  # the file chooser was cancelled
    assert opened == ["Restore a backup"]


def test_a_damaged_copy_cannot_be_chosen(qtbot: QtBot, logbook: Logbook) -> None:
    data = logbook.path.parent
    five_days_of_backups(logbook, data)
    states: list[bool] = []

    def go_to_the_damaged_one(dialog: RestoreListDialog) -> None:
        dialog.backups.setCurrentRow(dialog.backups.count() - 1)
        states.append(dialog.restore_button.isEnabled())
        QTest.keyClick(dialog.backups, Qt.Key.Key_Return)
        states.append(dialog.isVisible())
        dialog.reject()

    window, files, _made = wired(qtbot, logbook, data, go_to_the_damaged_one)
    assert files.restore(window) is None
    assert states == [False, True]  # Return did nothing: still open


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=["night", "day"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_dialog_in_both_themes_and_sizes(
    qtbot: QtBot, logbook: Logbook, artifacts: Path, colors: Colors, scale: float
) -> None:
    data = logbook.path.parent
    five_days_of_backups(logbook, data)
    from nightstretch.services.backup_list import restore_view
    from nightstretch.ui.a11y import missing_accessible_names

    dialog = RestoreListDialog(restore_view(data, NOW.date()), colors, scale)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert missing_accessible_names(dialog) == []
    assert dialog.backups.count() == 6
    dialog.grab().save(str(artifacts / f"restore-list-{colors.name}-{scale}.png"))
