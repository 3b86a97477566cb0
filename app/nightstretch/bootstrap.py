"""The composition root: the one place that builds every object and connects them.

Nothing else creates services or windows, and no object looks another up globally;
each gets what it needs here, which is also what the tests do with fakes. It is the one
module allowed to import the ui floor: it sits on top of the house, not inside a floor.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QMessageLogContext,
    QTimer,
    QtMsgType,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from nightstretch import __version__
from nightstretch.core import entries, resources
from nightstretch.core.clock import Clock, SystemClock, night_of
from nightstretch.core.entries import CrampEntry
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.reminder_text import ReminderContext, message_for
from nightstretch.core.reminders import Due, ReminderKind
from nightstretch.core.routine import Kind, Routine, format_duration
from nightstretch.core.routine_loader import Catalogue, load_catalogue
from nightstretch.core.theme import use_night_theme
from nightstretch.core.timeline import routine_length_s
from nightstretch.services.audio import (
    CueSounds,
    QtCueSounds,
    QtSpeaker,
    SilentSounds,
    SilentSpeaker,
    Speaker,
)
from nightstretch.services.errors import install_excepthook
from nightstretch.services.notifier import CardNotifier, DBusNotifier, choose_notifier
from nightstretch.services.qt_env import startup_problem
from nightstretch.services.reminders import ReminderService
from nightstretch.services.settings_service import SettingsService
from nightstretch.services.single_instance import InstanceError, SingleInstance
from nightstretch.store.autostart import Autostart
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.logs import setup_logging
from nightstretch.store.paths import AppPaths
from nightstretch.store.settings import Settings, SettingsFile, reminder_config
from nightstretch.ui.routine_entry import RoutineEntry
from nightstretch.ui.tray import Tray, TrayState

if TYPE_CHECKING:  # windows are imported when first opened: less to load at login
    from nightstretch.core.history_view import EntryEdit, EntryRef
    from nightstretch.services.history import HistoryController
    from nightstretch.services.routine_run import RoutineRun
    from nightstretch.ui.about_dialog import AboutDialog
    from nightstretch.ui.cramp_dialog import CrampDialog
    from nightstretch.ui.history_window import HistoryWindow
    from nightstretch.ui.home_window import HomeWindow
    from nightstretch.ui.onboarding import OnboardingResult, OnboardingWindow
    from nightstretch.ui.past_due_dialog import PastDueDialog
    from nightstretch.ui.player_window import PlayerWindow
    from nightstretch.ui.reminder_card import ReminderCard
    from nightstretch.ui.settings_dialog import SettingsDialog
    from nightstretch.ui.status_popup import StatusPopup, StatusView
    from nightstretch.ui.theme import Colors
    from nightstretch.ui.warning_window import WarningSignsWindow

log = logging.getLogger(__name__)

TRAY_GRACE_MS = 5000
"""How long a tray host may take to appear before the control window is offered."""
NO_TRAY_HINT = (
    "No system tray was found, so this window stays available instead. On GNOME, the "
    '"AppIndicator and KStatusNotifierItem Support" extension adds a tray.'
)
STREAK_LOOKBACK_NIGHTS = 120
"""How far the status popup looks back for the current streak."""
REPORT_WEEKS = 4
"""What "Make a report…" covers: the weeks since a typical previous appointment."""
VOICE_TEST = "This is how Nightstretch will talk you through a routine."

_KIND_LABEL = {
    ReminderKind.EVENING: "Calf stretch",
    ReminderKind.FOLLOWUP: "Calf stretch",
    ReminderKind.WATER: "Water",
    ReminderKind.CHECKIN: "Morning check-in",
    ReminderKind.MOVEMENT: "Movement break",
}


@dataclass
class Services:
    """What the windows' controllers need; tests build one with fakes."""

    paths: AppPaths
    clock: Clock
    settings: Settings
    catalogue: Catalogue
    logbook: Logbook | None
    sounds: CueSounds
    speaker: Speaker
    notices: list[str] = field(default_factory=list)
    first_run: bool = False
    """No settings file yet: the welcome pages are due (a damaged file is not a first run)."""


def make_sounds(settings: Settings) -> CueSounds:
    return QtCueSounds(resources.asset("sounds")) if settings.sound else SilentSounds()


def make_speaker(settings: Settings) -> Speaker:
    if not settings.voice:
        return SilentSpeaker()
    return QtSpeaker(settings.voice_engine, settings.voice_rate)


