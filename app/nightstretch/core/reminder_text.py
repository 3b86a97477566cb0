"""What a reminder says: its title, body and buttons, for the card and the desktop notification.

A view model without Qt: the composition root fills ``ReminderContext`` from settings and
the logbook, ``message_for`` writes every reminder text, and both backends (our card,
``org.freedesktop.Notifications``) draw the ``ReminderMessage`` they get. Numbers and times
come from ``core/wording.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nightstretch.core import wording
from nightstretch.core.i18n import N_, _
from nightstretch.core.reminder_protocol import ANSWERS
from nightstretch.core.reminders import (
    SNOOZE_MINUTES,
    Due,
    ReminderAction,
    ReminderConfig,
    ReminderKind,
)
from nightstretch.core.routine import Routine, format_duration
from nightstretch.core.timeline import routine_length_s

DEFAULT_TIMEOUT_MS = 5 * 60 * 1000
"""How long a reminder stays answerable before it counts as ignored (card and notification).

A desktop notification the server closed earlier (dunst after 10 s) is still answerable
until then, from the tray and the status popup."""

LOW, NORMAL = 0, 1
URGENCY: dict[ReminderKind, int] = {
    ReminderKind.EVENING: NORMAL,
    ReminderKind.FOLLOWUP: NORMAL,
    ReminderKind.CHECKIN: NORMAL,
    ReminderKind.WATER: LOW,
    ReminderKind.MOVEMENT: LOW,
}
"""The notification ``urgency`` hint per kind: nudges through the day are low."""

_LABELS: dict[ReminderAction, str] = {
    ReminderAction.START_NOW: N_("Start now"),
    ReminderAction.SNOOZE: N_("In {minutes} min"),
    ReminderAction.SKIP: N_("Skip tonight"),
    ReminderAction.ALREADY_DONE: N_("Already done"),
    ReminderAction.GLASS: N_("+1 glass"),
    ReminderAction.LATER: N_("Later"),
    ReminderAction.DISMISS: N_("Dismiss"),
    ReminderAction.NO_CRAMPS: N_("No cramps"),
    ReminderAction.LOG_CRAMP: N_("Log a cramp"),
}
"""The English labels, marked for the catalogue; ``label`` translates them when shown."""


def label(action: ReminderAction, kind: ReminderKind | None = None) -> str:
    """A button's label in her language."""
    # A movement break is dismissed by having moved: its button reads "Done".
    if kind is ReminderKind.MOVEMENT and action is ReminderAction.DISMISS:
        return _("Done")
    return _(_LABELS[action]).format(minutes=SNOOZE_MINUTES)


def buttons(kind: ReminderKind) -> tuple[tuple[ReminderAction, str], ...]:
    """The buttons of one kind as (action, label), first is the default; the protocol's
    answers, worded in the language in use now."""
    return tuple((action, label(action, kind)) for action in ANSWERS[kind])


BUTTONS: dict[ReminderKind, tuple[tuple[ReminderAction, str], ...]] = {
    kind: buttons(kind) for kind in ANSWERS
}
"""The buttons per kind in English, as at import; a message uses ``buttons`` instead."""


def checkin_more() -> tuple[tuple[ReminderAction, str], ...]:
    """The check-in's buttons when cramps are already logged for that night."""
    return ((ReminderAction.NO_CRAMPS, _("No more")), (ReminderAction.LOG_CRAMP, _("Log another")))


CHECKIN_MORE = checkin_more()


@dataclass(frozen=True)
class ReminderMessage:
    """Everything a backend needs to show one reminder; plain data, no Qt."""

    key: str
    """The reminder's ``Due.key``; the backend hands it back with the answer."""
    kind: ReminderKind
    title: str
    body: str
    buttons: tuple[tuple[ReminderAction, str], ...]
    """(action, label) pairs; the first is the default answer."""
    urgency: int = NORMAL
    """0 low, 1 normal (the notification hint; the card ignores it)."""

    @property
    def on_click(self) -> ReminderAction | None:
        """What a click on a notification's body does: "Start now" opens the player;
        for the others (None) the card opens with the same buttons."""
        first = self.buttons[0][0] if self.buttons else None
        return first if first is ReminderAction.START_NOW else None


@dataclass(frozen=True)
class ReminderContext:
    """What the reminder texts mention; the composition root fills it from settings/logbook."""

    bedtime: str = "22:30"
    """Tonight's bedtime as local HH:MM."""
    routine_title: str = "The pre-bed routine"
    routine_length: str = "9 minutes"
    water_ml: int = 0
    water_goal_ml: int = 2000
    night_cramps: int = 0
    """Cramps already logged for the night the check-in asks about."""


def context_for(
    due: Due,
    config: ReminderConfig,
    routine: Routine | None,
    water_ml: int,
    night_cramps: int = 0,
) -> ReminderContext:
    """The facts one reminder mentions: that night's bedtime, the routine, water so far."""
    bedtime = config.bedtime_on(date.fromisoformat(due.night).weekday())
    return ReminderContext(
        bedtime=bedtime.strftime("%H:%M"),
        routine_title=routine.title if routine else _("The pre-bed routine"),
        routine_length=format_duration(routine_length_s(routine)) if routine else "",
        water_ml=water_ml,
        water_goal_ml=config.water_goal_ml,
        night_cramps=night_cramps if due.kind is ReminderKind.CHECKIN else 0,
    )


def message_for(due: Due, context: ReminderContext) -> ReminderMessage:
    """The title, body and buttons for one reminder: every reminder text lives here.

    Calm and short: she may be tired, and the card is small. No promises, no advice
    beyond what the routine itself does.
    """
    routine = _("{routine} takes {length}.").format(
        routine=context.routine_title, length=context.routine_length
    )
    bedtime = _("Bedtime is at {time}.").format(time=context.bedtime)
    kind = due.kind
    ref = due.ref
    if kind is ReminderKind.EVENING and ref is not None and ref.repeat:
        title = _("Ready for your calf stretch?")
        body = f"{bedtime} {routine}"
    elif kind is ReminderKind.EVENING:
        title = _("Time for your calf stretch")
        body = f"{bedtime} {routine}"
    elif kind is ReminderKind.FOLLOWUP:
        title = _("Still time for a short stretch")
        snooze = _("Or choose “{button}” if now is not good.").format(
            button=label(ReminderAction.SNOOZE)
        )
        body = f"{bedtime} {routine} {snooze}"
    elif kind is ReminderKind.WATER:
        title = _("Time for a glass of water")
        body = _(
            "So far today: {water} of {goal} litres. Small sips through the day count too."
        ).format(
            water=wording.litres_number(context.water_ml),
            goal=wording.litres_number(context.water_goal_ml),
        )
    elif kind is ReminderKind.CHECKIN and context.night_cramps:
        title = _("Good morning")
        logged = wording.count(context.night_cramps, "cramp")
        body = _("Already logged for last night: {cramps}. Were there any more?").format(
            cramps=logged
        )
        return ReminderMessage(due.key, kind, title, body, checkin_more(), URGENCY[kind])
    elif kind is ReminderKind.CHECKIN:
        title = _("Good morning")
        body = _("Any leg cramps last night? One tap is enough.")
    else:
        title = _("Time to move a little")
        body = _("Stand up, walk a few steps and circle each ankle a few times.")
    return ReminderMessage(due.key, kind, title, body, buttons(kind), URGENCY[kind])
