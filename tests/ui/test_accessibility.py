"""Accessibility floor for every window: readable contrast, named controls, font scale.

Every window is built here by hand, so a new required parameter fails this test loudly
(add the argument here) instead of skipping it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.services.routine_run import PlayerController
from nightstretch.store.logbook import Logbook
from nightstretch.store.settings import Settings
from nightstretch.ui.a11y import (
    MIN_INDICATOR_CONTRAST,
    MIN_TEXT_CONTRAST,
    ValueLabel,
    accessible_name,
    contrast_ratio,
    missing_accessible_names,
)
from nightstretch.ui.about_dialog import AboutDialog
from nightstretch.ui.cramp_dialog import CrampDialog
from nightstretch.ui.file_dialogs import file_dialog_css, themed_file_dialog
from nightstretch.ui.history_window import HistoryWindow
from nightstretch.ui.home_window import HomeWindow
from nightstretch.ui.onboarding import OnboardingWindow
from nightstretch.ui.past_due_dialog import PastDueDialog
from nightstretch.ui.player_window import PlayerWindow, spoken_change
from nightstretch.ui.reminder_card import ReminderCard
from nightstretch.ui.routine_entry import RoutineEntry
from nightstretch.ui.settings_dialog import SettingsDialog
from nightstretch.ui.status_popup import StatusPopup
from nightstretch.ui.theme import (
    DAY,
    NIGHT,
    Colors,
    apply_theme,
    choice_css,
    indicator_pairs,
    tick_image,
)
from nightstretch.ui.toast import Toast
from nightstretch.ui.warning_window import WarningSignsWindow
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.test_history_window import build as build_history
from tests.ui.test_player_window import player, window_of

__all__ = ["player"]  # a fixture, shared with the player's own tests

TODAY = date(2026, 3, 1)

# ---------------------------------------------------------------------------------------
# (a) contrast


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)
    # WebAIM's checker: #777777 on white is 4.48:1, just under AA.
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#777777")) == pytest.approx(4.48, abs=0.01)


# Every colour the theme draws text in, on every colour it draws that text on.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    *(
        (fg, bg)
        for fg in ("text", "muted", "caution", "accent")
        for bg in ("background", "surface")
    ),
    ("accent_text", "accent"),  # primary buttons and selected text
)


def test_every_colour_is_in_a_pair() -> None:
    named = {f.name for f in fields(Colors)} - {"name", "track"}  # track: ring and borders
    assert named == {c for pair in TEXT_PAIRS for c in pair}


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=lambda c: c.name)
@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS, ids=lambda v: v)
def test_text_contrast_is_at_least_aa(colors: Colors, fg: str, bg: str) -> None:
    ratio = contrast_ratio(QColor(getattr(colors, fg)), QColor(getattr(colors, bg)))
    assert ratio >= MIN_TEXT_CONTRAST, f"{colors.name}: {fg} on {bg} is only {ratio:.2f}:1"


# ---------------------------------------------------------------------------------------
# (b) accessible names


def test_missing_accessible_names_finds_an_unnamed_control(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    QPushButton("Start", window)  # its text is its name
    QLineEdit(window)  # no label, no name
    named = QLineEdit(window)
    named.setAccessibleName("Due date")
    icon_only = QPushButton(window)
    icon_only.setObjectName("iconOnly")
    # Its popup list is part of it; the combo itself needs a name. (With items, Qt would
    # announce the current item as the name, so this one has none yet.)
    combo = QComboBox(window)
    assert missing_accessible_names(window) == [
        "QLineEdit in QWidget",
        "QPushButton #iconOnly",
        "QComboBox in QWidget",
    ]
    combo.setAccessibleName("Leg")
    assert len(missing_accessible_names(window)) == 2


def _home() -> QWidget:
    entries = [
        RoutineEntry("pre-bed-calf", "Before bed", "Calf stretches at the wall.", "9 min", False),
        RoutineEntry("cramp-rescue", "Cramp rescue", "Flex the foot, stand, walk.", "3 min", True),
    ]
    return HomeWindow(entries, ["A notice"], NIGHT)


def _about() -> QWidget:
    return AboutDialog(NIGHT, version="0.1.0", folders=[("Logbook", Path("/tmp/nightstretch"))])


def _settings() -> QWidget:
    return SettingsDialog(Settings(), check=lambda name, value: None, today=TODAY, colors=NIGHT)


OURS: dict[str, Callable[[], QWidget]] = {
    "onboarding": lambda: OnboardingWindow(NIGHT, today=TODAY),
    "about": _about,
    "past_due": lambda: PastDueDialog(NIGHT, due_date=TODAY),
}
"""Windows whose font sizes are also measured below."""
OTHERS: dict[str, Callable[[], QWidget]] = {
    "player": lambda: PlayerWindow("Before bed", NIGHT),
    "home": _home,
    "warning": lambda: WarningSignsWindow(NIGHT),
    "settings_dialog": _settings,
    "history_window": lambda: HistoryWindow(
        NIGHT,
        save_entry=lambda _ref, _values: None,
        edit_cramp=lambda entry, parent: CrampDialog(
            FakeClock(), NIGHT, entry=entry, parent=parent
        ),
    ),
    "cramp_dialog": lambda: CrampDialog(FakeClock(), NIGHT),
    "reminder_card": lambda: ReminderCard(NIGHT),
    "status_popup": lambda: StatusPopup(NIGHT),
}


@pytest.mark.parametrize("name", [*OURS, *OTHERS])
def test_every_focusable_control_has_an_accessible_name(qtbot: QtBot, name: str) -> None:
    window = {**OURS, **OTHERS}[name]()
    qtbot.addWidget(window)
    assert missing_accessible_names(window) == []


# ---------------------------------------------------------------------------------------
# (c) font scale


MEASURE = """
import json, sys
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QApplication, QLabel
from nightstretch.ui.about_dialog import AboutDialog
from nightstretch.ui.onboarding import OnboardingWindow
from nightstretch.ui.past_due_dialog import PastDueDialog
from nightstretch.ui.theme import NIGHT

