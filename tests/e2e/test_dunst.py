"""Reminders on a real notification server: dunst from Debian, on a private session bus.

dunst is what the issue was found with: it advertises ``actions`` but keeps the buttons in
a context menu, and closes a notification after 10 s or on a left click. Here the real
``nightstretch`` process sends an evening reminder due a minute ahead, and the test reads
what dunst received (``dunst -print`` and ``dunstctl history``), closes it as a left click
would (no answer: not logged ``ignored``), or answers it with ``dunstctl action``, the
click on its body. With the setting on ``auto`` the card appears instead.

dunst refuses actions on a notification it has closed, even one brought back from its
history (its ``dbus_valid``), so after dunst closed it the reminder is answered from
Nightstretch itself (tray, status popup), not from dunst.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from nightstretch.core import resources

from tests.e2e.conftest import Apps, Screens
from tests.e2e.support import logbook_path
from tests.xsession import XSession, start_app, wait_until

pytestmark = pytest.mark.e2e

TOOLS = ("dbus-daemon", "dbus-send", "dunst", "dunstctl", "busctl")
"""Debian: dbus (dbus-daemon, dbus-send), dunst, systemd (busctl, for dunstctl history)."""
MARGIN = timedelta(seconds=12)
ICON = resources.asset("icons/hicolor/64x64/apps/nightstretch.png").resolve()


@dataclass
class Dunst:
    """A private session bus with dunst serving notifications on the test's X display."""

    env: dict[str, str]
    log: Path

    def ctl(self, *args: str) -> str:
        result = subprocess.run(
            ["dunstctl", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=15,
            check=False,
        )
        assert result.returncode == 0, f"dunstctl {' '.join(args)}: {result.stderr}"
        return result.stdout

    def count(self, which: str) -> int:
        return int(self.ctl("count", which).strip())

    def history(self) -> list[dict[str, Any]]:
        """``dunstctl history`` (JSON), each field's ``data`` unwrapped, newest first."""
        document = json.loads(self.ctl("history"))
        return [{k: v["data"] for k, v in entry.items()} for entry in document["data"][0]]

    def printed(self, appname: str) -> list[str]:
        """The blocks ``dunst -print`` wrote for ``appname``'s notifications."""
        text = self.log.read_text(errors="replace")
        return [b for b in re.split(r"\n}\n", text) if f"appname: '{appname}'" in b]


@pytest.fixture
def dunst(xsession: XSession, tmp_path: Path) -> Iterator[Dunst]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian: dbus dunst systemd, tools/apt-test.txt)")
    config = tmp_path / "dunst-config"  # no dunstrc: dunst's defaults, 10 s timeout
    config.mkdir()
    env = dict(xsession.env, XDG_CONFIG_HOME=str(config))
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,  # should the bus start a dunst itself, it finds the display
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    log = tmp_path / "dunst.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["dunst", "-print"], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    running = Dunst(env, log)
    try:
        # Asked without auto-starting: the bus must not start a second dunst of its own.
        owner = [
            "dbus-send", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications",
        ]  # fmt: skip
        wait_until(
            lambda: (
                "boolean true"
                in subprocess.run(
                    owner, env=env, capture_output=True, text=True, check=False
                ).stdout
            ),
            20,
            "dunst to own org.freedesktop.Notifications",
            alive=server,
        )
        yield running
    finally:
        for proc in (server, bus):
            proc.terminate()
            proc.wait(10)
        bus.stdout.close()


def _events(home: Path) -> list[tuple[str, str]]:
    try:
        db = f"file:{logbook_path(home)}?mode=ro"
        with sqlite3.connect(db, uri=True) as con:
            return list(con.execute("SELECT kind, event FROM reminder_events ORDER BY id"))
    except sqlite3.OperationalError:
        return []


