"""Restore…: the automatic backups to choose from, newest first, or "Other file…".

The dialog draws a ``RestoreListView`` (``core/restore_list.py``); ``BackupListChooser`` puts
it in front of the file chooser, and the restore itself stays the use case's
(``services/logbook_actions.py``): it asks once more and keeps the current logbook as a
copy first. Return restores the chosen copy, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core.i18n import _
from nightstretch.core.restore_list import RestoreListView
from nightstretch.services.backup_list import restore_view
from nightstretch.ui.a11y import fit_height_for_width
from nightstretch.ui.file_actions import DialogChooser
from nightstretch.ui.theme import Colors, apply_theme, text_label

Choice = Path | Literal["other"] | None
"""A backup to restore, the file chooser instead, or nothing (cancelled)."""


class RestoreListDialog(QDialog):
    def __init__(
        self,
        view: RestoreListView,
        colors: Colors,
        font_scale: float = 1.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreListDialog")
        self.setWindowTitle(_("Restore a backup") + " — Nightstretch")
        self.setMinimumWidth(round(600 * max(1.0, font_scale)))
        self.choice: Choice = None
        self._view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(text_label(_("Restore a backup"), "heading"))
        self.intro = text_label(view.intro)
        layout.addWidget(self.intro)
        self.backups = QListWidget()
        self.backups.setAccessibleName(_("Automatic backups, newest first"))
        self.backups.setWordWrap(True)
        # About five copies in view; at a large text size fewer, so it still fits a laptop.
        self.backups.setMinimumHeight(round(270 * (1 + 0.4 * (max(1.0, font_scale) - 1))))
        for choice in view.choices:
            item = QListWidgetItem(f"{choice.title}\n{choice.detail}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{choice.title}. {choice.detail}")
            if not choice.usable:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # seen and read, not chosen
            self.backups.addItem(item)
        self.backups.setVisible(bool(view.choices))
        self.backups.currentRowChanged.connect(self._row_changed)
        self.backups.itemDoubleClicked.connect(lambda _item: self._restore())
        layout.addWidget(self.backups, 1)

        self.other_button = QPushButton(_("Other file…"))
        self.other_button.setAccessibleName(_("Other file"))
        self.other_button.setAccessibleDescription(_("Choose a backup file you saved yourself"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.setAccessibleName(_("Restore"))
        self.restore_button.setAccessibleDescription(
            _("Go back to the chosen copy; the current logbook is kept as a copy first")
        )
        self.restore_button.setProperty("role", "primary")
        self.other_button.clicked.connect(self._other)
        self.cancel_button.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        apply_theme(self, colors, font_scale)
        self.setStyleSheet(
            self.styleSheet()
            + f"""
            QListWidget {{ background: {colors.surface}; border: 1px solid {colors.track};
                           border-radius: 8px; padding: 4px; }}
            QListWidget:focus {{ border: 2px solid {colors.accent}; }}
            QListWidget::item {{ padding: 6px 8px; border-bottom: 1px solid {colors.track}; }}
            QListWidget::item:selected {{ background: {colors.accent};
                                          color: {colors.accent_text}; }}
            QListWidget::item:disabled {{ color: {colors.muted}; }}
            """
        )
        first = view.first_usable
        if first is not None:
            self.backups.setCurrentRow(first)
        self._start: QWidget = self.backups if first is not None else self.other_button
        (self.restore_button if first is not None else self.other_button).setDefault(True)
        self._row_changed(self.backups.currentRow())

    def selected_path(self) -> Path | None:
        row = self.backups.currentRow()
        if 0 <= row < len(self._view.choices) and self._view.choices[row].usable:
            return self._view.choices[row].path
        return None

    def _row_changed(self, _row: int) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)

    def _restore(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.choice = path
            self.accept()

    def _other(self) -> None:
        self.choice = "other"
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        fit_height_for_width(self)
        super().showEvent(event)
        self._start.setFocus()  # after QDialog's own choice on show


def _run(dialog: RestoreListDialog) -> None:
    dialog.exec()


class BackupListChooser(DialogChooser):
    """Restore's ``source``: the automatic backups first, the file chooser on "Other file…"."""

    def __init__(
        self,
        parent: QWidget,
        data_dir: Path,
        today: Callable[[], date],
        colors: Colors,
        font_scale: float = 1.0,
        *,
        ask: Callable[[RestoreListDialog], None] = _run,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._today = today
        self._colors = colors
        self._scale = font_scale
        self._ask = ask
        self.dialog: RestoreListDialog | None = None

    def source(self, title: str, name_filter: str) -> Path | None:
        view = restore_view(self._data_dir, self._today())
        dialog = RestoreListDialog(view, self._colors, self._scale, self._parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        self._ask(dialog)
        choice = dialog.choice
        dialog.deleteLater()
        if choice == "other":
            return super().source(title, name_filter)
        return choice
