"""Every window's words go through the catalogue: the pseudo-language over every window.

Each window is built in "xx" (every msgstr wrapped in ⟦⟧) in the state that shows the most
text, and every text she can read or hear is collected: window titles, labels, buttons,
tool tips, accessible names and descriptions, combo and list items, tree headers and rows,
placeholders, spin-box suffixes and the words the charts paint. Any word outside ⟦⟧ was
never marked for translation.

Not ours to mark here, so skipped by value (README, "Languages"): the routines' own words
(titles, summaries, steps: ``routines/*.toml`` has per-language tables, tested in
test_routine_translations.py), the warning signs and the disclaimer (``core/safety.py``,
``core/warning_text.py``), and Qt's own dialog labels (Qt's translations, not ours).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from nightstretch.core import i18n, resources
from nightstretch.core.clock import FakeClock
from nightstretch.core.player import Player
from nightstretch.core.reminder_text import ReminderMessage
from nightstretch.core.reminders import ReminderAction, ReminderKind
from nightstretch.core.routine import Routine
from nightstretch.core.routine_loader import load_catalogue
from nightstretch.core.routine_menu import routine_entries
from nightstretch.core.status import StatusView
from nightstretch.services.history import HistoryController
from nightstretch.services.logbook_actions import LogbookActions
from nightstretch.store.logbook import Logbook
from nightstretch.store.settings import Settings
from nightstretch.ui import file_dialogs
from nightstretch.ui.about_dialog import AboutDialog
from nightstretch.ui.cramp_dialog import CrampDialog
from nightstretch.ui.file_actions import FileActions
from nightstretch.ui.history_window import HistoryWindow
from nightstretch.ui.home_window import HomeWindow
from nightstretch.ui.past_due_dialog import PastDueDialog
from nightstretch.ui.player_window import PlayerWindow
from nightstretch.ui.reminder_card import ReminderCard
from nightstretch.ui.restart_prompt import restart_box
from nightstretch.ui.settings_dialog import SettingsDialog
from nightstretch.ui.status_popup import StatusPopup
from nightstretch.ui.theme import NIGHT
from nightstretch.ui.toast import Toast
from PySide6.QtGui import QPainter, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.services.test_history import NOW as HISTORY_NOW
from tests.services.test_history import seed_month

from .pseudo import unwrapped_words

NOW = datetime(2026, 3, 1, 21, 30, tzinfo=UTC)
TODAY = date(2026, 3, 1)
BRAND = frozenset({"Nightstretch"})
"""The app's name stays the same in every language."""
QT_NOISE = "This plugin does not support (raise|propagateSizeHints)"
pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


# -- collecting what she reads ----------------------------------------------------------


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of ``root`` and its children, shown or not yet shown."""
    for widget in [root, *root.findChildren(QWidget)]:
        kind = f"{type(widget).__name__} {widget.objectName()}".strip()
        if widget.isWindow():
            yield f"{kind} title", widget.windowTitle()
        yield f"{kind} tooltip", widget.toolTip()
        yield f"{kind} name", widget.accessibleName()
        yield f"{kind} description", widget.accessibleDescription()
        if isinstance(widget, QLabel):
            yield kind, _plain(widget.text())
        if isinstance(widget, QAbstractButton):
            yield kind, widget.text()
        if isinstance(widget, QGroupBox):
            yield kind, widget.title()
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{kind} item", widget.itemText(index)
        if isinstance(widget, QListWidget):
            for index in range(widget.count()):
                item = widget.item(index)
                yield f"{kind} item", item.text() if item is not None else ""
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(widget.columnCount()):
                yield f"{kind} header", header.text(column)
            for index in range(widget.topLevelItemCount()):
                row = widget.topLevelItem(index)
                if row is not None:
                    for column in range(widget.columnCount()):
                        yield f"{kind} row", row.text(column)
        if isinstance(widget, QLineEdit):
            yield f"{kind} placeholder", widget.placeholderText()
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            yield f"{kind} suffix", widget.suffix()
            yield f"{kind} prefix", widget.prefix()
            yield f"{kind} special", widget.specialValueText()


class Painted:
    """The strings the charts paint (axis labels, legends), caught at ``drawText``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        original = QPainter.drawText

        def draw_text(painter: QPainter, *args: Any) -> Any:
            self.texts.extend(a for a in args if isinstance(a, str))
            return original(painter, *args)

        monkeypatch.setattr(QPainter, "drawText", draw_text)


