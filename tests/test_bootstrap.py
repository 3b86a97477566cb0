# mypy: disable-error-code="comparison-overlap, unreachable"
# (signals change what an assert just checked; mypy's narrowing cannot see that)
"""The composition root wired with a temporary home: each path a person takes, end to end
inside one process (tray, reminders, card, logging, windows, settings, onboarding)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nightstretch.bootstrap import NO_TRAY_HINT, NightstretchApp, build_services
from nightstretch.core import safety
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.core.reminders import Due, ReminderAction, ReminderKind
from nightstretch.services.notifier import CardNotifier
from nightstretch.store.logbook import Logbook
from nightstretch.store.paths import AppPaths
from nightstretch.ui.onboarding import OnboardingResult
from nightstretch.ui.player_window import PlayerWindow
from nightstretch.ui.reminder_card import ReminderCard
from nightstretch.ui.tray import TrayState
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

# The offscreen platform cannot raise windows, and this machine has no sound server.
pytestmark = pytest.mark.qt_log_ignore(
    r"does not support (raise|propagateSizeHints)",
    r"PulseAudioService",
    r"systemTrayWindowChanged",  # offscreen has no tray host
)

EVENING = datetime(2026, 11, 21, 21, 59, 30, tzinfo=UTC)  # reminder due 22:00 (22:30 - 30)


def _write_settings(home: Path, **values: object) -> None:
    paths = AppPaths.resolve(home)
    paths.ensure()
    paths.settings_file.write_text(json.dumps({"onboarding_done": True, **values}))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(EVENING)


@pytest.fixture
def make_app(qtbot: QtBot, home: Path, clock: FakeClock) -> Iterator[Callable[[], NightstretchApp]]:
    made: list[NightstretchApp] = []

    def make() -> NightstretchApp:
        services = build_services(AppPaths.resolve(home), clock)
        qapp = QApplication.instance()
        assert isinstance(qapp, QApplication)
        app = NightstretchApp(
            qapp,
            services,
            notifier_prefer="card",
            card_timeout_ms=60_000,
            zone=UTC,  # the machine's zone must not matter here
        )
        made.append(app)
        return app

    yield make
    for app in made:
        app.shutdown()
        for window in QApplication.topLevelWidgets():
            window.close()
        if app.services.logbook is not None:
            book(app).close()


@pytest.fixture
def app(make_app: Callable[[], NightstretchApp], home: Path) -> NightstretchApp:
    _write_settings(home)
    return make_app()


def book(app: NightstretchApp) -> Logbook:
    assert app.services.logbook is not None
    return app.services.logbook


def next_due(app: NightstretchApp) -> Due:
    due = app.reminders.next_due()
    assert due is not None
    return due


def shown_card(app: NightstretchApp) -> ReminderCard | None:
    assert isinstance(app.notifier, CardNotifier)
    assert app.notifier.card is None or isinstance(app.notifier.card, ReminderCard)
    return app.notifier.card


def card(app: NightstretchApp) -> ReminderCard:
    shown = shown_card(app)
    assert shown is not None
    return shown


def _fire_due(app: NightstretchApp, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    app.reminders.wake()


def test_tray_menu_lists_every_action_and_the_routines(app: NightstretchApp) -> None:
    assert app.tray.action_texts() == [
        "Start routine",
        "Cramp rescue",
        "Log water (+1 glass)",
        "Log a cramp…",
        "Pause reminders",
        "History",
        "Settings",
        "Warning signs",
        "Open Nightstretch",
        "Quit",
    ]
    start_menu = app.tray.menu.actions()[0].menu()
    assert isinstance(start_menu, QMenu)
    titles = [a.text() for a in start_menu.actions()]
    assert any(t.startswith("Before-bed calf stretch (") for t in titles)
    assert len(titles) == 4


def test_forwarded_start_opens_the_player_once(app: NightstretchApp) -> None:
    app.handle_message({"command": "start", "routine": "quick-calf"})
    first = app.windows.player
    assert first is not None and first.window.isVisible()
    assert first.run.routine.id == "quick-calf"
    app.handle_message({"command": "start", "routine": "pre-bed-calf"})
    assert app.windows.player is first  # one player at a time: brought forward, not replaced
    sessions = book(app).sessions()
    assert [s.routine_id for s in sessions] == ["quick-calf"]


def test_unknown_forwarded_routine_shows_home(app: NightstretchApp) -> None:
    app.handle_message({"command": "start", "routine": "nope"})
    assert app.windows.player is None
    assert app.windows.home is not None and app.windows.home.isVisible()


def test_rescue_from_the_tray_ends_with_the_warning_signs(app: NightstretchApp) -> None:
    app.tray.rescue_requested.emit()
    assert app.windows.player is not None and app.windows.player.run.routine.id == "cramp-rescue"
    assert app.windows.warnings is None
    window = app.windows.player.window
    assert isinstance(window, PlayerWindow)
    app.windows.player.run.ended.emit("finished")
    # On the player's last screen, under "How do your legs feel?": not a window over it.
    assert app.windows.warnings is None
    assert not window.warning_panel.isHidden()


def test_the_end_of_cramp_rescue_logs_the_cramp_at_its_start(
    app: NightstretchApp, clock: FakeClock
) -> None:
    app.tray.rescue_requested.emit()
    assert app.windows.player is not None
    window = app.windows.player.window
    assert isinstance(window, PlayerWindow)
    clock.advance(180)  # the rescue takes its three minutes
    app.windows.player.run.ended.emit("finished")
    assert not window.log_cramp_button.isHidden()  # on the last screen, with the signs
    window.log_cramp_button.click()
    dialog = app.windows.cramp_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.happened() == EVENING.replace(second=0)  # when the rescue started


def test_log_this_cramp_is_not_offered_after_an_ordinary_routine(app: NightstretchApp) -> None:
    app.handle_message({"command": "start", "routine": "quick-calf"})
    assert app.windows.player is not None
    window = app.windows.player.window
    assert isinstance(window, PlayerWindow)
    app.windows.player.run.ended.emit("finished")
    assert window.log_cramp_button.isHidden()


@pytest.mark.parametrize("home_first", [False, True])
def test_no_tray_host_offers_the_control_window_with_a_gnome_hint(
    app: NightstretchApp, home_first: bool
) -> None:
    if home_first:
        app.windows.show_home()
    app._check_tray()  # offscreen has no tray host
    assert app.windows.no_tray
    assert app.windows.home is not None and app.windows.home.isVisible()
    assert [label.text() for label in app.windows.home.notice_labels].count(NO_TRAY_HINT) == 1


def test_warning_signs_window(app: NightstretchApp) -> None:
    window = app.windows.show_warning_signs()
    text = window.body.text()
    for sign in safety.CLOT_SIGNS:
        assert sign in text
    assert window.body.accessibleDescription() == safety.as_text()
    assert app.windows.show_warning_signs() is window


def test_the_evening_reminder_shows_a_card_and_start_now_opens_the_player(
    app: NightstretchApp, clock: FakeClock
) -> None:
    app.start(tray_only=True)
    assert next_due(app).kind is ReminderKind.EVENING
    assert "Calf stretch at 22:00" in app.tray.icon.toolTip()
    _fire_due(app, clock, 30)
    card = shown_card(app)
    assert card is not None and card.isVisible()
    assert app.tray.state is TrayState.DUE
    key = card.current_key
    card.acted.emit(key, ReminderAction.START_NOW.value)
    assert app.windows.player is not None and app.windows.player.run.routine.id == "pre-bed-calf"
    assert app.tray.state is TrayState.NORMAL
    events = [(e.kind, e.event) for e in book(app).reminder_events()]
    assert ("evening", "shown") in events and ("evening", "started") in events


def test_in_ten_minutes_comes_back_ten_minutes_later(
    app: NightstretchApp, clock: FakeClock
) -> None:
    app.start(tray_only=True)
    _fire_due(app, clock, 30)
    card(app).acted.emit(card(app).current_key, "snooze")
    due = next_due(app)
    assert due.kind is ReminderKind.EVENING
    assert due.at == clock.now() + timedelta(minutes=10)


def test_already_done_records_a_session_by_hand(app: NightstretchApp, clock: FakeClock) -> None:
    app.start(tray_only=True)
    _fire_due(app, clock, 30)
    card(app).acted.emit(card(app).current_key, "already-done")
    (session,) = book(app).sessions()
    assert session.source == "manual" and session.routine_id == "pre-bed-calf"


def test_water_from_the_tray_is_logged_and_counted(app: NightstretchApp) -> None:
    app.tray.water_requested.emit()
    (row,) = book(app).water()
    assert row.ml == 250
    assert app.reminders.water_today_ml == 250
    assert app.status_view().water_ml == 250


def test_pause_from_the_tray_shows_paused_and_resume_restores(app: NightstretchApp) -> None:
    app.start(tray_only=True)
    app.tray.pause_requested.emit("hour")
    assert app.tray.state is TrayState.PAUSED
    assert "paused until 22:59" in app.tray.icon.toolTip()
    assert app.status_view().paused_until == "22:59"
    app.tray.resume_requested.emit()
    assert app.tray.state is not TrayState.PAUSED


def test_a_cramp_with_a_warning_sign_is_saved_and_the_signs_shown(
    app: NightstretchApp, clock: FakeClock
) -> None:
    dialog = app.windows.show_cramp_dialog()
    entry = CrampEntry(
        happened=clock.now() - timedelta(hours=1), leg="left", severity=6, swelling=True
    )
    dialog.submitted.emit(entry)
    (row,) = book(app).cramps()
    assert row.swelling == 1
    assert app.windows.warnings is not None and app.windows.warnings.isVisible()
    assert not dialog.isVisible()


def test_history_opens_with_what_was_logged(app: NightstretchApp) -> None:
    app.tray.water_requested.emit()
    window = app.windows.show_history()
    assert window is not None and window.isVisible()
    assert app.windows.history is not None
    controller, _ = app.windows.history
    assert any(item.ref.kind == "water" for item in controller.view.entries)


def test_settings_changes_reschedule_the_reminders_at_once(app: NightstretchApp) -> None:
    app.start(tray_only=True)
    before = next_due(app)
    assert app.settings.update(bedtime="23:30") == []
    after = next_due(app)
    assert after.kind is ReminderKind.EVENING
    assert after.at - before.at == timedelta(hours=1)
    assert "Calf stretch at 23:00" in app.tray.icon.toolTip()


def test_first_start_shows_onboarding_and_its_answers_are_saved(
    make_app: Callable[[], NightstretchApp], home: Path
) -> None:
    app = make_app()
    app.start()
    assert app.windows.onboarding is not None and app.windows.onboarding.isVisible()
    app.windows.onboarding.finished_onboarding.emit(
        OnboardingResult(
            bedtime="23:00", reminders_on=True, water_on=False, due_date="2027-02-20", week=0
        )
    )
    saved = json.loads(AppPaths.resolve(home).settings_file.read_text())
    assert saved["onboarding_done"] is True
    assert saved["bedtime"] == "23:00" and saved["water_enabled"] is False
    assert saved["due_date"] == "2027-02-20"
    assert app.windows.home is not None and app.windows.home.isVisible()
    assert "Week 27" in app.tray.icon.toolTip()


def test_a_tray_start_after_onboarding_opens_no_window(
    make_app: Callable[[], NightstretchApp], home: Path
) -> None:
    _write_settings(home)
    app = make_app()
    app.start(tray_only=True)
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []


def test_two_weeks_past_the_due_date_asks_once(
    make_app: Callable[[], NightstretchApp], home: Path, qtbot: QtBot
) -> None:
    _write_settings(home, due_date="2026-11-01")
    app = make_app()
    app.start(tray_only=True)
    qtbot.waitUntil(lambda: app.windows.past_due is not None and app.windows.past_due.isVisible())
    assert app.windows.past_due is not None
    app.windows.past_due.postpartum_chosen.emit()
    saved = json.loads(AppPaths.resolve(home).settings_file.read_text())
    assert saved["postpartum"] is True and saved["past_due_asked"] is True
    assert "Week" not in app.tray.icon.toolTip()


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


def test_a_finished_players_window_is_freed_when_the_next_opens(
    app: NightstretchApp, qtbot: QtBot
) -> None:
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    first = app.windows.open_routine("quick-calf")
    assert first is not None
    window, run = first.window, first.run
    window.close()
    app.windows.open_routine("quick-calf")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)
    assert not shiboken6.isValid(run)
    assert app.windows.player is not None and app.windows.player.window.isVisible()


def test_the_control_window_offers_start_at_login_while_reminders_would_stop(
    app: NightstretchApp,
) -> None:
    """Issue 12: reminders on and "Start at login" off is said, with a one-click fix."""
    home = app.windows.show_home()
    assert not app.settings_now.autostart
    assert home.login_row.isVisibleTo(home)
    home.autostart_requested.emit()
    assert app.settings_now.autostart
    assert not home.login_row.isVisibleTo(home)
