"""Streak, score, week, insight and water rules on hand-built nights."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from nightstretch.core.stats import (
    INSIGHT_MIN_NIGHTS,
    SCORE_KEEP,
    DayMark,
    NightSummary,
    RoutineState,
    Streaks,
    insight,
    scores,
    streaks,
    water_days,
    week_start,
    weeks,
)

START = date(2026, 11, 2)  # a Monday


def night(
    n: int,
    routine: RoutineState = "none",
    cramps: int | None = None,
    water: int = 0,
    mark: DayMark | None = None,
) -> NightSummary:
    """Night ``n`` counted from START."""
    return NightSummary(
        night_date=(START + timedelta(days=n)).isoformat(),
        routine=routine,
        sessions=0 if routine == "none" else 1,
        cramps=cramps,
        cramps_logged=cramps or 0,
        checkin_cramps=None,
        worst_severity=None,
        warning_signs=False,
        water_ml=water,
        water_entries=1 if water else 0,
        mark=mark,
    )


def run(pattern: str) -> list[NightSummary]:
    """One letter a night: d done, p partial, n none, s sick, z paused."""
    states: dict[str, tuple[RoutineState, DayMark | None]] = {
        "d": ("done", None),
        "p": ("partial", None),
        "n": ("none", None),
        "s": ("none", "sick"),
        "z": ("none", "paused"),
    }
    return [night(i, *states[c][:1], mark=states[c][1]) for i, c in enumerate(pattern)]


def last(nights: list[NightSummary]) -> str:
    return nights[-1].night_date


# -- streaks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "current", "best"),
    [
        ("", 0, 0),
        ("ddd", 3, 3),
        ("dddnd", 1, 3),
        ("ddpdd", 2, 2),  # partial breaks the run
        ("ddsdd", 4, 4),  # sick is stepped over
        ("ddzzzd", 3, 3),  # so is a paused stretch
        ("dddddnn", 0, 5),
        ("nnnn", 0, 0),
        ("sss", 0, 0),
    ],
)
def test_streaks(pattern: str, current: int, best: int) -> None:
    nights = run(pattern)
    tonight = last(nights) if nights else START.isoformat()
    assert streaks(nights, tonight) == Streaks(current, best)


def test_tonight_not_done_yet_does_not_break_the_current_streak() -> None:
    nights = run("dddn")
    assert streaks(nights, last(nights)) == Streaks(3, 3)
    # the next evening, last night's "none" is final
    assert streaks(nights, (START + timedelta(days=4)).isoformat()) == Streaks(0, 3)


def test_tonight_done_counts() -> None:
    nights = run("ddd")
    assert streaks(nights, last(nights)).current == 3


def test_nights_after_tonight_are_ignored() -> None:
    nights = run("nddd")
    assert streaks(nights, nights[2].night_date) == Streaks(2, 2)


def test_a_gap_in_the_dates_breaks_the_run() -> None:
    nights = [night(0, "done"), night(1, "done"), night(3, "done")]
    assert streaks(nights, nights[-1].night_date) == Streaks(1, 2)


def test_summaries_that_stop_long_ago_have_no_current_streak() -> None:
    nights = run("ddd")
    later = (START + timedelta(days=10)).isoformat()
    assert streaks(nights, later) == Streaks(0, 3)


# -- scores --------------------------------------------------------------------------


def test_score_rises_with_done_nights_and_stays_in_range() -> None:
    values = scores(run("d" * 60))
    assert values == sorted(values)
    assert 0 < values[0] < values[-1] <= 1
    assert values[6] == pytest.approx(1 - SCORE_KEEP**7)  # a week: about half
    assert values[6] == pytest.approx(0.5)


def test_a_missed_night_dents_the_score_never_zeroes_it() -> None:
    values = scores(run("d" * 30 + "n"))
    before, after = values[-2], values[-1]
    assert 0.8 * before < after < before
    assert after == pytest.approx(before * SCORE_KEEP)


def test_partial_counts_half() -> None:
    done, partial, none = (scores(run("d" * 10 + c))[-1] for c in "dpn")
    assert none < partial < done
    assert partial == pytest.approx((done + none) / 2)


def test_marked_nights_leave_the_score_unchanged() -> None:
    values = scores(run("dddsszd"))
    assert values[3] == values[2] == values[4] == values[5]
    assert values[6] > values[5]


def test_tonight_pending_leaves_the_score_unchanged_but_done_tonight_counts() -> None:
    nights = run("dddn")
    assert scores(nights, tonight=last(nights))[-1] == scores(nights)[-2]
    assert scores(nights)[-1] < scores(nights)[-2]
    done = run("dddd")
    assert scores(done, tonight=last(done))[-1] > scores(done)[-2]


def test_score_starts_at_zero_without_nights() -> None:
    assert scores([]) == []
    assert scores(run("n")) == [0.0]


# -- weeks ---------------------------------------------------------------------------


def test_week_start_is_monday() -> None:
    assert week_start("2026-11-02") == "2026-11-02"
    assert week_start("2026-11-08") == "2026-11-02"  # Sunday
    assert week_start("2026-11-09") == "2026-11-09"


def test_weeks_group_and_count() -> None:
    nights = [
        night(0, "done", cramps=0, water=1500),
        night(1, "done", cramps=2, water=2000),
        night(2, "partial", cramps=None),
        night(3, "none", cramps=1),
        night(4, "none", mark="sick", cramps=3, water=1000),
        night(5, "done"),
        night(6, "done", cramps=0),
        night(7, "none", cramps=1),  # next Monday
    ]
    first, second = weeks(nights)
    assert first.week_start == "2026-11-02"
    assert first.nights == 7
    assert first.counted == 6
    assert first.routine_done == 4
    assert first.routine_partial == 1
    assert first.reported_nights == 5
    assert first.cramp_nights == 3
    assert first.cramps == 6
    assert first.water_avg_ml == 1500  # over the three days with any water
    assert first.adherence == pytest.approx(4 / 6)
    assert second.week_start == "2026-11-09"
    assert second.nights == 1
    assert second.cramp_nights == 1
    assert second.water_avg_ml is None
    assert second.adherence == 0


def test_a_week_starting_mid_week_and_a_fully_paused_week() -> None:
    nights = [night(n, mark="paused") for n in range(3, 7)]
    (only,) = weeks(nights)
    assert only.week_start == "2026-11-02"
    assert only.nights == 4
    assert only.counted == 0
    assert only.adherence is None


# -- insight -------------------------------------------------------------------------


def insight_nights(after: int, other: int) -> list[NightSummary]:
    """``after`` reported routine nights (every third with a cramp) then ``other`` nights."""
    result = [night(i, "done", cramps=1 if i % 3 == 0 else 0) for i in range(after)]
    result += [night(after + i, "none", cramps=1 if i % 2 == 0 else 0) for i in range(other)]
    return result


def test_insight_needs_seven_reported_nights_on_each_side() -> None:
    assert INSIGHT_MIN_NIGHTS == 7
    assert insight(insight_nights(6, 7)) is None
    assert insight(insight_nights(7, 6)) is None
    assert insight(insight_nights(6, 6)) is None
    assert insight(insight_nights(7, 7)) is not None


def test_insight_counts_and_words() -> None:
    result = insight(insight_nights(12, 9))
    assert result is not None
    assert (result.after_routine_cramp_nights, result.after_routine_nights) == (4, 12)
    assert (result.other_cramp_nights, result.other_nights) == (5, 9)
    assert result.text.startswith(
        "Nights after your routine: 4 cramp nights of 12 reported. Other nights: 5 of 9."
    )
    assert "not proof" in result.text
    for promise in ("prevent", "cure", "works", "will"):
        assert promise not in result.text.lower()


def test_insight_ignores_nights_without_a_report_and_counts_partial_as_other() -> None:
    nights = insight_nights(7, 6)
    nights += [night(20 + i, "done", cramps=None) for i in range(5)]  # unknown: not counted
    assert insight(nights) is None
    nights.append(night(40, "partial", cramps=2))
    result = insight(nights)
    assert result is not None
    assert result.other_nights == 7
    assert result.after_routine_nights == 7


def test_insight_singular_night() -> None:
    nights = [night(i, "done", cramps=1 if i == 0 else 0) for i in range(7)]
    nights += [night(7 + i, "none", cramps=0) for i in range(7)]
    result = insight(nights)
    assert result is not None
    assert "1 cramp night of 7 reported" in result.text


# -- water ---------------------------------------------------------------------------


def test_water_days_against_the_goal() -> None:
    nights = [night(0, water=2000), night(1, water=1999), night(2), night(3, water=2500)]
    assert water_days(nights, 2000) == [
        ("2026-11-02", 2000, True),
        ("2026-11-03", 1999, False),
        ("2026-11-04", 0, False),
        ("2026-11-05", 2500, True),
    ]
