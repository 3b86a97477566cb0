"""The app's side of the file use cases: dialogs answer the chooser, the outcome is said in
the window that asked, and a save dialog's answer may replace the file (it asked already)."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.services.logbook_actions import BackedUp, LogbookActions, Restored, Target
from nightstretch.store.logbook import Logbook
from nightstretch.store.settings import Settings
from nightstretch.ui import file_actions, file_dialogs
from nightstretch.ui.file_actions import DialogChooser, FileActions
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


class Asking(QWidget):
    """A window that shows results itself, like History and Settings do."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def show_message(self, text: str) -> None:
        self.messages.append(text)


@pytest.fixture
def window(qtbot: QtBot) -> Asking:
    widget = Asking()
    qtbot.addWidget(widget)
    return widget


def test_the_dialogs_answers_become_targets_she_agreed_to_replace(
    window: Asking, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_: tmp_path / "b.db")
    monkeypatch.setattr(file_dialogs, "ask_export_path", lambda *_: (tmp_path / "e", "csv"))
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda *_: tmp_path / "b.db")
    chooser = DialogChooser(window)
    assert chooser.save_target("t", "b.db", "*.db") == Target(tmp_path / "b.db", overwrite=True)
    assert chooser.export_target("e") == (Target(tmp_path / "e", overwrite=True), "csv")
    assert chooser.source("t", "*.db") == tmp_path / "b.db"
    with chooser.working():
        pass


def test_cancelled_dialogs_are_none(window: Asking, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_: None)
    monkeypatch.setattr(file_dialogs, "ask_export_path", lambda *_: None)
    chooser = DialogChooser(window)
    assert chooser.save_target("t", "b.db", "*.db") is None
    assert chooser.export_target("e") is None


def test_confirm_is_yes_only_for_yes(window: Asking, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
    monkeypatch.setattr(QMessageBox, "question", lambda *_: next(answers))
    chooser = DialogChooser(window)
    assert chooser.confirm("Restore a backup", "Replace?") is True
    assert chooser.confirm("Restore a backup", "Replace?") is False


def test_backup_and_restore_are_said_in_the_window(
    window: Asking, logbook: Logbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    restored: list[bool] = []
    actions = LogbookActions(
        lambda: nullcontext(logbook),
        FakeClock(NOW).now,
        Settings,
        after_restore=lambda: restored.append(True),
    )
    files = FileActions(actions)
    backup = tmp_path / "b.db"
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_: backup)
    assert files.backup(window) == BackedUp(backup)
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda *_: backup)
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    outcome = files.restore(window)
    assert isinstance(outcome, Restored) and restored == [True]
    monkeypatch.setattr(file_dialogs, "ask_export_path", lambda *_: None)
    assert files.export(window) is None
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_: tmp_path / "nope" / "r.pdf")
    files.report(window)
    assert window.messages == [
        f"The logbook is backed up to {backup}.",
        outcome.message,
        f"The report was not made: The folder {tmp_path / 'nope'} does not exist.",
    ]


def test_a_window_without_show_message_gets_a_message_box(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = QWidget()
    qtbot.addWidget(plain)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: shown.append(text)
    )
    file_actions.say(plain, "The logbook is backed up.")
    assert shown == ["The logbook is backed up."]
