"""The gate between "due" and "shown": held while she is away, shown once on return."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nightstretch.core.presence import Presence, PresenceRules
from nightstretch.core.reminder_gate import gate
from nightstretch.core.reminders import Due, ReminderKind

NOW = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)
HERE = Presence(idle_s=5, locked=False, do_not_disturb=False, full_screen=False)
AWAY = Presence(idle_s=900, locked=False, do_not_disturb=False, full_screen=False)
LOCKED = Presence(idle_s=None, locked=True, do_not_disturb=None, full_screen=None)
UNKNOWN = Presence(idle_s=None, locked=None, do_not_disturb=None, full_screen=None)
RULES = PresenceRules()

EVENING = Due(ReminderKind.EVENING, NOW, "evening:2026-11-30", "2026-11-30")
WATER = Due(ReminderKind.WATER, NOW, "water:2026-11-30T22:00", "2026-11-30")


def test_she_is_here_so_it_shows() -> None:
    result = gate([EVENING, WATER], [], NOW, HERE, RULES)
    assert result.show == (EVENING, WATER)
    assert result.held == () and result.missed == () and result.noted == ()


def test_unknown_presence_never_delays() -> None:
    assert gate([EVENING], [], NOW, UNKNOWN, RULES).show == (EVENING,)


def test_away_holds_the_evening_and_drops_water() -> None:
    result = gate([EVENING, WATER], [], NOW, AWAY, RULES)
    assert result.show == ()
    assert result.held == (EVENING,)
    assert result.missed == (WATER,)
    assert [(n.due.key, n.event) for n in result.noted] == [
        ("evening:2026-11-30", "held"),
        ("water:2026-11-30T22:00", "missed"),
    ]
    assert "away" in result.noted[0].reason


def test_held_is_shown_once_when_she_is_back() -> None:
    later = NOW + timedelta(minutes=25)
    still = gate([], [EVENING], later, LOCKED, RULES)
    assert still.held == (EVENING,) and still.show == () and still.noted == ()
    back = gate([EVENING], [EVENING], later, HERE, RULES)  # found again: not shown twice
    assert back.show == (EVENING,)
    assert back.held == ()
    assert [n.event for n in back.released] == ["shown"]


def test_held_past_its_grace_is_missed_with_the_reason() -> None:
    result = gate([], [EVENING], NOW + timedelta(hours=3), LOCKED, RULES)
    assert result.missed == (EVENING,) and result.held == ()
    assert result.noted[0].event == "missed" and "grace" in result.noted[0].reason


def test_a_rule_switched_off_lets_it_through() -> None:
    rules = PresenceRules(hold_when_locked=False)
    assert gate([EVENING], [], NOW, LOCKED, rules).show == (EVENING,)