app = QApplication([])
today = date(2026, 3, 1)
build = {
    "onboarding": lambda s: OnboardingWindow(NIGHT, s, today=today),
    "about": lambda s: AboutDialog(NIGHT, s, version="0.1.0", folders=[("Logs", Path("/tmp"))]),
    "past_due": lambda s: PastDueDialog(NIGHT, s, due_date=today),
}[sys.argv[1]]
out = {}
for scale in (1.0, 1.5):
    window = build(scale)
    labels = window.findChildren(QLabel)
    heading = next(l for l in labels if l.property("role") == "heading")
    body = next(l for l in labels if l.property("role") is None and l.text())
    for label in (heading, body):
        label.ensurePolished()
    out[scale] = [heading.font().pointSizeF(), body.font().pointSizeF()]
print(json.dumps(out))
"""


def measured_point_sizes(name: str) -> dict[str, list[float]]:
    """Heading and first plain label sizes at scales 1.0 and 1.5, in a fresh process.

    A fresh process because, within one pytest run, a new dialog that lands at the address
    of one deleted in an earlier test can come up with that dialog's cached style-sheet
    fonts (seen only under pytest; 200 delete/re-create cycles in a plain script at the
    same address never showed it), which would make this test measure the wrong window.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, name],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=60,
    )
    result: dict[str, list[float]] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("name", list(OURS))
def test_font_scale_one_and_a_half_makes_main_labels_half_again_as_big(name: str) -> None:
    sizes = measured_point_sizes(name)
    for before, after in zip(sizes["1.0"], sizes["1.5"], strict=True):
        assert before >= 11
        # Point sizes are whole numbers in the style sheet, so allow the rounding.
        assert after / before == pytest.approx(1.5, rel=0.05), (before, after)


# ---------------------------------------------------------------------------------------
# (d) what a screen reader hears is what she reads (AT-SPI announces a label by its name)


def test_a_value_label_is_heard_by_what_it_shows() -> None:
    status = ValueLabel()
    status.setText("Next reminder: <b>evening stretch</b> at 22:00")
    assert status.accessibleName() == "Next reminder: evening stretch at 22:00"
    streak = ValueLabel("Current streak")
    assert streak.accessibleName() == "Current streak"  # nothing shown yet: never unnamed
    streak.setText("3 nights")
    assert streak.accessibleName() == "Current streak: 3 nights"


