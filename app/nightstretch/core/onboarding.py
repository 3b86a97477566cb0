"""What the welcome pages' answers change in the settings: a pure mapping, tested without Qt.

A due date and a week are alternatives: whichever she gave replaces the other, so an old
week never outlives a newly entered due date (and the other way round).
"""

from __future__ import annotations

from datetime import date
from typing import Protocol


class OnboardingAnswers(Protocol):
    """The fields of ``ui.onboarding.OnboardingResult`` this mapping reads."""

    @property
    def bedtime(self) -> str: ...

    @property
    def reminders_on(self) -> bool: ...

    @property
    def water_on(self) -> bool: ...

    @property
    def due_date(self) -> str: ...

    @property
    def week(self) -> int: ...

    @property
    def start_at_login(self) -> bool: ...


def settings_changes(answers: OnboardingAnswers | None, today: date) -> dict[str, object]:
    """The settings fields to update; ``None`` (skipped) only marks onboarding as done.

    A week is stored with the day it was given (``pregnancy_week_on``) so it keeps counting.
    """
    changes: dict[str, object] = {"onboarding_done": True}
    if answers is None:
        return changes
    changes["bedtime"] = answers.bedtime
    changes["evening_enabled"] = answers.reminders_on
    changes["water_enabled"] = answers.water_on
    changes["autostart"] = answers.start_at_login
    if answers.due_date:
        changes.update(due_date=answers.due_date, pregnancy_week=0, pregnancy_week_on="")
    elif answers.week:
        changes.update(
            due_date="", pregnancy_week=answers.week, pregnancy_week_on=today.isoformat()
        )
    return changes
