"""The presence policy: which reminder waits for her, which is dropped, and why."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from nightstretch.core.presence import (
    DEFAULT_IDLE_THRESHOLD_S,
    HELD_KINDS,
    UNKNOWN,
    Decision,
    Delivery,
    Presence,
    PresenceRules,
    decide,
    merge,
    obstacles,
    release,
)
from nightstretch.core.reminders import GRACE, ReminderKind

RULES = PresenceRules()
HERE = Presence(idle_s=3, locked=False, do_not_disturb=False, full_screen=False)
AWAY = Presence(idle_s=7 * 60)
LOCKED = Presence(locked=True)
BUSY = Presence(do_not_disturb=True)
FULL = Presence(full_screen=True)
DUE = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)

HOLDING = (ReminderKind.EVENING, ReminderKind.FOLLOWUP, ReminderKind.CHECKIN)
NUDGES = (ReminderKind.WATER, ReminderKind.MOVEMENT)


def test_every_kind_is_either_held_or_dropped_and_the_split_is_the_documented_one() -> None:
    assert set(HOLDING) | set(NUDGES) == set(ReminderKind)
    assert frozenset(HOLDING) == HELD_KINDS


# -- defaults -------------------------------------------------------------------------


def test_every_rule_is_on_by_default_with_a_five_minute_threshold() -> None:
    assert RULES.hold_when_away and RULES.hold_when_locked
    assert RULES.hold_when_busy and RULES.hold_when_full_screen
    assert RULES.idle_threshold_s == DEFAULT_IDLE_THRESHOLD_S == 300


@pytest.mark.parametrize("bad", [0, -1, math.nan, math.inf])
def test_a_threshold_that_could_never_or_always_hold_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="idle threshold"):
        PresenceRules(idle_threshold_s=bad)


# -- decide ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_present_shows_every_kind(kind: ReminderKind) -> None:
    decision = decide(kind, HERE, RULES)
    assert decision == Decision(Delivery.SHOW, "present (last input 3 seconds ago)")


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_unknown_never_holds_anything(kind: ReminderKind) -> None:
    """A desktop we cannot read behaves as before: the reminder shows."""
    assert decide(kind, UNKNOWN, RULES) == Decision(Delivery.SHOW, "presence unknown")


def test_known_flags_without_idle_say_present() -> None:
    presence = Presence(locked=False, do_not_disturb=False)
    assert decide(ReminderKind.EVENING, presence, RULES).reason == "present"


@pytest.mark.parametrize(
    ("presence", "reason"),
    [
        (AWAY, "away for 7 minutes"),
        (LOCKED, "screen locked"),
        (BUSY, "do not disturb is on"),
        (FULL, "a full-screen window is in front"),
    ],
)
@pytest.mark.parametrize("kind", HOLDING)
def test_evening_followup_and_checkin_are_held(
    kind: ReminderKind, presence: Presence, reason: str
) -> None:
    assert decide(kind, presence, RULES) == Decision(Delivery.HOLD, reason)


@pytest.mark.parametrize("presence", [AWAY, LOCKED, BUSY, FULL])
@pytest.mark.parametrize("kind", NUDGES)
def test_water_and_movement_nudges_are_dropped_not_stacked(
    kind: ReminderKind, presence: Presence
) -> None:
    decision = decide(kind, presence, RULES)
    assert decision.delivery is Delivery.DROP
    assert decision.reason == obstacles(presence, RULES)[0]


def test_idle_just_below_the_threshold_is_present_and_at_it_is_away() -> None:
    assert decide(ReminderKind.EVENING, Presence(idle_s=299.9), RULES).delivery is Delivery.SHOW
    assert decide(ReminderKind.EVENING, Presence(idle_s=300), RULES).delivery is Delivery.HOLD


def test_the_threshold_is_the_users() -> None:
    rules = PresenceRules(idle_threshold_s=60)
    assert decide(ReminderKind.EVENING, Presence(idle_s=61), rules).reason == "away for 1 minute"
    assert decide(ReminderKind.EVENING, Presence(idle_s=59), rules).delivery is Delivery.SHOW


@pytest.mark.parametrize(
    ("presence", "switch"),
    [
        (AWAY, "hold_when_away"),
        (LOCKED, "hold_when_locked"),
        (BUSY, "hold_when_busy"),
        (FULL, "hold_when_full_screen"),
    ],
)
@pytest.mark.parametrize("kind", list(ReminderKind))
def test_each_rule_switched_off_lets_the_reminder_through(
    kind: ReminderKind, presence: Presence, switch: str
) -> None:
    rules = PresenceRules(**{switch: False})
    assert decide(kind, presence, rules).delivery is Delivery.SHOW
    assert decide(kind, presence, RULES).delivery is not Delivery.SHOW


def test_switching_one_rule_off_leaves_the_others() -> None:
    both = Presence(idle_s=600, full_screen=True)
    decision = decide(ReminderKind.EVENING, both, PresenceRules(hold_when_away=False))
    assert decision == Decision(Delivery.HOLD, "a full-screen window is in front")


def test_every_reason_is_named_in_order_of_weight() -> None:
    everything = Presence(idle_s=2 * 3600, locked=True, do_not_disturb=True, full_screen=True)
    assert decide(ReminderKind.CHECKIN, everything, RULES).reason == (
        "screen locked, away for 2 hours, do not disturb is on, a full-screen window is in front"
    )


@pytest.mark.parametrize(
    ("idle", "said"),
    [
        (300, "5 minutes"),
        (359, "5 minutes"),
        (3600, "60 minutes"),
        (7200, "2 hours"),
        (7260, "121 minutes"),
        (3 * 3600 + 5, "3 hours"),
    ],
)
def test_away_time_reads_naturally(idle: float, said: str) -> None:
    assert obstacles(Presence(idle_s=idle), RULES) == (f"away for {said}",)


def test_no_false_flags_are_obstacles() -> None:
    assert obstacles(HERE, RULES) == ()


# -- release: a held reminder at a later look ------------------------------------------


def test_a_held_evening_reminder_shows_once_she_is_back_within_grace() -> None:
    later = DUE + timedelta(minutes=25)
    assert release(ReminderKind.EVENING, DUE, later, AWAY, RULES) == Decision(
        Delivery.HOLD, "away for 7 minutes"
    )
    assert release(ReminderKind.EVENING, DUE, later, HERE, RULES) == Decision(
        Delivery.SHOW, "back after 25 minutes"
    )


@pytest.mark.parametrize("kind", HOLDING)
def test_held_past_the_kinds_grace_is_missed_with_the_reason(kind: ReminderKind) -> None:
    at_edge = DUE + GRACE[kind]
    assert release(kind, DUE, at_edge, HERE, RULES).delivery is Delivery.SHOW
    past = at_edge + timedelta(seconds=1)
    decision = release(kind, DUE, past, LOCKED, RULES)
    assert decision.delivery is Delivery.MISSED
    assert decision.reason.startswith("held past its grace of ")
    assert decision.reason.endswith(" (screen locked)")


def test_missed_after_she_returned_too_late_names_only_the_grace() -> None:
    past = DUE + timedelta(hours=4)
    assert release(ReminderKind.CHECKIN, DUE, past, HERE, RULES) == Decision(
        Delivery.MISSED, "held past its grace of 3 hours"
    )


def test_release_with_the_clock_set_back_shows_rather_than_a_negative_delay() -> None:
    earlier = DUE - timedelta(minutes=5)
    assert release(ReminderKind.EVENING, DUE, earlier, HERE, RULES) == Decision(
        Delivery.SHOW, "back after 0 seconds"
    )


def test_release_with_unknown_presence_shows() -> None:
    """A backend that stopped answering must not keep a reminder held until it is missed."""
    later = DUE + timedelta(minutes=2)
    assert release(ReminderKind.EVENING, DUE, later, UNKNOWN, RULES).delivery is Delivery.SHOW


# -- merge: several backends, one answer -------------------------------------------------


def test_merge_of_nothing_is_unknown() -> None:
    assert merge([]) == UNKNOWN


def test_merge_takes_the_first_known_idle_time() -> None:
    assert merge([Presence(), Presence(idle_s=12), Presence(idle_s=900)]).idle_s == 12


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_merge_skips_nonsense_idle_times(bad: float) -> None:
    assert merge([Presence(idle_s=bad), Presence(idle_s=4)]).idle_s == 4
    assert merge([Presence(idle_s=bad)]).idle_s is None


@pytest.mark.parametrize("field", ["locked", "do_not_disturb", "full_screen"])
def test_merge_any_yes_wins_then_any_no_then_unknown(field: str) -> None:
    def p(value: bool | None) -> Presence:
        return Presence(**{field: value})

    assert getattr(merge([p(False), p(True), p(None)]), field) is True
    assert getattr(merge([p(True), p(False)]), field) is True
    assert getattr(merge([p(None), p(False)]), field) is False
    assert getattr(merge([p(None), p(None)]), field) is None


def test_merge_keeps_fields_apart() -> None:
    merged = merge(
        [Presence(idle_s=5), Presence(locked=False), Presence(do_not_disturb=True, locked=None)]
    )
    assert merged == Presence(idle_s=5, locked=False, do_not_disturb=True, full_screen=None)


def test_presence_is_frozen() -> None:
    with pytest.raises(AttributeError):
        HERE.locked = True  # type: ignore[misc]
