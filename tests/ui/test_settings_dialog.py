"""The settings dialog driven from the keyboard only, with the real SettingsService rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from nightstretch.services.settings_service import SettingsService
from nightstretch.store.settings import Settings, SettingsFile
from nightstretch.ui.settings_dialog import SECTIONS, SettingsDialog, editable_field_names
from nightstretch.ui.theme import DAY, NIGHT
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QListWidget,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

OpenDialog = Callable[..., SettingsDialog]

QT_NOISE = "This plugin does not support (raise|propagateSizeHints)"
pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)
TODAY = date(2026, 5, 10)
ROUTINES = (("pre-bed-calf", "Before-bed calf stretch"), ("quick-calf", "Quick calf stretch"))


@pytest.fixture
def service(tmp_path: Path) -> SettingsService:
    settings_file = SettingsFile(tmp_path / "config" / "settings.json")
    settings_file.save(Settings())
    return SettingsService(settings_file, Settings())


@pytest.fixture
def open_dialog(qtbot: QtBot, service: SettingsService) -> OpenDialog:
    def make(settings: Settings | None = None, **overrides: Any) -> SettingsDialog:
        options: dict[str, Any] = {
            "check": service.check_field,
            "check_together": service.cross_field_problems,
            "apply": service.apply,
            "today": TODAY,
            "colors": NIGHT,
            "routines": ROUTINES,
            "voice_engines": ("speechd", "mock"),
            "data_folder": "/home/anna/.local/share/nightstretch",
        }
        options.update(overrides)
        dialog = SettingsDialog(settings or service.settings, **options)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):  # a context manager: it waits on leaving the block
            dialog.show()
            dialog.activateWindow()
        return dialog

    return make


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def key(
    qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = focused()
    assert target is not None
    QTest.keyClick(target, k, modifier)


def go_to_section(qtbot: QtBot, dialog: SettingsDialog, title: str) -> None:
    """From anywhere: focus the section list (Shift+Tab order ends there), then arrow keys."""
    dialog.sections.setFocus()
    key(qtbot, Qt.Key.Key_Home)
    for _ in range(SECTIONS.index(title)):
        key(qtbot, Qt.Key.Key_Down)
    assert dialog.stack.currentIndex() == SECTIONS.index(title)


def tab_to(qtbot: QtBot, widget: QWidget, limit: int = 60) -> None:
    """Press Tab until ``widget`` has the focus; fails if the tab order never reaches it."""
    for _ in range(limit):
        if focused() is widget:
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName()!r}")


def alt(qtbot: QtBot, letter: Qt.Key) -> None:
    """A mnemonic; a button answers with an animated click, so wait for it to come up."""
    key(qtbot, letter, Qt.KeyboardModifier.AltModifier)
    window = QApplication.activeWindow()
    buttons = window.findChildren(QAbstractButton) if window is not None else []
    qtbot.waitUntil(lambda: not any(b.isDown() for b in buttons), timeout=2000)


def type_time(qtbot: QtBot, hhmm: str) -> None:
    """Select the hour section of the focused time edit and type over it, as a person would."""
    key(qtbot, Qt.Key.Key_Home)
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    target = focused()
    assert target is not None
    QTest.keyClicks(target, hhmm)


def type_over(qtbot: QtBot, text: str) -> None:
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    target = focused()
    assert target is not None
    QTest.keyClicks(target, text)


def test_every_section_in_night_theme_and_one_in_day(
    open_dialog: OpenDialog, artifacts: Path
) -> None:
    settings = replace(Settings(), bedtimes=(("fri", "23:30"),), due_date="2026-09-01")
    dialog = open_dialog(settings)
    for index, title in enumerate(SECTIONS):
        dialog.show_page(title)
        assert dialog.stack.currentIndex() == index
        slug = title.lower().replace(" ", "-")
        dialog.grab().save(str(artifacts / f"settings-night-{index:02d}-{slug}.png"))
    day = open_dialog(settings, colors=DAY)
    day.show_page("Water")
    day.grab().save(str(artifacts / "settings-day-water.png"))
    big = open_dialog(settings, font_scale=1.5)
    big.show_page("Reminders")
    big.grab().save(str(artifacts / "settings-night-reminders-font-1.5.png"))


def test_opens_valid_with_save_enabled_and_the_list_focused(open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    assert dialog.save_button.isEnabled()
    assert dialog.problems() == {}
    assert focused() is dialog.sections
    assert dialog.draft() == Settings()
    assert not dialog.summary.isVisible()


def test_water_interval_zero_shows_the_message_and_disables_save(
    qtbot: QtBot, open_dialog: OpenDialog, artifacts: Path
) -> None:
    dialog = open_dialog()
    go_to_section(qtbot, dialog, "Water")
    tab_to(qtbot, dialog.fields["water_interval_min"])
    type_over(qtbot, "0")
    message = dialog.messages["water_interval_min"]
    assert message.isVisible()
    assert message.text() == "Must be between 15 and 480."
    assert not dialog.save_button.isEnabled()
    assert dialog.sections.item(SECTIONS.index("Water")).text() == "Water  \u2022 needs a fix"
    assert "Water" in dialog.summary.text()
    assert "between 15 and 480" in dialog.fields["water_interval_min"].accessibleDescription()
    dialog.grab().save(str(artifacts / "settings-night-water-invalid.png"))
    type_over(qtbot, "45")
    assert not message.isVisible()
    assert dialog.save_button.isEnabled()
    assert dialog.sections.item(SECTIONS.index("Water")).text() == "Water"
    assert dialog.draft().water_interval_min == 45


def test_water_end_before_start_is_shown_next_to_the_end(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog()
    go_to_section(qtbot, dialog, "Water")
    tab_to(qtbot, dialog.fields["water_start"])
    type_time(qtbot, "1000")
    assert dialog.draft().water_start == "10:00"
    alt(qtbot, Qt.Key.Key_T)  # "End a&t a set time"
    assert dialog.water_at.isChecked()
    tab_to(qtbot, dialog.fields["water_end"])
    type_time(qtbot, "0930")
    assert dialog.draft().water_end == "09:30"
    message = dialog.messages["water_end"]
    assert message.isVisible()
    assert message.text() == "Must be after \u201cStart at\u201d (10:00)."
    assert not dialog.save_button.isEnabled()
    type_time(qtbot, "1800")
    assert not message.isVisible()
    assert dialog.save_button.isEnabled()


def test_a_time_of_25_00_cannot_be_typed(
    qtbot: QtBot, open_dialog: OpenDialog, service: SettingsService
) -> None:
    dialog = open_dialog()
    tab_to(qtbot, dialog.fields["bedtime"])
    type_time(qtbot, "2500")
    editor = dialog.fields["bedtime"]
    assert isinstance(editor, QAbstractSpinBox)
    assert not editor.text().startswith("25")
    bedtime = dialog.draft().bedtime
    assert bedtime != "25:00"
    assert service.check_field("bedtime", bedtime) is None
    assert dialog.problems() == {}
    assert dialog.save_button.isEnabled()


def test_weekdays_none_and_whole_numbers_out_of_range(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog()
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        tab_to(qtbot, dialog.remind_on[day])
        key(qtbot, Qt.Key.Key_Space)
    assert dialog.draft().evening_weekdays == ()
    assert (
        dialog.messages["evening_weekdays"]
        .text()
        .startswith("Must be a non-empty list of weekdays")
    )
    assert not dialog.save_button.isEnabled()
    key(qtbot, Qt.Key.Key_Space)  # Sunday back on
    assert dialog.save_button.isEnabled()
    tab_to(qtbot, dialog.fields["evening_lead_min"])
    type_over(qtbot, "200")
    assert dialog.messages["evening_lead_min"].text() == "Must be between 0 and 180."
    go_to_section(qtbot, dialog, "Appearance")
    tab_to(qtbot, dialog.fields["font_scale"])
    type_over(qtbot, "2.5")
    assert dialog.messages["font_scale"].text() == "Must be between 0.75 and 2."
    flagged = [dialog.sections.item(i).text() for i in range(len(SECTIONS))]
    assert [t for t in flagged if "needs a fix" in t] == [
        "Reminders  \u2022 needs a fix",
        "Appearance  \u2022 needs a fix",
    ]


def test_keyboard_edits_in_every_section_produce_the_expected_settings(
    qtbot: QtBot, open_dialog: OpenDialog, service: SettingsService
) -> None:
    dialog = open_dialog()
    seen: list[Settings] = []
    dialog.accepted_settings.connect(seen.append)

    # Reminders: bedtime, Friday's own bedtime, no reminder on Saturday, lead and follow-up.
    go_to_section(qtbot, dialog, "Reminders")
    tab_to(qtbot, dialog.fields["bedtime"])
    type_time(qtbot, "2300")
    alt(qtbot, Qt.Key.Key_M)  # "Some nights ... bedti&me"
    assert dialog.own_bedtimes.isChecked()
    tab_to(qtbot, dialog.own_day["fri"])
    key(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, dialog.own_time["fri"])
    type_time(qtbot, "0030")
    tab_to(qtbot, dialog.remind_on["sat"])
    key(qtbot, Qt.Key.Key_Space)
    alt(qtbot, Qt.Key.Key_E)  # "Remind me &early by"
    type_over(qtbot, "45")
    alt(qtbot, Qt.Key.Key_F)
    type_over(qtbot, "0")

    go_to_section(qtbot, dialog, "Routine")
    alt(qtbot, Qt.Key.Key_R)
    key(qtbot, Qt.Key.Key_Down)

    go_to_section(qtbot, dialog, "Water")
    alt(qtbot, Qt.Key.Key_G)
    type_over(qtbot, "300")
    alt(qtbot, Qt.Key.Key_L)
    type_over(qtbot, "2400")

    go_to_section(qtbot, dialog, "Check-in")
    alt(qtbot, Qt.Key.Key_T)
    type_time(qtbot, "0915")

    go_to_section(qtbot, dialog, "Movement breaks")
    alt(qtbot, Qt.Key.Key_R)  # "&Remind me to move": a mnemonic toggles a check box
    alt(qtbot, Qt.Key.Key_E)
    type_over(qtbot, "45")

    go_to_section(qtbot, dialog, "Pregnancy")
    alt(qtbot, Qt.Key.Key_W)  # "Current &week"
    tab_to(qtbot, dialog.fields["pregnancy_week"])
    type_over(qtbot, "24")
    assert dialog.week_status.text() == "Today: Week 24 - 2nd trimester."

    go_to_section(qtbot, dialog, "Appearance")
    alt(qtbot, Qt.Key.Key_T)
    key(qtbot, Qt.Key.Key_Down)  # Always night
    alt(qtbot, Qt.Key.Key_Z)
    type_over(qtbot, "1.25")

    go_to_section(qtbot, dialog, "Sound and voice")
    alt(qtbot, Qt.Key.Key_A)  # "Speak the steps &aloud"
    alt(qtbot, Qt.Key.Key_V)
    key(qtbot, Qt.Key.Key_Down)  # speechd
    alt(qtbot, Qt.Key.Key_R)
    type_over(qtbot, "0.3")

    go_to_section(qtbot, dialog, "Start at login")
    alt(qtbot, Qt.Key.Key_L)

    expected = replace(
        Settings(),
        bedtime="23:00",
        bedtimes=(("fri", "00:30"),),
        evening_weekdays=("mon", "tue", "wed", "thu", "fri", "sun"),
        evening_lead_min=45,
        evening_followup_min=0,
        evening_routine="quick-calf",
        glass_ml=300,
        water_goal_ml=2400,
        checkin_time="09:15",
        movement_enabled=True,
        movement_interval_min=45,
        pregnancy_week=24,
        pregnancy_week_on=TODAY.isoformat(),
        theme="night",
        font_scale=1.25,
        voice=True,
        voice_engine="speechd",
        voice_rate=0.3,
        autostart=True,
    )
    assert dialog.problems() == {}
    assert dialog.draft() == expected
    alt(qtbot, Qt.Key.Key_S)  # &Save
    assert seen == [expected]
    assert not dialog.isVisible()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert service.settings == expected
    saved = json.loads(service.settings_file.path.read_text("utf-8"))
    assert saved["bedtimes"] == {"fri": "00:30"}
    assert saved["pregnancy_week"] == 24


@pytest.mark.parametrize("how", ["escape", "cancel-button"])
def test_cancel_leaves_everything_as_it_was(
    qtbot: QtBot, open_dialog: OpenDialog, service: SettingsService, how: str
) -> None:
    before = service.settings_file.path.read_bytes()
    dialog = open_dialog()
    seen: list[Settings] = []
    dialog.accepted_settings.connect(seen.append)
    changed: list[object] = []
    service.changed.connect(lambda old, new: changed.append(new))
    tab_to(qtbot, dialog.fields["bedtime"])
    type_time(qtbot, "2345")
    assert dialog.draft().bedtime == "23:45"
    if how == "escape":
        key(qtbot, Qt.Key.Key_Escape)
    else:
        tab_to(qtbot, dialog.cancel_button)
        key(qtbot, Qt.Key.Key_Space)
    assert not dialog.isVisible()
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert seen == [] and changed == []
    assert service.settings == Settings()
    assert service.settings_file.path.read_bytes() == before


def test_nothing_is_saved_while_a_field_is_invalid(
    qtbot: QtBot, open_dialog: OpenDialog, service: SettingsService
) -> None:
    dialog = open_dialog()
    go_to_section(qtbot, dialog, "Movement breaks")
    alt(qtbot, Qt.Key.Key_E)  # the interval is disabled while breaks are off
    assert focused() is dialog.sections
    alt(qtbot, Qt.Key.Key_R)
    movement = dialog.fields["movement_enabled"]
    assert isinstance(movement, QAbstractButton)
    assert movement.isChecked()
    alt(qtbot, Qt.Key.Key_E)
    assert focused() is dialog.fields["movement_interval_min"]
    type_over(qtbot, "5")
    assert not dialog.save_button.isEnabled()
    key(qtbot, Qt.Key.Key_Return)  # the default button is disabled: Enter does nothing
    alt(qtbot, Qt.Key.Key_S)
    assert dialog.isVisible()
    assert service.settings == Settings()


def test_a_failed_save_keeps_the_dialog_open_and_says_why(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog(apply=lambda new: ["/x/settings.json could not be saved (Disk full)"])
    seen: list[Settings] = []
    dialog.accepted_settings.connect(seen.append)
    tab_to(qtbot, dialog.save_button)
    key(qtbot, Qt.Key.Key_Space)
    assert dialog.isVisible()
    assert seen == []
    assert dialog.summary.text() == "Not saved: /x/settings.json could not be saved (Disk full)"


def test_without_apply_save_only_emits(
    qtbot: QtBot, open_dialog: OpenDialog, service: SettingsService
) -> None:
    dialog = open_dialog(apply=None)
    with qtbot.waitSignal(dialog.accepted_settings, timeout=1000) as blocker:
        alt(qtbot, Qt.Key.Key_S)
    assert blocker.args == [Settings()]
    assert service.settings == Settings()


def test_pregnancy_modes_round_trip(qtbot: QtBot, open_dialog: OpenDialog) -> None:
    given = replace(Settings(), pregnancy_week=20, pregnancy_week_on="2026-04-26")
    dialog = open_dialog(given)
    go_to_section(qtbot, dialog, "Pregnancy")
    assert dialog.week_by_week.isChecked()
    week = dialog.fields["pregnancy_week"]
    assert isinstance(week, QSpinBox)
    assert week.value() == 22
    assert dialog.draft() == given  # untouched: the week keeps the date it was given on
    assert dialog.week_status.text() == "Today: Week 22 - 2nd trimester."
    alt(qtbot, Qt.Key.Key_D)
    tab_to(qtbot, dialog.fields["due_date"])
    due = focused()
    assert due is not None
    QTest.keyClicks(due, "20260801")  # fresh focus: the year section is selected
    draft = dialog.draft()
    assert (draft.due_date, draft.pregnancy_week, draft.pregnancy_week_on) == ("2026-08-01", 0, "")
    assert dialog.week_status.text() == "Today: Week 28 - 3rd trimester."
    alt(qtbot, Qt.Key.Key_N)
    draft = dialog.draft()
    assert (draft.due_date, draft.pregnancy_week, draft.pregnancy_week_on) == ("", 0, "")
    assert dialog.week_status.text().startswith("Week not set: to be safe")
    alt(qtbot, Qt.Key.Key_W)
    tab_to(qtbot, dialog.fields["pregnancy_week"])
    type_over(qtbot, "43")
    assert dialog.messages["pregnancy_week"].text() == "Must be between 0 and 42."
    assert not dialog.save_button.isEnabled()
    alt(qtbot, Qt.Key.Key_B)
    assert dialog.draft().postpartum is True
    assert dialog.week_status.text().startswith("After the birth")


def test_signals_for_voice_test_and_data_buttons(qtbot: QtBot, open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    go_to_section(qtbot, dialog, "Sound and voice")
    alt(qtbot, Qt.Key.Key_V)
    key(qtbot, Qt.Key.Key_End)  # mock
    alt(qtbot, Qt.Key.Key_R)
    type_over(qtbot, "-0.5")
    with qtbot.waitSignal(dialog.test_voice_requested, timeout=1000) as blocker:
        alt(qtbot, Qt.Key.Key_T)
    assert blocker.args == ["mock", -0.5]
    go_to_section(qtbot, dialog, "Data")
    for letter, signal in (
        (Qt.Key.Key_O, dialog.open_folder_requested),
        (Qt.Key.Key_E, dialog.export_requested),
        (Qt.Key.Key_B, dialog.backup_requested),
        (Qt.Key.Key_R, dialog.restore_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            key(qtbot, letter, Qt.KeyboardModifier.AltModifier)
    assert dialog.isVisible()


def test_ctrl_page_down_walks_the_sections(qtbot: QtBot, open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    tab_to(qtbot, dialog.fields["bedtime"])
    key(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert dialog.stack.currentIndex() == 1
    key(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert dialog.stack.currentIndex() == len(SECTIONS) - 1


def _controls(page: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QListWidget)
    return [w for w in page.findChildren(QWidget) if isinstance(w, kinds)]


def test_every_control_has_an_accessible_name_and_is_reached_by_tab(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog(replace(Settings(), bedtimes=(("fri", "23:30"),), water_end="19:00"))
    assert dialog.sections.accessibleName()
    for index, title in enumerate(SECTIONS):
        go_to_section(qtbot, dialog, title)
        page = dialog.stack.widget(index)
        assert page is not None
        reachable = [w for w in _controls(page) if w.isVisibleTo(page) and w.isEnabled()]
        assert reachable, title
        for widget in _controls(page):
            assert widget.accessibleName(), f"{title}: {type(widget).__name__} has no name"
        visited: set[int] = set()
        for _ in range(80):
            key(qtbot, Qt.Key.Key_Tab)
            if focused() is dialog.sections:
                break
            visited.add(id(focused()))
        # Radio buttons in a group take one tab stop; arrow keys move between them.
        missing = [
            w.accessibleName()
            for w in reachable
            if id(w) not in visited and not isinstance(w, QRadioButton)
        ]
        assert missing == [], title
        assert id(dialog.save_button) in visited


def test_each_page_uses_each_mnemonic_once_and_never_the_save_key(open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    for index, title in enumerate(SECTIONS):
        page = dialog.stack.widget(index)
        assert page is not None
        letters = []
        for widget in page.findChildren(QWidget):
            text = widget.text() if hasattr(widget, "text") else ""
            if isinstance(text, str) and "&" in text.replace("&&", ""):
                letters.append(text[text.index("&") + 1].lower())
        assert len(letters) == len(set(letters)), (title, letters)
        assert "s" not in letters, title


def test_font_scale_and_theme_are_honoured(open_dialog: OpenDialog) -> None:
    small = open_dialog()
    large = open_dialog(font_scale=1.5)
    assert "font-size: 11pt" in small.styleSheet()
    assert "font-size: 16pt" in large.styleSheet()
    assert large.width() > small.width()
    day = open_dialog(colors=DAY)
    assert DAY.background in day.styleSheet() and NIGHT.background not in day.styleSheet()
    assert NIGHT.accent in small.styleSheet()


def test_the_dialog_edits_every_setting_but_the_first_run_flags(open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    assert set(dialog.fields) | {"pregnancy_week_on"} >= editable_field_names()
    flags = replace(Settings(), onboarding_done=True, past_due_asked=True)
    assert open_dialog(flags).draft() == flags


def test_how_reminders_appear_is_chosen_on_the_reminders_page(
    open_dialog: OpenDialog, service: SettingsService
) -> None:
    dialog = open_dialog()
    combo = dialog.fields["reminder_display"]
    assert isinstance(combo, QComboBox)
    assert combo.accessibleName() == "Show reminders as"
    assert [combo.itemData(i) for i in range(combo.count())] == ["auto", "notifications", "card"]
    assert combo.currentData() == "auto"
    combo.setCurrentIndex(combo.findData("card"))
    assert dialog.draft().reminder_display == "card"
    dialog.save_button.click()
    assert service.settings.reminder_display == "card"
