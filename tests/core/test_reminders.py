"""The reminder planner driven by a fake clock: exactly what fires, and when, in local time.

``Sim`` plays the Qt scheduler: it jumps to the next due time (or ticks every minute), looks
at what fell due since its last look, shows or logs it, lets the scripted user react, and
never shows a key twice. Suspends are jumps with no look in between; a time-zone change
is a new ``tz`` between two looks. Local times are printed with the zone's abbreviation so
the two 01:30s of a fall-back night can be told apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from nightstretch.core.clock import night_of
from nightstretch.core.reminders import (
    GRACE,
    DayState,
    Due,
    ReminderConfig,
    ReminderKind,
    catch_up,
    classify_missed,
    next_occurrences,
    occurrences_between,
    parse_clock_time,
    pause_until_tomorrow,
    resolve_wall_time,
    triage,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MIN = timedelta(minutes=1)

Reaction = Callable[[DayState, Due, datetime], DayState]


def at(tz: tzinfo, text: str) -> datetime:
    """A local wall time as a UTC instant (the first one, if the wall time repeats)."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz).astimezone(UTC)


def local(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def ignore(state: DayState, due: Due, now: datetime) -> DayState:
    return state


def close(state: DayState, due: Due, now: datetime) -> DayState:
    """Start now, Already done or Skip tonight: all end tonight's evening nudges."""
    return state.closed(due.night)


def snooze(minutes: int) -> Reaction:
    def react(state: DayState, due: Due, now: datetime) -> DayState:
        return state.snoozed(due.night, now + timedelta(minutes=minutes))

    return react


def one_glass(state: DayState, due: Due, now: datetime) -> DayState:
    return state.drank(due.night, 250)


def no_cramps(state: DayState, due: Due, now: datetime) -> DayState:
    return state.checked_in(due.night)


@dataclass
class Sim:
    config: ReminderConfig
    tz: tzinfo
    now: datetime
    state: DayState = field(default_factory=DayState)
    reactions: dict[str, Reaction] = field(default_factory=dict)
    """By exact key first, then by kind; unlisted reminders are ignored."""
    step: timedelta | None = None
    """None: jump to the next due time; else tick like the coarse re-check."""
    fired: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    looks: int = 0

    def __post_init__(self) -> None:
        self.since = self.now

    def look(self) -> None:
        self.looks += 1
        result = catch_up(self.config, self.state, self.since, self.now, self.tz)
        self.since = self.now
        for due in result.missed:
            if due.key not in self.seen:
                self.seen.add(due.key)
                self.missed.append((due.key, local(due.at, self.tz)))
        for due in result.fire:
            if due.key in self.seen:
                continue
            self.seen.add(due.key)
            self.fired.append((due.key, local(self.now, self.tz)))
            self.state = self.state.shown(due, self.now)
            react = self.reactions.get(due.key) or self.reactions.get(due.kind.value, ignore)
            self.state = react(self.state, due, self.now)

    def run_until(self, end: datetime) -> None:
        while self.now < end:
            if self.step is not None:
                wake = self.now + self.step
            else:
                upcoming = next_occurrences(self.config, self.state, self.now, self.tz)
                wake = upcoming[0].at if upcoming else end
            self.now = min(wake, end)
            self.look()

    def suspend_until(self, end: datetime) -> None:
        """The laptop sleeps: no look at all until it wakes."""
        assert end >= self.now
        self.now = end
        self.look()

    def resume(self) -> None:
        """Resume early: look again from the pause's start, as after a suspend."""
        began = self.state.paused_at
        assert began is not None
        self.state = self.state.paused(self.now, None)
        self.since = min(self.since, began)
        self.look()

    def act(self, change: Callable[[DayState, datetime], DayState]) -> None:
        """The user does something from the tray or the command line, then the app looks."""
        self.state = change(self.state, self.now)
        self.look()


# One 09:00 water nudge a day, so the DST and travel tests read clearly.
ONE_WATER = ReminderConfig(water_start=time(9), water_end=time(9), checkin_enabled=False)


def water(day: str, *times: str, zone: str) -> list[tuple[str, str]]:
    return [(f"water:{day}T{t}", f"{day} {t} {zone}") for t in times]


# --- the simulated week ---------------------------------------------------------------


@pytest.mark.parametrize("step", [None, MIN], ids=["jump-to-next", "tick-every-minute"])
def test_a_week_in_london_with_suspends_snooze_and_the_clocks_going_back(
    step: timedelta | None,
) -> None:
    """Mon 19 to Mon 26 October 2026; BST ends at 02:00 on Sunday 25th."""
    config = ReminderConfig(water_interval_min=180, bedtimes=((5, time(1, 30)),))
    sim = Sim(
        config,
        LONDON,
        at(LONDON, "2026-10-19 08:00"),
        step=step,
        reactions={
            "checkin": no_cramps,
            "evening:2026-10-19": close,
            "evening-followup:2026-10-20": close,
            "evening-followup:2026-10-22": close,
            "evening:2026-10-23": snooze(10),
            "evening-snooze:2026-10-23@22:10+01:00": close,
            "checkin:2026-10-22": ignore,
        },
    )
    sim.run_until(at(LONDON, "2026-10-21 21:30"))
    sim.suspend_until(at(LONDON, "2026-10-22 00:30"))  # 3 hours asleep over the 22:00
    sim.run_until(at(LONDON, "2026-10-22 21:30"))
    sim.suspend_until(at(LONDON, "2026-10-22 22:45"))  # 45 minutes late: still shown
    sim.run_until(at(LONDON, "2026-10-26 08:45"))

    daytime = ("09:00", "12:00", "15:00", "18:00")
    assert sim.fired == [
        ("checkin:2026-10-19", "2026-10-19 08:30 BST"),
        *water("2026-10-19", *daytime, zone="BST"),
        ("evening:2026-10-19", "2026-10-19 22:00 BST"),  # started at once
        ("checkin:2026-10-20", "2026-10-20 08:30 BST"),
        *water("2026-10-20", *daytime, zone="BST"),
        ("evening:2026-10-20", "2026-10-20 22:00 BST"),  # ignored...
        ("evening-followup:2026-10-20", "2026-10-20 22:20 BST"),  # ...so one nudge, skipped
        ("checkin:2026-10-21", "2026-10-21 08:30 BST"),
        *water("2026-10-21", *daytime, zone="BST"),
        # asleep 21:30-00:30: the evening reminder is missed, not shown late
        ("checkin:2026-10-22", "2026-10-22 08:30 BST"),  # not answered
        *water("2026-10-22", *daytime, zone="BST"),
        ("evening:2026-10-22", "2026-10-22 22:45 BST"),  # woke 45 min late
        ("evening-followup:2026-10-22", "2026-10-22 23:05 BST"),  # 20 min after it was shown
        ("checkin:2026-10-23", "2026-10-23 08:30 BST"),
        *water("2026-10-23", *daytime, zone="BST"),
        ("evening:2026-10-23", "2026-10-23 22:00 BST"),  # In 10 min
        ("evening-snooze:2026-10-23@22:10+01:00", "2026-10-23 22:10 BST"),  # started
        ("checkin:2026-10-24", "2026-10-24 08:30 BST"),
        # Saturday's bedtime is 01:30, so water runs until 23:30
        *water("2026-10-24", *daytime, "21:00", zone="BST"),
        # 01:00 happens twice that night; Saturday's reminder comes in the first one, once
        ("evening:2026-10-24", "2026-10-25 01:00 BST"),
        ("evening-followup:2026-10-24", "2026-10-25 01:20 BST"),
        ("checkin:2026-10-25", "2026-10-25 08:30 GMT"),
        *water("2026-10-25", *daytime, zone="GMT"),
        ("evening:2026-10-25", "2026-10-25 22:00 GMT"),
        ("evening-followup:2026-10-25", "2026-10-25 22:20 GMT"),
        ("checkin:2026-10-26", "2026-10-26 08:30 GMT"),
    ]
    assert sim.missed == [("evening:2026-10-21", "2026-10-21 22:00 BST")]


def test_jumping_looks_once_per_reminder_and_not_in_between() -> None:
    sim = Sim(ReminderConfig(), LONDON, at(LONDON, "2026-11-16 06:00"))
    sim.run_until(at(LONDON, "2026-11-17 06:00"))
    # 8 water nudges, check-in, evening, follow-up: one look each, nothing in between
    assert len(sim.fired) == 11
    assert sim.looks == 11 + 1


# --- suspend -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wake", "fired", "missed"),
    [
        (
            "2026-11-20 23:00",  # 60 min late: the edge of the grace
            [
                ("evening:2026-11-20", "2026-11-20 23:00 GMT"),
                ("evening-followup:2026-11-20", "2026-11-20 23:20 GMT"),
            ],
            [],
        ),
        ("2026-11-20 23:01", [], [("evening:2026-11-20", "2026-11-20 22:00 GMT")]),
        ("2026-11-21 00:30", [], [("evening:2026-11-20", "2026-11-20 22:00 GMT")]),
    ],
)
def test_three_hour_suspend_over_the_evening_reminder(
    wake: str, fired: list[tuple[str, str]], missed: list[tuple[str, str]]
) -> None:
    config = replace(ONE_WATER, water_start=time(10), water_end=time(10))
    sim = Sim(config, LONDON, at(LONDON, "2026-11-20 21:30"))
    sim.suspend_until(at(LONDON, wake))
    sim.run_until(at(LONDON, "2026-11-21 09:59"))
    assert sim.fired == fired
    assert sim.missed == missed


