"""The reminder protocol without Qt: every answer on every kind, looks, facts, and replay.

The replay tests play a night live (planner, look, answers, as the service does) and then
rebuild the state from nothing but the logbook lines it wrote: the two must be equal, or a
restart would forget an answer or show a reminder twice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from nightstretch.core.reminder_protocol import (
    ANSWERS,
    CountWater,
    Effect,
    Facts,
    LogEvent,
    Logged,
    OpenCrampForm,
    Preferences,
    Refused,
    ReminderState,
    SaveCheckin,
    SaveSession,
    SaveWater,
    Show,
    StartRoutine,
    Step,
    Withdraw,
    answer,
    check_in,
    close_night,
    count_water,
    look,
    read_line,
    replay,
    schedule,
    settle,
    upcoming,
    water_day,
)
from nightstretch.core.reminders import (
    DayState,
    Due,
    ReminderAction,
    ReminderConfig,
    ReminderKind,
    Triage,
    catch_up,
    next_occurrences,
)

LONDON = ZoneInfo("Europe/London")
PREFS = Preferences(evening_routine="pre-bed-calf", glass_ml=300, water_goal_ml=600)
NOW = datetime(2026, 11, 23, 22, 5, tzinfo=LONDON)
AT = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)

KEYS = {
    ReminderKind.EVENING: "evening:2026-11-23",
    ReminderKind.FOLLOWUP: "evening-followup:2026-11-23",
    ReminderKind.WATER: "water:2026-11-23T21:00",
    ReminderKind.CHECKIN: "checkin:2026-11-24",
    ReminderKind.MOVEMENT: "movement:2026-11-23T21:00",
}
NIGHTS = {ReminderKind.CHECKIN: "2026-11-23"}


def due(kind: ReminderKind, key: str = "") -> Due:
    return Due(kind, AT, key or KEYS[kind], NIGHTS.get(kind, "2026-11-23"))


def showing(*dues: Due) -> ReminderState:
    return ReminderState(seen=frozenset(d.key for d in dues), showing=tuple(dues))


def expected_event(kind: ReminderKind, action: ReminderAction) -> LogEvent:
    events: dict[ReminderAction, LogEvent] = {
        ReminderAction.START_NOW: "started",
        ReminderAction.SNOOZE: "snoozed",
        ReminderAction.SKIP: "skipped",
        ReminderAction.ALREADY_DONE: "done",
        ReminderAction.GLASS: "done",
        ReminderAction.LATER: "snoozed",
        ReminderAction.DISMISS: "done" if kind is ReminderKind.MOVEMENT else "skipped",
        ReminderAction.NO_CRAMPS: "done",
        ReminderAction.LOG_CRAMP: "started",
        ReminderAction.IGNORED: "ignored",
    }
    return events[action]


# -- answers: every action on every kind, showing or not --------------------------------


@pytest.mark.parametrize("on_screen", [True, False], ids=["showing", "read-from-key"])
@pytest.mark.parametrize("action", list(ReminderAction))
@pytest.mark.parametrize("kind", list(ReminderKind))
def test_every_answer_on_every_kind(
    kind: ReminderKind, action: ReminderAction, on_screen: bool
) -> None:
    state = showing(due(kind)) if on_screen else ReminderState()
    step = answer(state, KEYS[kind], action, NOW, PREFS)
    if action not in ANSWERS[kind] and action is not ReminderAction.IGNORED:
        assert step == Refused(f"answer {action} does not apply to {KEYS[kind]}; ignored")
        return
    assert isinstance(step, Step)
    logged = [e for e in step.effects if isinstance(e, Logged)]
    assert logged == [Logged(kind, expected_event(kind, action), KEYS[kind], NOW)]
    assert step.state.showing == ()
    assert step.state.seen == state.seen  # answering is no reason to show it again or not


def test_an_unknown_key_is_refused_and_changes_nothing() -> None:
    state = showing(due(ReminderKind.EVENING))
    assert answer(state, "nonsense", ReminderAction.SKIP, NOW, PREFS) == Refused(
        "answer skip to an unknown reminder 'nonsense' ignored"
    )


def test_a_showing_due_is_answered_by_its_own_night_even_with_an_odd_name() -> None:
    odd = Due(ReminderKind.EVENING, AT, "evening:tonight", "2026-11-23")
    step = answer(showing(odd), "evening:tonight", ReminderAction.SKIP, NOW, PREFS)
    assert isinstance(step, Step)
    assert step.state.plan.night == "2026-11-23" and step.state.plan.evening_closed


def test_in_ten_minutes_snoozes_tonight_from_the_moment_of_the_answer() -> None:
    step = answer(showing(due(ReminderKind.EVENING)), KEYS[ReminderKind.EVENING],
                  ReminderAction.SNOOZE, NOW, PREFS)  # fmt: skip
    assert isinstance(step, Step)
    assert step.state.plan.evening_snoozed_until == NOW + timedelta(minutes=10)
    assert step.state.plan.night == "2026-11-23" and not step.state.plan.evening_closed
    assert step.effects == (
        Logged(ReminderKind.EVENING, "snoozed", KEYS[ReminderKind.EVENING], NOW),
    )


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        (ReminderAction.SKIP, (), ()),
        (ReminderAction.ALREADY_DONE, (SaveSession("pre-bed-calf", NOW),), ()),
        (ReminderAction.START_NOW, (), (StartRoutine("pre-bed-calf"),)),
    ],
)
def test_closing_answers_end_tonight_and_take_tonights_other_card_away(
    action: ReminderAction, before: tuple[Effect, ...], after: tuple[Effect, ...]
) -> None:
    followup, evening = due(ReminderKind.FOLLOWUP), due(ReminderKind.EVENING)
    tomorrow = Due(ReminderKind.EVENING, AT, "evening:2026-11-24", "2026-11-24")
    water = due(ReminderKind.WATER)
    state = showing(evening, followup, tomorrow, water)
    step = answer(state, followup.key, action, NOW, PREFS)
    assert isinstance(step, Step)
    event = expected_event(ReminderKind.FOLLOWUP, action)
    assert step.effects == (
        *before,
        Logged(ReminderKind.FOLLOWUP, event, followup.key, NOW),
        Withdraw(evening.key),
        *after,
    )
    assert step.state.plan.night == "2026-11-23" and step.state.plan.evening_closed
    assert step.state.showing == (tomorrow, water)


def test_a_glass_is_saved_logged_and_counted_for_the_water_day() -> None:
    after_midnight = datetime(2026, 11, 24, 1, 0, tzinfo=LONDON)  # still the 23rd's day
    water = due(ReminderKind.WATER)
    step = answer(showing(water), water.key, ReminderAction.GLASS, after_midnight, PREFS)
    assert isinstance(step, Step)
    assert step.effects == (
        SaveWater(300, after_midnight),
        Logged(ReminderKind.WATER, "done", water.key, after_midnight),
        CountWater("2026-11-23", 300),
    )
    assert step.state.plan == DayState()  # the total is the water table's, counted next


def test_no_cramps_saves_last_nights_check_in_and_takes_older_ones_away() -> None:
    older = Due(ReminderKind.CHECKIN, AT, "checkin:2026-11-23", "2026-11-22")
    today = due(ReminderKind.CHECKIN)
    step = answer(showing(older, today), today.key, ReminderAction.NO_CRAMPS, NOW, PREFS)
    assert isinstance(step, Step)
    assert step.effects == (
        SaveCheckin("2026-11-23", NOW),
        Logged(ReminderKind.CHECKIN, "done", today.key, NOW),
        Withdraw(older.key),
    )
    assert step.state.plan.checkin_night == "2026-11-23" and step.state.showing == ()


def test_log_a_cramp_opens_the_form_and_saves_nothing_yet() -> None:
    checkin = due(ReminderKind.CHECKIN)
    step = answer(showing(checkin), checkin.key, ReminderAction.LOG_CRAMP, NOW, PREFS)
    assert isinstance(step, Step)
    assert step.effects == (
        Logged(ReminderKind.CHECKIN, "started", checkin.key, NOW),
        OpenCrampForm(),
    )
    assert step.state.plan == DayState()


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_ignored_later_and_dismiss_only_log(kind: ReminderKind) -> None:
    for action in (ReminderAction.IGNORED, ReminderAction.LATER, ReminderAction.DISMISS):
        if action is not ReminderAction.IGNORED and action not in ANSWERS[kind]:
            continue
        step = answer(showing(due(kind)), KEYS[kind], action, NOW, PREFS)
        assert isinstance(step, Step)
        assert [type(e) for e in step.effects] == [Logged]
        assert step.state == ReminderState(seen=frozenset({KEYS[kind]}))


# -- looks and arming ----------------------------------------------------------------------


def test_a_look_logs_missed_once_shows_new_ones_once_and_keeps_them_in_order() -> None:
    water, evening = due(ReminderKind.WATER), due(ReminderKind.EVENING)
    later = replace(evening, at=AT + timedelta(minutes=1))
    missed = Due(ReminderKind.CHECKIN, AT - timedelta(hours=14), "checkin:2026-11-23", "x")
    found = Triage(fire=(water, later), missed=(missed,))
    step = look(ReminderState(), found, AT)
    assert step.effects == (
        Logged(ReminderKind.CHECKIN, "missed", missed.key, AT),
        Logged(ReminderKind.WATER, "shown", water.key, AT),
        Show(water),
        Logged(ReminderKind.EVENING, "shown", later.key, AT),
        Show(later),
    )
    assert step.state.showing == (water, later)
    assert step.state.plan.evening_shown_at == AT
    assert step.state.seen == {water.key, later.key, missed.key}
    again = look(step.state, found, AT + timedelta(minutes=5))
    assert again == Step(step.state)


def test_a_look_ends_a_pause_that_ran_out_and_keeps_one_that_did_not() -> None:
    paused = ReminderState(DayState().paused(AT - timedelta(hours=1), AT))
    assert look(paused, Triage((), ()), AT - timedelta(seconds=1)).state == paused
    assert look(paused, Triage((), ()), AT).state.plan.paused_until is None


def test_scheduled_is_logged_once_per_key_and_upcoming_skips_what_was_seen() -> None:
    evening, water = due(ReminderKind.EVENING), due(ReminderKind.WATER)
    first = schedule(ReminderState(), evening, AT)
    assert first.effects == (Logged(ReminderKind.EVENING, "scheduled", evening.key, AT),)
    assert schedule(first.state, evening, AT + timedelta(minutes=1)) == Step(first.state)
    seen = ReminderState(seen=frozenset({evening.key}))
    assert upcoming(seen, [evening, water]) == water
    assert upcoming(seen, [evening]) is None


# -- facts from elsewhere ----------------------------------------------------------------


def test_water_counted_below_the_goal_keeps_the_nudge_and_at_the_goal_takes_it_away() -> None:
    water = due(ReminderKind.WATER)
    other_day = Due(ReminderKind.WATER, AT, "water:2026-11-22T21:00", "2026-11-22")
    state = showing(water, other_day)
    below = count_water(state, "2026-11-23", 300, 600)
    assert below.effects == () and below.state.plan.water_ml == 300
    met = count_water(state, "2026-11-23", 600, 600)
    assert met.effects == (Withdraw(water.key),) and met.state.showing == (other_day,)
    every = count_water(state, "2026-11-23", 600, 600, any_day=True)
    assert every.effects == (Withdraw(water.key), Withdraw(other_day.key))


def test_a_check_in_answered_takes_away_that_nights_and_older_questions_only() -> None:
    older = Due(ReminderKind.CHECKIN, AT, "checkin:2026-11-23", "2026-11-22")
    newer = Due(ReminderKind.CHECKIN, AT, "checkin:2026-11-25", "2026-11-24")
    step = check_in(showing(older, newer), "2026-11-23")
    assert step.effects == (Withdraw(older.key),) and step.state.showing == (newer,)


def test_closing_a_night_leaves_other_nights_alone() -> None:
    tomorrow = Due(ReminderKind.EVENING, AT, "evening:2026-11-24", "2026-11-24")
    step = close_night(showing(tomorrow), "2026-11-23")
    assert step.effects == () and step.state.plan.evening_closed


def test_settle_folds_in_a_routine_water_and_a_check_in_written_elsewhere() -> None:
    evening, water, checkin = (
        due(ReminderKind.EVENING),
        due(ReminderKind.WATER),
        due(ReminderKind.CHECKIN),
    )
    state = showing(evening, water, checkin)
    facts = Facts("2026-11-23", evening_done=True, water_ml=600, last_checkin="2026-11-23")
    step = settle(state, facts, 600)
    assert step.effects == (Withdraw(evening.key), Withdraw(water.key), Withdraw(checkin.key))
    plan = step.state.plan
    assert (plan.evening_closed, plan.water_day, plan.water_ml, plan.checkin_night) == (
        True,
        "2026-11-23",
        600,
        "2026-11-23",
    )
    assert settle(step.state, facts, 600) == Step(step.state)  # nothing new: nothing happens


def test_settle_with_nothing_written_only_notes_the_days_water() -> None:
    facts = Facts("2026-11-23", evening_done=False, water_ml=0, last_checkin=None)
    step = settle(ReminderState(), facts, 600)
    assert step == Step(ReminderState(DayState(water_day="2026-11-23")))


def test_the_water_day_turns_at_six() -> None:
    assert water_day(datetime(2026, 11, 24, 5, 59, tzinfo=LONDON)) == "2026-11-23"
    assert water_day(datetime(2026, 11, 24, 6, 0, tzinfo=LONDON)) == "2026-11-24"


# -- replay ------------------------------------------------------------------------------


def test_logbook_rows_read_as_lines_only_when_their_key_is_known() -> None:
    assert read_line("shown", "evening:2026-11-23", AT) == Logged(
        ReminderKind.EVENING, "shown", "evening:2026-11-23", AT
    )
    assert read_line("shown", "evening-followup:2026-11-23", AT) == Logged(
        ReminderKind.FOLLOWUP, "shown", "evening-followup:2026-11-23", AT
    )
    assert read_line("shown", None, AT) is None
    assert read_line("shown", "bogus", AT) is None


def test_replay_keeps_only_tonights_evening_answers() -> None:
    yesterday = "evening:2026-11-22"
    lines = [
        Logged(ReminderKind.EVENING, "scheduled", yesterday, AT - timedelta(days=1, hours=1)),
        Logged(ReminderKind.EVENING, "skipped", yesterday, AT - timedelta(days=1)),
        Logged(ReminderKind.EVENING, "shown", KEYS[ReminderKind.EVENING], AT),
        Logged(ReminderKind.EVENING, "skipped", "evening:someday", AT),  # seen, nothing more
    ]
    state = replay(lines, "2026-11-23")
    assert state.seen == {yesterday, KEYS[ReminderKind.EVENING], "evening:someday"}
    assert state.scheduled == {yesterday}
    assert state.plan == DayState(night="2026-11-23", evening_shown_at=AT)
    assert state.showing == ()


class Night:
    """The service's loop without Qt: plan, look, answer per script, arm, and keep the lines."""

    def __init__(self, config: ReminderConfig, start: datetime) -> None:
        self.config, self.now, self.since = config, start, start
        self.state = ReminderState()
        self.lines: list[Logged] = []
        self.shown: list[str] = []

    def _run(self, step: Step | Refused) -> None:
        assert isinstance(step, Step)
        self.state = step.state
        self.lines += [e for e in step.effects if isinstance(e, Logged)]
        self.shown += [e.due.key for e in step.effects if isinstance(e, Show)]

    def _arm(self) -> Due | None:
        nxt = upcoming(self.state, next_occurrences(self.config, self.state.plan, self.now, LONDON))
        if nxt is not None:
            self._run(schedule(self.state, nxt, self.now))
        return nxt

    def play(self, until: datetime, script: dict[str, ReminderAction]) -> None:
        nxt = self._arm()
        while nxt is not None and nxt.at <= until:
            self.now = nxt.at
            self._run(
                look(
                    self.state,
                    catch_up(self.config, self.state.plan, self.since, self.now, LONDON),
                    self.now,
                )
            )
            self.since = self.now
            for shown in self.state.showing:
                action = script.get(shown.key, ReminderAction.IGNORED)
                local = (self.now + timedelta(seconds=90)).astimezone(LONDON)
                self._run(answer(self.state, shown.key, action, local, PREFS))
            nxt = self._arm()


