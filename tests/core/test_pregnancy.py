"""Week and trimester arithmetic, the past-due question, and which steps a week plays."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from nightstretch.core import resources
from nightstretch.core.pregnancy import Pregnancy, due_from_week, filter_routine, trimester_of
from nightstretch.core.routine import Position, Step
from nightstretch.core.routine_loader import RoutineError, load_catalogue, load_routine_file

from tests.factories import routine, step

DUE = date(2026, 6, 15)


@dataclass(frozen=True)
class FakeSettings:
    due_date: str = ""
    pregnancy_week: int = 0
    pregnancy_week_on: str = ""
    postpartum: bool = False
    past_due_asked: bool = False


def at(weeks: int, days: int = 0, due: date = DUE) -> date:
    """The calendar day on which gestational age is ``weeks``+``days`` for ``due``."""
    return due - timedelta(days=280 - 7 * weeks - days)


@pytest.mark.parametrize(
    ("weeks", "days", "week", "trimester"),
    [
        (0, 0, 0, 1),
        (13, 6, 13, 1),
        (14, 0, 14, 2),
        (27, 6, 27, 2),
        (28, 0, 28, 3),
        (39, 6, 39, 3),
        (40, 0, 40, 3),
        (40, 2, 40, 3),
        (42, 0, 42, 3),
    ],
)
def test_week_and_trimester_from_due_date(weeks: int, days: int, week: int, trimester: int) -> None:
    p = Pregnancy(DUE)
    day = at(weeks, days)
    assert p.week_on(day) == week
    assert p.trimester_on(day) == trimester


def test_due_date_today_is_week_40() -> None:
    p = Pregnancy.from_settings(FakeSettings(due_date=DUE.isoformat()))
    assert p.week_on(DUE) == 40
    assert p.label(DUE) == "Week 40 - 3rd trimester"


def test_label_uses_one_dash_and_ordinals() -> None:
    p = Pregnancy(DUE)
    assert p.label(at(27, 3)) == "Week 27 - 2nd trimester"
    assert p.label(at(28)) == "Week 28 - 3rd trimester"
    assert p.label(at(8, 1)) == "Week 8 - 1st trimester"


def test_trimester_boundaries_directly() -> None:
    assert [trimester_of(w) for w in (0, 13, 14, 27, 28, 45)] == [1, 1, 2, 2, 3, 3]


def test_leap_day_counts_as_a_day() -> None:
    # 2028 is a leap year: from 27 Feb to 1 Mar is three days, in 2027 only two.
    assert Pregnancy(date(2028, 3, 1)).days_on(date(2028, 2, 27)) == 277
    assert Pregnancy(date(2027, 3, 1)).days_on(date(2027, 2, 27)) == 278
    # Week 20 given on 20 Feb: 14 days later in 2028 (through 29 Feb) it is week 22 ...
    leap = Pregnancy.from_settings(FakeSettings(pregnancy_week=20, pregnancy_week_on="2028-02-20"))
    assert leap.week_on(date(2028, 3, 5)) == 22
    # ... while in 2027 the same calendar dates are only 13 days apart.
    plain = Pregnancy.from_settings(FakeSettings(pregnancy_week=20, pregnancy_week_on="2027-02-20"))
    assert plain.week_on(date(2027, 3, 5)) == 21


def test_week_given_on_a_date_counts_on_from_that_date() -> None:
    on = date(2026, 1, 5)
    p = Pregnancy.from_settings(FakeSettings(pregnancy_week=24, pregnancy_week_on=on.isoformat()))
    assert p.due == due_from_week(24, on) == on + timedelta(days=112)
    assert p.week_on(on) == 24
    assert p.week_on(on + timedelta(days=6)) == 24
    assert p.week_on(on + timedelta(days=7)) == 25
    assert p.label(on + timedelta(days=28)) == "Week 28 - 3rd trimester"


def test_due_date_wins_over_a_given_week() -> None:
    settings = FakeSettings(
        due_date=DUE.isoformat(), pregnancy_week=10, pregnancy_week_on=DUE.isoformat()
    )
    assert Pregnancy.from_settings(settings).week_on(DUE) == 40


@pytest.mark.parametrize(
    "settings",
    [
        FakeSettings(),
        FakeSettings(pregnancy_week=20),  # a week without the date it was given on
        FakeSettings(pregnancy_week=0, pregnancy_week_on="2026-01-01"),
        FakeSettings(due_date="not a date"),
    ],
)
def test_unknown_week_has_no_label(settings: FakeSettings) -> None:
    p = Pregnancy.from_settings(settings)
    assert p.due is None
    assert p.week_on(DUE) is None
    assert p.label(DUE) is None
    assert p.asks_past_due(DUE + timedelta(days=100)) is False


def test_a_due_date_more_than_40_weeks_away_gives_no_week() -> None:
    p = Pregnancy(DUE)
    assert p.week_on(DUE - timedelta(days=280)) == 0
    assert p.week_on(DUE - timedelta(days=281)) is None
    assert p.label(DUE - timedelta(days=400)) is None


def test_asks_past_due_from_two_weeks_after_the_due_date() -> None:
    p = Pregnancy(DUE)
    assert not p.asks_past_due(DUE + timedelta(days=13))
    assert p.asks_past_due(DUE + timedelta(days=14))
    assert p.asks_past_due(DUE + timedelta(days=30))
    assert not Pregnancy(DUE, past_due_asked=True).asks_past_due(DUE + timedelta(days=30))
    assert not Pregnancy(DUE, postpartum=True).asks_past_due(DUE + timedelta(days=30))


def test_postpartum_has_no_week_no_label_and_no_rules() -> None:
    p = Pregnancy.from_settings(FakeSettings(due_date=DUE.isoformat(), postpartum=True))
    assert p.week_on(DUE) is None
    assert p.trimester_on(DUE) is None
    assert p.label(DUE) is None
    r = routine(step("stand"), back_step(), step("side", title="Side-lying stretch"))
    r = _with_alternative(r, "back", "side")
    played, lines = p.routine_for(r, DUE)
    assert [s.id for s in played.steps] == ["stand", "back"]
    assert lines == []


# --- step filtering -------------------------------------------------------------------


def back_step(avoid: int = 20) -> Step:
    return replace(
        step("back", title="Lying calf stretch"),
        position=Position.BACK_LYING,
        avoid_from_week=avoid,
    )


def _with_alternative(r, step_id: str, alternative: str):  # type: ignore[no-untyped-def]
    steps = tuple(replace(s, alternative=alternative) if s.id == step_id else s for s in r.steps)
    return replace(r, steps=steps)


def test_before_the_week_the_step_plays_and_nothing_is_said() -> None:
    r = routine(step("stand"), back_step(), step("sit"))
    played, lines = filter_routine(r, 19)
    assert played is r
    assert lines == []


@pytest.mark.parametrize("week", [20, 27, 42])
def test_from_the_week_the_step_is_left_out_with_one_line(week: int) -> None:
    r = routine(step("stand"), back_step(), step("sit"))
    played, lines = filter_routine(r, week)
    assert [s.id for s in played.steps] == ["stand", "sit"]
    assert lines == [
        "Left out \u201cLying calf stretch\u201d: lying flat on your back is not advised "
        "from week 20."
    ]
    assert played.title == r.title


def test_a_step_avoided_for_another_reason_says_so_plainly() -> None:
    late = replace(step("deep-squat", title="Deep squat"), avoid_from_week=30)
    played, lines = filter_routine(routine(step("stand"), late), 31)
    assert [s.id for s in played.steps] == ["stand"]
    assert lines == ["Left out \u201cDeep squat\u201d: this step is not advised from week 30."]
    assert filter_routine(routine(step("stand"), late), 29)[1] == []


def test_the_alternative_plays_in_place_and_only_there() -> None:
    side = step("side", title="Side-lying calf stretch")
    r = _with_alternative(routine(step("stand"), back_step(), step("sit"), side), "back", "side")
    before, before_lines = filter_routine(r, 12)
    assert [s.id for s in before.steps] == ["stand", "back", "sit"]
    assert before_lines == []
    after, lines = filter_routine(r, 20)
    assert [s.id for s in after.steps] == ["stand", "side", "sit"]
    assert lines == [
        "Playing \u201cSide-lying calf stretch\u201d instead of \u201cLying calf stretch\u201d: "
        "lying flat on your back is not advised from week 20."
    ]


def test_unknown_week_takes_the_safe_side_and_says_how_to_change_it() -> None:
    r = routine(step("stand"), back_step())
    played, lines = filter_routine(r, None)
    assert [s.id for s in played.steps] == ["stand"]
    assert len(lines) == 1
    assert "not advised from week 20" in lines[0]
    assert "week is not set" in lines[0]
    assert filter_routine(routine(step("stand")), None) == (routine(step("stand")), [])


def test_nothing_left_is_said_and_returns_no_steps() -> None:
    played, lines = filter_routine(routine(back_step()), 30)
    assert played.steps == ()
    assert lines[-1] == "Nothing is left to play in \u201cTest routine\u201d for now."


def test_routine_for_uses_the_week_of_the_day() -> None:
    r = routine(step("stand"), back_step())
    p = Pregnancy(DUE)
    assert [s.id for s in p.routine_for(r, at(19, 6))[0].steps] == ["stand", "back"]
    assert [s.id for s in p.routine_for(r, at(20, 0))[0].steps] == ["stand"]
    assert [s.id for s in Pregnancy().routine_for(r, DUE)[0].steps] == ["stand"]


def test_shipped_routines_play_unchanged_or_shorter_in_week_20() -> None:
    catalogue = load_catalogue(resources.routines_dir(), resources.assets_dir())
    assert catalogue.errors == []
    for r in catalogue.routines.values():
        played, _ = filter_routine(r, 20)
        assert played.steps, r.id
        assert all(s.position is not Position.BACK_LYING for s in played.steps)


# --- loader: the alternative field ----------------------------------------------------

ROUTINE = """
id = "r"
title = "Evening"
summary = "A short one."
kind = "evening"
sources = ["003_d21d28eab421ee1b.txt"]

