"""Reminder planning: which reminder is due when, as pure functions of settings, state and time.

The scheduler on the Qt side only asks two questions of this module: "what is due next?"
(to arm one timer) and "what fell due between my last look and now?" (after every wakeup,
whether from that timer, a coarse re-check or a resume from suspend). Everything that makes
reminders go wrong in the peers lives here, where a fake clock can reach it:

Wall time, not elapsed time
    Settings are local wall-clock times ("22:30"). Each occurrence is built as a naive local
    time, resolved to one UTC instant with zoneinfo, and compared in UTC only. A change of
    the time zone therefore moves every future reminder to the same wall time in the new
    zone, and DST never shifts one.

DST
    A wall time that happens twice (fall-back) means its first occurrence (``fold=0``), so
    it fires once. A wall time that does not exist (spring-forward) fires at the first
    instant after the gap, the moment the clock jumps past it: the time the user asked
    for has then "arrived", nothing is an hour late, and reminders keep their order
    (RFC 5545 and zoneinfo's default instead shift by the gap, so 02:30 would come after
    an 03:15 reminder).

Nights
    Evening reminders belong to a night, named by the date the evening starts on (the same
    rule as ``clock.night_of``). A bedtime before 06:00 is after midnight of that night:
    bedtime 01:30 with a 30-minute lead reminds at 01:00 on the next calendar day, and its
    weekday, done/skip state and key are those of the evening before.

Missed reminders
    A reminder found late (suspend, busy machine, wall-clock jump) is shown if it is within
    its kind's grace and logged as missed otherwise; several late ones of a kind in one
    look are coalesced into the newest. A pause works like a suspend the user asked for:
    what falls inside it is held to the pause's end when that is within its grace, and
    dropped otherwise.

What the caller does (``tests/core/test_reminders.py`` plays it with a fake clock)
    Keep ``since``, the moment of the last look. On every wakeup call ``catch_up(since,
    now)``, show ``fire``, log ``missed``, set ``since = now`` and arm one timer for
    ``next_occurrences(now)[0]``. Record a shown reminder with ``DayState.shown(due, now)``
    (the real moment: a follow-up counts from it). Keep the keys already shown or logged
    and skip them: a wall clock set back, or a flight west, brings an occurrence round
    again under the same key. When the user resumes a pause early, look again from
    ``paused_at`` so what fell inside it is triaged like after a suspend.
    ``core/reminder_protocol.py`` is that caller without Qt (look, answer, replay), and
    ``ReminderKey`` below is the only code that writes or reads a key's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum
from typing import Literal

from nightstretch.core.clock import night_of

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as the settings file spells them; index = ``date.weekday()``."""
NIGHT_ROLLOVER_HOUR = 6
"""Times before this hour belong to the night before (as in ``clock.night_of``)."""
WATER_END_BEFORE_BED = timedelta(hours=2)
"""Default end of the hydration window: fewer bathroom trips at night."""
HORIZON_DAYS = 9
"""How far ``next_occurrences`` looks: every kind recurs at least weekly."""

_TICK = timedelta(seconds=1)
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ReminderKind(StrEnum):
    EVENING = "evening"
    FOLLOWUP = "evening-followup"
    WATER = "water"
    CHECKIN = "checkin"
    MOVEMENT = "movement"


GRACE: dict[ReminderKind, timedelta] = {
    ReminderKind.EVENING: timedelta(minutes=60),
    ReminderKind.FOLLOWUP: timedelta(minutes=60),
    ReminderKind.WATER: timedelta(minutes=10),
    ReminderKind.CHECKIN: timedelta(hours=3),
    ReminderKind.MOVEMENT: timedelta(minutes=10),
}
"""How late a reminder may still be shown; later than that it would only confuse."""


class ReminderAction(StrEnum):
    """What the user can answer to a reminder, whether on our card or a native notification."""

    START_NOW = "start-now"
    SNOOZE = "snooze"
    """Evening: "In 10 min"."""
    SKIP = "skip"
    """Evening: "Skip tonight" (no follow-up tonight)."""
    ALREADY_DONE = "already-done"
    """Evening: a session recorded as done by hand."""
    GLASS = "glass"
    """Water: log one glass."""
    LATER = "later"
    DISMISS = "dismiss"
    NO_CRAMPS = "no-cramps"
    LOG_CRAMP = "log-cramp"
    IGNORED = "ignored"
    """The card hid itself (or the notification closed) without an answer."""


SNOOZE_MINUTES = 10
"""How far "In 10 min" puts the evening reminder off."""