EVENING_ONLY = ReminderConfig(water_enabled=False, checkin_enabled=False)
START = datetime(2026, 11, 23, 21, 0, tzinfo=LONDON)
SNOOZED = "evening-snooze:2026-11-23@22:11+00:00"


@pytest.mark.parametrize(
    ("script", "shown"),
    [
        ({}, ["evening:2026-11-23", "evening-followup:2026-11-23"]),
        ({"evening:2026-11-23": ReminderAction.SKIP}, ["evening:2026-11-23"]),
        ({"evening-followup:2026-11-23": ReminderAction.ALREADY_DONE},
         ["evening:2026-11-23", "evening-followup:2026-11-23"]),
        ({"evening:2026-11-23": ReminderAction.SNOOZE, SNOOZED: ReminderAction.START_NOW},
         ["evening:2026-11-23", SNOOZED]),
        ({"evening:2026-11-23": ReminderAction.SNOOZE, "evening-followup:2026-11-23":
          ReminderAction.SNOOZE},
         ["evening:2026-11-23", SNOOZED, "evening-followup:2026-11-23",
          "evening-snooze:2026-11-23@22:43+00:00"]),
    ],
    ids=["ignored", "skipped", "done-on-the-follow-up", "snoozed-then-started", "snoozed-twice"],
)  # fmt: skip
def test_replaying_the_lines_of_a_night_gives_the_state_reached_live(
    script: dict[str, ReminderAction], shown: list[str]
) -> None:
    night = Night(EVENING_ONLY, START)
    night.play(datetime(2026, 11, 24, 1, 0, tzinfo=LONDON), script)
    assert night.shown == shown
    assert night.state.showing == ()
    assert replay(night.lines, "2026-11-23") == night.state


