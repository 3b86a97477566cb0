"""What the appointment report says, assembled from a real logbook (no Qt needed)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.entries import CrampEntry
from nightstretch.core.stats import Streaks
from nightstretch.store.logbook import Logbook
from nightstretch.store.report_data import ReportError, build_report_data, check_report_target
from nightstretch.store.rows import SessionStatus

CET = timezone(timedelta(hours=1))
LAST = date(2026, 11, 22)  # a Sunday: two weeks are exactly 9..22 November
FIRST = LAST - timedelta(days=13)


def evening(day: date, hour: int = 22) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=CET)


def routine(book: Logbook, day: date, completed: bool = True) -> None:
    started = evening(day)
    session = book.start_session("pre-bed-calf", started, 8)
    status: SessionStatus = "completed" if completed else "partial"
    book.end_session(session, started + timedelta(minutes=6), 8 if completed else 3, status)


def cramp(book: Logbook, day: date, hour: int = 3, **extra: object) -> None:
    happened = evening(day + timedelta(days=1), hour)
    entry = CrampEntry(happened=happened, leg="left", severity=6, **extra)  # type: ignore[arg-type]
    book.add_cramp(entry, happened + timedelta(hours=5))


@pytest.fixture
def filled(logbook: Logbook) -> Logbook:
    """Two weeks: routine most nights, cramps mostly on the other nights, one warning sign."""
    for n in range(14):
        day = FIRST + timedelta(days=n)
        if n in (3, 10):
            routine(logbook, day, completed=False)
        elif n not in (5, 6, 12):
            routine(logbook, day)
        logbook.add_water(1000, evening(day, 10))
        if n % 2 == 0:
            logbook.add_water(1250, evening(day, 15))
    logbook.set_day_mark((FIRST + timedelta(days=12)).isoformat(), "sick")
    cramp(logbook, FIRST + timedelta(days=5), duration_min=4, helped="flexed the foot")
    cramp(logbook, FIRST + timedelta(days=6), 2)
    cramp(logbook, FIRST + timedelta(days=6), 4, swelling=True, warmth=True)
    cramp(logbook, FIRST + timedelta(days=8), muscle="foot")
    answered = evening(LAST, 8)
    logbook.set_checkin((FIRST + timedelta(days=9)).isoformat(), 0, answered)
    logbook.set_checkin((FIRST + timedelta(days=11)).isoformat(), 2, answered)
    cramp(logbook, FIRST - timedelta(days=1))  # before the range: not in the report
    return logbook


def test_range_nights_and_weeks(filled: Logbook) -> None:
    data = build_report_data(filled, LAST.isoformat(), 2, 2000)
    assert (data.first_night, data.last_night, data.weeks) == ("2026-11-09", "2026-11-22", 2)
    assert len(data.nights) == 14
    assert [w.week_start for w in data.week_rows] == ["2026-11-09", "2026-11-16"]
    first, second = data.week_rows
    assert (first.routine_done, first.routine_partial, first.counted) == (4, 1, 7)
    assert (first.cramp_nights, first.cramps, first.reported_nights) == (2, 3, 2)
    assert (second.routine_done, second.routine_partial, second.counted) == (5, 1, 6)
    assert (second.cramp_nights, second.cramps, second.reported_nights) == (2, 3, 3)
    assert data.pregnancy_weeks is None


def test_every_cramp_in_range_with_local_time_and_signs(filled: Logbook) -> None:
    data = build_report_data(filled, LAST.isoformat(), 2, 2000)
    assert [c.happened.isoformat() for c in data.cramps] == [
        "2026-11-15T03:00:00+01:00",
        "2026-11-16T02:00:00+01:00",
        "2026-11-16T04:00:00+01:00",
        "2026-11-18T03:00:00+01:00",
    ]
    first, _, warned, foot = data.cramps
    assert (first.night_date, first.leg, first.muscle, first.severity) == (
        "2026-11-14",
        "left",
        "calf",
        6,
    )
    assert (first.duration_min, first.helped) == (4, "flexed the foot")
    assert warned.warning_signs == ("swelling", "warmth")
    assert foot.muscle == "foot"
    assert data.warning_entries == 1


def test_adherence_water_and_streaks(filled: Logbook) -> None:
    data = build_report_data(filled, LAST.isoformat(), 2, 2000)
    assert (data.routine_done, data.routine_partial, data.routine_none) == (9, 2, 2)
    assert data.marked_nights == 1
    assert data.counted_nights == 13
    assert data.adherence_pct == round(100 * 9 / 13)
    assert (data.cramp_nights, data.reported_nights) == (4, 5)
    assert data.water_days == 14
    assert data.water_avg_ml == round((7 * 2250 + 7 * 1000) / 14)
    assert data.water_goal_days == 7
    # nights 11 (done), 12 (sick, stepped over), 13 (done); night 10 was partial
    assert data.streaks == Streaks(current=2, best=3)  # nights 0-2 and 7-9
    assert data.insight is None  # far fewer than 7 reported nights on each side


def test_the_last_night_counts_as_over(logbook: Logbook) -> None:
    for n in range(3):
        routine(logbook, LAST - timedelta(days=n + 1))
    data = build_report_data(logbook, LAST.isoformat(), 1, 2000)
    assert data.streaks == Streaks(current=0, best=3)


def test_empty_logbook(logbook: Logbook) -> None:
    data = build_report_data(logbook, LAST.isoformat(), 4, 2000)
    assert len(data.nights) == 28
    assert data.cramps == ()
    assert data.water_avg_ml is None
    assert data.adherence_pct == 0
    assert data.reported_nights == 0


def test_pregnancy_weeks_from_the_due_date(logbook: Logbook) -> None:
    due = LAST + timedelta(days=70)  # the last night is 30+0
    data = build_report_data(logbook, LAST.isoformat(), 4, 2000, due_date=due)
    assert data.pregnancy_weeks == (26, 30)
    early = build_report_data(logbook, LAST.isoformat(), 4, 2000, due_date=LAST + timedelta(270))
    assert early.pregnancy_weeks == (0, 1)
    long_ago = build_report_data(logbook, LAST.isoformat(), 1, 2000, due_date=date(2020, 1, 1))
    assert long_ago.pregnancy_weeks is None
    not_yet = build_report_data(logbook, LAST.isoformat(), 1, 2000, due_date=date(2028, 1, 1))
    assert not_yet.pregnancy_weeks is None


@pytest.mark.parametrize("weeks", [0, 53, -1])
def test_weeks_out_of_range(logbook: Logbook, weeks: int) -> None:
    with pytest.raises(ValueError, match="between 1 and 52"):
        build_report_data(logbook, LAST.isoformat(), weeks, 2000)


def test_check_report_target(tmp_path: Path) -> None:
    check_report_target(tmp_path / "new.pdf", overwrite=False)
    existing = tmp_path / "old.pdf"
    existing.write_text("x")
    with pytest.raises(ReportError, match="already exists; choose another name or use --force"):
        check_report_target(existing, overwrite=False)
    check_report_target(existing, overwrite=True)
    with pytest.raises(ReportError, match="is a folder"):
        check_report_target(tmp_path, overwrite=True)
    with pytest.raises(ReportError, match="does not exist"):
        check_report_target(tmp_path / "missing" / "r.pdf", overwrite=False)
