"""Her language for the whole process: our catalogue (``core/i18n.py``) and Qt's own.

Qt's standard dialogs and buttons (file choosers, "Cancel", "OK") take their words from Qt's
``qtbase_<lang>.qm``, not from our catalogue; where the installed Qt ships that file for
the language, it is installed next to ours, so one dialog never mixes two languages.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from nightstretch.core.i18n import use_language

log = logging.getLogger(__name__)


class _Installed:
    """The Qt translator in use, so a change of language can take it out again."""

    translator: QTranslator | None = None


_installed = _Installed()


def apply_language(code: str) -> str:
    """Switch our words and Qt's to ``code`` ("" = the system's); returns the language used."""
    language = use_language(code)
    app = QCoreApplication.instance()
    if app is None:
        return language
    if _installed.translator is not None:
        app.removeTranslator(_installed.translator)
        _installed.translator = None
    QLocale.setDefault(QLocale(language))  # number and date widgets (spin boxes, calendars)
    if language == "en":
        return language
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _installed.translator = translator
    else:
        log.info("Qt has no qtbase_%s.qm in %s; its dialogs stay in English", language, folder)
    return language
