"""The app's windows and what their buttons do: home, player, history, cramp form, settings,
welcome pages, about, warning signs, past due.

Each is built on first use in the current theme and brought forward when asked for again;
its module is imported only then (less to load at login). ``Windows`` is the window half of
the app: the composition root builds it with the services it forwards to and keeps the
tray, the reminders and their notifier.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRect, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from nightstretch import __version__
from nightstretch.core import entries, resources
from nightstretch.core.clock import night_of
from nightstretch.core.entries import CrampEntry
from nightstretch.core.i18n import N_, _
from nightstretch.core.onboarding import settings_changes
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.routine import Kind, Routine
from nightstretch.core.routine_menu import reminder_choices, rescue_id, routine_entries
from nightstretch.core.status import LOGIN_HINT, StatusView, needs_login_hint
from nightstretch.core.theme import use_night_theme
from nightstretch.core.wording import litres_number
from nightstretch.services.audio import QtCueSounds, QtSpeaker
from nightstretch.services.settings_service import SettingsService
from nightstretch.services.startup import Services
from nightstretch.store.logbook import LogbookError
from nightstretch.store.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from nightstretch.core.history_view import EntryEdit, EntryRef
    from nightstretch.services.history import HistoryController
    from nightstretch.services.logbook_actions import Chooser, LogbookActions
    from nightstretch.services.reminders import ReminderService
    from nightstretch.services.routine_run import PlayerController
    from nightstretch.ui.about_dialog import AboutDialog
    from nightstretch.ui.cramp_dialog import CrampDialog
    from nightstretch.ui.file_actions import FileActions
    from nightstretch.ui.history_window import HistoryWindow
    from nightstretch.ui.home_window import HomeWindow
    from nightstretch.ui.onboarding import OnboardingResult, OnboardingWindow
    from nightstretch.ui.past_due_dialog import PastDueDialog
    from nightstretch.ui.reminder_card import ReminderCard
    from nightstretch.ui.report_dialog import ReportDialog
    from nightstretch.ui.settings_dialog import SettingsDialog
    from nightstretch.ui.status_popup import StatusPopup
    from nightstretch.ui.theme import Colors
    from nightstretch.ui.toast import Toast
    from nightstretch.ui.warning_window import WarningSignsWindow

log = logging.getLogger(__name__)

NO_TRAY_HINT = N_(
    "No system tray was found, so this window stays available instead. On GNOME, the "
    '"AppIndicator and KStatusNotifierItem Support" extension adds a tray.'
)
VOICE_TEST = N_("This is how Nightstretch will talk you through a routine.")


class Raisable(Protocol):
    def show(self) -> None: ...
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...
    def windowState(self) -> Qt.WindowState: ...
    def setWindowState(self, state: Qt.WindowState) -> None: ...


def raise_window(window: Raisable) -> None:
    """Every route that opens a window: shown, un-minimised, raised and given the keyboard.

    ``show`` and ``raise_`` alone leave a minimised window in the task bar, so "Open
    Nightstretch", a second start or a tray entry seemed to do nothing.
    """
    from PySide6.QtCore import Qt  # here: building Qt.* costs ~30 ms at login (see tests)

    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(
            (state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
    window.show()
    window.raise_()
    window.activateWindow()


def voice_engines() -> list[str]:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:  # no libpulse: the voice stays off and says so when tested
        return []
    return [name for name in QTextToSpeech.availableEngines() if name != "mock"]


def open_folder(folder: Path) -> None:
    from PySide6.QtGui import QDesktopServices

    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class Windows:
    """Owns every window but the tray's and the reminder card; opens, reuses and raises them."""

    def __init__(
        self,
        qapp: QApplication,
        services: Services,
        settings: SettingsService,
        reminders: ReminderService,
        logbook: Callable[[], LogbookActions],
        *,
        tell: Callable[[str], None],
        refresh_status: Callable[[], None],
    ) -> None:
        self.qapp = qapp
        self.services = services
        self.settings = settings
        self.reminders = reminders
        self.logbook = logbook
        """The logbook use cases, made (and their module loaded) on her first file action."""
        self._files: FileActions | None = None
        self.tell = tell
        """A short message without buttons (the root's tray bubble)."""
        self.refresh_status = refresh_status
        self.no_tray = False
        """No tray host showed up: the control window stays, with a hint why."""
        self.player: PlayerController | None = None
        self.home: HomeWindow | None = None
        self.history: tuple[HistoryController, HistoryWindow] | None = None
        self.cramp_dialog: CrampDialog | None = None
        self.warnings: WarningSignsWindow | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.onboarding: OnboardingWindow | None = None
        self.about: AboutDialog | None = None
        self.past_due: PastDueDialog | None = None
        self.restart_prompt: QMessageBox | None = None
        self.popup: StatusPopup | None = None  # built on the first click
        self.toast: Toast | None = None
        self.answer_reminder: Callable[[str, str], None] = lambda _key, _action: None
        """The notifier's ``answer``: the popup's buttons for a reminder the desktop closed."""
        self._pending_checkin_night: str | None = None
        self._voice_tester: QtSpeaker | None = None

    @property
    def files(self) -> FileActions:
        """Report, export, backup and restore; loaded when she first asks for one."""
        if self._files is None:
            from nightstretch.ui.file_actions import FileActions

            self._files = FileActions(self.logbook(), self._restore_chooser)
        return self._files

    def make_report(self, parent: QWidget) -> ReportDialog:
        """The report dialog first (weeks, end, name, due date, her note), then the file."""
        from nightstretch.core.report_form import ReportForm, ReportRequest
        from nightstretch.ui.report_dialog import ReportDialog

        now = self.services.clock.now()
        form = ReportForm.build(self.settings_now, self.logbook().visit_note(), now)
        dialog = ReportDialog(self._colors(), self.settings_now.font_scale, form, now, parent)

        def made(request: ReportRequest) -> None:
            problems = self.settings.update(**form.settings_changes(request))
            if problems:
                log.warning("report details not saved: %s", "; ".join(problems))
            self.files.report(parent, request)

        dialog.made.connect(made)
        dialog.open()
        return dialog

    # -- small shared helpers ------------------------------------------------------------

    @property
    def settings_now(self) -> Settings:
        return self.settings.settings

    def _colors(self) -> Colors:
        from nightstretch.ui.theme import colors_for  # only windows need colours

        return colors_for(use_night_theme(self.settings_now.theme, self.services.clock.now()))

    def theme(self) -> tuple[Colors, float]:
        """The colours and text size right now: what a menu takes each time it opens."""
        return self._colors(), self.settings_now.font_scale

    def _restore_chooser(self, parent: QWidget) -> Chooser:
        """Restore… offers the automatic backups first, then any file."""
        from nightstretch.ui.restore_list import BackupListChooser

        data_dir, scale = self.services.paths.data_dir, self.settings_now.font_scale
        return BackupListChooser(parent, data_dir, self._today, self._colors(), scale)

    def _today(self) -> date:
        return self.services.clock.now().date()

    def _pregnancy(self) -> Pregnancy:
        return Pregnancy.from_settings(self.settings_now)

    _raise = staticmethod(raise_window)

    def reminder_card(self, timeout_ms: int) -> ReminderCard:
        from nightstretch.ui.reminder_card import ReminderCard

        return ReminderCard(self._colors(), self.settings_now.font_scale, timeout_ms=timeout_ms)

    def show_status(self, view: StatusView, anchor: QRect) -> StatusPopup:
        """The popup next to the tray icon (``anchor``); Resume ends a pause."""
        from nightstretch.ui.status_popup import StatusPopup

        colors, scale = self._colors(), self.settings_now.font_scale
        if self.popup is None:
            self.popup = StatusPopup(colors, scale)
            self.popup.resume_requested.connect(self.reminders.resume)
            self.popup.autostart_requested.connect(lambda: self.settings.update(autostart=True))
            self.popup.answered.connect(self._answered)
        self.popup.set_colors(colors, scale)
        self.popup.show_status(view, anchor)
        return self.popup

    def show_toast(self, text: str, anchor: QRect) -> Toast:
        """A quiet line near the tray icon (``anchor``), in the theme: not the tray balloon."""
        from nightstretch.ui.toast import Toast

        if self.toast is None:
            self.toast = Toast(self._colors(), self.settings_now.font_scale)
        self.toast.set_colors(self._colors(), self.settings_now.font_scale)
        self.toast.show_text(text, anchor)
        return self.toast

    def _answered(self, key: str, action: str) -> None:
        """Looked up at the click: the root sets ``answer_reminder`` after the notifier."""
        self.answer_reminder(key, action)

    # -- home and player -----------------------------------------------------------------

    def tray_missing(self) -> None:
        """No tray host after the grace time: the control window stays, with a hint why."""
        self.no_tray = True
        self.show_home().add_notice(_(NO_TRAY_HINT))

    def show_home(self) -> HomeWindow:
        from nightstretch.ui.home_window import HomeWindow

        if self.home is None:
            notices = [*self.services.notices, *([_(NO_TRAY_HINT)] if self.no_tray else [])]
            routines = routine_entries(self.services.catalogue.routines.values())
            scale = self.settings_now.font_scale
            self.home = home = HomeWindow(routines, notices, self._colors(), scale)
            home.start_requested.connect(self.open_routine)
            home.quit_requested.connect(self.qapp.quit)
            home.warning_signs_requested.connect(self.show_warning_signs)
            home.water_requested.connect(self.log_water)
            home.cramp_log_requested.connect(self.show_cramp_dialog)
            home.history_requested.connect(self.show_history)
            home.settings_requested.connect(self.show_settings)
            home.about_requested.connect(self.show_about)
            home.autostart_requested.connect(lambda: self.settings.update(autostart=True))
            self.settings.changed.connect(lambda _old, _new: self._login_hint())
            home.action_buttons["history"].setVisible(self.services.logbook is not None)
        self.refresh_status()
        self._login_hint()
        self._raise(self.home)
        return self.home

    def _login_hint(self) -> None:
        if self.home is not None:
            hint = needs_login_hint(self.settings_now)
            self.home.set_login_hint(_(LOGIN_HINT) if hint else "")

    def open_routine(self, routine_id: str) -> PlayerController | None:
        """Plays a routine; if one is already open it is brought forward instead."""
        if self.player is not None and self.player.window.isVisible():
            self._raise(self.player.window)
            return self.player
        # The player's modules load on first use.
        from nightstretch.services.routine_run import PlayerController, RoutineRun
        from nightstretch.ui.player_window import PlayerWindow

        if self.player is not None:
            self.player.dispose()
            self.player = None
        services = self.services
        chosen = services.catalogue.routines[routine_id]
        routine, changes = self._pregnancy().routine_for(chosen, self._today())
        if not routine.steps:
            empty = _("{routine} has no steps to play.").format(routine=chosen.title)
            self.tell(" ".join(changes) or empty)
            return None
        run = RoutineRun(
            routine, services.clock, services.logbook, services.sounds, services.speaker
        )
        window = PlayerWindow(routine.title, self._colors(), self.settings_now.font_scale)
        window.setWindowIcon(self.qapp.windowIcon())
        self.player = PlayerController(run, window)
        started = services.clock.now()
        run.ended.connect(lambda how: self._routine_ended(routine, how, started))
        self._raise(window)
        run.start()
        for line in changes:
            window.show_notice(line)
        if routine.kind is Kind.EVENING:
            self.reminders.routine_started(night_of(services.clock.now()))
        return self.player

    def open_rescue(self) -> None:
        rescue = rescue_id(self.services.catalogue.routines.values())
        if rescue is not None:
            self.open_routine(rescue)

    def _routine_ended(self, routine: Routine, how: str, started: datetime) -> None:
        self._refresh_history()
        if routine.kind is Kind.RESCUE and how == "finished":
            # The end of Cramp rescue is when they matter: on the player's last screen,
            # under "How do your legs feel?", not in a window over her answers; and the
            # cramp can be logged there, at the time the rescue started.
            from nightstretch.ui.player_window import PlayerWindow

            window = self.player.window if self.player is not None else None
            if isinstance(window, PlayerWindow) and window.isVisible():
                window.show_warning_signs()
                window.offer_cramp_log()
                window.log_cramp_requested.connect(lambda: self.show_cramp_dialog(started))
            else:
                self.show_warning_signs()

    # -- water, cramps and history -------------------------------------------------------

    def log_water(self) -> None:
        from nightstretch.services.logbook_actions import Failed

        logged = self.logbook().log_water(self.settings_now.glass_ml)
        if isinstance(logged, Failed):
            self.tell(logged.message)
            return
        self.reminders.water_logged(logged.ml)
        total = litres_number(self.reminders.water_today_ml)
        goal = litres_number(self.reminders.water_goal_ml)
        self.tell(
            _("One glass logged. Today: {total} of {goal} litres.").format(total=total, goal=goal)
        )
        self._refresh_history()

    def _log_cramp_for_checkin(self) -> None:
        self._pending_checkin_night = entries.last_night(self.services.clock.now())
        self.show_cramp_dialog()

    def show_cramp_dialog(self, happened: datetime | None = None) -> CrampDialog:
        """The form for a new cramp; ``happened`` fills its time (else last night or now)."""
        from nightstretch.ui.cramp_dialog import CrampDialog

        if self.cramp_dialog is not None and self.cramp_dialog.isVisible():
            self._raise(self.cramp_dialog)  # what she already typed stays
            return self.cramp_dialog
        scale = self.settings_now.font_scale
        clock = self.services.clock
        dialog = CrampDialog(clock, self._colors(), scale, happened=happened)
        dialog.submitted.connect(lambda entry: self._save_cramp(dialog, entry))
        dialog.finished.connect(lambda _code: setattr(self, "_pending_checkin_night", None))
        self.cramp_dialog = dialog
        self._raise(dialog)
        return dialog

    def _save_cramp(self, dialog: CrampDialog, entry: CrampEntry) -> None:
        book = self.services.logbook
        if book is None:
            dialog.show_error(_("The logbook is not available, so this cannot be saved."))
            return
        try:
            book.add_cramp(entry, self.services.clock.now())
        except LogbookError as exc:
            dialog.show_error(_("Not saved: {reason}").format(reason=exc))
            return
        self.reminders.checkin_answered(self._pending_checkin_night or entry.night_date)
        self._pending_checkin_night = None
        dialog.accept()
        if entry.warning_signs:
            self.show_warning_signs()
        self._refresh_history()

    def show_history(self) -> HistoryWindow | None:
        from nightstretch.services.history import HistoryController
        from nightstretch.ui.cramp_dialog import CrampDialog
        from nightstretch.ui.history_window import HistoryWindow

        book = self.services.logbook
        if book is None:
            self.tell(_("The logbook is not available, so there is no history to show."))
            return None
        if self.history is None:
            titles = {r.id: r.title for r in self.services.catalogue.routines.values()}
            controller = HistoryController(
                book, self.services.clock, self.settings_now.water_goal_ml, routine_titles=titles
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
            window.discussed_requested.connect(controller.set_discussed)
            window.warnings_requested.connect(controller.show_warnings)
            window.report_requested.connect(lambda: self.make_report(window))
            window.export_requested.connect(lambda: self.files.export(window))
            window.backup_requested.connect(lambda: self.files.backup(window))
            window.restore_requested.connect(lambda: self.files.restore(window))
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

    # -- settings, welcome, about, past due, warning signs -------------------------------

    def show_warning_signs(self) -> WarningSignsWindow:
        from nightstretch.ui.warning_window import WarningSignsWindow

        if self.warnings is None:
            self.warnings = WarningSignsWindow(self._colors(), self.settings_now.font_scale)
        self._raise(self.warnings)
        return self.warnings

    def show_settings(self) -> SettingsDialog:
        from nightstretch.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self._raise(self.settings_dialog)
            return self.settings_dialog
        service = self.settings
        data_dir = self.services.paths.data_dir
        dialog = SettingsDialog(
            self.settings_now,
            check=service.check_field,
            check_together=service.cross_field_problems,
            apply=service.apply,
            today=self._today(),
            colors=self._colors(),
            font_scale=self.settings_now.font_scale,
            routines=reminder_choices(self.services.catalogue.routines.values()),
            voice_engines=voice_engines(),
            data_folder=str(data_dir),
        )
        before = self.settings_now.language
        dialog.accepted_settings.connect(lambda new: self._language_saved(before, new))
        dialog.test_voice_requested.connect(self.test_voice)
        dialog.open_folder_requested.connect(lambda: open_folder(data_dir))
        dialog.export_requested.connect(lambda: self.files.export(dialog))
        dialog.backup_requested.connect(lambda: self.files.backup(dialog))
        dialog.restore_requested.connect(lambda: self.files.restore(dialog))
        self.settings_dialog = dialog
        self._raise(dialog)
        return dialog

    def _language_saved(self, before: str, new: Settings) -> QMessageBox | None:
        """A new language: say what changed now and offer the restart that changes the rest."""
        if new.language == before:
            return None
        from nightstretch.services.restart import RESTART_EXIT
        from nightstretch.ui.restart_prompt import restart_box

        player = self.player is not None and self.player.window.isVisible()
        form = self.cramp_dialog is not None and self.cramp_dialog.isVisible()
        box, restart = restart_box(self._colors(), new.font_scale, busy=player or form)
        if restart is not None:
            restart.clicked.connect(lambda: self.qapp.exit(RESTART_EXIT))
        self.restart_prompt = box
        self._raise(box)
        return box

    def show_onboarding(self) -> OnboardingWindow:
        from nightstretch.ui.onboarding import OnboardingWindow

        if self.onboarding is None:
            settings = self.settings_now
            window = OnboardingWindow(
                self._colors(),
                settings.font_scale,
                today=self._today(),
                bedtime=settings.bedtime,
                language=settings.language,
            )
            window.language_chosen.connect(lambda code: self.settings.update(language=code))
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
        problems = self.settings.update(**settings_changes(result, self._today()))
        if problems:
            self.tell(
                _("Some choices were not saved: {problems}").format(problems="; ".join(problems))
            )
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
                    (_("Logbook"), paths.data_dir),
                    (_("Settings and your routines"), paths.config_dir),
                    (_("Logs"), paths.log_dir),
                ],
            )
            self.about.open_folder_requested.connect(open_folder)
        self._raise(self.about)
        return self.about

    def show_past_due(self) -> PastDueDialog | None:
        """Keep the pregnancy settings, or switch to after the birth; asked once."""
        from nightstretch.ui.past_due_dialog import PastDueDialog

        due = self._pregnancy().due
        if due is None:
            return None
        update = self.settings.update
        dialog = PastDueDialog(self._colors(), self.settings_now.font_scale, due_date=due)
        dialog.keep_chosen.connect(lambda: update(past_due_asked=True))
        dialog.postpartum_chosen.connect(lambda: update(postpartum=True, past_due_asked=True))
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
        self._voice_tester.say(Utterance(_(VOICE_TEST), interrupt=True))
        reason = self._voice_tester.unavailable_reason()
        if reason:
            log.info("voice test: %s", reason)
            if self.onboarding is not None:
                self.onboarding.show_test_result(reason)