def _routines() -> dict[str, Routine]:
    return dict(load_catalogue(resources.routines_dir(), resources.assets_dir()).routines)


def not_ours() -> list[str]:
    """Texts from the routines and the content rules (see the module's docstring)."""
    texts: list[str] = []
    for routine in _routines().values():
        texts += [routine.title, routine.summary, routine.id, routine.id.replace("-", " ")]
        for step in routine.steps:
            texts += [step.title, step.instructions, step.caution or ""]
    texts += [*i18n.LANGUAGES.values(), "speechd"]  # each language in its own words; engines
    return sorted((t for t in texts if t), key=len, reverse=True)


def unmarked(texts: Iterator[tuple[str, str]] | list[tuple[str, str]]) -> list[str]:
    """Every text with a word outside ⟦⟧, once the routines' and content texts are taken out."""
    skip = not_ours()
    found = []
    for where, text in texts:
        rest = text
        for known in skip:
            rest = rest.replace(known, " ")
        rest = re.sub(r"\S+\.(?:db|json|pdf|csv)\b", " ", rest)  # file names she chose
        if unwrapped_words(rest, BRAND):
            found.append(f"{where}: {text!r}")
    return found


def check(window: QWidget, *extra: tuple[str, str]) -> None:
    texts = [*widget_texts(window), *extra]
    assert any("⟦" in text for _, text in texts), "the pseudo-language is not in use"
    assert unmarked(texts) == []


# -- the windows ------------------------------------------------------------------------


def test_control_window(qtbot: QtBot, pseudo: str) -> None:
    window = HomeWindow(routine_entries(_routines().values()), [], NIGHT)
    qtbot.addWidget(window)
    check(window)


