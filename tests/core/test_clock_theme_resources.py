from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from nightstretch.core import resources
from nightstretch.core.clock import FakeClock, SystemClock, night_of
from nightstretch.core.routine import format_duration
from nightstretch.core.theme import use_night_theme


def test_night_of_rolls_over_at_six() -> None:
    tz = timezone(timedelta(hours=1))
    assert night_of(datetime(2026, 11, 22, 3, 0, tzinfo=tz)) == "2026-11-21"
    assert night_of(datetime(2026, 11, 22, 5, 59, tzinfo=tz)) == "2026-11-21"
    assert night_of(datetime(2026, 11, 22, 6, 0, tzinfo=tz)) == "2026-11-22"
    assert night_of(datetime(2026, 11, 21, 22, 30, tzinfo=tz)) == "2026-11-21"


def test_fake_clock_moves_both_views_together() -> None:
    clock = FakeClock(datetime(2026, 1, 1, tzinfo=UTC), monotonic_start=5)
    clock.advance(90)
    assert clock.monotonic() == 95
    assert clock.now() == datetime(2026, 1, 1, 0, 1, 30, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        FakeClock(datetime(2026, 1, 1))


def test_system_clock_is_aware_and_monotonic() -> None:
    clock = SystemClock()
    assert clock.now().tzinfo is not None
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)
    before = time.monotonic()
    reading = clock.monotonic()
    assert before <= reading <= time.monotonic()


@pytest.mark.parametrize(
    ("setting", "hour", "night"),
    [
        ("auto", 19, True),
        ("auto", 6, True),
        ("auto", 7, False),
        ("auto", 18, False),
        ("night", 12, True),
        ("day", 23, False),
    ],
)
def test_theme_choice(setting: str, hour: int, night: bool) -> None:
    assert use_night_theme(setting, datetime(2026, 5, 1, hour, tzinfo=UTC)) is night


def test_format_duration() -> None:
    assert format_duration(0) == "0 s"
    assert format_duration(45) == "45 s"
    assert format_duration(120) == "2 min"
    assert format_duration(125) == "2 min 05 s"


def test_resources_found_from_checkout() -> None:
    assert (resources.routines_dir() / "pre-bed-calf.toml").is_file()
    assert resources.asset("sounds/step.wav").is_file()
    assert resources.asset("icons/nightstretch.svg").is_file()
