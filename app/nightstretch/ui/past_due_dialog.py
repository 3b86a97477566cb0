"""Two weeks past the due date: ask, gently, whether the pregnancy settings still fit.

It must not assume the baby has come, nor that it has not. Choosing postpartum keeps the
routines and drops the week rules and the week display; the composition root does that.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from nightstretch.core.i18n import N_, _
from nightstretch.core.wording import day_full_month_year
from nightstretch.ui.screen_fit import body_and_buttons, fit_body
from nightstretch.ui.theme import Colors, apply_theme, text_label

QUESTION = N_("Keep the pregnancy settings?")


class PastDueDialog(QDialog):
    """``keep_chosen`` / ``postpartum_chosen``; ``dismissed`` (Esc, closing) means ask later."""

    keep_chosen = Signal()
    postpartum_chosen = Signal()
    dismissed = Signal()

    def __init__(
        self,
        colors: Colors,
        font_scale: float = 1.0,
        *,
        due_date: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pastDueDialog")
        self.setWindowTitle(_("Your due date — Nightstretch"))
        self._width = round(560 * max(1.0, font_scale))
        self._answered = False
        self._body = QWidget()
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(28, 24, 28, 6)
        layout.setSpacing(12)
        self.question = text_label(_(QUESTION), "heading")
        layout.addWidget(self.question)
        self.body = text_label(
            _(
                "Your due date, {date}, was two weeks ago or more. If your baby has arrived, "
                "congratulations, and we hope you are both doing well. If you are still "
                "waiting, take good care of yourself."
            ).format(date=day_full_month_year(due_date))
        )
        layout.addWidget(self.body)
        self.explain = text_label(
            _(
                "Keep: the week stays in the tray, and steps not advised late in pregnancy "
                "stay left out. After the birth: your routines stay, and the week and its "
                "rules go. You can change this later in Settings."
            ),
            "muted",
        )
        layout.addWidget(self.explain)

        self.keep_button = QPushButton(_("&Keep"))
        self.keep_button.setAccessibleName(_("Keep the pregnancy settings"))
        self.keep_button.setAccessibleDescription(_("Nothing changes"))
        self.keep_button.clicked.connect(self._keep)
        self.postpartum_button = QPushButton(_("I have had my &baby (postpartum)"))
        self.postpartum_button.setAccessibleName(_("I have had my baby (postpartum)"))
        self.postpartum_button.setAccessibleDescription(
            _("Routines stay; the pregnancy week and its rules are switched off")
        )
        self.postpartum_button.clicked.connect(self._postpartum)
        self._row = row = QHBoxLayout()
        row.setContentsMargins(28, 6, 28, 20)
        row.addStretch(1)
        row.addWidget(self.postpartum_button)
        row.addWidget(self.keep_button)
        layout.addStretch(1)
        body_and_buttons(self, self._body, row)  # at large text the words scroll
        apply_theme(self, colors, font_scale)
        self._focus_room = round(12 * font_scale)
        # Enter presses the focused button; it starts on Keep, which changes nothing.
        self.keep_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        for button in (self.keep_button, self.postpartum_button):
            # Room for the thicker focus border, so "Keep" is not clipped when focused.
            # (Measured here, once the style sheet has given the button its font.)
            button.setMinimumWidth(button.sizeHint().width() + self._focus_room)
        super().showEvent(event)
        fit_body(self, self._body, self._row, self._width)

    def _keep(self) -> None:
        self._answered = True
        self.keep_chosen.emit()
        self.accept()

    def _postpartum(self) -> None:
        self._answered = True
        self.postpartum_chosen.emit()
        self.accept()

    def reject(self) -> None:
        """Esc or closing the window: no answer, so the question may come again."""
        if not self._answered:
            self.dismissed.emit()
        super().reject()