def test_after_a_suspend_only_daytime_nudges_within_ten_minutes_are_shown() -> None:
    config = ReminderConfig(water_interval_min=15, movement_enabled=True, movement_interval_min=20)
    sim = Sim(config, LONDON, at(LONDON, "2026-11-20 09:50"))
    sim.suspend_until(at(LONDON, "2026-11-20 10:38"))
    sim.run_until(at(LONDON, "2026-11-20 10:45"))
    assert sim.fired == [
        ("water:2026-11-20T10:30", "2026-11-20 10:38 GMT"),  # 8 minutes late
        ("movement:2026-11-20T10:40", "2026-11-20 10:40 GMT"),
        ("water:2026-11-20T10:45", "2026-11-20 10:45 GMT"),
    ]
    assert sim.missed == [
        ("movement:2026-11-20T10:00", "2026-11-20 10:00 GMT"),
        ("water:2026-11-20T10:00", "2026-11-20 10:00 GMT"),
        ("water:2026-11-20T10:15", "2026-11-20 10:15 GMT"),
        ("movement:2026-11-20T10:20", "2026-11-20 10:20 GMT"),  # 18 minutes late
    ]


def test_a_morning_check_in_waits_up_to_three_hours() -> None:
    config = replace(ONE_WATER, checkin_enabled=True, water_start=time(13), water_end=time(13))
    sim = Sim(config, LONDON, at(LONDON, "2026-11-20 07:00"), reactions={"checkin": no_cramps})
    sim.suspend_until(at(LONDON, "2026-11-20 11:30"))
    sim.suspend_until(at(LONDON, "2026-11-21 07:00"))
    sim.suspend_until(at(LONDON, "2026-11-21 11:31"))
    assert sim.fired == [("checkin:2026-11-20", "2026-11-20 11:30 GMT")]
    assert sim.missed == [
        ("water:2026-11-20T13:00", "2026-11-20 13:00 GMT"),
        ("evening:2026-11-20", "2026-11-20 22:00 GMT"),
        ("checkin:2026-11-21", "2026-11-21 08:30 GMT"),
    ]