@dataclass(frozen=True)
class ReminderKey:
    """Which occurrence a reminder is: the one place its logbook name is written and read.

    ``text`` is what the logbook's ``detail`` column holds and what the notifiers hand back
    with an answer (``"evening:2026-11-23"``, ``"evening-snooze:2026-11-23@22:10+00:00"``,
    ``"evening-followup:2026-11-23"``, ``"water:2026-11-23T09:00"``,
    ``"movement:2026-11-23T10:00"``, ``"checkin:2026-11-24"``); ``parse`` reads it back.
    Everyone else asks the fields. The names are a stored format: logbooks written by
    older versions must replay the same, so they never change.
    """

    kind: ReminderKind
    day: date
    """The night (evening kinds), the slot's local date (water, movement), or the morning
    the check-in is shown on."""
    slot: time | None = None
    """Water and movement: the slot's local wall time. Evening: the snoozed repeat's local
    time; None for the first reminder. Naive, whole minutes."""
    offset: timedelta | None = None
    """A snoozed repeat's UTC offset: 22:10 in London and 22:10 in New York are two
    occurrences. Kept apart from ``slot`` because aware times compare by their UTC value."""

    def __post_init__(self) -> None:
        timed = self.kind in (ReminderKind.WATER, ReminderKind.MOVEMENT)
        if timed != (self.slot is not None) and self.kind is not ReminderKind.EVENING:
            raise ValueError(f"a {self.kind} key {'needs' if timed else 'takes no'} time slot")
        if self.slot is not None and (
            self.slot.tzinfo is not None or self.slot.second or self.slot.microsecond
        ):
            raise ValueError("a key's time is a naive wall time in whole minutes")
        if self.offset is not None and (self.kind is not ReminderKind.EVENING or not self.slot):
            raise ValueError("only a snoozed evening repeat has a UTC offset")

    @classmethod
    def snooze(cls, night: str, until: datetime, tz: tzinfo) -> ReminderKey:
        """The repeat of ``night``'s evening reminder "In 10 min" puts at ``until``."""
        local = until.astimezone(tz)
        slot = time(local.hour, local.minute)
        return cls(ReminderKind.EVENING, date.fromisoformat(night), slot, local.utcoffset())

    @classmethod
    def parse(cls, text: str) -> ReminderKey | None:
        """The key ``text`` names, or None when it is not one this module writes."""
        prefix, _, rest = text.partition(":")
        try:
            if prefix in ("evening", "evening-followup", "checkin"):
                kind = ReminderKind.FOLLOWUP if prefix == "evening-followup" else prefix
                key = cls(ReminderKind(kind), date.fromisoformat(rest))
            elif prefix == "evening-snooze":
                day, _, wall = rest.partition("@")
                aware = time.fromisoformat(wall)
                slot, offset = aware.replace(tzinfo=None), aware.utcoffset()
                key = cls(ReminderKind.EVENING, date.fromisoformat(day), slot, offset)
            elif prefix in ("water", "movement"):
                day, _, wall = rest.partition("T")
                key = cls(ReminderKind(prefix), date.fromisoformat(day), time.fromisoformat(wall))
            else:
                return None
        except ValueError:
            return None
        # Strict: only the exact spelling ``text`` writes (no "9:00", no seconds).
        return key if key.text == text else None

    @property
    def text(self) -> str:
        day = self.day.isoformat()
        if self.kind is ReminderKind.EVENING and self.slot is not None:
            zone = None if self.offset is None else timezone(self.offset)
            wall = self.slot.replace(tzinfo=zone).isoformat(timespec="minutes")
            return f"evening-snooze:{day}@{wall}"
        if self.slot is not None:
            return f"{self.kind.value}:{day}T{self.slot.isoformat(timespec='minutes')}"
        return f"{self.kind.value}:{day}"

    @property
    def night(self) -> str:
        """The night (evening kinds), the night asked about (check-in) or the slot's date.

        For a night owl's water slot after midnight the planner's ``Due.night`` names the
        day before; nothing that reads this property cares about water's day.
        """
        if self.kind is ReminderKind.CHECKIN:
            return (self.day - timedelta(days=1)).isoformat()
        return self.day.isoformat()

    @property
    def repeat(self) -> bool:
        """The evening reminder brought back by "In 10 min"."""
        return self.kind is ReminderKind.EVENING and self.slot is not None

    def __str__(self) -> str:
        return self.text


Verdict = Literal["fire", "missed"]


