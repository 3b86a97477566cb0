"""Checks for what a person logs: one calm line per problem, so nothing bad is ever written.

The same rules serve the command line, the tray and the check-in card, and the logbook
re-checks them, so a value that passes here also passes the database's CHECK constraints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from nightstretch.core.clock import night_of
from nightstretch.core.i18n import N_, _, pgettext

Leg = Literal["left", "right", "both"]
Muscle = Literal["calf", "foot", "thigh"]

LEGS: dict[str, Leg] = {"left": "left", "right": "right", "both": "both"}
MUSCLES: dict[str, Muscle] = {"calf": "calf", "foot": "foot", "thigh": "thigh"}

GLASS_ML = 250
ML_MIN, ML_MAX = 1, 2000
SEVERITY_MIN, SEVERITY_MAX = 1, 10
MINUTES_MIN, MINUTES_MAX = 0, 240
CRAMP_COUNT_MAX = 50
HELPED_MAX_CHARS = 200
VISIT_NOTE_MAX = 2000
"""About a page of questions: enough for a visit, short enough to print in the report's box."""
FUTURE_SLACK = timedelta(minutes=5)
"""Clocks on two devices disagree a little; a few minutes ahead is not a typo."""
EARLIEST = datetime(2000, 1, 1)
"""Nothing she logs is older than this; older is a typo (``0900-06-01``) that the logbook's
four-digit-year ISO times and every reader after it could not handle."""
LAST_NIGHT_UNTIL_HOUR = 11
LAST_NIGHT_HOUR = 3


class EntryError(ValueError):
    """A value the person typed that cannot be logged, worded as one line for them."""


def whole_number(text: str) -> int:
    """A number as typed: ASCII digits only, so ``1_000``, ``١٢`` or ``+5`` is not a number.

    A leading minus is read, so that the range check can say what the range is.
    """
    stripped = text.strip()
    digits = stripped[1:] if stripped.startswith("-") else stripped
    if not digits.isascii() or not digits.isdigit():
        raise EntryError(
            _('"{text}" is not a whole number written with the digits 0-9').format(text=text)
        )
    return int(stripped)


def check_range(name: str, value: int, low: int, high: int, unit: str = "") -> int:
    """``name`` is English marked with ``N_`` (translated here); ``unit`` is already worded."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise EntryError(
            _("{name} must be a whole number (got {value!r})").format(name=_(name), value=value)
        )
    if not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise EntryError(
            _("{name} must be between {low} and {high}{unit} (got {value})").format(
                name=_(name), low=low, high=high, unit=suffix, value=value
            )
        )
    return value


def water_ml(value: int | None = None) -> int:
    """No amount means one glass: the common case is one tap."""
    return (
        GLASS_ML
        if value is None
        else check_range(N_("water"), value, ML_MIN, ML_MAX, pgettext("unit", "ml"))
    )


def severity(value: int) -> int:
    return check_range(N_("severity"), value, SEVERITY_MIN, SEVERITY_MAX)


def minutes(value: int | None) -> int | None:
    return None if value is None else check_range(N_("minutes"), value, MINUTES_MIN, MINUTES_MAX)


def cramp_count(value: int) -> int:
    return check_range(N_("the number of cramps"), value, 0, CRAMP_COUNT_MAX)


def visit_note(text: str) -> str:
    """What she wants to ask, without the blank lines around it; empty clears the note."""
    text = text.strip()
    if len(text) > VISIT_NOTE_MAX:
        raise EntryError(
            _("The note is {length} characters long; the most it can hold is {limit}.").format(
                length=len(text), limit=VISIT_NOTE_MAX
            )
        )
    return text


def leg(value: str) -> Leg:
    if value not in LEGS:
        raise EntryError(
            _('leg must be one of {choices} (got "{value}")').format(
                choices=", ".join(LEGS), value=value
            )
        )
    return LEGS[value]


def muscle(value: str) -> Muscle:
    if value not in MUSCLES:
        raise EntryError(
            _('muscle must be one of {choices} (got "{value}")').format(
                choices=", ".join(MUSCLES), value=value
            )
        )
    return MUSCLES[value]


def helped(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    if len(text) > HELPED_MAX_CHARS:
        raise EntryError(_("what helped must be at most {n} characters").format(n=HELPED_MAX_CHARS))
    return text


def night_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise EntryError(
            _('the night must be a date like 2026-11-21 (got "{value}")').format(value=value)
        ) from None


def localize(naive: datetime, zone: tzinfo | None = None) -> datetime:
    """A wall-clock time in ``zone``, or in the system's zone (with its DST rules) if None."""
    if zone is not None:
        return naive.replace(tzinfo=zone)
    return naive.astimezone()


