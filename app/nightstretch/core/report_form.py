"""What the "Make a report" dialog offers and what it hands on: pure, no Qt, time passed in.

The dialog asks for the range (how many weeks, ending now or with an earlier night), who the
report is for (her name and due date, both optional and kept in the settings, so Settings
and the next report show them) and her "to ask at my visit" note (kept in the logbook).
The first time she makes a report it says why the name and due date are asked; they are
never required.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from nightstretch.core import entries
from nightstretch.core.clock import night_of
from nightstretch.core.i18n import _, ngettext
from nightstretch.core.pregnancy import Pregnancy, PregnancySettings
from nightstretch.core.wording import day_month_year

__all__ = ["WEEK_CHOICES", "ReportForm", "ReportRequest"]

WEEK_CHOICES = (4, 8, 12, 26, 52)
"""4 weeks (the default) is the time since a typical previous appointment."""
DUE_AHEAD_DAYS = 140
"""The date a blank due date field starts at: about mid-pregnancy from today."""


class ReportSettings(PregnancySettings, Protocol):
    """The settings fields the form reads; ``nightstretch.store.settings.Settings`` has them."""

    @property
    def report_name(self) -> str: ...

    @property
    def report_details_asked(self) -> bool: ...


@dataclass(frozen=True)
class ReportRequest:
    """What she chose: the use case makes the report from this."""

    weeks: int
    last_night: str | None
    """The last night of the range (finished); None: up to now, tonight included."""
    name: str
    due_date: str
    """ISO date, or "" when she gave none."""
    note: str


@dataclass(frozen=True)
class ReportForm:
    first_time: bool
    name: str
    due: date | None
    """Her due date as the settings give it (or imply it from the week she gave)."""
    due_shown: date
    due_low: date
    due_high: date
    note: str
    end_latest: date
    """The latest night she can end on that is over: the night before tonight."""
    end_earliest: date

    @classmethod
    def build(cls, settings: ReportSettings, note: str, now: datetime) -> ReportForm:
        today = now.date()
        due = Pregnancy.from_settings(settings).due
        tonight = date.fromisoformat(night_of(now))
        return cls(
            first_time=not settings.report_details_asked,
            name=settings.report_name,
            due=due,
            due_shown=due or today + timedelta(days=DUE_AHEAD_DAYS),
            due_low=min(due or today, today - timedelta(days=366)),
            due_high=max(due or today, today + timedelta(days=300)),
            note=note,
            end_latest=tonight - timedelta(days=1),
            end_earliest=tonight - timedelta(days=5 * 366),
        )

    @staticmethod
    def weeks_label(weeks: int) -> str:
        return ngettext("the last {n} week", "the last {n} weeks", weeks).format(n=weeks)

    def intro(self) -> str | None:
        """Said once, the first time: why name and due date are asked, and that they may
        stay empty."""
        if not self.first_time:
            return None
        return _(
            "Your name and due date are printed at the top of the report, so your midwife "
            "can file it. Both are optional, and you can change them later here or in "
            "Settings."
        )

    def end_note(self, up_to_now: bool, end: date, now: datetime) -> str:
        """What the chosen end means, in one line under the choice."""
        if up_to_now:
            return _("Up to now, {moment}: tonight's entries are included.").format(
                moment=f"{day_month_year(now.date())} {now:%H:%M}"
            )
        return _("Up to the morning after the night of {date}.").format(date=day_month_year(end))

    def read(
        self,
        *,
        weeks: int,
        up_to_now: bool,
        end: date,
        name: str,
        due_given: bool,
        due: date,
        note: str,
    ) -> ReportRequest | str:
        """The request, or the one sentence that says what to fix."""
        if weeks not in WEEK_CHOICES:
            return _("Choose how many weeks the report covers.")
        if not up_to_now and not self.end_earliest <= end <= self.end_latest:
            return _("Choose a night that is over, or up to now.")
        try:
            clean = entries.visit_note(note)
        except entries.EntryError as exc:
            return str(exc)
        return ReportRequest(
            weeks=weeks,
            last_night=None if up_to_now else end.isoformat(),
            name=" ".join(name.split()),
            due_date=due.isoformat() if due_given else "",
            note=clean,
        )

    def settings_changes(self, request: ReportRequest) -> dict[str, Any]:
        """The settings to save: the name, that she was asked, and the due date only if she
        changed it (a week she gave stays a week when the date it implies is kept)."""
        changes: dict[str, Any] = {"report_details_asked": True}
        if request.name != self.name:
            changes["report_name"] = request.name
        current = self.due.isoformat() if self.due is not None else ""
        if request.due_date != current:
            changes.update(due_date=request.due_date, pregnancy_week=0, pregnancy_week_on="")
        return changes
