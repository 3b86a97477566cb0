"""The tray icon and its menu. It shows a state and forwards choices; it decides nothing."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.ui.home_window import RoutineEntry


class TrayState(StrEnum):
    NORMAL = "normal"
    DUE = "due"
    PAUSED = "paused"


class Tray(QObject):
    start_requested = Signal(str)
    rescue_requested = Signal()
    warning_signs_requested = Signal()
    open_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self, icons_dir: Path, routines: Sequence[RoutineEntry], rescue_id: str | None
    ) -> None:
        super().__init__()
        self._icons = {
            TrayState.NORMAL: QIcon(str(icons_dir / "nightstretch.svg")),
            TrayState.DUE: QIcon(str(icons_dir / "nightstretch-due.svg")),
            TrayState.PAUSED: QIcon(str(icons_dir / "nightstretch-paused.svg")),
        }
        self.state = TrayState.NORMAL
        self.icon = QSystemTrayIcon(self._icons[TrayState.NORMAL])
        self.icon.setToolTip("Nightstretch")
        self.menu = QMenu()
        self._build_menu(routines, rescue_id)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)

    def _build_menu(self, routines: Sequence[RoutineEntry], rescue_id: str | None) -> None:
        start = self.menu.addMenu("Start routine")
        for entry in sorted(routines, key=lambda e: e.title):
            action = start.addAction(f"{entry.title} ({entry.length})")
            action.triggered.connect(lambda _=False, rid=entry.id: self.start_requested.emit(rid))
        self.rescue_action: QAction | None = None
        if rescue_id is not None:
            self.rescue_action = self.menu.addAction("Cramp rescue")
            self.rescue_action.triggered.connect(self.rescue_requested)
        self.menu.addSeparator()
        self.menu.addAction("Open Nightstretch").triggered.connect(self.open_requested)
        self.menu.addAction("Warning signs").triggered.connect(self.warning_signs_requested)
        self.menu.addSeparator()
        self.menu.addAction("Quit").triggered.connect(self.quit_requested)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_state(self, state: TrayState, tooltip: str = "Nightstretch") -> None:
        self.state = state
        self.icon.setIcon(self._icons[state])
        self.icon.setToolTip(tooltip)

    def action_texts(self) -> list[str]:
        return [a.text() for a in self.menu.actions() if not a.isSeparator()]

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()