def build_services(paths: AppPaths, clock: Clock | None = None) -> Services:
    paths.ensure()
    clock = clock or SystemClock()
    notices: list[str] = []
    first_run = not paths.settings_file.exists()
    loaded = SettingsFile(paths.settings_file).load()
    notices.extend(f"Settings: {line}" for line in loaded.notices())
    catalogue = load_catalogue(
        resources.routines_dir(), resources.assets_dir(), [paths.user_routines_dir]
    )
    for error in catalogue.errors:
        notices.extend(f"Routine not loaded: {line}" for line in error.lines)
    notices.extend(catalogue.notices)
    logbook: Logbook | None
    try:
        logbook = Logbook(paths.logbook, clock.now())
        if logbook.moved_aside is not None:
            notices.append(
                "The logbook could not be read, so a fresh one was started. "
                f"The old file was kept as {logbook.moved_aside}."
            )
    except LogbookError as exc:
        log.error("logbook unavailable: %s", exc)
        notices.append(f"{exc} Routines still play, but nothing is saved.")
        logbook = None
    settings = loaded.settings
    for notice in notices:
        log.warning("%s", notice)
    return Services(
        paths,
        clock,
        settings,
        catalogue,
        logbook,
        make_sounds(settings),
        make_speaker(settings),
        notices,
        first_run,
    )


class PlayerController:
    """Connects one RoutineRun to one PlayerWindow; lives as long as the window."""

    def __init__(self, run: RoutineRun, window: PlayerWindow) -> None:
        self.run = run
        self.window = window
        window.pause_toggled.connect(run.toggle_pause)
        window.next_requested.connect(run.next)
        window.previous_requested.connect(run.previous)
        window.stop_requested.connect(run.request_stop)
        window.stop_cancelled.connect(run.cancel_stop)
        window.stop_confirmed.connect(self._stop_and_close)
        window.feeling_chosen.connect(run.choose_feeling)
        window.closed.connect(self._window_closed)
        run.changed.connect(self._render)
        run.notice.connect(window.show_notice)

    def _render(self) -> None:
        self.window.show_view(self.run.view(), self.run.feeling)

    def _stop_and_close(self) -> None:
        self.run.stop()
        self.window.close()

    def _window_closed(self) -> None:
        """Closing mid-routine is a stop: the session is kept as partial."""
        self.run.stop()

    def dispose(self) -> None:
        """Break the window <-> run connections so both are freed (Python cannot see them).

        Without this every routine played kept its window, pictures and timer alive.
        """
        for signal in (self.run.changed, self.run.notice, self.run.ended):
            signal.disconnect()
        self.window.deleteLater()
        self.run.deleteLater()


