"""An evening reminder a minute ahead: the card appears on its own, Start now opens the player."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.e2e.conftest import Apps, Screens
from tests.e2e.support import logbook_path
from tests.xsession import XSession, wait_until

pytestmark = pytest.mark.e2e

MARGIN = timedelta(seconds=12)
"""The app needs a few seconds to start before the reminder falls due."""
START_NOW_AT = 0.62
"""Where the wide "Start now" button sits on the card, as a share of its height (the card
is laid out as title, text, Start now, then a row of the other answers)."""


def _reminder_events(home_db: str) -> list[tuple[str, str]]:
    try:
        with sqlite3.connect(f"file:{home_db}?mode=ro", uri=True) as db:
            return list(db.execute("SELECT kind, event FROM reminder_events ORDER BY id"))
    except sqlite3.OperationalError:
        return []


def test_evening_reminder_card_and_start_now(
    xsession: XSession, apps: Apps, screens: Screens
) -> None:
    x = xsession
    # The next whole minute at least MARGIN away, in the local time the app will use.
    soon = datetime.now().astimezone() + MARGIN
    due = soon.replace(second=0, microsecond=0) + timedelta(minutes=1)
    apps.returning_user(
        bedtime=due.strftime("%H:%M"),
        evening_lead_min=0,
        water_enabled=False,
        checkin_enabled=False,
    )
    app = apps.start("--tray")
    x.tray_icon_position()
    screens.save("tray-only-before-the-reminder")
    wait_seconds = (due - datetime.now().astimezone()).total_seconds()
    card = x.wait_for_window("^Nightstretch reminder$", timeout=wait_seconds + 30, alive=app)
    assert datetime.now().astimezone() >= due - timedelta(seconds=1), "not before its time"
    screens.save("reminder-card")
    geometry = x.window_geometry(card)
    # Bottom right of the screen, where it does not cover what she is doing.
    assert geometry.x + geometry.width > x.width * 0.75
    assert geometry.y + geometry.height > x.height * 0.6

    x.click(geometry.x + geometry.width // 2, geometry.y + int(geometry.height * START_NOW_AT))
    x.wait_for_window("^Before-bed calf stretch — Nightstretch$", alive=app)
    screens.save("player-from-the-reminder")
    x.wait_for_window_gone(card)
    db = str(logbook_path(apps.home))
    wait_until(
        lambda: ("evening", "started") in _reminder_events(db),
        10,
        "the reminder's answer in the logbook",
    )
    assert ("evening", "shown") in _reminder_events(db)