def test_replaying_a_morning_of_check_in_and_water_answers() -> None:
    config = ReminderConfig(evening_enabled=False, water_interval_min=60)
    night = Night(config, datetime(2026, 11, 24, 8, 0, tzinfo=LONDON))
    night.play(
        datetime(2026, 11, 24, 11, 0, tzinfo=LONDON),
        {
            "checkin:2026-11-24": ReminderAction.NO_CRAMPS,
            "water:2026-11-24T09:00": ReminderAction.GLASS,
            "water:2026-11-24T10:00": ReminderAction.LATER,
        },
    )
    assert night.shown == [
        "checkin:2026-11-24",
        "water:2026-11-24T09:00",
        "water:2026-11-24T10:00",
        "water:2026-11-24T11:00",
    ]
    assert night.state.plan.checkin_night == "2026-11-23"
    assert replay(night.lines, "2026-11-24") == night.state


def test_a_replayed_state_plans_the_same_next_reminder() -> None:
    night = Night(EVENING_ONLY, START)
    night.play(
        datetime(2026, 11, 23, 22, 30, tzinfo=LONDON), {"evening:2026-11-23": ReminderAction.SNOOZE}
    )
    replayed = replay(night.lines, "2026-11-23")
    now = datetime(2026, 11, 23, 22, 30, tzinfo=LONDON)
    live = next_occurrences(EVENING_ONLY, night.state.plan, now, LONDON)
    assert next_occurrences(EVENING_ONLY, replayed.plan, now, LONDON) == live
    assert live[0].key == "evening-followup:2026-11-23"
    # shown 22:11:30 (answered 22:01:30, ten minutes on), so the follow-up is 20 minutes later
    assert live[0].at.astimezone(LONDON).time() == time(22, 31, 30)


