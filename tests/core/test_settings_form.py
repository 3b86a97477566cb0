"""The settings dialog's rules, without Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nightstretch.core import settings_form as rules

TODAY = date(2026, 11, 21)


@dataclass(frozen=True)
class Pregnant:
    due_date: str = ""
    pregnancy_week: int = 0
    pregnancy_week_on: str = ""
    postpartum: bool = False
    past_due_asked: bool = False


def test_editable_fields_leave_out_the_first_run_flags() -> None:
    names = ["bedtime", "past_due_asked", "onboarding_done", "sound"]
    assert rules.editable_field_names(names) == {"bedtime", "sound"}


def test_theme_choices_name_the_automatic_hours() -> None:
    choices = rules.theme_choices()
    assert [value for _, value in choices] == ["auto", "night", "day"]
    assert choices[0][0].startswith("Automatic: night from ")


def test_a_missing_routine_stays_offered_and_marked() -> None:
    offered = (("pre-bed-calf", "Before bed"),)
    assert rules.routine_choices(offered, "pre-bed-calf") == (("Before bed", "pre-bed-calf"),)
    assert rules.routine_choices(offered, "gone") == (
        ("Before bed", "pre-bed-calf"),
        ("gone (not found)", "gone"),
    )


def test_voice_engines_start_with_the_default_and_keep_a_missing_one() -> None:
    assert rules.voice_engine_choices(["espeak", ""], "") == (
        ("System default", ""),
        ("espeak", "espeak"),
    )
    assert rules.voice_engine_choices([], "festival")[-1] == (
        "festival (not available)",
        "festival",
    )


def test_weekdays_and_own_bedtimes_read_back_in_week_order() -> None:
    checked = {"sun": True, "mon": True, "tue": False}
    assert rules.weekday_selection(checked) == ("mon", "sun")
    times = {"mon": "23:00", "sun": "22:00", "tue": "21:00"}
    assert rules.own_bedtimes(True, checked, times) == (("mon", "23:00"), ("sun", "22:00"))
    assert rules.own_bedtimes(False, checked, times) == ()


def test_water_end_is_empty_unless_a_set_time_is_chosen() -> None:
    assert rules.water_end(True, "19:30") == "19:30"
    assert rules.water_end(False, "19:30") == ""


def test_human_message_uses_labels_and_ends_as_a_sentence() -> None:
    names = {"water_end": "End", "bedtime": "Bedtime"}
    assert rules.human_message(None, names) == ""
    assert (
        rules.human_message('must be after "water_end"', names) == "Must be after \u201cEnd\u201d."
    )
    assert rules.human_message("must be set.", names) == "Must be set."


def test_sections_with_problems_are_flagged_and_summarised() -> None:
    section_of = {"bedtime": 0, "water_end": 2}
    problems = {"water_end": "must be a time", "other": "needs a look"}
    flagged = rules.flagged_sections(problems, section_of)
    assert flagged == {2}
    assert rules.section_title("Water", True) == "Water  \u2022 needs a fix"
    assert rules.section_title("Water", False) == "Water"
    assert rules.summary(problems, {"water_end"}, {}, flagged) == (
        "Needs a look. To save, fix the marked fields in: Water."
    )
    assert rules.summary({}, (), {}, ()) == ""


def test_week_status_follows_the_draft() -> None:
    assert rules.week_status(Pregnant(postpartum=True), TODAY).startswith("After the birth")
    assert rules.week_status(Pregnant(), TODAY).startswith("Week not set")
    assert rules.week_status(Pregnant(due_date="2027-03-01"), TODAY).startswith("Today: ")


def test_pregnancy_form_without_details_starts_unset() -> None:
    form = rules.PregnancyForm.from_settings(Pregnant(), TODAY)
    assert form.mode == "unset"
    assert form.due_shown == date(2027, 4, 10)
    assert (form.due_low, form.due_high) == (date(2025, 11, 20), date(2027, 9, 17))
    assert form.week_shown == 20
    assert form.read("unset", "2027-01-01", 12) == rules.PregnancyValues("", 0, "")
    assert form.read("due", "2027-01-01", 12) == rules.PregnancyValues("2027-01-01", 0, "")


def test_a_saved_due_date_is_shown_and_never_clamped() -> None:
    form = rules.PregnancyForm.from_settings(Pregnant(due_date="2030-01-01"), TODAY)
    assert form.mode == "due"
    assert form.due_shown == form.due_high == date(2030, 1, 1)


def test_an_untouched_week_keeps_the_day_it_was_given_on() -> None:
    saved = Pregnant(pregnancy_week=20, pregnancy_week_on="2026-11-07")
    form = rules.PregnancyForm.from_settings(saved, TODAY)
    assert form.mode == "week"
    assert form.week_shown == 22
    assert form.read("week", "", 22) == rules.PregnancyValues("", 20, "2026-11-07")
    assert form.read("week", "", 23) == rules.PregnancyValues("", 23, "2026-11-21")
