"""The reminder protocol: what a look shows, what an answer does, and what a logbook replays to.

``core/reminders.py`` plans *when* reminders fall due; this module is the rest of their
life, in ``core/player.py``'s style: a frozen ``ReminderState``, time passed in, and each
step returning the next state with the effects the Qt side carries out, in order:

``Logged``
    a line for the logbook's reminder history (what ``nightstretch history --reminders``
    lists and what ``replay`` reads back at the next start);
``Show`` / ``Withdraw``
    a reminder for the card or notification, or one to take away unanswered;
``SaveSession`` / ``SaveWater`` / ``SaveCheckin``
    a fact the user asked to record. They come first: when one cannot be saved the
    caller keeps the old state and drops the remaining effects, so nothing says
    "done" that is not in the logbook;
``CountWater``
    count water logged for a day: the total lives in the logbook's water table, which the
    caller reads, and ``count_water`` then decides;
``StartRoutine`` / ``OpenCrampForm``
    windows to open.

A restart rebuilds the state with ``replay`` from the ``Logged`` lines of the last days,
and ``settle`` folds in what others wrote (the player, the tray, the CLI in another
process). The lines written live and replayed later are the same, so a replayed state
equals the one reached live (``tests/core/test_reminder_protocol.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from nightstretch.core.clock import night_of
from nightstretch.core.reminders import (
    NIGHT_ROLLOVER_HOUR,
    SNOOZE_MINUTES,
    DayState,
    Due,
    ReminderAction,
    ReminderKey,
    ReminderKind,
    Triage,
)

LogEvent = Literal[
    "scheduled", "shown", "snoozed", "skipped", "started", "done", "ignored", "missed", "held"
]
"""The logbook's reminder events (the same names as ``store.logbook.ReminderEvent``)."""

EVENING_KINDS = (ReminderKind.EVENING, ReminderKind.FOLLOWUP)
CLOSING_EVENTS: tuple[LogEvent, ...] = ("skipped", "started", "done")
"""Logged on an evening reminder, these end tonight's evening nudges."""

ANSWERS: dict[ReminderKind, tuple[ReminderAction, ...]] = {
    ReminderKind.EVENING: (
        ReminderAction.START_NOW,
        ReminderAction.SNOOZE,
        ReminderAction.SKIP,
        ReminderAction.ALREADY_DONE,
    ),
    ReminderKind.FOLLOWUP: (
        ReminderAction.START_NOW,
        ReminderAction.SNOOZE,
        ReminderAction.SKIP,
        ReminderAction.ALREADY_DONE,
    ),
    ReminderKind.WATER: (ReminderAction.GLASS, ReminderAction.LATER, ReminderAction.DISMISS),
    ReminderKind.CHECKIN: (ReminderAction.NO_CRAMPS, ReminderAction.LOG_CRAMP),
    ReminderKind.MOVEMENT: (ReminderAction.DISMISS, ReminderAction.LATER),
}
"""The answers each kind offers, first is the default; besides these only ``IGNORED``."""


@dataclass(frozen=True)
class ReminderState:
    """Everything the protocol remembers between two steps."""

    plan: DayState = field(default_factory=DayState)
    """What the planner needs: tonight's answers, water today, the check-in, a pause."""
    seen: frozenset[str] = frozenset()
    """Keys shown or logged missed: never shown again, even if the clock brings them round."""
    scheduled: frozenset[str] = frozenset()
    """Keys whose "scheduled" line is written (once per key)."""
    showing: tuple[Due, ...] = ()
    """Shown and not yet answered, oldest first. Not in the logbook: a restart shows none."""

    def shown_due(self, key: str) -> Due | None:
        return next((due for due in self.showing if due.key == key), None)


@dataclass(frozen=True)
class Logged:
    kind: ReminderKind
    event: LogEvent
    key: str
    """``ReminderKey.text``: the logbook's ``detail``."""
    at: datetime


