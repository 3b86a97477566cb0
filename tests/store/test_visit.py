"""Discussed marks and the visit note: kept in the logbook, carried by backup, export and
restore, refused when they would point at nothing or overflow the report's box."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.entries import VISIT_NOTE_MAX, CrampEntry, EntryError
from nightstretch.store import visit
from nightstretch.store.export import export_tables
from nightstretch.store.logbook import Logbook
from nightstretch.store.schema import MIGRATIONS

CET = timezone(timedelta(hours=1))
NIGHT = datetime(2026, 11, 20, 3, 30, tzinfo=CET)
VISIT = datetime(2026, 11, 24, 10, 0, tzinfo=CET)


def _warning_cramp(book: Logbook) -> int:
    entry = CrampEntry(happened=NIGHT, leg="left", severity=7, swelling=True)
    return book.add_cramp(entry, NIGHT)


def test_a_mark_is_logged_once_with_its_first_time(logbook: Logbook) -> None:
    cramp = _warning_cramp(logbook)
    assert visit.mark_discussed(logbook, cramp, VISIT)
    assert visit.mark_discussed(logbook, cramp, VISIT + timedelta(days=7))
    (mark,) = visit.discussed(logbook).values()
    assert (mark.cramp_id, mark.at_utc, mark.utc_offset_min) == (
        cramp,
        "2026-11-24T09:00:00Z",
        60,
    )


def test_a_mark_for_no_cramp_is_refused_and_a_mark_can_be_taken_back(logbook: Logbook) -> None:
    assert not visit.mark_discussed(logbook, 999, VISIT)
    assert visit.discussed(logbook) == {}
    cramp = _warning_cramp(logbook)
    visit.mark_discussed(logbook, cramp, VISIT)
    assert visit.unmark_discussed(logbook, cramp)
    assert not visit.unmark_discussed(logbook, cramp)
    assert visit.discussed(logbook) == {}


def test_the_newest_note_is_the_note_and_an_unchanged_save_adds_no_row(
    logbook: Logbook,
) -> None:
    assert visit.visit_note(logbook) is None
    assert visit.set_visit_note(logbook, "  Is the swelling normal?\n\n", VISIT) == (
        "Is the swelling normal?"
    )
    visit.set_visit_note(logbook, "Is the swelling normal?", VISIT + timedelta(hours=1))
    visit.set_visit_note(logbook, "", VISIT + timedelta(hours=2))
    note = visit.visit_note(logbook)
    assert note is not None and note.text == ""
    assert logbook.counts()["visit_notes"] == 2


def test_a_note_longer_than_the_box_is_refused_and_nothing_is_written(logbook: Logbook) -> None:
    with pytest.raises(EntryError, match="2001 characters"):
        visit.set_visit_note(logbook, "x" * (VISIT_NOTE_MAX + 1), VISIT)
    assert logbook.counts()["visit_notes"] == 0


def test_export_carries_marks_and_notes_in_local_time(logbook: Logbook) -> None:
    cramp = _warning_cramp(logbook)
    visit.mark_discussed(logbook, cramp, VISIT)
    visit.set_visit_note(logbook, "Ask about sleep position", VISIT)
    tables = export_tables(logbook)
    assert tables["discussed"] == [{"cramp_id": cramp, "at": "2026-11-24T10:00:00+01:00"}]
    assert tables["visit_notes"] == [
        {"id": 1, "written_at": "2026-11-24T10:00:00+01:00", "text": "Ask about sleep position"}
    ]


def test_a_backup_restores_with_marks_and_note(logbook: Logbook, tmp_path: Path) -> None:
    cramp = _warning_cramp(logbook)
    visit.mark_discussed(logbook, cramp, VISIT)
    visit.set_visit_note(logbook, "Ask about sleep position", VISIT)
    copy = tmp_path / "copy.db"
    logbook.backup_to(copy)
    visit.unmark_discussed(logbook, cramp)
    visit.set_visit_note(logbook, "", VISIT + timedelta(days=1))
    logbook.restore(copy, VISIT + timedelta(days=2))
    assert list(visit.discussed(logbook)) == [cramp]
    note = visit.visit_note(logbook)
    assert note is not None and note.text == "Ask about sleep position"


def test_a_logbook_from_before_the_marks_still_restores(logbook: Logbook, tmp_path: Path) -> None:
    """A version-3 backup has no discussed or visit_notes tables: it is not 'incomplete'."""
    old = tmp_path / "old.db"
    db = sqlite3.connect(old)
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 3")
    db.execute(
        "INSERT INTO water (at_utc, utc_offset_min, night_date, ml) VALUES"
        " ('2026-11-20T20:00:00Z', 60, '2026-11-20', 250)"
    )
    db.commit()
    db.close()
    result = logbook.restore(old, VISIT)
    assert result.rows.copied["water"] == 1 and result.rows.copied["discussed"] == 0


def test_a_damaged_mark_is_skipped_and_counted_not_shown(logbook: Logbook) -> None:
    cramp = _warning_cramp(logbook)
    visit.mark_discussed(logbook, cramp, VISIT)
    db = sqlite3.connect(logbook.path)
    db.execute("INSERT INTO discussed VALUES (?, 'yesterday', 60)", (cramp + 1,))
    db.commit()
    db.close()
    assert list(visit.discussed(logbook)) == [cramp]
    assert logbook.invalid_rows["discussed"] == {str(cramp + 1)}
