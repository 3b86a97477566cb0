"""What the welcome pages' answers change in the settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nightstretch.core.onboarding import settings_changes

TODAY = date(2026, 11, 21)


@dataclass(frozen=True)
class Answers:
    bedtime: str = "23:00"
    reminders_on: bool = True
    water_on: bool = False
    due_date: str = ""
    week: int = 0
    start_at_login: bool = True


def test_skipping_only_marks_the_pages_done() -> None:
    assert settings_changes(None, TODAY) == {"onboarding_done": True}


def test_a_due_date_replaces_any_week() -> None:
    assert settings_changes(Answers(due_date="2027-02-20"), TODAY) == {
        "onboarding_done": True,
        "bedtime": "23:00",
        "evening_enabled": True,
        "water_enabled": False,
        "autostart": True,
        "due_date": "2027-02-20",
        "pregnancy_week": 0,
        "pregnancy_week_on": "",
    }


def test_a_week_is_kept_with_the_day_it_was_given_and_clears_the_due_date() -> None:
    changes = settings_changes(Answers(week=27, reminders_on=False, water_on=True), TODAY)
    assert changes == {
        "onboarding_done": True,
        "bedtime": "23:00",
        "evening_enabled": False,
        "water_enabled": True,
        "autostart": True,
        "due_date": "",
        "pregnancy_week": 27,
        "pregnancy_week_on": "2026-11-21",
    }


def test_neither_leaves_the_pregnancy_fields_alone() -> None:
    assert "due_date" not in settings_changes(Answers(), TODAY)
    assert "pregnancy_week" not in settings_changes(Answers(), TODAY)
