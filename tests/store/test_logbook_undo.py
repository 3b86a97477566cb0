"""Logbook.put_back: undo restores a deleted or edited row exactly, under its old id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from nightstretch.core.entries import CrampEntry
from nightstretch.store.logbook import Logbook

CET = timezone(timedelta(hours=1))
EVENING = datetime(2026, 11, 21, 22, 0, tzinfo=CET)


def test_deleted_rows_come_back_with_every_value(logbook: Logbook) -> None:
    sid = logbook.start_session("evening-calf", EVENING, 6)
    logbook.end_session(sid, EVENING + timedelta(minutes=9), 6, "completed")
    logbook.set_feeling(sid, "loose")
    wid = logbook.add_water(300, EVENING - timedelta(hours=5))
    cid = logbook.add_cramp(
        CrampEntry(
            happened=EVENING + timedelta(hours=5),
            leg="left",
            severity=8,
            duration_min=4,
            helped="walking",
            redness=True,
            pain_not_easing=True,
        ),
        logged=EVENING + timedelta(hours=9),
    )
    logbook.set_checkin("2026-11-21", 1, EVENING + timedelta(hours=9))
    logbook.set_day_mark("2026-11-20", "sick")
    later = logbook.add_water(250, EVENING)  # a newer row keeps its own id
    rows = (
        logbook.sessions()[0],
        logbook.water()[0],
        logbook.cramps()[0],
        logbook.checkins()[0],
        logbook.day_marks()[0],
    )
    before = logbook.counts()
    assert logbook.delete_session(sid) and logbook.delete_water(wid) and logbook.delete_cramp(cid)
    assert logbook.delete_checkin("2026-11-21") and logbook.clear_day_mark("2026-11-20")

    for row in rows:
        logbook.put_back(row)
    assert logbook.counts() == before
    assert logbook.sessions()[0] == rows[0]
    assert [w.id for w in logbook.water()] == [wid, later]
    assert logbook.water()[0] == rows[1]
    assert logbook.cramps() == [rows[2]]
    assert logbook.cramps()[0].logged_utc == "2026-11-22T06:00:00Z"  # 07:00 CET
    assert logbook.cramps()[0].warning_signs
    assert logbook.checkins() == [rows[3]]
    assert logbook.day_marks() == [rows[4]]


def test_put_back_reverts_an_edit(logbook: Logbook) -> None:
    entry = CrampEntry(happened=datetime(2026, 11, 22, 2, 0, tzinfo=UTC), leg="both", severity=5)
    cid = logbook.add_cramp(entry, logged=datetime(2026, 11, 22, 7, 0, tzinfo=UTC))
    original = logbook.cramps()[0]
    moved = CrampEntry(happened=datetime(2026, 11, 20, 23, 0, tzinfo=CET), leg="right", severity=9)
    assert logbook.update_cramp(cid, moved)
    assert logbook.cramps()[0].night_date == "2026-11-20"
    logbook.put_back(original)
    assert logbook.cramps() == [original]


def test_an_older_checkin_replaces_a_later_answer_for_the_same_night(logbook: Logbook) -> None:
    logbook.set_checkin("2026-11-21", 2, EVENING + timedelta(hours=10))
    original = logbook.checkins()[0]
    logbook.delete_checkin("2026-11-21")
    logbook.set_checkin("2026-11-21", 0, EVENING + timedelta(hours=11))
    logbook.put_back(original)
    assert logbook.checkins() == [original]
