"""About: what this is, what it is not, and where her data lives on this computer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core import safety
from nightstretch.core.i18n import N_, _
from nightstretch.ui.screen_fit import body_and_buttons, fit_body
from nightstretch.ui.theme import Colors, apply_theme, text_label

LICENCE = N_(
    "Free software under the MIT licence. The pictures, sounds and icons were made for "
    "this project."
)
PRIVACY = N_("Everything stays on this computer: Nightstretch sends nothing anywhere.")


class AboutDialog(QDialog):
    """``folders`` are (what, path) pairs, e.g. ("Logbook", paths.data_dir), in display order."""

    open_folder_requested = Signal(object)
    """A ``Path`` the composition root opens in the file manager."""

    def __init__(
        self,
        colors: Colors,
        font_scale: float = 1.0,
        *,
        version: str,
        folders: Sequence[tuple[str, Path]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About Nightstretch"))
        self._width = round(600 * max(1.0, font_scale))
        self._body = QWidget()
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(28, 24, 28, 6)
        layout.setSpacing(10)
        self.title = text_label("Nightstretch", "heading")
        layout.addWidget(self.title)
        self.version_label = text_label(_("Version {version}").format(version=version), "muted")
        layout.addWidget(self.version_label)
        self.summary = text_label(
            _(
                "A calm companion for night-time leg cramps in pregnancy: a short calf "
                "routine before bed, water reminders, and a private logbook."
            )
        )
        layout.addWidget(self.summary)
        self.disclaimer = text_label(_(safety.DISCLAIMER), "caution")
        layout.addWidget(self.disclaimer)

        panel = QFrame()
        panel.setProperty("role", "panel")
        grid = QGridLayout(panel)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(14)
        grid.addWidget(text_label(_("Where your data lives")), 0, 0, 1, 3)
        self.folder_labels: list[QLabel] = []
        self.open_buttons: list[QPushButton] = []
        for row, (what, path) in enumerate(folders, start=1):
            what_label = text_label(what, "muted")
            what_label.setWordWrap(False)
            grid.addWidget(what_label, row, 0)
            shown = text_label(str(path))
            shown.setWordWrap(False)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(_("{place} folder").format(place=what))
            grid.addWidget(shown, row, 1)
            button = QPushButton(_("Open"))
            button.setAutoDefault(False)
            button.setAccessibleName(_("Open the folder: {place}").format(place=what))
            button.setAccessibleDescription(str(path))
            button.clicked.connect(lambda _=False, p=path: self.open_folder_requested.emit(p))
            grid.addWidget(button, row, 2)
            self.folder_labels.append(shown)
            self.open_buttons.append(button)
        grid.setColumnStretch(1, 1)
        layout.addWidget(panel)
        layout.addWidget(text_label(_(PRIVACY), "muted"))
        self.licence = text_label(_(LICENCE), "muted")
        layout.addWidget(self.licence)

        self.close_button = QPushButton(_("Close"))
        self.close_button.setProperty("role", "primary")
        self.close_button.setDefault(True)
        self.close_button.setAccessibleName(_("Close About"))
        self.close_button.clicked.connect(self.accept)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(28, 6, 28, 20)
        self._row.addStretch(1)
        self._row.addWidget(self.close_button)
        body_and_buttons(self, self._body, self._row)  # at large text the body scrolls
        apply_theme(self, colors, font_scale)
        self.close_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_body(self, self._body, self._row, self._width)
