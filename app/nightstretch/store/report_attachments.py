"""The entries behind a report, as files attached to its PDF, so a clinic can import them.

The same shapes as ``nightstretch export``: one CSV per table and one JSON document, with
only the rows of the report's range (its nights, and nothing after its end).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from nightstretch.core.clock import night_of
from nightstretch.store.export import Table, csv_text, export_document, export_tables
from nightstretch.store.logbook import Logbook
from nightstretch.store.schema import TABLES

_MOMENT = {
    "sessions": "started_at",
    "water": "at",
    "cramps": "happened_at",
    "checkins": "answered_at",
    "reminder_events": "at",
    "discussed": "at",
    "visit_notes": "written_at",
}
"""The time that places a row after the report's end (day marks have none)."""


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mime: str


def _in_range(
    table: str, row: Mapping[str, object], first: str, last: str, until: datetime
) -> bool:
    moment_key = _MOMENT.get(table)
    moment = None if moment_key is None else datetime.fromisoformat(str(row[moment_key]))
    night = row.get("night_date")
    if night is None and moment is not None:
        night = night_of(moment)
    if not first <= str(night) <= last:
        return False
    return moment is None or moment <= until


def range_tables(book: Logbook, first: str, last: str, until: datetime) -> dict[str, Table]:
    """Every table in export form, keeping the rows of the nights ``first`` to ``last``."""
    tables = export_tables(book)
    return {
        name: [row for row in rows if _in_range(name, row, first, last, until)]
        for name, rows in tables.items()
    }


def report_attachments(
    book: Logbook, first: str, last: str, until: datetime, now: datetime
) -> tuple[Attachment, ...]:
    """``nightstretch-<table>.csv`` for each table and ``nightstretch-entries.json``."""
    tables = range_tables(book, first, last, until)
    files = [
        Attachment(f"nightstretch-{name}.csv", csv_text(name, tables[name]).encode(), "text/csv")
        for name in TABLES
    ]
    document = export_document(tables, now)
    document["first_night"], document["last_night"] = first, last
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    files.append(Attachment("nightstretch-entries.json", text.encode(), "application/json"))
    return tuple(files)
