"""Getting data out of the logbook as files and documents: exports and ``history --json``.

Exported column names and document keys are a contract (people feed them to
spreadsheets and scripts), so they are spelled out here rather than derived from the
schema. Times are written in the local time of the moment they were logged, with its
offset (``2026-11-21T22:30:00+01:00``), because that is the time the person remembers.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from nightstretch import __version__
from nightstretch.core.clock import night_of
from nightstretch.core.i18n import _
from nightstretch.store.files import atomic_write
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.nights import summarize_nights
from nightstretch.store.rows import ReminderEventRow, local_time
from nightstretch.store.schema import SCHEMA_VERSION, TABLES
from nightstretch.store.visit import discussed, warning_cramps

Value = str | int | bool | None
Table = list[dict[str, Value]]

EXPORT_FORMAT = "nightstretch-export"
HISTORY_FORMAT = "nightstretch-history"
FORMAT_VERSION = 1

COLUMNS: dict[str, tuple[str, ...]] = {
    "sessions": (
        "id",
        "routine_id",
        "started_at",
        "ended_at",
        "night_date",
        "steps_done",
        "steps_total",
        "status",
        "feeling",
        "source",
    ),
    "water": ("id", "at", "night_date", "ml", "source"),
    "cramps": (
        "id",
        "happened_at",
        "logged_at",
        "night_date",
        "leg",
        "muscle",
        "severity",
        "duration_min",
        "helped",
        "swelling",
        "redness",
        "warmth",
        "pain_not_easing",
    ),
    "checkins": ("id", "night_date", "answered_at", "cramp_count"),
    "reminder_events": ("id", "at", "kind", "event", "detail"),
    "day_marks": ("night_date", "mark"),
    "discussed": ("cramp_id", "at"),
    "visit_notes": ("id", "written_at", "text"),
}
assert tuple(COLUMNS) == TABLES


def iso_local(utc: str, offset_min: int) -> str:
    return local_time(utc, offset_min).isoformat(timespec="seconds")


def _reminder(row: ReminderEventRow) -> dict[str, Value]:
    return {
        "id": row.id,
        "at": iso_local(row.at_utc, row.utc_offset_min),
        "kind": row.kind,
        "event": row.event,
        "detail": row.detail,
    }


def export_tables(book: Logbook) -> dict[str, Table]:
    """Every table in export form, read from one snapshot."""
    with book.reading():
        sessions, water, cramps = book.sessions(), book.water(), book.cramps()
        checkins, events, marks = book.checkins(), book.reminder_events(), book.day_marks()
        talked = book.select_checked("discussed", "ORDER BY cramp_id")
        notes = book.select_checked("visit_notes", "ORDER BY id")
    tables: dict[str, Table] = {
        "sessions": [
            {
                "id": s.id,
                "routine_id": s.routine_id,
                "started_at": iso_local(s.started_utc, s.utc_offset_min),
                "ended_at": iso_local(s.ended_utc, s.utc_offset_min) if s.ended_utc else None,
                "night_date": s.night_date,
                "steps_done": s.steps_done,
                "steps_total": s.steps_total,
                "status": s.status,
                "feeling": s.feeling,
                "source": s.source,
            }
            for s in sessions
        ],
        "water": [
            {
                "id": w.id,
                "at": iso_local(w.at_utc, w.utc_offset_min),
                "night_date": w.night_date,
                "ml": w.ml,
                "source": w.source,
            }
            for w in water
        ],
        "cramps": [
            {
                "id": c.id,
                "happened_at": iso_local(c.happened_utc, c.utc_offset_min),
                "logged_at": iso_local(c.logged_utc, c.utc_offset_min),
                "night_date": c.night_date,
                "leg": c.leg,
                "muscle": c.muscle,
                "severity": c.severity,
                "duration_min": c.duration_min,
                "helped": c.helped,
                "swelling": c.swelling,
                "redness": c.redness,
                "warmth": c.warmth,
                "pain_not_easing": c.pain_not_easing,
            }
            for c in cramps
        ],
        "checkins": [
            {
                "id": k.id,
                "night_date": k.night_date,
                "answered_at": iso_local(k.answered_utc, k.utc_offset_min),
                "cramp_count": k.cramp_count,
            }
            for k in checkins
        ],
        "reminder_events": [_reminder(e) for e in events],
        "day_marks": [{"night_date": m.night_date, "mark": m.mark} for m in marks],
        "discussed": [
            {"cramp_id": d["cramp_id"], "at": iso_local(d["at_utc"], d["utc_offset_min"])}
            for d in talked
        ],
        "visit_notes": [
            {
                "id": n["id"],
                "written_at": iso_local(n["written_utc"], n["utc_offset_min"]),
                "text": n["text"],
            }
            for n in notes
        ],
    }
    for name, rows in tables.items():
        assert all(tuple(row) == COLUMNS[name] for row in rows)
    return tables


def export_json(book: Logbook, out: Path, now: datetime, overwrite: bool = False) -> int:
    """One JSON document with every table; returns the number of rows written."""
    if out.expanduser().resolve() == book.path.expanduser().resolve():
        raise LogbookError(_("{file} is the logbook itself; choose another file.").format(file=out))
    _refuse_existing([out], overwrite)
    if not out.parent.is_dir():
        raise LogbookError(_("The folder {folder} does not exist.").format(folder=out.parent))
    tables = export_tables(book)
    document = export_document(tables, now)
    _write_private(out, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return sum(len(rows) for rows in tables.values())


def export_csv(book: Logbook, folder: Path, overwrite: bool = False) -> int:
    """One ``<table>.csv`` per table in ``folder``; booleans as true/false, empty for none."""
    targets = [folder / f"{name}.csv" for name in TABLES]
    if folder.exists() and not folder.is_dir():
        raise LogbookError(
            _("{file} is a file; for csv, --out names a folder.").format(file=folder)
        )
    _refuse_existing(targets, overwrite)
    tables = export_tables(book)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise LogbookError(
            _("Could not create {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    for name, target in zip(TABLES, targets, strict=True):
        _write_private(target, csv_text(name, tables[name]))
    return sum(len(rows) for rows in tables.values())


def csv_text(name: str, rows: Table) -> str:
    """One table as the CSV file ``export --format csv`` writes for it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS[name])
    writer.writerows([_csv_cell(row[c]) for c in COLUMNS[name]] for row in rows)
    return buffer.getvalue()


