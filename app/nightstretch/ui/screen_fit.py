"""Windows that fit the screen they open on, at any text size.

A small laptop (1024x600) with large text cannot show every window whole, so a window's
body scrolls (``scrolling``) and the window itself is clamped to the screen's free area when
it is shown (``fit_to_screen``): scrolling inside a window is fine, buttons off the screen
are not.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget


def available(widget: QWidget) -> QRect:
    """The free area (without panels) of the screen the widget is on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def scrolling(body: QWidget, *, horizontal: bool = False) -> QScrollArea:
    """A frameless, see-through scroll area around ``body`` that follows its width.

    Without ``horizontal`` the body always gets the view's width (its text wraps).
    """
    area = QScrollArea()
    area.setObjectName("fitScroll")
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body.setAutoFillBackground(False)
    # See-through by the window's sheet (``theme.apply_theme``), which names the viewport
    # by its Qt name: a sheet of its own would re-style the whole body once more.
    return area


def body_and_buttons(window: QWidget, body: QWidget, buttons: QLayout) -> None:
    """Lays out ``window``: ``body`` scrolls, the ``buttons`` row below it never does."""
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    if buttons.spacing() < 6:  # it would inherit the 0 above: buttons side by side
        buttons.setSpacing(6)
    outer.addWidget(scrolling(body), 1)
    outer.addLayout(buttons)


def fit_body(window: QWidget, body: QWidget, buttons: QLayout, width: int) -> None:
    """``width`` wide and tall enough for the body's wrapped text, within the screen.

    Call from ``showEvent`` (after the style sheet has given the text its font).
    """
    layout = body.layout()
    height = body.sizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    fit_to_screen(window, QSize(width, height + buttons.sizeHint().height()))


def fit_to_screen(window: QWidget, wanted: QSize | None = None) -> None:
    """Size the window to ``wanted`` (else its size) within the screen, and move it inside.

    The frame the window manager adds is taken off too, once known.
    """
    area = available(window)
    frame_w = max(0, window.frameGeometry().width() - window.width())
    frame_h = max(0, window.frameGeometry().height() - window.height())
    room = QSize(area.width() - frame_w, area.height() - frame_h)
    minimum = window.minimumSize()
    if minimum.width() > room.width() or minimum.height() > room.height():
        window.setMinimumSize(minimum.boundedTo(room))
    want = wanted if wanted is not None else window.size()
    window.resize(want.boundedTo(room).expandedTo(window.minimumSize().boundedTo(room)))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def place_near(window: QWidget, anchor: QRect | None, margin: int = 8) -> None:
    """Next to ``anchor`` (the tray icon) and on its screen, else in the bottom-right corner."""
    screen = QGuiApplication.screenAt(anchor.center()) if anchor is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    size = window.sizeHint().expandedTo(window.size())
    width, height = size.width(), size.height()
    right, bottom = area.x() + area.width(), area.y() + area.height()
    if anchor is None or not anchor.isValid():
        x, y = right - width - margin, bottom - height - margin
    else:
        # Below an icon in a top panel, above one in a bottom panel.
        x = anchor.center().x() - width // 2
        below = anchor.y() + anchor.height() + margin
        y = below if below + height <= bottom else anchor.y() - height - margin
    x = min(max(x, area.x() + margin), right - width - margin)
    y = min(max(y, area.y() + margin), bottom - height - margin)
    window.move(x, y)
