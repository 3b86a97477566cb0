"""Night and day colours. Night is dark and warm with low glare for a bedroom at 10 p.m."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from nightstretch.core.resources import asset


@dataclass(frozen=True)
class Colors:
    name: str
    background: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    caution: str
    track: str


NIGHT = Colors(
    name="night",
    background="#17151d",
    surface="#242030",
    text="#f3e7d7",
    muted="#c2b5a5",
    accent="#e3a57f",
    accent_text="#17151d",
    caution="#f0c27b",
    track="#3a3446",
)
DAY = Colors(
    name="day",
    background="#f7f2ec",
    surface="#ffffff",
    text="#27232d",
    muted="#5b5360",
    accent="#9c4a26",
    accent_text="#ffffff",
    caution="#7a4b00",
    track="#e2d8cc",
)


def colors_for(night: bool) -> Colors:
    return NIGHT if night else DAY


def apply_theme(widget: QWidget, colors: Colors, font_scale: float = 1.0, extra: str = "") -> None:
    """The palette and the one style sheet of a window; ``extra`` is the window's own rules.

    One sheet per window, set once: every sheet set on a widget re-styles all it contains,
    and History's three sheets cost a fifth of its first paint.
    """
    palette = widget.palette()
    roles = {
        QPalette.ColorRole.Window: colors.background,
        QPalette.ColorRole.WindowText: colors.text,
        QPalette.ColorRole.Base: colors.surface,
        QPalette.ColorRole.Text: colors.text,
        QPalette.ColorRole.Button: colors.surface,
        QPalette.ColorRole.ButtonText: colors.text,
        QPalette.ColorRole.Highlight: colors.accent,
        QPalette.ColorRole.HighlightedText: colors.accent_text,
        QPalette.ColorRole.PlaceholderText: colors.muted,
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
    base = round(11 * font_scale)
    name = widget.objectName() or "nightstretchWindow"
    widget.setObjectName(name)
    widget.setStyleSheet(
        f"""
        QWidget#{name} {{ background-color: {colors.background}; }}
        QWidget {{ color: {colors.text}; font-size: {base}pt; }}
        QLabel[role="muted"] {{ color: {colors.muted}; }}
        QLabel[role="caution"] {{ color: {colors.caution}; }}
        QLabel[role="title"] {{ font-size: {round(30 * font_scale)}pt; font-weight: 600; }}
        QLabel[role="side"] {{ font-size: {round(26 * font_scale)}pt; font-weight: 700;
                               color: {colors.accent}; }}
        QLabel[role="body"] {{ font-size: {round(17 * font_scale)}pt; }}
        QLabel[role="heading"] {{ font-size: {round(20 * font_scale)}pt; font-weight: 600; }}
        QPushButton {{ background: {colors.surface}; border: 1px solid {colors.track};
                       border-radius: 8px; padding: 10px 18px; }}
        QPushButton:focus {{ border: 3px solid {colors.accent}; }}
        QPushButton:hover {{ border-color: {colors.accent}; }}
        QPushButton[role="primary"] {{ background: {colors.accent}; color: {colors.accent_text};
                                       border-color: {colors.accent}; font-weight: 600; }}
        QPushButton[role="primary"]:focus {{ border: 3px solid {colors.text}; }}
        QFrame[role="panel"] {{ background: {colors.surface}; border-radius: 12px; }}
        QScrollBar:vertical {{ background: {colors.background}; width: 12px; margin: 0; }}
        QScrollBar:horizontal {{ background: {colors.background}; height: 12px; margin: 0; }}
        QScrollBar::handle {{ background: {colors.track}; border-radius: 5px;
                              min-height: 24px; min-width: 24px; margin: 2px; }}
        QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
        QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
        QScrollArea#fitScroll {{ background: transparent; border: none; }}
        QScrollArea#fitScroll > QWidget#qt_scrollarea_viewport {{ background: transparent; }}
        {choice_css(colors, font_scale)}
        {extra}
        """
    )


def indicator_pairs(colors: Colors) -> dict[str, tuple[str, str]]:
    """Each colour ``choice_css`` draws an indicator in, and the colour it must stand out on.

    WCAG 2.2 non-text contrast asks 3:1 for what shows a control's state; the checked fill
    is measured against the empty box and the window, the border against both too.
    """
    return {
        "border on box": (colors.muted, colors.surface),
        "border on window": (colors.muted, colors.background),
        "checked on box": (colors.accent, colors.surface),
        "checked on window": (colors.accent, colors.background),
    }


def tick_image(colors: Colors) -> Path:
    """The tick drawn in a chosen check box: ``accent_text`` on ``accent``, per theme."""
    return asset(f"icons/check-{colors.name}.svg")


def choice_css(colors: Colors, scale: float) -> str:
    """The one check-box and radio style: an outlined box or ring, filled when chosen, and
    a chosen box ticked as well (a fill alone reads as "on" only to those who know the app).

    Qt's default indicators are light and faint once a style sheet is set; these are the
    theme's own, the same in every window.
    """
    box = round(16 * scale)
    tick = tick_image(colors).as_posix()
    return f"""
        QCheckBox, QRadioButton {{ spacing: 10px; }}
        QCheckBox::indicator, QRadioButton::indicator {{ width: {box}px; height: {box}px;
            border: 2px solid {colors.muted}; background: {colors.surface}; }}
        QCheckBox::indicator {{ border-radius: 4px; }}
        QRadioButton::indicator {{ border-radius: {box // 2 + 2}px; }}
        QCheckBox::indicator:checked {{ background: {colors.accent};
            border-color: {colors.accent}; image: url({tick}); }}
        QRadioButton::indicator:checked {{ border-color: {colors.accent};
            background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
                stop: 0 {colors.accent}, stop: 0.55 {colors.accent},
                stop: 0.65 {colors.surface}, stop: 1 {colors.surface}); }}
        QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
            border-color: {colors.track}; }}
        QCheckBox:disabled, QRadioButton:disabled {{ color: {colors.muted}; }}
        """


def menu_pairs(colors: Colors) -> dict[str, tuple[str, str]]:
    """Each text colour ``menu_css`` draws, and the colour behind it (WCAG asks 4.5:1)."""
    return {
        "entry": (colors.text, colors.surface),
        "chosen entry": (colors.accent_text, colors.accent),
    }


def menu_css(colors: Colors, scale: float) -> str:
    """The tray menu and its submenus: the theme's surface, text and accent, at her text size."""
    return f"""
        QMenu {{ background: {colors.surface}; color: {colors.text};
            border: 1px solid {colors.track}; padding: 4px; font-size: {round(11 * scale)}pt; }}
        QMenu::item {{ background: transparent; padding: 6px 28px 6px 20px; border-radius: 4px; }}
        QMenu::item:selected {{ background: {colors.accent}; color: {colors.accent_text}; }}
        QMenu::item:disabled {{ color: {colors.muted}; }}
        QMenu::separator {{ height: 1px; background: {colors.track}; margin: 4px 8px; }}
        """


