"""The file choosers for report, export, backup and restore, in one place.

Kept apart so the composition root decides what to do with a path while the widgets only
ask for one; tests replace these functions instead of driving native dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

JSON_FILTER = "One JSON file (*.json)"
CSV_FILTER = "A folder of CSV files, one per table (*)"


def _start_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def ask_save_path(parent: QWidget, title: str, suggested: str, name_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(_start_folder() / suggested), name_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(suggested).suffix
    return path if path.suffix or not suffix else path.with_suffix(suffix)


def ask_open_path(parent: QWidget, title: str, name_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(_start_folder()), name_filter)
    return Path(chosen) if chosen else None


def ask_export_path(parent: QWidget, suggested_stem: str) -> tuple[Path, str] | None:
    """A path and "json" or "csv"; for CSV the name becomes a folder of files."""
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent,
        "Export the logbook",
        str(_start_folder() / f"{suggested_stem}.json"),
        f"{JSON_FILTER};;{CSV_FILTER}",
    )
    if not chosen:
        return None
    path = Path(chosen)
    if chosen_filter == CSV_FILTER or path.suffix == ".csv":
        return path.with_suffix(""), "csv"
    return (path if path.suffix else path.with_suffix(".json")), "json"
