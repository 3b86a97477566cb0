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

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from nightstretch.core import wording
from nightstretch.core.clock import Clock, night_of
from nightstretch.core.entries import CrampEntry, EntryError
from nightstretch.core.history_view import (
    CheckinEdit,
    EntryEdit,
    EntryItem,
    EntryKind,
    EntryRef,
    HistoryView,
    WaterEdit,
    calendar_nights,
    checkin_item,
    cramp_item,
    entries_since,
    history_view,
    session_item,
    water_item,
)
from nightstretch.core.i18n import N_, _
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.nights import NightRows, read_nights, summarize_rows
from nightstretch.store.rows import (
    CheckinRow,
    CrampRow,
    DayMark,
    DiscussedRow,
    SessionRow,
    WaterRow,
    cramp_entry,
    local_time,
)
from nightstretch.store.visit import discussed, mark_discussed, unmark_discussed, warning_cramps

UNDO_DEPTH = 50
GONE = N_("That entry is no longer in the logbook.")
UNDO_DELETE: dict[EntryKind, str] = {
    "session": N_("delete routine"),
    "water": N_("delete water"),
    "cramp": N_("delete cramp"),
    "checkin": N_("delete check-in"),
}
"""What Ctrl+Z takes back, as "Undo …" names it (English, marked; worded when shown)."""
UNDO_EDIT: dict[EntryKind, str] = {
    "session": N_("edit routine"),
    "water": N_("edit water"),
    "cramp": N_("edit cramp"),
    "checkin": N_("edit check-in"),
}
UNDO_MARK = {None: N_("clear mark"), "paused": N_("mark paused"), "sick": N_("mark sick")}

