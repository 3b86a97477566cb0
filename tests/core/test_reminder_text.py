"""Every reminder text and button, written once in core for the card and the notification."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from nightstretch.core.reminder_protocol import ANSWERS
from nightstretch.core.reminder_text import (
    BUTTONS,
    DEFAULT_TIMEOUT_MS,
    ReminderContext,
    message_for,
)
from nightstretch.core.reminders import Due, ReminderAction, ReminderKey, ReminderKind

AT = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)


def due(kind: ReminderKind, key: str = "") -> Due:
    return Due(kind, AT, key or f"{kind.value}:2026-11-21", "2026-11-21")


def test_evening_text_names_bedtime_and_routine_length() -> None:
    context = ReminderContext(
        bedtime="22:30", routine_title="The pre-bed routine", routine_length="9 minutes"
    )
    message = message_for(due(ReminderKind.EVENING), context)
    assert message.title == "Time for your calf stretch"
    assert message.body == "Bedtime is at 22:30. The pre-bed routine takes 9 minutes."
    assert message.buttons == BUTTONS[ReminderKind.EVENING]
    assert message.buttons[0][0] is ReminderAction.START_NOW
    snoozed = message_for(due(ReminderKind.EVENING, "evening-snooze:2026-11-21@22:10"), context)
    assert snoozed.title == "Ready for your calf stretch?"
    followup = message_for(due(ReminderKind.FOLLOWUP), context)
    assert "In 10 min" in followup.body and followup.buttons == message.buttons


def test_daytime_texts_are_short_and_carry_their_buttons() -> None:
    context = ReminderContext(water_ml=1000, water_goal_ml=2000)
    water = message_for(due(ReminderKind.WATER), context)
    assert water.title == "Time for a glass of water"
    assert "1.0 of 2.0 litres" in water.body
    assert [a for a, _ in water.buttons] == [
        ReminderAction.GLASS,
        ReminderAction.LATER,
        ReminderAction.DISMISS,
    ]
    checkin = message_for(due(ReminderKind.CHECKIN), context)
    assert checkin.body.startswith("Any leg cramps last night?")
    assert [label for _, label in checkin.buttons] == ["No cramps", "Log a cramp"]
    for kind in ReminderKind:
        message = message_for(due(kind), context)
        assert len(message.title) <= 40 and len(message.body) <= 160
        assert "magnesium" not in message.body.lower()


def test_the_buttons_read_as_in_the_readme() -> None:
    labels = {kind: [label for _, label in buttons] for kind, buttons in BUTTONS.items()}
    assert labels == {
        ReminderKind.EVENING: ["Start now", "In 10 min", "Skip tonight", "Already done"],
        ReminderKind.FOLLOWUP: ["Start now", "In 10 min", "Skip tonight", "Already done"],
        ReminderKind.WATER: ["+1 glass", "Later", "Dismiss"],
        ReminderKind.CHECKIN: ["No cramps", "Log a cramp"],
        ReminderKind.MOVEMENT: ["Done", "Later"],
    }


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_every_button_is_an_answer_the_protocol_takes(kind: ReminderKind) -> None:
    assert tuple(action for action, _ in BUTTONS[kind]) == ANSWERS[kind]


def test_full_texts_of_the_follow_up_water_and_movement() -> None:
    context = ReminderContext(bedtime="23:00", routine_title="Quick calf", routine_length="3 min")
    followup = message_for(due(ReminderKind.FOLLOWUP), context)
    assert followup.title == "Still time for a short stretch"
    assert followup.body == (
        "Bedtime is at 23:00. Quick calf takes 3 min. Or choose “In 10 min” if now is not good."
    )
    water = message_for(due(ReminderKind.WATER), ReminderContext(water_ml=1250))
    assert water.body == ("So far today: 1.2 of 2.0 litres. Small sips through the day count too.")
    movement = message_for(due(ReminderKind.MOVEMENT), context)
    assert (movement.title, movement.kind) == ("Time to move a little", ReminderKind.MOVEMENT)


def test_a_planned_repeat_is_told_apart_by_its_key_not_its_spelling() -> None:
    until = datetime(2026, 11, 21, 22, 10, 30, tzinfo=UTC)
    repeat = Due.of(ReminderKey.snooze("2026-11-21", until, ZoneInfo("America/New_York")), until)
    message = message_for(repeat, ReminderContext())
    assert message.key == "evening-snooze:2026-11-21@17:10-05:00"
    assert message.title == "Ready for your calf stretch?"
    # a name no planner writes is still shown, as the first reminder
    odd = message_for(due(ReminderKind.EVENING, "evening:tonight"), ReminderContext())
    assert odd.title == "Time for your calf stretch"


def test_an_unanswered_reminder_stays_five_minutes() -> None:
    assert DEFAULT_TIMEOUT_MS == 300_000


def test_urgency_is_normal_for_evening_and_check_in_and_low_for_nudges() -> None:
    urgency = {kind: message_for(due(kind), ReminderContext()).urgency for kind in ReminderKind}
    assert urgency == {
        ReminderKind.EVENING: 1,
        ReminderKind.FOLLOWUP: 1,
        ReminderKind.CHECKIN: 1,
        ReminderKind.WATER: 0,
        ReminderKind.MOVEMENT: 0,
    }


def test_a_click_on_the_body_starts_the_evening_and_opens_the_others() -> None:
    clicks = {kind: message_for(due(kind), ReminderContext()).on_click for kind in ReminderKind}
    assert clicks[ReminderKind.EVENING] is ReminderAction.START_NOW
    assert clicks[ReminderKind.FOLLOWUP] is ReminderAction.START_NOW
    assert {clicks[k] for k in (ReminderKind.WATER, ReminderKind.CHECKIN)} == {None}


def test_the_check_in_says_what_is_logged_and_asks_for_more() -> None:
    checkin = due(ReminderKind.CHECKIN, "checkin:2026-11-22")
    plain = message_for(checkin, ReminderContext())
    assert plain.body == "Any leg cramps last night? One tap is enough."
    one = message_for(checkin, ReminderContext(night_cramps=1))
    assert one.body == "Already logged for last night: 1 cramp. Were there any more?"
    assert [label for _, label in one.buttons] == ["No more", "Log another"]
    assert [action for action, _ in one.buttons] == list(ANSWERS[ReminderKind.CHECKIN])
    two = message_for(checkin, ReminderContext(night_cramps=2))
    assert "2 cramps" in two.body


def test_context_for_names_that_nights_bedtime_and_only_a_checkin_counts_cramps() -> None:
    from datetime import UTC, datetime, time

    from nightstretch.core.reminder_text import context_for
    from nightstretch.core.reminders import Due, ReminderConfig, ReminderKind

    config = ReminderConfig(bedtime=time(22, 30), bedtimes=((4, time(23, 45)),), water_goal_ml=1800)
    friday = Due(
        ReminderKind.EVENING,
        datetime(2026, 11, 27, 21, tzinfo=UTC),
        "evening:2026-11-27",
        "2026-11-27",
    )
    context = context_for(friday, config, None, 750, night_cramps=2)
    assert (context.bedtime, context.water_ml, context.water_goal_ml) == ("23:45", 750, 1800)
    assert context.night_cramps == 0 and context.routine_length == ""
    checkin = Due(
        ReminderKind.CHECKIN,
        datetime(2026, 11, 28, 8, 30, tzinfo=UTC),
        "checkin:2026-11-27",
        "2026-11-27",
    )
    assert context_for(checkin, config, None, 0, night_cramps=2).night_cramps == 2
