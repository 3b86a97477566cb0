"""The composition root wired with a temporary home: tray, forwarding, fallback window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core import safety
from app.core.clock import FakeClock
from app.services.application import NO_TRAY_HINT, NightstretchApp, build_services
from app.store.paths import AppPaths

# The offscreen platform cannot raise windows, and this machine has no sound server.
pytestmark = pytest.mark.qt_log_ignore(
    r"does not support (raise|propagateSizeHints)", r"PulseAudioService"
)


@pytest.fixture
def app(qtbot, home: Path):
    services = build_services(AppPaths.resolve(home), FakeClock())
    nightstretch = NightstretchApp(QApplication.instance(), services)
    yield nightstretch
    for window in (nightstretch.home, nightstretch.warnings):
        if window is not None:
            window.close()
    if nightstretch.player is not None:
        nightstretch.player.window.close()
    nightstretch.tray.hide()
    if services.logbook is not None:
        services.logbook.close()


def test_tray_menu_lists_routines_and_rescue_first_class(app) -> None:
    assert app.tray.action_texts() == [
        "Start routine",
        "Cramp rescue",
        "Open Nightstretch",
        "Warning signs",
        "Quit",
    ]
    start_menu = app.tray.menu.actions()[0].menu()
    titles = [a.text() for a in start_menu.actions()]
    assert any(t.startswith("Before-bed calf stretch (") for t in titles)
    assert len(titles) == 4


def test_forwarded_start_opens_the_player_once(app, qtbot) -> None:
    app.handle_message({"command": "start", "routine": "quick-calf"})
    first = app.player
    assert first is not None and first.window.isVisible()
    assert first.run.routine.id == "quick-calf"
    app.handle_message({"command": "start", "routine": "pre-bed-calf"})
    assert app.player is first  # one player at a time: brought forward, not replaced
    sessions = app.services.logbook.sessions()
    assert [s.routine_id for s in sessions] == ["quick-calf"]


def test_unknown_forwarded_routine_shows_home(app) -> None:
    app.handle_message({"command": "start", "routine": "nope"})
    assert app.player is None
    assert app.home is not None and app.home.isVisible()


def test_rescue_from_the_tray(app) -> None:
    app.tray.rescue_requested.emit()
    assert app.player is not None and app.player.run.routine.id == "cramp-rescue"


@pytest.mark.parametrize("home_first", [False, True])
def test_no_tray_host_offers_the_control_window_with_a_gnome_hint(app, home_first) -> None:
    if home_first:
        app.show_home()
    app._check_tray()  # offscreen has no tray host
    assert app.no_tray
    assert app.home is not None and app.home.isVisible()
    assert [label.text() for label in app.home.notice_labels].count(NO_TRAY_HINT) == 1


def test_warning_signs_window(app) -> None:
    window = app.show_warning_signs()
    text = window.body.text()
    for sign in safety.CLOT_SIGNS:
        assert sign in text
    assert "Contact your midwife or doctor now" in text
    assert window.body.accessibleDescription() == safety.as_text()
    assert app.show_warning_signs() is window


def test_corrupt_logbook_is_moved_aside_and_told(home: Path) -> None:
    paths = AppPaths.resolve(home)
    paths.ensure()
    paths.logbook.write_bytes(b"not a logbook at all" * 200)
    services = build_services(paths, FakeClock())
    assert services.logbook is not None
    try:
        (notice,) = [n for n in services.notices if "fresh one was started" in n]
        kept = Path(notice.rsplit("kept as ", 1)[1].rstrip("."))
        assert kept.read_bytes() == b"not a logbook at all" * 200
        assert services.logbook.sessions() == []
    finally:
        services.logbook.close()