def parse_clock_time(text: str) -> time:
    """``"HH:MM"`` from 00:00 to 23:59; one definition shared with the settings check."""
    match = _HHMM.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a time of day as HH:MM (00:00 to 23:59)")
    return time(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class ReminderConfig:
    """The settings the planner needs, already parsed; defaults match the settings file."""

    bedtime: time = time(22, 30)
    evening_enabled: bool = True
    bedtimes: tuple[tuple[int, time], ...] = ()
    """Per-weekday bedtimes as (weekday 0=Mon, time); a weekday not listed uses ``bedtime``."""
    evening_lead_min: int = 30
    evening_weekdays: frozenset[int] = frozenset(range(7))
    evening_followup_min: int = 20
    """0 turns the follow-up off."""
    water_enabled: bool = True
    water_start: time = time(9, 0)
    water_end: time | None = None
    """None: ``WATER_END_BEFORE_BED`` before that day's bedtime."""
    water_interval_min: int = 90
    water_goal_ml: int = 2000
    checkin_time: time = time(8, 30)
    checkin_enabled: bool = True
    movement_enabled: bool = False
    movement_interval_min: int = 60

    def __post_init__(self) -> None:
        # Guard the loops below even if a caller bypasses the settings checks.
        if self.water_interval_min < 1 or self.movement_interval_min < 1:
            raise ValueError("reminder intervals must be at least one minute")
        if self.evening_lead_min < 0 or self.evening_followup_min < 0:
            raise ValueError("lead and follow-up minutes cannot be negative")
        if not self.evening_weekdays <= frozenset(range(7)):
            raise ValueError("weekdays are numbered 0 (Monday) to 6 (Sunday)")

    def bedtime_on(self, weekday: int) -> time:
        return dict(self.bedtimes).get(weekday, self.bedtime)


@dataclass(frozen=True)
class DayState:
    """What the user did, as the logbook knows it; each part names the night or day it is for.

    Naming the night keeps a stale state harmless: yesterday's "done" never silences
    tonight. Night and day names are ISO dates as ``clock.night_of`` gives them.
    """

    night: str | None = None
    """The night the ``evening_*`` and ``followup_shown`` fields describe."""
    evening_closed: bool = False
    """Tonight's routine was started, done or skipped: no more evening nudges tonight."""
    evening_shown_at: datetime | None = None
    """When the evening reminder (or its snoozed repeat) was last shown."""
    evening_snoozed_until: datetime | None = None
    followup_shown: bool = False
    water_day: str | None = None
    water_ml: int = 0
    """Water logged on ``water_day`` (a window running past midnight counts for its day)."""
    paused_at: datetime | None = None
    """When the pause began; reminders falling inside the pause may be held to its end."""
    paused_until: datetime | None = None
    checkin_night: str | None = None
    """The latest night the morning check-in was answered for."""

    def shown(self, due: Due, at: datetime) -> DayState:
        """Record that ``due`` was shown at ``at`` (the real moment, which may be late)."""
        if due.kind is ReminderKind.EVENING:
            own = self._for_night(due.night)
            return replace(own, evening_shown_at=at, evening_snoozed_until=None)
        if due.kind is ReminderKind.FOLLOWUP:
            return replace(self._for_night(due.night), followup_shown=True)
        return self

    def snoozed(self, night: str, until: datetime) -> DayState:
        return replace(self._for_night(night), evening_snoozed_until=until)

    def closed(self, night: str) -> DayState:
        return replace(self._for_night(night), evening_closed=True)

    def drank(self, day: str, ml: int) -> DayState:
        already = self.water_ml if self.water_day == day else 0
        return replace(self, water_day=day, water_ml=already + ml)

    def paused(self, at: datetime, until: datetime | None) -> DayState:
        """Pause from ``at`` to ``until``; ``until=None`` resumes."""
        if until is None:
            return replace(self, paused_at=None, paused_until=None)
        return replace(self, paused_at=at, paused_until=until)

    def checked_in(self, night: str) -> DayState:
        if self.checkin_night is not None and self.checkin_night >= night:
            return self
        return replace(self, checkin_night=night)

    def _for_night(self, night: str) -> DayState:
        if self.night == night:
            return self
        return replace(
            self,
            night=night,
            evening_closed=False,
            evening_shown_at=None,
            evening_snoozed_until=None,
            followup_shown=False,
        )


@dataclass(frozen=True)
class Due:
    """One occurrence of a reminder; ``key`` is unique per occurrence, for dedupe and logs."""

    kind: ReminderKind
    at: datetime
    """When to show it, in UTC."""
    key: str
    """``ReminderKey.text``: the occurrence's name in the logbook and in a notifier's answer."""
    night: str
    """The night (evening kinds), day (water, movement) or night asked about (check-in)."""

    @classmethod
    def of(cls, key: ReminderKey, at: datetime, night: str | None = None) -> Due:
        return cls(key.kind, at, key.text, key.night if night is None else night)

    @property
    def ref(self) -> ReminderKey | None:
        """The structured key (None only for names no planner writes, as in tests)."""
        return ReminderKey.parse(self.key)

    def sort_key(self) -> tuple[datetime, str]:
        return (self.at, self.key)


@dataclass(frozen=True)
class Triage:
    fire: tuple[Due, ...]
    missed: tuple[Due, ...]


def resolve_wall_time(wall: datetime, tz: tzinfo) -> datetime:
    """The one UTC instant a naive local wall time stands for (see the module notes on DST)."""
    if wall.tzinfo is not None:
        raise ValueError("resolve_wall_time takes a naive local time")
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if _local(first, tz) == wall:
        return first
    # In a gap fold=0 reads the wall time with the offset from before the jump (an instant
    # after the gap) and fold=1 with the offset after it (an instant before the gap).
    # Search for the jump itself: the first whole second whose wall time is not earlier.
    before = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    low, high = int(before.timestamp()), int(first.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if _local(datetime.fromtimestamp(middle, UTC), tz) >= wall:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def occurrences_between(
    config: ReminderConfig, state: DayState, start: datetime, end: datetime, tz: tzinfo
) -> list[Due]:
    """Everything due in ``(start, end]``, in time order.

    Half-open so that consecutive looks never see an occurrence twice or lose one.
    """
    start, end = _utc(start), _utc(end)
    if end <= start:
        return []
    first, last = _local(start, tz).date(), _local(end, tz).date()
    plan = _plan(config, state, first, last, tz)
    return sorted((d for d in plan if start < d.at <= end), key=Due.sort_key)


def next_occurrences(
    config: ReminderConfig, state: DayState, now: datetime, tz: tzinfo
) -> list[Due]:
    """The next occurrence of each kind strictly after ``now``, in time order."""
    now = _utc(now)
    today = _local(now, tz).date()
    following: dict[ReminderKind, Due] = {}
    plan = _plan(config, state, today, today + timedelta(days=HORIZON_DAYS), tz)
    for due in sorted((d for d in plan if d.at > now), key=Due.sort_key):
        following.setdefault(due.kind, due)
    return sorted(following.values(), key=Due.sort_key)


def classify_missed(due: Due, now: datetime) -> Verdict:
    late = _utc(now) - due.at
    if late < timedelta(0):
        raise ValueError(f"{due.key} is not due until {due.at.isoformat()}")
    return "fire" if late <= GRACE[due.kind] else "missed"


def triage(dues: Iterable[Due], now: datetime) -> Triage:
    """Split what fell due into what to show now and what to log as missed.

    Of several that may still fire of one kind only the newest does: after a suspend the
    user wants one "time to drink", not three.
    """
    fire: dict[ReminderKind, Due] = {}
    missed: list[Due] = []
    for due in sorted(dues, key=Due.sort_key):
        if classify_missed(due, now) == "missed":
            missed.append(due)
            continue
        older = fire.get(due.kind)
        if older is not None:
            missed.append(older)
        fire[due.kind] = due
    return Triage(
        tuple(sorted(fire.values(), key=Due.sort_key)), tuple(sorted(missed, key=Due.sort_key))
    )


def catch_up(
    config: ReminderConfig, state: DayState, since: datetime, now: datetime, tz: tzinfo
) -> Triage:
    """One look after a wakeup: what fell due since the last look, triaged."""
    return triage(occurrences_between(config, state, since, now, tz), now)


def pause_until_tomorrow(now: datetime, tz: tzinfo) -> datetime:
    """The end of a pause "until tomorrow": when the next day begins by the night rule.

    After midnight it is still tonight, so 01:30 pauses until 06:00 the same morning.
    """
    tonight = date.fromisoformat(night_of(_local(_utc(now), tz), NIGHT_ROLLOVER_HOUR))
    morning = datetime.combine(tonight + timedelta(days=1), time(NIGHT_ROLLOVER_HOUR))
    return resolve_wall_time(morning, tz)


def _plan(
    config: ReminderConfig, state: DayState, first: date, last: date, tz: tzinfo
) -> Iterator[Due]:
    """Every occurrence that can fall on local dates ``first`` to ``last``, and maybe more.

    A day's reminders fall on that day or, for a night owl, before 06:00 the day after;
    DST and pauses only move them later. So the day before ``first`` is planned too, plus
    ``state.night``, whose snooze or follow-up may come any time.
    """
    days = [first + timedelta(days=n) for n in range(-1, (last - first).days + 1)]
    if state.night is not None and date.fromisoformat(state.night) not in days:
        days.append(date.fromisoformat(state.night))
    for day in days:
        yield from _held_or_dropped(_plan_day(config, state, day, tz), state)


def _plan_day(config: ReminderConfig, state: DayState, day: date, tz: tzinfo) -> Iterator[Due]:
    yield from _evening(config, state, day, tz)
    yield from _daytime(config, state, day, tz)
    if config.checkin_enabled:
        asked = (day - timedelta(days=1)).isoformat()
        if state.checkin_night is None or state.checkin_night < asked:
            at = resolve_wall_time(datetime.combine(day, config.checkin_time), tz)
            yield Due.of(ReminderKey(ReminderKind.CHECKIN, day), at, asked)


def _bed_wall(config: ReminderConfig, night: date) -> datetime:
    bedtime = config.bedtime_on(night.weekday())
    after_midnight = bedtime.hour < NIGHT_ROLLOVER_HOUR
    return datetime.combine(night + timedelta(days=1 if after_midnight else 0), bedtime)


def _evening(config: ReminderConfig, state: DayState, night: date, tz: tzinfo) -> Iterator[Due]:
    if not config.evening_enabled or night.weekday() not in config.evening_weekdays:
        return
    name = night.isoformat()
    own = state if state.night == name else DayState()
    if own.evening_closed:
        return
    shown, snoozed = _opt_utc(own.evening_shown_at), _opt_utc(own.evening_snoozed_until)
    if snoozed is not None and (shown is None or snoozed > shown):
        yield Due.of(ReminderKey.snooze(name, snoozed, tz), snoozed)
    elif shown is None:
        wall_time = _bed_wall(config, night) - timedelta(minutes=config.evening_lead_min)
        at = resolve_wall_time(wall_time, tz)
        yield Due.of(ReminderKey(ReminderKind.EVENING, night), at)
    elif config.evening_followup_min and not own.followup_shown:
        at = shown + timedelta(minutes=config.evening_followup_min)
        yield Due.of(ReminderKey(ReminderKind.FOLLOWUP, night), at)


def _daytime(config: ReminderConfig, state: DayState, day: date, tz: tzinfo) -> Iterator[Due]:
    start = datetime.combine(day, config.water_start)
    if config.water_end is not None:
        end = datetime.combine(day, config.water_end)
    else:
        end = _bed_wall(config, day) - WATER_END_BEFORE_BED
    # A night-owl window may run past midnight; it stops where the next day's begins.
    end = min(end, datetime.combine(day + timedelta(days=1), config.water_start) - _TICK)
    name = day.isoformat()
    goal_met = state.water_day == name and state.water_ml >= config.water_goal_ml
    if config.water_enabled and not goal_met:
        for wall in _grid(start, end, config.water_interval_min, first_at_start=True):
            key = ReminderKey(ReminderKind.WATER, wall.date(), wall.time())
            yield Due.of(key, resolve_wall_time(wall, tz), name)
    if config.movement_enabled:
        # A break is for having sat a while, so the first comes one interval in.
        for wall in _grid(start, end, config.movement_interval_min, first_at_start=False):
            key = ReminderKey(ReminderKind.MOVEMENT, wall.date(), wall.time())
            yield Due.of(key, resolve_wall_time(wall, tz), name)


def _grid(
    start: datetime, end: datetime, every_min: int, *, first_at_start: bool
) -> Iterator[datetime]:
    step = timedelta(minutes=every_min)
    wall = start if first_at_start else start + step
    while wall <= end:
        yield wall
        wall += step


def _held_or_dropped(dues: Iterable[Due], state: DayState) -> Iterator[Due]:
    until = _opt_utc(state.paused_until)
    began = _opt_utc(state.paused_at)
    for due in dues:
        if until is None or due.at >= until or (began is not None and due.at < began):
            yield due
        elif began is not None and until - due.at <= GRACE[due.kind]:
            yield replace(due, at=until)


def _local(moment: datetime, tz: tzinfo) -> datetime:
    return moment.astimezone(tz).replace(tzinfo=None)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("reminder planning needs aware datetimes")
    return moment.astimezone(UTC)


def _opt_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)
