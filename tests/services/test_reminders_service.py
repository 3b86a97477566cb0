"""The reminder service driven by a hand-moved clock: what shows, when, and what is logged.

The timers are armed but never started, so nothing acts on the real clock; the tests play
them by calling ``wake`` (the next reminder's timer) and ``recheck`` (the 60 s timer) at
the moments they would fire. A suspend is wall time moving while the monotonic clock
stands still, as on Linux.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import pytest
from nightstretch.core.reminders import Due, ReminderAction, ReminderConfig
from nightstretch.services.reminders import (
    ReminderService,
    ZoneSource,
)
from nightstretch.services.wake_timers import RECHECK_MS, WakeTimers
from nightstretch.services.zones import system_zone, zone_id
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.settings import Settings
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from pytestqt.qtbot import QtBot

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
# Evening at 22:00 (22:30 bedtime, 30 min lead), follow-up 20 min after it was shown,
# one water nudge at 09:00 and no check-in, so each test reads clearly.
EVENING = ReminderConfig(water_start=time(9), water_end=time(9), checkin_enabled=False)


def at(text: str, tz: tzinfo = LONDON) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz)


def hm(moment: datetime, tz: tzinfo = LONDON) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


class TestClock:
    """Wall and monotonic time, moved together (awake) or apart (asleep, clock set)."""

    __test__ = False

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._mono = 5000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def sleep(self, seconds: float) -> None:
        """Suspend: CLOCK_MONOTONIC does not count the time asleep."""
        self._now += timedelta(seconds=seconds)


class PausedTimers(WakeTimers):
    """Armed like the real ones, never started: the test plays the timers."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.waits: list[tuple[QTimer, int]] = []
        """Every wait a real timer would have started: (timer, milliseconds)."""

    def _start(self, timer: QTimer, ms: int) -> None:
        self.waits.append((timer, ms))


@dataclass
class Harness:
    service: ReminderService
    clock: TestClock
    shown: list[tuple[str, str]] = field(default_factory=list)
    dues: dict[str, Due] = field(default_factory=dict)
    withdrawn: list[str] = field(default_factory=list)
    started: list[str] = field(default_factory=list)
    cramp_forms: int = 0
    zone: tzinfo = LONDON

    def __post_init__(self) -> None:
        self.service.due.connect(self._on_due)
        self.service.withdrawn.connect(self.withdrawn.append)
        self.service.start_requested.connect(self.started.append)
        self.service.log_cramp_requested.connect(self._on_cramp)

    def _on_due(self, due: Due) -> None:
        self.shown.append((due.key, hm(self.clock.now(), self.zone)))
        self.dues[due.key] = due

    def _on_cramp(self) -> None:
        self.cramp_forms += 1

    def run_until(self, end: datetime, *, rechecks: bool = False) -> None:
        """Play both jobs: the date job at the next due time, the re-check every 60 s."""
        next_recheck = self.clock.now() + timedelta(milliseconds=RECHECK_MS)
        while self.clock.now() < end:
            nxt = self.service.next_due()
            wake = min(nxt.at if nxt is not None else end, end)
            if rechecks:
                wake = min(wake, next_recheck)
            self.clock.advance(max(0.0, (wake - self.clock.now()).total_seconds()))
            if rechecks and self.clock.now() >= next_recheck:
                next_recheck += timedelta(milliseconds=RECHECK_MS)
                self.service.recheck()
            else:
                self.service.wake()

    def sleep_until(self, end: datetime) -> None:
        """The laptop sleeps; on resume the 60 s re-check is the first to look."""
        self.clock.sleep((end - self.clock.now()).total_seconds())
        self.service.recheck()

    def act(self, key: str, action: ReminderAction | str) -> None:
        self.service.act(key, action)

    def next_due(self) -> Due:
        due = self.service.next_due()
        assert due is not None, "nothing is planned"
        return due


class Make(Protocol):
    """Builds and starts a service on a test clock; stopped after the test."""

    def __call__(
        self,
        start: datetime,
        config: ReminderConfig = ...,
        logbook: Logbook | None = None,
        zone: ZoneSource | tzinfo = ...,
        **options: object,
    ) -> Harness: ...


@pytest.fixture
def make(qtbot: QtBot) -> Iterator[Make]:
    made: list[ReminderService] = []

    def build(
        start: datetime,
        config: ReminderConfig = EVENING,
        logbook: Logbook | None = None,
        zone: ZoneSource | tzinfo = LONDON,
        **options: object,
    ) -> Harness:
        clock = TestClock(start)
        service = ReminderService(
            clock,
            logbook,
            config,
            zone,
            PausedTimers,
            **options,  # type: ignore[arg-type]
        )
        made.append(service)
        harness = Harness(service, clock)
        service.start()
        return harness

    yield build
    for service in made:
        service.stop()


