"""Unexpected errors are logged and told calmly; the app keeps running where it can."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType

from nightstretch.core.i18n import _

log = logging.getLogger("nightstretch.crash")
NO_DIALOG_ENV = "NIGHTSTRETCH_NO_ERROR_DIALOG"

ShowDialog = Callable[[str, str], None]


def _qt_dialog(summary: str, details: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Nightstretch hit a problem"))
    box.setText(summary)
    box.setInformativeText(
        _("What you logged before this is safe. The details were written to the log file.")
    )
    box.setDetailedText(details)
    box.exec()


def install_excepthook(log_file: str, show: ShowDialog | None = None) -> None:
    """Log every uncaught exception; show a dialog unless tests turned it off."""
    dialog: ShowDialog | None = show if show is not None else _qt_dialog
    if os.environ.get(NO_DIALOG_ENV):
        dialog = None

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C is a request to stop, not a fault
            log.info("interrupted")
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("uncaught exception\n%s", details)
        said = _("nightstretch: unexpected error: {error} (details in {path})")
        print(said.format(error=value, path=log_file), file=sys.stderr)
        if dialog is not None:
            try:
                dialog(_("Something went wrong inside Nightstretch."), details)
            except Exception:  # a failing dialog must not hide the original error
                log.exception("error dialog failed")

    sys.excepthook = hook


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own chatter (no sound server, missing codecs) goes to the log, not her terminal."""
    logging.getLogger(f"qt.{context.category or 'default'}").log(
        _QT_LEVELS.get(kind, logging.WARNING), "%s", message
    )
