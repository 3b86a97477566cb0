"""The status presenter: the tray's icon state, tooltip and status line, and the popup's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest
from nightstretch.core.reminders import ReminderKind
from nightstretch.core.status import (
    Standing,
    StatusView,
    next_reminder_text,
    status_view,
    streak_text,
    tray_status,
)

NOW = datetime(2026, 11, 21, 21, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Planned:
    kind: ReminderKind
    at: datetime


@pytest.mark.parametrize(
    ("kind", "at", "text"),
    [
        (ReminderKind.EVENING, NOW + timedelta(hours=1), "Calf stretch at 22:00"),
        (ReminderKind.FOLLOWUP, NOW + timedelta(hours=1), "Calf stretch at 22:00"),
        (ReminderKind.CHECKIN, NOW + timedelta(hours=10), "Morning check-in at tomorrow 07:00"),
        (ReminderKind.WATER, NOW + timedelta(days=2), "Water at Mon 21:00"),
        (ReminderKind.MOVEMENT, NOW, "Movement break at 21:00"),
    ],
)
def test_next_reminder_is_named_for_her_with_a_relative_time(
    kind: ReminderKind, at: datetime, text: str
) -> None:
    assert next_reminder_text(Planned(kind, at), NOW) == text


def test_nothing_planned_is_an_empty_line() -> None:
    assert next_reminder_text(None, NOW) == ""


def test_times_are_read_in_the_zone_of_now() -> None:
    cet = timezone(timedelta(hours=1))
    planned = Planned(ReminderKind.WATER, datetime(2026, 11, 21, 13, 30, tzinfo=UTC))
    assert next_reminder_text(planned, NOW.astimezone(cet)) == "Water at 14:30"


def test_tray_shows_the_next_reminder_and_the_week() -> None:
    status = tray_status(
        NOW,
        paused_until=None,
        showing=False,
        next_due=Planned(ReminderKind.EVENING, NOW + timedelta(hours=1)),
        pregnancy="Week 27 - 2nd trimester",
    )
    assert status.standing is Standing.NORMAL
    assert status.tooltip == "Nightstretch\nNext: Calf stretch at 22:00\nWeek 27 - 2nd trimester"
    assert status.status_line == "Next: Calf stretch at 22:00 · Week 27 - 2nd trimester"
    assert not status.paused


def test_a_shown_reminder_makes_the_icon_due() -> None:
    status = tray_status(NOW, paused_until=None, showing=True, next_due=None, pregnancy="")
    assert status.standing is Standing.DUE
    assert (status.tooltip, status.status_line) == ("Nightstretch", "")


def test_a_pause_wins_over_a_shown_reminder_and_hides_the_next_one() -> None:
    status = tray_status(
        NOW,
        paused_until=NOW + timedelta(hours=10),
        showing=True,
        next_due=Planned(ReminderKind.WATER, NOW + timedelta(minutes=5)),
        pregnancy="",
    )
    assert status.standing is Standing.PAUSED and status.paused
    assert status.tooltip == "Nightstretch\nReminders paused until tomorrow 07:00"


def test_the_popup_view_carries_worded_times_and_plain_numbers() -> None:
    view = status_view(
        NOW,
        paused_until=NOW + timedelta(minutes=40),
        next_due=Planned(ReminderKind.WATER, NOW + timedelta(minutes=30)),
        water_ml=750,
        water_goal_ml=2000,
        streak_nights=3,
        pregnancy="Week 27 - 2nd trimester",
    )
    assert view == StatusView(
        next_reminder="Water at 21:30",
        water_ml=750,
        water_goal_ml=2000,
        streak_nights=3,
        pregnancy="Week 27 - 2nd trimester",
        paused_until="21:40",
    )
    quiet = status_view(
        NOW,
        paused_until=None,
        next_due=None,
        water_ml=0,
        water_goal_ml=2000,
        streak_nights=0,
        pregnancy="",
    )
    assert (quiet.next_reminder, quiet.paused_until) == ("", "")


def test_streak_wording() -> None:
    assert streak_text(0) == "No streak yet: tonight can start one"
    assert streak_text(1) == "1 night in a row"
    assert streak_text(12) == "12 nights in a row"