# --- DST -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "friday", "saturday_bedtime", "expected"),
    [
        pytest.param(
            LONDON,
            "2026-03-27",
            time(2, 0),  # reminder at 01:30, inside 01:00-02:00 that never happens
            [
                ("evening:2026-03-27", "2026-03-27 22:00 GMT"),
                ("water:2026-03-28T09:00", "2026-03-28 09:00 GMT"),
                ("evening:2026-03-28", "2026-03-29 02:00 BST"),  # the first instant after
                ("water:2026-03-29T09:00", "2026-03-29 09:00 BST"),
                ("evening:2026-03-29", "2026-03-29 22:00 BST"),
            ],
            id="london-spring-forward",
        ),
        pytest.param(
            LONDON,
            "2026-10-23",
            time(2, 0),  # reminder at 01:30, inside 01:00-02:00 that happens twice
            [
                ("evening:2026-10-23", "2026-10-23 22:00 BST"),
                ("water:2026-10-24T09:00", "2026-10-24 09:00 BST"),
                ("evening:2026-10-24", "2026-10-25 01:30 BST"),  # the first 01:30 only
                ("water:2026-10-25T09:00", "2026-10-25 09:00 GMT"),
                ("evening:2026-10-25", "2026-10-25 22:00 GMT"),
            ],
            id="london-fall-back",
        ),
        pytest.param(
            NEW_YORK,
            "2026-03-06",
            time(3, 0),  # reminder at 02:30, inside 02:00-03:00 that never happens
            [
                ("evening:2026-03-06", "2026-03-06 22:00 EST"),
                ("water:2026-03-07T09:00", "2026-03-07 09:00 EST"),
                ("evening:2026-03-07", "2026-03-08 03:00 EDT"),
                ("water:2026-03-08T09:00", "2026-03-08 09:00 EDT"),
                ("evening:2026-03-08", "2026-03-08 22:00 EDT"),
            ],
            id="new-york-spring-forward",
        ),
        pytest.param(
            NEW_YORK,
            "2026-10-30",
            time(2, 0),  # reminder at 01:30, inside 01:00-02:00 that happens twice
            [
                ("evening:2026-10-30", "2026-10-30 22:00 EDT"),
                ("water:2026-10-31T09:00", "2026-10-31 09:00 EDT"),
                ("evening:2026-10-31", "2026-11-01 01:30 EDT"),
                ("water:2026-11-01T09:00", "2026-11-01 09:00 EST"),
                ("evening:2026-11-01", "2026-11-01 22:00 EST"),
            ],
            id="new-york-fall-back",
        ),
    ],
)
@pytest.mark.parametrize("step", [None, MIN], ids=["jump", "tick"])
def test_night_owl_reminder_in_the_dst_hour_fires_once_at_the_right_local_time(
    tz: ZoneInfo,
    friday: str,
    saturday_bedtime: time,
    expected: list[tuple[str, str]],
    step: timedelta | None,
) -> None:
    config = replace(ONE_WATER, evening_followup_min=0, bedtimes=((5, saturday_bedtime),))
    monday = date.fromisoformat(friday) + timedelta(days=3)
    sim = Sim(config, tz, at(tz, f"{friday} 12:00"), step=step)
    sim.run_until(at(tz, f"{monday} 06:00"))
    assert sim.fired == expected
    assert sim.missed == []