@dataclass(frozen=True)
class Show:
    due: Due


@dataclass(frozen=True)
class Withdraw:
    key: str


@dataclass(frozen=True)
class SaveSession:
    """ "Already done": a session of the evening routine, marked done by hand."""

    routine_id: str
    at: datetime


@dataclass(frozen=True)
class SaveWater:
    ml: int
    at: datetime


@dataclass(frozen=True)
class SaveCheckin:
    """ "No cramps": last night's check-in with zero cramps."""

    night: str
    at: datetime


@dataclass(frozen=True)
class CountWater:
    day: str
    ml: int
    """Added to the known total when there is no logbook to read it from."""


@dataclass(frozen=True)
class StartRoutine:
    routine_id: str


@dataclass(frozen=True)
class OpenCrampForm:
    pass


Save = SaveSession | SaveWater | SaveCheckin
Effect = Logged | Show | Withdraw | Save | CountWater | StartRoutine | OpenCrampForm


@dataclass(frozen=True)
class Step:
    state: ReminderState
    effects: tuple[Effect, ...] = ()

    def then(self, step: Callable[[ReminderState], Step]) -> Step:
        """Chain a step that starts from this one's state; the effects add up in order."""
        following = step(self.state)
        return Step(following.state, self.effects + following.effects)


@dataclass(frozen=True)
class Refused:
    """An answer that changes nothing, and why (for the log)."""

    reason: str


@dataclass(frozen=True)
class Preferences:
    """The user's settings that answers need beyond the planner's config."""

    evening_routine: str
    glass_ml: int
    water_goal_ml: int


@dataclass(frozen=True)
class Facts:
    """What the logbook says about today, whoever wrote it."""

    tonight: str
    evening_done: bool
    """The evening routine, or any session marked done by hand, was recorded tonight."""
    water_ml: int
    """Water logged for ``tonight``'s day."""
    last_checkin: str | None
    """The latest night with a check-in."""


def read_line(event: LogEvent, key: str | None, at: datetime) -> Logged | None:
    """A logbook row as a ``Logged`` line; None for a key this version does not write."""
    ref = None if key is None else ReminderKey.parse(key)
    return None if ref is None or key is None else Logged(ref.kind, event, key, at)


# -- looking and arming -------------------------------------------------------------------


def look(
    state: ReminderState, found: Triage, now: datetime, first_start: datetime | None = None
) -> Step:
    """After a wakeup: log what was missed, show what fired, end a pause that ran out.

    A key already seen is skipped: a wall clock set back, or a flight west, brings an
    occurrence round again under the same key. What fell due before ``first_start`` (the
    app's first start, see ``first_start``) was never missed: the app was not there yet.
    """
    plan, seen, showing = state.plan, set(state.seen), list(state.showing)
    effects: list[Effect] = []
    for due in found.missed:
        if first_start is not None and due.at < first_start:
            continue
        if due.key not in seen:
            seen.add(due.key)
            effects.append(Logged(due.kind, "missed", due.key, now))
    for due in found.fire:
        if due.key in seen:
            continue
        seen.add(due.key)
        plan = plan.shown(due, now)
        showing = [d for d in showing if d.key != due.key] + [due]
        effects += [Logged(due.kind, "shown", due.key, now), Show(due)]
    if plan.paused_until is not None and plan.paused_until <= now:
        plan = plan.paused(now, None)
    showing.sort(key=Due.sort_key)
    after = replace(state, plan=plan, seen=frozenset(seen), showing=tuple(showing))
    return Step(after, tuple(effects))


def first_start(
    logged: Iterable[datetime], logged_count: int, total_count: int, now: datetime
) -> datetime | None:
    """When the app first ran, as far as its reminder lines tell; None: long before.

    The first start arms a timer and so writes a "scheduled" line at once. ``logged`` are
    the times of the ``logged_count`` lines read back at start, ``total_count`` how many
    the logbook holds in all: when it holds none, this is the first start; when all of
    them were read, the earliest is the first start.
    """
    if total_count == 0:
        return now
    if logged_count >= total_count:
        return min(logged, default=now)
    return None


