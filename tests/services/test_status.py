"""The status reader: today's facts from the reminders, the settings and the logbook's streak."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.reminders import ReminderKind
from nightstretch.core.status import LOGIN_HINT, Standing, StatusView
from nightstretch.services.status import StatusReader
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.settings import Settings

NOW = datetime(2026, 11, 21, 21, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Planned:
    kind: ReminderKind
    at: datetime


@dataclass
class FakeReminders:
    paused_until: datetime | None = None
    water_today_ml: int = 500
    water_goal_ml: int = 2000
    shown: list[object] = field(default_factory=list)
    planned: Planned | None = None

    def showing(self) -> list[object]:
        return self.shown

    def next_due(self) -> Planned | None:
        return self.planned


def settings(**values: object) -> Settings:
    return Settings(**values)  # type: ignore[arg-type]


def done_routine(book: Logbook, night_evening: datetime) -> None:
    session = book.start_session("pre-bed-calf", night_evening, 2)
    book.end_session(session, night_evening + timedelta(minutes=5), 2, "completed")


def test_the_tray_reads_the_plan_the_pause_and_the_week() -> None:
    reminders = FakeReminders(planned=Planned(ReminderKind.EVENING, NOW + timedelta(hours=1)))
    week = settings(due_date="2027-02-20")
    reader = StatusReader(FakeClock(NOW), reminders, None, lambda: week)
    status = reader.tray()
    assert status.standing is Standing.NORMAL
    assert status.tooltip == "Nightstretch\nNext: Calf stretch at 22:00\nWeek 27 - 2nd trimester"
    reminders.shown.append(object())
    assert reader.tray().standing is Standing.DUE
    reminders.paused_until = NOW + timedelta(hours=1)
    assert reader.tray().status_line == "Reminders paused until 22:00 · Week 27 - 2nd trimester"


def test_the_popup_counts_the_current_streak(logbook: Logbook) -> None:
    for nights_ago in (1, 2, 3):
        done_routine(logbook, NOW - timedelta(days=nights_ago))
    reminders = FakeReminders()
    reader = StatusReader(FakeClock(NOW), reminders, logbook, Settings)
    # the defaults: reminders on, "Start at login" off, so the popup says so (issue 12)
    assert reader.view() == StatusView(
        next_reminder="", water_ml=500, water_goal_ml=2000, streak_nights=3, login_hint=LOGIN_HINT
    )


def test_no_logbook_or_an_unreadable_one_is_no_streak(
    logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert StatusReader(FakeClock(NOW), FakeReminders(), None, Settings).streak() == 0

    asked: list[bool] = []

    def unreadable(*_args: object) -> list[object]:
        asked.append(True)
        raise LogbookError("The logbook could not be read.")

    # the nights read model moved to store.nights: patch where it is read from now
    monkeypatch.setattr("nightstretch.store.nights.summarize_nights", unreadable)
    assert StatusReader(FakeClock(NOW), FakeReminders(), logbook, Settings).streak() == 0
    assert asked == [True]
