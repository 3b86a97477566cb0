"""Statistics over nights: streaks, a forgiving habit score, weekly counts, the insight.

Pure Python on per-night summaries, so the History window, the PDF report and the tests
all read the same numbers. The rules follow Loop Habit Tracker where it has one: nights
marked paused or sick neither count nor break anything, and a missed night dents the
score instead of wiping it out, because a habit that punishes one bad night gets dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from nightstretch.core.i18n import N_, _, ngettext

RoutineState = Literal["done", "partial", "none"]
DayMark = Literal["paused", "sick"]
"""Same values as ``nightstretch.store.logbook.DayMark``; core cannot import the store floor."""

INSIGHT_MIN_NIGHTS = 7
"""Below a week of reported nights on either side, a comparison is mostly noise."""

SCORE_HALF_LIFE_NIGHTS = 7
"""How many nights it takes for old behaviour to weigh half as much.

Loop Habit Tracker uses about 13 days for a daily habit. A pregnancy changes week by
week and the History window shows 12 weeks, so one week fits better: a week of evening
routines lifts a score from 0 to 0.5, about three weeks reach 0.9, and one missed night
after a strong run costs about 9 % of the score, never all of it.
"""
SCORE_KEEP = 0.5 ** (1 / SCORE_HALF_LIFE_NIGHTS)
"""Share of yesterday's score kept each night (about 0.906)."""
ROUTINE_VALUE: dict[str, float] = {"done": 1.0, "partial": 0.5, "none": 0.0}


@dataclass(frozen=True)
class NightSummary:
    """One night as history shows it. ``cramps`` is None when nothing is known yet.

    The field order and names are the ``history --json`` contract (serialised with
    ``dataclasses.asdict``): add fields at the end, never rename.
    """

    night_date: str
    routine: RoutineState
    sessions: int
    cramps: int | None
    cramps_logged: int
    checkin_cramps: int | None
    worst_severity: int | None
    warning_signs: bool
    water_ml: int
    water_entries: int
    mark: DayMark | None


@dataclass(frozen=True)
class Streaks:
    """Runs of nights with the routine done, in nights."""

    current: int
    best: int


def streaks(nights: Sequence[NightSummary], tonight: str) -> Streaks:
    """Current and best run of "done" nights up to and including ``tonight``.

    Paused or sick nights are stepped over. Tonight, if not done yet, is stepped over too:
    the evening is not over, so it cannot have broken anything. A missing date between two
    summaries counts as a night without the routine. Nights after ``tonight`` are ignored.
    """
    current = best = 0
    previous: date | None = None
    for night in nights:
        if night.night_date > tonight:
            break
        day = date.fromisoformat(night.night_date)
        if previous is not None and (day - previous).days > 1:
            current = 0  # a gap in the summaries: nothing done on those nights
        previous = day
        if night.mark is not None:
            continue
        if night.routine == "done":
            current += 1
            best = max(best, current)
        elif night.night_date != tonight:
            current = 0
    if previous is not None and previous < date.fromisoformat(tonight) - timedelta(days=1):
        current = 0  # the summaries stop before last night, so the run has ended
    return Streaks(current=current, best=best)


def scores(nights: Sequence[NightSummary], tonight: str | None = None) -> list[float]:
    """A habit score in 0..1 after each night, aligned with ``nights``.

    An exponential moving average starting at 0: done counts 1, partial 0.5, none 0, and
    a paused or sick night leaves the score as it was. If ``tonight`` is given and not
    done yet, it leaves the score unchanged as well, so the evening does not show a dent
    before bedtime.
    """
    score = 0.0
    result: list[float] = []
    for night in nights:
        pending = night.night_date == tonight and night.routine != "done"
        if night.mark is None and not pending:
            score = score * SCORE_KEEP + ROUTINE_VALUE[night.routine] * (1 - SCORE_KEEP)
        result.append(score)
    return result


@dataclass(frozen=True)
class WeekSummary:
    """One Monday-to-Sunday week of nights.

    ``routine_done`` and ``routine_partial`` count only nights that are not marked, so
    ``routine_done / counted`` is the week's adherence. ``cramp_nights`` and ``cramps``
    come from nights whose cramps are known (``reported_nights``).
    """

    week_start: str
    nights: int
    counted: int
    routine_done: int
    routine_partial: int
    cramp_nights: int
    cramps: int
    reported_nights: int
    water_avg_ml: int | None

    @property
    def adherence(self) -> float | None:
        """Share of counted nights with the routine done; None for a fully paused week."""
        return self.routine_done / self.counted if self.counted else None


def week_start(night: str) -> str:
    """The Monday of the week a night belongs to."""
    day = date.fromisoformat(night)
    return (day - timedelta(days=day.weekday())).isoformat()


def weeks(nights: Sequence[NightSummary]) -> list[WeekSummary]:
    """The nights grouped by week, oldest week first; partial weeks at either end included."""
    groups: dict[str, list[NightSummary]] = {}
    for night in nights:
        groups.setdefault(week_start(night.night_date), []).append(night)
    result = []
    for start in sorted(groups):
        group = groups[start]
        counted = [n for n in group if n.mark is None]
        reported = [n.cramps for n in group if n.cramps is not None]
        water = [n.water_ml for n in group if n.water_ml > 0]
        result.append(
            WeekSummary(
                week_start=start,
                nights=len(group),
                counted=len(counted),
                routine_done=sum(n.routine == "done" for n in counted),
                routine_partial=sum(n.routine == "partial" for n in counted),
                cramp_nights=sum(c > 0 for c in reported),
                cramps=sum(reported),
                reported_nights=len(reported),
                water_avg_ml=round(sum(water) / len(water)) if water else None,
            )
        )
    return result


@dataclass(frozen=True)
class Insight:
    """How often cramps were reported after routine nights versus other nights."""

    after_routine_cramp_nights: int
    after_routine_nights: int
    other_cramp_nights: int
    other_nights: int
    text: str


INSIGHT_NOTE = N_("This is what you logged, not proof of cause.")


def insight(nights: Sequence[NightSummary]) -> Insight | None:
    """The observation, or None until both sides have ``INSIGHT_MIN_NIGHTS`` reported nights.

    Only nights whose cramps are known count; "after your routine" means the routine was
    done that evening (the night date of a 3 a.m. cramp is the evening before).
    """
    after = [n.cramps for n in nights if n.cramps is not None and n.routine == "done"]
    other = [n.cramps for n in nights if n.cramps is not None and n.routine != "done"]
    if len(after) < INSIGHT_MIN_NIGHTS or len(other) < INSIGHT_MIN_NIGHTS:
        return None
    after_cramps = sum(c > 0 for c in after)
    other_cramps = sum(c > 0 for c in other)
    after_text = ngettext(
        "Nights after your routine: {cramped} cramp night of {reported} reported.",
        "Nights after your routine: {cramped} cramp nights of {reported} reported.",
        after_cramps,
    ).format(cramped=after_cramps, reported=len(after))
    other_text = _("Other nights: {cramped} of {reported}.").format(
        cramped=other_cramps, reported=len(other)
    )
    text = f"{after_text} {other_text} {_(INSIGHT_NOTE)}"
    return Insight(after_cramps, len(after), other_cramps, len(other), text)


def water_days(nights: Sequence[NightSummary], goal_ml: int) -> list[tuple[str, int, bool]]:
    """Each day's water against the goal: (night date, ml, goal met)."""
    return [(n.night_date, n.water_ml, n.water_ml >= goal_ml) for n in nights]
