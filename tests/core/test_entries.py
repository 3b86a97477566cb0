from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from nightstretch.core import entries
from nightstretch.core.entries import CrampEntry, EntryError

CET = timezone(timedelta(hours=1))


def test_water_defaults_to_a_glass_and_checks_the_range() -> None:
    assert entries.water_ml() == 250
    assert entries.water_ml(1) == 1
    assert entries.water_ml(2000) == 2000
    with pytest.raises(EntryError) as info:
        entries.water_ml(2001)
    assert str(info.value) == "water must be between 1 and 2000 ml (got 2001)"
    with pytest.raises(EntryError, match=r"\(got 0\)"):
        entries.water_ml(0)


def test_severity_minutes_and_counts_are_one_line_messages() -> None:
    assert entries.severity(1) == 1 and entries.severity(10) == 10
    with pytest.raises(EntryError) as info:
        entries.severity(11)
    assert str(info.value) == "severity must be between 1 and 10 (got 11)"
    assert entries.minutes(None) is None
    assert entries.minutes(0) == 0 and entries.minutes(240) == 240
    with pytest.raises(EntryError, match="minutes must be between 0 and 240"):
        entries.minutes(241)
    assert entries.cramp_count(0) == 0
    with pytest.raises(EntryError):
        entries.cramp_count(-1)


def test_booleans_and_non_integers_are_refused() -> None:
    with pytest.raises(EntryError, match="whole number"):
        entries.check_range("severity", True, 1, 10)
    with pytest.raises(EntryError, match="whole number"):
        entries.check_range("severity", 2.5, 1, 10)  # type: ignore[arg-type]


def test_leg_and_muscle_choices() -> None:
    assert [entries.leg(v) for v in ("left", "right", "both")] == ["left", "right", "both"]
    assert entries.muscle("thigh") == "thigh"
    with pytest.raises(EntryError) as info:
        entries.leg("up")
    assert str(info.value) == 'leg must be one of left, right, both (got "up")'
    with pytest.raises(EntryError, match="muscle must be one of calf, foot, thigh"):
        entries.muscle("toe")


def test_helped_is_tidied_and_bounded() -> None:
    assert entries.helped("  walking   around ") == "walking around"
    assert entries.helped("   ") is None
    with pytest.raises(EntryError, match="at most 200"):
        entries.helped("x" * 201)


def test_night_date_must_be_a_date() -> None:
    assert entries.night_date("2026-11-21") == "2026-11-21"
    with pytest.raises(EntryError, match="like 2026-11-21"):
        entries.night_date("yesterday")


def test_parse_at_naive_is_local_and_offsets_are_converted() -> None:
    now = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
    naive = entries.parse_at("2026-11-22T03:10", now, CET)
    assert naive == datetime(2026, 11, 22, 3, 10, tzinfo=CET)
    assert entries.parse_at("2026-11-22 03:10", now, CET) == naive
    utc = entries.parse_at("2026-11-22T02:10:00Z", now, CET)
    assert utc == naive and utc.utcoffset() == timedelta(hours=1)


def test_parse_at_without_zone_uses_the_system_rules() -> None:
    now = datetime.now(UTC).astimezone()
    parsed = entries.parse_at("2026-01-01T03:10", now + timedelta(days=3650))
    assert parsed.tzinfo is not None
    assert parsed.replace(tzinfo=None) == datetime(2026, 1, 1, 3, 10)


def test_parse_at_keeps_daylight_saving_of_that_date() -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone data on this machine")
    now = datetime(2026, 11, 22, 8, 0, tzinfo=berlin)
    summer = entries.parse_at("2026-07-01T03:00", now, berlin)
    assert summer.utcoffset() == timedelta(hours=2)


def test_parse_at_refuses_the_future_but_allows_clock_skew() -> None:
    now = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
    assert entries.parse_at("2026-11-22T08:04", now, CET).minute == 4
    with pytest.raises(EntryError) as info:
        entries.parse_at("2026-11-22T08:06", now, CET)
    assert str(info.value) == "the time 2026-11-22 08:06 is in the future"


def test_parse_at_garbage_is_one_line() -> None:
    now = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
    with pytest.raises(EntryError) as info:
        entries.parse_at("last tuesday", now, CET)
    assert "\n" not in str(info.value) and '"last tuesday"' in str(info.value)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (8, 0, (3, 0)),  # the morning after: last night at 03:00
        (10, 59, (3, 0)),
        (11, 0, (11, 0)),  # from 11:00 on, it is now
        (22, 15, (22, 15)),
        (2, 30, (2, 30)),  # in the night before 03:00: now, never the future
        (3, 45, (3, 0)),
    ],
)
def test_default_cramp_time(hour: int, minute: int, expected: tuple[int, int]) -> None:
    now = datetime(2026, 11, 22, hour, minute, tzinfo=CET)
    result = entries.default_cramp_time(now)
    assert (result.hour, result.minute) == expected
    assert result.date() == now.date() and result <= now


def test_morning_default_belongs_to_last_night() -> None:
    now = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
    entry = CrampEntry(happened=entries.default_cramp_time(now), leg="left", severity=4)
    assert entry.night_date == "2026-11-21"
    assert entries.last_night(now) == "2026-11-21"
    assert entries.last_night(datetime(2026, 11, 22, 2, 0, tzinfo=CET)) == "2026-11-21"


def test_cramp_entry_checks_itself() -> None:
    moment = datetime(2026, 11, 22, 3, 0, tzinfo=CET)
    entry = CrampEntry(moment, "both", 7, helped="  flexing the foot ", warmth=True)
    assert entry.helped == "flexing the foot"
    assert entry.warning_signs == ("warmth",)
    assert CrampEntry(moment, "left", 2).warning_signs == ()
    with pytest.raises(EntryError, match="severity"):
        CrampEntry(moment, "left", 0)
    with pytest.raises(EntryError, match="minutes"):
        CrampEntry(moment, "left", 3, duration_min=500)
    with pytest.raises(EntryError, match="leg"):
        CrampEntry(moment, "middle", 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="aware"):
        CrampEntry(moment.replace(tzinfo=None), "left", 3)
