"""Small accessibility checks used by the tests (and handy when building a window).

Both answer the questions a screen-reader or low-vision user would ask: can I read this
text against its background (WCAG 2.x contrast), and does every control I can tab to say
what it is?
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QPushButton, QWidget

from nightstretch.ui.labels import plain_text

# WCAG 2.x: at least 4.5:1 for normal text (AA).
MIN_TEXT_CONTRAST = 4.5


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