class NightstretchApp:
    """Owns the tray, the reminder service and every window, and forwards between them."""

    def __init__(
        self,
        qapp: QApplication,
        services: Services,
        *,
        autostart: Autostart | None = None,
        notifier_prefer: str = "auto",
        card_timeout_ms: int = 5 * 60 * 1000,
    ) -> None:
        self.qapp = qapp
        self.services = services
        self.autostart = autostart
        self.player: PlayerController | None = None
        self.home: HomeWindow | None = None
        self.warnings: WarningSignsWindow | None = None
        self.history: tuple[HistoryController, HistoryWindow] | None = None
        self.cramp_dialog: CrampDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.onboarding: OnboardingWindow | None = None
        self.about: AboutDialog | None = None
        self.past_due: PastDueDialog | None = None
        self.no_tray = False
        self._card_timeout_ms = card_timeout_ms
        self._pending_checkin_night: str | None = None
        self._voice_tester: QtSpeaker | None = None

        self.settings = SettingsService(
            SettingsFile(services.paths.settings_file), services.settings
        )
        self.settings.changed.connect(self._settings_changed)

        self.reminders = ReminderService(
            services.clock,
            services.logbook,
            reminder_config(services.settings),
            evening_routine=services.settings.evening_routine,
            glass_ml=services.settings.glass_ml,
        )
        self.notifier: CardNotifier | DBusNotifier = choose_notifier(
            self._make_card,
            prefer=services.settings.reminder_display
            if notifier_prefer == "auto"
            else notifier_prefer,
            timeout_ms=card_timeout_ms,
        )
        log.info("reminders shown through the %s notifier", self.notifier.name)
        self.reminders.due.connect(self._show_reminder)
        self.reminders.withdrawn.connect(self.notifier.withdraw)
        self.reminders.state_changed.connect(self.refresh_status)
        self.reminders.start_requested.connect(self._start_from_reminder)
        self.reminders.log_cramp_requested.connect(self._log_cramp_for_checkin)
        self.reminders.problem.connect(self.tell)
        self.notifier.acted.connect(self._reminder_answered)

        self.tray = Tray(resources.asset("icons"), self._entries(), self._rescue_id())
        self.tray.set_available(history=services.logbook is not None, settings=True, cramp=True)
        self.tray.start_requested.connect(self.open_routine)
        self.tray.rescue_requested.connect(self._open_rescue)
        self.tray.open_requested.connect(self.show_home)
        self.tray.status_requested.connect(self.show_status)
        self.tray.water_requested.connect(self.log_water)
        self.tray.cramp_log_requested.connect(self.show_cramp_dialog)
        self.tray.pause_requested.connect(self.pause_reminders)
        self.tray.resume_requested.connect(self.reminders.resume)
        self.tray.history_requested.connect(self.show_history)
        self.tray.settings_requested.connect(self.show_settings)
        self.tray.warning_signs_requested.connect(self.show_warning_signs)
        self.tray.quit_requested.connect(self.qapp.quit)
        self._tray_check = QTimer()
        self._tray_check.setSingleShot(True)
        self._tray_check.timeout.connect(self._check_tray)
        self.popup: StatusPopup | None = None  # built on the first click

    # -- small shared helpers ------------------------------------------------------------

    @property
    def settings_now(self) -> Settings:
        return self.settings.settings

    def _night(self) -> bool:
        return use_night_theme(self.settings_now.theme, self.services.clock.now())

    def _colors(self) -> Colors:
        from nightstretch.ui.theme import colors_for  # only windows need colours

        return colors_for(self._night())

    def _today(self) -> date:
        return self.services.clock.now().date()

    def _pregnancy(self) -> Pregnancy:
        return Pregnancy.from_settings(self.settings_now)

    def _make_card(self) -> ReminderCard:
        from nightstretch.ui.reminder_card import ReminderCard

        return ReminderCard(
            self._colors(), self.settings_now.font_scale, timeout_ms=self._card_timeout_ms
        )

    def _entries(self) -> list[RoutineEntry]:
        return [
            RoutineEntry(
                r.id,
                r.title,
                r.summary,
                format_duration(routine_length_s(r)),
                r.kind is Kind.RESCUE,
            )
            for r in self.services.catalogue.routines.values()
        ]

    def _rescue_id(self) -> str | None:
        rescues = sorted(
            r.id for r in self.services.catalogue.routines.values() if r.kind is Kind.RESCUE
        )
        return "cramp-rescue" if "cramp-rescue" in rescues else next(iter(rescues), None)

    def _open_rescue(self) -> None:
        rescue = self._rescue_id()
        if rescue is not None:
            self.open_routine(rescue)

    def tell(self, text: str) -> None:
        """A short message without buttons: a tray bubble, or the control window's notices."""
        log.info("told the user: %s", text)
        if not self.no_tray and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.icon.showMessage(
                "Nightstretch", text, QSystemTrayIcon.MessageIcon.NoIcon, 6000
            )
        else:
            self.show_home().add_notice(text)

    @staticmethod
    def _raise(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    # -- start-up ------------------------------------------------------------------------

    def start(self, *, tray_only: bool = False, routine: str | None = None) -> None:
        """Tray and reminders first; then the one window this start calls for."""
        self.start_tray()
        self.reminders.start()
        self._sync_autostart(self.settings_now, self.settings_now)
        self.refresh_status()
        if routine is not None:
            QTimer.singleShot(0, lambda: self.open_routine(routine))
        elif self.services.first_run and not self.settings_now.onboarding_done and not tray_only:
            self.show_onboarding()
        elif not tray_only or self.services.notices:
            self.show_home()
        if self._pregnancy().asks_past_due(self._today()):
            QTimer.singleShot(0, self.show_past_due)

    def start_tray(self) -> None:
        """Shows the icon even without a tray host: Qt adds it when one appears."""
        if self.tray.icon.isVisible():
            return  # run_gui shows it before the rest of start(); once is enough
        self.tray.show()
        self._tray_check.start(TRAY_GRACE_MS)

    def shutdown(self) -> None:
        """Stops every timer and hides the icon; the logbook is closed by whoever opened it."""
        self._tray_check.stop()
        self.reminders.stop()
        if self.popup is not None:
            self.popup.close()
        self.tray.hide()

    def _check_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            log.warning("no system tray host after %d ms", TRAY_GRACE_MS)
            self.no_tray = True
            self.show_home().add_notice(NO_TRAY_HINT)

    def handle_message(self, message: dict[str, object]) -> None:
        """A command forwarded by a second ``nightstretch`` start."""
        if message.get("command") == "start":
            routine = message.get("routine")
            if isinstance(routine, str) and routine in self.services.catalogue.routines:
                self.open_routine(routine)
                return
            log.warning("forwarded start of unknown routine %r", routine)
        self.show_home()

    # -- reminders -----------------------------------------------------------------------

    def _show_reminder(self, due: Due) -> None:
        settings = self.settings_now
        routine = self.services.catalogue.routines.get(settings.evening_routine)
        context = ReminderContext(
            bedtime=self._bedtime_for(due),
            routine_title=routine.title if routine else "The pre-bed routine",
            routine_length=format_duration(routine_length_s(routine)) if routine else "",
            water_ml=self.reminders.water_today_ml,
            water_goal_ml=self.reminders.water_goal_ml,
        )
        self.notifier.show(message_for(due, context))
        self.refresh_status()

    def _bedtime_for(self, due: Due) -> str:
        weekday = date.fromisoformat(due.night).weekday()
        return self.reminders.config.bedtime_on(weekday).strftime("%H:%M")

    def _reminder_answered(self, key: str, action: str) -> None:
        self.reminders.act(key, action)
        self.refresh_status()
        self._refresh_history()

    def _start_from_reminder(self, routine_id: str) -> None:
        if routine_id not in self.services.catalogue.routines:
            log.warning(
                "evening routine %r is not loaded; opening the first evening one", routine_id
            )
            evenings = [
                r.id for r in self.services.catalogue.routines.values() if r.kind is Kind.EVENING
            ]
            if not evenings:
                self.show_home()
                return
            routine_id = evenings[0]
        self.open_routine(routine_id)

    def _log_cramp_for_checkin(self) -> None:
        self._pending_checkin_night = entries.last_night(self.services.clock.now())
        self.show_cramp_dialog()

    def pause_reminders(self, how: str) -> None:
        if how == "tomorrow":
            self.reminders.pause_until_tomorrow()
        else:
            self.reminders.pause(hours=1)

    def refresh_status(self) -> None:
        """Tray icon, tooltip, menu and the control window's status line."""
        paused = self.reminders.paused_until
        if paused is not None:
            state = TrayState.PAUSED
        elif self.reminders.showing():
            state = TrayState.DUE
        else:
            state = TrayState.NORMAL
        lines = ["Nightstretch"]
        if paused is not None:
            lines.append(f"Reminders paused until {self._when(paused)}")
        else:
            upcoming = self._next_reminder_text()
            if upcoming:
                lines.append(f"Next: {upcoming}")
        week = self._pregnancy().label(self._today())
        if week:
            lines.append(week)
        self.tray.set_state(state, "\n".join(lines))
        self.tray.set_paused(paused is not None)
        if self.home is not None:
            self.home.set_status(" · ".join(lines[1:]))

    def _next_reminder_text(self) -> str:
        due = self.reminders.next_due()
        if due is None:
            return ""
        return f"{_KIND_LABEL[due.kind]} at {self._when(due.at)}"

    def _when(self, moment: datetime) -> str:
        now = self.services.clock.now()
        local = moment.astimezone(now.tzinfo)
        if local.date() == now.date():
            return local.strftime("%H:%M")
        if local.date() == now.date() + timedelta(days=1):
            return f"tomorrow {local:%H:%M}"
        return f"{local:%a} {local:%H:%M}"

    def status_view(self) -> StatusView:
        from nightstretch.ui.status_popup import StatusView

        paused = self.reminders.paused_until
        return StatusView(
            next_reminder=self._next_reminder_text(),
            water_ml=self.reminders.water_today_ml,
            water_goal_ml=self.reminders.water_goal_ml,
            streak_nights=self._current_streak(),
            pregnancy=self._pregnancy().label(self._today()) or "",
            paused_until=self._when(paused) if paused is not None else "",
        )

    def _current_streak(self) -> int:
        from nightstretch.core.stats import streaks
        from nightstretch.store.nights import nights_back, summarize_nights

        book = self.services.logbook
        if book is None:
            return 0
        tonight = night_of(self.services.clock.now())
        try:
            nights = summarize_nights(book, nights_back(tonight, STREAK_LOOKBACK_NIGHTS))
        except LogbookError as exc:
            log.warning("streak unavailable: %s", exc)
            return 0
        return streaks(nights, tonight).current

    def show_status(self) -> StatusPopup:
        from nightstretch.ui.status_popup import StatusPopup

        if self.popup is None:
            self.popup = StatusPopup(self._colors(), self.settings_now.font_scale)
            self.popup.resume_requested.connect(self.reminders.resume)
        self.popup.set_colors(self._colors(), self.settings_now.font_scale)
        self.popup.show_status(self.status_view(), self.tray.icon_geometry())
        return self.popup

    # -- logging water and cramps --------------------------------------------------------

    def log_water(self) -> None:
        book = self.services.logbook
        if book is None:
            self.tell("The logbook is not available, so the glass was not saved.")
            return
        ml = self.settings_now.glass_ml
        try:
            book.add_water(ml, self.services.clock.now())
        except LogbookError as exc:
            self.tell(f"The glass was not saved: {exc}")
            return
        self.reminders.water_logged(ml)
        total = self.reminders.water_today_ml
        goal = self.reminders.water_goal_ml
        self.tell(f"One glass logged. Today: {total / 1000:.1f} of {goal / 1000:.1f} litres.")
        self._refresh_history()

    def show_cramp_dialog(self) -> CrampDialog:
        from nightstretch.ui.cramp_dialog import CrampDialog

        if self.cramp_dialog is not None and self.cramp_dialog.isVisible():
            self._raise(self.cramp_dialog)
            return self.cramp_dialog
        dialog = CrampDialog(self.services.clock, self._colors(), self.settings_now.font_scale)
        dialog.submitted.connect(lambda entry: self._save_cramp(dialog, entry))
        dialog.finished.connect(lambda _code: setattr(self, "_pending_checkin_night", None))
        self.cramp_dialog = dialog
        self._raise(dialog)
        return dialog

    def _save_cramp(self, dialog: CrampDialog, entry: CrampEntry) -> None:
        book = self.services.logbook
        if book is None:
            dialog.show_error("The logbook is not available, so this cannot be saved.")
            return
        try:
            book.add_cramp(entry, self.services.clock.now())
        except LogbookError as exc:
            dialog.show_error(f"Not saved: {exc}")
            return
        self.reminders.checkin_answered(self._pending_checkin_night or entry.night_date)
        self._pending_checkin_night = None
        dialog.accept()
        if entry.warning_signs:
            self.show_warning_signs()
        self._refresh_history()

    # -- windows -------------------------------------------------------------------------

    def show_warning_signs(self) -> WarningSignsWindow:
        from nightstretch.ui.warning_window import WarningSignsWindow

        if self.warnings is None:
            self.warnings = WarningSignsWindow(self._colors(), self.settings_now.font_scale)
        self._raise(self.warnings)
        return self.warnings

    def show_home(self) -> HomeWindow:
        from nightstretch.ui.home_window import HomeWindow

        if self.home is None:
            notices = list(self.services.notices)
            if self.no_tray:
                notices.append(NO_TRAY_HINT)
            self.home = HomeWindow(
                self._entries(), notices, self._colors(), self.settings_now.font_scale
            )
            self.home.start_requested.connect(self.open_routine)
            self.home.quit_requested.connect(self.qapp.quit)
            self.home.warning_signs_requested.connect(self.show_warning_signs)
            self.home.water_requested.connect(self.log_water)
            self.home.cramp_log_requested.connect(self.show_cramp_dialog)
            self.home.history_requested.connect(self.show_history)
            self.home.settings_requested.connect(self.show_settings)
            self.home.about_requested.connect(self.show_about)
            self.home.action_buttons["history"].setVisible(self.services.logbook is not None)
        self.refresh_status()
        self._raise(self.home)
        return self.home

    def open_routine(self, routine_id: str) -> PlayerController | None:
        """Plays a routine; if one is already open it is brought forward instead."""
        if self.player is not None and self.player.window.isVisible():
            self._raise(self.player.window)
            return self.player
        from nightstretch.services.routine_run import (
            RoutineRun,
        )  # the player's modules load on first use
        from nightstretch.ui.player_window import PlayerWindow

        if self.player is not None:
            self.player.dispose()
            self.player = None
        services = self.services
        chosen = services.catalogue.routines[routine_id]
        routine, changes = self._pregnancy().routine_for(chosen, self._today())
        if not routine.steps:
            self.tell(" ".join(changes) or f"{chosen.title} has no steps to play.")
            return None
        run = RoutineRun(
            routine, services.clock, services.logbook, services.sounds, services.speaker
        )
        window = PlayerWindow(routine.title, self._colors(), self.settings_now.font_scale)
        window.setWindowIcon(self.qapp.windowIcon())
        self.player = PlayerController(run, window)
        run.ended.connect(lambda how: self._routine_ended(routine, how))
        self._raise(window)
        run.start()
        for line in changes:
            window.show_notice(line)
        if routine.kind is Kind.EVENING:
            now = services.clock.now()
            self.reminders.routine_started(night_of(now))
        return self.player

    def _routine_ended(self, routine: Routine, how: str) -> None:
        self._refresh_history()
        if routine.kind is Kind.RESCUE and how == "finished":
            self.show_warning_signs()  # the end of Cramp rescue is when they matter

    def show_history(self) -> HistoryWindow | None:
        from nightstretch.services.history import HistoryController
        from nightstretch.ui.cramp_dialog import CrampDialog
        from nightstretch.ui.history_window import HistoryWindow

        book = self.services.logbook
        if book is None:
            self.tell("The logbook is not available, so there is no history to show.")
            return None
        if self.history is None:
            controller = HistoryController(
                book, self.services.clock, self.settings_now.water_goal_ml
            )

            def edit_cramp(entry: CrampEntry, parent: QWidget) -> CrampDialog:
                scale = self.settings_now.font_scale
                clock = self.services.clock
                return CrampDialog(clock, self._colors(), scale, entry=entry, parent=parent)

            window = HistoryWindow(
                self._colors(),
                self.settings_now.font_scale,
                save_entry=self._history_update,
                edit_cramp=edit_cramp,
            )
            controller.changed.connect(lambda: window.show_view(controller.view))
            controller.error.connect(window.show_message)
            window.delete_requested.connect(controller.delete)
            window.undo_requested.connect(controller.undo)
            window.mark_requested.connect(controller.mark_night)
            window.more_requested.connect(controller.show_more)
            window.report_requested.connect(lambda: self.make_report(window))
            window.export_requested.connect(lambda: self.export_logbook(window))
            window.backup_requested.connect(lambda: self.backup_logbook(window))
            window.restore_requested.connect(lambda: self.restore_logbook(window))
            self.history = (controller, window)
        controller, window = self.history
        controller.refresh()
        self._raise(window)
        return window

    def _history_update(self, ref: EntryRef, values: EntryEdit) -> str | None:
        """Saves an edit from History; returns why not, for the window to show."""
        assert self.history is not None  # only the History window calls this
        problem = self.history[0].save(ref, values)
        self.reminders.recheck()
        return problem

    def _refresh_history(self) -> None:
        if self.history is not None and self.history[1].isVisible():
            self.history[0].refresh()

    def show_settings(self) -> SettingsDialog:
        from nightstretch.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self._raise(self.settings_dialog)
            return self.settings_dialog
        dialog = SettingsDialog(
            self.settings_now,
            check=self.settings.check_field,
            check_together=self.settings.cross_field_problems,
            apply=self.settings.apply,
            today=self._today(),
            colors=self._colors(),
            font_scale=self.settings_now.font_scale,
            routines=[
                (r.id, r.title)
                for r in self.services.catalogue.routines.values()
                if r.kind is not Kind.RESCUE
            ],
            voice_engines=_voice_engines(),
            data_folder=str(self.services.paths.data_dir),
        )
        dialog.test_voice_requested.connect(self.test_voice)
        dialog.open_folder_requested.connect(lambda: _open_folder(self.services.paths.data_dir))
        dialog.export_requested.connect(lambda: self.export_logbook(dialog))
        dialog.backup_requested.connect(lambda: self.backup_logbook(dialog))
        dialog.restore_requested.connect(lambda: self.restore_logbook(dialog))
        self.settings_dialog = dialog
        self._raise(dialog)
        return dialog

    def show_onboarding(self) -> OnboardingWindow:
        from nightstretch.ui.onboarding import OnboardingWindow

        if self.onboarding is None:
            settings = self.settings_now
            window = OnboardingWindow(
                self._colors(),
                settings.font_scale,
                today=self._today(),
                bedtime=settings.bedtime,
            )
            window.finished_onboarding.connect(self._onboarding_done)
            window.skipped.connect(lambda: self._onboarding_done(None))
            window.test_sound_requested.connect(self.test_sound)
            window.test_voice_requested.connect(
                lambda: self.test_voice(
                    self.settings_now.voice_engine, self.settings_now.voice_rate
                )
            )
            self.onboarding = window
        self._raise(self.onboarding)
        return self.onboarding

    def _onboarding_done(self, result: OnboardingResult | None) -> None:
        changes: dict[str, object] = {"onboarding_done": True}
        if result is not None:
            changes["bedtime"] = result.bedtime
            changes["evening_enabled"] = result.reminders_on
            changes["water_enabled"] = result.water_on
            if result.due_date:
                changes.update(due_date=result.due_date, pregnancy_week=0, pregnancy_week_on="")
            elif result.week:
                changes.update(
                    due_date="",
                    pregnancy_week=result.week,
                    pregnancy_week_on=self._today().isoformat(),
                )
        problems = self.settings.update(**changes)
        if problems:
            self.tell("Some choices were not saved: " + "; ".join(problems))
        self.onboarding = None
        self.show_home()

    def show_about(self) -> AboutDialog:
        from nightstretch.ui.about_dialog import AboutDialog

        if self.about is None:
            paths = self.services.paths
            self.about = AboutDialog(
                self._colors(),
                self.settings_now.font_scale,
                version=__version__,
                folders=[
                    ("Logbook", paths.data_dir),
                    ("Settings and your routines", paths.config_dir),
                    ("Logs", paths.log_dir),
                ],
            )
            self.about.open_folder_requested.connect(_open_folder)
        self._raise(self.about)
        return self.about

    def show_past_due(self) -> PastDueDialog | None:
        from nightstretch.ui.past_due_dialog import PastDueDialog

        due = self._pregnancy().due
        if due is None:
            return None
        dialog = PastDueDialog(self._colors(), self.settings_now.font_scale, due_date=due)
        dialog.keep_chosen.connect(lambda: self.settings.update(past_due_asked=True))
        dialog.postpartum_chosen.connect(
            lambda: self.settings.update(postpartum=True, past_due_asked=True)
        )
        self.past_due = dialog
        self._raise(dialog)
        return dialog

    # -- sound tests ---------------------------------------------------------------------

    def test_sound(self) -> None:
        from nightstretch.core.cues import Sound

        sounds = QtCueSounds(resources.asset("sounds"))
        sounds.play(Sound.STEP)
        reason = sounds.unavailable_reason()
        if reason and self.onboarding is not None:
            self.onboarding.show_test_result(reason)

    def test_voice(self, engine: str, rate: float) -> None:
        if self._voice_tester is not None:
            self._voice_tester.stop()
        from nightstretch.core.cues import Utterance

        self._voice_tester = QtSpeaker(engine, rate)
        self._voice_tester.say(Utterance(VOICE_TEST, interrupt=True))
        reason = self._voice_tester.unavailable_reason()
        if reason:
            log.info("voice test: %s", reason)
            if self.onboarding is not None:
                self.onboarding.show_test_result(reason)

    # -- settings changes ----------------------------------------------------------------

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        """Live: reminders reschedule at once, sound and autostart follow."""
        self.services.settings = new
        self.reminders.apply_settings(new)
        if (old.sound, old.voice, old.voice_engine, old.voice_rate) != (
            new.sound,
            new.voice,
            new.voice_engine,
            new.voice_rate,
        ):
            self.services.sounds = make_sounds(new)
            self.services.speaker = make_speaker(new)
        self._sync_autostart(new, old)
        if self.history is not None:
            self.history[0].set_water_goal(new.water_goal_ml)
        self.refresh_status()

    def _sync_autostart(self, new: Settings, old: Settings) -> None:
        if self.autostart is None:
            return
        try:
            self.autostart.sync(new.autostart, old.autostart)
        except OSError as exc:
            self.tell(f"Start at login could not be changed: {exc.strerror or exc}")

    # -- report, export, backup, restore ---------------------------------------------------

    def make_report(self, parent: QWidget) -> Path | None:
        from nightstretch.ui import file_dialogs

        book = self.services.logbook
        if book is None:
            return None
        from nightstretch.services.report import ReportError, write_report_pdf
        from nightstretch.store.report_data import build_report_data

        stamp = self._today().isoformat()
        target = file_dialogs.ask_save_path(
            parent, "Save the report", f"nightstretch-report-{stamp}.pdf", "PDF (*.pdf)"
        )
        if target is None:
            return None
        settings = self.settings_now
        pregnancy = self._pregnancy()
        with _busy():
            try:
                data = build_report_data(
                    book,
                    entries.last_night(self.services.clock.now()),
                    REPORT_WEEKS,
                    settings.water_goal_ml,
                    None if pregnancy.postpartum else pregnancy.due,
                )
                pages = write_report_pdf(data, target, overwrite=True)
            except (ReportError, LogbookError, OSError) as exc:
                _say(parent, f"The report was not made: {exc}")
                return None
        _say(parent, f"The report ({pages} page{'s' if pages != 1 else ''}) is saved as {target}.")
        return target

    def export_logbook(self, parent: QWidget) -> Path | None:
        from nightstretch.store.export import export_csv, export_json
        from nightstretch.ui import file_dialogs

        book = self.services.logbook
        if book is None:
            return None
        stamp = self._today().isoformat()
        chosen = file_dialogs.ask_export_path(parent, f"nightstretch-export-{stamp}")
        if chosen is None:
            return None
        target, kind = chosen
        with _busy():
            try:
                if kind == "csv":
                    count = export_csv(book, target, overwrite=True)
                    text = f"{count} CSV files are in {target}."
                else:
                    count = export_json(book, target, self.services.clock.now(), overwrite=True)
                    text = f"The logbook ({count} entries) is exported to {target}."
            except (LogbookError, OSError) as exc:
                _say(parent, f"Nothing was exported: {exc}")
                return None
        _say(parent, text)
        return target

    def backup_logbook(self, parent: QWidget) -> Path | None:
        from nightstretch.ui import file_dialogs

        book = self.services.logbook
        if book is None:
            return None
        stamp = self._today().isoformat()
        target = file_dialogs.ask_save_path(
            parent, "Back up the logbook", f"nightstretch-backup-{stamp}.db", "Logbook (*.db)"
        )
        if target is None:
            return None
        with _busy():
            try:
                book.backup_to(target, overwrite=True)
            except (LogbookError, OSError) as exc:
                _say(parent, f"The backup was not made: {exc}")
                return None
        _say(parent, f"The logbook is backed up to {target}.")
        return target

    def restore_logbook(self, parent: QWidget) -> Path | None:
        from nightstretch.ui import file_dialogs

        book = self.services.logbook
        if book is None:
            return None
        source = file_dialogs.ask_open_path(parent, "Restore a backup", "Logbook (*.db)")
        if source is None:
            return None
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            "Restore a backup",
            f"Replace the current logbook with {source.name}?\n\n"
            "The current logbook is kept as a dated copy next to it, so nothing is lost.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        with _busy():
            try:
                kept = book.restore_from(source, self.services.clock.now())
            except (LogbookError, OSError) as exc:
                _say(parent, f"Nothing was restored: {exc}")
                return None
        self.reminders.recheck()
        self._refresh_history()
        self.refresh_status()
        _say(parent, f"Restored from {source.name}. The previous logbook is kept as {kept}.")
        return kept


def _voice_engines() -> list[str]:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:  # no libpulse: the voice stays off and says so when tested
        return []
    return [name for name in QTextToSpeech.availableEngines() if name != "mock"]


def _open_folder(folder: Path) -> None:
    from PySide6.QtGui import QDesktopServices

    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _say(parent: QWidget, text: str) -> None:
    """A result she should read before going on; the windows offer ``show_message``."""
    show = getattr(parent, "show_message", None)
    if callable(show):
        show(text)
    else:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, "Nightstretch", text)