def export_document(tables: dict[str, Table], now: datetime) -> dict[str, object]:
    """The ``export --format json`` document around ``tables``."""
    return {
        "format": EXPORT_FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(timespec="seconds"),
        "tables": tables,
    }


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _refuse_existing(targets: list[Path], overwrite: bool) -> None:
    """Checked before anything is written, so a refusal leaves no half export."""
    existing = [str(t) for t in targets if t.exists()]
    if existing and not overwrite:
        raise LogbookError(
            _("{file} already exists; choose another place or use --force.").format(
                file=existing[0]
            )
        )


def _write_private(target: Path, text: str) -> None:
    """An export is whole or not there at all, and readable by her alone."""
    try:
        atomic_write(target, text)
    except OSError as exc:
        raise LogbookError(
            _("Could not write {file}: {reason}").format(file=target, reason=exc.strerror or exc)
        ) from exc


# -- history --------------------------------------------------------------------------


def reminder_history(book: Logbook, nights: list[str]) -> Table:
    """Reminder events whose local time falls in those nights (06:00 to 06:00)."""
    since = datetime.combine(date.fromisoformat(nights[0]) - timedelta(days=1), time(), UTC)
    wanted = set(nights)
    return [
        _reminder(e)
        for e in book.reminder_events(since=since)
        if night_of(local_time(e.at_utc, e.utc_offset_min)) in wanted
    ]


def history_document(
    book: Logbook, nights: list[str], now: datetime, with_reminders: bool
) -> dict[str, object]:
    """The ``history --json`` document: stable keys, nights oldest first.

    ``warning_cramps`` lists the warning-sign cramps of these nights with the time each was
    marked discussed (null: not yet); ``warnings_not_discussed`` counts those of any date.
    """
    with book.reading():
        warned, marks = warning_cramps(book), discussed(book)
    wanted = set(nights)
    document: dict[str, object] = {
        "format": HISTORY_FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": now.isoformat(timespec="seconds"),
        "first_night": nights[0],
        "last_night": nights[-1],
        "nights": [asdict(s) for s in summarize_nights(book, nights)],
        "warning_cramps": [
            {
                "cramp_id": c.id,
                "night_date": c.night_date,
                "happened_at": iso_local(c.happened_utc, c.utc_offset_min),
                "discussed_at": (
                    iso_local(marks[c.id].at_utc, marks[c.id].utc_offset_min)
                    if c.id in marks
                    else None
                ),
            }
            for c in reversed(warned)
            if c.night_date in wanted
        ],
        "warnings_not_discussed": sum(1 for c in warned if c.id not in marks),
    }
    if with_reminders:
        document["reminder_events"] = reminder_history(book, nights)
    return document
