"""Builds every window at every theme and text size on one simulated screen and lists what
does not fit: overlapping siblings, clipped labels, and windows or buttons off the screen.

Run in a fresh process per screen (and language, ``NIGHTSTRETCH_LAYOUT_LANGUAGE=de``) (the screen comes from the offscreen platform's config
file, so ``availableGeometry()`` is what a window really sees):
``QT_QPA_PLATFORM=offscreen:configfile=F python -m tests.ui.layout_probe [png-folder]``.
Prints ``{"window theme scale": [problem, ...]}`` as JSON. Every window is kept alive until
the end: a window built at the address of a deleted one can inherit its cached style-sheet
fonts (see tests/ui/test_accessibility.py), which would measure the wrong window.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from nightstretch.core import resources
from nightstretch.core.clock import FakeClock
from nightstretch.core.player import Player
from nightstretch.core.report_form import ReportForm
from nightstretch.core.routine import Routine
from nightstretch.core.routine_loader import load_catalogue
from nightstretch.core.routine_menu import RoutineEntry
from nightstretch.services.history import HistoryController
from nightstretch.services.language import apply_language
from nightstretch.store.logbook import Logbook
from nightstretch.store.settings import Settings
from nightstretch.ui.about_dialog import AboutDialog
from nightstretch.ui.cramp_dialog import CrampDialog
from nightstretch.ui.history_window import HistoryWindow
from nightstretch.ui.home_window import HomeWindow
from nightstretch.ui.onboarding import OnboardingWindow
from nightstretch.ui.past_due_dialog import PastDueDialog
from nightstretch.ui.player_window import PlayerWindow
from nightstretch.ui.reminder_card import ReminderCard
from nightstretch.ui.report_dialog import ReportDialog
from nightstretch.ui.settings_dialog import SettingsDialog
from nightstretch.ui.status_popup import StatusPopup
from nightstretch.ui.theme import DAY, NIGHT, Colors
from nightstretch.ui.warning_window import WarningSignsWindow
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QScrollBar,
    QStackedWidget,
    QWidget,
)

SCALES = (0.75, 1.0, 1.5, 2.0)
LANGUAGE_SCALES = (1.0, 1.5)
"""German and Russian: the text sizes issue 15 asks for (long German words, Cyrillic)."""
LANGUAGE_ENV = "NIGHTSTRETCH_LAYOUT_LANGUAGE"
"""The language the probe builds its windows in ("en" unless set)."""
THEMES = (NIGHT, DAY)
TODAY = date(2026, 3, 1)
NOW = datetime(2026, 3, 1, 21, 30, tzinfo=UTC)
_KEEP: list[object] = []

# ---------------------------------------------------------------------------------------
# the checks


def _compound(widget: QWidget) -> bool:
    """Inside a control that lays out its own parts (their overlaps are by design)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox | QAbstractItemView | QScrollBar):
            return True
        if parent.isWindow():
            return False
        parent = parent.parentWidget()
    return False


