"""The one wording module: each shape the user reads, pinned so every window agrees."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from nightstretch.core import wording

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 21, 20, 0, tzinfo=ZONE)  # a Saturday


@pytest.mark.parametrize(
    ("n", "word", "plural", "expected"),
    [
        (0, "cramp", None, "0 cramps"),
        (1, "cramp", None, "1 cramp"),
        (2, "cramp", None, "2 cramps"),
        (1, "glass", "glasses", "1 glass"),
        (3, "glass", "glasses", "3 glasses"),
    ],
)
def test_count(n: int, word: str, plural: str | None, expected: str) -> None:
    assert wording.count(n, word, plural) == expected


def test_water_amounts() -> None:
    assert wording.litres_number(1500) == "1.5"
    assert wording.litres(250) == "0.2 l"  # round half to even, as the windows always showed
    assert wording.litres(2000) == "2.0 l"
    assert wording.millilitres(12500) == "12 500 ml"
    assert wording.millilitres(250) == "250 ml"


def test_days_from_dates_and_night_names() -> None:
    day = date(2026, 11, 21)
    assert wording.day_month(day) == wording.day_month("2026-11-21") == "21 Nov"
    assert wording.day_month_year("2026-11-01") == "1 Nov 2026"
    assert wording.weekday_day(day) == "Sat 21"
    assert wording.weekday_day_month(day) == "Sat 21 Nov"


def test_full_month_has_no_leading_zero() -> None:
    assert wording.day_full_month_year(date(2026, 7, 4)) == "4 July 2026"


def test_moments() -> None:
    moment = datetime(2026, 11, 19, 3, 30)
    assert wording.clock(moment) == "03:30"
    assert wording.weekday_day_month_time(moment) == "Thu 19 Nov, 03:30"
    assert wording.weekday_day_month_time(moment, sep="  ") == "Thu 19 Nov  03:30"


def test_relative_moment_uses_the_zone_of_now() -> None:
    assert wording.relative_moment(NOW.replace(hour=22), NOW) == "22:00"
    tomorrow = NOW + timedelta(days=1, hours=-14)
    assert wording.relative_moment(tomorrow, NOW) == "tomorrow 06:00"
    assert wording.relative_moment(NOW + timedelta(days=3), NOW) == "Tue 20:00"
    # 21:30 UTC is 22:30 in the zone of now.
    utc = datetime(2026, 11, 21, 21, 30, tzinfo=UTC)
    assert wording.relative_moment(utc, NOW) == "22:30"


def test_sentence() -> None:
    assert wording.sentence("saved") == "Saved."
    assert wording.sentence("Done!") == "Done!"
