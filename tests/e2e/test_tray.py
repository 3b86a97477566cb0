"""A person's first minutes: the tray icon, its menu, and a routine played to the end."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from tests.e2e.conftest import Apps, Screens
from tests.e2e.support import built_in_routine, history, sessions, tray_titles
from tests.xsession import XSession, wait_until

pytestmark = pytest.mark.e2e

ROW_MIN_PX = 16
"""No menu row is shorter than this, so a submenu of N routines is at least N rows tall."""
GET_READY_MARGIN_S = 1.0


def open_tray_menu(x: XSession, app: subprocess.Popen[bytes]) -> int:
    """Right-clicks the tray icon as a person would; returns the menu's window."""
    icon = x.tray_icon_position()
    before = x.visible_windows("^Nightstretch$")
    x.click(*icon.center, button=3)
    menu = x.wait_for_window("^Nightstretch$", alive=app, exclude=before)
    geometry = x.window_geometry(menu)
    # The menu opens at the icon and stays on the screen.
    assert geometry.x + geometry.width <= x.width and geometry.y >= 0
    assert geometry.x <= icon.center[0] <= geometry.x + geometry.width + icon.width
    assert geometry.y <= icon.y + icon.height + 8
    return menu


def open_start_submenu(x: XSession, app: subprocess.Popen[bytes], menu: int) -> int:
    """Down selects "Start routine" (the first entry); Right opens its submenu."""
    before = x.visible_windows("^Nightstretch$")
    x.key(["Down", "Right"])
    submenu = x.wait_for_window("^Nightstretch$", alive=app, exclude=before)
    assert submenu != menu
    return submenu


def test_tray_icon_and_menu_list_the_routines(
    xsession: XSession, apps: Apps, screens: Screens
) -> None:
    x = xsession
    app = apps.start()  # a first start: the welcome comes first
    welcome = x.wait_for_window("^Welcome — Nightstretch$", alive=app)
    screens.save("first-run-welcome")
    x.key("Escape", window=welcome)  # Skip, Esc or closing: done for good
    x.wait_for_window_gone(welcome)
    x.wait_for_window("^Nightstretch$", alive=app)
    settings = json.loads((apps.home / "config" / "settings.json").read_text())
    assert settings["onboarding_done"] is True
    icon = x.tray_icon_position()
    assert icon.width > 1 and icon.height > 1
    assert icon.y < 40 and icon.x > x.width - 200, "the icon sits in the tray, top right"
    screens.save("tray-icon-and-home-window")
    menu = open_tray_menu(x, app)
    screens.save("tray-menu")
    submenu = open_start_submenu(x, app, menu)
    assert x.window_geometry(submenu).height >= len(tray_titles()) * ROW_MIN_PX
    screens.save("tray-menu-start-routine")
    x.key(["Escape", "Escape"])
    wait_until(lambda: not x.is_viewable(menu), 10, "the menu to close")
    assert app.poll() is None


def test_pre_bed_routine_from_the_tray_to_the_logbook(
    xsession: XSession, apps: Apps, screens: Screens
) -> None:
    x = xsession
    home = apps.home
    routine = built_in_routine("pre-bed-calf")
    apps.returning_user()
    app = apps.start()
    x.wait_for_window("^Nightstretch$", alive=app)
    menu = open_tray_menu(x, app)
    open_start_submenu(x, app, menu)
    # The submenu opens with its first entry active; walk down to the routine.
    x.key(["Down"] * tray_titles().index(routine.title) + ["Return"])
    player = x.wait_for_window(f"^{routine.title} — Nightstretch$", alive=app)
    wait_until(lambda: sessions(home), 20, "the session row", alive=app)
    started = time.monotonic()  # the row is written as the get-ready countdown starts
    wait_until(lambda: x.active_window() == player, 10, "the player in front", alive=app)
    screens.save("player-get-ready")

    # Right skips a step; during a step's "get ready" countdown it skips it uncounted (by
    # design). Let the first countdown run out, as a person would, so one step is done.
    # This waits on the routine's own declared timing, not on a guess.
    wait_until(
        lambda: time.monotonic() - started > routine.get_ready_s + GET_READY_MARGIN_S,
        routine.get_ready_s + 10,
        "the get-ready countdown",
    )
    screens.save("player-first-step")
    x.key("Right", window=player)
    wait_until(lambda: sessions(home)[-1]["steps_done"] == 1, 20, "step 1 counted", alive=app)
    screens.save("player-second-step")
    x.key(["Right"] * (len(routine.steps) - 1), window=player)
    wait_until(lambda: sessions(home)[-1]["ended_utc"], 20, "the end", alive=app)
    screens.save("how-do-your-legs-feel", changed=True)

    x.key("1", window=player)
    wait_until(lambda: sessions(home)[-1]["feeling"], 20, "the answer saved", alive=app)
    screens.save("answer-saved", changed=True)
    row = sessions(home)[-1]
    assert (row["routine_id"], row["status"], row["feeling"]) == (
        "pre-bed-calf",
        "partial",
        "loose",
    )
    assert (row["steps_done"], row["steps_total"]) == (1, len(routine.steps))
    assert len(sessions(home)) == 1

    nights = history(home, x.env)["nights"]
    night = next(n for n in nights if n["night_date"] == row["night_date"])
    assert (night["routine"], night["sessions"]) == ("partial", 1)

    x.key("Return", window=player)
    x.wait_for_window_gone(player)
    assert app.poll() is None, "closing the player does not quit the app"