def _scrolled(widget: QWidget) -> bool:
    """Inside a scroll area's content: it may lie outside the view, the user scrolls to it."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    kind = type(widget).__name__
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    label = widget.objectName() or widget.accessibleName() or text[:30]
    return f"{kind} '{label}'"


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    inner = label.contentsRect().adjusted(
        label.margin(), label.margin(), -label.margin(), -label.margin()
    )
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return f"{_name(label)} needs {needed}px height, has {label.height()}"
        return None
    if label.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text):
        hint = label.minimumSizeHint()
        width, height = hint.width(), hint.height()
        inner = label.rect()
    else:
        flags = int(Qt.AlignmentFlag.AlignLeft)
        if label.buddy() is not None:  # "&Bedtime": the & underlines, it takes no room
            flags |= int(Qt.TextFlag.TextShowMnemonic)
        box = label.fontMetrics().boundingRect(QRect(0, 0, 100000, 100000), flags, text)
        width, height = box.width(), box.height()
    if width > inner.width() + 1 or height > inner.height() + 1:
        return f"{_name(label)} needs {width}x{height}, has {inner.width()}x{inner.height()}"
    return None


def problems(window: QWidget) -> list[str]:
    """Everything that does not fit in a shown window, in words."""
    found: list[str] = []
    screen = window.screen().availableGeometry()
    if not screen.contains(window.frameGeometry()):
        found.append(f"window {window.frameGeometry().getRect()} outside {screen.getRect()}")
    inside = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _compound(widget):
            continue
        parent = widget.parentWidget()
        scrolled = _scrolled(widget)
        free = parent is not None and not isinstance(parent, QAbstractScrollArea)
        if (
            parent is not None
            and free
            and not scrolled
            and not parent.rect().contains(widget.geometry())
        ):
            found.append(f"{_name(widget)} sticks out of {_name(parent)}")
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
            if problem:
                found.append(problem)
        if isinstance(widget, QAbstractButton):
            where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            if not scrolled and not inside.contains(where):
                found.append(f"{_name(widget)} outside the window")
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"{_name(widget)} text cut ({widget.width()}px)")
        if isinstance(parent, QAbstractScrollArea | QStackedWidget) or parent is None:
            continue
        for sibling in parent.children():
            if sibling is widget or not isinstance(sibling, QWidget):
                continue
            if not sibling.isVisible() or sibling.isWindow() or id(sibling) < id(widget):
                continue
            if widget.geometry().intersects(sibling.geometry()):
                found.append(f"{_name(widget)} overlaps {_name(sibling)}")
    return found


# ---------------------------------------------------------------------------------------
# the windows, each in a state that shows the most text


def _routines() -> dict[str, Routine]:
    catalogue = load_catalogue(resources.routines_dir(), resources.assets_dir())
    return dict(catalogue.routines)


def _player(colors: Colors, scale: float) -> QWidget:
    routine = max(_routines().values(), key=lambda r: max(len(s.instructions) for s in r.steps))
    step = max(range(len(routine.steps)), key=lambda i: len(routine.steps[i].instructions))
    player = Player(routine)
    player.start(0.0)
    for _ in range(step):
        player.next(0.0)
    player.pause(1.0)
    window = PlayerWindow(routine.title, colors, scale)
    window.show_view(player.view(1.0))
    window.show_notice("Sound is off, so the voice will not speak.")
    return window


def _home(colors: Colors, scale: float) -> QWidget:
    entries = [
        RoutineEntry(r.id, r.title, r.summary, "9 min", r.kind.value == "rescue")
        for r in _routines().values()
    ]
    window = HomeWindow(entries, ["No system tray was found, so this window stays."], colors, scale)
    window.set_status("Next reminder: evening stretch at 22:00. Next water nudge at 21:45.")
    return window


def _history(colors: Colors, scale: float) -> QWidget:
    folder = Path(tempfile.mkdtemp(prefix="nightstretch-layout-"))
    book = Logbook(folder / "nightstretch.db")
    _KEEP.append(book)
    from tests.services.test_history import NOW as HISTORY_NOW
    from tests.services.test_history import seed_month

    seed_month(book)
    clock = FakeClock(HISTORY_NOW)
    controller = HistoryController(book, clock, water_goal_ml=1800)
    _KEEP.append(controller)
    window = HistoryWindow(
        colors,
        scale,
        save_entry=lambda _ref, _values: None,
        edit_cramp=lambda entry, parent: CrampDialog(clock, colors, scale, entry=entry),
    )
    controller.refresh()
    window.show_view(controller.view)
    return window


def _settings(colors: Colors, scale: float) -> QWidget:
    return SettingsDialog(
        Settings(),
        check=lambda _name, _value: None,
        today=TODAY,
        colors=colors,
        font_scale=scale,
        routines=[(r.id, r.title) for r in _routines().values()],
        voice_engines=["speechd"],
        data_folder="/home/someone/.local/share/nightstretch",
    )


WINDOWS: dict[str, Callable[[Colors, float], QWidget]] = {
    "player": _player,
    "home": _home,
    "history": _history,
    "settings": _settings,
    "cramp": lambda c, s: CrampDialog(FakeClock(NOW), c, s),
    "warning": WarningSignsWindow,
    "onboarding": lambda c, s: OnboardingWindow(c, s, today=TODAY),
    "about": lambda c, s: AboutDialog(
        c, s, version="0.1.0", folders=[("Logbook", Path("/home/someone/.local/share/x"))]
    ),
    "past_due": lambda c, s: PastDueDialog(c, s, due_date=TODAY),
    "report": lambda c, s: ReportDialog(c, s, ReportForm.build(Settings(), "", NOW), NOW),
    "reminder_card": ReminderCard,
    "status_popup": StatusPopup,
}


def pages(name: str, window: QWidget) -> Iterator[str]:
    """Walks a window through the pages it has; yields a name for each shown state."""
    if isinstance(window, SettingsDialog):
        for row in range(window.sections.count()):
            window.sections.setCurrentRow(row)
            yield window.sections.item(row).text()
        return
    yield "first"


def main() -> None:
    app = QApplication(sys.argv[:1])
    shots = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    language = apply_language(os.environ.get(LANGUAGE_ENV, "en"))
    scales = SCALES if language == "en" else LANGUAGE_SCALES
    report: dict[str, list[str]] = {}
    for name, build in WINDOWS.items():
        for colors in THEMES:
            for scale in scales:
                window = build(colors, scale)
                _KEEP.append(window)
                window.show()
                for _ in range(3):
                    app.processEvents()
                for page in pages(name, window):
                    for _ in range(3):  # a page shown first lays out over a few rounds
                        app.processEvents()
                    key = f"{name} {colors.name} {scale} {page}"
                    report[key] = problems(window)
                    if shots is not None:
                        size = window.screen().geometry()
                        file = f"{name}-{language}-{colors.name}-{scale}"
                        file += f"-{size.width()}x{size.height()}"
                        if page != "first":
                            file += "-" + page.lower().replace(" ", "-")
                        window.grab().save(str(shots / f"{file}.png"))
                window.hide()
    print(json.dumps(report))
    app.quit()


if __name__ == "__main__":
    main()