def events(book: Logbook) -> list[tuple[str, str, str | None, str]]:
    return [
        (e.kind, e.event, e.detail, hm(datetime.fromisoformat(e.at_utc.replace("Z", "+00:00"))))
        for e in book.reminder_events()
    ]


# --- firing ------------------------------------------------------------------------------


def test_the_evening_reminder_fires_at_its_time_and_is_logged(make: Make, logbook: Logbook) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    nxt = h.service.next_due()
    assert nxt is not None and nxt.key == "evening:2026-11-23"
    assert hm(nxt.at) == "2026-11-23 22:00"
    h.clock.advance(59 * 60 + 59)
    h.service.wake()  # a timer a second early shows nothing
    assert h.shown == []
    h.clock.advance(1)
    h.service.wake()
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:00")]
    assert h.service.showing() == [h.dues["evening:2026-11-23"]]
    assert events(logbook) == [
        ("evening", "scheduled", "evening:2026-11-23", "2026-11-23 21:00"),
        ("evening", "shown", "evening:2026-11-23", "2026-11-23 22:00"),
        ("evening", "scheduled", "evening-followup:2026-11-23", "2026-11-23 22:00"),
    ]


def test_an_ignored_evening_gets_one_follow_up_twenty_minutes_later(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    h.run_until(at("2026-11-23 22:00"))
    h.act("evening:2026-11-23", ReminderAction.IGNORED)
    h.run_until(at("2026-11-24 08:00"))
    assert h.shown == [
        ("evening:2026-11-23", "2026-11-23 22:00"),
        ("evening-followup:2026-11-23", "2026-11-23 22:20"),
    ]
    assert ("evening", "ignored", "evening:2026-11-23", "2026-11-23 22:00") in events(logbook)


def test_the_next_timer_waits_for_the_due_instant_and_only_requests_a_look(make: Make) -> None:
    h = make(at("2026-11-23 21:00"))
    timers = h.service.timers
    assert timers.next_at == at("2026-11-23 22:00")
    assert (timers.next_timer, 3600_000) in waits(h)
    h.clock.advance(3600)
    timers.next_timer.timeout.emit()  # the look is queued, not done inside the timer's signal
    assert h.shown == []
    QCoreApplication.processEvents()
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:00")]
    assert timers.next_at == at("2026-11-23 22:20")  # the follow-up, 20 min after it showed


def test_a_next_timer_that_fires_early_waits_again_for_the_rest(make: Make) -> None:
    """Qt's coarse timers may fire up to a second early; the look must not come first."""
    h = make(at("2026-11-23 21:00"))
    timers = h.service.timers
    h.clock.advance(3599.4)
    timers.next_timer.timeout.emit()
    QCoreApplication.processEvents()
    assert h.shown == []
    assert waits(h)[-1] == (timers.next_timer, 600)
    h.clock.advance(0.6)
    timers.next_timer.timeout.emit()
    QCoreApplication.processEvents()
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:00")]


def waits(h: Harness) -> list[tuple[QTimer, int]]:
    timers = h.service.timers
    assert isinstance(timers, PausedTimers)
    return timers.waits


def test_idle_there_is_one_next_timer_one_60s_recheck_and_no_other_timer(make: Make) -> None:
    h = make(at("2026-11-23 12:00"))
    timers = h.service.timers
    assert set(h.service.findChildren(QTimer)) == {timers.next_timer, timers.recheck_timer}
    assert (timers.recheck_timer, 60_000) in waits(h)
    assert timers.recheck_timer.interval() == 60_000 and not timers.recheck_timer.isSingleShot()
    assert timers.next_timer.isSingleShot()
    # a look that changes nothing does not touch the armed timer
    armed = list(waits(h))
    h.clock.advance(60)
    h.service.recheck()
    assert waits(h) == armed


def test_on_the_real_timers_the_idle_wait_is_the_60s_recheck(qtbot: QtBot) -> None:
    """The real loop: the re-check waits a minute, the evening's timer hours."""
    clock = TestClock(datetime.now(UTC).replace(microsecond=0))
    far = ReminderConfig(
        bedtime=(clock.now() + timedelta(hours=4)).astimezone(UTC).time().replace(second=0),
        water_goal_ml=250,
        # Water nudges run every 90 min through the day: one could be due within the
        # minute, and then the wait is shorter (the test failed at some times of day).
        water_enabled=False,
        checkin_enabled=False,
    )
    service = ReminderService(clock, None, far, UTC)
    service.start()
    timers = service.timers
    try:
        recheck, evening = timers.recheck_timer, timers.next_timer
        qtbot.waitUntil(lambda: recheck.isActive() and evening.isActive(), timeout=5000)
        # Qt keeps a coarse wait of 20 s or more to whole seconds: up to a second either way.
        assert 49_000 <= recheck.remainingTime() <= 61_000
        assert 3 * 3600_000 <= evening.remainingTime() <= 4 * 3600_000 + 1000
        assert set(service.findChildren(QTimer)) == {recheck, evening}
    finally:
        service.stop()
    assert not timers.recheck_timer.isActive() and not timers.next_timer.isActive()


# --- answers -----------------------------------------------------------------------------


def test_in_ten_minutes_shows_it_again_exactly_ten_minutes_later(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    h.run_until(at("2026-11-23 22:00"))
    h.clock.advance(90)  # she answers a minute and a half later
    h.act("evening:2026-11-23", ReminderAction.SNOOZE)
    h.run_until(at("2026-11-24 00:00"))
    assert h.shown == [
        ("evening:2026-11-23", "2026-11-23 22:00"),
        ("evening-snooze:2026-11-23@22:11+00:00", "2026-11-23 22:11"),
        # the follow-up counts from the repeat, not from the first card
        ("evening-followup:2026-11-23", "2026-11-23 22:31"),
    ]
    assert ("evening", "snoozed", "evening:2026-11-23", "2026-11-23 22:01") in events(logbook)


def test_skip_tonight_cancels_the_follow_up_but_not_tomorrow(make: Make, logbook: Logbook) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    h.run_until(at("2026-11-23 22:00"))
    h.act("evening:2026-11-23", ReminderAction.SKIP)
    h.run_until(at("2026-11-24 22:00"))
    assert [key for key, _ in h.shown] == [
        "evening:2026-11-23",
        "water:2026-11-24T09:00",
        "evening:2026-11-24",
    ]
    assert ("evening", "skipped", "evening:2026-11-23", "2026-11-23 22:00") in events(logbook)


def test_already_done_records_a_session_by_hand_and_closes_tonight(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook, evening_routine="quick-calf")
    h.run_until(at("2026-11-23 22:00"))
    h.clock.advance(120)
    h.act("evening:2026-11-23", ReminderAction.ALREADY_DONE)
    h.run_until(at("2026-11-24 08:00"))
    assert [key for key, _ in h.shown] == ["evening:2026-11-23"]
    [session] = logbook.sessions()
    assert (session.routine_id, session.source, session.status) == (
        "quick-calf",
        "manual",
        "completed",
    )
    assert session.night_date == "2026-11-23"
    assert ("evening", "done", "evening:2026-11-23", "2026-11-23 22:02") in events(logbook)


def test_start_now_asks_for_the_player_and_closes_tonight(make: Make, logbook: Logbook) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    h.run_until(at("2026-11-23 22:00"))
    h.act("evening:2026-11-23", ReminderAction.START_NOW)
    h.run_until(at("2026-11-24 08:00"))
    assert h.started == ["pre-bed-calf"]
    assert [key for key, _ in h.shown] == ["evening:2026-11-23"]
    assert ("evening", "started", "evening:2026-11-23", "2026-11-23 22:00") in events(logbook)


def test_plus_one_glass_logs_one_glass_of_the_set_size(make: Make, logbook: Logbook) -> None:
    config = ReminderConfig(water_interval_min=120, water_goal_ml=1000, checkin_enabled=False)
    h = make(at("2026-11-23 08:00"), config, logbook=logbook, glass_ml=300)
    h.run_until(at("2026-11-23 09:00"))
    assert h.shown == [("water:2026-11-23T09:00", "2026-11-23 09:00")]
    h.act("water:2026-11-23T09:00", ReminderAction.GLASS)
    assert [(w.ml, w.source) for w in logbook.water()] == [(300, "reminder")]
    assert h.service.water_today_ml == 300
    assert h.service.water_goal_ml == 1000
    assert ("hydration", "done", "water:2026-11-23T09:00", "2026-11-23 09:00") in events(logbook)


def test_water_nudges_stop_once_the_goal_is_met(make: Make, logbook: Logbook) -> None:
    config = ReminderConfig(water_interval_min=60, water_goal_ml=600, checkin_enabled=False)
    h = make(at("2026-11-23 08:00"), config, logbook=logbook, glass_ml=300)
    h.run_until(at("2026-11-23 10:00"))
    h.act("water:2026-11-23T09:00", ReminderAction.GLASS)
    h.act("water:2026-11-23T10:00", ReminderAction.GLASS)
    h.run_until(at("2026-11-23 21:00"))
    assert [key for key, _ in h.shown] == ["water:2026-11-23T09:00", "water:2026-11-23T10:00"]
    assert h.next_due().key == "evening:2026-11-23"


def test_later_and_dismiss_are_logged_and_change_nothing_else(make: Make, logbook: Logbook) -> None:
    config = ReminderConfig(water_interval_min=60, checkin_enabled=False)
    h = make(at("2026-11-23 08:00"), config, logbook=logbook)
    h.run_until(at("2026-11-23 10:00"))
    h.act("water:2026-11-23T09:00", ReminderAction.LATER)
    h.act("water:2026-11-23T10:00", ReminderAction.DISMISS)
    h.run_until(at("2026-11-23 11:00"))
    assert h.shown[-1] == ("water:2026-11-23T11:00", "2026-11-23 11:00")
    answers = [(e[1], e[2]) for e in events(logbook) if e[1] in ("snoozed", "skipped")]
    assert answers == [("snoozed", "water:2026-11-23T09:00"), ("skipped", "water:2026-11-23T10:00")]
    assert logbook.water() == []


def test_no_cramps_writes_a_check_in_for_last_night(make: Make, logbook: Logbook) -> None:
    config = ReminderConfig(water_goal_ml=250)
    h = make(at("2026-11-24 08:00"), config, logbook=logbook)
    logbook.add_water(250, at("2026-11-24 07:00"))  # goal met: only the check-in is left
    h.service.recheck()
    h.run_until(at("2026-11-24 08:30"))
    assert h.shown == [("checkin:2026-11-24", "2026-11-24 08:30")]
    h.act("checkin:2026-11-24", ReminderAction.NO_CRAMPS)
    [row] = logbook.checkins()
    assert (row.night_date, row.cramp_count) == ("2026-11-23", 0)
    assert ("checkin", "done", "checkin:2026-11-24", "2026-11-24 08:30") in events(logbook)


def test_log_a_cramp_asks_for_the_cramp_form(make: Make, logbook: Logbook) -> None:
    h = make(at("2026-11-24 08:00"), ReminderConfig(), logbook=logbook)
    h.run_until(at("2026-11-24 08:30"))
    h.act("checkin:2026-11-24", ReminderAction.LOG_CRAMP)
    assert h.cramp_forms == 1
    assert logbook.checkins() == []  # the form writes it when she saves


def test_an_answer_to_an_unknown_key_or_an_unknown_answer_is_ignored(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    before = events(logbook)
    h.act("nonsense", ReminderAction.SKIP)
    h.act("evening:2026-11-23", "shrug")
    assert events(logbook) == before


def test_a_notifiers_string_answer_connects_directly(
    make: Make, logbook: Logbook, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Signal

    class Notifier(QObject):
        acted = Signal(str, str)

    notifier = Notifier()
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    notifier.acted.connect(h.service.act)
    h.run_until(at("2026-11-23 22:00"))
    notifier.acted.emit("evening:2026-11-23", ReminderAction.SKIP.value)
    assert ("evening", "skipped", "evening:2026-11-23", "2026-11-23 22:00") in events(logbook)


# --- suspend, clock jumps, time zones ----------------------------------------------------


def test_a_suspend_over_the_evening_within_grace_shows_it_once_late(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:30"), logbook=logbook)
    h.sleep_until(at("2026-11-23 22:45"))
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:45")]
    h.run_until(at("2026-11-23 23:30"))
    # the follow-up counts from when it was really shown
    assert h.shown[-1] == ("evening-followup:2026-11-23", "2026-11-23 23:05")


def test_a_suspend_beyond_grace_logs_missed_and_shows_nothing_late(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:30"), logbook=logbook)
    h.sleep_until(at("2026-11-24 00:30"))  # 3 hours asleep over the 22:00 reminder
    h.run_until(at("2026-11-24 08:00"), rechecks=True)
    assert h.shown == []
    assert ("evening", "missed", "evening:2026-11-23", "2026-11-24 00:30") in events(logbook)
    assert h.next_due().key == "water:2026-11-24T09:00"


def test_a_wall_clock_jump_forward_is_noticed_by_the_recheck(
    make: Make, caplog: pytest.LogCaptureFixture
) -> None:
    h = make(at("2026-11-23 21:00"))
    armed = list(waits(h))
    h.clock.sleep(75 * 60)  # clock set forward by hand; the timer would still wait
    h.clock.advance(30)
    with caplog.at_level("INFO", logger="nightstretch.services.reminders"):
        h.service.recheck()
    assert "+4500 s" in caplog.text
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:15")]
    assert waits(h)[len(armed) :] != []  # re-armed on the new clock


def test_ordinary_rechecks_see_no_jump(make: Make, caplog: pytest.LogCaptureFixture) -> None:
    h = make(at("2026-11-23 12:00"))
    with caplog.at_level("INFO", logger="nightstretch.services.reminders"):
        for _ in range(5):
            h.clock.advance(60)
            h.service.recheck()
    assert caplog.text == ""


def test_a_time_zone_change_is_picked_up_at_the_next_recheck(make: Make, logbook: Logbook) -> None:
    zone: list[tzinfo] = [LONDON]
    h = make(at("2026-11-23 12:00"), logbook=logbook, zone=lambda: zone[0])
    assert hm(h.next_due().at) == "2026-11-23 22:00"
    zone[0] = NEW_YORK  # she flew west; the system zone changed
    h.clock.advance(60)
    h.service.recheck()
    # 12:01 in London is 07:01 in New York: the 09:00 water nudge comes round again there
    nxt = h.next_due()
    assert nxt.key == "water:2026-11-23T09:00" and hm(nxt.at, NEW_YORK) == "2026-11-23 09:00"
    assert h.service.timers.next_at == at("2026-11-23 09:00", NEW_YORK)
    h.zone = NEW_YORK
    h.run_until(at("2026-11-23 22:00", NEW_YORK))
    assert h.shown == [
        ("water:2026-11-23T09:00", "2026-11-23 09:00"),
        ("evening:2026-11-23", "2026-11-23 22:00"),
    ]


def test_the_evening_fires_once_on_a_fall_back_night_owl_bedtime(make: Make) -> None:
    """Sat 31 Oct 2026 in New York: bedtime 02:00, reminder 01:30, which happens twice."""
    config = ReminderConfig(
        bedtime=time(2, 0),
        water_start=time(9),
        water_end=time(9),
        checkin_enabled=False,
        evening_followup_min=0,
    )
    h = make(at("2026-10-31 20:00", NEW_YORK), config, zone=NEW_YORK)
    h.zone = NEW_YORK
    h.run_until(at("2026-11-01 04:00", NEW_YORK), rechecks=True)
    assert [key for key, _ in h.shown] == ["evening:2026-10-31"]
    assert h.shown == [("evening:2026-10-31", "2026-11-01 01:30")]
    assert h.dues["evening:2026-10-31"].at == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # EDT


# --- pause -------------------------------------------------------------------------------


def test_pause_one_hour_holds_the_evening_to_its_end(make: Make, logbook: Logbook) -> None:
    h = make(at("2026-11-23 21:30"), logbook=logbook)
    h.service.pause(hours=1)
    assert h.service.paused_until == at("2026-11-23 22:30")
    assert hm(h.next_due().at) == "2026-11-23 22:30"
    h.run_until(at("2026-11-23 22:30"))
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:30")]
    assert h.service.paused_until is None


def test_pause_until_tomorrow_silences_tonight_and_wakes_at_six(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:30"), ReminderConfig(), logbook=logbook)
    h.service.pause_until_tomorrow()
    assert h.service.paused_until == at("2026-11-24 06:00")
    h.run_until(at("2026-11-24 08:30"), rechecks=True)
    assert h.shown == [("checkin:2026-11-24", "2026-11-24 08:30")]


def test_resume_early_shows_what_is_still_within_grace(make: Make) -> None:
    h = make(at("2026-11-23 21:30"))
    h.service.pause_until_tomorrow()
    h.run_until(at("2026-11-23 22:20"), rechecks=True)
    assert h.shown == []
    h.service.resume()
    assert h.service.paused_until is None
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:20")]


def test_pause_and_resume_tell_the_tray(make: Make) -> None:
    h = make(at("2026-11-23 12:00"))
    changes: list[int] = []
    h.service.state_changed.connect(lambda: changes.append(1))
    h.service.pause(hours=1)
    h.service.resume()
    assert len(changes) == 2


# --- settings, hooks, restarts -----------------------------------------------------------


def test_rebuild_on_a_settings_change_moves_the_next_reminder(make: Make) -> None:
    h = make(at("2026-11-23 20:00"))
    assert hm(h.next_due().at) == "2026-11-23 22:00"
    settings = Settings(bedtime="23:30", water_start="09:00", water_end="09:00", glass_ml=400)
    h.service.apply_settings(settings)
    assert hm(h.next_due().at) == "2026-11-23 23:00"
    assert h.service.timers.next_at == at("2026-11-23 23:00")
    h.run_until(at("2026-11-23 23:00"))
    assert h.shown == [("evening:2026-11-23", "2026-11-23 23:00")]


def test_a_routine_started_elsewhere_withdraws_the_card_and_the_follow_up(make: Make) -> None:
    h = make(at("2026-11-23 21:00"))
    h.run_until(at("2026-11-23 22:00"))
    h.service.routine_started("2026-11-23")
    assert h.withdrawn == ["evening:2026-11-23"]
    h.run_until(at("2026-11-24 08:00"))
    assert [key for key, _ in h.shown] == ["evening:2026-11-23"]


def test_water_logged_elsewhere_counts_and_withdraws_at_the_goal(
    make: Make, logbook: Logbook
) -> None:
    config = ReminderConfig(water_interval_min=60, water_goal_ml=500, checkin_enabled=False)
    h = make(at("2026-11-23 08:00"), config, logbook=logbook)
    h.run_until(at("2026-11-23 09:00"))
    logbook.add_water(250, h.clock.now(), source="tray")
    h.service.water_logged(250)
    assert h.service.water_today_ml == 250 and h.withdrawn == []
    logbook.add_water(250, h.clock.now(), source="tray")
    h.service.water_logged(250)
    assert h.service.water_today_ml == 500
    assert h.withdrawn == ["water:2026-11-23T09:00"]


def test_the_cli_writing_to_the_logbook_is_noticed_at_the_recheck(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 21:00"), logbook=logbook)
    logbook.add_manual_session("pre-bed-calf", at("2026-11-23 21:10"))  # another process
    h.clock.advance(60)
    h.service.recheck()
    h.run_until(at("2026-11-24 08:00"))
    assert h.shown == []  # no evening reminder and no follow-up: done by hand already


def test_a_lunchtime_quick_routine_does_not_silence_the_evening(
    make: Make, logbook: Logbook
) -> None:
    h = make(at("2026-11-23 12:00"), logbook=logbook)
    logbook.start_session("quick-calf", at("2026-11-23 12:30"), steps_total=3)
    h.clock.advance(3600)
    h.service.recheck()
    assert h.next_due().key == "evening:2026-11-23"
    logbook.start_session("pre-bed-calf", at("2026-11-23 21:00"), steps_total=6)  # the player
    h.run_until(at("2026-11-23 21:00"))
    h.service.recheck()
    h.run_until(at("2026-11-24 08:00"))
    assert h.shown == []
    logbook.start_session("quick-calf", at("2026-11-24 12:30"), steps_total=3)
    h.run_until(at("2026-11-24 22:00"), rechecks=True)
    assert h.shown[-1] == ("evening:2026-11-24", "2026-11-24 22:00")


def test_a_checkin_answered_elsewhere_withdraws_the_card(make: Make) -> None:
    h = make(at("2026-11-24 08:00"), ReminderConfig(water_goal_ml=250))
    h.run_until(at("2026-11-24 08:30"))
    h.service.checkin_answered("2026-11-23")
    assert h.withdrawn == ["checkin:2026-11-24"]


def test_a_restart_does_not_show_the_same_reminder_again(make: Make, logbook: Logbook) -> None:
    first = make(at("2026-11-23 21:00"), logbook=logbook)
    first.run_until(at("2026-11-23 22:00"))
    first.service.stop()
    second = make(at("2026-11-23 22:05"), logbook=logbook)
    assert second.shown == []
    second.run_until(at("2026-11-23 23:00"))
    # the follow-up still counts from when the first run showed the reminder
    assert second.shown == [("evening-followup:2026-11-23", "2026-11-23 22:20")]


def test_a_restart_does_not_show_a_water_nudge_or_check_in_again(
    make: Make, logbook: Logbook
) -> None:
    config = ReminderConfig(water_start=time(8, 40), water_end=time(8, 40))
    first = make(at("2026-11-24 08:00"), config, logbook=logbook)
    first.run_until(at("2026-11-24 08:40"))
    assert [key for key, _ in first.shown] == ["checkin:2026-11-24", "water:2026-11-24T08:40"]
    first.service.stop()
    second = make(at("2026-11-24 08:45"), config, logbook=logbook)  # both within grace
    second.run_until(at("2026-11-24 12:00"), rechecks=True)
    assert second.shown == []


def test_a_restart_remembers_skip_tonight(make: Make, logbook: Logbook) -> None:
    first = make(at("2026-11-23 21:00"), logbook=logbook)
    first.run_until(at("2026-11-23 22:00"))
    first.act("evening:2026-11-23", ReminderAction.SKIP)
    first.service.stop()
    second = make(at("2026-11-23 22:10"), logbook=logbook)
    second.run_until(at("2026-11-24 08:00"))
    assert second.shown == []


def test_a_restart_remembers_a_snooze(make: Make, logbook: Logbook) -> None:
    first = make(at("2026-11-23 21:00"), logbook=logbook)
    first.run_until(at("2026-11-23 22:00"))
    first.act("evening:2026-11-23", ReminderAction.SNOOZE)
    first.service.stop()
    second = make(at("2026-11-23 22:05"), logbook=logbook)
    second.run_until(at("2026-11-23 22:10"))
    assert second.shown == [("evening-snooze:2026-11-23@22:10+00:00", "2026-11-23 22:10")]


def test_a_restart_replays_the_logbook_to_the_state_left_behind(
    make: Make, logbook: Logbook
) -> None:
    first = make(at("2026-11-23 21:00"), logbook=logbook)
    first.run_until(at("2026-11-23 22:00"))
    first.act("evening:2026-11-23", ReminderAction.SNOOZE)
    first.run_until(at("2026-11-23 22:10"))
    first.act("evening-snooze:2026-11-23@22:10+00:00", ReminderAction.IGNORED)
    left = first.service.state
    assert left.evening_shown_at == at("2026-11-23 22:10") and not left.evening_closed
    first.service.stop()
    second = make(at("2026-11-23 22:10"), logbook=logbook)
    assert second.service.state == left
    assert second.service.next_due() == first.service.next_due()


def test_at_start_a_check_in_due_before_login_is_still_shown(make: Make, logbook: Logbook) -> None:
    h = make(at("2026-11-24 10:00"), ReminderConfig(water_goal_ml=250), logbook=logbook)
    assert h.shown == [("checkin:2026-11-24", "2026-11-24 10:00")]


def test_without_a_logbook_everything_works_in_memory(make: Make) -> None:
    config = ReminderConfig(water_interval_min=60, water_goal_ml=250, checkin_enabled=False)
    h = make(at("2026-11-23 08:00"), config)
    h.run_until(at("2026-11-23 09:00"))
    h.act("water:2026-11-23T09:00", ReminderAction.GLASS)
    assert h.service.water_today_ml == 250
    h.run_until(at("2026-11-23 22:00"))
    h.act("evening:2026-11-23", ReminderAction.ALREADY_DONE)
    h.run_until(at("2026-11-24 08:00"))
    assert [key for key, _ in h.shown] == ["water:2026-11-23T09:00", "evening:2026-11-23"]


def test_a_full_evening_lands_in_the_logbook_in_order(make: Make, logbook: Logbook) -> None:
    h = make(at("2026-11-23 21:50"), logbook=logbook)
    h.run_until(at("2026-11-23 22:00"))
    h.act("evening:2026-11-23", ReminderAction.SNOOZE)
    h.run_until(at("2026-11-23 22:10"))
    h.act("evening-snooze:2026-11-23@22:10+00:00", ReminderAction.START_NOW)
    assert [(e[1], e[2], e[3][-5:]) for e in events(logbook)] == [
        ("scheduled", "evening:2026-11-23", "21:50"),
        ("shown", "evening:2026-11-23", "22:00"),
        ("scheduled", "evening-followup:2026-11-23", "22:00"),
        ("snoozed", "evening:2026-11-23", "22:00"),
        ("scheduled", "evening-snooze:2026-11-23@22:10+00:00", "22:00"),
        ("shown", "evening-snooze:2026-11-23@22:10+00:00", "22:10"),
        ("started", "evening-snooze:2026-11-23@22:10+00:00", "22:10"),
        ("scheduled", "water:2026-11-24T09:00", "22:10"),  # tonight is closed: tomorrow next
    ]


def test_the_service_is_a_qobject_child(make: Make) -> None:
    parent = QObject()
    service = ReminderService(
        TestClock(at("2026-11-23 12:00")), None, EVENING, LONDON, PausedTimers, parent
    )
    assert service.parent() is parent
    assert service.timers.parent() is service


def test_the_system_zone_is_read_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert zone_id(system_zone()) == "America/New_York"
    monkeypatch.setenv("TZ", "Europe/London")
    assert zone_id(system_zone()) == "Europe/London"


def test_fixed_offsets_compare_by_offset() -> None:
    from datetime import timezone

    plus_one = timezone(timedelta(hours=1))
    assert zone_id(plus_one) == zone_id(timezone(timedelta(hours=1)))
    assert zone_id(plus_one) != zone_id(timezone(timedelta(hours=2)))


class FullDisk(Logbook):
    def add_water(self, *args: object, **kwargs: object) -> int:
        raise LogbookError("Could not save: the disk is full.")


def test_a_glass_that_cannot_be_saved_is_reported_not_counted(make: Make, tmp_path: Path) -> None:
    book = FullDisk(tmp_path / "full.db")
    try:
        config = ReminderConfig(water_interval_min=60, checkin_enabled=False)
        h = make(at("2026-11-23 08:00"), config, logbook=book)
        problems: list[str] = []
        h.service.problem.connect(problems.append)
        h.run_until(at("2026-11-23 09:00"))
        h.act("water:2026-11-23T09:00", ReminderAction.GLASS)
        assert problems == ["Could not save: the disk is full."]
        assert h.service.water_today_ml == 0
        assert [e[1] for e in events(book)] == ["scheduled", "shown", "scheduled"]
    finally:
        book.close()


def running(timers: WakeTimers) -> bool:
    """Read afresh: a start or stop in between changes it (mypy would keep the first answer)."""
    return timers.running


def test_stop_and_start_again(make: Make) -> None:
    h = make(at("2026-11-23 21:00"))
    h.service.stop()
    assert running(h.service.timers) is False
    h.service.start()
    assert running(h.service.timers) and h.service.timers.next_at == at("2026-11-23 22:00")
    h.run_until(at("2026-11-23 22:00"))
    assert h.shown == [("evening:2026-11-23", "2026-11-23 22:00")]


# --- issue 12: an evening cramp and the check-in; no phantom misses -------------------------


def test_an_evening_cramp_leaves_the_check_in_which_then_counts_it(
    make: Make, logbook: Logbook
) -> None:
    from nightstretch.core.entries import CrampEntry

    config = ReminderConfig(water_enabled=False, evening_enabled=False)
    h = make(at("2026-11-23 21:00"), config, logbook=logbook)
    h.run_until(at("2026-11-23 22:40"))
    entry = CrampEntry(at("2026-11-23 22:35"), "left", 6)
    logbook.add_cramp(entry, h.clock.now())
    h.service.checkin_answered(entry.night_date)  # what saving the cramp form does
    h.run_until(at("2026-11-24 08:30"), rechecks=True)
    assert h.shown == [("checkin:2026-11-24", "2026-11-24 08:30")]
    assert h.service.cramps_logged("2026-11-23") == 1
    h.act("checkin:2026-11-24", ReminderAction.NO_CRAMPS)  # "No more"
    [row] = logbook.checkins()
    assert (row.night_date, row.cramp_count) == ("2026-11-23", 1)


def test_the_first_start_logs_no_misses_from_before_it(make: Make, logbook: Logbook) -> None:
    config = ReminderConfig(water_interval_min=60, checkin_enabled=False, evening_enabled=False)
    first = make(at("2026-11-23 14:05"), config, logbook=logbook)
    assert first.shown == [("water:2026-11-23T14:00", "2026-11-23 14:05")]
    first.service.stop()
    make(at("2026-11-23 14:20"), config, logbook=logbook)  # a restart the same afternoon
    assert [e for e in events(logbook) if e[1] == "missed"] == []


def test_a_returning_user_still_gets_misses_logged(make: Make, logbook: Logbook) -> None:
    config = ReminderConfig(water_interval_min=60, checkin_enabled=False, evening_enabled=False)
    logbook.add_reminder_event(
        at("2026-11-20 09:00"), "hydration", "shown", "water:2026-11-20T09:00"
    )
    make(at("2026-11-23 14:05"), config, logbook=logbook)
    missed = [e[2] for e in events(logbook) if e[1] == "missed"]
    assert missed == ["water:2026-11-23T12:00", "water:2026-11-23T13:00"]


# --- away, locked, busy: held and shown once on return (issue 12) -------------------------


def test_an_evening_reminder_waits_while_she_is_away_and_shows_once_on_return(
    make: Make, logbook: Logbook
) -> None:
    from nightstretch.core.presence import Presence

    away = Presence(idle_s=1200, locked=False, do_not_disturb=False, full_screen=False)
    here = Presence(idle_s=3, locked=False, do_not_disturb=False, full_screen=False)
    now: list[Presence] = [away]
    asked: list[datetime] = []

    def sample() -> Presence:
        asked.append(h.clock.now())
        return now[0]

    h = make(at("2026-11-23 21:00"), logbook=logbook, presence=sample)
    h.run_until(at("2026-11-23 22:10"), rechecks=True)
    assert h.shown == []
    assert [d.key for d in h.service.held] == ["evening:2026-11-23"]
    assert ("evening", "held", "evening:2026-11-23", "2026-11-23 22:00") in events(logbook)
    before = len(asked)
    now[0] = here
    h.run_until(at("2026-11-23 22:30"), rechecks=True)
    assert h.shown[0] == ("evening:2026-11-23", "2026-11-23 22:11")
    assert [k for k, _ in h.shown].count("evening:2026-11-23") == 1
    assert h.service.held == ()
    assert ("evening", "shown", "evening:2026-11-23", "2026-11-23 22:11") in events(logbook)
    # asked only while something was due or held: once per re-check while held, then no more
    assert len(asked) - before <= 2


def test_nothing_due_means_presence_is_never_asked(make: Make) -> None:
    asked: list[bool] = []

    def sample() -> object:
        asked.append(True)
        raise AssertionError("asked while nothing was due")

    h = make(at("2026-11-23 10:00"), presence=sample)
    h.run_until(at("2026-11-23 11:00"), rechecks=True)
    assert asked == []
