"""Gathers today's facts for the status presenter (``core.status``): the reminder service's
pause and plan, the logbook's streak, the pregnancy week from the settings.

The wording is core's; this only reads. The streak is read when the popup opens, never for
the tooltip, so a login start loads neither the statistics nor the nights read model.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from nightstretch.core.clock import Clock, night_of
from nightstretch.core.pregnancy import Pregnancy, PregnancySettings
from nightstretch.core.status import (
    ReminderSwitches,
    StatusView,
    TrayStatus,
    Upcoming,
    needs_login_hint,
    status_view,
    tray_status,
)
from nightstretch.store.logbook import Logbook, LogbookError

log = logging.getLogger(__name__)

STREAK_LOOKBACK_NIGHTS = 120
"""How far the status popup looks back for the current streak."""


class ReminderFacts(Protocol):
    """What the status reads of ``services.reminders.ReminderService``."""

    @property
    def paused_until(self) -> datetime | None: ...

    @property
    def water_today_ml(self) -> int: ...

    @property
    def water_goal_ml(self) -> int: ...

    def showing(self) -> Sequence[object]: ...

    def next_due(self) -> Upcoming | None: ...


class StatusSettings(PregnancySettings, ReminderSwitches, Protocol):
    """The settings fields the status reads (``store.settings.Settings`` has them)."""


class StatusReader:
    def __init__(
        self,
        clock: Clock,
        reminders: ReminderFacts,
        logbook: Logbook | None,
        settings: Callable[[], StatusSettings],
    ) -> None:
        self._clock = clock
        self._reminders = reminders
        self._logbook = logbook
        self._settings = settings

    def _week(self, now: datetime) -> str:
        return Pregnancy.from_settings(self._settings()).label(now.date()) or ""

    def tray(self) -> TrayStatus:
        """The tray icon, its tooltip and the control window's status line."""
        now = self._clock.now()
        reminders = self._reminders
        return tray_status(
            now,
            paused_until=reminders.paused_until,
            showing=bool(reminders.showing()),
            next_due=reminders.next_due(),
            pregnancy=self._week(now),
        )

    def view(self) -> StatusView:
        """What the status popup shows, the streak included."""
        now = self._clock.now()
        reminders = self._reminders
        return status_view(
            now,
            paused_until=reminders.paused_until,
            next_due=reminders.next_due(),
            water_ml=reminders.water_today_ml,
            water_goal_ml=reminders.water_goal_ml,
            streak_nights=self.streak(),
            pregnancy=self._week(now),
            login_hint=needs_login_hint(self._settings()),
        )

    def streak(self) -> int:
        """Nights in a row with the routine done; 0 without a readable logbook."""
        from nightstretch.core.stats import streaks
        from nightstretch.store.nights import nights_back, summarize_nights

        book = self._logbook
        if book is None:
            return 0
        tonight = night_of(self._clock.now())
        try:
            nights = summarize_nights(book, nights_back(tonight, STREAK_LOOKBACK_NIGHTS))
        except LogbookError as exc:
            log.warning("streak unavailable: %s", exc)
            return 0
        return streaks(nights, tonight).current
