"""Everything the appointment report shows, read from the logbook in one snapshot.

The PDF writer (app/services/report.py) only lays this out, so what the report says can
be tested without Qt, and the History window's "Make a report..." and the command line
produce the same document from the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from nightstretch.core import stats
from nightstretch.core.clock import night_of
from nightstretch.core.i18n import _
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.stats import Insight, NightSummary, Streaks, WeekSummary
from nightstretch.store.logbook import Logbook
from nightstretch.store.nights import NightRows, nights_back, read_nights, summarize_rows
from nightstretch.store.report_attachments import Attachment
from nightstretch.store.rows import CrampRow, DiscussedRow, local_time, parse_utc
from nightstretch.store.visit import discussed, visit_note, warning_cramps

WEEKS_MIN, WEEKS_MAX = 1, 52
MAX_WEEK = 42

SIGNS = ("swelling", "redness", "warmth", "pain_not_easing")
"""The warning-sign flags of a cramp entry; ``report_text`` words them in her language."""


@dataclass(frozen=True)
class ReportCramp:
    """One cramp as the report lists it, in the local time it was logged with."""

    cramp_id: int
    happened: datetime
    night_date: str
    leg: str
    muscle: str
    severity: int
    duration_min: int | None
    helped: str | None
    warning_signs: tuple[str, ...]
    """Flag names from ``SIGNS``."""
    discussed: date | None = None
    """The day she marked it "discussed with my midwife or doctor" (warning signs only)."""

    @property
    def flagged(self) -> bool:
        """A warning sign not yet talked through: flagged in every report until marked."""
        return bool(self.warning_signs) and self.discussed is None


@dataclass(frozen=True)
class ReportData:
    """The report's content; counts over nights that are not marked paused or sick."""

    first_night: str
    last_night: str
    weeks: int
    pregnancy_weeks: tuple[int, int] | None
    """Completed weeks of pregnancy on the first and the last night, if a due date is known."""
    nights: tuple[NightSummary, ...]
    week_rows: tuple[WeekSummary, ...]
    cramps: tuple[ReportCramp, ...]
    routine_done: int
    routine_partial: int
    routine_none: int
    marked_nights: int
    cramp_nights: int
    reported_nights: int
    water_goal_ml: int
    water_days: int
    """Days with any water logged."""
    water_avg_ml: int | None
    """Average over the days with any water logged."""
    water_goal_days: int
    streaks: Streaks
    insight: Insight | None
    until: datetime | None = None
    """The moment the range ends ("up to now"); None: the last night is over."""
    made: datetime | None = None
    """When the report was made; equal to ``until`` for "up to now"."""
    attachments: tuple[Attachment, ...] = ()
    """The range's entries as files the PDF carries (CSV and JSON, the export's format)."""
    name: str = ""
    """Her name as she gave it (Settings or the report dialog); empty: not printed."""
    due: date | None = None
    note: str = ""
    """Her "to ask at my visit" note, as last saved."""
    earlier_warnings: tuple[ReportCramp, ...] = ()
    """Warning-sign cramps before the range not yet discussed: flagged until she marks them."""

    @property
    def warnings_listed(self) -> tuple[ReportCramp, ...]:
        """The warning-sign section: every one not yet discussed (from any date up to the
        end) and the range's discussed ones with their mark, in time order."""
        in_range = tuple(c for c in self.cramps if c.warning_signs)
        return self.earlier_warnings + in_range

    @property
    def cramps_logged(self) -> int:
        """Cramps logged as entries (with leg, time and severity)."""
        return sum(n.cramps_logged for n in self.nights)

    @property
    def cramps_total(self) -> int:
        """Per night the larger of the entries logged and the morning check-in answer."""
        return sum(n.cramps or 0 for n in self.nights)

    @property
    def cramps_from_checkins(self) -> int:
        """Cramps known only from check-in answers (more than the entries of that night)."""
        return self.cramps_total - self.cramps_logged

    @property
    def counted_nights(self) -> int:
        return self.routine_done + self.routine_partial + self.routine_none

    @property
    def adherence_pct(self) -> int | None:
        """Nights with the routine done, in percent of the counted nights."""
        if not self.counted_nights:
            return None
        return round(100 * self.routine_done / self.counted_nights)

    @property
    def warning_entries(self) -> int:
        return sum(1 for c in self.cramps if c.warning_signs)


def _pregnancy_weeks(due: date | None, first: str, last: str) -> tuple[int, int] | None:
    """Completed weeks on the first and last night (app/core/pregnancy.py rules).

    None when unknown or when the whole range lies outside the pregnancy; a range that
    starts before it clamps to week 0, one that runs past week 42 clamps to 42.
    """
    if due is None:
        return None
    pregnancy = Pregnancy(due=due)
    start = pregnancy.week_on(date.fromisoformat(first))
    end = pregnancy.week_on(date.fromisoformat(last))
    if end is None or (start is not None and start > MAX_WEEK):
        return None
    return (start or 0), min(end, MAX_WEEK)


class ReportError(Exception):
    """A report that cannot be written, worded for the person asking for it."""