class _busy:
    """A wait cursor while something slow runs on the GUI thread."""

    def __enter__(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc_info: object) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.restoreOverrideCursor()


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own chatter (no sound server, missing codecs) goes to the log, not her terminal."""
    logging.getLogger(f"qt.{context.category or 'default'}").log(
        _QT_LEVELS.get(kind, logging.WARNING), "%s", message
    )


def run_gui(
    paths: AppPaths,
    start_routine: str | None = None,
    *,
    tray_only: bool = False,
    home: Path | None = None,
) -> int:
    paths.ensure()
    log_file = setup_logging(paths.log_dir)
    instance = SingleInstance(paths.runtime_dir)
    if not instance.acquire():
        message: dict[str, object] = (
            {"command": "start", "routine": start_routine}
            if start_routine is not None
            else {"command": "show"}
        )
        if tray_only and start_routine is None:
            return 0  # a login start while already running: nothing to bring forward
        try:
            instance.send(message)
        except InstanceError as exc:
            print(f"nightstretch: {exc}", file=sys.stderr)
            return 1
        log.info("handed %s to the running instance", message)
        return 0
    problem = startup_problem()
    if problem is not None:
        instance.release()
        print(f"nightstretch: {problem}", file=sys.stderr)
        return 1
    log.info("Nightstretch %s starting (Python %s)", __version__, sys.version.split()[0])
    install_excepthook(str(log_file))
    qInstallMessageHandler(_qt_to_log)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Nightstretch")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName("nightstretch")
    qapp.setWindowIcon(QIcon(str(resources.asset("icons/nightstretch.svg"))))
    qapp.setQuitOnLastWindowClosed(False)  # closing a window never quits; only Quit does
    services = build_services(paths)
    app = NightstretchApp(qapp, services, autostart=Autostart.for_home(paths.config_dir, home))
    instance.serve()
    instance.received.connect(app.handle_message)
    # The icon first, on its own turn of the event loop: the scheduler, the first look at
    # the reminders and any window follow a moment later, when she can already see it.
    app.start_tray()
    QTimer.singleShot(0, lambda: app.start(tray_only=tray_only, routine=start_routine))
    code = qapp.exec()
    app.shutdown()
    instance.release()
    if services.logbook is not None:
        services.logbook.close()
    log.info("Nightstretch stopped")
    return int(code)
