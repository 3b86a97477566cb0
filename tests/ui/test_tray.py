"""The tray menu: entries, their order, what each one asks for, and what is enabled when."""

from __future__ import annotations

import pytest
from nightstretch.core import resources
from nightstretch.ui.a11y import MIN_TEXT_CONTRAST, contrast_ratio
from nightstretch.ui.labels import plain_text
from nightstretch.ui.routine_entry import RoutineEntry
from nightstretch.ui.theme import DAY, NIGHT, Colors, menu_css, menu_pairs
from nightstretch.ui.tray import Tray, TrayState
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QMenu, QSystemTrayIcon
from pytestqt.qtbot import QtBot

ROUTINES = [
    RoutineEntry("pre-bed-calf", "Before-bed calf stretch", "s", "9 min", False),
    RoutineEntry("cramp-rescue", "Cramp rescue", "s", "3 min", True),
]


@pytest.fixture
def tray(qtbot: QtBot) -> Tray:
    return Tray(resources.asset("icons"), ROUTINES, "cramp-rescue")


def action(tray: Tray, text: str) -> QAction:
    (found,) = [a for a in tray.menu.actions() if plain_text(a.text()) == text]
    return found


def test_unwired_entries_are_hidden_not_dead(tray: Tray) -> None:
    assert tray.action_texts() == [
        "Start routine",
        "Cramp rescue",
        "Warning signs",
        "Open Nightstretch",
        "Quit",
    ]


def test_full_menu_in_order_once_everything_is_wired(tray: Tray) -> None:
    tray.set_available(history=True, settings=True, cramp=True)
    assert tray.action_texts() == [
        "Start routine",
        "Cramp rescue",
        "Log water (+1 glass)",
        "Log a cramp\u2026",
        "Pause reminders",
        "History",
        "Settings",
        "Warning signs",
        "Open Nightstretch",
        "Quit",
    ]
    tray.set_available(history=False, settings=False, cramp=True)
    assert "History" not in tray.action_texts() and "Settings" not in tray.action_texts()
    assert "Log water (+1 glass)" in tray.action_texts()


def test_each_entry_emits_its_request(qtbot: QtBot, tray: Tray) -> None:
    tray.set_available(history=True, settings=True, cramp=True)
    for text, signal in (
        ("Cramp rescue", tray.rescue_requested),
        ("Log water (+1 glass)", tray.water_requested),
        ("Log a cramp\u2026", tray.cramp_log_requested),
        ("History", tray.history_requested),
        ("Settings", tray.settings_requested),
        ("Warning signs", tray.warning_signs_requested),
        ("Open Nightstretch", tray.open_requested),
        ("Quit", tray.quit_requested),
    ):
        with qtbot.waitSignal(signal, timeout=500):
            action(tray, text).trigger()
    start_menu = action(tray, "Start routine").menu()
    assert isinstance(start_menu, QMenu)
    titles = [plain_text(a.text()) for a in start_menu.actions()]
    assert titles == ["Before-bed calf stretch (9 min)", "Cramp rescue (3 min)"]
    with qtbot.waitSignal(tray.start_requested, timeout=500) as blocker:
        start_menu.actions()[0].trigger()
    assert blocker.args == ["pre-bed-calf"]


def test_pause_submenu_enablement_follows_the_paused_state(qtbot: QtBot, tray: Tray) -> None:
    tray.set_available(history=False, settings=False, cramp=False)
    entries = [a for a in tray.pause_menu.actions() if not a.isSeparator()]
    assert [plain_text(a.text()) for a in entries] == ["For 1 hour", "Until tomorrow", "Resume"]
    assert [a.isEnabled() for a in entries] == [True, True, False]
    with qtbot.waitSignal(tray.pause_requested, timeout=500) as blocker:
        tray.pause_hour_action.trigger()
    assert blocker.args == ["hour"]
    with qtbot.waitSignal(tray.pause_requested, timeout=500) as blocker:
        tray.pause_tomorrow_action.trigger()
    assert blocker.args == ["tomorrow"]

    tray.set_paused(True)
    tray.set_state(TrayState.PAUSED, "Nightstretch - reminders paused until 15:40")
    assert [a.isEnabled() for a in entries] == [False, False, True]
    assert tray.icon.toolTip() == "Nightstretch - reminders paused until 15:40"
    with qtbot.waitSignal(tray.resume_requested, timeout=500):
        tray.resume_action.trigger()
    tray.set_paused(False)
    assert [a.isEnabled() for a in entries] == [True, True, False]