def theme_menu(menu: QMenu, colors: Colors, font_scale: float = 1.0) -> None:
    """A menu Qt draws itself (X11/XEmbed trays, Windows) in the theme; submenus follow.

    A menu the desktop draws (StatusNotifier trays on GNOME and KDE, which get the entries
    over D-Bus; macOS) ignores both palette and sheet: it keeps the desktop's own theme.
    """
    sheet = menu_css(colors, font_scale)
    if menu.styleSheet() == sheet:
        return
    for each in (menu, *menu.findChildren(QMenu)):
        palette = each.palette()
        for role, value in {
            QPalette.ColorRole.Window: colors.surface,
            QPalette.ColorRole.WindowText: colors.text,
            QPalette.ColorRole.Base: colors.surface,
            QPalette.ColorRole.Text: colors.text,
            QPalette.ColorRole.ButtonText: colors.text,
            QPalette.ColorRole.Highlight: colors.accent,
            QPalette.ColorRole.HighlightedText: colors.accent_text,
        }.items():
            palette.setColor(role, QColor(value))
        each.setPalette(palette)
    menu.setStyleSheet(sheet)


def scaled_font(widget: QWidget, points: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def text_label(text: str, role: str | None = None, *, rich: bool = False) -> QLabel:
    """A wrapping label styled by its ``role`` (see the style sheet above).

    Plain text unless ``rich``, so text from a routine file is never read as markup.
    """
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


def settings_css(colors: Colors, scale: float) -> str:
    """The settings dialog's controls, with a thick accent border on whatever has the focus."""
    return f"""
        QListWidget {{ background: {colors.surface}; border: 1px solid {colors.track};
                       border-radius: 8px; padding: 4px; }}
        QListWidget:focus {{ border: 3px solid {colors.accent}; }}
        QListWidget::item {{ padding: 8px 10px; border-radius: 6px; }}
        QListWidget::item:selected {{ background: {colors.accent}; color: {colors.accent_text}; }}
        QListWidget {{ outline: 0; }}
        QPushButton:disabled, QPushButton[role="primary"]:disabled {{ background: {colors.track};
                       color: {colors.muted}; border-color: {colors.track}; }}
        QScrollArea, QWidget#settingsPage {{ background: {colors.background}; }}
        QScrollBar:vertical {{ background: {colors.background}; width: 12px; margin: 0; }}
        QScrollBar:horizontal {{ background: {colors.background}; height: 12px; margin: 0; }}
        QScrollBar::handle {{ background: {colors.track}; border-radius: 5px;
                              min-height: 24px; min-width: 24px; }}
        QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
        QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
        QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit {{ background: {colors.surface};
                       border: 1px solid {colors.track}; border-radius: 6px; padding: 4px 8px;
                       min-height: 1.6em; }}
        QAbstractSpinBox:focus, QComboBox:focus, QLineEdit:focus, QPlainTextEdit:focus {{
                       border: 3px solid {colors.accent}; }}
        QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 0; border: none; }}
        QAbstractSpinBox:disabled, QComboBox:disabled {{ color: {colors.muted}; }}
        QCheckBox, QRadioButton {{ padding: 3px 6px; border: 2px solid transparent;
                       border-radius: 6px; }}
        QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {colors.accent}; }}
        QComboBox QAbstractItemView {{ background: {colors.surface};
                       selection-background-color: {colors.accent};
                       selection-color: {colors.accent_text}; }}
        """