def test_player_running_paused_and_done(
    qtbot: QtBot, pseudo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine = next(r for r in _routines().values() if any(s.sides for s in r.steps))
    player = Player(routine)
    window = PlayerWindow(routine.title, NIGHT)
    qtbot.addWidget(window)
    window.show()
    painted = Painted(monkeypatch)
    texts: list[tuple[str, str]] = []
    player.start(0.0)
    for moment in (0.5, 6.0, 40.0):
        window.show_view(player.view(moment))
        window.ring.repaint()
        texts += [*widget_texts(window)]
    player.pause(41.0)
    window.show_view(player.view(41.0))
    texts += [*widget_texts(window)]
    while player.view(41.0).next_step is not None:
        player.next(41.0)
    player.next(41.0)
    window.show_view(player.view(42.0), feeling="loose")
    window.show_warning_signs()
    window.offer_cramp_log()
    texts += [*widget_texts(window), *(("ring", t) for t in painted.texts)]
    assert unmarked(texts) == []


def test_history_with_a_month_of_entries(
    qtbot: QtBot, pseudo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = Logbook(tmp_path / "nightstretch.db")
    seed_month(book)
    clock = FakeClock(HISTORY_NOW)
    controller = HistoryController(book, clock, water_goal_ml=1800)
    window = HistoryWindow(
        NIGHT,
        1.0,
        save_entry=lambda _ref, _values: None,
        edit_cramp=lambda entry, parent: CrampDialog(clock, NIGHT, entry=entry),
    )
    qtbot.addWidget(window)
    painted = Painted(monkeypatch)
    controller.refresh()
    window.show_view(controller.view)
    window.show()
    window.grab()  # paints the calendar and the charts
    assert len(painted.texts) > 20
    texts = [*widget_texts(window), *(("chart", t) for t in painted.texts)]
    assert unmarked(texts) == []
    controller.delete(controller.view.entries[0].ref)
    window.show_view(controller.view)
    assert unmarked(widget_texts(window)) == []
    book.close()


def test_settings_every_page(qtbot: QtBot, pseudo: str) -> None:
    dialog = SettingsDialog(
        Settings(voice_engine="zz9", evening_routine="zz-q"),  # both gone: marked as such
        # The store's own field checks are English still (store/settings.py; README).
        check=lambda name, value: "⟦must be between 1 and 9⟧" if name == "glass_ml" else None,
        today=TODAY,
        colors=NIGHT,
        routines=[(r.id, r.title) for r in _routines().values()],
        voice_engines=["speechd"],
        data_folder="",
    )
    qtbot.addWidget(dialog)
    for row in range(dialog.sections.count()):
        dialog.sections.setCurrentRow(row)
    dialog.week_by_week.setChecked(True)
    check(dialog)


def test_cramp_form_new_with_a_problem_and_in_edit(qtbot: QtBot, pseudo: str) -> None:
    dialog = CrampDialog(FakeClock(NOW), NIGHT)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()  # no leg chosen: the problem line shows
    assert dialog.error.isVisible()
    check(dialog)


def test_about_and_past_due(qtbot: QtBot, pseudo: str) -> None:
    about = AboutDialog(NIGHT, version="0.1.0", folders=[("x", Path("/tmp/x"))])
    past_due = PastDueDialog(NIGHT, due_date=TODAY)
    for window in (about, past_due):
        qtbot.addWidget(window)
    check(about, ("folder", about.open_buttons[0].accessibleName()))
    check(past_due)


def test_status_popup_toast_card_and_restart_question(qtbot: QtBot, pseudo: str) -> None:
    message = ReminderMessage(
        "k", ReminderKind.WATER, "⟦Water⟧", "⟦A glass⟧", ((ReminderAction.SNOOZE, "⟦Later⟧"),)
    )
    popup, card, toast = StatusPopup(NIGHT), ReminderCard(NIGHT), Toast(NIGHT)
    boxes = [restart_box(NIGHT, 1.0, busy=busy)[0] for busy in (False, True)]
    for window in (popup, card, toast, *boxes):
        qtbot.addWidget(window)
    popup.show_status(
        StatusView(next_reminder="⟦x⟧", paused_until="22:00", reminder=message, streak_nights=2)
    )
    card.show_reminder(message)
    toast.show_text("⟦One glass logged⟧")
    for window in (popup, card, toast, *boxes):
        check(window)


def test_file_dialogs_titles_and_filters(
    qtbot: QtBot, pseudo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def cancel(dialog: QFileDialog) -> tuple[str, str]:
        asked.append(("title", dialog.windowTitle()))
        asked.extend(("filter", f) for f in dialog.nameFilters())
        return "", ""

    monkeypatch.setattr(file_dialogs, "_ask", cancel)
    book = Logbook(tmp_path / "nightstretch.db")
    actions = LogbookActions(lambda: nullcontext(book), FakeClock(NOW).now, Settings)
    files = FileActions(actions)
    parent = QWidget()
    qtbot.addWidget(parent)
    steps: list[Callable[[QWidget], object]] = [
        files.report,
        files.export,
        files.backup,
        files.restore,
    ]
    for step in steps:
        step(parent)
    assert len([kind for kind, _ in asked if kind == "title"]) == 4
    assert unmarked(asked) == []
    book.close()


def test_an_unmarked_label_in_a_window_is_found(qtbot: QtBot, pseudo: str) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    QLabel("⟦Marked⟧ and not marked", window)
    window.setToolTip("⟦Fine⟧")
    found = unmarked(widget_texts(window))
    assert len(found) == 1 and "not marked" in found[0]
