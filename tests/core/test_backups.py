"""The automatic backup rules: when one is due, which to keep, when to look again."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from nightstretch.core import backups


def test_names_and_due() -> None:
    day = date(2026, 11, 30)
    assert backups.backup_name(day) == "nightstretch-2026-11-30.db"
    assert backups.day_of("nightstretch-2026-11-30.db") == day
    for other in ("nightstretch-2026-13-30.db", "notes.txt", "nightstretch-2026-11-30.db-wal"):
        assert backups.day_of(other) is None
    assert backups.is_due(day, [day - timedelta(days=1)])
    assert not backups.is_due(day, [day])


def test_rotation_over_sixty_days_keeps_seven_daily_and_four_weekly() -> None:
    start = date(2026, 10, 1)
    kept: set[date] = set()
    for n in range(60):
        today = start + timedelta(days=n)
        kept = backups.to_keep(kept | {today})
        assert today in kept  # the newest is never pruned
    last = start + timedelta(days=59)
    daily = {last - timedelta(days=n) for n in range(7)}
    assert daily <= kept and len(kept) == 11
    weekly = sorted(kept - daily)
    weeks = {d.isocalendar()[:2] for d in weekly}
    assert len(weeks) == 4  # one per week, older than the daily ones
    assert all(d < min(daily) for d in weekly)
    assert not weeks & {d.isocalendar()[:2] for d in daily}
    # the weekly ones are recent weeks, not the first ones ever made
    assert max(weekly) - min(weekly) <= timedelta(days=4 * 7)


def test_a_gap_keeps_what_there_is() -> None:
    days = {date(2026, 1, 1), date(2026, 3, 1), date(2026, 6, 1)}
    assert backups.to_keep(days) == days


def test_next_check_is_just_after_midnight() -> None:
    cet = timezone(timedelta(hours=1))
    evening = datetime(2026, 11, 30, 21, 40, tzinfo=cet)
    assert backups.seconds_to_next_check(evening) == (2 * 3600 + 20 * 60) + 5 * 60
    late = datetime(2026, 11, 30, 23, 59, 59, tzinfo=cet)
    assert backups.seconds_to_next_check(late) == 5 * 60 + 1
