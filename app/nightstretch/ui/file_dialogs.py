"""The file choosers for report, export, backup and restore, in one place.

Kept apart so the composition root decides what to do with a path while the widgets only
ask for one; tests replace these functions instead of driving the dialogs.

Qt's own file dialog, not the desktop's: a native one ignores the night theme (dark grey on
dark grey labels, cream names on a white list); this one takes the asking window's colours.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from nightstretch.core.i18n import N_, _

JSON_FILTER = N_("One JSON file (*.json)")
CSV_FILTER = N_("A folder of CSV files, one per table (*)")
"""English, marked: translated where the dialog is built, and compared translated."""


def _start_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def file_dialog_css(palette: QPalette) -> str:
    """Lists, fields and labels of the file dialog in the asking window's theme colours."""

    def hex_of(role: QPalette.ColorRole) -> str:
        return palette.color(role).name()

    window, base = hex_of(QPalette.ColorRole.Window), hex_of(QPalette.ColorRole.Base)
    text, highlight = hex_of(QPalette.ColorRole.Text), hex_of(QPalette.ColorRole.Highlight)
    on_highlight = hex_of(QPalette.ColorRole.HighlightedText)
    return f"""
        QFileDialog, QFileDialog QWidget {{ background: {window}; color: {text};
            selection-background-color: {highlight}; selection-color: {on_highlight}; }}
        QFileDialog QAbstractItemView, QFileDialog QLineEdit, QFileDialog QComboBox {{
            background: {base}; color: {text}; selection-background-color: {highlight};
            selection-color: {on_highlight}; }}
        QFileDialog QHeaderView::section {{ background: {window}; color: {text}; }}
        """


def themed_file_dialog(parent: QWidget, title: str, folder: str, name_filter: str) -> QFileDialog:
    """Qt's file dialog in the colours of the window that asks (its palette and sheet)."""
    dialog = QFileDialog(parent, title, folder, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    palette = parent.window().palette()
    dialog.setPalette(palette)
    dialog.setStyleSheet(parent.window().styleSheet() + file_dialog_css(palette))
    return dialog


def _ask(dialog: QFileDialog) -> tuple[str, str]:
    """The chosen path ("" when cancelled) and name filter."""
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def _save_dialog(parent: QWidget, title: str, path: Path, name_filter: str) -> QFileDialog:
    dialog = themed_file_dialog(parent, title, str(path.parent), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(path.name)
    return dialog


def ask_save_path(parent: QWidget, title: str, suggested: str, name_filter: str) -> Path | None:
    chosen, _filter = _ask(_save_dialog(parent, title, _start_folder() / suggested, name_filter))
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(suggested).suffix
    return path if path.suffix or not suffix else path.with_suffix(suffix)


def ask_open_path(parent: QWidget, title: str, name_filter: str) -> Path | None:
    dialog = themed_file_dialog(parent, title, str(_start_folder()), name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen, _filter = _ask(dialog)
    return Path(chosen) if chosen else None


def ask_export_path(parent: QWidget, suggested_stem: str) -> tuple[Path, str] | None:
    """A path and "json" or "csv"; for CSV the name becomes a folder of files."""
    csv_filter = _(CSV_FILTER)
    chosen, chosen_filter = _ask(
        _save_dialog(
            parent,
            _("Export the logbook"),
            _start_folder() / f"{suggested_stem}.json",
            f"{_(JSON_FILTER)};;{csv_filter}",
        )
    )
    if not chosen:
        return None
    path = Path(chosen)
    if chosen_filter == csv_filter or path.suffix == ".csv":
        return path.with_suffix(""), "csv"
    return (path if path.suffix else path.with_suffix(".json")), "json"