def test_left_click_asks_for_status_double_click_opens(qtbot: QtBot, tray: Tray) -> None:
    with qtbot.waitSignal(tray.status_requested, timeout=500):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    with (
        qtbot.waitSignal(tray.open_requested, timeout=500),
        qtbot.assertNotEmitted(tray.status_requested),
    ):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.DoubleClick)
    with (
        qtbot.assertNotEmitted(tray.status_requested),
        qtbot.assertNotEmitted(tray.open_requested),
    ):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)


def mnemonic(label: str) -> str | None:
    """The key underlined in a label: the character after a single ``&``."""
    cleaned = label.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].lower() if at >= 0 and at + 1 < len(cleaned) else None


def test_every_entry_has_its_own_key(tray: Tray) -> None:
    """With the menu open, one key picks any entry: no entry without one, no key twice."""
    tray.set_available(history=True, settings=True, cramp=True)
    for menu in (tray.menu, tray.pause_menu):
        labels = [a.text() for a in menu.actions() if not a.isSeparator()]
        keys = [mnemonic(label) for label in labels]
        assert None not in keys, labels
        assert len(set(keys)) == len(keys), labels


def test_an_ampersand_in_a_routine_title_is_shown_not_eaten(qtbot: QtBot) -> None:
    routines = [RoutineEntry("calf-foot", "Calf & foot", "s", "4 min", False)]
    tray = Tray(resources.asset("icons"), routines, None)
    submenu = tray.menu.actions()[0].menu()
    assert isinstance(submenu, QMenu)
    (entry,) = submenu.actions()
    assert plain_text(entry.text()) == "Calf & foot (4 min)"
    assert mnemonic(entry.text()) is None


def _drawn(qtbot: QtBot, menu: QMenu) -> tuple[str, set[str]]:
    """Open the menu as a click on the icon would; its padding colour and the colours of
    the first entry's pixels, as drawn."""
    menu.popup(QPoint(20, 20))
    qtbot.waitExposed(menu)
    image = menu.grab().toImage()
    first = menu.actionGeometry(menu.actions()[0])
    entry = {
        image.pixelColor(x, y).name()
        for x in range(first.left(), first.right())
        for y in range(first.top(), first.bottom())
    }
    padding = image.pixelColor(3, menu.height() // 2).name()
    menu.hide()
    return padding, entry


@pytest.mark.qt_log_ignore(r"does not support (raise|grabbing the keyboard)")  # offscreen
def test_the_menu_takes_the_theme_each_time_it_opens(qtbot: QtBot, tray: Tray) -> None:
    """Where Qt draws the menu (X11/XEmbed trays, Windows): night colours, then day ones
    once the theme changed, at her text size; submenus follow."""
    now: list[tuple[Colors, float]] = [(NIGHT, 1.0)]
    tray.follow_theme(lambda: now[0])
    for colors, scale in ((NIGHT, 1.0), (DAY, 1.5), (NIGHT, 2.0)):
        now[0] = (colors, scale)
        padding, entry = _drawn(qtbot, tray.menu)
        assert padding == colors.surface, f"{colors.name}: the menu is {padding}"
        assert colors.text in entry, f"{colors.name}: no entry drawn in {colors.text}"
        assert tray.menu.font().pointSize() == round(11 * scale)
        for menu in (tray.menu, tray.pause_menu):
            palette = menu.palette()
            assert palette.color(QPalette.ColorRole.Window) == QColor(colors.surface)
            assert palette.color(QPalette.ColorRole.WindowText) == QColor(colors.text)
        padding, _entry = _drawn(qtbot, tray.pause_menu)
        assert padding == colors.surface, f"{colors.name}: the pause submenu is {padding}"


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=lambda c: c.name)
def test_menu_text_is_readable_in_both_themes(colors: Colors) -> None:
    for what, (fg, bg) in menu_pairs(colors).items():
        ratio = contrast_ratio(QColor(fg), QColor(bg))
        assert ratio >= MIN_TEXT_CONTRAST, f"{colors.name}: {what} is only {ratio:.2f}:1"
    css = menu_css(colors, 1.0)  # and the menu is drawn in exactly those colours
    assert all(fg in css and bg in css for fg, bg in menu_pairs(colors).values())