def _evening_due_soon(apps: Apps, **settings: object) -> datetime:
    """Settings that make the evening reminder fall due at the next whole minute."""
    soon = datetime.now().astimezone() + MARGIN
    due = soon.replace(second=0, microsecond=0) + timedelta(minutes=1)
    apps.returning_user(
        bedtime=due.strftime("%H:%M"),
        evening_lead_min=0,
        water_enabled=False,
        checkin_enabled=False,
        **settings,
    )
    return due


def _start(apps: Apps, dunst: Dunst) -> subprocess.Popen[bytes]:
    proc = start_app(["--tray"], apps.home, dunst.env)
    apps.procs.append(proc)
    return proc


def _wait_seconds(due: datetime) -> float:
    return (due - datetime.now().astimezone()).total_seconds() + 30


def _notification_arrives(
    apps: Apps, dunst: Dunst, screens: Screens
) -> tuple[subprocess.Popen[bytes], str]:
    """With the setting on ``notifications``: the reminder reaches dunst, as dunst saw it."""
    due = _evening_due_soon(apps, reminder_display="notifications")
    app = _start(apps, dunst)
    wait_until(
        lambda: dunst.count("displayed") == 1, _wait_seconds(due), "the notification", alive=app
    )
    assert datetime.now().astimezone() >= due - timedelta(seconds=1), "not before its time"
    screens.save("dunst-notification")
    (printed,) = dunst.printed("Nightstretch")
    return app, printed


def test_a_notification_on_dunst_has_our_icon_and_is_no_answer_when_dunst_closes_it(
    apps: Apps, screens: Screens, dunst: Dunst
) -> None:
    app, printed = _notification_arrives(apps, dunst, screens)
    assert "urgency: NORMAL" in printed
    assert "timeout: 0" in printed  # persistent: our own five minutes decide
    for action in ('"start-now": "Start now"', '"snooze": "In 10 min"', '"default": "Start now"'):
        assert action in printed

    dunst.ctl("close")  # what a left click does on dunst: NotificationClosed, reason 2
    wait_until(lambda: dunst.count("history") == 1, 10, "the notification in dunst's history")
    (entry,) = dunst.history()
    assert entry["appname"] == "Nightstretch"
    assert entry["summary"] == "Time for your calf stretch"
    assert Path(entry["icon_path"]) == ICON
    assert entry["default_action_name"] == "default"
    log = apps.home / "logs" / "nightstretch.log"
    wait_until(
        lambda: "(reason 2); still answerable" in log.read_text(errors="replace"),
        10,
        "the app to hear that dunst closed it",
        alive=app,
    )
    events = _events(apps.home)
    assert ("evening", "shown") in events
    assert ("evening", "ignored") not in events  # dunst closing it was no answer


def test_a_click_on_the_notification_starts_the_routine_and_closes_it(
    xsession: XSession, apps: Apps, screens: Screens, dunst: Dunst
) -> None:
    app, _ = _notification_arrives(apps, dunst, screens)
    dunst.ctl("action", "0")  # the default action, as a click on its body
    xsession.wait_for_window("^Before-bed calf stretch — Nightstretch$", alive=app)
    wait_until(lambda: dunst.count("displayed") == 0, 10, "the answered notification closed")
    screens.save("player-from-the-notification")
    wait_until(lambda: ("evening", "started") in _events(apps.home), 10, "the answer logged")


def test_on_dunst_auto_shows_the_card_instead(
    xsession: XSession, apps: Apps, screens: Screens, dunst: Dunst
) -> None:
    due = _evening_due_soon(apps)  # reminder_display left at "auto"
    app = _start(apps, dunst)
    card = xsession.wait_for_window(
        "^Nightstretch reminder$", timeout=_wait_seconds(due), alive=app
    )
    screens.save("card-on-dunst")
    assert dunst.count("displayed") == 0 and dunst.count("history") == 0
    assert dunst.printed("Nightstretch") == []
    assert xsession.window_geometry(card).width > 0
    log = (apps.home / "logs" / "nightstretch.log").read_text(errors="replace")
    assert "keeps buttons in a menu" in log