@pytest.mark.parametrize(
    ("tz", "wall", "expected"),
    [
        (LONDON, "2026-03-29 01:30", "2026-03-29 01:00 UTC"),  # gap 01:00-02:00 GMT
        (LONDON, "2026-03-29 01:00", "2026-03-29 01:00 UTC"),
        (LONDON, "2026-03-29 02:30", "2026-03-29 01:30 UTC"),  # exists: 02:30 BST
        (LONDON, "2026-10-25 01:30", "2026-10-25 00:30 UTC"),  # 01:30 BST, not 01:30 GMT
        (NEW_YORK, "2026-03-08 02:30", "2026-03-08 07:00 UTC"),  # 03:00 EDT
        (NEW_YORK, "2026-03-08 01:59", "2026-03-08 06:59 UTC"),
        (NEW_YORK, "2026-11-01 01:30", "2026-11-01 05:30 UTC"),  # 01:30 EDT
        (ZoneInfo("Australia/Lord_Howe"), "2026-10-04 02:15", "2026-10-03 15:30 UTC"),
    ],
)
def test_resolving_wall_times(tz: ZoneInfo, wall: str, expected: str) -> None:
    naive = datetime.strptime(wall, "%Y-%m-%d %H:%M")
    assert local(resolve_wall_time(naive, tz), UTC) == expected


def test_resolving_needs_a_naive_time() -> None:
    with pytest.raises(ValueError):
        resolve_wall_time(datetime(2026, 1, 1, tzinfo=UTC), LONDON)


def test_after_the_first_0130_the_next_evening_is_tomorrow_even_with_no_state() -> None:
    """Even if the app forgot it had shown the reminder, the repeated hour brings no second."""
    config = ReminderConfig(bedtime=time(2, 0), evening_followup_min=0)
    after_first = at(LONDON, "2026-10-25 01:30") + MIN
    upcoming = next_occurrences(config, DayState(), after_first, LONDON)
    evening = [d for d in upcoming if d.kind is ReminderKind.EVENING]
    assert [(d.key, local(d.at, LONDON)) for d in evening] == [
        ("evening:2026-10-25", "2026-10-26 01:30 GMT")
    ]


def test_water_slots_lost_in_a_dst_gap_coalesce_into_one() -> None:
    config = ReminderConfig(bedtime=time(4, 0), water_interval_min=15, water_start=time(0, 0))
    window = occurrences_between(
        config,
        DayState(),
        at(NEW_YORK, "2026-03-08 01:50"),
        at(NEW_YORK, "2026-03-08 03:05"),
        NEW_YORK,
    )
    keys = [d.key for d in window if d.kind is ReminderKind.WATER]
    assert keys == [f"water:2026-03-08T{t}" for t in ("02:00", "02:15", "02:30", "02:45", "03:00")]
    assert {local(d.at, NEW_YORK) for d in window if d.kind is ReminderKind.WATER} == {
        "2026-03-08 03:00 EDT"
    }
    result = triage(window, at(NEW_YORK, "2026-03-08 03:00"))
    assert [d.key for d in result.fire] == ["water:2026-03-08T03:00"]
    assert len(result.missed) == 4


# --- time-zone change ------------------------------------------------------------------


def test_flying_west_keeps_wall_times_and_shows_each_key_once() -> None:
    sim = Sim(
        replace(ONE_WATER, checkin_enabled=True, evening_followup_min=0),
        LONDON,
        at(LONDON, "2026-11-16 12:00"),
        reactions={"checkin": no_cramps},
    )
    sim.run_until(at(LONDON, "2026-11-18 11:00"))
    sim.tz = NEW_YORK  # lands at 06:00 local, same Wednesday
    sim.look()
    sim.run_until(at(NEW_YORK, "2026-11-20 08:00"))
    assert sim.fired == [
        ("evening:2026-11-16", "2026-11-16 22:00 GMT"),
        ("checkin:2026-11-17", "2026-11-17 08:30 GMT"),
        ("water:2026-11-17T09:00", "2026-11-17 09:00 GMT"),
        ("evening:2026-11-17", "2026-11-17 22:00 GMT"),
        ("checkin:2026-11-18", "2026-11-18 08:30 GMT"),
        ("water:2026-11-18T09:00", "2026-11-18 09:00 GMT"),
        # in New York the day's 08:30 and 09:00 come round again: already done, not repeated
        ("evening:2026-11-18", "2026-11-18 22:00 EST"),
        ("checkin:2026-11-19", "2026-11-19 08:30 EST"),
        ("water:2026-11-19T09:00", "2026-11-19 09:00 EST"),
        ("evening:2026-11-19", "2026-11-19 22:00 EST"),
    ]