def to_local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def not_in_future(moment: datetime, now: datetime) -> datetime:
    if moment > now + FUTURE_SLACK:
        shown = moment.strftime("%Y-%m-%d %H:%M")
        raise EntryError(_("the time {time} is in the future").format(time=shown))
    return moment


def parse_at(text: str, now: datetime, zone: tzinfo | None = None) -> datetime:
    """An ISO time as typed; without an offset it is local time, as a person means it.

    Bounded on both sides before any zone arithmetic, which overflows near years 1 and 9999.
    """
    shape = _('the time must look like 2026-11-22T03:10 or "2026-11-22 03:10" (got "{text}")')
    shape = shape.format(text=text)
    if not text.isascii():
        raise EntryError(shape)
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise EntryError(shape) from None
    naive = parsed.replace(tzinfo=None)
    if naive < EARLIEST:
        raise EntryError(
            _("the time must be in {year} or later (got {day})").format(
                year=EARLIEST.year, day=naive.date().isoformat()
            )
        )
    if naive > now.replace(tzinfo=None) + timedelta(days=2):
        raise EntryError(
            _("the time {time} is in the future").format(time=f"{naive:%Y-%m-%d %H:%M}")
        )
    local = localize(parsed, zone) if parsed.tzinfo is None else to_local(parsed, zone)
    return not_in_future(local, now)


def default_cramp_time(now_local: datetime, zone: tzinfo | None = None) -> datetime:
    """Logged in the morning, a cramp is usually last night's: 03:00 of the night just passed.

    Before 03:00 that moment has not come yet, so the cramp is happening now.
    """
    if now_local.hour >= LAST_NIGHT_UNTIL_HOUR:
        return now_local
    zone = zone if zone is not None else now_local.tzinfo
    candidate = localize(datetime.combine(now_local.date(), time(LAST_NIGHT_HOUR)), zone)
    return min(candidate, now_local)


def last_night(now_local: datetime) -> str:
    """The night a morning check-in asks about; at 02:00 that is the night still going on."""
    return (now_local.date() - timedelta(days=1)).isoformat()


@dataclass(frozen=True)
class CrampEntry:
    """A checked cramp: constructing one with a bad value raises ``EntryError``."""

    happened: datetime
    leg: Leg
    severity: int
    muscle: Muscle = "calf"
    duration_min: int | None = None
    helped: str | None = None
    swelling: bool = False
    redness: bool = False
    warmth: bool = False
    pain_not_easing: bool = False

    def __post_init__(self) -> None:
        if self.happened.tzinfo is None:
            raise ValueError("a cramp needs an aware datetime (local time with its offset)")
        leg(self.leg)
        muscle(self.muscle)
        severity(self.severity)
        minutes(self.duration_min)
        object.__setattr__(self, "helped", helped(self.helped))

    @property
    def night_date(self) -> str:
        return night_of(self.happened)

    @property
    def warning_signs(self) -> tuple[str, ...]:
        """The ticked signs, in the words the guidance uses (English: ``_()`` each to show it)."""
        signs = (
            (N_("swelling"), self.swelling),
            (N_("redness"), self.redness),
            (N_("warmth"), self.warmth),
            (N_("pain that does not ease"), self.pain_not_easing),
        )
        return tuple(name for name, ticked in signs if ticked)
