"""First run without its widgets: what the pages say, where they start, what she chose.

The window (``ui/onboarding.py``) draws these; the composition root maps the
``OnboardingResult`` into the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from nightstretch.core.i18n import N_, _

PAGE_COUNT = 4
MAX_WEEK = 42
DEFAULT_WEEK = 20

WHAT_IT_DOES: tuple[str, ...] = (
    N_("Reminds you to do a short calf stretch before bed, and to drink water during the day."),
    N_(
        "Plays the routine step by step, with sounds and an optional voice, so you can "
        "face the wall instead of the screen."
    ),
    N_(
        "Keeps a private logbook of routines, water and cramps on this computer, "
        "to take to your midwife or doctor if you like."
    ),
)
"""In English; ``what_it_does()`` gives them in her language."""


def what_it_does() -> tuple[str, ...]:
    return tuple(_(line) for line in WHAT_IT_DOES)


PregnancyChoice = Literal["not_now", "due", "week"]


@dataclass(frozen=True)
class OnboardingResult:
    """What she chose; the composition root maps it into ``Settings``.

    ``due_date`` is "" or YYYY-MM-DD; ``week`` is 0 (not given) or the week on the day
    onboarding was finished (``Settings.pregnancy_week`` with ``pregnancy_week_on`` today).
    At most one of the two is set.
    """

    bedtime: str
    reminders_on: bool
    water_on: bool
    due_date: str
    week: int
    start_at_login: bool = True
    """Without it, after the next login no reminder comes at all (issue 12)."""


@dataclass(frozen=True)
class PageNav:
    """The row under the pages for one page: where she is and what Next does."""

    counter: str
    back_visible: bool
    next_text: str
    next_name: str
    next_description: str


def page_nav(index: int) -> PageNav:
    last = index == PAGE_COUNT - 1
    return PageNav(
        counter=_("{page} of {count}").format(page=index + 1, count=PAGE_COUNT),
        back_visible=index > 0,
        next_text=_("&Finish") if last else _("&Next"),
        next_name=_("Finish") if last else _("Next"),
        next_description=(
            _("Save these choices and start Nightstretch (Enter)")
            if last
            else _("The next page (Enter)")
        ),
    )


def due_date_range(today: date) -> tuple[date, date]:
    """Dates a due date can sensibly be: from two weeks ago to a full pregnancy ahead."""
    return today - timedelta(weeks=2), today + timedelta(weeks=42)


def due_date_shown(today: date) -> date:
    """Where the date field starts: halfway, so either direction is a few key presses."""
    return today + timedelta(weeks=20)


def result(
    *,
    bedtime: str,
    reminders_on: bool,
    water_on: bool,
    choice: PregnancyChoice,
    due: date,
    week: int,
    start_at_login: bool = True,
) -> OnboardingResult:
    """Only the chosen one of due date and week is kept."""
    return OnboardingResult(
        bedtime=bedtime,
        reminders_on=reminders_on,
        water_on=water_on,
        due_date=due.isoformat() if choice == "due" else "",
        week=week if choice == "week" else 0,
        start_at_login=start_at_login,
    )
