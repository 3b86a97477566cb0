"""Bad nights for the software: killed mid-routine, and damaged files at start."""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest

from tests.e2e.conftest import Apps, Screens
from tests.e2e.support import history, logbook_path, sessions
from tests.xsession import XSession, run_cli, start_app, stop_app, wait_until

pytestmark = pytest.mark.e2e


def lock_owner(home: Path) -> int | None:
    """The PID written in the single-instance lock file (QLockFile's first line)."""
    lock = home / "run" / "nightstretch.lock"
    if not lock.exists():
        return None
    first = lock.read_text(errors="replace").splitlines()[:1]
    return int(first[0]) if first and first[0].isdigit() else None


def app_log(home: Path) -> str:
    log = home / "logs" / "nightstretch.log"
    return log.read_text(errors="replace") if log.exists() else ""


def damage(home: Path) -> tuple[bytes, bytes, bytes]:
    """A logbook of random bytes, settings that are not JSON, a routine that is not TOML."""
    garbage = random.Random(7).randbytes(8192)
    db = logbook_path(home)
    db.parent.mkdir(parents=True)
    db.write_bytes(garbage)
    settings = home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    bad_settings = b'{"bedtime": "22:30", "water_goal_ml": \n'
    settings.write_bytes(bad_settings)
    routine = home / "config" / "routines" / "my-stretch.toml"
    routine.parent.mkdir(parents=True)
    bad_routine = b'id = "my-stretch"\ntitle = "My stretch"\n[[steps]]\ntitle = \n'
    routine.write_bytes(bad_routine)
    return garbage, bad_settings, bad_routine


def test_sigkill_mid_routine_then_start_again(
    xsession: XSession, apps: Apps, screens: Screens
) -> None:
    x = xsession
    home = apps.home
    apps.returning_user()
    first = apps.start("start", "quick-calf")
    player = x.wait_for_window("^Quick calf stretch — Nightstretch$", alive=first)
    wait_until(lambda: sessions(home), 20, "the session row", alive=first)
    logged = run_cli(["log", "water", "250"], home, x.env)  # while the app runs
    assert logged.returncode == 0, logged.stderr
    assert lock_owner(home) == first.pid
    screens.save("player-before-sigkill")

    first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=30) == -signal.SIGKILL
    x.wait_for_window_gone(player)
    assert lock_owner(home) == first.pid, "the dead process's lock is left behind"

    second = apps.start()
    x.wait_for_window("^Nightstretch$", alive=second)
    x.tray_icon_position()
    screens.save("started-again-after-sigkill")
    wait_until(lambda: lock_owner(home) == second.pid, 20, "the stale lock taken over")
    assert second.poll() is None

    rows = sessions(home)
    assert [(r["routine_id"], r["status"], r["ended_utc"]) for r in rows] == [
        ("quick-calf", "partial", None)
    ]
    night = next(
        n for n in history(home, x.env)["nights"] if n["night_date"] == rows[0]["night_date"]
    )
    assert (night["routine"], night["sessions"], night["water_ml"]) == ("partial", 1, 250)
    # The restarted app still takes commands from a later start.
    again = run_cli(["start", "quick-calf"], home, x.env)
    assert again.returncode == 0, again.stderr
    x.wait_for_window("^Quick calf stretch — Nightstretch$", alive=second)
    screens.save("player-in-restarted-app")


def test_damaged_files_are_reported_and_kept(
    xsession: XSession, apps: Apps, screens: Screens
) -> None:
    x = xsession
    home = apps.home
    garbage, bad_settings, bad_routine = damage(home)
    db = logbook_path(home)
    settings = home / "config" / "settings.json"
    routine = home / "config" / "routines" / "my-stretch.toml"

    app = apps.start()
    # A damaged settings file is not a first start: no welcome, the notices come at once.
    x.wait_for_window("^Nightstretch$", alive=app)
    x.tray_icon_position()
    assert not x.visible_windows("^Welcome — Nightstretch$")
    screens.save("notices-for-damaged-files")
    assert app.poll() is None, "the app comes up"

    # She is told about each problem: the control window lists them (see the screenshot)
    # and the log has the same words.
    log = app_log(home)
    assert "The logbook could not be read" in log
    assert "Settings:" in log and "settings.json" in log
    assert "Routine not loaded:" in log and "my-stretch.toml" in log

    # Nothing bad is thrown away.
    kept_db = [p for p in db.parent.iterdir() if "corrupt" in p.name and p.suffix == ".db"]
    assert [p.read_bytes() for p in kept_db] == [garbage]
    kept_settings = list(settings.parent.glob("settings.bad-*.json"))
    assert [p.read_bytes() for p in kept_settings] == [bad_settings]
    assert routine.read_bytes() == bad_routine

    # A fresh logbook works at once.
    logged = run_cli(["log", "water"], home, x.env)
    assert logged.returncode == 0, logged.stderr


def test_notices_make_the_control_window_taller(
    xsession: XSession, apps: Apps, screens: Screens, tmp_path: Path
) -> None:
    """Three notices need room: the window must be taller than with none."""
    x = xsession
    (tmp_path / "clean-home" / "config").mkdir(parents=True)
    (tmp_path / "clean-home" / "config" / "settings.json").write_text('{"onboarding_done": true}')
    clean = start_app([], tmp_path / "clean-home", x.env)
    try:
        window = x.wait_for_window("^Nightstretch$", alive=clean)
        plain = x.window_geometry(window).height
    finally:
        stop_app(clean)
    x.wait_for_window_gone(window)
    damage(apps.home)
    app = apps.start()
    window = x.wait_for_window("^Nightstretch$", alive=app)
    screens.save("control-window-with-notices")
    assert x.window_geometry(window).height >= plain + 3 * 20
