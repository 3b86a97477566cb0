"""What the report carries for her visit: warning-sign cramps marked as discussed, and her
"to ask at my visit" note, both kept in the logbook so backups and restores carry them.

A mark is logged with its time and printed; a cramp with warning signs and no mark is
flagged in every later report. Each saved note is a new row, the newest is the note, so an
edit made by mistake can still be found in an export.
"""

from __future__ import annotations

from datetime import datetime

from nightstretch.core import entries
from nightstretch.store.logbook import Logbook
from nightstretch.store.rows import (
    CrampRow,
    DiscussedRow,
    VisitNoteRow,
    aware,
    cramp_row,
    offset_minutes,
    utc_text,
)

__all__ = [
    "discussed",
    "mark_discussed",
    "set_visit_note",
    "unmark_discussed",
    "visit_note",
    "warning_cramps",
]


def mark_discussed(book: Logbook, cramp_id: int, at: datetime) -> bool:
    """Mark a cramp as talked through; False if no such cramp (a mark for nothing is
    refused). Marking again keeps the first time: that is when it was discussed."""
    local = aware(at, "mark_discussed")
    with book.transaction() as db:
        if db.execute("SELECT 1 FROM cramps WHERE id = ?", (cramp_id,)).fetchone() is None:
            return False
        db.execute(
            "INSERT OR IGNORE INTO discussed (cramp_id, at_utc, utc_offset_min) VALUES (?, ?, ?)",
            (cramp_id, utc_text(local), offset_minutes(local)),
        )
        return True


def unmark_discussed(book: Logbook, cramp_id: int) -> bool:
    """Undo a mark set by mistake; True if there was one."""
    with book.transaction() as db:
        return db.execute("DELETE FROM discussed WHERE cramp_id = ?", (cramp_id,)).rowcount > 0


def discussed(book: Logbook) -> dict[int, DiscussedRow]:
    """Every mark by cramp id (a few dozen at most: marks exist only for warning signs)."""
    rows = book.select_checked("discussed", "ORDER BY cramp_id")
    return {row["cramp_id"]: DiscussedRow(**row) for row in rows}


def warning_cramps(book: Logbook) -> list[CrampRow]:
    """Every cramp with a warning sign, of any date, newest first: each stays flagged until
    it is marked discussed, however old it is."""
    rows = book.select_checked(
        "cramps",
        "WHERE swelling OR redness OR warmth OR pain_not_easing ORDER BY happened_utc DESC, id",
    )
    return [cramp_row(row) for row in rows]


def set_visit_note(book: Logbook, text: str, at: datetime) -> str:
    """Save the note (an empty one clears it) unless it is unchanged; returns what was kept.

    Raises ``EntryError`` for a note longer than ``entries.VISIT_NOTE_MAX``."""
    clean = entries.visit_note(text)
    local = aware(at, "set_visit_note")
    current = visit_note(book)
    if (current.text if current else "") == clean:
        return clean
    with book.transaction() as db:
        db.execute(
            "INSERT INTO visit_notes (written_utc, utc_offset_min, text) VALUES (?, ?, ?)",
            (utc_text(local), offset_minutes(local), clean),
        )
    return clean


def visit_note(book: Logbook) -> VisitNoteRow | None:
    """The newest saved note, or None if she never wrote one."""
    rows = book.select_checked("visit_notes", "ORDER BY id DESC LIMIT 1")
    return VisitNoteRow(**rows[0]) if rows else None