[[steps]]
id = "pumps"
title = "Ankle pumps"
instructions = "Flex the foot toward the shin."
duration_s = 20
position = "sitting"
illustration = "illustrations/ankle-pumps.svg"

[[steps]]
id = "back-stretch"
title = "Lying calf stretch"
instructions = "Lie on your back."
duration_s = 20
position = "back-lying"
avoid_from_week = 20
{alternative}
illustration = "illustrations/ankle-pumps.svg"

[[steps]]
id = "side-stretch"
title = "Side-lying calf stretch"
instructions = "Lie on your left side."
duration_s = 20
position = "side-lying"
{side_extra}
illustration = "illustrations/left-side-sleep.svg"
"""


def load_text(tmp_path: Path, alternative: str = "", side_extra: str = ""):  # type: ignore[no-untyped-def]
    path = tmp_path / "r.toml"
    path.write_text(ROUTINE.format(alternative=alternative, side_extra=side_extra), "utf-8")
    return load_routine_file(path, "routines/r.toml", resources.assets_dir())


def problems(tmp_path: Path, alternative: str, side_extra: str = "") -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_text(tmp_path, alternative, side_extra)
    return caught.value.lines


def test_loader_reads_the_alternative(tmp_path: Path) -> None:
    r = load_text(tmp_path, 'alternative = "side-stretch"')
    assert r.steps[1].alternative == "side-stretch"
    assert r.steps[0].alternative is None
    played, _ = filter_routine(r, 25)
    assert [s.id for s in played.steps] == ["pumps", "side-stretch"]
    played, _ = filter_routine(r, 10)
    assert [s.id for s in played.steps] == ["pumps", "back-stretch"]


@pytest.mark.parametrize(
    ("alternative", "side_extra", "message"),
    [
        (
            'alternative = "nowhere"',
            "",
            'routines/r.toml: step 2 "back-stretch": alternative "nowhere" is not a step of '
            "this routine",
        ),
        (
            'alternative = "back-stretch"',
            "",
            'routines/r.toml: step 2 "back-stretch": alternative must name another step, '
            "not the step itself",
        ),
        (
            'alternative = "side-stretch"',
            "avoid_from_week = 30",
            'routines/r.toml: step 2 "back-stretch": alternative "side-stretch" must be '
            "allowed in every week (it has avoid_from_week itself)",
        ),
        (
            'alternative = "side-stretch"',
            'alternative = "pumps"',
            'routines/r.toml: step 2 "back-stretch": alternative "side-stretch" must not have '
            "an alternative itself",
        ),
        (
            'alternative = "Side Stretch"',
            "",
            'routines/r.toml: step 2 "back-stretch": alternative must be a step id '
            '(got "Side Stretch")',
        ),
        (
            "alternative = 3",
            "",
            'routines/r.toml: step 2 "back-stretch": alternative must be text (got a number)',
        ),
    ],
)
def test_loader_refuses_a_bad_alternative(
    tmp_path: Path, alternative: str, side_extra: str, message: str
) -> None:
    assert message in problems(tmp_path, alternative, side_extra)


def test_an_alternative_needs_a_step_that_is_avoided(tmp_path: Path) -> None:
    lines = problems(tmp_path, "", 'alternative = "pumps"')
    assert lines == [
        'routines/r.toml: step 3 "side-stretch": alternative is only played in place of an '
        "avoided step; set avoid_from_week as well"
    ]
