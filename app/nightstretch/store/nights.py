"""The nights read model: the logbook's rows grouped into one summary per night.

History, the report, ``nightstretch history`` and the tray all read nights through here,
so "did she stretch, how many cramps, how much water" is counted the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, TypeVar

from nightstretch.core.stats import NightSummary, RoutineState
from nightstretch.store.logbook import Logbook
from nightstretch.store.rows import CheckinRow, CrampRow, DayMarkRow, SessionRow, WaterRow


def nights_back(last_night: str, days: int) -> list[str]:
    """The ``days`` nights ending with ``last_night``, oldest first."""
    last = date.fromisoformat(last_night)
    return [(last - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]


@dataclass(frozen=True)
class NightRows:
    """The logbook rows of a range of nights, read in one snapshot."""

    sessions: list[SessionRow]
    cramps: list[CrampRow]
    water: list[WaterRow]
    checkins: list[CheckinRow]
    marks: list[DayMarkRow]


def read_nights(book: Logbook, first: str, last: str) -> NightRows:
    """Call inside ``book.reading()`` to share the snapshot with other reads."""
    return NightRows(
        sessions=book.sessions(first, last),
        cramps=book.cramps(first, last),
        water=book.water(first, last),
        checkins=book.checkins(first, last),
        marks=book.day_marks(first, last),
    )


def summarize_nights(book: Logbook, nights: list[str]) -> list[NightSummary]:
    with book.reading():
        rows = read_nights(book, nights[0], nights[-1])
    return summarize_rows(rows, nights)


def summarize_rows(rows: NightRows, nights: list[str]) -> list[NightSummary]:
    """One summary per night in ``nights``, from rows covering at least those nights."""
    sessions, cramps, water = rows.sessions, rows.cramps, rows.water
    checkins = {c.night_date: c.cramp_count for c in rows.checkins}
    marks = {m.night_date: m.mark for m in rows.marks}
    by_night_sessions = _by_night(sessions)
    by_night_cramps = _by_night(cramps)
    by_night_water = _by_night(water)
    summaries = []
    for night in nights:
        done = by_night_sessions.get(night, [])
        felt = by_night_cramps.get(night, [])
        drunk = [w.ml for w in by_night_water.get(night, [])]
        answered = checkins.get(night)
        routine: RoutineState = (
            "done" if any(s.status == "completed" for s in done) else "partial" if done else "none"
        )
        known = [n for n in (answered, len(felt) if felt else None) if n is not None]
        summaries.append(
            NightSummary(
                night_date=night,
                routine=routine,
                sessions=len(done),
                cramps=max(known) if known else None,
                cramps_logged=len(felt),
                checkin_cramps=answered,
                worst_severity=max((c.severity for c in felt), default=None),
                warning_signs=any(c.warning_signs for c in felt),
                water_ml=sum(drunk),
                water_entries=len(drunk),
                mark=marks.get(night),
            )
        )
    return summaries


class _HasNight(Protocol):
    @property
    def night_date(self) -> str: ...


_Row = TypeVar("_Row", bound=_HasNight)


def _by_night(rows: list[_Row]) -> dict[str, list[_Row]]:
    """Rows grouped by night, so a summary of years stays one pass over each table."""
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.night_date, []).append(row)
    return groups
