"""The History window on a realistic month, wired to a real controller as the app will."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from time import perf_counter

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.core.history_view import CellState, CheckinEdit, EntryEdit, EntryRef, WaterEdit
from nightstretch.services.history import HistoryController
from nightstretch.store.logbook import Logbook
from nightstretch.store.visit import discussed
from nightstretch.ui.cramp_dialog import CrampDialog
from nightstretch.ui.history_window import HistoryWindow
from nightstretch.ui.theme import DAY, NIGHT, Colors
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.services.test_history import NOW, SICK, WARNING_NIGHT, night, seed_month

pytestmark = pytest.mark.qt_log_ignore("does not support (raise|propagateSizeHints)")


def build(
    qtbot: QtBot,
    logbook: Logbook,
    colors: Colors = NIGHT,
    saved: list[EntryEdit] | None = None,
) -> tuple[HistoryWindow, HistoryController]:
    """The window wired as the composition root wires it; ``saved`` records every edit."""
    seed_month(logbook)
    clock = FakeClock(NOW)
    controller = HistoryController(logbook, clock, water_goal_ml=1800)

    def save(ref: EntryRef, values: EntryEdit) -> str | None:
        if saved is not None:
            saved.append(values)
        return controller.save(ref, values)

    def edit_cramp(entry: CrampEntry, parent: QWidget) -> CrampDialog:
        return CrampDialog(clock, colors, entry=entry, zone=UTC, parent=parent)

    window = HistoryWindow(colors, save_entry=save, edit_cramp=edit_cramp)
    qtbot.addWidget(window)
    controller.changed.connect(lambda: window.show_view(controller.view))
    controller.error.connect(window.show_message)
    window.delete_requested.connect(controller.delete)
    window.undo_requested.connect(controller.undo)
    window.mark_requested.connect(controller.mark_night)
    window.more_requested.connect(controller.show_more)
    window.discussed_requested.connect(controller.set_discussed)
    window.warnings_requested.connect(controller.show_warnings)
    controller.refresh()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window, controller


def focused_state(window: HistoryWindow) -> CellState:
    """Read afresh on every call (keeps mypy from narrowing it between key presses)."""
    return window.heatmap.focused_cell.state


def last(sent: list[EntryEdit]) -> EntryEdit:
    return sent[-1]


def test_renders_a_month_in_both_themes(
    qtbot: QtBot, logbook: Logbook, artifacts: Path, tmp_path: Path
) -> None:
    window, controller = build(qtbot, logbook)
    view = controller.view
    assert window.streak_value.text() == "11 nights"
    assert window.best_value.text() == "11 nights"
    assert window.score_value.text() == f"{round(view.score * 100)} %"
    assert not window.insight_label.isVisibleTo(window)  # too little data for a comparison
    assert window.entries.topLevelItemCount() == len(view.entries)
    first = window.entries.topLevelItem(0)
    assert first is not None and first.text(0) == "Sun 22 Nov  10:00"
    warned = [
        window.entries.topLevelItem(i)
        for i in range(window.entries.topLevelItemCount())
        if window.entries.topLevelItem(i).text(1).startswith("⚠")  # type: ignore[union-attr]
    ]
    assert len(warned) == 1
    assert window.heatmap.focused_cell.night_date == "2026-11-22"
    assert "routine" in window.night_label.text().lower()
    window.grab().save(str(artifacts / "history-night.png"))

    second = Logbook(tmp_path / "day" / "nightstretch.db")
    try:
        day_window, _ = build(qtbot, second, DAY)
        day_window.grab().save(str(artifacts / "history-day.png"))
    finally:
        second.close()


def test_paint_uses_no_database(
    qtbot: QtBot, logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _controller = build(qtbot, logbook)

    def forbidden(*_args: object) -> None:
        raise AssertionError("the window read the logbook while painting")

    monkeypatch.setattr(logbook, "reading", forbidden)
    started = perf_counter()
    window.grab()
    assert perf_counter() - started < 2.0  # a sanity bound; the benchmark measures for real


def test_arrow_keys_move_through_the_calendar_and_keys_mark_nights(
    qtbot: QtBot, logbook: Logbook
) -> None:
    window, controller = build(qtbot, logbook)
    window.heatmap.setFocus()
    QTest.keyClick(window.heatmap, Qt.Key.Key_Right)  # no future: stays on tonight
    assert window.heatmap.focused_cell.night_date == "2026-11-22"
    QTest.keyClick(window.heatmap, Qt.Key.Key_Left)
    QTest.keyClick(window.heatmap, Qt.Key.Key_Up)
    assert window.heatmap.focused_cell.night_date == "2026-11-14"  # Saturday a week back
    for _ in range(4):
        QTest.keyClick(window.heatmap, Qt.Key.Key_Up)
    assert window.heatmap.focused_cell.night_date == night(SICK).isoformat()
    assert "marked sick" in window.night_label.text()
    assert window.clear_mark_button.isEnabled()
    assert "sick" in window.heatmap.accessibleDescription()

    QTest.keyClick(window.heatmap, Qt.Key.Key_Down)  # 11 Nov: done
    QTest.keyClick(window.heatmap, Qt.Key.Key_P)
    assert controller.view.cells[window.heatmap._focus].state == "paused"
    assert focused_state(window) == "paused"
    QTest.keyClick(window.heatmap, Qt.Key.Key_C)
    assert focused_state(window) == "done"
    window.sick_button.click()
    assert focused_state(window) == "sick"
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert focused_state(window) == "done"


def test_tooltip_names_the_night_under_the_mouse(qtbot: QtBot, logbook: Logbook) -> None:
    window, _controller = build(qtbot, logbook)
    index = next(
        i
        for i, c in enumerate(window.heatmap._cells)
        if c.night_date == night(WARNING_NIGHT).isoformat()
    )
    center = window.heatmap._rect(index).center()
    QTest.mouseClick(
        window.heatmap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center
    )
    assert window.heatmap.focused_cell.warning
    assert "warning signs noted" in window.night_label.text()
    assert window.heatmap._index_at(QPoint(0, 0)) is None


def test_delete_key_and_ctrl_z_round_trip(qtbot: QtBot, logbook: Logbook) -> None:
    window, controller = build(qtbot, logbook)
    before = logbook.cramps()
    count = window.entries.topLevelItemCount()
    cramp = next(e for e in controller.view.entries if e.warning)
    window.select_entry(cramp)
    window.entries.setFocus()
    with qtbot.waitSignal(window.delete_requested) as sent:
        QTest.keyClick(window.entries, Qt.Key.Key_Delete)
    assert sent.args == [cramp.ref]
    assert window.entries.topLevelItemCount() == count - 1
    assert window.undo_button.isEnabled()
    assert "Undo delete cramp" in window.undo_button.toolTip()
    QTest.keyClick(window.entries, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert logbook.cramps() == before
    assert window.entries.topLevelItemCount() == count
    assert not window.undo_button.isEnabled()


def test_edit_opens_the_cramp_dialog_and_saves_through_the_controller(
    qtbot: QtBot, logbook: Logbook
) -> None:
    window, controller = build(qtbot, logbook)
    cramp = next(e for e in controller.view.entries if e.warning)
    window.select_entry(cramp)
    window.edit_button.click()
    dialog = window.cramp_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.guidance_shown  # the cramp had warning signs: guidance first
    assert dialog.severity.value() == 7
    dialog.severity.setValue(5)
    dialog.save_button.click()
    assert not dialog.isVisible()
    row = next(c for c in logbook.cramps() if c.id == cramp.ref.id)
    assert row.severity == 5 and row.warning_signs
    assert controller.view.undo_text == "Undo edit cramp"


def test_inline_edits_for_water_and_checkins(
    qtbot: QtBot, logbook: Logbook, artifacts: Path
) -> None:
    sent: list[EntryEdit] = []
    window, controller = build(qtbot, logbook, saved=sent)
    glass = next(e for e in controller.view.entries if e.ref.kind == "water")
    window.select_entry(glass)
    window.entries.setFocus()
    QTest.keyClick(window.entries, Qt.Key.Key_Return)  # Enter edits
    assert window.edit_panel.isVisible()
    qtbot.waitUntil(window.edit_ml.hasFocus)
    window.grab().save(str(artifacts / "history-inline-edit.png"))
    QTest.keyClicks(window.edit_ml, "400")
    QTest.keyClick(window.edit_ml, Qt.Key.Key_Return)
    assert isinstance(sent[-1], WaterEdit) and sent[-1].ml == 400
    assert sent[-1].at == glass.water_at
    assert not window.edit_panel.isVisible()
    assert next(w for w in logbook.water() if w.id == glass.ref.id).ml == 400

    answer = next(e for e in controller.view.entries if e.ref.kind == "checkin")
    window.select_entry(answer)
    window.edit_button.click()
    assert window.edit_count.isVisible() and not window.edit_ml.isVisible()
    window.edit_count.setValue(2)
    window.edit_save.click()
    assert last(sent) == CheckinEdit(2)

    session = next(e for e in controller.view.entries if e.ref.kind == "session")
    window.select_entry(session)
    assert not window.edit_button.isEnabled() and window.delete_button.isEnabled()


def test_a_refused_edit_stays_open_with_the_message(
    qtbot: QtBot, logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = build(qtbot, logbook)
    glass = next(e for e in controller.view.entries if e.ref.kind == "water")
    window.select_entry(glass)
    window.edit_button.click()

    def full(*_args: object) -> bool:
        from nightstretch.store.logbook import LogbookError

        raise LogbookError("Could not save: the disk is full (data folder /x).")

    monkeypatch.setattr(logbook, "update_water", full)
    window.edit_save.click()
    assert window.edit_panel.isVisible()
    assert window.message.isVisible() and "disk is full" in window.message.text()


def test_buttons_emit_their_signals(qtbot: QtBot, logbook: Logbook) -> None:
    window, _controller = build(qtbot, logbook)
    for button, signal in (
        (window.report_button, window.report_requested),
        (window.export_button, window.export_requested),
        (window.backup_button, window.backup_requested),
        (window.restore_button, window.restore_requested),
        (window.more_button, window.more_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            button.click()
    assert not window.more_button.isEnabled()  # one more page reached the first entry
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()  # Esc closes


def test_every_control_has_an_accessible_name(qtbot: QtBot, logbook: Logbook) -> None:
    window, _controller = build(qtbot, logbook)
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox

    controls = [
        *window.findChildren(QAbstractButton),
        *window.findChildren(QAbstractSpinBox),
        window.entries,
        window.heatmap,
        window.week_chart,
        window.water_chart,
    ]
    assert controls
    unnamed = [c for c in controls if not c.accessibleName()]
    assert unnamed == []
    assert QApplication.focusWidget() is not None


def row_text(window: HistoryWindow, ref: EntryRef) -> str:
    for index in range(window.entries.topLevelItemCount()):
        row = window.entries.topLevelItem(index)
        assert row is not None
        entry = window._items.get(row.data(0, Qt.ItemDataRole.UserRole))
        if entry is not None and entry.ref == ref:
            return row.text(1)
    raise AssertionError(f"{ref} is not listed")


def test_discussed_mark_from_the_keyboard_and_taken_back(qtbot: QtBot, logbook: Logbook) -> None:
    window, controller = build(qtbot, logbook)
    assert window.warning_line.isVisible()
    assert window.warning_line.text.text().startswith("⚠ 1 entry with warning signs")
    cramp = next(e for e in controller.view.entries if e.warning)
    assert row_text(window, cramp.ref).startswith("⚠ To discuss: Cramp: both legs")
    water = next(e for e in controller.view.entries if e.ref.kind == "water")
    window.select_entry(water)
    assert not window.discussed_box.isVisible()  # only on warning-sign cramps
    window.select_entry(cramp)
    assert window.discussed_box.isVisible() and not window.discussed_box.isChecked()
    window.entries.setFocus()
    QTest.keyClick(window.entries, Qt.Key.Key_Tab)
    assert window.discussed_box.hasFocus()  # the next stop after the list
    with qtbot.waitSignal(window.discussed_requested) as sent:
        QTest.keyClick(window.discussed_box, Qt.Key.Key_Space)
    assert sent.args == [cramp.ref, True]
    assert list(discussed(logbook)) == [cramp.ref.id]
    text = row_text(window, cramp.ref)
    assert not text.startswith("⚠") and text.endswith("discussed on Sun 22 Nov")
    assert not window.warning_line.isVisible()  # nothing left to discuss
    assert window.selected_entry() is not None and window.discussed_box.isChecked()
    assert "discussed on Sun 22 Nov" in window.entry_detail.text()

    QTest.keyClick(window.discussed_box, Qt.Key.Key_Space)  # set by mistake: untick
    assert discussed(logbook) == {}
    assert row_text(window, cramp.ref).startswith("⚠ To discuss:")
    assert window.warning_line.isVisible()
    QTest.keyClick(window.entries, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list(discussed(logbook)) == [cramp.ref.id]  # Ctrl+Z undoes the untick


def test_the_warning_line_shows_every_warning_entry(qtbot: QtBot, logbook: Logbook) -> None:
    window, controller = build(qtbot, logbook)
    old = CrampEntry(
        happened=NOW.replace(month=6, day=2, hour=3), leg="left", severity=6, warmth=True
    )
    logbook.add_cramp(old, logged=NOW.replace(month=6, day=2, hour=8))
    controller.refresh()
    assert "2 entries with warning signs" in window.warning_line.text.text()
    assert window.warning_line.text.accessibleName() == window.warning_line.text.text()
    window.warning_line.button.click()
    assert window.entries_title.text() == "Entries with warning signs"
    assert window.entries.topLevelItemCount() == 2
    assert window.warning_line.button.text() == "Show all entries"
    window.warning_line.button.click()
    assert window.entries.topLevelItemCount() > 2
    assert window.entries_title.text().startswith("Entries since")
