"""The tray icon and its menu. It shows a state and forwards choices; it decides nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from nightstretch.core.i18n import _
from nightstretch.ui.labels import menu_label, plain_text
from nightstretch.ui.routine_entry import RoutineEntry

if TYPE_CHECKING:  # the colours load with the first open menu, not at login
    from nightstretch.ui.theme import Colors


class TrayState(StrEnum):
    NORMAL = "normal"
    DUE = "due"
    PAUSED = "paused"


class Tray(QObject):
    """The icon, its menu and its clicks; every choice leaves as a signal.

    Left click asks for the status popup (``status_requested``), double click opens the
    main window. Entries whose window or service is not wired yet stay hidden until
    ``set_available`` says otherwise, so nothing in the menu is dead.
    """

    start_requested = Signal(str)
    rescue_requested = Signal()
    warning_signs_requested = Signal()
    open_requested = Signal()
    quit_requested = Signal()
    water_requested = Signal()
    cramp_log_requested = Signal()
    pause_requested = Signal(str)
    """"hour" or "tomorrow"."""
    resume_requested = Signal()
    history_requested = Signal()
    settings_requested = Signal()
    status_requested = Signal()

    def __init__(
        self,
        icons_dir: Path,
        routines: Sequence[RoutineEntry],
        rescue_id: str | None,
        icon: QSystemTrayIcon | None = None,
    ) -> None:
        """``icon``: one the start showed already (``launch.first_icon``), taken over."""
        super().__init__()
        self._icons = {
            TrayState.NORMAL: QIcon(str(icons_dir / "nightstretch.svg")),
            TrayState.DUE: QIcon(str(icons_dir / "nightstretch-due.svg")),
            TrayState.PAUSED: QIcon(str(icons_dir / "nightstretch-paused.svg")),
        }
        self.state = TrayState.NORMAL
        self.paused = False
        self.icon = icon if icon is not None else QSystemTrayIcon(self._icons[TrayState.NORMAL])
        self.icon.setToolTip("Nightstretch")
        self.menu = QMenu()
        self._build_menu(routines, rescue_id)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.set_available(history=False, settings=False, cramp=False, water=False, pause=False)
        self.set_paused(False)

    def _build_menu(self, routines: Sequence[RoutineEntry], rescue_id: str | None) -> None:
        # Each entry has its own underlined key, so an open menu works from the keyboard.
        start = self.menu.addMenu(_("&Start routine"))
        for entry in sorted(routines, key=lambda e: e.title):
            action = start.addAction(menu_label(f"{entry.title} ({entry.length})"))
            action.triggered.connect(lambda _=False, rid=entry.id: self.start_requested.emit(rid))
        self.rescue_action: QAction | None = None
        if rescue_id is not None:
            self.rescue_action = self.menu.addAction(_("Cramp &rescue"))
            self.rescue_action.triggered.connect(self.rescue_requested)
        self.menu.addSeparator()
        self.water_action = self.menu.addAction(_("Log water (+&1 glass)"))
        self.water_action.triggered.connect(self.water_requested)
        self.cramp_action = self.menu.addAction(_("Log a &cramp\u2026"))
        self.cramp_action.triggered.connect(self.cramp_log_requested)
        self.pause_menu = QMenu(_("&Pause reminders"), self.menu)
        self.pause_action = self.menu.addMenu(self.pause_menu)
        self.pause_hour_action = self.pause_menu.addAction(_("For 1 &hour"))
        self.pause_hour_action.triggered.connect(lambda: self.pause_requested.emit("hour"))
        self.pause_tomorrow_action = self.pause_menu.addAction(_("Until &tomorrow"))
        self.pause_tomorrow_action.triggered.connect(lambda: self.pause_requested.emit("tomorrow"))
        self.pause_menu.addSeparator()
        self.resume_action = self.pause_menu.addAction(_("&Resume"))
        self.resume_action.triggered.connect(self.resume_requested)
        self.menu.addSeparator()
        self.history_action = self.menu.addAction(_("&History"))
        self.history_action.triggered.connect(self.history_requested)
        self.settings_action = self.menu.addAction(_("Se&ttings"))
        self.settings_action.triggered.connect(self.settings_requested)
        self.menu.addAction(_("&Warning signs")).triggered.connect(self.warning_signs_requested)
        self.menu.addAction(_("&Open Nightstretch")).triggered.connect(self.open_requested)
        self.menu.addSeparator()
        self.menu.addAction(_("&Quit")).triggered.connect(self.quit_requested)

    def follow_theme(self, theme: Callable[[], tuple[Colors, float]]) -> None:
        """Each time the menu opens it takes ``theme()``: colours and text size as they are now.

        Only where Qt draws the menu itself (an X11/XEmbed tray, Windows). A StatusNotifier
        tray (GNOME, KDE) gets the entries over D-Bus and draws them in the desktop's own
        theme, and macOS uses its native menu: no palette or style sheet reaches those.
        """
        self._theme = theme
        self.menu.aboutToShow.connect(self._restyle)

    def _restyle(self) -> None:
        from nightstretch.ui.theme import theme_menu

        colors, font_scale = self._theme()
        theme_menu(self.menu, colors, font_scale)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_state(self, state: TrayState, tooltip: str = "Nightstretch") -> None:
        self.state = state
        self.icon.setIcon(self._icons[state])
        self.icon.setToolTip(tooltip)

    def set_paused(self, paused: bool) -> None:
        """Offer the pauses while running and Resume while paused; the icon is ``set_state``."""
        self.paused = paused
        self.pause_hour_action.setEnabled(not paused)
        self.pause_tomorrow_action.setEnabled(not paused)
        self.resume_action.setEnabled(paused)

    def set_available(
        self,
        history: bool,
        settings: bool,
        cramp: bool,
        *,
        water: bool = True,
        pause: bool = True,
    ) -> None:
        """Show only the entries something answers; the rest stay hidden, not dead."""
        self.history_action.setVisible(history)
        self.settings_action.setVisible(settings)
        self.cramp_action.setVisible(cramp)
        self.water_action.setVisible(water)
        self.pause_action.setVisible(pause)

    def icon_geometry(self) -> QRect:
        """Where the icon sits on screen (empty when the platform does not say)."""
        return self.icon.geometry()

    def action_texts(self) -> list[str]:
        """The visible top-level entries, in order, as read aloud (no mnemonic markers)."""
        return [
            plain_text(a.text())
            for a in self.menu.actions()
            if a.isVisible() and not a.isSeparator()
        ]

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.status_requested.emit()
        elif reason == QSystemTrayIcon.ActivationReason.DoubleClick:
            self.open_requested.emit()