def upcoming(state: ReminderState, found: Iterable[Due]) -> Due | None:
    """The first of the planner's next occurrences that was not shown or logged yet."""
    return next((due for due in found if due.key not in state.seen), None)


def schedule(state: ReminderState, due: Due, now: datetime) -> Step:
    """A timer was armed for ``due``: its "scheduled" line, once per key."""
    if due.key in state.scheduled:
        return Step(state)
    after = replace(state, scheduled=state.scheduled | {due.key})
    return Step(after, (Logged(due.kind, "scheduled", due.key, now),))


# -- answers ------------------------------------------------------------------------------


def answer(
    state: ReminderState, key: str, action: ReminderAction, now: datetime, prefs: Preferences
) -> Step | Refused:
    """What the user's ``action`` on the reminder named ``key`` does.

    ``key`` may no longer be showing (withdrawn, or answered on another screen); it is then
    read back from its name. An answer a kind does not offer changes nothing.
    ``now`` is local time: it names the water day, and the logbook records it.
    """
    due = state.shown_due(key)
    if due is not None:
        kind, night = due.kind, due.night
    elif (ref := ReminderKey.parse(key)) is not None:
        kind, night = ref.kind, ref.night
    else:
        return Refused(f"answer {action} to an unknown reminder {key!r} ignored")
    if action not in ANSWERS[kind] and action is not ReminderAction.IGNORED:
        return Refused(f"answer {action} does not apply to {key}; ignored")
    rest = replace(state, showing=tuple(d for d in state.showing if d.key != key))

    def log(event: LogEvent) -> Logged:
        return Logged(kind, event, key, now)

    if action is ReminderAction.SNOOZE:
        until = now + timedelta(minutes=SNOOZE_MINUTES)
        return Step(replace(rest, plan=rest.plan.snoozed(night, until)), (log("snoozed"),))
    if action is ReminderAction.SKIP:
        return Step(rest, (log("skipped"),)).then(lambda s: close_night(s, night))
    if action is ReminderAction.ALREADY_DONE:
        done = (SaveSession(prefs.evening_routine, now), log("done"))
        return Step(rest, done).then(lambda s: close_night(s, night))
    if action is ReminderAction.START_NOW:
        started = Step(rest, (log("started"),)).then(lambda s: close_night(s, night))
        return Step(started.state, (*started.effects, StartRoutine(prefs.evening_routine)))
    if action is ReminderAction.GLASS:
        day = water_day(now)
        return Step(
            rest, (SaveWater(prefs.glass_ml, now), log("done"), CountWater(day, prefs.glass_ml))
        )
    if action is ReminderAction.NO_CRAMPS:
        answered = (SaveCheckin(night, now), log("done"))
        return Step(rest, answered).then(lambda s: check_in(s, night))
    if action is ReminderAction.LOG_CRAMP:
        return Step(rest, (log("started"), OpenCrampForm()))
    if action is ReminderAction.DISMISS:
        # Movement's only button besides "Later" reads "Done".
        return Step(rest, (log("done" if kind is ReminderKind.MOVEMENT else "skipped"),))
    return Step(rest, (log("snoozed" if action is ReminderAction.LATER else "ignored"),))


def water_day(local: datetime) -> str:
    """The day water counts for: the logbook's night name, which after 06:00 is today."""
    return night_of(local, NIGHT_ROLLOVER_HOUR)


# -- facts from elsewhere -----------------------------------------------------------------


def close_night(state: ReminderState, night: str) -> Step:
    """Tonight's routine was started, done or skipped: no more evening nudges tonight."""
    return _withdrawing(
        replace(state, plan=state.plan.closed(night)),
        lambda d: d.kind in EVENING_KINDS and d.night == night,
    )


