"""The start of the app: one instance, Qt, the tray icon, and only then everything else.

The icon is what she sees of a start (at login, that is all she sees), so it goes up
before the rest of the app is even imported: the composition root (``bootstrap``), the
reminders, the logbook and the windows load while the tray host embeds it, and take the
icon over (``Tray`` adopts it). Until they are wired, the icon has no menu yet; a click
meanwhile waits in the event loop and is answered once they are.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from nightstretch import __version__
from nightstretch.core import resources
from nightstretch.services.errors import install_excepthook, qt_to_log
from nightstretch.services.qt_env import startup_problem
from nightstretch.services.single_instance import SingleInstance, hand_over
from nightstretch.store.desktop_entry import APP_ID
from nightstretch.store.leftovers import clean_leftovers
from nightstretch.store.logs import setup_logging
from nightstretch.store.paths import AppPaths

__all__ = ["first_icon", "run_gui"]
log = logging.getLogger(__name__)


def first_icon(qapp: QApplication) -> QSystemTrayIcon:
    """The tray icon, shown and sent to the tray host now (the rest of the start follows)."""
    icon = QSystemTrayIcon(qapp.windowIcon())
    icon.setToolTip("Nightstretch")
    icon.show()
    qapp.processEvents()  # sends the dock request now, not after the rest has loaded
    return icon


def run_gui(
    paths: AppPaths,
    start_routine: str | None = None,
    *,
    tray_only: bool = False,
    home: Path | None = None,
) -> int:
    paths.ensure()
    clean_leftovers(paths)
    log_file = setup_logging(paths.log_dir)
    instance = SingleInstance(paths.runtime())
    if not instance.acquire():
        return hand_over(instance, start_routine, tray_only=tray_only)
    problem = startup_problem()
    if problem is not None:
        instance.release()
        print(f"nightstretch: {problem}", file=sys.stderr)
        return 1
    log.info("Nightstretch %s starting (Python %s)", __version__, sys.version.split()[0])
    install_excepthook(str(log_file))
    qInstallMessageHandler(qt_to_log)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Nightstretch")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName(APP_ID)  # Wayland and GNOME match windows to the launcher by it
    qapp.setWindowIcon(QIcon(str(resources.asset("icons/nightstretch.svg"))))
    qapp.setQuitOnLastWindowClosed(False)  # closing a window never quits; only Quit does
    icon = first_icon(qapp)

    from nightstretch.bootstrap import NightstretchApp, build_services
    from nightstretch.services.interrupt import QuitOnSignal
    from nightstretch.services.presence import create_monitor
    from nightstretch.store.autostart import Autostart

    services = build_services(paths)
    autostart = Autostart.for_home(paths.config_dir, home)
    presence = create_monitor().sample
    app = NightstretchApp(qapp, services, autostart=autostart, presence=presence, tray_icon=icon)
    instance.serve()
    instance.received.connect(app.handle_message)
    interrupt = QuitOnSignal(qapp.quit, qapp)
    # The reminders' first look and any window follow on the loop's next turn.
    app.start_tray()
    QTimer.singleShot(0, lambda: app.start(tray_only=tray_only, routine=start_routine))
    code = qapp.exec()
    interrupt.close()
    app.shutdown()
    instance.release()
    if services.logbook is not None:
        services.logbook.close()
    log.info("Nightstretch stopped")
    return int(code)
