"""Pregnancy week, trimester and the week rules that change what a routine plays.

Conventions (the usual obstetric ones, so the week matches what her midwife says):

- Gestational age counts from the first day of the last period, with the due date at
  280 days (40 weeks + 0 days; Naegele's rule). On a day ``d`` the age in days is
  ``280 - (due - d).days`` and the week is the number of *completed* weeks, ``days // 7``:
  40+2 is "Week 40", the due date itself is "Week 40", 27+6 is "Week 27".
- A week given on a date (``pregnancy_week`` on ``pregnancy_week_on``) is taken as the start
  of that week (N+0) on that date, which fixes an implied due date the same way.
  A due date, when both are set, wins: it is the more precise of the two.
- Trimesters as ACOG and most clinics count them: 1st up to 13+6, 2nd from 14+0 to 27+6,
  3rd from 28+0. (Some leaflets start the 3rd at week 27; we keep one rule everywhere.)
- After the birth (``postpartum``) there is no week, no label and no week rule: the routines
  stay as they are.

When the week is unknown, a step with ``avoid_from_week`` is treated as avoided (left out or
replaced by its alternative). That is the safer default: missing one stretch costs little,
while lying flat on the back late in pregnancy can press on the big vein that returns blood
from the legs, and the person at the wall cannot be expected to read a "skip this if ..."
note while she is doing it. The line says why and how to get the step back (set the week).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol

from nightstretch.core.i18n import N_, _
from nightstretch.core.routine import Position, Routine, Step

FULL_TERM_DAYS = 280
"""Due date = 40 weeks + 0 days of gestational age."""
PAST_DUE_ASK_DAYS = 14
"""Two weeks after the due date the app asks whether to keep the pregnancy settings."""
SECOND_TRIMESTER_WEEK = 14
THIRD_TRIMESTER_WEEK = 28
_LABELS = {
    1: N_("Week {week} {dash} 1st trimester"),
    2: N_("Week {week} {dash} 2nd trimester"),
    3: N_("Week {week} {dash} 3rd trimester"),
}
"""Whole labels, not "1st" glued to "trimester": ordinals differ by language."""
DASH = "-"
"""The one dash used in labels, as the issue spells it: "Week 27 - 2nd trimester"."""


class PregnancySettings(Protocol):
    """The settings fields this module reads; ``nightstretch.store.settings.Settings`` has them."""

    @property
    def due_date(self) -> str: ...

    @property
    def pregnancy_week(self) -> int: ...

    @property
    def pregnancy_week_on(self) -> str: ...

    @property
    def postpartum(self) -> bool: ...

    @property
    def past_due_asked(self) -> bool: ...


def _parse_day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def due_from_week(week: int, on: date) -> date:
    """The due date implied by "week ``week`` (+0 days) on ``on``"."""
    return on + timedelta(days=FULL_TERM_DAYS - 7 * week)


def trimester_of(week: int) -> int:
    if week >= THIRD_TRIMESTER_WEEK:
        return 3
    if week >= SECOND_TRIMESTER_WEEK:
        return 2
    return 1


@dataclass(frozen=True)
class Pregnancy:
    """What the app knows: an (implied) due date, or nothing; and whether she gave birth."""

    due: date | None = None
    postpartum: bool = False
    past_due_asked: bool = False

    @classmethod
    def from_settings(cls, settings: PregnancySettings) -> Pregnancy:
        due = _parse_day(settings.due_date)
        if due is None and settings.pregnancy_week > 0:
            on = _parse_day(settings.pregnancy_week_on)
            if on is not None:
                due = due_from_week(settings.pregnancy_week, on)
        return cls(due, settings.postpartum, settings.past_due_asked)

    def days_on(self, day: date) -> int | None:
        """Gestational age in days, or None when unknown, postpartum or before it began."""
        if self.due is None or self.postpartum:
            return None
        days = FULL_TERM_DAYS - (self.due - day).days
        return days if days >= 0 else None

    def week_on(self, day: date) -> int | None:
        """Completed weeks on ``day`` ("Week N"), or None when there is no week to show."""
        days = self.days_on(day)
        return None if days is None else days // 7

    def trimester_on(self, day: date) -> int | None:
        week = self.week_on(day)
        return None if week is None else trimester_of(week)

    def label(self, day: date) -> str | None:
        """``"Week 27 - 2nd trimester"`` for the tray tooltip, status popup and report."""
        week = self.week_on(day)
        if week is None:
            return None
        return _(_LABELS[trimester_of(week)]).format(week=week, dash=DASH)

    def asks_past_due(self, day: date) -> bool:
        """True from two weeks after the due date until she has answered once."""
        if self.due is None or self.postpartum or self.past_due_asked:
            return False
        return day >= self.due + timedelta(days=PAST_DUE_ASK_DAYS)

    def routine_for(self, routine: Routine, day: date) -> tuple[Routine, list[str]]:
        """The routine as the player should play it on ``day``, and why it changed."""
        if self.postpartum:
            return without_stand_ins(routine), []
        return filter_routine(routine, self.week_on(day))


def _reason(step: Step, week: int | None) -> str:
    assert step.avoid_from_week is not None
    if step.position is Position.BACK_LYING:
        reason = _("lying flat on your back is not advised from week {week}")
    else:
        reason = _("this step is not advised from week {week}")
    reason = reason.format(week=step.avoid_from_week)
    if week is None:
        reason += _(", and your pregnancy week is not set (add it in Settings)")
    return reason


def _stand_in_ids(routine: Routine) -> set[str]:
    return {step.alternative for step in routine.steps if step.alternative is not None}


def without_stand_ins(routine: Routine) -> Routine:
    """Every step as written, except alternatives, which play only in another step's place."""
    stand_ins = _stand_in_ids(routine)
    if not stand_ins:
        return routine
    return replace(routine, steps=tuple(s for s in routine.steps if s.id not in stand_ins))


def filter_routine(routine: Routine, week: int | None) -> tuple[Routine, list[str]]:
    """Leave out or replace every step avoided in ``week``; one short line per change.

    ``week`` None means unknown: avoided steps are treated as avoided (see the module text).
    The result may have no steps left; the caller must then not start the player.
    """
    by_id = {step.id: step for step in routine.steps}
    stand_ins = _stand_in_ids(routine)
    steps: list[Step] = []
    lines: list[str] = []
    for step in routine.steps:
        if step.id in stand_ins:
            continue
        avoided = step.avoid_from_week is not None and (
            week is None or week >= step.avoid_from_week
        )
        if not avoided:
            steps.append(step)
            continue
        alternative = by_id.get(step.alternative) if step.alternative else None
        if alternative is not None:
            steps.append(alternative)
            lines.append(
                _("Playing \u201c{other}\u201d instead of \u201c{step}\u201d: {reason}.").format(
                    other=alternative.title, step=step.title, reason=_reason(step, week)
                )
            )
        else:
            lines.append(
                _("Left out \u201c{step}\u201d: {reason}.").format(
                    step=step.title, reason=_reason(step, week)
                )
            )
    if not steps:
        lines.append(
            _("Nothing is left to play in \u201c{routine}\u201d for now.").format(
                routine=routine.title
            )
        )
    if not lines and len(steps) == len(routine.steps):
        return routine, []
    return replace(routine, steps=tuple(steps)), lines