def test_flying_east_skips_an_evening_already_past_in_the_new_zone() -> None:
    sim = Sim(
        replace(ONE_WATER, evening_followup_min=0), NEW_YORK, at(NEW_YORK, "2026-11-17 12:00")
    )
    sim.run_until(at(NEW_YORK, "2026-11-18 20:00"))
    sim.tz = LONDON  # lands at 01:00 local on Thursday: Wednesday's 22:00 is gone
    sim.look()
    sim.run_until(at(LONDON, "2026-11-19 23:00"))
    assert sim.fired == [
        ("evening:2026-11-17", "2026-11-17 22:00 EST"),
        ("water:2026-11-18T09:00", "2026-11-18 09:00 EST"),
        ("water:2026-11-19T09:00", "2026-11-19 09:00 GMT"),
        ("evening:2026-11-19", "2026-11-19 22:00 GMT"),
    ]
    assert sim.missed == []


# --- hydration -------------------------------------------------------------------------


def test_water_nudges_stop_at_the_goal_and_start_again_the_next_day() -> None:
    config = ReminderConfig(
        water_interval_min=60,
        water_goal_ml=1250,
        checkin_enabled=False,
        evening_weekdays=frozenset({6}),
    )
    sim = Sim(config, LONDON, at(LONDON, "2026-11-16 08:00"), reactions={"water": one_glass})
    sim.run_until(at(LONDON, "2026-11-16 10:30"))
    # a glass logged from the tray or the command line counts too
    sim.act(lambda state, now: state.drank(night_of(now.astimezone(LONDON)), 500))
    sim.run_until(at(LONDON, "2026-11-17 10:30"))
    assert sim.fired == [
        *water("2026-11-16", "09:00", "10:00", "11:00", zone="GMT"),  # 250+250+500+250
        *water("2026-11-17", "09:00", "10:00", zone="GMT"),
    ]
    assert sim.state.water_day == "2026-11-17" and sim.state.water_ml == 500


def test_water_window_ends_two_hours_before_each_days_bedtime() -> None:
    config = ReminderConfig(water_interval_min=60, bedtimes=((4, time(0, 30)), (5, time(21, 0))))
    days = {}
    for day in ("2026-11-19", "2026-11-20", "2026-11-21"):  # Thu, Fri (00:30), Sat (21:00)
        found = occurrences_between(
            config,
            DayState(),
            at(LONDON, f"{day} 06:00"),
            at(LONDON, f"{day} 06:00") + timedelta(days=1),
            LONDON,
        )
        days[day] = [d.key[-5:] for d in found if d.kind is ReminderKind.WATER][-1]
    assert days == {"2026-11-19": "20:00", "2026-11-20": "22:00", "2026-11-21": "19:00"}


def test_movement_breaks_run_through_the_water_window_when_enabled() -> None:
    config = ReminderConfig(
        movement_enabled=True, movement_interval_min=120, water_start=time(9), water_end=time(15)
    )
    found = occurrences_between(
        config, DayState(), at(LONDON, "2026-11-16 06:00"), at(LONDON, "2026-11-16 18:00"), LONDON
    )
    assert [d.key for d in found if d.kind is ReminderKind.MOVEMENT] == [
        "movement:2026-11-16T11:00",
        "movement:2026-11-16T13:00",
        "movement:2026-11-16T15:00",
    ]
    assert not [
        d
        for d in occurrences_between(
            ReminderConfig(),
            DayState(),
            at(LONDON, "2026-11-16 06:00"),
            at(LONDON, "2026-11-17 06:00"),
            LONDON,
        )
        if d.kind is ReminderKind.MOVEMENT
    ]


# --- pause -----------------------------------------------------------------------------


def test_pause_for_one_hour_drops_daytime_nudges_and_resumes() -> None:
    config = ReminderConfig(water_interval_min=60, checkin_enabled=False)
    sim = Sim(config, LONDON, at(LONDON, "2026-11-16 08:00"))
    sim.run_until(at(LONDON, "2026-11-16 10:15"))
    sim.act(lambda state, now: state.paused(now, now + timedelta(hours=1)))
    sim.run_until(at(LONDON, "2026-11-16 12:30"))
    assert sim.fired == water("2026-11-16", "09:00", "10:00", "12:00", zone="GMT")
    assert sim.missed == []  # a pause is wanted: nothing is "missed"


