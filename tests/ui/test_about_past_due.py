"""About and the past-due question: what they say, and that each answer reaches its signal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from nightstretch import __version__
from nightstretch.core import safety
from nightstretch.ui.about_dialog import AboutDialog
from nightstretch.ui.past_due_dialog import QUESTION, PastDueDialog
from nightstretch.ui.theme import DAY, NIGHT
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

QT_NOISE = "This plugin does not support (raise|propagateSizeHints)"


def folders(root: Path) -> list[tuple[str, Path]]:
    return [("Logbook", root / "data"), ("Settings", root / "config"), ("Logs", root / "logs")]


@pytest.fixture
def about(qtbot: QtBot, home: Path) -> AboutDialog:
    dialog = AboutDialog(NIGHT, version=__version__, folders=folders(home))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_about_names_version_disclaimer_folders_and_licence(
    about: AboutDialog, home: Path, artifacts: Path
) -> None:
    assert about.version_label.text() == f"Version {__version__}"
    assert about.disclaimer.text() == safety.DISCLAIMER
    assert [label.text() for label in about.folder_labels] == [
        str(path) for _, path in folders(home)
    ]
    assert "MIT" in about.licence.text()
    about.grab().save(str(artifacts / "about-night.png"))


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_about_open_buttons_emit_their_folder(qtbot: QtBot, about: AboutDialog, home: Path) -> None:
    for button, (_, path) in zip(about.open_buttons, folders(home), strict=True):
        with qtbot.waitSignal(about.open_folder_requested, timeout=1000) as blocker:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [path]


@pytest.mark.qt_log_ignore(QT_NOISE)
@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_about_closes_from_the_keyboard(qtbot: QtBot, about: AboutDialog, key: Qt.Key) -> None:
    assert QApplication.focusWidget() is about.close_button
    QTest.keyClick(about.close_button, key)
    assert not about.isVisible()


@pytest.fixture
def past_due(qtbot: QtBot) -> PastDueDialog:
    dialog = PastDueDialog(NIGHT, due_date=date(2026, 3, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_past_due_asks_gently_without_assuming(past_due: PastDueDialog, artifacts: Path) -> None:
    assert past_due.question.text() == QUESTION == "Keep the pregnancy settings?"
    body = past_due.body.text()
    assert "3 March 2026" in body
    # Congratulations only on a condition: she may still be waiting.
    assert "If your baby has arrived, congratulations" in body
    assert "still waiting" in body
    assert past_due.postpartum_button.accessibleName() == "I have had my baby (postpartum)"
    past_due.grab().save(str(artifacts / "past-due-night.png"))


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_keep_is_focused_and_enter_keeps(qtbot: QtBot, past_due: PastDueDialog) -> None:
    assert QApplication.focusWidget() is past_due.keep_button
    with (
        qtbot.assertNotEmitted(past_due.postpartum_chosen),
        qtbot.assertNotEmitted(past_due.dismissed),
        qtbot.waitSignal(past_due.keep_chosen, timeout=1000),
    ):
        QTest.keyClick(past_due.keep_button, Qt.Key.Key_Return)
    assert not past_due.isVisible()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_postpartum_by_keyboard(qtbot: QtBot, past_due: PastDueDialog) -> None:
    QTest.keyClick(past_due.keep_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is past_due.postpartum_button
    with (
        qtbot.assertNotEmitted(past_due.keep_chosen),
        qtbot.assertNotEmitted(past_due.dismissed),
        qtbot.waitSignal(past_due.postpartum_chosen, timeout=1000),
    ):
        QTest.keyClick(past_due.postpartum_button, Qt.Key.Key_Space)
    assert not past_due.isVisible()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_escape_or_closing_is_no_answer(qtbot: QtBot, past_due: PastDueDialog) -> None:
    with (
        qtbot.assertNotEmitted(past_due.keep_chosen),
        qtbot.assertNotEmitted(past_due.postpartum_chosen),
        qtbot.waitSignal(past_due.dismissed, timeout=1000),
    ):
        QTest.keyClick(past_due.keep_button, Qt.Key.Key_Escape)


def test_day_theme_renders(qtbot: QtBot, artifacts: Path, home: Path) -> None:
    about = AboutDialog(DAY, version="9.9", folders=folders(home))
    past_due = PastDueDialog(DAY, due_date=date(2025, 12, 31))
    for dialog in (about, past_due):
        qtbot.addWidget(dialog)
    assert "31 December 2025" in past_due.body.text()
    about.grab().save(str(artifacts / "about-day.png"))
    past_due.grab().save(str(artifacts / "past-due-day.png"))