# -- an evening cramp and the morning check-in (issue 12) ----------------------------------


def test_a_cramp_logged_in_the_evening_leaves_the_morning_check_in_open() -> None:
    from nightstretch.core.reminder_protocol import cramp_logged

    config = ReminderConfig(water_enabled=False, evening_enabled=False)
    evening = datetime(2026, 11, 23, 22, 40, tzinfo=LONDON)  # a fake clock, moved by hand
    night = water_day(evening)
    state = cramp_logged(ReminderState(), night, evening).state
    assert state.plan.checkin_night is None
    three_am = evening + timedelta(hours=4, minutes=20)
    state = cramp_logged(state, night, three_am).state  # still that night
    assert state.plan.checkin_night is None
    (checkin,) = next_occurrences(config, state.plan, three_am, LONDON)
    assert (checkin.key, checkin.night) == ("checkin:2026-11-24", night)

    morning = datetime(2026, 11, 24, 7, 15, tzinfo=LONDON)
    assert cramp_logged(state, night, morning).state.plan.checkin_night == night


def test_a_cramp_logged_from_the_check_in_answers_it_even_before_six() -> None:
    from nightstretch.core.reminder_protocol import checkin_key, cramp_logged

    early = datetime(2026, 11, 24, 5, 40, tzinfo=LONDON)  # check-in set to 05:30
    shown = replace(ReminderState(), seen=frozenset({checkin_key("2026-11-23")}))
    assert checkin_key("2026-11-23") == "checkin:2026-11-24"
    assert cramp_logged(shown, "2026-11-23", early).state.plan.checkin_night == "2026-11-23"


