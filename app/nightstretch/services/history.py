"""History: what the History window shows, and edits to the logbook with undo.

The controller reads the logbook once per change (one snapshot for the 12-week grid and
the entry list), turns it into a frozen ``HistoryView`` with every text already worded,
and hands that to the window; the window never touches the database, so painting stays
cheap even with years of entries. Only the last weeks of entries are listed at first
(``show_more`` reaches further back), because five years of water glasses is 20 000 rows
nobody scrolls through.

Every delete and edit keeps the row as it was, so ``undo`` can put it back exactly
(same id, same logged time, same night), not a look-alike copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from PySide6.QtCore import QObject, Signal

from nightstretch.core import stats
from nightstretch.core.clock import Clock, night_of
from nightstretch.core.entries import CrampEntry, EntryError
from nightstretch.core.stats import NightSummary
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.nights import NightRows, read_nights, summarize_rows
from nightstretch.store.rows import (
    CheckinRow,
    CrampRow,
    DayMark,
    SessionRow,
    WaterRow,
    local_time,
)

WEEKS_SHOWN = 12
ENTRY_PAGE_NIGHTS = 28
"""Nights of entries listed per page: a month is what a person looks back on."""
WATER_DAYS_SHOWN = 14
UNDO_DEPTH = 50

EntryKind = Literal["session", "water", "cramp", "checkin"]
CellState = Literal["done", "partial", "none", "paused", "sick", "future"]
Row = SessionRow | WaterRow | CrampRow | CheckinRow

KIND_LABELS: dict[EntryKind, str] = {
    "session": "Routine",
    "water": "Water",
    "cramp": "Cramp",
    "checkin": "Check-in",
}
ROUTINE_WORDS = {"done": "routine done", "partial": "routine started", "none": "no routine"}


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

    @property
    def editable(self) -> bool:
        return self.ref.kind != "session"


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


@dataclass(frozen=True)
class _Undo:
    label: str
    revert: Callable[[], None]


class HistoryController(QObject):
    """Builds ``HistoryView`` from the logbook and performs edits with undo."""

    changed = Signal()
    """A new ``view`` is ready (after ``refresh``, an edit, an undo or a mark)."""
    error = Signal(str)
    """An edit could not be saved or was refused; one line for the person."""

    def __init__(
        self, book: Logbook, clock: Clock, water_goal_ml: int = 2000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._clock = clock
        self._goal = water_goal_ml
        self._pages = 1
        self._undo: list[_Undo] = []
        self._rows: dict[EntryRef, Row] = {}
        self._view: HistoryView | None = None

    # -- reading ---------------------------------------------------------------------

    @property
    def view(self) -> HistoryView:
        if self._view is None:
            self._view = self._build()
        return self._view

    def refresh(self) -> HistoryView:
        """Re-read the logbook (call when the window opens or other code logged something)."""
        self._view = self._build()
        self.changed.emit()
        return self._view

    def set_water_goal(self, ml: int) -> None:
        self._goal = ml
        self.refresh()

    def show_more(self) -> None:
        """List one more page of older entries."""
        self._pages += 1
        self.refresh()

    def _build(self) -> HistoryView:
        tonight = night_of(self._clock.now())
        today = date.fromisoformat(tonight)
        grid_first = today - timedelta(days=today.weekday() + 7 * (WEEKS_SHOWN - 1))
        grid = [(grid_first + timedelta(days=n)).isoformat() for n in range(7 * WEEKS_SHOWN)]
        past = [n for n in grid if n <= tonight]
        entries_first = (today - timedelta(days=ENTRY_PAGE_NIGHTS * self._pages - 1)).isoformat()
        first = min(grid[0], entries_first)
        with self._book.reading():
            rows = read_nights(self._book, first, tonight)
        total = self._book.counts()  # its own snapshot; only decides "show older entries"
        summaries = summarize_rows(_only(rows, grid[0]), past)
        by_night = {s.night_date: s for s in summaries}
        cells = tuple(_cell(night, by_night.get(night)) for night in grid)
        streak = stats.streaks(summaries, tonight)
        score_list = stats.scores(summaries, tonight)
        found = stats.insight(summaries)
        items = self._entries(rows, entries_first)
        listed = sum(1 for _ in items)
        stored = sum(total[t] for t in ("sessions", "water", "cramps", "checkins"))
        return HistoryView(
            tonight=tonight,
            cells=cells,
            streak_current=streak.current,
            streak_best=streak.best,
            score=score_list[-1] if score_list else 0.0,
            weeks=tuple(
                WeekBar(
                    label=_short_date(w.week_start),
                    cramp_nights=w.cramp_nights,
                    reported_nights=w.reported_nights,
                    routine_done=w.routine_done,
                    counted=w.counted,
                )
                for w in stats.weeks(summaries)
            ),
            water_goal_ml=self._goal,
            water=tuple(
                WaterDay(_short_day(night), ml, met)
                for night, ml, met in stats.water_days(summaries[-WATER_DAYS_SHOWN:], self._goal)
            ),
            insight=found.text if found else None,
            entries=items,
            entries_since=entries_first,
            more_entries=stored > listed,
            can_undo=bool(self._undo),
            undo_text=f"Undo {self._undo[-1].label}" if self._undo else "Nothing to undo",
        )

    def _entries(self, rows: NightRows, first: str) -> tuple[EntryItem, ...]:
        self._rows = {}
        items: list[EntryItem] = []
        for s in rows.sessions:
            if s.night_date >= first:
                items.append(self._keep(s, _session_item(s)))
        for w in rows.water:
            if w.night_date >= first:
                items.append(self._keep(w, _water_item(w)))
        for c in rows.cramps:
            if c.night_date >= first:
                items.append(self._keep(c, _cramp_item(c)))
        for k in rows.checkins:
            if k.night_date >= first:
                items.append(self._keep(k, _checkin_item(k)))
        items.sort(key=lambda item: item.sort_key, reverse=True)
        return tuple(items)

    def _keep(self, row: Row, item: EntryItem) -> EntryItem:
        self._rows[item.ref] = row
        return item

    # -- changing --------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def delete(self, ref: EntryRef) -> bool:
        row = self._rows.get(ref)
        if row is None:
            self.error.emit("That entry is no longer in the logbook.")
            return False
        deleters: dict[EntryKind, Callable[[], bool]] = {
            "session": lambda: self._book.delete_session(ref.id),
            "water": lambda: self._book.delete_water(ref.id),
            "cramp": lambda: self._book.delete_cramp(ref.id),
            "checkin": lambda: self._book.delete_checkin(getattr(row, "night_date", "")),
        }
        return self._change(
            deleters[ref.kind],
            _Undo(f"delete {KIND_LABELS[ref.kind].lower()}", lambda: self._book.put_back(row)),
        )

    def update(self, ref: EntryRef, values: EntryEdit) -> bool:
        row = self._rows.get(ref)
        if row is None:
            self.error.emit("That entry is no longer in the logbook.")
            return False

        def write() -> bool:
            if ref.kind == "cramp" and isinstance(values, CrampEntry):
                return self._book.update_cramp(ref.id, values)
            if ref.kind == "water" and isinstance(values, WaterEdit):
                return self._book.update_water(ref.id, values.ml, values.at)
            if ref.kind == "checkin" and isinstance(values, CheckinEdit):
                assert isinstance(row, CheckinRow)
                self._book.set_checkin(row.night_date, values.cramp_count, self._clock.now())
                return True
            raise EntryError(f"A {KIND_LABELS[ref.kind].lower()} entry cannot be edited here.")

        return self._change(
            write, _Undo(f"edit {KIND_LABELS[ref.kind].lower()}", lambda: self._book.put_back(row))
        )

    def mark_night(self, night: str, mark: DayMark | None) -> bool:
        """Paused or sick nights neither count nor break a streak; None clears the mark."""
        before = next((m.mark for m in self._book.day_marks(night, night)), None)

        def apply(value: DayMark | None) -> bool:
            if value is None:
                self._book.clear_day_mark(night)
            else:
                self._book.set_day_mark(night, value)
            return True

        label = "clear mark" if mark is None else f"mark {mark}"
        return self._change(lambda: apply(mark), _Undo(label, lambda: _ignore(apply(before))))

    def undo(self) -> bool:
        if not self._undo:
            return False
        action = self._undo[-1]
        try:
            action.revert()
        except (LogbookError, EntryError) as problem:
            self.error.emit(str(problem))
            return False
        self._undo.pop()
        self.refresh()
        return True

    def _change(self, write: Callable[[], bool], undo: _Undo) -> bool:
        try:
            done = write()
        except (LogbookError, EntryError) as problem:
            self.error.emit(_sentence(str(problem)))
            return False
        if not done:
            self.error.emit("That entry is no longer in the logbook.")
            self.refresh()
            return False
        self._undo.append(undo)
        del self._undo[:-UNDO_DEPTH]
        self.refresh()
        return True


# -- wording ---------------------------------------------------------------------------


def _only(rows: NightRows, first: str) -> NightRows:
    """The rows from ``first`` on (the entry list may reach further back than the grid)."""
    return NightRows(
        sessions=[r for r in rows.sessions if r.night_date >= first],
        cramps=[r for r in rows.cramps if r.night_date >= first],
        water=[r for r in rows.water if r.night_date >= first],
        checkins=[r for r in rows.checkins if r.night_date >= first],
        marks=[r for r in rows.marks if r.night_date >= first],
    )


def _cell(night: str, summary: NightSummary | None) -> NightCell:
    day = date.fromisoformat(night)
    heading = f"{day:%a} {day.day} {day:%b}"
    if summary is None:
        return NightCell(night, "future", None, False, f"{heading}: still to come")
    state: CellState = summary.mark if summary.mark is not None else summary.routine
    parts = [ROUTINE_WORDS[summary.routine]]
    if summary.cramps is None:
        parts.append("cramps not reported")
    elif summary.cramps == 0:
        parts.append("no cramps")
    else:
        worst = f" (worst {summary.worst_severity}/10)" if summary.worst_severity else ""
        parts.append(f"{_count(summary.cramps, 'cramp')}{worst}")
    if summary.warning_signs:
        parts.append("warning signs noted")
    if summary.water_ml:
        parts.append(f"water {_litres(summary.water_ml)}")
    if summary.mark is not None:
        parts.append(f"marked {summary.mark}: not counted")
    return NightCell(
        night,
        state,
        summary.cramps,
        summary.warning_signs,
        f"{heading}: " + ", ".join(parts),
    )


def _session_item(s: SessionRow) -> EntryItem:
    status = {"completed": "done", "partial": "stopped early"}[s.status]
    steps = f"{s.steps_done} of {s.steps_total} steps" if s.steps_total else ""
    detail = ", ".join(
        p
        for p in (
            s.routine_id.replace("-", " "),
            status,
            steps,
            "logged by hand" if s.source == "manual" else "",
            f"felt {s.feeling}" if s.feeling else "",
        )
        if p
    )
    return EntryItem(
        EntryRef("session", s.id),
        _when(s.started_utc, s.utc_offset_min),
        KIND_LABELS["session"],
        detail,
        False,
        s.started_utc,
    )


def _water_item(w: WaterRow) -> EntryItem:
    return EntryItem(
        EntryRef("water", w.id),
        _when(w.at_utc, w.utc_offset_min),
        KIND_LABELS["water"],
        f"{w.ml} ml",
        False,
        w.at_utc,
        water_ml=w.ml,
        water_at=local_time(w.at_utc, w.utc_offset_min),
    )


def cramp_entry(c: CrampRow) -> CrampEntry:
    """The row as the dialog edits it, in the local time it was logged with."""
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


def _cramp_item(c: CrampRow) -> EntryItem:
    entry = cramp_entry(c)
    leg = "both legs" if c.leg == "both" else f"{c.leg} {c.muscle}"
    parts = [f"{leg}, {c.severity}/10"]
    if c.duration_min is not None:
        parts.append(f"{c.duration_min} min")
    if c.helped:
        parts.append(f"helped: {c.helped}")
    if entry.warning_signs:
        parts.append("warning signs: " + ", ".join(entry.warning_signs))
    return EntryItem(
        EntryRef("cramp", c.id),
        _when(c.happened_utc, c.utc_offset_min),
        KIND_LABELS["cramp"],
        "; ".join(parts),
        c.warning_signs,
        c.happened_utc,
        cramp=entry,
    )


def _checkin_item(k: CheckinRow) -> EntryItem:
    day = date.fromisoformat(k.night_date)
    said = "no cramps" if k.cramp_count == 0 else _count(k.cramp_count, "cramp")
    return EntryItem(
        EntryRef("checkin", k.id),
        _when(k.answered_utc, k.utc_offset_min),
        KIND_LABELS["checkin"],
        f"Night of {day:%a} {day.day} {day:%b}: {said}",
        False,
        k.answered_utc,
        checkin_count=k.cramp_count,
    )


def _when(utc: str, offset_min: int) -> str:
    moment = local_time(utc, offset_min)
    return f"{moment:%a} {moment.day} {moment:%b}  {moment:%H:%M}"


def _short_date(night: str) -> str:
    day = date.fromisoformat(night)
    return f"{day.day} {day:%b}"


def _short_day(night: str) -> str:
    day = date.fromisoformat(night)
    return f"{day:%a} {day.day}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _litres(ml: int) -> str:
    return f"{ml / 1000:.1f} l"


def _ignore(_result: object) -> None:
    return None


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."
