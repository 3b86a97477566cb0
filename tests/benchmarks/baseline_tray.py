"""The baseline for the benchmark: the smallest tray app a typical PySide6 developer writes.

QApplication + QSystemTrayIcon with a small menu + APScheduler's own ``QtScheduler`` with
one cron job and one interval job, and no window at all. Nightstretch is measured against
this program in the same run, so the ratios say what Nightstretch costs on top of "a tray
icon on Qt" rather than on top of nothing.

It deliberately uses APScheduler's stock ``QtScheduler`` (with its known timer defects),
as a typical app would, and the same SVG icon file as Nightstretch so both load the same
image plugin.

Run: ``python tests/benchmarks/baseline_tray.py`` (needs a display and a tray host to
show the icon; quits from its menu, on Ctrl+C or on SIGTERM).
"""

from __future__ import annotations

import logging
import signal
import sys
from datetime import datetime
from pathlib import Path

from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

ICON = Path(__file__).resolve().parents[2] / "assets" / "icons" / "nightstretch.svg"

log = logging.getLogger("baseline")


def evening_reminder() -> None:
    """The cron job: what a reminder app does once a day."""
    log.info("evening reminder at %s", datetime.now())


def water_nudge() -> None:
    """The interval job: what a reminder app does every so often."""
    log.info("water nudge at %s", datetime.now())


def main() -> int:
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("baseline-tray")
    qapp.setQuitOnLastWindowClosed(False)

    tray = QSystemTrayIcon(QIcon(str(ICON)))
    tray.setToolTip("Baseline tray")
    menu = QMenu()
    menu.addAction("Start routine").triggered.connect(lambda: log.info("start"))
    menu.addAction("Open").triggered.connect(lambda: log.info("open"))
    menu.addSeparator()
    menu.addAction("Quit").triggered.connect(qapp.quit)
    tray.setContextMenu(menu)
    tray.show()

    scheduler = QtScheduler()
    scheduler.add_job(evening_reminder, "cron", hour=21, minute=30, id="evening")
    scheduler.add_job(water_nudge, "interval", minutes=90, id="water")
    scheduler.start()

    # Ctrl+C ends it at once (Python's own handler would wait for bytecode to run,
    # which an idle Qt loop never does); the benchmark ends it with SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    code = qapp.exec()
    scheduler.shutdown(wait=False)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