# -- the first start (issue 12) ------------------------------------------------------------


def test_what_fell_due_before_the_first_start_is_not_missed() -> None:
    from nightstretch.core.reminder_protocol import first_start

    config = ReminderConfig(water_interval_min=60, checkin_enabled=False)
    start = datetime(2026, 11, 23, 14, 5, tzinfo=LONDON)
    first = first_start([], 0, 0, start)
    assert first == start
    found = catch_up(config, DayState(), start - timedelta(hours=3), start, LONDON)
    assert [d.key for d in found.missed] == ["water:2026-11-23T12:00", "water:2026-11-23T13:00"]
    step = look(ReminderState(), found, start, first)
    assert [e.event for e in step.effects if isinstance(e, Logged)] == ["shown"]
    assert [e.due.key for e in step.effects if isinstance(e, Show)] == ["water:2026-11-23T14:00"]
    # Without a first start (a returning user) they are missed as before.
    before = look(ReminderState(), found, start)
    assert [e.event for e in before.effects if isinstance(e, Logged)] == [
        "missed",
        "missed",
        "shown",
    ]


def test_the_first_start_is_read_from_the_reminder_lines() -> None:
    from nightstretch.core.reminder_protocol import first_start

    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    times = [now - timedelta(minutes=50), now - timedelta(minutes=20)]
    assert first_start(times, 2, 2, now) == times[0]  # every line read: the earliest
    assert first_start(times, 2, 40, now) is None  # older lines exist: long ago
    assert first_start([], 0, 0, now) == now  # none at all: this is the first start
