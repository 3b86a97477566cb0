"""The history controller on a realistic month: view data, edits and deletes with undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.core.history_view import (
    ENTRY_PAGE_NIGHTS,
    WEEKS_SHOWN,
    CheckinEdit,
    EntryRef,
    HistoryView,
    NightCell,
    WaterEdit,
)
from nightstretch.services.history import HistoryController
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.visit import discussed
from pytestqt.qtbot import QtBot

NOW = datetime(2026, 11, 22, 20, 30, tzinfo=UTC)  # a Sunday evening, routine not done yet
FIRST = date(2026, 10, 24)
NIGHTS = 29  # 24 Oct .. 21 Nov
NO_ROUTINE = {3, 9, 16}
PARTIAL = {12}
SICK = 17  # 10 Nov
CRAMPS = {1: [5], 3: [7], 9: [6, 4], 16: [8], 20: [7], 25: [3]}
WARNING_NIGHT = 20  # 13 Nov: swelling and warmth ticked
SPILLED_GLASS = 22  # one extra big glass: that day meets the goal


def night(index: int) -> date:
    return FIRST + timedelta(days=index)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def seed_month(book: Logbook) -> None:
    """A month as someone would log it: routines most nights, cramps, water, a sick day."""
    for i in range(NIGHTS):
        evening = night(i)
        morning = evening + timedelta(days=1)
        if i == SICK:
            book.set_day_mark(evening.isoformat(), "sick")
        elif i in PARTIAL:
            sid = book.start_session("evening-calf", at(evening, 21, 50), 6)
            book.end_session(sid, at(evening, 21, 55), 3, "partial")
        elif i not in NO_ROUTINE:
            sid = book.start_session("evening-calf", at(evening, 21, 40), 6)
            book.end_session(sid, at(evening, 21, 52), 6, "completed")
            book.set_feeling(sid, "loose")
        for n, severity in enumerate(CRAMPS.get(i, [])):
            warning = i == WARNING_NIGHT
            book.add_cramp(
                CrampEntry(
                    happened=at(morning, 3, 10 + 40 * n),
                    leg="both" if warning else ("left", "right")[n % 2],
                    severity=severity,
                    muscle="calf",
                    duration_min=2 + n,
                    helped="flexed the foot" if severity > 5 else None,
                    swelling=warning,
                    warmth=warning,
                ),
                logged=at(morning, 7, 30),
            )
        if i != SICK:
            book.set_checkin(evening.isoformat(), len(CRAMPS.get(i, [])), at(morning, 7, 35))
        for glass in range(6):
            book.add_water(250, at(evening, 9 + 2 * glass, 15))
        if i == SPILLED_GLASS:
            book.add_water(600, at(evening, 19, 0))
    book.add_water(250, at(NOW.date(), 10, 0))  # today so far


@pytest.fixture
def controller(logbook: Logbook, qtbot: QtBot) -> HistoryController:
    seed_month(logbook)
    return HistoryController(logbook, FakeClock(NOW), water_goal_ml=1800)


def cell(view: HistoryView, day: str) -> NightCell:
    return next(c for c in view.cells if c.night_date == day)


def test_view_from_a_seeded_month(controller: HistoryController) -> None:
    view = controller.refresh()
    assert view.tonight == "2026-11-22"
    assert len(view.cells) == 7 * WEEKS_SHOWN
    assert view.cells[0].night_date == "2026-08-31"  # a Monday, 12 weeks back
    assert date.fromisoformat(view.cells[0].night_date).weekday() == 0
    assert view.cells[-1].night_date == "2026-11-22"

    assert cell(view, "2026-08-31").state == "none"  # before the logbook began
    assert cell(view, night(0).isoformat()).state == "done"
    assert cell(view, night(3).isoformat()).state == "none"
    assert cell(view, night(12).isoformat()).state == "partial"
    sick = cell(view, night(SICK).isoformat())
    assert sick.state == "sick" and "marked sick" in sick.tooltip
    warned = cell(view, night(WARNING_NIGHT).isoformat())
    assert warned.warning and warned.cramps == 1
    assert "warning signs noted" in warned.tooltip and "worst 7/10" in warned.tooltip
    two = cell(view, night(9).isoformat())
    assert two.cramps == 2 and "2 cramps" in two.tooltip
    assert cell(view, "2026-11-22").state == "none"  # tonight: still to do, not "future"

    # 16 was the last night without the routine; sick 17 is stepped over; 18..28 done
    assert (view.streak_current, view.streak_best) == (11, 11)
    assert 0.5 < view.score < 1.0
    assert len(view.weeks) == WEEKS_SHOWN
    this_week, week_of_warning = view.weeks[-1], view.weeks[-2]
    assert (this_week.label, this_week.cramp_nights, this_week.reported_nights) == ("16 Nov", 1, 6)
    assert week_of_warning.label == "9 Nov"
    # 9 and 13 Nov had cramps; the sick night 10 Nov was not reported and not counted
    assert (week_of_warning.cramp_nights, week_of_warning.reported_nights) == (2, 6)
    assert (week_of_warning.routine_done, week_of_warning.counted) == (5, 6)

    assert len(view.water) == 14 and view.water[-1].label == "Sun 22"
    assert view.water[-1].ml == 250 and not view.water[-1].met
    spilled = next(w for w in view.water if w.label == f"{night(SPILLED_GLASS):%a} 15")
    assert spilled.ml == 2100 and spilled.met
    assert view.water_goal_ml == 1800
    assert view.insight is None  # only four nights without the routine: too few to compare


def test_entry_list_is_newest_first_and_paged(controller: HistoryController) -> None:
    view = controller.refresh()
    assert view.entries_since == "2026-10-26"
    keys = [e.sort_key for e in view.entries]
    assert keys == sorted(keys, reverse=True)
    assert view.entries[0].what == "Water" and view.entries[0].when == "Sun 22 Nov  10:00"
    nights_listed = {e.ref for e in view.entries}
    assert len(nights_listed) == len(view.entries)
    assert view.more_entries  # 24 and 25 Oct are older than one page
    warning = [e for e in view.entries if e.warning]
    assert len(warning) == 1
    assert warning[0].details == (
        "both legs, 7/10; 2 min; helped: flexed the foot; warning signs: swelling, warmth; "
        "not yet discussed with your midwife or doctor"
    )
    assert warning[0].flagged and warning[0].flag == "To discuss"
    assert warning[0].cramp is not None and warning[0].cramp.swelling
    checkin = next(e for e in view.entries if e.what == "Check-in")
    assert checkin.details.startswith("Night of Sat 21 Nov: no cramps")
    session = next(e for e in view.entries if e.what == "Routine")
    assert session.details == "evening calf, done, 6 of 6 steps, felt loose and calm"
    assert not session.editable

    controller.show_more()
    more = controller.view
    assert (
        more.entries_since
        == (date(2026, 11, 22) - timedelta(2 * ENTRY_PAGE_NIGHTS - 1)).isoformat()
    )
    assert not more.more_entries
    assert len(more.entries) > len(view.entries)


def test_delete_then_undo_puts_the_exact_row_back(
    controller: HistoryController, logbook: Logbook, qtbot: QtBot
) -> None:
    view = controller.refresh()
    before = logbook.cramps()
    warning = next(e for e in view.entries if e.warning)
    with qtbot.waitSignal(controller.changed):
        assert controller.delete(warning.ref)
    after = controller.view
    assert not any(e.warning for e in after.entries)
    assert not cell(after, night(WARNING_NIGHT).isoformat()).warning
    assert after.can_undo and after.undo_text == "Undo delete cramp"
    assert len(logbook.cramps()) == len(before) - 1

    assert controller.undo()
    assert logbook.cramps() == before  # same id, logged time and night
    assert cell(controller.view, night(WARNING_NIGHT).isoformat()).warning
    assert not controller.can_undo and not controller.undo()


def test_every_kind_deletes_and_comes_back(controller: HistoryController, logbook: Logbook) -> None:
    snapshot = (logbook.sessions(), logbook.water(), logbook.checkins(), logbook.cramps())
    view = controller.refresh()
    for kind in ("session", "water", "checkin", "cramp"):
        item = next(e for e in controller.view.entries if e.ref.kind == kind)
        assert controller.delete(item.ref), kind
    assert len(controller.view.entries) == len(view.entries) - 4
    for _ in range(4):
        assert controller.undo()
    assert (logbook.sessions(), logbook.water(), logbook.checkins(), logbook.cramps()) == snapshot


def test_edits_then_undo_revert_them(controller: HistoryController, logbook: Logbook) -> None:
    view = controller.refresh()
    cramps, water, checkins = logbook.cramps(), logbook.water(), logbook.checkins()

    item = next(e for e in view.entries if e.warning)
    assert item.cramp is not None
    calmer = replace(item.cramp, severity=4, swelling=False, warmth=False, helped="walking")
    assert controller.update(item.ref, calmer)
    row = next(c for c in logbook.cramps() if c.id == item.ref.id)
    assert (row.severity, row.warning_signs, row.helped) == (4, False, "walking")

    glass = next(e for e in controller.view.entries if e.ref.kind == "water")
    assert glass.water_at is not None
    assert controller.update(glass.ref, WaterEdit(500, glass.water_at - timedelta(minutes=30)))
    assert next(w for w in logbook.water() if w.id == glass.ref.id).ml == 500

    answer = next(e for e in controller.view.entries if e.ref.kind == "checkin")
    assert controller.update(answer.ref, CheckinEdit(3))
    assert next(k for k in logbook.checkins() if k.id == answer.ref.id).cramp_count == 3

    assert controller.view.undo_text == "Undo edit check-in"
    for _ in range(3):
        assert controller.undo()
    assert (logbook.cramps(), logbook.water(), logbook.checkins()) == (cramps, water, checkins)


def test_refused_edits_and_failed_writes_say_so_and_change_nothing(
    controller: HistoryController,
    logbook: Logbook,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = controller.refresh()
    glass = next(e for e in view.entries if e.ref.kind == "water")
    assert glass.water_at is not None
    with qtbot.waitSignal(controller.error) as said:
        assert not controller.update(glass.ref, WaterEdit(5000, glass.water_at))
    assert said.args == ["Water must be between 1 and 2000 ml (got 5000)."]
    session = next(e for e in view.entries if e.ref.kind == "session")
    with qtbot.waitSignal(controller.error) as said:
        assert not controller.update(session.ref, CheckinEdit(1))
    assert said.args == ["This entry cannot be edited here."]
    with qtbot.waitSignal(controller.error):
        assert not controller.delete(EntryRef("cramp", 999_999))

    def full_disk(_id: int) -> bool:
        raise LogbookError("Could not save: the disk is full (data folder /x).")

    monkeypatch.setattr(logbook, "delete_cramp", full_disk)
    cramp = next(e for e in view.entries if e.ref.kind == "cramp")
    with qtbot.waitSignal(controller.error) as said:
        assert not controller.delete(cramp.ref)
    assert "disk is full" in said.args[0]
    assert not controller.can_undo


def test_save_returns_why_not_instead_of_signalling(
    controller: HistoryController,
    logbook: Logbook,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    glass = next(e for e in controller.refresh().entries if e.ref.kind == "water")
    assert glass.water_at is not None
    with qtbot.assertNotEmitted(controller.error):
        refused = controller.save(glass.ref, WaterEdit(5000, glass.water_at))
        missing = controller.save(EntryRef("water", 999_999), WaterEdit(300, glass.water_at))
        saved = controller.save(glass.ref, WaterEdit(300, glass.water_at))
    assert refused == "Water must be between 1 and 2000 ml (got 5000)."
    assert missing == "That entry is no longer in the logbook."
    assert saved is None and controller.view.undo_text == "Undo edit water"

    def vanished(*_args: object) -> bool:
        return False  # deleted from the command line meanwhile

    monkeypatch.setattr(logbook, "update_water", vanished)
    with qtbot.waitSignal(controller.changed):  # the list is read again
        gone = controller.save(glass.ref, WaterEdit(400, glass.water_at))
    assert gone == "That entry is no longer in the logbook."


def test_marking_a_night_paused_mends_the_streak_and_undo_unmarks(
    controller: HistoryController, logbook: Logbook
) -> None:
    assert controller.refresh().streak_current == 11
    assert controller.mark_night(night(16).isoformat(), "paused")
    view = controller.view
    assert cell(view, night(16).isoformat()).state == "paused"
    assert view.streak_current == 3 + 11  # 13..15 and 18..28 join up (12 was partial)
    assert logbook.day_marks(night(16).isoformat(), night(16).isoformat())[0].mark == "paused"
    assert controller.mark_night(night(SICK).isoformat(), None)
    assert cell(controller.view, night(SICK).isoformat()).state == "none"
    assert controller.undo() and controller.undo()
    assert controller.view.streak_current == 11
    assert [m.mark for m in logbook.day_marks()] == ["sick"]


def test_the_insight_appears_once_both_sides_have_a_week(logbook: Logbook, qtbot: QtBot) -> None:
    for i in range(16):
        evening = night(i)
        if i % 2 == 0:
            sid = logbook.start_session("evening-calf", at(evening, 21, 40), 6)
            logbook.end_session(sid, at(evening, 21, 52), 6, "completed")
        logbook.set_checkin(evening.isoformat(), 1 if i % 4 == 1 else 0, at(evening, 23))
    controller = HistoryController(logbook, FakeClock(at(night(16), 20)))
    text = controller.refresh().insight
    assert text is not None
    assert text.startswith("Nights after your routine: 0 cramp nights of 8 reported.")
    assert "Other nights: 4 of 8." in text


def test_marking_discussed_clears_the_flag_and_unmark_or_undo_brings_it_back(
    controller: HistoryController, logbook: Logbook
) -> None:
    old = CrampEntry(happened=at(date(2026, 6, 2), 3, 0), leg="left", severity=6, redness=True)
    logbook.add_cramp(old, logged=at(date(2026, 6, 2), 8, 0))  # months before the listed page
    view = controller.refresh()
    assert view.undiscussed == 2  # of any date: the report flags them all
    assert "2 entries with warning signs" in view.warning_line
    cramp = next(e for e in view.entries if e.warning)
    assert cramp.flagged

    assert controller.set_discussed(cramp.ref, True)
    view = controller.view
    marked = next(e for e in view.entries if e.ref == cramp.ref)
    assert not marked.flagged and marked.details.endswith("discussed on Sun 22 Nov")
    assert marked.discussed_at == NOW
    assert view.undiscussed == 1 and "1 entry with warning signs" in view.warning_line
    assert view.undo_text == "Undo mark discussed"
    talked = discussed(logbook)
    assert list(talked) == [cramp.ref.id] and talked[cramp.ref.id].at_utc.startswith("2026-11-22")

    assert controller.undo()
    assert discussed(logbook) == {} and controller.view.undiscussed == 2
    assert next(e for e in controller.view.entries if e.ref == cramp.ref).flagged

    assert controller.set_discussed(cramp.ref, True)
    assert controller.set_discussed(cramp.ref, False)  # set by mistake: taken back
    assert discussed(logbook) == {}
    assert next(e for e in controller.view.entries if e.ref == cramp.ref).flagged
    assert controller.view.undo_text == "Undo take back discussed"
    assert controller.undo()  # the mark comes back with its first time
    assert discussed(logbook) == talked

    plain = next(e for e in controller.view.entries if e.ref.kind == "water")
    errors: list[str] = []
    controller.error.connect(errors.append)
    assert not controller.set_discussed(plain.ref, True)  # only warning-sign cramps
    assert errors and discussed(logbook) == talked


def test_show_warnings_lists_every_warning_entry_of_any_date(
    controller: HistoryController, logbook: Logbook
) -> None:
    old = CrampEntry(happened=at(date(2026, 6, 2), 3, 0), leg="left", severity=6, redness=True)
    old_id = logbook.add_cramp(old, logged=at(date(2026, 6, 2), 8, 0))
    assert old_id not in {e.ref.id for e in controller.refresh().entries if e.ref.kind == "cramp"}
    controller.show_warnings(True)
    view = controller.view
    assert view.warnings_only and not view.more_entries
    assert view.warning_line == "Showing every entry with warning signs, of any date."
    assert [e.ref.id for e in view.entries][-1] == old_id  # newest first
    assert all(e.warning for e in view.entries) and len(view.entries) == 2
    assert controller.set_discussed(view.entries[-1].ref, True)  # marked from this list
    assert controller.view.undiscussed == 1
    assert not next(e for e in controller.view.entries if e.ref.id == old_id).flagged
    controller.show_warnings(False)
    assert not controller.view.warnings_only
    assert any(e.ref.kind == "water" for e in controller.view.entries)


def test_a_routine_entry_reads_its_title_in_her_language_or_its_id_when_gone(
    logbook: Logbook, qtbot: QtBot
) -> None:
    seed_month(logbook)
    titled = HistoryController(
        logbook, FakeClock(NOW), routine_titles={"evening-calf": "Растяжка икр перед сном"}
    )
    titled.refresh()
    sessions = [e for e in titled.view.entries if e.ref.kind == "session"]
    assert sessions and all(e.details.startswith("Растяжка икр перед сном, ") for e in sessions)
    untitled = HistoryController(logbook, FakeClock(NOW))
    untitled.refresh()
    assert all(
        e.details.startswith("evening calf, ")
        for e in untitled.view.entries
        if e.ref.kind == "session"
    )