def _heard(label: QLabel) -> str:
    assert label.text(), "the label shows nothing, so this checks nothing"
    return accessible_name(label)


def test_the_control_window_status_and_notices_are_heard(qtbot: QtBot) -> None:
    window = _home()
    assert isinstance(window, HomeWindow)
    qtbot.addWidget(window)
    window.set_status("Next reminder: evening stretch at 22:00")
    assert _heard(window.status_label) == "Next reminder: evening stretch at 22:00"
    assert _heard(window.notice_labels[0]) == "A notice"


def test_the_player_says_the_leg_and_the_notice(
    qtbot: QtBot, player: tuple[PlayerController, FakeClock]
) -> None:
    window = window_of(player[0])
    assert _heard(window.side_label) == "Left leg"
    window.show_notice("Sound is off")
    assert _heard(window.notice) == "Sound is off"
    assert accessible_name(window.back_button) == "Back"
    assert "Previous step" in window.back_button.accessibleDescription()


def test_the_player_announces_step_side_and_pause() -> None:
    first = (0, "Left leg", False)
    assert spoken_change(None, first, "Step 1 of 2", "Wall stretch") == (
        "Step 1 of 2: Wall stretch. Left leg"
    )
    assert spoken_change(first, first, "Step 1 of 2", "Wall stretch") == ""
    assert spoken_change(first, (0, "Right leg", False), "", "") == "Right leg"
    assert spoken_change(first, (0, "Left leg", True), "", "") == "Paused"
    assert spoken_change((0, "Left leg", True), first, "", "") == "Going on"
    assert spoken_change(first, (1, "", False), "Step 2 of 2", "Pumps") == "Step 2 of 2: Pumps"


@pytest.mark.qt_log_ignore("does not support (raise|propagateSizeHints)")
def test_history_numbers_and_messages_are_heard_with_their_values(
    qtbot: QtBot, logbook: Logbook
) -> None:
    window, _controller = build_history(qtbot, logbook)
    assert _heard(window.streak_value) == "Current streak: 11 nights"
    assert _heard(window.best_value) == "Best streak: 11 nights"
    assert _heard(window.score_value).startswith("Habit score: ")
    assert _heard(window.score_value).endswith("%")
    window.show_message("Could not save")
    assert _heard(window.message) == "Could not save"


def test_settings_values_are_heard(qtbot: QtBot) -> None:
    folder = "/home/anna/.local/share/nightstretch"
    dialog = SettingsDialog(
        Settings(pregnancy_week=20, pregnancy_week_on="2026-02-01"),
        check=lambda name, value: None,
        today=TODAY,
        colors=NIGHT,
        data_folder=folder,
    )
    qtbot.addWidget(dialog)
    assert _heard(dialog.week_status).startswith("Pregnancy week today: ")
    assert dialog.week_status.text() in _heard(dialog.week_status)
    (path,) = (label for label in dialog.findChildren(QLabel) if label.text() == folder)
    assert _heard(path) == f"Data folder: {folder}"
    for combo in dialog.findChildren(QComboBox):  # named for its purpose, not its value
        assert accessible_name(combo) not in ("", combo.currentText()), combo.currentText()


def test_a_combo_box_is_heard_by_its_purpose_and_keeps_its_value(qtbot: QtBot) -> None:
    """What the AT-SPI bridge reads: Qt's own interface would answer Name with the item."""
    dialog = SettingsDialog(Settings(), check=lambda name, value: None, today=TODAY, colors=NIGHT)
    qtbot.addWidget(dialog)
    combo = dialog.fields["theme"]
    assert isinstance(combo, QComboBox)
    heard = QAccessible.queryAccessibleInterface(combo)
    assert heard is not None and heard.role() == QAccessible.Role.ComboBox
    assert heard.text(QAccessible.Text.Name) == combo.accessibleName() == "Theme"
    combo.setCurrentIndex(combo.count() - 1)
    assert heard.text(QAccessible.Text.Value) == combo.currentText() != "Theme"
    assert heard.childCount() == 1  # the popup list, where AT-SPI finds the selected item
    assert heard.child(0).object() is combo.view()
    assert heard.indexOfChild(heard.child(0)) == 0
    assert QAccessibleActionInterface.pressAction() in heard.actionInterface().actionNames()
    combo.setAccessibleName("")  # unnamed: heard by its item, as Qt would, never silent
    assert heard.text(QAccessible.Text.Name) == combo.currentText()


