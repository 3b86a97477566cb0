"""The composition root: builds every object and connects them; nothing else.

No object looks another up globally: each gets what it needs here, as the tests give it
fakes. It sits above the floors and may import any of them. What to say, decide or write
lives in the rooms it connects: ``core.status`` (tray and popup wording), ``core.routine_menu``
and ``core.onboarding`` (choices), ``services.logbook_actions`` (the file and logging use
cases), ``services.startup`` (loading), ``ui.windows`` (every window and its buttons).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from nightstretch.core import resources
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.presence import Presence
from nightstretch.core.reminder_text import context_for, message_for
from nightstretch.core.reminders import Due
from nightstretch.core.routine_menu import evening_routine, rescue_id, routine_entries
from nightstretch.core.status import StatusView
from nightstretch.services.auto_backup import AutoBackup
from nightstretch.services.notifier import CardNotifier, DBusNotifier, choose_notifier
from nightstretch.services.reminders import ReminderService
from nightstretch.services.settings_service import SettingsService
from nightstretch.services.startup import (
    Services,
    build_services,
    follow_settings,
)
from nightstretch.services.status import StatusReader
from nightstretch.store import auto_backup
from nightstretch.store.autostart import Autostart
from nightstretch.store.settings import Settings, SettingsFile, presence_rules, reminder_config
from nightstretch.ui.tray import Tray, TrayState
from nightstretch.ui.windows import NO_TRAY_HINT, Windows

if TYPE_CHECKING:  # windows are imported when first opened: less to load at login
    from nightstretch.services.logbook_actions import LogbookActions
    from nightstretch.ui.status_popup import StatusPopup

__all__ = ["NO_TRAY_HINT", "NightstretchApp", "Services", "build_services"]
log = logging.getLogger(__name__)

TRAY_GRACE_MS = 5000
"""How long a tray host may take to appear before the control window is offered."""


class NightstretchApp:
    """Owns the tray, the reminder service and the windows, and forwards between them."""

    def __init__(
        self,
        qapp: QApplication,
        services: Services,
        *,
        autostart: Autostart | None = None,
        notifier_prefer: str = "auto",
        card_timeout_ms: int = 5 * 60 * 1000,
        zone: tzinfo | None = None,
        presence: Callable[[], Presence] | None = None,
        tray_icon: QSystemTrayIcon | None = None,
    ) -> None:
        """``zone`` fixes the reminders' time zone (tests); by default the machine's.
        ``presence`` tells whether she can see a reminder now (none: always show);
        ``tray_icon`` is the one ``launch`` showed before any of this was loaded."""
        self.qapp = qapp
        self.services = services
        self.autostart = autostart
        self.settings = SettingsService(
            SettingsFile(services.paths.settings_file), services.settings
        )
        self.settings.changed.connect(self._settings_changed)

        self.reminders = ReminderService(
            services.clock,
            services.logbook,
            reminder_config(services.settings),
            zone,
            evening_routine=services.settings.evening_routine,
            glass_ml=services.settings.glass_ml,
            presence=presence,
            presence_rules=presence_rules(services.settings),
        )
        book = services.logbook
        self._logbook_actions: LogbookActions | None = None
        self.windows = windows = Windows(
            qapp,
            services,
            self.settings,
            self.reminders,
            self.logbook,
            tell=self.tell,
            refresh_status=self.refresh_status,
        )
        self.notifier: CardNotifier | DBusNotifier = choose_notifier(
            lambda: windows.reminder_card(card_timeout_ms),
            prefer=services.settings.reminder_display
            if notifier_prefer == "auto"
            else notifier_prefer,
            timeout_ms=card_timeout_ms,
        )
        log.info("reminders shown through the %s notifier", self.notifier.name)
        windows.answer_reminder = self.notifier.answer
        self.reminders.due.connect(self._show_reminder)
        self.reminders.withdrawn.connect(self.notifier.withdraw)
        self.reminders.state_changed.connect(self.refresh_status)
        self.reminders.start_requested.connect(self._start_from_reminder)
        self.reminders.problem.connect(self.tell)
        self.notifier.acted.connect(self._reminder_answered)
        self.status = StatusReader(
            services.clock, self.reminders, services.logbook, lambda: self.settings_now
        )
        self.reminders.log_cramp_requested.connect(windows._log_cramp_for_checkin)
        self.open_routine = windows.open_routine
        self.show_home = windows.show_home
        self._refresh_history = windows._refresh_history

        routines = services.catalogue.routines.values()
        entries = routine_entries(routines)
        self.tray = Tray(resources.asset("icons"), entries, rescue_id(routines), tray_icon)
        self.tray.set_available(history=book is not None, settings=True, cramp=True)
        self.tray.follow_theme(windows.theme)
        self.tray.start_requested.connect(windows.open_routine)
        self.tray.rescue_requested.connect(windows.open_rescue)
        self.tray.open_requested.connect(windows.show_home)
        self.tray.status_requested.connect(self.show_status)
        self.tray.water_requested.connect(windows.log_water)
        self.tray.cramp_log_requested.connect(windows.show_cramp_dialog)
        self.tray.pause_requested.connect(self.pause_reminders)
        self.tray.resume_requested.connect(self.reminders.resume)
        self.tray.history_requested.connect(windows.show_history)
        self.tray.settings_requested.connect(windows.show_settings)
        self.tray.warning_signs_requested.connect(windows.show_warning_signs)
        self.tray.quit_requested.connect(self.qapp.quit)
        self._tray_started = False
        self._tray_check = QTimer()
        self._tray_check.setSingleShot(True)
        self._tray_check.timeout.connect(self._check_tray)
        self.auto_backup = AutoBackup(
            book, auto_backup.folder_of(services.paths.data_dir), services.clock, self.tell
        )

    def logbook(self) -> LogbookActions:
        """The logbook use cases, made on first use: a login start does not load them."""
        if self._logbook_actions is None:
            from nightstretch.services.logbook_actions import LogbookActions

            s = self.services
            self._logbook_actions = LogbookActions.lending(
                s.logbook, s.paths, s.clock.now, lambda: self.settings_now, self._logbook_replaced
            )
        return self._logbook_actions

    @property
    def settings_now(self) -> Settings:
        return self.settings.settings

    def tell(self, text: str) -> None:
        """A short message without buttons: a quiet toast by the tray, or the control window."""
        log.info("told the user: %s", text)
        if not self.windows.no_tray and QSystemTrayIcon.isSystemTrayAvailable():
            self.windows.show_toast(text, self.tray.icon_geometry())
        else:
            self.windows.show_home().add_notice(text)

    # -- start-up ------------------------------------------------------------------------

    def start(self, *, tray_only: bool = False, routine: str | None = None) -> None:
        """Tray and reminders first; then the one window this start calls for."""
        self.start_tray()
        self.reminders.start()
        self.auto_backup.start()
        self._sync_autostart(self.settings_now, self.settings_now)
        self.refresh_status()
        if routine is not None:
            QTimer.singleShot(0, lambda: self.windows.open_routine(routine))
        elif self.services.first_run and not self.settings_now.onboarding_done and not tray_only:
            self.windows.show_onboarding()
        elif not tray_only or self.services.notices:
            self.windows.show_home()
        today = self.services.clock.now().date()
        if Pregnancy.from_settings(self.settings_now).asks_past_due(today):
            QTimer.singleShot(0, self.windows.show_past_due)

    def start_tray(self) -> None:
        """Shows the icon even without a tray host: Qt adds it when one appears."""
        if self._tray_started:
            return  # run_gui starts it before the rest of start(); once is enough
        self._tray_started = True
        self.tray.show()
        self._tray_check.start(TRAY_GRACE_MS)

    def shutdown(self) -> None:
        """Stops every timer and hides the icon; the logbook is closed by whoever opened it."""
        self._tray_check.stop()
        self.reminders.stop()
        self.auto_backup.stop()  # today's copy at quit if it is still missing
        if self.windows.popup is not None:
            self.windows.popup.close()
        self.tray.hide()

    def _check_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            log.warning("no system tray host after %d ms", TRAY_GRACE_MS)
            self.windows.tray_missing()

    def handle_message(self, message: dict[str, object]) -> None:
        """A command forwarded by a second ``nightstretch`` start."""
        if message.get("command") == "start":
            routine = message.get("routine")
            if isinstance(routine, str) and routine in self.services.catalogue.routines:
                self.windows.open_routine(routine)
                return
            log.warning("forwarded start of unknown routine %r", routine)
        self.windows.show_home()

    # -- reminders and status ------------------------------------------------------------

    def _show_reminder(self, due: Due) -> None:
        routine = self.services.catalogue.routines.get(self.settings_now.evening_routine)
        cramps = self.reminders.cramps_logged(due.night)
        water = self.reminders.water_today_ml
        context = context_for(due, self.reminders.config, routine, water, cramps)
        self.notifier.show(message_for(due, context))
        self.refresh_status()

    def _reminder_answered(self, key: str, action: str) -> None:
        self.reminders.act(key, action)
        self.refresh_status()
        self._refresh_history()

    def _start_from_reminder(self, routine_id: str) -> None:
        chosen = evening_routine(self.services.catalogue.routines, routine_id)
        if chosen != routine_id:
            log.warning("evening routine %r is not loaded; opening %r", routine_id, chosen)
        if chosen is None:
            self.show_home()
        else:
            self.open_routine(chosen)

    def pause_reminders(self, how: str) -> None:
        if how == "tomorrow":
            self.reminders.pause_until_tomorrow()
        else:
            self.reminders.pause(hours=1)

    def refresh_status(self) -> None:
        """Tray icon, tooltip, menu and the control window's status line."""
        status = self.status.tray()
        self.tray.set_state(TrayState(status.standing), status.tooltip)
        self.tray.set_paused(status.paused)
        if self.windows.home is not None:
            self.windows.home.set_status(status.status_line)

    def status_view(self) -> StatusView:
        """With the reminder the desktop closed early: still answerable here (issue 12)."""
        return replace(self.status.view(), reminder=self.notifier.pending())

    def show_status(self) -> StatusPopup:
        return self.windows.show_status(self.status_view(), self.tray.icon_geometry())

    # -- settings and the logbook changing underneath ------------------------------------

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        """Live: reminders reschedule at once, sound and autostart follow."""
        follow_settings(self.services, old, new)
        self.reminders.apply_settings(new)
        self._sync_autostart(new, old)
        if self.windows.history is not None:
            self.windows.history[0].set_water_goal(new.water_goal_ml)
        self.refresh_status()

    def _sync_autostart(self, new: Settings, old: Settings) -> None:
        if self.autostart is None:
            return
        try:
            self.autostart.sync(new.autostart, old.autostart)
        except OSError as exc:
            self.tell(f"Start at login could not be changed: {exc.strerror or exc}")

    def _logbook_replaced(self) -> None:
        """A restore swapped the logbook's contents: whatever was read from it is read again."""
        self.reminders.recheck()
        self.windows._refresh_history()
        self.refresh_status()