Row = SessionRow | WaterRow | CrampRow | CheckinRow


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
        self,
        book: Logbook,
        clock: Clock,
        water_goal_ml: int = 2000,
        parent: QObject | None = None,
        routine_titles: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._titles = dict(routine_titles or {})
        self._clock = clock
        self._goal = water_goal_ml
        self._pages = 1
        self._warnings_only = False
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

    def show_warnings(self, only: bool) -> None:
        """List every warning-sign cramp of any date (True), or the recent entries again."""
        self._warnings_only = only
        self.refresh()

    def _build(self) -> HistoryView:
        tonight = night_of(self._clock.now())
        grid = calendar_nights(tonight)
        since = entries_since(tonight, self._pages)
        with self._book.reading():
            rows = read_nights(self._book, min(grid[0], since), tonight)
            marks = discussed(self._book)
            warned = warning_cramps(self._book)
        total = self._book.counts()  # its own snapshot; only decides "show older entries"
        past = [n for n in grid if n <= tonight]
        if self._warnings_only:
            self._rows = {}
            items = tuple(
                self._keep(c, cramp_item(c, cramp_entry(c), _at(marks, c))) for c in warned
            )
        else:
            items = self._entries(rows, since, marks)
        stored = sum(total[t] for t in ("sessions", "water", "cramps", "checkins"))
        return history_view(
            tonight=tonight,
            summaries=summarize_rows(rows, past),  # only the grid's nights are summarized
            water_goal_ml=self._goal,
            entries=items,
            since=since,
            more_entries=not self._warnings_only and stored > len(items),
            undo_label=_(self._undo[-1].label) if self._undo else None,
            undiscussed=sum(1 for c in warned if c.id not in marks),
            warnings_only=self._warnings_only,
        )

    def _entries(
        self, rows: NightRows, first: str, marks: dict[int, DiscussedRow]
    ) -> tuple[EntryItem, ...]:
        """The listed rows as lines, remembering each row so an edit can be undone exactly."""
        self._rows = {}
        items: list[EntryItem] = []
        for s in rows.sessions:
            if s.night_date >= first:
                items.append(
                    self._keep(
                        s, session_item(s, _local(s.started_utc, s), self._titles.get(s.routine_id))
                    )
                )
        for w in rows.water:
            if w.night_date >= first:
                items.append(self._keep(w, water_item(w, _local(w.at_utc, w))))
        for c in rows.cramps:
            if c.night_date >= first:
                items.append(self._keep(c, cramp_item(c, cramp_entry(c), _at(marks, c))))
        for k in rows.checkins:
            if k.night_date >= first:
                items.append(self._keep(k, checkin_item(k, _local(k.answered_utc, k))))
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
            self.error.emit(_(GONE))
            return False
        deleters: dict[EntryKind, Callable[[], bool]] = {
            "session": lambda: self._book.delete_session(ref.id),
            "water": lambda: self._book.delete_water(ref.id),
            "cramp": lambda: self._book.delete_cramp(ref.id),
            "checkin": lambda: self._book.delete_checkin(getattr(row, "night_date", "")),
        }
        return self._change(
            deleters[ref.kind],
            _Undo(UNDO_DELETE[ref.kind], lambda: self._book.put_back(row)),
        )

    def update(self, ref: EntryRef, values: EntryEdit) -> bool:
        """``save``, with a refusal sent to ``error`` like every other change."""
        problem = self.save(ref, values)
        if problem is not None:
            self.error.emit(problem)
        return problem is None

    def save(self, ref: EntryRef, values: EntryEdit) -> str | None:
        """Write an edited entry; returns why it was not saved (one line), or None.

        The window keeps its editor open with this line, so nothing typed is lost.
        """
        row = self._rows.get(ref)
        if row is None:
            return _(GONE)

        def write() -> bool:
            if ref.kind == "cramp" and isinstance(values, CrampEntry):
                return self._book.update_cramp(ref.id, values)
            if ref.kind == "water" and isinstance(values, WaterEdit):
                return self._book.update_water(ref.id, values.ml, values.at)
            if ref.kind == "checkin" and isinstance(values, CheckinEdit):
                assert isinstance(row, CheckinRow)
                self._book.set_checkin(row.night_date, values.cramp_count, self._clock.now())
                return True
            raise EntryError(_("This entry cannot be edited here."))

        return self._try(write, _Undo(UNDO_EDIT[ref.kind], lambda: self._book.put_back(row)))

    def mark_night(self, night: str, mark: DayMark | None) -> bool:
        """Paused or sick nights neither count nor break a streak; None clears the mark."""
        before = next((m.mark for m in self._book.day_marks(night, night)), None)

        def apply(value: DayMark | None) -> bool:
            if value is None:
                self._book.clear_day_mark(night)
            else:
                self._book.set_day_mark(night, value)
            return True

        label = UNDO_MARK[mark]
        return self._change(lambda: apply(mark), _Undo(label, lambda: _ignore(apply(before))))

    def set_discussed(self, ref: EntryRef, done: bool) -> bool:
        """Mark a warning-sign cramp as talked through with her midwife or doctor (logged
        with the time, so the report prints it), or take a mistaken mark back; undoable."""
        row = self._rows.get(ref)
        if not isinstance(row, CrampRow) or not row.warning_signs:
            self.error.emit(GONE)
            return False
        before = discussed(self._book).get(row.id)
        if done and before is not None:
            return True  # marked already: the first time is when it was discussed
        if done:
            now = self._clock.now()
            return self._change(
                lambda: mark_discussed(self._book, row.id, now),
                _Undo(N_("mark discussed"), lambda: _ignore(unmark_discussed(self._book, row.id))),
            )
        if before is None:
            return True  # nothing to take back

        def take_back() -> bool:
            unmark_discussed(self._book, row.id)
            return True

        def put_back() -> None:  # the mark as it was, with its first time
            mark_discussed(self._book, row.id, local_time(before.at_utc, before.utc_offset_min))

        return self._change(take_back, _Undo(N_("take back discussed"), put_back))

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
        problem = self._try(write, undo)
        if problem is not None:
            self.error.emit(problem)
        return problem is None

    def _try(self, write: Callable[[], bool], undo: _Undo) -> str | None:
        """Runs ``write``; on success keeps ``undo`` and refreshes, else says why not."""
        try:
            done = write()
        except (LogbookError, EntryError) as problem:
            return wording.sentence(str(problem))
        if not done:
            self.refresh()
            return _(GONE)
        self._undo.append(undo)
        del self._undo[:-UNDO_DEPTH]
        self.refresh()
        return None


# -- rows as the entry list shows them ------------------------------------------------


def _local(utc: str, row: SessionRow | WaterRow | CheckinRow) -> datetime:
    return local_time(utc, row.utc_offset_min)


def _ignore(_result: object) -> None:
    return None


def _at(marks: dict[int, DiscussedRow], c: CrampRow) -> datetime | None:
    """When the cramp was marked discussed, in the local time of the mark."""
    mark = marks.get(c.id)
    return None if mark is None else local_time(mark.at_utc, mark.utc_offset_min)