def test_pause_over_the_evening_reminder_holds_it_to_the_end_of_the_pause() -> None:
    config = replace(ONE_WATER, water_start=time(10), water_end=time(10))
    sim = Sim(config, LONDON, at(LONDON, "2026-11-16 21:40"))
    sim.act(lambda state, now: state.paused(now, now + timedelta(hours=1)))  # a phone call
    sim.run_until(at(LONDON, "2026-11-17 00:00"))
    assert sim.fired == [
        ("evening:2026-11-16", "2026-11-16 22:40 GMT"),
        ("evening-followup:2026-11-16", "2026-11-16 23:00 GMT"),
    ]


def test_resuming_early_shows_what_is_still_within_grace() -> None:
    config = replace(ONE_WATER, water_start=time(10), water_end=time(10))
    sim = Sim(config, LONDON, at(LONDON, "2026-11-16 21:40"), reactions={"evening": close})
    sim.act(lambda state, now: state.paused(now, now + timedelta(hours=3)))
    sim.run_until(at(LONDON, "2026-11-16 22:15"))
    sim.resume()
    sim.run_until(at(LONDON, "2026-11-17 00:00"))
    assert sim.fired == [("evening:2026-11-16", "2026-11-16 22:15 GMT")]


def test_pause_until_tomorrow_silences_tonight_and_wakes_at_six() -> None:
    sim = Sim(ReminderConfig(), LONDON, at(LONDON, "2026-11-16 14:00"))
    until = pause_until_tomorrow(sim.now, LONDON)
    assert local(until, LONDON) == "2026-11-17 06:00 GMT"
    sim.act(lambda state, now: state.paused(now, until))
    sim.run_until(at(LONDON, "2026-11-17 10:00"))
    assert sim.fired == [
        ("checkin:2026-11-17", "2026-11-17 08:30 GMT"),
        *water("2026-11-17", "09:00", zone="GMT"),
    ]
    assert sim.missed == []


def test_pause_until_tomorrow_after_midnight_means_this_morning() -> None:
    assert local(pause_until_tomorrow(at(LONDON, "2026-11-17 01:30"), LONDON), LONDON) == (
        "2026-11-17 06:00 GMT"
    )
    assert local(pause_until_tomorrow(at(NEW_YORK, "2026-03-07 23:00"), NEW_YORK), NEW_YORK) == (
        "2026-03-08 06:00 EDT"
    )


def test_a_pause_with_unknown_start_drops_everything_before_its_end() -> None:
    state = DayState(paused_until=at(LONDON, "2026-11-16 22:30"))
    found = occurrences_between(
        ONE_WATER, state, at(LONDON, "2026-11-16 12:00"), at(LONDON, "2026-11-17 00:00"), LONDON
    )
    assert found == []


# --- snooze, skip, done ----------------------------------------------------------------


def test_in_ten_minutes_shows_it_again_and_the_follow_up_counts_from_then() -> None:
    config = replace(ONE_WATER, water_start=time(10), water_end=time(10))
    sim = Sim(
        config,
        LONDON,
        at(LONDON, "2026-11-16 21:00"),
        reactions={
            "evening:2026-11-16": snooze(10),
            "evening-followup:2026-11-16": close,
        },
    )
    sim.run_until(at(LONDON, "2026-11-17 00:00"))
    assert sim.fired == [
        ("evening:2026-11-16", "2026-11-16 22:00 GMT"),
        ("evening-snooze:2026-11-16@22:10+00:00", "2026-11-16 22:10 GMT"),  # ignored
        ("evening-followup:2026-11-16", "2026-11-16 22:30 GMT"),
    ]


def test_snoozing_the_follow_up_brings_it_back_once_without_another_follow_up() -> None:
    config = replace(ONE_WATER, water_start=time(10), water_end=time(10))
    sim = Sim(
        config,
        LONDON,
        at(LONDON, "2026-11-16 21:00"),
        reactions={"evening-followup:2026-11-16": snooze(10)},
    )
    sim.run_until(at(LONDON, "2026-11-17 03:00"))
    assert sim.fired == [
        ("evening:2026-11-16", "2026-11-16 22:00 GMT"),
        ("evening-followup:2026-11-16", "2026-11-16 22:20 GMT"),
        ("evening-snooze:2026-11-16@22:30+00:00", "2026-11-16 22:30 GMT"),
    ]


