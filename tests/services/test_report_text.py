"""What the report says, from a hand-made ``ReportData``: no Qt, no PDF, no logbook."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from nightstretch.core import safety
from nightstretch.core.stats import Insight, NightSummary, Streaks, WeekSummary
from nightstretch.services import report_text as say
from nightstretch.store.report_data import ReportCramp, ReportData

CET = timezone(timedelta(hours=1))


def night(day: str, cramps: int | None) -> NightSummary:
    return NightSummary(day, "done", 1, cramps, cramps or 0, cramps, None, False, 0, 0, None)


def cramp(
    warning_signs: tuple[str, ...] = (), duration: int | None = 3, night: str = "2026-11-20"
) -> ReportCramp:
    day = date.fromisoformat(night) + timedelta(days=1)
    happened = datetime(day.year, day.month, day.day, 3, 10, tzinfo=CET)
    return ReportCramp(1, happened, night, "left", "calf", 6, duration, None, warning_signs)


DATA = ReportData(
    first_night="2026-11-16",
    last_night="2026-11-22",
    weeks=1,
    pregnancy_weeks=(30, 30),
    nights=(night("2026-11-16", 2), night("2026-11-17", None), night("2026-11-18", 0)),
    week_rows=(WeekSummary("2026-11-16", 7, 6, 5, 1, 1, 2, 6, 1500),),
    cramps=(cramp(), cramp(("swelling", "warmth"), None)),
    routine_done=5,
    routine_partial=0,
    routine_none=1,
    marked_nights=1,
    cramp_nights=1,
    reported_nights=2,
    water_goal_ml=2000,
    water_days=3,
    water_avg_ml=1500,
    water_goal_days=0,
    streaks=Streaks(1, 3),
    insight=Insight(1, 2, 3, 4, "Nights after your routine: fewer cramps."),
)


def test_the_top_of_the_report() -> None:
    assert say.date_range(DATA) == "16 Nov 2026 to 22 Nov 2026"
    assert say.nights_line(DATA) == "Nights of 16 Nov 2026 to 22 Nov 2026 (1 week)"
    assert say.who_line(DATA) == "Pregnancy week 30"
    assert say.who_line(replace(DATA, pregnancy_weeks=(29, 30))) == "Pregnancy weeks 29 to 30"
    assert say.who_line(replace(DATA, pregnancy_weeks=None)) is None
    who = replace(DATA, name="Anna K.", due=date(2027, 1, 27))
    assert say.who_line(who) == "Anna K. \u00b7 due 27 Jan 2027 \u00b7 pregnancy week 30"
    assert say.summary_line(DATA) == (
        "In 1 week: 2 cramps on 1 of 2 reported nights; 1 entry with warning signs; "
        "routine done on 5 of 6 nights (83%); water 1 500 ml a day on average."
    )
    quiet = replace(DATA, cramps=(), water_avg_ml=None, routine_done=0, routine_none=0)
    assert "no warning signs logged" in say.summary_line(quiet)
    assert "water" not in say.summary_line(quiet) and "routine" not in say.summary_line(quiet)
    assert say.footer(DATA, "1.2.3") == (
        "Leg cramp summary, 16 Nov 2026 to 22 Nov 2026. Nightstretch 1.2.3."
    )


def test_tiles() -> None:
    assert say.tiles(DATA) == [
        ("2", "cramps on 1 of 2 reported nights"),
        ("! 1", "entry with warning signs"),
        ("83%", "routine done on 5 of 6 nights"),
        ("1 500 ml", "water a day on average (goal 2 000 ml)"),
    ]
    none = say.tiles(replace(DATA, cramps=(), water_avg_ml=None, routine_done=0, routine_none=0))
    assert none[1:] == [
        ("0", "entries with warning signs"),
        ("-", "routine done on 0 of 0 nights"),
        ("-", "no water logged"),
    ]


def test_rows_and_sections() -> None:
    assert say.week_cells(DATA.week_rows[0]) == [
        "16 Nov 2026", "7 (6)", "5", "1", "1", "2", "6", "1 500 ml"
    ]  # fmt: skip
    dry = replace(DATA.week_rows[0], counted=7, water_avg_ml=None)
    assert say.week_cells(dry)[1::6] == ["7", "-"]
    assert say.cramp_cells(DATA.cramps[0]) == [
        "", "Fri 20 Nov", "Sat\u00a003:10", "left", "calf", "6/10", "3", "", "none"
    ]  # fmt: skip
    assert say.cramp_cells(DATA.cramps[1])[0::6] == ["!", "-"]
    assert say.cramp_cells(DATA.cramps[1])[-1] == "swelling, warmth"
    assert say.routine_and_water(DATA).split("\n") == [
        "Evening stretching routine: done on 5, partly done on 0 and not done on 1 of 6 nights "
        "(83% done). 1 night marked paused or sick is not counted.",
        "Current run of routine nights: 1 night; longest run in this period: 3 nights.",
        "Water: logged on 3 of 3 days, 1 500 ml a day on average on those days; the daily goal "
        "of 2 000 ml was reached on 0 days.",
        "Nights with the evening routine done: cramps on 1 of 2 reported nights; other "
        "nights: on 3 of 4. This is what she logged; it does not show cause and effect.",
    ]
    paused = replace(
        DATA, routine_done=0, routine_none=0, water_avg_ml=None, insight=None, marked_nights=2
    )
    assert say.routine_and_water(paused).split("\n")[0::2] == [
        "Evening stretching routine: every night in this period was paused.",
        "Water: none logged in this period.",
    ]


def test_notes() -> None:
    note = say.clinician_note()
    assert note.startswith("Rows marked ! in bold have a warning sign she has not yet marked")
    for sign in (*safety.CLOT_SIGNS, *safety.URGENT_SIGNS):  # clot, pre-eclampsia, movements
        assert sign in note
    assert say.left_out_note(40, 41, 3).startswith("Showing 40 of 41 cramps logged as entries")
    assert "The 1 earlier cramp is counted" in say.left_out_note(40, 41, 3)
    assert "The 2 earlier cramps are counted" in say.left_out_note(40, 42, 3)


def test_the_text_needs_no_qt() -> None:
    code = (
        "import sys, nightstretch.services.report_text\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_leg_and_muscle_summary_and_the_week_line_of_a_long_range() -> None:
    line = say.legs_line(DATA)
    assert line is not None and line.startswith("Logged entries by leg: ")
    assert "By muscle: Calf " in line
    assert "Entries with warning signs by leg: " in line
    assert say.legs_line(replace(DATA, cramps=())) is None
    year = replace(DATA, pregnancy_weeks=(0, 32))
    assert say.who_line(year) == (
        "Week 32 on the last night (the range starts before the pregnancy)"
    )
