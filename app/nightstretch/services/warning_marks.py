"""``nightstretch cramps discussed``: warning-sign cramps and her "discussed" marks in words.

History does the same with a tick on the entry (``services/history.py``); both write through
``store/visit.py``, so the mark is logged with its time and printed on every later report.
No Qt here: the command line stays quick and works without a display.
"""

from __future__ import annotations

from datetime import datetime

from nightstretch.core import wording
from nightstretch.core.entries import EntryError
from nightstretch.core.i18n import _
from nightstretch.store.logbook import Logbook
from nightstretch.store.rows import CrampRow, cramp_entry, local_time
from nightstretch.store.visit import discussed, mark_discussed, unmark_discussed, warning_cramps


def _when(c: CrampRow) -> str:
    moment = local_time(c.happened_utc, c.utc_offset_min)
    return wording.weekday_day_month_time(moment)


def warning_lines(book: Logbook) -> list[str]:
    """Every warning-sign cramp of any date, newest first, with its id and its mark."""
    with book.reading():
        cramps = warning_cramps(book)
        marks = discussed(book)
    if not cramps:
        return [_("No cramps with warning signs are logged.")]
    lines = [_("Cramps with warning signs, newest first:")]
    for c in cramps:
        mark = marks.get(c.id)
        if mark is None:
            state = "⚠ " + _("not yet discussed")
        else:
            day = local_time(mark.at_utc, mark.utc_offset_min).date()
            state = _("discussed on {day}").format(day=wording.weekday_day_month(day))
        signs = ", ".join(_(sign) for sign in cramp_entry(c).warning_signs)
        lines.append(f"  {c.id:>4}  {_when(c)}  {c.severity}/10  {signs}  {state}")
    lines.append(
        _(
            "Mark one as discussed with your midwife or doctor: nightstretch cramps discussed ID "
            "(--undo takes a mark back)."
        )
    )
    return lines


def set_mark(book: Logbook, cramp_id: int, now: datetime, *, undo: bool = False) -> str:
    """Marks (or with ``undo`` unmarks) one cramp; the sentence to print.

    Raises ``EntryError`` for an id that is not a cramp with warning signs: nothing is written.
    """
    found = next((c for c in warning_cramps(book) if c.id == cramp_id), None)
    if found is None:
        listed = any(c.id == cramp_id for c in book.cramps())
        said = (
            _("the cramp {id} has no warning signs, so there is nothing to mark")
            if listed
            else _("there is no cramp {id} (nightstretch cramps discussed lists them)")
        )
        raise EntryError(said.format(id=cramp_id))
    before = discussed(book).get(cramp_id)
    when = _when(found)
    if undo:
        if not unmark_discussed(book, cramp_id):
            return _("The cramp of {when} was not marked as discussed.").format(when=when)
        return _("Took back the mark: the cramp of {when} is to discuss again.").format(when=when)
    if before is not None:
        day = local_time(before.at_utc, before.utc_offset_min).date()
        said = _("The cramp of {when} was already marked as discussed on {day}.")
        return said.format(when=when, day=wording.weekday_day_month(day))
    mark_discussed(book, cramp_id, now)
    said = _("Marked the cramp of {when} as discussed with your midwife or doctor on {day}.")
    return said.format(when=when, day=wording.weekday_day_month(now.date()))
