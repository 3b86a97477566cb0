"""A second ``nightstretch`` hands its command to the running one: one app, one tray icon."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Apps, Screens
from tests.xsession import XSession, run_cli

pytestmark = pytest.mark.e2e


def test_second_start_plays_in_the_running_instance(
    xsession: XSession, apps: Apps, screens: Screens
) -> None:
    x = xsession
    apps.returning_user()
    app = apps.start()
    x.wait_for_window("^Nightstretch$", alive=app)
    x.tray_icon_position()
    icons_before = len(x.tray_icons())

    second = run_cli(["start", "quick-calf"], apps.home, x.env, timeout=30)
    assert second.returncode == 0, second.stderr
    player = x.wait_for_window("^Quick calf stretch — Nightstretch$", alive=app)
    screens.save("player-from-second-start")
    owner = x.run(["xdotool", "getwindowpid", str(player)]).strip()
    assert owner == str(app.pid), "the player belongs to the first process"
    assert app.poll() is None
    assert len(x.tray_icons()) == icons_before, "no second tray icon"
