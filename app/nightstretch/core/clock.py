"""Injected time, so rules can be tested by moving a fake clock instead of waiting."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Two views of time: a monotonic one for countdowns, an aware wall clock for the logbook."""

    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock; the wall clock is local and tz-aware so DST is always explicit."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FakeClock:
    """A clock tests move by hand; monotonic and wall time advance together."""

    def __init__(self, start: datetime | None = None, monotonic_start: float = 1000.0) -> None:
        self._mono = monotonic_start
        self._now = start if start is not None else datetime(2026, 11, 21, 21, 30, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._mono += seconds
        self._now += timedelta(seconds=seconds)


def night_of(local: datetime, rollover_hour: int = 6) -> str:
    """The night a moment belongs to: 03:00 on the 22nd is still the night of the 21st."""
    shifted = local - timedelta(hours=rollover_hour)
    return shifted.date().isoformat()
