from __future__ import annotations

import csv
import json
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.entries import CrampEntry
from nightstretch.store.export import (
    COLUMNS,
    Value,
    export_csv,
    export_json,
    export_tables,
    history_document,
    reminder_history,
)
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.nights import nights_back, summarize_nights
from nightstretch.store.schema import SCHEMA_VERSION, TABLES

CET = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=CET)


@pytest.fixture
def book(logbook: Logbook) -> Logbook:
    return logbook


def fill(book: Logbook) -> None:
    """A few nights of everything, in two time zones (she travelled)."""
    session = book.start_session("pre-bed-calf", datetime(2026, 11, 20, 22, 0, tzinfo=CET), 7)
    book.end_session(session, datetime(2026, 11, 20, 22, 9, tzinfo=CET), 7, "completed")
    book.set_feeling(session, "loose")
    book.start_session("quick-calf", datetime(2026, 11, 21, 22, 30, tzinfo=CET), 3)
    book.add_manual_session("pre-bed-calf", datetime(2026, 11, 19, 21, 0, tzinfo=NEW_YORK))
    book.add_water(250, datetime(2026, 11, 21, 22, 30, tzinfo=CET))
    book.add_water(500, datetime(2026, 11, 21, 10, 0, tzinfo=CET), source="tray")
    book.add_water(300, datetime(2026, 11, 19, 12, 0, tzinfo=NEW_YORK))
    book.add_cramp(
        CrampEntry(
            datetime(2026, 11, 22, 3, 10, tzinfo=CET),
            "left",
            7,
            duration_min=5,
            helped='flexing the foot, then "walking"',
            swelling=True,
        ),
        NOW,
    )
    book.add_cramp(CrampEntry(datetime(2026, 11, 21, 2, 0, tzinfo=CET), "both", 3, "foot"), NOW)
    book.set_checkin("2026-11-20", 2, datetime(2026, 11, 21, 8, 0, tzinfo=CET))
    book.set_checkin("2026-11-19", 0, datetime(2026, 11, 20, 7, 0, tzinfo=NEW_YORK))
    book.add_reminder_event(datetime(2026, 11, 21, 21, 30, tzinfo=CET), "evening", "shown")
    book.add_reminder_event(datetime(2026, 11, 21, 21, 40, tzinfo=CET), "evening", "snoozed", "10")
    book.add_reminder_event(datetime(2026, 11, 10, 15, 0, tzinfo=CET), "hydration", "missed")
    book.set_day_mark("2026-11-18", "sick")


