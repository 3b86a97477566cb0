"""When an automatic backup is due and which ones to keep: pure rules, the date passed in.

One backup a day, named by its local date; after each new one the newest ``DAILY`` are kept,
and the newest backup of each of the ``WEEKLY`` most recent older weeks (Monday-started ISO
weeks), like a backup tape rotation. Nothing here touches a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

DAILY = 7
WEEKLY = 4
PREFIX = "nightstretch-"
SUFFIX = ".db"
_NAME = re.compile(r"^nightstretch-(\d{4}-\d{2}-\d{2})\.db$")


def backup_name(day: date) -> str:
    """``nightstretch-2026-11-30.db``: sorts by date, and says the date to a person."""
    return f"{PREFIX}{day.isoformat()}{SUFFIX}"


def day_of(name: str) -> date | None:
    """The date in an automatic backup's name, or None for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        return None


def is_due(today: date, days: Iterable[date]) -> bool:
    """Due when no backup of today exists yet."""
    return today not in set(days)


def to_keep(days: Iterable[date], daily: int = DAILY, weekly: int = WEEKLY) -> set[date]:
    """The ``daily`` newest, then the newest of each of ``weekly`` older ISO weeks."""
    newest_first = sorted(set(days), reverse=True)
    kept = set(newest_first[:daily])
    weeks = {d.isocalendar()[:2] for d in kept}
    weeklies = 0
    for day in newest_first[daily:]:
        week = day.isocalendar()[:2]
        if weeklies >= weekly:
            break
        if week not in weeks:
            kept.add(day)
            weeks.add(week)
            weeklies += 1
    return kept


CHECK_AFTER_MIDNIGHT = timedelta(minutes=5)


def seconds_to_next_check(now_local: datetime) -> float:
    """The one daily wake-up: a few minutes into the next local day (no polling)."""
    tomorrow = datetime.combine(now_local.date() + timedelta(days=1), time(), now_local.tzinfo)
    return max(60.0, (tomorrow + CHECK_AFTER_MIDNIGHT - now_local).total_seconds())
