"""The logbook's file use cases (``services.logbook_actions``) behind the app's dialogs.

The use case decides what happens; this module only asks through the themed file dialogs,
shows a wait cursor while the work runs, and says the outcome in the window that asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from nightstretch.services.logbook_actions import (
    Chooser,
    ExportFormat,
    FileOutcome,
    LogbookActions,
    Target,
)
from nightstretch.ui import file_dialogs

if TYPE_CHECKING:  # the report form loads only when she makes a report
    from nightstretch.core.report_form import ReportRequest


@contextmanager
def _wait_cursor() -> Iterator[None]:
    """Something slow runs on the GUI thread."""
    from PySide6.QtCore import Qt  # not at import: Qt.* is built on first use (a login start)

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class DialogChooser:
    """A ``Chooser`` that asks with file dialogs over ``parent``.

    The save dialogs ask before replacing a file, so what she picks may be overwritten.
    """

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def save_target(self, title: str, suggested: str, name_filter: str) -> Target | None:
        path = file_dialogs.ask_save_path(self._parent, title, suggested, name_filter)
        return None if path is None else Target(path, overwrite=True)

    def export_target(self, suggested_stem: str) -> tuple[Target, ExportFormat] | None:
        chosen = file_dialogs.ask_export_path(self._parent, suggested_stem)
        if chosen is None:
            return None
        path, kind = chosen
        return Target(path, overwrite=True), "csv" if kind == "csv" else "json"

    def source(self, title: str, name_filter: str) -> Path | None:
        return file_dialogs.ask_open_path(self._parent, title, name_filter)

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self._parent, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def working(self) -> AbstractContextManager[object]:
        return _wait_cursor()


def say(parent: QWidget, text: str) -> None:
    """A result she should read before going on; the windows offer ``show_message``."""
    show = getattr(parent, "show_message", None)
    if callable(show):
        show(text)
    else:
        QMessageBox.information(parent, "Nightstretch", text)


class FileActions:
    """Report, export, backup and restore for a window: ask, run, say how it went."""

    def __init__(
        self,
        actions: LogbookActions,
        restore_chooser: Callable[[QWidget], Chooser] = DialogChooser,
    ) -> None:
        self._actions = actions
        self._restore_chooser = restore_chooser
        """Restore… asks with this one: the app lists the automatic backups first."""

    def _run(
        self,
        parent: QWidget,
        action: Callable[[Chooser], FileOutcome],
        chooser: Callable[[QWidget], Chooser] = DialogChooser,
    ) -> FileOutcome:
        outcome = action(chooser(parent))
        if outcome is not None:
            say(parent, outcome.message)
        return outcome

    def report(self, parent: QWidget, request: ReportRequest | None = None) -> FileOutcome:
        """With the report dialog's ``request``: its weeks, end and note; else 4 weeks to now."""
        if request is None:
            return self._run(parent, self._actions.report)
        actions = self._actions

        def make(chooser: Chooser) -> FileOutcome:
            return actions.report(
                chooser, request.weeks, last_night=request.last_night, note=request.note
            )

        return self._run(parent, make)

    def export(self, parent: QWidget) -> FileOutcome:
        return self._run(parent, self._actions.export)

    def backup(self, parent: QWidget) -> FileOutcome:
        return self._run(parent, self._actions.backup)

    def restore(self, parent: QWidget) -> FileOutcome:
        return self._run(parent, self._actions.restore, self._restore_chooser)