def count_water(
    state: ReminderState, day: str, total_ml: int, goal_ml: int, *, any_day: bool = False
) -> Step:
    """``total_ml`` is logged for ``day``; at the goal that day's water nudges go away.

    ``any_day``: take away every water nudge (a goal noticed at a re-check).
    """
    after = replace(state, plan=replace(state.plan, water_day=day, water_ml=total_ml))
    if total_ml < goal_ml:
        return Step(after)
    return _withdrawing(
        after, lambda d: d.kind is ReminderKind.WATER and (any_day or d.night == day)
    )


def check_in(state: ReminderState, night: str) -> Step:
    """The morning question about ``night`` was answered; older ones are moot too."""
    return _withdrawing(
        replace(state, plan=state.plan.checked_in(night)),
        lambda d: d.kind is ReminderKind.CHECKIN and d.night <= night,
    )


def checkin_key(night: str) -> str:
    """The key of the morning check-in that asks about ``night``."""
    return ReminderKey(ReminderKind.CHECKIN, date.fromisoformat(night) + timedelta(days=1)).text


def cramp_logged(state: ReminderState, night: str, now: datetime) -> Step:
    """A cramp was logged for ``night`` (local ``now``): does it answer the check-in?

    Only once that night is over, or once its check-in was shown (she pressed "Log a
    cramp"). A cramp logged in the evening or at 3 a.m. leaves the morning question open:
    there may be more before morning, and the check-in then asks about them.
    """
    if water_day(now) > night or checkin_key(night) in state.seen:
        return check_in(state, night)
    return Step(state)


def settle(state: ReminderState, facts: Facts, goal_ml: int) -> Step:
    """Fold in what the logbook says about today: a routine, water, a check-in."""
    step = Step(state)
    plan = state.plan
    if facts.evening_done and not (plan.night == facts.tonight and plan.evening_closed):
        step = step.then(lambda s: close_night(s, facts.tonight))
    plan = step.state.plan
    if plan.water_day != facts.tonight or plan.water_ml != facts.water_ml:
        step = step.then(
            lambda s: count_water(s, facts.tonight, facts.water_ml, goal_ml, any_day=True)
        )
    last = facts.last_checkin
    if last is not None:
        step = step.then(lambda s: check_in(s, last))
    return step


def _withdrawing(state: ReminderState, which: Callable[[Due], bool]) -> Step:
    gone = tuple(d for d in state.showing if which(d))
    if not gone:
        return Step(state)
    kept = tuple(d for d in state.showing if not which(d))
    return Step(replace(state, showing=kept), tuple(Withdraw(d.key) for d in gone))


# -- replay -------------------------------------------------------------------------------


def replay(lines: Iterable[Logged], tonight: str) -> ReminderState:
    """The state the logbook's reminder lines stand for, as far as they tell.

    Every key is seen (or scheduled); of the answers only tonight's evening ones and the
    check-ins change the plan. Water and sessions come from their own tables (``settle``).
    """
    plan, seen, scheduled = DayState(), set[str](), set[str]()
    for line in lines:
        if line.event == "scheduled":
            scheduled.add(line.key)
            continue
        seen.add(line.key)
        ref = ReminderKey.parse(line.key)
        if ref is None:
            continue
        if ref.kind is ReminderKind.CHECKIN and line.event == "done":
            plan = plan.checked_in(ref.night)
        if ref.kind not in EVENING_KINDS or ref.night != tonight:
            continue
        if line.event == "shown":
            plan = plan.shown(Due(ref.kind, line.at, line.key, ref.night), line.at)
        elif line.event == "snoozed":
            plan = plan.snoozed(ref.night, line.at + timedelta(minutes=SNOOZE_MINUTES))
        elif line.event in CLOSING_EVENTS:
            plan = plan.closed(ref.night)
    return ReminderState(plan, frozenset(seen), frozenset(scheduled))
