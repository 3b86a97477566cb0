"""History's warning-sign pieces, and its style sheet (kept here so the window stays short).

A cramp with warning signs stays flagged until she marks it "Discussed with my midwife or
doctor": ``WarningLine`` says above the list how many are still to discuss and offers to show
them all (of any date, as the report flags them); ``DiscussedBox`` is the mark on the
selected entry. Both only draw the ``HistoryView``/``EntryItem`` they are given and send her
intent out; the controller writes the mark (with undo) and a new view comes back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from nightstretch.core.history_view import EntryItem, HistoryView
from nightstretch.core.i18n import _
from nightstretch.ui.a11y import ValueLabel
from nightstretch.ui.theme import Colors


class WarningLine(QFrame):
    """ "⚠ 2 entries with warning signs not yet discussed …  [Show them]"; hidden at none."""

    show_warnings = Signal(bool)
    """True: list every warning-sign entry of any date; False: the recent entries again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningLine")
        self.setProperty("role", "panel")
        self._only = False
        self.text = ValueLabel()
        self.text.setProperty("role", "caution")
        self.text.setWordWrap(True)
        # Wraps to the list's width instead of widening the column (and so the window).
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(_("Show them"))
        self.button.setAccessibleName(_("Show them"))
        self.button.clicked.connect(lambda: self.show_warnings.emit(not self._only))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_view(self, view: HistoryView) -> None:
        self._only = view.warnings_only
        self.text.setText(view.warning_line)
        self.button.setText(view.warning_action)
        self.button.setAccessibleName(view.warning_action)
        self.setVisible(bool(view.warning_line))


class DiscussedBox(QCheckBox):
    """The mark on the selected warning-sign cramp; Space ticks it, unticking takes it back.

    Keeps its room when hidden, so the list does not jump as she moves through it.
    """

    discussed_changed = Signal(object, bool)
    """The entry's ``EntryRef`` and whether it is now marked discussed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Discussed with my midwife or doctor"), parent)
        self.setAccessibleName(_("Discussed with my midwife or doctor"))
        self._entry: EntryItem | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.clicked.connect(self._clicked)
        self.hide()

    def show_entry(self, entry: EntryItem | None) -> None:
        """Shown for a cramp with warning signs, ticked once it is marked."""
        self._entry = entry
        shown = entry is not None and entry.warning and entry.ref.kind == "cramp"
        self.setVisible(shown)
        if entry is None or not shown:
            return
        self.setChecked(entry.discussed_at is not None)
        tip = (
            _("Tick when you have talked these warning signs through; the report prints it")
            if entry.discussed_at is None
            else _("Untick if it was marked by mistake")
        )
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)

    def _clicked(self, checked: bool) -> None:
        if self._entry is not None:
            self.discussed_changed.emit(self._entry.ref, checked)


def history_css(colors: Colors, font_scale: float) -> str:
    """History's own rules, added to the window's one sheet (``theme.apply_theme``).

    Each rule names the inner widget (``#historyBody``): the id outranks the window's
    general rules, as a sheet of the body's own did, without a second sheet to apply.
    """
    b = "QWidget#historyBody"
    return f"""
            {b} QLabel[role="section"] {{ font-size: {round(13 * font_scale)}pt;
                font-weight: 600; color: {colors.muted}; }}
            {b} QLabel[role="body"] {{ font-size: {round(13 * font_scale)}pt; }}
            {b} QLabel[role="heading"] {{ font-size: {round(22 * font_scale)}pt; }}
            {b} QTreeWidget {{ background: {colors.surface}; border: 1px solid {colors.track};
                border-radius: 8px; }}
            {b} QTreeWidget:focus {{ border: 2px solid {colors.accent}; }}
            {b} QTreeWidget::item {{ padding: 3px 4px; }}
            {b} QTreeWidget::item:selected {{ background: {colors.accent};
                color: {colors.accent_text}; }}
            {b} QHeaderView::section {{ background: {colors.surface}; color: {colors.muted};
                border: none; border-bottom: 1px solid {colors.track}; padding: 4px 6px; }}
            {b} QSpinBox, {b} QDateTimeEdit {{ background: {colors.background};
                border: 1px solid {colors.track}; border-radius: 6px; padding: 4px 6px; }}
            {b} QSpinBox:focus, {b} QDateTimeEdit:focus {{ border: 2px solid {colors.accent}; }}
            {b} QPushButton {{ padding: 7px 14px; }}
            {b} QScrollBar:vertical {{ background: {colors.surface}; width: 12px; margin: 0; }}
            {b} QScrollBar::handle:vertical {{ background: {colors.track}; border-radius: 5px;
                min-height: 32px; margin: 2px; }}
            {b} QScrollBar::add-line, {b} QScrollBar::sub-line {{ height: 0; width: 0; }}
            {b} QScrollBar::add-page, {b} QScrollBar::sub-page {{ background: none; }}
            {b} QPushButton:disabled {{ color: {colors.track}; }}
            {b} QFrame#warningLine {{ border: 2px solid {colors.caution}; border-radius: 8px; }}
            {b} QCheckBox:focus {{ color: {colors.accent}; }}
            """