def test_the_cramp_form_problem_and_time_are_heard(qtbot: QtBot) -> None:
    dialog = CrampDialog(FakeClock(), NIGHT)
    qtbot.addWidget(dialog)
    dialog.show_error("Choose a leg")
    assert _heard(dialog.error) == "Problem: Choose a leg"
    # AT-SPI reports a time field's value as 0: the description carries what it shows.
    assert dialog.when_edit.text() in dialog.when_edit.accessibleDescription()
    dialog.when_edit.setDateTime(dialog.when_edit.dateTime().addSecs(3600))
    assert dialog.when_edit.text() in dialog.when_edit.accessibleDescription()


@pytest.mark.parametrize("name", [*OURS, *OTHERS])
def test_buttons_are_named_in_words_not_symbols(qtbot: QtBot, name: str) -> None:
    window = {**OURS, **OTHERS}[name]()
    qtbot.addWidget(window)
    for button in window.findChildren(QAbstractButton):
        heard = accessible_name(button)
        symbols = [c for c in heard if unicodedata.category(c) == "So"]
        assert not symbols, f"{name}: {button.text()!r} is heard as {heard!r}"


# ---------------------------------------------------------------------------------------
# (e) the night theme everywhere she looks: indicators, file dialogs, one check-box style


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=lambda c: c.name)
def test_check_marks_and_radio_dots_stand_out(colors: Colors) -> None:
    for what, (fg, bg) in indicator_pairs(colors).items():
        ratio = contrast_ratio(QColor(fg), QColor(bg))
        assert ratio >= MIN_INDICATOR_CONTRAST, f"{colors.name}: {what} is only {ratio:.2f}:1"
    # and the style draws exactly those colours
    css = choice_css(colors, 1.0)
    assert all(fg in css for fg, _bg in indicator_pairs(colors).values())


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=lambda c: c.name)
def test_drawn_check_marks_and_radio_dots_stand_out(qtbot: QtBot, colors: Colors) -> None:
    """The pixels the style really paints, not only the colours it is given (WCAG 1.4.11)."""
    window = QWidget()
    qtbot.addWidget(window)
    apply_theme(window, colors, 2.0)  # the app's sheet, large so samples fall well inside
    around = QColor(colors.background)
    for kind in (QCheckBox, QRadioButton):
        for checked in (False, True):
            box = kind("Swelling", window)
            box.setChecked(checked)
            box.ensurePolished()
            box.resize(box.sizeHint())
            option = QStyleOptionButton()
            option.initFrom(box)
            element = (
                QStyle.SubElement.SE_CheckBoxIndicator
                if kind is QCheckBox
                else QStyle.SubElement.SE_RadioButtonIndicator
            )
            mark = box.style().subElementRect(element, option, box)
            image = box.grab().toImage()
            # the fill, away from the tick that crosses a chosen box's middle
            middle = image.pixelColor(
                mark.center() if kind is QRadioButton else mark.topLeft() + QPoint(5, 5)
            )
            edge = image.pixelColor(mark.left() + 1, mark.center().y())
            drawn = middle if checked else edge  # the fill when chosen, else the outline
            ratio = contrast_ratio(drawn, around)
            what = f"{colors.name}: {kind.__name__} {'checked' if checked else 'empty'}"
            assert ratio >= MIN_INDICATOR_CONTRAST, f"{what}: {drawn.name()} {ratio:.2f}:1"
            if checked:  # and chosen looks different from not chosen
                assert contrast_ratio(middle, QColor(colors.surface)) >= MIN_INDICATOR_CONTRAST
            if checked and kind is QCheckBox:  # and a chosen box carries a visible tick
                inside = [
                    image.pixelColor(x, y)
                    for x in range(mark.left() + 3, mark.right() - 2)
                    for y in range(mark.top() + 3, mark.bottom() - 2)
                ]
                tick = max(inside, key=lambda c: contrast_ratio(c, middle))
                assert contrast_ratio(tick, middle) >= MIN_INDICATOR_CONTRAST, f"{what}: no tick"


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=lambda c: c.name)
def test_the_tick_is_drawn_in_the_theme_text_on_accent_colour(colors: Colors) -> None:
    assert f'stroke="{colors.accent_text}"' in tick_image(colors).read_text()


