"""Reminder keys: the logbook's names for occurrences, written and read in one place."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from nightstretch.core.reminders import (
    DayState,
    Due,
    ReminderConfig,
    ReminderKey,
    ReminderKind,
    occurrences_between,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("evening:2026-11-23", (ReminderKind.EVENING, "2026-11-23")),
        ("evening-snooze:2026-11-23@22:10+00:00", (ReminderKind.EVENING, "2026-11-23")),
        ("evening-followup:2026-11-23", (ReminderKind.FOLLOWUP, "2026-11-23")),
        ("water:2026-11-23T09:00", (ReminderKind.WATER, "2026-11-23")),
        ("movement:2026-11-23T10:00", (ReminderKind.MOVEMENT, "2026-11-23")),
        ("checkin:2026-11-24", (ReminderKind.CHECKIN, "2026-11-23")),
        ("water:not-a-date", None),
        ("bogus", None),
    ],
)
def test_keys_name_their_kind_and_night(key: str, expected: object) -> None:
    ref = ReminderKey.parse(key)
    assert (None if ref is None else (ref.kind, ref.night)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "water:2026-11-23T9:00",
        "water:2026-11-23T09:00:30",
        "water:2026-11-23",
        "movement:2026-11-23 10:00",
        "checkin:2026-11-24T08:30",
        "evening:2026-11-23@22:10",
        "evening-followup:2026-11-23T22:20",
        "evening-snooze:2026-11-23",
        "evening-snooze:2026-11-23@22:10:30+00:00",
        "evening-snooze:2026-11-23@25:10",
        "Evening:2026-11-23",
        "evening:2026-11-23 ",
        "",
    ],
)
def test_only_the_exact_spelling_is_read(text: str) -> None:
    assert ReminderKey.parse(text) is None


def test_every_planned_key_reads_back_as_itself() -> None:
    config = ReminderConfig(movement_enabled=True, bedtimes=((5, time(1, 30)),))
    snoozed = DayState(
        night="2026-10-24", evening_snoozed_until=datetime(2026, 10, 24, 23, 40, 17, tzinfo=UTC)
    )
    for zone in (LONDON, NEW_YORK):
        for state in (DayState(), snoozed):
            start = datetime(2026, 10, 19, tzinfo=UTC)
            found = occurrences_between(config, state, start, start + timedelta(days=8), zone)
            assert len(found) > 50
            for due in found:
                ref = ReminderKey.parse(due.key)
                assert ref is not None and ref.text == due.key == str(ref)
                assert ref.kind is due.kind and due.ref == ref
                if ref.kind is not ReminderKind.WATER and ref.kind is not ReminderKind.MOVEMENT:
                    assert ref.night == due.night


def test_a_snoozed_repeat_carries_its_local_time_and_offset() -> None:
    until = datetime(2026, 10, 23, 21, 10, 59, tzinfo=UTC)
    london = ReminderKey.snooze("2026-10-23", until, LONDON)
    assert london.text == "evening-snooze:2026-10-23@22:10+01:00" and london.repeat
    new_york = ReminderKey.snooze("2026-10-23", until, NEW_YORK)
    assert new_york.text == "evening-snooze:2026-10-23@17:10-04:00"
    # the same instant in two zones, and the same wall time with two offsets, differ
    same_wall = ReminderKey(ReminderKind.EVENING, date(2026, 10, 23), time(22, 10), timedelta(0))
    assert len({london, new_york, same_wall}) == 3
    assert ReminderKey.parse(london.text) == london


def test_first_reminders_follow_ups_and_check_ins_are_no_repeats() -> None:
    for text in ("evening:2026-11-23", "evening-followup:2026-11-23", "checkin:2026-11-24"):
        ref = ReminderKey.parse(text)
        assert ref is not None and not ref.repeat


@pytest.mark.parametrize(
    ("kind", "slot", "offset", "message"),
    [
        (ReminderKind.WATER, None, None, "needs"),
        (ReminderKind.MOVEMENT, None, None, "needs"),
        (ReminderKind.CHECKIN, time(8, 30), None, "takes no"),
        (ReminderKind.FOLLOWUP, time(22, 20), None, "takes no"),
        (ReminderKind.WATER, time(9, 0, 30), None, "whole minutes"),
        (ReminderKind.WATER, time(9, tzinfo=UTC), None, "naive"),
        (ReminderKind.WATER, time(9), timedelta(0), "only a snoozed"),
        (ReminderKind.EVENING, None, timedelta(0), "only a snoozed"),
    ],
)
def test_a_key_that_could_not_be_written_is_refused(
    kind: ReminderKind, slot: time | None, offset: timedelta | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ReminderKey(kind, date(2026, 11, 23), slot, offset)


def test_a_due_built_from_a_key_names_its_night() -> None:
    at = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
    checkin = Due.of(ReminderKey(ReminderKind.CHECKIN, date(2026, 11, 24)), at)
    assert (checkin.key, checkin.night) == ("checkin:2026-11-24", "2026-11-23")
    late_water = ReminderKey(ReminderKind.WATER, date(2026, 11, 24), time(0, 30))
    assert Due.of(late_water, at, "2026-11-23").night == "2026-11-23"
    assert Due(ReminderKind.WATER, at, "water:a", "d").ref is None
