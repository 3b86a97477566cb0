"""Hole 5 of issue 17: one damaged page no longer hides the whole history.

Damage patterns of the fault list (an overwritten page, a truncated file, random bytes,
zero length) and row-level damage that passes ``quick_check``: the original is kept as it
was, every readable row comes back, and readers skip and count rows they cannot trust.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from nightstretch.store.doctor import doctor
from nightstretch.store.export import export_tables, history_document
from nightstretch.store.logbook import Logbook
from nightstretch.store.nights import nights_back, summarize_nights
from nightstretch.store.paths import AppPaths
from nightstretch.store.report_data import build_report_data
from nightstretch.store.rowcopy import CopyResult
from nightstretch.store.salvage import SalvageResult, salvage_message

NOW = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
PAGE = 4096


def _logbook_with_water(path: Path, rows: int = 750) -> bytes:
    book = Logbook(path)
    try:
        book.insert_many(
            "water",
            ("at_utc", "utc_offset_min", "night_date", "ml", "source"),
            [
                (
                    f"{(NOW - timedelta(minutes=n)).strftime('%Y-%m-%dT%H:%M:%SZ')}",
                    0,
                    (NOW - timedelta(minutes=n)).date().isoformat(),
                    100 + n % 500,
                    "app",
                )
                for n in range(rows)
            ],
        )
        book._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        book.close()
    return path.read_bytes()


def _leaf_pages(data: bytes) -> list[int]:
    """Table b-tree leaves start with 0x0D; page 1 holds the schema."""
    return [n + 1 for n in range(1, len(data) // PAGE) if data[n * PAGE] == 0x0D]


def test_one_overwritten_page_loses_only_its_own_rows(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    data = bytearray(_logbook_with_water(path))
    leaves = _leaf_pages(bytes(data))
    page = leaves[len(leaves) // 2]
    data[(page - 1) * PAGE : page * PAGE] = b"\xa5" * PAGE
    path.write_bytes(bytes(data))
    book = Logbook(path, NOW)
    try:
        assert book.moved_aside is not None and book.moved_aside.read_bytes() == bytes(data)
        assert book.salvage is not None
        recovered = len(book.water())
        assert 600 <= recovered < 750 and recovered == book.salvage.recovered
        assert book.salvage.about == 750
        assert salvage_message(book.salvage) == (
            f"Recovered {recovered} of about 750 entries; "
            f"the damaged file is kept at {book.moved_aside}."
        )
        book.add_water(250, NOW)  # the fresh logbook takes new entries at once
    finally:
        book.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".salvage-")]


def _truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def _random_bytes(data: bytes) -> bytes:
    return random.Random(17).randbytes(len(data))


def _zero_length(data: bytes) -> bytes:
    return b""


@pytest.mark.parametrize(
    ("damage", "low", "high"),
    [(_truncated, 1, 749), (_random_bytes, 0, 0), (_zero_length, 0, 0)],
    ids=["truncated", "random-bytes", "zero-length"],
)
def test_other_damage_patterns_never_stop_the_logbook(
    tmp_path: Path, damage: object, low: int, high: int
) -> None:
    assert callable(damage)
    path = tmp_path / "nightstretch.db"
    damaged = damage(_logbook_with_water(path))
    path.write_bytes(damaged)
    book = Logbook(path, NOW)
    try:
        assert low <= len(book.water()) <= high
        if book.moved_aside is not None:
            assert book.moved_aside.read_bytes() == damaged
            assert book.salvage is not None
            if damage is _truncated:
                assert salvage_message(book.salvage).startswith(
                    f"Recovered {len(book.water())} entries, but more may have been lost;"
                )
            assert salvage_message(book.salvage).endswith(
                f"the damaged file is kept at {book.moved_aside}."
            )
        book.add_water(250, NOW)
    finally:
        book.close()


def test_the_message_for_each_outcome(tmp_path: Path) -> None:
    kept = tmp_path / "nightstretch.corrupt-1.db"
    nothing = SalvageResult(kept, None, "file is not a database")
    assert salvage_message(nothing) == (
        f"No entries could be recovered; the damaged file is kept at {kept}."
    )
    whole = SalvageResult(kept, CopyResult(copied={"water": 1}, skipped={}, unreadable={}))
    assert salvage_message(whole).startswith("Recovered all 1 entry;")
    part = SalvageResult(kept, CopyResult(copied={"water": 2}, skipped={"water": 1}))
    assert salvage_message(part).startswith("Recovered 2 of about 3 entries;")
    cut = CopyResult(copied={"water": 5}, unreadable={"water": 1}, open_ended={"water"})
    assert salvage_message(SalvageResult(kept, cut)).startswith(
        "Recovered 5 entries, but more may have been lost;"
    )


# -- row-level damage that passes quick_check -----------------------------------------


def _bad_rows(book: Logbook) -> None:
    book.add_water(250, NOW)
    book.add_water(300, NOW - timedelta(hours=1))
    with book.transaction() as db:
        db.execute("UPDATE water SET at_utc = 'not a time' WHERE ml = 300")
        db.execute(
            "INSERT INTO cramps (happened_utc, logged_utc, utc_offset_min, night_date, leg,"
            " severity) VALUES ('0900-06-01T00:00:00Z', 'x', 0, '2026-11-21', 'left', 3)"
        )
        db.execute(
            "INSERT INTO sessions (routine_id, started_utc, utc_offset_min, night_date,"
            " steps_total) VALUES ('r', '2026-11-21T21:00:00+01:00', 60, '2026-11-21', 3)"
        )
        db.execute(
            "INSERT INTO reminder_events (at_utc, utc_offset_min, kind, event)"
            " VALUES ('soon', 0, 'evening', 'shown')"
        )


def test_readers_skip_and_count_rows_that_fail_the_checks(logbook: Logbook) -> None:
    _bad_rows(logbook)
    nights = nights_back("2026-11-21", 7)
    assert [w.ml for w in logbook.water()] == [250]
    assert logbook.cramps() == [] and logbook.sessions() == []
    assert summarize_nights(logbook, nights)[-1].water_ml == 250
    tables = export_tables(logbook)
    assert len(tables["water"]) == 1 and tables["reminder_events"] == []
    document = history_document(logbook, nights, NOW, with_reminders=True)
    assert document["reminder_events"] == []
    report = build_report_data(logbook, "2026-11-21", 1, 2000, date(2027, 3, 1))
    assert report.cramps == ()
    assert {t: len(k) for t, k in logbook.invalid_rows.items()} == {
        "water": 1,
        "cramps": 1,
        "sessions": 1,
        "reminder_events": 1,
    }


def test_doctor_counts_bad_rows_and_salvages_a_damaged_file(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "home")
    assert doctor(paths, NOW).lines() == [f"No logbook yet at {paths.logbook}; nothing to check."]
    paths.ensure()
    book = Logbook(paths.logbook)
    _bad_rows(book)
    book.close()
    found = doctor(paths, NOW)
    assert not found.healthy and found.invalid["water"] == 1
    assert found.lines()[0] == f"The logbook {paths.logbook} passed the integrity check."
    assert "water: 1 row cannot be read as an entry" in "\n".join(found.lines())

    _logbook_with_water(paths.logbook, 750)
    data = bytearray(paths.logbook.read_bytes())
    page = _leaf_pages(bytes(data))[-2]
    data[(page - 1) * PAGE : page * PAGE] = b"\x00\xff" * (PAGE // 2)
    paths.logbook.write_bytes(bytes(data))
    found = doctor(paths, NOW)
    assert found.salvage is not None and not found.healthy
    assert found.lines()[0].startswith("The logbook was damaged. Recovered ")
    again = doctor(paths, NOW)
    assert again.salvage is None  # the salvaged logbook is sound from then on


def test_salvage_reads_a_copy_so_the_kept_wal_is_never_replayed(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    _logbook_with_water(path, 300)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    data = bytearray(path.read_bytes())
    data[100:200] = b"\xee" * 100  # the schema page: nothing readable
    path.write_bytes(bytes(data))
    book = Logbook(path, NOW)
    try:
        assert book.moved_aside is not None and book.moved_aside.read_bytes() == bytes(data)
        assert book.salvage is not None
    finally:
        book.close()