def test_skip_tonight_cancels_the_follow_up_but_not_tomorrow() -> None:
    config = replace(ONE_WATER, water_start=time(10), water_end=time(10))
    sim = Sim(config, LONDON, at(LONDON, "2026-11-16 21:00"), reactions={"evening": close})
    sim.run_until(at(LONDON, "2026-11-17 09:59"))
    sim.reactions = {}
    sim.run_until(at(LONDON, "2026-11-17 23:59"))
    assert sim.fired == [
        ("evening:2026-11-16", "2026-11-16 22:00 GMT"),  # skipped: no follow-up
        ("water:2026-11-17T10:00", "2026-11-17 10:00 GMT"),
        ("evening:2026-11-17", "2026-11-17 22:00 GMT"),  # ignored: the follow-up comes
        ("evening-followup:2026-11-17", "2026-11-17 22:20 GMT"),
    ]


def test_routine_done_before_the_reminder_means_no_reminder_tonight() -> None:
    config = replace(ONE_WATER, water_start=time(10), water_end=time(10))
    sim = Sim(config, LONDON, at(LONDON, "2026-11-16 20:00"))
    sim.act(lambda state, now: state.closed(night_of(now.astimezone(LONDON))))
    sim.run_until(at(LONDON, "2026-11-17 09:59"))
    assert sim.fired == []


def test_yesterdays_state_never_silences_tonight() -> None:
    stale = DayState(night="2026-11-15", evening_closed=True, water_day="2026-11-15", water_ml=9000)
    found = occurrences_between(
        ReminderConfig(),
        stale,
        at(LONDON, "2026-11-16 06:00"),
        at(LONDON, "2026-11-17 06:00"),
        LONDON,
    )
    assert "evening:2026-11-16" in [d.key for d in found]
    assert len([d for d in found if d.kind is ReminderKind.WATER]) == 8


# --- night owls and weekdays -----------------------------------------------------------


def test_a_night_owl_bedtime_belongs_to_the_evening_before() -> None:
    config = replace(ONE_WATER, bedtime=time(1, 30), evening_weekdays=frozenset({4}))  # Fri
    sim = Sim(config, LONDON, at(LONDON, "2026-11-16 12:00"), reactions={"evening": close})
    sim.run_until(at(LONDON, "2026-11-23 12:00"))
    evenings = [f for f in sim.fired if f[0].startswith("evening")]
    assert evenings == [("evening:2026-11-20", "2026-11-21 01:00 GMT")]  # Friday night, Sat 01:00


def test_per_weekday_bedtimes_and_zero_lead() -> None:
    config = ReminderConfig(
        bedtimes=((4, time(23, 45)), (6, time(21, 0))), evening_lead_min=0, evening_followup_min=0
    )
    found = occurrences_between(
        config, DayState(), at(LONDON, "2026-11-19 12:00"), at(LONDON, "2026-11-23 12:00"), LONDON
    )
    assert [(d.key, local(d.at, LONDON)) for d in found if d.kind is ReminderKind.EVENING] == [
        ("evening:2026-11-19", "2026-11-19 22:30 GMT"),
        ("evening:2026-11-20", "2026-11-20 23:45 GMT"),
        ("evening:2026-11-21", "2026-11-21 22:30 GMT"),
        ("evening:2026-11-22", "2026-11-22 21:00 GMT"),
    ]


def test_check_in_is_skipped_once_last_night_was_answered() -> None:
    answered = DayState(checkin_night="2026-11-16")
    found = occurrences_between(
        ReminderConfig(),
        answered,
        at(LONDON, "2026-11-17 00:00"),
        at(LONDON, "2026-11-18 12:00"),
        LONDON,
    )
    checkins = [(d.key, d.night) for d in found if d.kind is ReminderKind.CHECKIN]
    assert checkins == [("checkin:2026-11-18", "2026-11-17")]
    assert answered.checked_in("2026-11-15") is answered


def test_check_in_can_be_turned_off() -> None:
    found = occurrences_between(
        replace(ReminderConfig(), checkin_enabled=False),
        DayState(),
        at(LONDON, "2026-11-17 00:00"),
        at(LONDON, "2026-11-18 12:00"),
        LONDON,
    )
    assert not [d for d in found if d.kind is ReminderKind.CHECKIN]


def test_evening_and_water_reminders_can_each_be_turned_off() -> None:
    def kinds(config: ReminderConfig) -> set[ReminderKind]:
        found = occurrences_between(
            config,
            DayState(),
            at(LONDON, "2026-11-17 00:00"),
            at(LONDON, "2026-11-18 12:00"),
            LONDON,
        )
        return {d.kind for d in found}

    assert kinds(ReminderConfig()) == {
        ReminderKind.EVENING,
        ReminderKind.WATER,
        ReminderKind.CHECKIN,
    }
    assert kinds(replace(ReminderConfig(), evening_enabled=False)) == {
        ReminderKind.WATER,
        ReminderKind.CHECKIN,
    }
    assert kinds(replace(ReminderConfig(), water_enabled=False)) == {
        ReminderKind.EVENING,
        ReminderKind.CHECKIN,
    }