def to_utc(text: str) -> tuple[str, int]:
    moment = datetime.fromisoformat(text)
    offset = moment.utcoffset()
    assert offset is not None, f"{text} has no offset"
    utc = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return utc, int(offset.total_seconds() // 60)


def cramp_values(row: dict[str, Value]) -> tuple[Value, ...]:
    return tuple(row[k] for k in COLUMNS["cramps"][3:])


def test_times_are_local_with_their_offset(book: Logbook) -> None:
    fill(book)
    tables = export_tables(book)
    assert tables["water"][0]["at"] == "2026-11-19T12:00:00-05:00"
    assert [w["at"] for w in tables["water"]][1:] == [
        "2026-11-21T10:00:00+01:00",
        "2026-11-21T22:30:00+01:00",
    ]
    assert tables["cramps"][1]["happened_at"] == "2026-11-22T03:10:00+01:00"


def test_json_export_round_trips(book: Logbook, tmp_path: Path) -> None:
    fill(book)
    out = tmp_path / "export.json"
    count = export_json(book, out, NOW)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = json.loads(out.read_text(encoding="utf-8"))
    assert count == sum(book.counts().values()) == 14
    assert {k: v for k, v in document.items() if k != "tables"} == {
        "format": "nightstretch-export",
        "format_version": 1,
        "app_version": document["app_version"],
        "schema_version": SCHEMA_VERSION,
        "exported_at": "2026-11-22T08:00:00+01:00",
    }
    tables = document["tables"]
    assert list(tables) == list(TABLES)
    for name in TABLES:
        assert all(list(row) == list(COLUMNS[name]) for row in tables[name])

    # read back into logbook terms and compare with what the logbook holds
    sessions = []
    for s in tables["sessions"]:
        started, offset = to_utc(s["started_at"])
        ended = to_utc(s["ended_at"])[0] if s["ended_at"] else None
        rest = [s[k] for k in ("night_date", "steps_done", "steps_total", "status", "feeling")]
        sessions.append((s["id"], s["routine_id"], started, ended, offset, *rest, s["source"]))
    assert sessions == [
        (
            r.id,
            r.routine_id,
            r.started_utc,
            r.ended_utc,
            r.utc_offset_min,
            r.night_date,
            r.steps_done,
            r.steps_total,
            r.status,
            r.feeling,
            r.source,
        )
        for r in book.sessions()
    ]
    water = [
        (w["id"], *to_utc(w["at"]), w["night_date"], w["ml"], w["source"]) for w in tables["water"]
    ]
    assert water == [
        (r.id, r.at_utc, r.utc_offset_min, r.night_date, r.ml, r.source) for r in book.water()
    ]
    cramps = [
        (c["id"], *to_utc(c["happened_at"]), to_utc(c["logged_at"])[0], *cramp_values(c))
        for c in tables["cramps"]
    ]
    assert cramps == [
        (r.id, r.happened_utc, r.utc_offset_min, r.logged_utc, *cramp_values(vars(r)))
        for r in book.cramps()
    ]
    checkins = [
        (c["id"], c["night_date"], *to_utc(c["answered_at"]), c["cramp_count"])
        for c in tables["checkins"]
    ]
    assert checkins == [
        (r.id, r.night_date, r.answered_utc, r.utc_offset_min, r.cramp_count)
        for r in book.checkins()
    ]
    events = [
        (e["id"], *to_utc(e["at"]), e["kind"], e["event"], e["detail"])
        for e in tables["reminder_events"]
    ]
    assert events == [
        (r.id, r.at_utc, r.utc_offset_min, r.kind, r.event, r.detail)
        for r in book.reminder_events()
    ]
    assert tables["day_marks"] == [{"night_date": "2026-11-18", "mark": "sick"}]


def test_csv_export_matches_the_json_one(book: Logbook, tmp_path: Path) -> None:
    fill(book)
    folder = tmp_path / "csv" / "nested"
    export_csv(book, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    tables = export_tables(book)
    for name in TABLES:
        path = folder / f"{name}.csv"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows = list(reader)
        assert tuple(header) == COLUMNS[name]
        expected = [
            [
                "" if v is None else ("true" if v is True else "false" if v is False else str(v))
                for v in row.values()
            ]
            for row in tables[name]
        ]
        assert rows == expected
    with (folder / "cramps.csv").open(encoding="utf-8") as handle:
        swelling = list(csv.DictReader(handle))
    assert [r["swelling"] for r in swelling] == ["false", "true"]
    assert swelling[0]["duration_min"] == ""


def test_empty_logbook_exports_headers_only(book: Logbook, tmp_path: Path) -> None:
    assert export_csv(book, tmp_path / "out") == 0
    assert (tmp_path / "out" / "water.csv").read_text() == "id,at,night_date,ml,source\n"
    assert export_json(book, tmp_path / "e.json", NOW) == 0


def test_export_refuses_to_overwrite_without_force(book: Logbook, tmp_path: Path) -> None:
    fill(book)
    out = tmp_path / "e.json"
    out.write_text("mine")
    with pytest.raises(LogbookError, match="already exists"):
        export_json(book, out, NOW)
    assert out.read_text() == "mine"
    export_json(book, out, NOW, overwrite=True)
    assert json.loads(out.read_text())["format"] == "nightstretch-export"
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "water.csv").write_text("mine")
    with pytest.raises(LogbookError, match=r"water\.csv already exists"):
        export_csv(book, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["water.csv"]  # nothing half-written
    export_csv(book, folder, overwrite=True)
    assert len(list(folder.iterdir())) == len(TABLES)
    with pytest.raises(LogbookError, match="does not exist"):
        export_json(book, tmp_path / "missing" / "e.json", NOW)
    with pytest.raises(LogbookError, match="is a file"):
        export_csv(book, out, overwrite=True)


def test_nights_back() -> None:
    assert nights_back("2026-03-01", 3) == ["2026-02-27", "2026-02-28", "2026-03-01"]
    assert nights_back("2026-11-21", 1) == ["2026-11-21"]


def test_night_summaries(book: Logbook) -> None:
    fill(book)
    nights = nights_back("2026-11-22", 5)
    by_night = {s.night_date: s for s in summarize_nights(book, nights)}
    sick, manual, done, partial, tonight = (by_night[n] for n in nights)
    assert (sick.routine, sick.cramps, sick.mark, sick.water_entries) == ("none", None, "sick", 0)
    assert (manual.routine, manual.cramps, manual.checkin_cramps, manual.water_ml) == (
        "done",
        0,
        0,
        300,
    )
    # the check-in said 2, one was logged in detail: history trusts the larger
    assert (done.routine, done.cramps, done.cramps_logged, done.worst_severity) == (
        "done",
        2,
        1,
        3,
    )
    assert done.warning_signs is False
    assert (partial.routine, partial.cramps, partial.worst_severity, partial.warning_signs) == (
        "partial",
        1,
        7,
        True,
    )
    assert (partial.water_ml, partial.water_entries) == (750, 2)
    assert tonight.routine == "none" and tonight.cramps is None


def test_reminder_history_keeps_to_the_nights(book: Logbook) -> None:
    fill(book)
    events = reminder_history(book, nights_back("2026-11-21", 3))
    assert [(e["at"], e["event"]) for e in events] == [
        ("2026-11-21T21:30:00+01:00", "shown"),
        ("2026-11-21T21:40:00+01:00", "snoozed"),
    ]


def test_history_document_is_stable(book: Logbook) -> None:
    fill(book)
    nights = nights_back("2026-11-21", 2)
    document = history_document(book, nights, NOW, with_reminders=False)
    assert list(document) == [
        "format",
        "format_version",
        "generated_at",
        "first_night",
        "last_night",
        "nights",
        "warning_cramps",
        "warnings_not_discussed",
    ]
    nights_out = document["nights"]
    assert isinstance(nights_out, list)
    assert list(nights_out[0]) == [
        "night_date",
        "routine",
        "sessions",
        "cramps",
        "cramps_logged",
        "checkin_cramps",
        "worst_severity",
        "warning_signs",
        "water_ml",
        "water_entries",
        "mark",
    ]
    with_events = history_document(book, nights, NOW, with_reminders=True)
    assert len(with_events["reminder_events"]) == 2  # type: ignore[arg-type]
    json.dumps(with_events)  # serialisable as is


def test_json_export_never_overwrites_the_logbook(book: Logbook) -> None:
    book.add_water(250, NOW)
    with pytest.raises(LogbookError, match="is the logbook itself"):
        export_json(book, book.path, NOW, overwrite=True)
    assert [w.ml for w in book.water()] == [250]
