"""The report dialog's model: what it offers, what it reads back, which settings it saves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from nightstretch.core.entries import VISIT_NOTE_MAX
from nightstretch.core.report_form import ReportForm, ReportRequest
from nightstretch.store.settings import Settings

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 30, 21, 40, tzinfo=CET)


def read(form: ReportForm, **changes: object) -> ReportRequest | str:
    values: dict[str, object] = {
        "weeks": 4,
        "up_to_now": True,
        "end": form.end_latest,
        "name": form.name,
        "due_given": form.due is not None,
        "due": form.due_shown,
        "note": form.note,
    }
    values.update(changes)
    return form.read(**values)  # type: ignore[arg-type]


def test_first_time_says_why_and_later_not() -> None:
    first = ReportForm.build(Settings(), "", NOW)
    intro = first.intro()
    assert first.first_time and intro is not None and "optional" in intro
    later = ReportForm.build(replace(Settings(), report_details_asked=True), "", NOW)
    assert later.intro() is None


def test_the_end_defaults_to_now_and_can_be_an_earlier_finished_night() -> None:
    form = ReportForm.build(Settings(), "", NOW)
    assert form.end_latest == date(2026, 11, 29)  # tonight (the 30th) is not over
    now = read(form)
    assert isinstance(now, ReportRequest) and now.last_night is None
    earlier = read(form, up_to_now=False, end=date(2026, 11, 15))
    assert isinstance(earlier, ReportRequest) and earlier.last_night == "2026-11-15"
    assert isinstance(read(form, up_to_now=False, end=date(2026, 11, 30)), str)  # not over
    assert "Up to now" in form.end_note(True, form.end_latest, NOW)
    assert "15 Nov 2026" in form.end_note(False, date(2026, 11, 15), NOW)


def test_name_due_and_note_are_read_and_saved_where_they_belong() -> None:
    by_week = replace(Settings(), pregnancy_week=30, pregnancy_week_on="2026-11-30")
    form = ReportForm.build(by_week, "Ask about the left calf", NOW)
    assert form.due is not None and form.note == "Ask about the left calf"
    same = read(form, name="  Anna   K. ")
    assert isinstance(same, ReportRequest) and same.name == "Anna K."
    # the week she gave stays a week: only the name and "asked" are saved
    assert form.settings_changes(same) == {"report_details_asked": True, "report_name": "Anna K."}
    moved = read(form, due=date(2027, 2, 1))
    assert isinstance(moved, ReportRequest)
    assert form.settings_changes(moved) == {
        "report_details_asked": True,
        "due_date": "2027-02-01",
        "pregnancy_week": 0,
        "pregnancy_week_on": "",
    }
    cleared = read(form, due_given=False)
    assert isinstance(cleared, ReportRequest) and cleared.due_date == ""
    assert form.settings_changes(cleared)["due_date"] == ""


def test_a_note_too_long_is_refused_with_a_reason() -> None:
    form = ReportForm.build(Settings(), "", NOW)
    said = read(form, note="x" * (VISIT_NOTE_MAX + 1))
    assert isinstance(said, str) and str(VISIT_NOTE_MAX) in said
