"""Small accessibility checks used by the tests (and handy when building a window).

Both answer the questions a screen-reader or low-vision user would ask: can I read this
text against its background (WCAG 2.x contrast), and does every control I can tab to say
what it is?
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QColor,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QAccessibleWidget,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QPushButton,
    QWidget,
)

from nightstretch.ui.labels import plain_text

# WCAG 2.x: at least 4.5:1 for normal text (AA).
MIN_TEXT_CONTRAST = 4.5
# WCAG 2.2 (1.4.11 non-text contrast): a check mark or radio dot against what surrounds it.
MIN_INDICATOR_CONTRAST = 3.0


def _channel(value: float) -> float:
    """sRGB channel (0..1) to linear light, as WCAG 2.x defines it."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    return (
        0.2126 * _channel(color.redF())
        + 0.7152 * _channel(color.greenF())
        + 0.0722 * _channel(color.blueF())
    )


def contrast_ratio(fg: QColor, bg: QColor) -> float:
    """WCAG 2.x contrast ratio, 1 (none) to 21 (black on white); order does not matter."""
    light, dark = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces: the explicit name, else what Qt derives.

    Qt derives a name from a button's text or from the label whose buddy the widget is
    (``QFormLayout.addRow("Bedtime", edit)`` sets that up), so those count.
    """
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    interface: QAccessibleInterface | None = QAccessible.queryAccessibleInterface(widget)
    if interface is None:  # no accessibility plug-in for this class
        return ""
    return plain_text(interface.text(QAccessible.Text.Name)).strip()


def _describe(widget: QWidget) -> str:
    kind = type(widget).__name__
    if widget.objectName():
        return f"{kind} #{widget.objectName()}"
    if isinstance(widget, QAbstractButton) and widget.text():
        return f"{kind} '{widget.text()}'"
    parent = widget.parentWidget()
    where = type(parent).__name__ if parent is not None else "top level"
    return f"{kind} in {where}"


def _inside_compound(child: QWidget, top: QWidget) -> bool:
    """Part of a combo box or spin box (its popup list, its line edit): named by its owner."""
    parent = child.parentWidget()
    while parent is not None and child is not top:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        if parent is top:
            break
        parent = parent.parentWidget()
    return False


def missing_accessible_names(widget: QWidget) -> list[str]:
    """Every control reachable with Tab (the window itself included) that has no name.

    Hidden controls are checked too: a panel that appears later must be named as well.
    Widgets that hand their focus to another, and the inner parts of combo and spin boxes
    (a combo box's popup list, which Qt names from its items), are skipped.
    """
    missing: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if child.focusProxy() is not None or _inside_compound(child, widget):
            continue
        if not accessible_name(child):
            missing.append(_describe(child))
    return missing


def fit_height_for_width(widget: QWidget) -> None:
    """Make a window at least as tall as its wrapped text needs at its current width.

    A top-level layout sizes itself from size hints that ignore height-for-width, so at a
    large font scale wrapped labels get squeezed and lines overlap. Call from showEvent.
    """
    layout = widget.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    width = max(widget.width(), widget.minimumWidth())
    needed = layout.totalHeightForWidth(width)
    if needed > widget.minimumHeight():
        widget.setMinimumHeight(needed)
    if widget.height() < needed:
        widget.resize(width, needed)


def return_presses_buttons(window: QWidget) -> None:
    """Return (and Enter) press the focused button, not only Space: a tired user presses Return.

    Qt does that only inside dialogs; an explicit auto-default does it in any window.
    """
    for button in window.findChildren(QPushButton):
        button.setAutoDefault(True)


def shown_text(text: str) -> str:
    """A label's text as read aloud: rich text as plain words, mnemonics gone."""
    if QtGui.Qt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return " ".join(plain_text(text).split())


def words_only(text: str) -> str:
    """A button's text without its symbols ("◀  Back" -> "Back"), so it is heard as words."""
    return " ".join(w for w in text.split() if any(c.isalnum() for c in w)).rstrip("…")


class ValueLabel(QLabel):
    """A label that shows information: a screen reader hears what it shows, not a caption.

    On AT-SPI a label with an accessible name is announced by that name only, so the name
    follows the text: "Left leg", or "Current streak: 3 nights" when a ``caption`` gives the
    shown value its context. Qt raises a name-change event each time.
    """

    def __init__(self, caption: str = "", text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caption = caption
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        shown = shown_text(text)
        if self._caption and shown:
            shown = f"{self._caption}: {shown}"
        self.setAccessibleName(shown or self._caption)


def announce(widget: QWidget, text: str) -> None:
    """Says ``text`` through the screen reader (a change she hears while facing the wall).

    An AT-SPI announcement where Qt has it (Qt 6.8+); polite, so it waits for speech to end.
    """
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def describe_value(edit: QDateTimeEdit) -> None:
    """Time and date fields report 0 as their AT-SPI value: the description says the value.

    Call after setting any description of its own, which follows the value.
    """
    base = edit.accessibleDescription()

    def update() -> None:
        edit.setAccessibleDescription(". ".join(t for t in (edit.text(), base) if t))

    edit.dateTimeChanged.connect(update)
    update()


class ComboBoxAccessible(QAccessibleWidget):
    """A combo box heard by its purpose ("Theme"), its current item still its value.

    Qt's own interface names a combo box by its current item on Linux whatever
    ``setAccessibleName`` says: ``QAccessibleComboBox::text()`` in qtbase
    src/widgets/accessible/complexwidgets.cpp has ``case QAccessible::Name:`` under
    ``#ifndef Q_OS_UNIX`` and falls through to ``Value`` on Linux. This one answers Name
    with the accessible name (else, like Qt, the current item) and keeps Qt's parts: the
    popup list as its only child (AT-SPI reads the value there, as the selected item, as
    for GTK combo boxes) and the press / show-menu action that opens it.
    """

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)

    def _combo(self) -> QComboBox | None:
        combo = self.object()
        return combo if isinstance(combo, QComboBox) else None

    def text(self, t: QAccessible.Text) -> str:
        combo = self._combo()
        if combo is not None and t == QAccessible.Text.Name:
            return combo.accessibleName() or combo.currentText()
        if combo is not None and t == QAccessible.Text.Value:
            return combo.currentText()
        return super().text(t)

    def childCount(self) -> int:
        return 1 if self._combo() is not None else 0

    def child(self, index: int) -> QAccessibleInterface:
        combo = self._combo()
        if combo is None or index != 0:
            return None  # type: ignore[return-value]  # nullptr: no such child
        return QAccessible.queryAccessibleInterface(combo.view())

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        combo = self._combo()
        return 0 if combo is not None and child.object() is combo.view() else -1

    def actionNames(self) -> list[str]:
        return [
            QAccessibleActionInterface.showMenuAction(),
            QAccessibleActionInterface.pressAction(),
        ]

    def doAction(self, name: str) -> None:
        combo = self._combo()
        if combo is None or name not in self.actionNames():
            return
        if combo.view().isVisible():
            combo.hidePopup()
        else:
            combo.showPopup()


def _combo_factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if key == "QComboBox" and isinstance(obj, QComboBox):
        return ComboBoxAccessible(obj)
    return None


_COMBO_NAMES = "nightstretchComboNames"
"""Marks the QApplication that has the factory (a new QApplication needs it again)."""


def name_combo_boxes_by_purpose() -> None:
    """Installs ``ComboBoxAccessible`` for every combo box from now on (once, idempotent).

    Called where combo boxes are made: a factory installed before ``QApplication`` exists
    is never asked (PySide6 6.11), and one interface is cached per widget, so a combo box
    queried before this keeps Qt's. PySide keeps each interface alive until exit.
    """
    app = QApplication.instance()
    if app is None or app.property(_COMBO_NAMES):
        return
    QAccessible.installFactory(_combo_factory)
    app.setProperty(_COMBO_NAMES, True)
