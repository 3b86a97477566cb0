"""The reminder card pressed as she would: every button, Esc, the timeout, a newer reminder.

Whether the card leaves the keyboard alone can only be seen with a real window manager
(Qt's offscreen platform activates every window it shows), so that test runs this file as
a script on Xvfb with openbox and reads what it saw.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from nightstretch.core.reminder_text import BUTTONS, ReminderContext, ReminderMessage, message_for
from nightstretch.core.reminders import Due, ReminderAction, ReminderKind
from nightstretch.ui.reminder_card import MARGIN, ReminderCard
from nightstretch.ui.theme import DAY, NIGHT, Colors
from PySide6.QtCore import QEventLoop, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")

REPO = Path(__file__).resolve().parents[2]
CONTEXT = ReminderContext(
    bedtime="22:30",
    routine_title="The pre-bed routine",
    routine_length="9 minutes",
    water_ml=1000,
    water_goal_ml=2000,
)


def message(kind: ReminderKind, key: str = "") -> ReminderMessage:
    at = datetime(2026, 11, 21, 21, 0, tzinfo=UTC)
    return message_for(Due(kind, at, key or f"{kind.value}:2026-11-21", "2026-11-21"), CONTEXT)


@pytest.fixture
def card(qtbot: QtBot) -> ReminderCard:
    widget = ReminderCard(NIGHT)
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_every_button_answers_with_its_action(
    qtbot: QtBot, card: ReminderCard, kind: ReminderKind
) -> None:
    for action, label in BUTTONS[kind]:
        shown = message(kind)
        card.show_reminder(shown)
        assert card.isVisible() and card.current_key == shown.key
        button = card.buttons[action]
        assert button.text() == label and button.accessibleName() == label
        with qtbot.waitSignal(card.acted, timeout=1000) as blocker:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [shown.key, action.value]
        assert not card.isVisible() and card.current_key is None


def test_the_first_button_is_the_primary_one(card: ReminderCard) -> None:
    card.show_reminder(message(ReminderKind.EVENING))
    roles = [b.property("role") for b in card.buttons.values()]
    assert roles == ["primary", None, None, None]
    assert card.close_button.accessibleName() == "Close reminder"
    assert card.title_label.text() == "Time for your calf stretch"
    assert card.body_label.text() == "Bedtime is at 22:30. The pre-bed routine takes 9 minutes."


def test_unanswered_card_hides_itself_as_ignored(qtbot: QtBot) -> None:
    card = ReminderCard(NIGHT, timeout_ms=150)
    qtbot.addWidget(card)
    shown = message(ReminderKind.WATER)
    with qtbot.waitSignal(card.acted, timeout=3000) as blocker:
        card.show_reminder(shown)
    assert blocker.args == [shown.key, ReminderAction.IGNORED.value]
    assert not card.isVisible()


def test_newer_reminder_replaces_the_older(qtbot: QtBot, card: ReminderCard) -> None:
    older = message(ReminderKind.WATER)
    newer = message(ReminderKind.EVENING)
    card.show_reminder(older)
    with qtbot.waitSignal(card.acted, timeout=1000) as blocker:
        card.show_reminder(newer)
    assert blocker.args == [older.key, "ignored"]
    assert card.isVisible() and card.current_key == newer.key
    assert card.title_label.text() == newer.title
    assert list(card.buttons) == [action for action, _ in BUTTONS[ReminderKind.EVENING]]
    with qtbot.assertNotEmitted(card.acted):
        card.show_reminder(newer)  # the same reminder again is no news
    with qtbot.assertNotEmitted(card.acted):
        assert not card.withdraw(older.key)
        assert card.withdraw(newer.key)
    assert not card.isVisible()


def test_card_never_asks_for_focus_until_clicked_then_tab_and_esc(
    qtbot: QtBot, card: ReminderCard
) -> None:
    flags = card.windowFlags()
    for flag in (
        Qt.WindowType.Tool,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.WindowDoesNotAcceptFocus,
    ):
        assert flags & flag, flag
    assert card.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    shown = message(ReminderKind.CHECKIN)
    card.show_reminder(shown)
    qtbot.waitExposed(card)
    assert not card.accepts_focus()
    handle = card.windowHandle()
    assert handle is not None and handle.flags() & Qt.WindowType.WindowDoesNotAcceptFocus

    QTest.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    assert card.accepts_focus() and card.isVisible()
    assert not handle.flags() & Qt.WindowType.WindowDoesNotAcceptFocus
    first, second = card.buttons.values()
    assert card.focusWidget() is first
    QTest.keyClick(first, Qt.Key.Key_Tab)
    assert card.focusWidget() is second
    with qtbot.waitSignal(card.acted, timeout=1000) as blocker:
        QTest.keyClick(card.focusWidget(), Qt.Key.Key_Escape)
    assert blocker.args == [shown.key, "ignored"]
    assert not card.accepts_focus()  # the next reminder again leaves the keyboard alone


def test_card_sits_in_the_bottom_right_corner_of_the_work_area(
    qtbot: QtBot, card: ReminderCard
) -> None:
    card.show_reminder(message(ReminderKind.EVENING))
    area = card.screen().availableGeometry()
    geometry = card.frameGeometry()
    assert geometry.right() == area.right() - MARGIN
    assert geometry.bottom() == area.bottom() - MARGIN


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=["night", "day"])
def test_screenshots_of_each_kind(qtbot: QtBot, artifacts: Path, colors: Colors) -> None:
    for kind in (
        ReminderKind.EVENING,
        ReminderKind.WATER,
        ReminderKind.CHECKIN,
        ReminderKind.MOVEMENT,
    ):
        card = ReminderCard(colors)
        qtbot.addWidget(card)
        card.show_reminder(message(kind))
        assert card.body_label.isVisible() and all(b.isVisible() for b in card.buttons.values())
        for button in card.buttons.values():
            # no label is cut: each button is at least as wide as its text wants
            assert button.width() >= button.sizeHint().width() - 2, button.text()
        card.grab().save(str(artifacts / f"reminder-card-{kind.value}-{colors.name}.png"))
        card.withdraw(card.current_key or "")


@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("openbox")),
    reason="needs Xvfb and openbox for a real window manager",
)
def test_card_leaves_the_keyboard_with_the_window_she_types_in(tmp_path: Path) -> None:
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert xvfb.stdout is not None
    display = f":{xvfb.stdout.readline().strip()}"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(REPO)}
    env.pop("WAYLAND_DISPLAY", None)
    wm = subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL)
    try:
        result = subprocess.run(
            [sys.executable, str(Path(__file__).resolve())],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        seen = json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        wm.terminate()
        wm.wait(10)
        xvfb.terminate()
        xvfb.wait(10)
        xvfb.stdout.close()
    assert seen["before"] == "QLineEdit"
    assert seen["after_show"] == "QLineEdit", "the card took the keyboard"
    assert seen["card_visible"]
    assert seen["after_click"] == "Start now"
    assert seen["after_tab"] == "In 10 min"


def _focus_check() -> None:  # pragma: no cover - runs in the child process
    """Type into a line edit, let a reminder appear, and report where the keyboard is."""
    from PySide6.QtWidgets import QLineEdit, QWidget

    app = QApplication([])

    def settle(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
        """Run the event loop until the window manager has done what the condition names."""
        end = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the window manager did not settle")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        app.processEvents()

    def focused() -> str:
        widget: QWidget | None = app.focusWidget()
        if widget is None:
            return ""
        return widget.text() if isinstance(widget, QPushButton) else type(widget).__name__

    edit = QLineEdit()
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    settle(lambda: app.activeWindow() is edit)
    seen: dict[str, object] = {"before": focused()}
    card = ReminderCard(NIGHT)
    card.show_reminder(message(ReminderKind.EVENING))
    # Focus would be taken when the WM maps the card; once it is exposed, that has happened.
    settle(lambda: card.windowHandle() is not None and card.windowHandle().isExposed())
    seen["after_show"] = focused()
    seen["card_visible"] = card.isVisible()
    QTest.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    settle(lambda: app.activeWindow() is card)
    seen["after_click"] = focused()
    before_tab = focused()
    button = app.focusWidget()
    assert button is not None
    QTest.keyClick(button, Qt.Key.Key_Tab)
    settle(lambda: focused() != before_tab)
    seen["after_tab"] = focused()
    print(json.dumps(seen), flush=True)


if __name__ == "__main__":
    _focus_check()


def test_a_card_closed_from_outside_answers_nothing_later(qtbot: QtBot) -> None:
    """The window manager (or a quit) closed it: its timer must not answer "ignored" later."""
    card = ReminderCard(NIGHT)
    qtbot.addWidget(card)
    card.show_reminder(message(ReminderKind.WATER, "water:1"))
    assert card._hide_timer.isActive()
    card.close()
    assert not card._hide_timer.isActive()  # a test's closed card answered into a closed book
