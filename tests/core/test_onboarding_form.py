"""First run's rules, without Qt."""

from __future__ import annotations

from datetime import date

from nightstretch.core import onboarding_form as pages
from nightstretch.core.onboarding_form import OnboardingResult

TODAY = date(2026, 11, 21)


def test_navigation_counts_pages_and_finishes_on_the_last() -> None:
    first = pages.page_nav(0)
    assert (first.counter, first.back_visible, first.next_name) == ("1 of 4", False, "Next")
    last = pages.page_nav(pages.PAGE_COUNT - 1)
    assert (last.counter, last.back_visible, last.next_text) == ("4 of 4", True, "&Finish")
    assert last.next_description.startswith("Save these choices")


def test_due_date_field_starts_halfway_inside_its_range() -> None:
    earliest, latest = pages.due_date_range(TODAY)
    assert (earliest, latest) == (date(2026, 11, 7), date(2027, 9, 11))
    assert earliest < pages.due_date_shown(TODAY) == date(2027, 4, 10) < latest


def chosen(choice: pages.PregnancyChoice) -> OnboardingResult:
    return pages.result(
        bedtime="22:00",
        reminders_on=True,
        water_on=False,
        choice=choice,
        due=date(2027, 3, 1),
        week=12,
    )


def test_only_the_chosen_pregnancy_detail_is_kept() -> None:
    assert chosen("due") == OnboardingResult("22:00", True, False, "2027-03-01", 0)
    assert chosen("week") == OnboardingResult("22:00", True, False, "", 12)
    assert chosen("not_now") == OnboardingResult("22:00", True, False, "", 0)
