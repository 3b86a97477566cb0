"""The reminder engine on the Qt loop: the planner in ``nightstretch.core.reminders`` made live.

The planner decides *what* is due; this service decides *when to look* and remembers what
the user answered. It keeps exactly two timers (``services.wake_timers``): one for the
next occurrence's instant and one coarse 60 s re-check that notices what a single timer
cannot: a suspend (wall time ran on while the monotonic clock stood still), a wall clock
set by hand, and a changed local time zone. Every wakeup, from either timer, does the
planner's ``catch_up(since, now)``: show ``fire``, log ``missed``, skip keys already
shown, arm the next occurrence. Nothing else wakes the app while idle.

Both timers only *request* a look through a queued call, so a look (which may open a
card, write the logbook and re-arm) never runs inside a timer's own signal.

What a look shows and what an answer does is the protocol in
``nightstretch.core.reminder_protocol``: this service feeds it the clock and the logbook's
facts and carries out the effects it returns (log, show, withdraw, save, open a window).
Every reminder event goes to the logbook (``nightstretch history --reminders`` answers "did
my reminder fire?"), and at start the state is replayed from it, so a restart neither
forgets a skip nor shows the same reminder twice. With no logbook it all works in memory.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from PySide6.QtCore import QObject, Signal

from nightstretch.core.clock import Clock
from nightstretch.core.presence import Presence, PresenceRules
from nightstretch.core.reminder_gate import gate
from nightstretch.core.reminder_protocol import (
    CountWater,
    Facts,
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
    close_night,
    count_water,
    cramp_logged,
    first_start,
    look,
    read_line,
    replay,
    schedule,
    settle,
    upcoming,
    water_day,
)
from nightstretch.core.reminders import (
    GRACE,
    DayState,
    Due,
    ReminderAction,
    ReminderConfig,
    ReminderKind,
    Triage,
    catch_up,
    next_occurrences,
)
from nightstretch.core.reminders import pause_until_tomorrow as _pause_end_tomorrow
from nightstretch.services.queued import QueuedCall
from nightstretch.services.wake_timers import WakeTimers
from nightstretch.services.zones import system_zone, zone_id
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.rows import ReminderKind as LogKind
from nightstretch.store.rows import parse_utc
from nightstretch.store.settings import Settings, presence_rules, reminder_config

log = logging.getLogger(__name__)

JUMP_TOLERANCE_S: Final = 10.0
"""Wall minus monotonic drift between two looks above this is a suspend or a clock jump."""
STARTUP_LOOKBACK: Final = max(GRACE.values())
"""At start, look back this far: a check-in due before login is still worth showing."""
HISTORY_DAYS: Final = 2
"""How many days of reminder events are read back at start (keys, tonight's answers)."""
DEFAULT_GLASS_ML: Final = 250
DEFAULT_EVENING_ROUTINE: Final = "pre-bed-calf"

ZoneSource = Callable[[], tzinfo]
TimersFactory = Callable[[Clock, Callable[[], None], Callable[[], None], QObject], WakeTimers]
"""Builds the two wakeups (clock, on_next, on_recheck, parent); tests pass timers they play."""

_LOG_KIND: dict[ReminderKind, LogKind] = {
    ReminderKind.EVENING: "evening",
    ReminderKind.FOLLOWUP: "evening",
    ReminderKind.WATER: "hydration",
    ReminderKind.CHECKIN: "checkin",
    ReminderKind.MOVEMENT: "movement",
}
"""The logbook's kind names; the due key in ``detail`` still tells a follow-up apart."""


class ReminderService(QObject):
    """Decides when reminders show, carries out the answers, and keeps the logbook told."""

    due = Signal(object)
    """A ``Due`` to show now (reminder card or native notification)."""
    withdrawn = Signal(str)
    """The key of a shown reminder that no longer applies; close it without "ignored"."""
    state_changed = Signal()
    """Next reminder, pause or water today changed: the tray and status popup refresh."""
    start_requested = Signal(str)
    """"Start now" was answered: open the player on this routine id."""
    log_cramp_requested = Signal()
    """"Log a cramp" was answered on the morning check-in: open the cramp form."""
    problem = Signal(str)
    """Something the user asked for could not be saved; a sentence for her."""

    def __init__(
        self,
        clock: Clock,
        logbook: Logbook | None,
        config: ReminderConfig,
        zone: ZoneSource | tzinfo | None = None,
        timers_factory: TimersFactory = WakeTimers,
        parent: QObject | None = None,
        *,
        evening_routine: str = DEFAULT_EVENING_ROUTINE,
        glass_ml: int = DEFAULT_GLASS_ML,
        presence: Callable[[], Presence] | None = None,
        presence_rules: PresenceRules | None = None,
    ) -> None:
        super().__init__(parent)
        self._presence = presence
        """Asked only when something is due or held: never polled (``core.reminder_gate``)."""
        self._presence_rules = presence_rules or PresenceRules()
        self._held: tuple[Due, ...] = ()
        self._clock = clock
        self._logbook = logbook
        self._config = config
        self._evening_routine = evening_routine
        self._glass_ml = glass_ml
        if zone is None:
            self._zone_source: ZoneSource = system_zone
        elif isinstance(zone, tzinfo):
            fixed = zone
            self._zone_source = lambda: fixed
        else:
            self._zone_source = zone
        self._tz = self._zone_source()
        self._look_requested = QueuedCall(self._on_look_requested, self)
        self.timers = timers_factory(clock, self._request_look, self._request_recheck, self)

        now = clock.now()
        self._state = ReminderState()
        self._since = now
        self._last_wall = now
        self._last_mono = clock.monotonic()
        self._next: Due | None = None
        self._armed: tuple[str, datetime] | None = None
        self._snapshot: tuple[object, ...] = ()
        self._started = False
        self._first_start: datetime | None = None
        """The app's first start (from the logbook): nothing before it was missed."""

    # -- life cycle -----------------------------------------------------------------------

    @property
    def config(self) -> ReminderConfig:
        return self._config

    def start(self) -> None:
        """Replay the logbook, start both timers and take the first look."""
        if self._started:
            return
        self._started = True
        now = self._clock.now()
        self._restore_from_logbook(now, self._tz)  # the zone was read a moment ago, in __init__
        self._since = now - STARTUP_LOOKBACK
        self.timers.start()
        self._look(force_arm=True, tz=self._tz)

    def stop(self) -> None:
        if not self._started:
            return
        self._started = False
        self.timers.stop()
        self._armed = None

    def rebuild(
        self,
        config: ReminderConfig,
        *,
        evening_routine: str | None = None,
        glass_ml: int | None = None,
    ) -> None:
        """Settings changed: the next job is rebuilt at once from the new plan."""
        self._config = config
        if evening_routine is not None:
            self._evening_routine = evening_routine
        if glass_ml is not None:
            self._glass_ml = glass_ml
        if self._started:
            self._arm(self._clock.now(), self._tz, force=True)
            self._notify_if_changed(force=True)

    def apply_settings(self, settings: Settings) -> None:
        """``rebuild`` from the settings file's model, for the composition root."""
        self._presence_rules = presence_rules(settings)
        self.rebuild(
            reminder_config(settings),
            evening_routine=settings.evening_routine,
            glass_ml=settings.glass_ml,
        )

    # -- what the tray shows --------------------------------------------------------------

    @property
    def paused_until(self) -> datetime | None:
        until = self._state.plan.paused_until
        if until is None or until <= self._clock.now():
            return None
        return until

    def next_due(self) -> Due | None:
        return self._next

    @property
    def water_today_ml(self) -> int:
        plan = self._state.plan
        return plan.water_ml if plan.water_day == self._today() else 0

    @property
    def water_goal_ml(self) -> int:
        return self._config.water_goal_ml

    @property
    def state(self) -> DayState:
        return self._state.plan

    def showing(self) -> list[Due]:
        """Reminders shown and not yet answered, oldest first."""
        return list(self._state.showing)

    # -- wakeups --------------------------------------------------------------------------

    def wake(self) -> None:
        """The next reminder's instant came: look at what fell due."""
        if self._started:
            self._look()

    def recheck(self) -> None:
        """The coarse look: notice suspend, clock jumps and zone changes, then catch up."""
        if not self._started:
            return
        now, mono = self._clock.now(), self._clock.monotonic()
        drift = (now - self._last_wall).total_seconds() - (mono - self._last_mono)
        jumped = abs(drift) > JUMP_TOLERANCE_S
        if jumped:
            log.info("wall clock moved %+.0f s against the monotonic clock (suspend?)", drift)
        self._sync_from_logbook(now, self._zone_source())
        self._look(force_arm=jumped)

    def _request_look(self) -> None:
        self._look_requested.post("timer")

    def _request_recheck(self) -> None:
        self._look_requested.post("recheck")

    def _on_look_requested(self, reason: str) -> None:
        if reason == "recheck":
            self.recheck()
        else:
            self.wake()

    def _look(
        self, *, since: datetime | None = None, force_arm: bool = False, tz: tzinfo | None = None
    ) -> None:
        now = self._clock.now()
        tz = self._zone_source() if tz is None else tz
        if zone_id(tz) != zone_id(self._tz):
            log.info("local time zone changed from %s to %s", zone_id(self._tz), zone_id(tz))
            self._tz = tz
            force_arm = True
        start = self._since if since is None else since
        found = self._gate(catch_up(self._config, self._state.plan, start, now, tz), now)
        self._since = now
        self._last_wall, self._last_mono = now, self._clock.monotonic()
        self._apply(look(self._state, found, now, self._first_start))
        self._arm(now, tz, force=force_arm)
        self._notify_if_changed()

    def _gate(self, found: Triage, now: datetime) -> Triage:
        """Held while she is away, locked or busy, shown once she is back; each re-check
        looks at what is held, so holding adds no timer."""
        if self._presence is None or not (found.fire or self._held):
            return found
        result = gate(found.fire, self._held, now, self._presence(), self._presence_rules)
        self._held = result.held
        for note in (*result.noted, *result.released):
            log.info("reminder %s %s: %s", note.due.key, note.event, note.reason)
            if note.event == "held":
                self._record(Logged(note.due.kind, "held", note.due.key, now))
        return Triage(result.show, (*found.missed, *result.missed))

    @property
    def held(self) -> tuple[Due, ...]:
        """Due but waiting for her to come back, oldest first."""
        return self._held

    def _arm(self, now: datetime, tz: tzinfo, *, force: bool = False) -> None:
        """The timer armed for the next occurrence not yet shown; kept if nothing changed."""
        plan = next_occurrences(self._config, self._state.plan, now, tz)
        self._next = due = upcoming(self._state, plan)
        wanted = None if due is None else (due.key, due.at)
        if wanted == self._armed and not force:
            return
        self._armed = wanted
        if due is None:
            self.timers.disarm()
            return
        self.timers.arm(due.at)
        self._apply(schedule(self._state, due, now))

    # -- answers and changes made elsewhere -----------------------------------------------

    def act(self, due_key: str, action: ReminderAction | str) -> None:
        """Carry out the user's answer to a shown reminder (card or native notification).

        Takes the action's value too, so a notifier's ``acted(str, str)`` connects directly.
        """
        try:
            action = ReminderAction(action)
        except ValueError:
            log.warning("unknown answer %r to %r ignored", action, due_key)
            return
        now = self._clock.now().astimezone(self._tz)
        prefs = Preferences(self._evening_routine, self._glass_ml, self._config.water_goal_ml)
        step = answer(self._state, due_key, action, now, prefs)
        if isinstance(step, Refused):
            log.warning("%s", step.reason)
            return
        self._apply(step)
        self._after_change()

    def routine_started(self, night: str) -> None:
        """A routine was started from the player, tray or CLI: tonight needs no nudge."""
        self._apply(close_night(self._state, night))
        self._after_change()

    def water_logged(self, ml: int) -> None:
        """Water was logged elsewhere (tray, CLI): count it, stop nudges at the goal."""
        self._count_water(self._today(), ml)
        self._after_change()

    def checkin_answered(self, night: str) -> None:
        """A cramp was logged for ``night`` (the cramp form): the morning question counts
        as answered only once that night is over (``cramp_logged``); the CLI's check-in is
        read from the logbook at the re-check."""
        now = self._clock.now().astimezone(self._tz)
        self._apply(cramp_logged(self._state, night, now))
        self._after_change()

    def cramps_logged(self, night: str) -> int:
        """How many cramps the logbook holds for ``night``: the check-in mentions them."""
        if self._logbook is None:
            return 0
        try:
            return len(self._logbook.cramps(night, night))
        except (LogbookError, sqlite3.Error) as exc:
            log.warning("cramps not readable for the check-in: %s", exc)
            return 0

    # -- pause ----------------------------------------------------------------------------

    def pause(self, hours: float = 1) -> None:
        now = self._clock.now()
        self._pause(now, now + timedelta(hours=hours))

    def pause_until_tomorrow(self) -> None:
        now = self._clock.now()
        self._pause(now, _pause_end_tomorrow(now, self._tz))

    def resume(self) -> None:
        """Resume early: what fell inside the pause is triaged as after a suspend."""
        plan = self._state.plan
        if plan.paused_until is None:
            return
        self._set_plan(plan.paused(self._clock.now(), None))
        if self._started:
            began = plan.paused_at
            since = self._since if began is None else min(self._since, began)
            self._look(since=since, force_arm=True)
        else:
            self._notify_if_changed(force=True)

    def _pause(self, now: datetime, until: datetime) -> None:
        self._set_plan(self._state.plan.paused(now, until))
        self._after_change(force_arm=True)

    # -- carrying out the protocol --------------------------------------------------------

    def _apply(self, step: Step) -> bool:
        """Saves first: one that fails keeps the old state and drops the rest of the step."""
        for effect in step.effects:
            if isinstance(effect, SaveSession | SaveWater | SaveCheckin) and not self._save(effect):
                return False
        self._state = step.state
        for effect in step.effects:
            match effect:
                case Logged():
                    self._record(effect)
                case Show(due=due):
                    self.due.emit(due)
                case Withdraw(key=key):
                    self.withdrawn.emit(key)
                case CountWater(day=day, ml=ml):
                    self._count_water(day, ml)
                case StartRoutine(routine_id=routine_id):
                    self.start_requested.emit(routine_id)
                case OpenCrampForm():
                    self.log_cramp_requested.emit()
        return True

    def _set_plan(self, plan: DayState) -> None:
        self._state = replace(self._state, plan=plan)

    def _after_change(self, *, force_arm: bool = False) -> None:
        if self._started:
            self._look(force_arm=force_arm)
        else:
            self._notify_if_changed(force=True)

    def _count_water(self, day: str, ml: int) -> None:
        """The day's total from the logbook when there is one, else counted in memory."""
        if self._logbook is not None:
            total = self._logbook.water_total(day)
        else:
            plan = self._state.plan
            total = (plan.water_ml if plan.water_day == day else 0) + ml
        self._apply(count_water(self._state, day, total, self._config.water_goal_ml))

    def _notify_if_changed(self, *, force: bool = False) -> None:
        nxt = self._next
        snapshot = (
            None if nxt is None else (nxt.key, nxt.at),
            self.paused_until,
            self.water_today_ml,
            self._config,
        )
        if force or snapshot != self._snapshot:
            self._snapshot = snapshot
            self.state_changed.emit()

    def _today(self, now: datetime | None = None, tz: tzinfo | None = None) -> str:
        """The logbook's night name, which is also the water day after 06:00."""
        moment = self._clock.now() if now is None else now
        return water_day(moment.astimezone(self._tz if tz is None else tz))

    # -- logbook --------------------------------------------------------------------------

    def _record(self, line: Logged) -> None:
        if self._logbook is None:
            return
        local = line.at.astimezone(self._tz)
        try:
            self._logbook.add_reminder_event(local, _LOG_KIND[line.kind], line.event, line.key)
        except LogbookError as exc:
            # The reminder itself matters more than its history line.
            log.warning("reminder event %s %s not logged: %s", line.event, line.key, exc)

    def _save(self, effect: SaveSession | SaveWater | SaveCheckin) -> bool:
        """A write the user asked for; False (and a ``problem``) if it could not be saved."""
        book = self._logbook
        if book is None:
            return True
        try:
            match effect:
                case SaveSession(routine_id=routine_id, at=at):
                    book.add_manual_session(routine_id, at)
                case SaveWater(ml=ml, at=at):
                    book.add_water(ml, at, source="reminder")
                case SaveCheckin(night=night, at=at):
                    # "No cramps" / "No more": the night's count is what is logged so far.
                    book.set_checkin(night, len(book.cramps(night, night)), at)
        except LogbookError as exc:
            self.problem.emit(str(exc))
            return False
        return True

    def _restore_from_logbook(self, now: datetime, tz: tzinfo) -> None:
        """Replay the last days' reminder lines, then fold in today's facts."""
        book = self._logbook
        if book is None:
            return
        rows = book.reminder_events(since=now - timedelta(days=HISTORY_DAYS))
        try:
            total = book.counts()["reminder_events"]
        except (LogbookError, sqlite3.Error, KeyError) as exc:
            log.warning("reminder history not countable: %s", exc)
            total = len(rows) + 1  # unknown: assume a returning user
        times = [parse_utc(r.at_utc) for r in rows]
        self._first_start = first_start(times, len(rows), total, now)
        lines = (read_line(r.event, r.detail, parse_utc(r.at_utc)) for r in rows)
        self._state = replay((line for line in lines if line is not None), self._today(now, tz))
        self._sync_from_logbook(now, tz)

    def _sync_from_logbook(self, now: datetime, tz: tzinfo) -> None:
        """Facts written by others (player, tray, CLI in another process) silence reminders."""
        book = self._logbook
        if book is None:
            return
        tonight = self._today(now, tz)
        first = (date.fromisoformat(tonight) - timedelta(days=HISTORY_DAYS)).isoformat()
        try:
            # The evening routine, or any session marked done by hand; a quick routine at
            # lunch or a cramp rescue does not stand in for the stretch before bed.
            evening_done = any(
                row.routine_id == self._evening_routine or row.source == "manual"
                for row in book.sessions(tonight, tonight)
            )
            answered = [c.night_date for c in book.checkins(first)]
            facts = Facts(
                tonight, evening_done, book.water_total(tonight), max(answered, default=None)
            )
        except (LogbookError, sqlite3.Error) as exc:
            log.warning("logbook not readable for reminders: %s", exc)
            return
        self._apply(settle(self._state, facts, self._config.water_goal_ml))
