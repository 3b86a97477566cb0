"""After a new language is saved: say what changes now and offer to start again.

Reminders and windows opened from now on speak the new language at once; the tray menu
and the windows already open were worded when they were built, so they change with a
restart. A restart would end a routine or lose a half-filled cramp form, so while one
is open the question only says when to restart.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from nightstretch.core.i18n import _
from nightstretch.ui.theme import Colors, apply_theme


def restart_box(
    colors: Colors, font_scale: float, *, busy: bool, parent: QWidget | None = None
) -> tuple[QMessageBox, QPushButton | None]:
    """The themed question and its "Restart now" button (None while ``busy``)."""
    box = QMessageBox(parent)
    box.setObjectName("restartBox")
    box.setIcon(QMessageBox.Icon.Question if not busy else QMessageBox.Icon.Information)
    box.setWindowTitle(_("New language — Nightstretch"))
    box.setText(
        _(
            "Reminders and new windows use the new language now. The tray menu and the "
            "windows already open change when Nightstretch starts again."
        )
    )
    restart: QPushButton | None = None
    if busy:
        box.setInformativeText(
            _(
                "A routine or a cramp form is open. When you are done, quit Nightstretch "
                "and start it again."
            )
        )
        box.addButton(QMessageBox.StandardButton.Ok).setText(_("OK"))
    else:
        box.setInformativeText(_("Nothing is lost: what you logged is saved."))
        restart = box.addButton(_("&Restart now"), QMessageBox.ButtonRole.AcceptRole)
        restart.setAccessibleName(_("Restart Nightstretch now"))
        later = box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
        later.setAccessibleName(_("Restart later"))
        box.setDefaultButton(restart)
        box.setEscapeButton(later)
    apply_theme(box, colors, font_scale)
    return box, restart