@pytest.mark.parametrize("name", ["cramp_dialog", "settings_dialog", "onboarding"])
def test_one_check_box_style_in_every_window(qtbot: QtBot, name: str) -> None:
    window = {**OURS, **OTHERS}[name]()
    qtbot.addWidget(window)
    sheets = [window.styleSheet(), *(w.styleSheet() for w in window.findChildren(QWidget))]
    indicator_rules = [s for s in sheets if "::indicator" in s]
    assert indicator_rules, "no check-box style at all"
    ours = choice_css(NIGHT, 1.0)
    for sheet in indicator_rules:  # the one style, and no second one after it
        assert ours in sheet and sheet.count("::indicator") == ours.count("::indicator")


@pytest.mark.parametrize("colors", [NIGHT, DAY], ids=lambda c: c.name)
def test_file_dialogs_are_readable_in_the_theme(qtbot: QtBot, colors: Colors) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    apply_theme(parent, colors)
    dialog = themed_file_dialog(parent, "Back up", str(Path.home()), "Backups (*.db)")
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.ensurePolished()
    views = dialog.findChildren(QAbstractItemView)
    assert views, "the dialog lists no files: not Qt's own dialog"
    for widget, (fg, bg) in [
        (dialog, (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window)),  # labels
        *((view, (QPalette.ColorRole.Text, QPalette.ColorRole.Base)) for view in views),
        *((v, (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight)) for v in views),
    ]:
        widget.ensurePolished()
        palette = widget.palette()
        ratio = contrast_ratio(palette.color(fg), palette.color(bg))
        where = f"{colors.name}: {type(widget).__name__} {fg.name} on {bg.name}"
        assert ratio >= MIN_TEXT_CONTRAST, f"{where} only {ratio:.2f}:1"
    assert all(v.palette().color(QPalette.ColorRole.Base) == QColor(colors.surface) for v in views)
    # every label, field and button of it, as its own palette says after the style sheet
    roles = QPalette.ColorRole
    parts: list[tuple[type[QWidget], QPalette.ColorRole, QPalette.ColorRole]] = [
        (QLabel, roles.WindowText, roles.Window),
        (QLineEdit, roles.Text, roles.Base),
        (QComboBox, roles.Text, roles.Base),
        (QPushButton, roles.ButtonText, roles.Button),
    ]
    for kind, fg, bg in parts:
        found = dialog.findChildren(kind)
        assert found, f"no {kind.__name__} in the file dialog"
        for widget in found:
            widget.ensurePolished()
            ratio = contrast_ratio(widget.palette().color(fg), widget.palette().color(bg))
            where = f"{colors.name}: {kind.__name__} {widget.objectName()!r}"
            assert ratio >= MIN_TEXT_CONTRAST, f"{where} only {ratio:.2f}:1"
    css = file_dialog_css(parent.palette())
    assert colors.surface in css and colors.text in css


@pytest.mark.qt_log_ignore("does not support raise")
def test_the_quiet_confirmation_is_themed_and_never_takes_the_keyboard(qtbot: QtBot) -> None:
    toast = Toast(NIGHT, shown_ms=300)
    qtbot.addWidget(toast)
    toast.show_text("One glass logged. Today: 0.5 of 2 litres.", QRect(1200, 0, 24, 24))
    qtbot.waitExposed(toast)
    assert toast.label.accessibleName() == "One glass logged. Today: 0.5 of 2 litres."
    assert toast.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert toast.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert NIGHT.surface in toast.styleSheet()
    screen = toast.screen().availableGeometry()
    assert screen.contains(toast.frameGeometry())
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=3000)