# --- the pieces ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "late_min", "verdict"),
    [
        (ReminderKind.EVENING, 0, "fire"),
        (ReminderKind.EVENING, 60, "fire"),
        (ReminderKind.EVENING, 61, "missed"),
        (ReminderKind.FOLLOWUP, 61, "missed"),
        (ReminderKind.WATER, 10, "fire"),
        (ReminderKind.WATER, 11, "missed"),
        (ReminderKind.MOVEMENT, 10, "fire"),
        (ReminderKind.MOVEMENT, 11, "missed"),
        (ReminderKind.CHECKIN, 180, "fire"),
        (ReminderKind.CHECKIN, 181, "missed"),
    ],
)
def test_grace_per_kind(kind: ReminderKind, late_min: int, verdict: str) -> None:
    due = Due(kind, datetime(2026, 11, 16, 22, tzinfo=UTC), "k", "2026-11-16")
    assert classify_missed(due, due.at + timedelta(minutes=late_min)) == verdict


def test_grace_table_covers_every_kind() -> None:
    assert set(GRACE) == set(ReminderKind)


def test_a_reminder_not_yet_due_cannot_be_classified() -> None:
    due = Due(ReminderKind.WATER, datetime(2026, 11, 16, 9, tzinfo=UTC), "k", "2026-11-16")
    with pytest.raises(ValueError, match="not due"):
        classify_missed(due, due.at - timedelta(seconds=1))


def test_triage_keeps_the_newest_of_a_kind_and_keeps_kinds_apart() -> None:
    base = datetime(2026, 11, 16, 10, tzinfo=UTC)
    dues = [
        Due(ReminderKind.WATER, base, "water:a", "d"),
        Due(ReminderKind.WATER, base + 5 * MIN, "water:b", "d"),
        Due(ReminderKind.MOVEMENT, base + 5 * MIN, "movement:a", "d"),
        Due(ReminderKind.CHECKIN, base - timedelta(hours=4), "checkin:a", "d"),
    ]
    result = triage(reversed(dues), base + 9 * MIN)
    assert [d.key for d in result.fire] == ["movement:a", "water:b"]
    assert [d.key for d in result.missed] == ["checkin:a", "water:a"]


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_occurrences(ReminderConfig(), DayState(), datetime(2026, 11, 16, 12), LONDON)


def test_next_occurrences_gives_one_per_kind_in_time_order() -> None:
    config = ReminderConfig(movement_enabled=True)
    upcoming = next_occurrences(config, DayState(), at(LONDON, "2026-11-16 21:00"), LONDON)
    assert [(d.key, local(d.at, LONDON)) for d in upcoming] == [
        ("evening:2026-11-16", "2026-11-16 22:00 GMT"),
        ("checkin:2026-11-17", "2026-11-17 08:30 GMT"),
        ("water:2026-11-17T09:00", "2026-11-17 09:00 GMT"),
        ("movement:2026-11-17T10:00", "2026-11-17 10:00 GMT"),
    ]
    assert all(d.at.tzinfo is UTC for d in upcoming)


def test_nothing_upcoming_when_nothing_can_happen() -> None:
    config = ReminderConfig(
        evening_weekdays=frozenset(), checkin_enabled=False, water_start=time(23), water_end=time(1)
    )
    assert next_occurrences(config, DayState(), at(LONDON, "2026-11-16 12:00"), LONDON) == []
    assert (
        occurrences_between(
            config,
            DayState(),
            at(LONDON, "2026-11-16 12:00"),
            at(LONDON, "2026-11-16 11:00"),
            LONDON,
        )
        == []
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"water_interval_min": 0},
        {"movement_interval_min": -5},
        {"evening_lead_min": -1},
        {"evening_followup_min": -1},
        {"evening_weekdays": frozenset({7})},
    ],
)
def test_config_guards_against_endless_loops(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ReminderConfig(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["25:00", "24:00", "9:00", "09:60", "0900", " 09:00", ""])
def test_clock_times_are_strict(text: str) -> None:
    with pytest.raises(ValueError):
        parse_clock_time(text)


def test_clock_time_edges() -> None:
    assert parse_clock_time("00:00") == time(0, 0)
    assert parse_clock_time("23:59") == time(23, 59)


def test_a_snooze_is_kept_however_far_it_reaches() -> None:
    """The planner honours a snooze of its own night even days later (it never drops one)."""
    until = at(LONDON, "2026-11-16 22:10")
    state = DayState(night="2026-11-13", evening_shown_at=at(LONDON, "2026-11-13 22:00")).snoozed(
        "2026-11-13", until
    )
    found = occurrences_between(ONE_WATER, state, until - MIN, until, LONDON)
    assert [d.key for d in found] == ["evening-snooze:2026-11-13@22:10+00:00"]
