"""The settings dialog: sections on the left, one page each, every field checked as she types.

Thin on purpose: the rules come in through ``check`` (one field) and ``check_together``
(rules between fields), normally ``SettingsService.check_field`` and
``SettingsService.cross_field_problems``; the dialog only reads its widgets into a draft
``Settings``, shows the messages next to the fields, and keeps Save disabled until there are
none. Nothing is saved here: Save hands the draft to ``apply`` (if given) and emits
``accepted_settings``; Cancel and Esc leave everything as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core import settings_form as rules
from nightstretch.core.i18n import _
from nightstretch.core.settings_form import SECTIONS
from nightstretch.store.settings import Settings
from nightstretch.ui.a11y import ValueLabel
from nightstretch.ui.screen_fit import fit_to_screen
from nightstretch.ui.settings_pages import SettingsPages
from nightstretch.ui.theme import Colors, apply_theme, settings_css

__all__ = ["SECTIONS", "SettingsDialog", "editable_field_names"]

Check = Callable[[str, object], str | None]
CheckTogether = Callable[[Settings], Mapping[str, str]]
Apply = Callable[[Settings], list[str]]


class SettingsDialog(SettingsPages):
    """Checks every field as she types and saves only a draft without problems."""

    def __init__(
        self,
        settings: Settings,
        *,
        check: Check,
        today: date,
        colors: Colors,
        font_scale: float = 1.0,
        check_together: CheckTogether | None = None,
        apply: Apply | None = None,
        routines: Sequence[tuple[str, str]] = (),
        voice_engines: Sequence[str] = (),
        data_folder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            settings,
            today=today,
            font_scale=font_scale,
            routines=routines,
            voice_engines=voice_engines,
            data_folder=data_folder,
            parent=parent,
        )
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Settings — Nightstretch"))
        self.setModal(True)
        self._wanted = QSize(round(960 * max(1.0, font_scale)), round(640 * max(1.0, font_scale)))
        self.resize(self._wanted)
        self._check = check
        self._check_together = check_together
        self._apply = apply
        self._colors = colors

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 16)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        self.sections = QListWidget()
        self.sections.setAccessibleName(_("Settings sections"))
        self.sections.setAccessibleDescription(
            _("Choose a section with the arrow keys, then press Tab to edit it")
        )
        self.sections.addItems([_(title) for title in SECTIONS])
        self.sections.setFixedWidth(round(200 * max(1.0, font_scale * 0.8)))
        body.addWidget(self.sections)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)

        for page in self._build_pages():
            self.stack.addWidget(page)

        self.summary = ValueLabel(_("Problems"))
        self.summary.setProperty("role", "caution")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(_("Save settings"))
        self.save_button.setAccessibleDescription(
            _("Saves every section; disabled while a field needs a fix")
        )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.setAccessibleDescription(_("Closes without changing anything (Esc)"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self.sections.currentRowChanged.connect(self._show_section)
        self.sections.setCurrentRow(0)
        next_key = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown)
        previous_key = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp)
        QShortcut(next_key, self).activated.connect(lambda: self._step_section(1))
        QShortcut(previous_key, self).activated.connect(lambda: self._step_section(-1))

        apply_theme(self, colors, font_scale)
        self.setStyleSheet(self.styleSheet() + settings_css(colors, self._scale))
        # As wide as the longest section name in her language ("Morgendliche Nachfrage").
        self.sections.ensurePolished()
        longest = max(
            self.sections.fontMetrics().horizontalAdvance(self.sections.item(row).text())
            for row in range(self.sections.count())
        )
        self.sections.setFixedWidth(max(self.sections.width(), longest + round(40 * self._scale)))
        for spin in self.findChildren(QAbstractSpinBox):
            # Styled spin boxes lose their arrow buttons (arrow keys still step), and
            # padding does not reach the text, so the margin is set on the editor.
            spin.lineEdit().setTextMargins(8, 0, 8, 0)
        for combo in self.findChildren(QComboBox):
            combo.ensurePolished()  # the style sheet's font, to measure the longest choice
            words = max((combo.itemText(i) for i in range(combo.count())), key=len, default="")
            arrow = round(64 * max(1.0, self._scale))
            combo.setMaximumWidth(combo.fontMetrics().horizontalAdvance(words) + arrow)
        self._connect_changes()
        self.revalidate()
        self.sections.setFocus()

    # --- public -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self, self._wanted)  # the pages scroll on a small screen

    def draft(self) -> Settings:
        """The settings as the widgets show them now (maybe invalid)."""
        return replace(self._original, **{name: read() for name, read in self._readers.items()})

    def problems(self) -> dict[str, str]:
        """Field name -> message, as shown next to the fields."""
        found: dict[str, str] = {}
        values = {name: read() for name, read in self._readers.items()}
        for name, value in values.items():
            complaint = self._check(name, value)
            if complaint is not None:
                found[name] = complaint
        if not found and self._check_together is not None:
            for name, complaint in self._check_together(self.draft()).items():
                found[name] = complaint
        return found

    def revalidate(self) -> None:
        """Show each field's message, mark sections that need a fix, enable Save if none."""
        found = self.problems()
        for name, label in self.messages.items():
            text = rules.human_message(found.get(name), self._names)
            label.setText(text)
            label.setVisible(bool(text))
            base = self._descriptions.get(name, "")
            self.fields[name].setAccessibleDescription(" ".join(t for t in (text, base) if t))
        flagged = rules.flagged_sections(found, self._section_of)
        for row, title in enumerate(SECTIONS):
            self.sections.item(row).setText(rules.section_title(title, row in flagged))
        self.summary.setText(rules.summary(found, self.messages, self._names, flagged))
        self.summary.setVisible(bool(found))
        self.save_button.setEnabled(not found)
        self._update_week_status()

    def show_page(self, title: str) -> None:
        self.sections.setCurrentRow(SECTIONS.index(title))

    # --- behaviour ----------------------------------------------------------------------

    def _connect_changes(self) -> None:
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QAbstractButton) and widget.isCheckable():
                widget.toggled.connect(self.revalidate)
            elif isinstance(widget, QTimeEdit | QDateEdit):
                widget.dateTimeChanged.connect(self.revalidate)
            elif isinstance(widget, QSpinBox | QDoubleSpinBox):
                widget.valueChanged.connect(self.revalidate)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.revalidate)

    def _update_week_status(self) -> None:
        self.week_status.setText(rules.week_status(self.draft(), self._today))

    def _show_section(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        inner = page.widget() if isinstance(page, QScrollArea) else None
        layout = inner.layout() if inner is not None else None
        if layout is not None:
            # A page resized while hidden can keep the geometry of an older width (seen at
            # large text on a small screen: rows on top of each other); lay it out again.
            layout.invalidate()
            layout.activate()

    def _step_section(self, delta: int) -> None:
        self.sections.setCurrentRow((self.sections.currentRow() + delta) % len(SECTIONS))

    def _save(self) -> None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        new = self.draft()
        if self._apply is not None:
            problems = self._apply(new)
            if problems:
                self.summary.setText(_("Not saved: {problems}").format(problems=" ".join(problems)))
                self.summary.setVisible(True)
                return
        self.accepted_settings.emit(new)
        self.accept()


def editable_field_names() -> frozenset[str]:
    """The settings the dialog edits; the rest (first-run flags) pass through untouched."""
    return rules.editable_field_names(spec.name for spec in fields(Settings))