def check_report_target(out: Path, overwrite: bool) -> None:
    """Checked before the logbook is opened or anything is drawn, so a refusal writes nothing.

    Like ``export``: an existing file is refused unless ``overwrite`` (``--force``).
    """
    if out.is_dir():
        raise ReportError(
            _("{path} is a folder; --out names the PDF file to write.").format(path=out)
        )
    if out.exists() and not overwrite:
        raise ReportError(
            _("{path} already exists; choose another name or use --force.").format(path=out)
        )
    if not out.parent.is_dir():
        raise ReportError(_("The folder {path} does not exist.").format(path=out.parent))


def _report_cramp(row: CrampRow, marks: dict[int, DiscussedRow]) -> ReportCramp:
    signs = tuple(flag for flag in SIGNS if getattr(row, flag))
    mark = marks.get(row.id) if signs else None
    return ReportCramp(
        cramp_id=row.id,
        happened=local_time(row.happened_utc, row.utc_offset_min),
        night_date=row.night_date,
        leg=row.leg,
        muscle=row.muscle,
        severity=row.severity,
        duration_min=row.duration_min,
        helped=row.helped,
        warning_signs=signs,
        discussed=None if mark is None else local_time(mark.at_utc, mark.utc_offset_min).date(),
    )


def _earlier_warnings(
    book: Logbook, first: str, marks: dict[int, DiscussedRow]
) -> tuple[ReportCramp, ...]:
    """Warning-sign cramps of nights before ``first`` that she has not marked discussed."""
    earlier = sorted(
        (c for c in warning_cramps(book) if c.night_date < first),
        key=lambda c: (c.happened_utc, c.id),
    )
    found = (_report_cramp(row, marks) for row in earlier)
    return tuple(c for c in found if c.flagged)


def _up_to(rows: NightRows, until: datetime) -> NightRows:
    """The rows of the range logged (or happened) no later than ``until``."""
    end = until.astimezone(UTC)
    checkins = [c for c in rows.checkins if parse_utc(c.answered_utc) <= end]
    return NightRows(
        sessions=[s for s in rows.sessions if parse_utc(s.started_utc) <= end],
        cramps=[c for c in rows.cramps if parse_utc(c.happened_utc) <= end],
        water=[w for w in rows.water if parse_utc(w.at_utc) <= end],
        checkins=checkins,
        marks=rows.marks,
    )


def build_report_data(
    book: Logbook,
    last_night: str,
    weeks: int,
    goal_ml: int,
    due_date: date | None = None,
    until: datetime | None = None,
    name: str = "",
) -> ReportData:
    """The ``weeks`` weeks (7 nights each) ending with ``last_night``.

    Without ``until``, ``last_night`` is treated as over: a routine not done that night
    breaks the streak. With ``until`` (the report's "up to now"), ``last_night`` is the
    night ``until`` falls in, entries after ``until`` are left out, and that night's
    routine, if not done yet, does not break the streak.
    """
    if not WEEKS_MIN <= weeks <= WEEKS_MAX:
        raise ValueError(f"weeks must be between {WEEKS_MIN} and {WEEKS_MAX} (got {weeks})")
    if until is not None:
        last_night = night_of(until)
    night_list = nights_back(last_night, weeks * 7)
    first = night_list[0]
    with book.reading():
        rows = read_nights(book, first, last_night)
        marks = discussed(book)
        earlier = _earlier_warnings(book, first, marks)
        note = visit_note(book)
    if until is not None:
        rows = _up_to(rows, until)
    summaries = summarize_rows(rows, night_list)
    counted = [n for n in summaries if n.mark is None]
    reported = [n for n in summaries if n.cramps is not None]
    watered = [n.water_ml for n in summaries if n.water_ml > 0]
    after_last = (date.fromisoformat(last_night) + timedelta(days=1)).isoformat()
    tonight = last_night if until is not None else after_last
    return ReportData(
        first_night=first,
        last_night=last_night,
        weeks=weeks,
        pregnancy_weeks=_pregnancy_weeks(due_date, first, last_night),
        nights=tuple(summaries),
        week_rows=tuple(stats.weeks(summaries)),
        cramps=tuple(
            sorted((_report_cramp(r, marks) for r in rows.cramps), key=lambda c: c.happened)
        ),
        routine_done=sum(n.routine == "done" for n in counted),
        routine_partial=sum(n.routine == "partial" for n in counted),
        routine_none=sum(n.routine == "none" for n in counted),
        marked_nights=len(summaries) - len(counted),
        cramp_nights=sum(1 for n in reported if n.cramps),
        reported_nights=len(reported),
        water_goal_ml=goal_ml,
        water_days=len(watered),
        water_avg_ml=round(sum(watered) / len(watered)) if watered else None,
        water_goal_days=sum(ml >= goal_ml for ml in watered),
        streaks=stats.streaks(summaries, tonight),
        insight=stats.insight(summaries),
        until=until,
        name=name.strip(),
        due=due_date,
        note=note.text if note is not None else "",
        earlier_warnings=earlier,
    )
