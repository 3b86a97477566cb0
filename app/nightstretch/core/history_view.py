"""What the History window draws, worded once per change: frozen views built by pure functions.

``HistoryController`` (services) reads the logbook and the undo stack, then hands the facts
to these functions; the window only paints the result. Nothing here reads a clock: the
night "tonight" is passed in, so every text can be tested with plain data and no Qt.

Logbook rows arrive through the small ``*Facts`` protocols (the attributes these functions
read), because the row classes live one floor up in the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

from nightstretch.core import stats, wording
from nightstretch.core.entries import CrampEntry
from nightstretch.core.i18n import N_, _, ngettext
from nightstretch.core.routine import FEELINGS
from nightstretch.core.stats import NightSummary

WEEKS_SHOWN = 12
ENTRY_PAGE_NIGHTS = 28
"""Nights of entries listed per page: a month is what a person looks back on."""
WATER_DAYS_SHOWN = 14

EntryKind = Literal["session", "water", "cramp", "checkin"]
CellState = Literal["done", "partial", "none", "paused", "sick", "future"]

KIND_LABELS: dict[EntryKind, str] = {
    "session": N_("Routine"),
    "water": N_("Water"),
    "cramp": N_("Cramp"),
    "checkin": N_("Check-in"),
}
"""English, marked, like every table here: ``_(words)`` when worded."""
ROUTINE_WORDS = {
    "done": N_("routine done"),
    "partial": N_("routine started"),
    "none": N_("no routine"),
}
MARK_WORDS = {
    "paused": N_("marked paused: not counted"),
    "sick": N_("marked sick: not counted"),
}
LEG_WORDS = {
    ("left", "calf"): N_("left calf"),
    ("left", "foot"): N_("left foot"),
    ("left", "thigh"): N_("left thigh"),
    ("right", "calf"): N_("right calf"),
    ("right", "foot"): N_("right foot"),
    ("right", "thigh"): N_("right thigh"),
}


@dataclass(frozen=True)
class EntryRef:
    """Which row an entry in the list is: the table and its id."""

    kind: EntryKind
    id: int


@dataclass(frozen=True)
class WaterEdit:
    ml: int
    at: datetime


@dataclass(frozen=True)
class CheckinEdit:
    cramp_count: int


EntryEdit = CrampEntry | WaterEdit | CheckinEdit


@dataclass(frozen=True)
class EntryItem:
    """One line of the entry list, worded; the edit fields pre-fill the edit controls."""

    ref: EntryRef
    when: str
    what: str
    details: str
    warning: bool
    sort_key: str
    cramp: CrampEntry | None = None
    water_ml: int | None = None
    water_at: datetime | None = None
    checkin_count: int | None = None
    flag: str = ""
    """A warning-sign cramp not yet discussed: a word shown before it, never colour alone."""
    discussed_at: datetime | None = None

    @property
    def editable(self) -> bool:
        return self.ref.kind != "session"

    @property
    def flagged(self) -> bool:
        return bool(self.flag)


@dataclass(frozen=True)
class NightCell:
    night_date: str
    state: CellState
    cramps: int | None
    warning: bool
    tooltip: str


@dataclass(frozen=True)
class WeekBar:
    label: str
    cramp_nights: int
    reported_nights: int
    routine_done: int
    counted: int


@dataclass(frozen=True)
class WaterDay:
    label: str
    ml: int
    met: bool


@dataclass(frozen=True)
class HistoryView:
    """Everything the History window draws, computed once per change."""

    tonight: str
    cells: tuple[NightCell, ...]
    """``WEEKS_SHOWN`` weeks Monday to Sunday, oldest week first, 7 cells per week."""
    streak_current: int
    streak_best: int
    score: float
    weeks: tuple[WeekBar, ...]
    water_goal_ml: int
    water: tuple[WaterDay, ...]
    insight: str | None
    entries: tuple[EntryItem, ...]
    entries_since: str
    more_entries: bool
    can_undo: bool
    undo_text: str
    undiscussed: int = 0
    """Warning-sign cramps of any date not yet marked discussed (the report flags them all)."""
    warnings_only: bool = False
    """The list shows every warning-sign cramp of any date instead of the recent entries."""

    @property
    def warning_line(self) -> str:
        """The line above the entries; empty when there is nothing to say."""
        if self.warnings_only:
            return _("Showing every entry with warning signs, of any date.")
        if not self.undiscussed:
            return ""
        return ngettext(
            "⚠ {n} entry with warning signs not yet discussed",
            "⚠ {n} entries with warning signs not yet discussed",
            self.undiscussed,
        ).format(n=self.undiscussed)

    @property
    def warnings_heading(self) -> str:
        return _("Entries with warning signs")

    @property
    def warning_action(self) -> str:
        return _("Show all entries") if self.warnings_only else _("Show them")


class SessionFacts(Protocol):
    """What the entry list reads of a routine session row."""

    @property
    def id(self) -> int: ...
    @property
    def started_utc(self) -> str: ...
    @property
    def routine_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def steps_done(self) -> int: ...
    @property
    def steps_total(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def feeling(self) -> str | None: ...


class WaterFacts(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def at_utc(self) -> str: ...
    @property
    def ml(self) -> int: ...


class CrampFacts(Protocol):
    """The rest of a cramp comes as the ``CrampEntry`` it edits as."""

    @property
    def id(self) -> int: ...
    @property
    def happened_utc(self) -> str: ...


class CheckinFacts(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def answered_utc(self) -> str: ...
    @property
    def night_date(self) -> str: ...
    @property
    def cramp_count(self) -> int: ...


# -- which nights ----------------------------------------------------------------------


def calendar_nights(tonight: str) -> tuple[str, ...]:
    """The grid's nights: ``WEEKS_SHOWN`` whole weeks from a Monday, tonight's week last."""
    today = date.fromisoformat(tonight)
    first = today - timedelta(days=today.weekday() + 7 * (WEEKS_SHOWN - 1))
    return tuple((first + timedelta(days=n)).isoformat() for n in range(7 * WEEKS_SHOWN))


def entries_since(tonight: str, pages: int) -> str:
    """The first night listed when ``pages`` pages of entries are shown."""
    today = date.fromisoformat(tonight)
    return (today - timedelta(days=ENTRY_PAGE_NIGHTS * pages - 1)).isoformat()


# -- the view --------------------------------------------------------------------------


def history_view(
    *,
    tonight: str,
    summaries: Sequence[NightSummary],
    water_goal_ml: int,
    entries: tuple[EntryItem, ...],
    since: str,
    more_entries: bool,
    undo_label: str | None,
    undiscussed: int = 0,
    warnings_only: bool = False,
) -> HistoryView:
    """The whole window from the grid's night summaries (up to tonight) and the entries.

    ``undo_label`` names the change Ctrl+Z would revert ("delete cramp"), None if none.
    """
    by_night = {s.night_date: s for s in summaries}
    streak = stats.streaks(summaries, tonight)
    score_list = stats.scores(summaries, tonight)
    found = stats.insight(summaries)
    return HistoryView(
        tonight=tonight,
        cells=tuple(night_cell(n, by_night.get(n)) for n in calendar_nights(tonight)),
        streak_current=streak.current,
        streak_best=streak.best,
        score=score_list[-1] if score_list else 0.0,
        weeks=tuple(
            WeekBar(
                label=wording.day_month(w.week_start),
                cramp_nights=w.cramp_nights,
                reported_nights=w.reported_nights,
                routine_done=w.routine_done,
                counted=w.counted,
            )
            for w in stats.weeks(summaries)
        ),
        water_goal_ml=water_goal_ml,
        water=tuple(
            WaterDay(wording.weekday_day(night), ml, met)
            for night, ml, met in stats.water_days(summaries[-WATER_DAYS_SHOWN:], water_goal_ml)
        ),
        insight=found.text if found else None,
        entries=tuple(sorted(entries, key=lambda item: item.sort_key, reverse=True)),
        entries_since=since,
        more_entries=more_entries,
        can_undo=undo_label is not None,
        undo_text=(
            _("Undo {change}").format(change=undo_label)
            if undo_label is not None
            else _("Nothing to undo")
        ),
        undiscussed=undiscussed,
        warnings_only=warnings_only,
    )


def night_cell(night: str, summary: NightSummary | None) -> NightCell:
    """A calendar cell; no summary means a night still to come."""
    heading = wording.weekday_day_month(night)
    if summary is None:
        future = _("{night}: still to come").format(night=heading)
        return NightCell(night, "future", None, False, future)
    state: CellState = summary.mark if summary.mark is not None else summary.routine
    parts = [_(ROUTINE_WORDS[summary.routine])]
    if summary.cramps is None:
        parts.append(_("cramps not reported"))
    elif summary.cramps == 0:
        parts.append(_("no cramps"))
    else:
        counted = wording.count(summary.cramps, "cramp")
        worst = summary.worst_severity
        parts.append(
            _("{cramps} (worst {severity}/10)").format(cramps=counted, severity=worst)
            if worst
            else counted
        )
    if summary.warning_signs:
        parts.append(_("warning signs noted"))
    if summary.water_ml:
        parts.append(_("water {litres}").format(litres=wording.litres(summary.water_ml)))
    if summary.mark is not None:
        parts.append(_(MARK_WORDS[summary.mark]))
    return NightCell(
        night,
        state,
        summary.cramps,
        summary.warning_signs,
        _("{night}: {details}").format(night=heading, details=", ".join(parts)),
    )


# -- entry lines: each takes the row and its local time -------------------------------


def _when(moment: datetime) -> str:
    return wording.weekday_day_month_time(moment, sep="  ")


def session_item(s: SessionFacts, started: datetime, title: str | None = None) -> EntryItem:
    """``title`` is the routine's name in her language; a routine no longer installed
    shows its id."""
    status = _("done") if s.status == "completed" else _("stopped early")
    steps = (
        _("{done} of {count} steps").format(done=s.steps_done, count=s.steps_total)
        if s.steps_total
        else ""
    )
    feelings = dict(FEELINGS)
    felt = _(feelings[s.feeling]).lower() if s.feeling in feelings else s.feeling
    detail = ", ".join(
        p
        for p in (
            title or s.routine_id.replace("-", " "),
            status,
            steps,
            _("logged by hand") if s.source == "manual" else "",
            _("felt {feeling}").format(feeling=felt) if s.feeling else "",
        )
        if p
    )
    return EntryItem(
        EntryRef("session", s.id),
        _when(started),
        _(KIND_LABELS["session"]),
        detail,
        False,
        s.started_utc,
    )


def water_item(w: WaterFacts, at: datetime) -> EntryItem:
    return EntryItem(
        EntryRef("water", w.id),
        _when(at),
        _(KIND_LABELS["water"]),
        wording.millilitres(w.ml),
        False,
        w.at_utc,
        water_ml=w.ml,
        water_at=at,
    )


def cramp_item(c: CrampFacts, entry: CrampEntry, discussed: datetime | None = None) -> EntryItem:
    """``entry`` is the row in the local time it was logged with, as the dialog edits it;
    ``discussed`` when she marked its warning signs as talked through (local time)."""
    leg = _("both legs") if entry.leg == "both" else _(LEG_WORDS[entry.leg, entry.muscle])
    parts = [f"{leg}, {entry.severity}/10"]
    if entry.duration_min is not None:
        parts.append(_("{minutes} min").format(minutes=entry.duration_min))
    if entry.helped:
        parts.append(_("helped: {what}").format(what=entry.helped))
    if entry.warning_signs:
        signs = ", ".join(_(sign) for sign in entry.warning_signs)
        parts.append(_("warning signs: {signs}").format(signs=signs))
        parts.append(discussed_words(discussed))
    flagged = bool(entry.warning_signs) and discussed is None
    return EntryItem(
        EntryRef("cramp", c.id),
        _when(entry.happened),
        _(KIND_LABELS["cramp"]),
        "; ".join(parts),
        bool(entry.warning_signs),
        c.happened_utc,
        cramp=entry,
        flag=_("To discuss") if flagged else "",
        discussed_at=discussed if entry.warning_signs else None,
    )


def discussed_words(at: datetime | None) -> str:
    """ "discussed on Tue 24 Nov", or that it is not yet."""
    if at is None:
        return _("not yet discussed with your midwife or doctor")
    return _("discussed on {day}").format(day=wording.weekday_day_month(at.date()))


def checkin_item(k: CheckinFacts, answered: datetime) -> EntryItem:
    said = _("no cramps") if k.cramp_count == 0 else wording.count(k.cramp_count, "cramp")
    return EntryItem(
        EntryRef("checkin", k.id),
        _when(answered),
        _(KIND_LABELS["checkin"]),
        _("Night of {night}: {cramps}").format(
            night=wording.weekday_day_month(k.night_date), cramps=said
        ),
        False,
        k.answered_utc,
        checkin_count=k.cramp_count,
    )
