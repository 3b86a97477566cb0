"""The composition root: the one place that builds every object and connects them.

Nothing else creates services or windows, and no object looks another up globally;
each gets what it needs here, which is also what the tests do with fakes.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app import __version__
from app.core import resources
from app.core.clock import Clock, SystemClock
from app.core.routine import Kind, format_duration
from app.core.routine_loader import Catalogue, load_catalogue
from app.core.theme import use_night_theme
from app.core.timeline import routine_length_s
from app.services.audio import (
    CueSounds,
    QtCueSounds,
    QtSpeaker,
    SilentSounds,
    SilentSpeaker,
    Speaker,
)
from app.services.errors import install_excepthook
from app.services.qt_env import startup_problem
from app.services.routine_run import RoutineRun
from app.services.single_instance import InstanceError, SingleInstance
from app.store.logbook import Logbook, LogbookError
from app.store.logs import setup_logging
from app.store.paths import AppPaths
from app.store.settings import Settings, SettingsFile
from app.ui.home_window import HomeWindow, RoutineEntry
from app.ui.player_window import PlayerWindow
from app.ui.theme import colors_for
from app.ui.tray import Tray
from app.ui.warning_window import WarningSignsWindow

log = logging.getLogger(__name__)

TRAY_GRACE_MS = 5000
"""How long a tray host may take to appear before the control window is offered."""
NO_TRAY_HINT = (
    "No system tray was found, so this window stays available instead. On GNOME, the "
    '"AppIndicator and KStatusNotifierItem Support" extension adds a tray.'
)


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


def build_services(paths: AppPaths, clock: Clock | None = None) -> Services:
    paths.ensure()
    clock = clock or SystemClock()
    notices: list[str] = []
    loaded = SettingsFile(paths.settings_file).load()
    for problem in loaded.problems:
        notices.append(f"Settings: {problem}")
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
    sounds: CueSounds = QtCueSounds(resources.asset("sounds")) if settings.sound else SilentSounds()
    speaker: Speaker = (
        QtSpeaker(settings.voice_engine, settings.voice_rate) if settings.voice else SilentSpeaker()
    )
    for notice in notices:
        log.warning("%s", notice)
    return Services(paths, clock, settings, catalogue, logbook, sounds, speaker, notices)


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


class NightstretchApp:
    def __init__(self, qapp: QApplication, services: Services) -> None:
        self.qapp = qapp
        self.services = services
        self.player: PlayerController | None = None
        self.home: HomeWindow | None = None
        self.warnings: WarningSignsWindow | None = None
        self.no_tray = False
        self.tray = Tray(resources.asset("icons"), self._entries(), self._rescue_id())
        self.tray.start_requested.connect(self.open_routine)
        self.tray.rescue_requested.connect(self._open_rescue)
        self.tray.open_requested.connect(self.show_home)
        self.tray.warning_signs_requested.connect(self.show_warning_signs)
        self.tray.quit_requested.connect(self.qapp.quit)

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

    def start_tray(self) -> None:
        """Shows the icon even without a tray host: Qt adds it when one appears."""
        self.tray.show()
        QTimer.singleShot(TRAY_GRACE_MS, self._check_tray)

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

    def show_warning_signs(self) -> WarningSignsWindow:
        if self.warnings is None:
            self.warnings = WarningSignsWindow(
                colors_for(self._night()), self.services.settings.font_scale
            )
        self.warnings.show()
        self.warnings.raise_()
        self.warnings.activateWindow()
        return self.warnings

    def _night(self) -> bool:
        return use_night_theme(self.services.settings.theme, self.services.clock.now())

    def show_home(self) -> HomeWindow:
        if self.home is None:
            notices = list(self.services.notices)
            if self.no_tray:
                notices.append(NO_TRAY_HINT)
            self.home = HomeWindow(
                self._entries(),
                notices,
                colors_for(self._night()),
                self.services.settings.font_scale,
            )
            self.home.start_requested.connect(self.open_routine)
            self.home.quit_requested.connect(self.qapp.quit)
            self.home.warning_signs_requested.connect(self.show_warning_signs)
        self.home.show()
        self.home.raise_()
        self.home.activateWindow()
        return self.home

    def open_routine(self, routine_id: str) -> PlayerController:
        """Plays a routine; if one is already open it is brought forward instead."""
        if self.player is not None and self.player.window.isVisible():
            self.player.window.raise_()
            self.player.window.activateWindow()
            return self.player
        services = self.services
        routine = services.catalogue.routines[routine_id]
        run = RoutineRun(
            routine, services.clock, services.logbook, services.sounds, services.speaker
        )
        window = PlayerWindow(
            routine.title, colors_for(self._night()), services.settings.font_scale
        )
        window.setWindowIcon(self.qapp.windowIcon())
        self.player = PlayerController(run, window)
        window.show()
        window.raise_()
        window.activateWindow()
        run.start()
        return self.player


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


def run_gui(paths: AppPaths, start_routine: str | None = None) -> int:
    paths.ensure()
    log_file = setup_logging(paths.log_dir)
    instance = SingleInstance(paths.runtime_dir)
    if not instance.acquire():
        message: dict[str, object] = (
            {"command": "start", "routine": start_routine}
            if start_routine is not None
            else {"command": "show"}
        )
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
    app = NightstretchApp(qapp, services)
    instance.serve()
    instance.received.connect(app.handle_message)
    app.start_tray()
    if start_routine is not None:
        QTimer.singleShot(0, lambda: app.open_routine(start_routine))
    else:
        app.show_home()
    code = qapp.exec()
    instance.release()
    if services.logbook is not None:
        services.logbook.close()
    log.info("Nightstretch stopped")
    return int(code)
