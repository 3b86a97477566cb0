"""The logbook's rows as Python sees them, and the time conversions every reader shares.

Times are stored as UTC text ("...Z") plus the local offset in minutes at that moment,
and each row carries the night it belongs to, fixed when it was logged: moving to
another time zone later never shifts old nights. ``local_time`` turns a stored time back
into the wall-clock time she remembers.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Literal

from nightstretch.core.entries import CrampEntry, Leg, Muscle
from nightstretch.store.rowcopy import CHECKS, VALID_SQL, RowProblem

SessionStatus = Literal["partial", "completed"]
WaterSource = Literal["app", "cli", "reminder", "tray"]
ReminderKind = Literal["evening", "hydration", "checkin", "movement"]
ReminderEvent = Literal[
    "scheduled", "shown", "started", "snoozed", "skipped", "done", "ignored", "missed", "held"
]
DayMark = Literal["paused", "sick"]


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_minutes(local: datetime) -> int:
    offset = local.utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def parse_utc(utc: str) -> datetime:
    """A stored ``...Z`` time. ``fromisoformat`` is several times quicker than ``strptime``,
    which is what History pays for on every row of five years of data."""
    moment = datetime.fromisoformat(utc)
    if moment.utcoffset() != timedelta(0):
        raise ValueError(f"not a UTC time: {utc!r}")
    return moment


@functools.lru_cache(maxsize=64)
def _fixed_zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def local_time(utc: str, offset_min: int) -> datetime:
    """The moment as the clock on the wall showed it when it was logged."""
    return parse_utc(utc).astimezone(_fixed_zone(offset_min))


def aware(moment: datetime, what: str) -> datetime:
    """A naive time has no offset, so it could not say which night it belongs to."""
    if moment.tzinfo is None:
        raise ValueError(f"{what} needs an aware datetime (local time with its offset)")
    return moment


@dataclass(frozen=True)
class SessionRow:
    id: int
    routine_id: str
    started_utc: str
    ended_utc: str | None
    utc_offset_min: int
    night_date: str
    steps_done: int
    steps_total: int
    status: SessionStatus
    feeling: str | None
    source: str


@dataclass(frozen=True)
class WaterRow:
    id: int
    at_utc: str
    utc_offset_min: int
    night_date: str
    ml: int
    source: str


@dataclass(frozen=True)
class CrampRow:
    id: int
    happened_utc: str
    logged_utc: str
    utc_offset_min: int
    night_date: str
    leg: Leg
    muscle: Muscle
    severity: int
    duration_min: int | None
    helped: str | None
    swelling: bool
    redness: bool
    warmth: bool
    pain_not_easing: bool

    @property
    def warning_signs(self) -> bool:
        return self.swelling or self.redness or self.warmth or self.pain_not_easing


@dataclass(frozen=True)
class CheckinRow:
    id: int
    night_date: str
    answered_utc: str
    utc_offset_min: int
    cramp_count: int


@dataclass(frozen=True)
class ReminderEventRow:
    id: int
    at_utc: str
    utc_offset_min: int
    kind: str
    event: ReminderEvent
    detail: str | None


@dataclass(frozen=True)
class DayMarkRow:
    night_date: str
    mark: DayMark


@dataclass(frozen=True)
class DiscussedRow:
    """A warning-sign cramp she has talked through with her midwife or doctor."""

    cramp_id: int
    at_utc: str
    utc_offset_min: int


@dataclass(frozen=True)
class VisitNoteRow:
    """What she wants to ask at her next visit, as she last saved it."""

    id: int
    written_utc: str
    utc_offset_min: int
    text: str


LoggedRow = SessionRow | WaterRow | CrampRow | CheckinRow | DayMarkRow
"""The rows History edits and deletes, and so may put back."""

TABLE_OF: dict[type, str] = {
    SessionRow: "sessions",
    WaterRow: "water",
    CrampRow: "cramps",
    CheckinRow: "checkins",
    DayMarkRow: "day_marks",
}

_CRAMP_FLAGS = ("swelling", "redness", "warmth", "pain_not_easing")


VALID = "ns_valid"
"""The column ``select_valid`` adds: 1 where SQLite already vouched for the whole row."""


def select_valid(table: str) -> str:
    """``SELECT`` every column of ``table`` plus ``VALID``, for ``checked``'s quick path."""
    return f"SELECT *, ({VALID_SQL[table]}) AS {VALID} FROM {table}"


def checked(table: str, rows: Iterable[sqlite3.Row]) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows a reader can trust, and the keys of those it cannot.

    A row written around the app (raw SQL, a damaged page that still passes
    ``quick_check``) is held to the checks a restored row passes, so a bad time is
    skipped and counted instead of crashing History, an export or the report. A row read
    with ``select_valid`` that SQLite vouched for skips the per-value Python checks: on
    five years of data they cost History about 40 ms of its first paint.
    """
    check = CHECKS[table]
    good: list[dict[str, Any]] = []
    bad: list[str] = []
    for row in rows:
        values = dict(row)
        if values.pop(VALID, 0) == 1:
            good.append(values)
            continue
        try:
            good.append(check(values))
        except (RowProblem, KeyError):
            key = next((values[k] for k in ("id", "night_date", "cramp_id") if k in values), None)
            bad.append(str(key))
    return good, bad


def cramp_row(row: sqlite3.Row | dict[str, Any]) -> CrampRow:
    """SQLite has no booleans: the warning-sign flags come back as 0 and 1."""
    values = dict(row)
    for flag in _CRAMP_FLAGS:
        values[flag] = bool(values[flag])
    return CrampRow(**values)


def cramp_entry(c: CrampRow) -> CrampEntry:
    """The row as the cramp dialog edits it, in the local time it was logged with."""
    return CrampEntry(
        happened=local_time(c.happened_utc, c.utc_offset_min),
        leg=c.leg,
        severity=c.severity,
        muscle=c.muscle,
        duration_min=c.duration_min,
        helped=c.helped,
        swelling=c.swelling,
        redness=c.redness,
        warmth=c.warmth,
        pain_not_easing=c.pain_not_easing,
    )
