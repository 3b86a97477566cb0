"""Which routines are listed, which one "Cramp rescue" plays, and what a reminder may start."""

from __future__ import annotations

from dataclasses import replace

from nightstretch.core.routine import Kind, Routine
from nightstretch.core.routine_menu import (
    RoutineEntry,
    reminder_choices,
    rescue_id,
    routine_entries,
)

from tests.factories import routine, step


def made(routine_id: str, kind: Kind, title: str = "") -> Routine:
    base = routine(step("one", 20), step("two", 10))
    return replace(base, id=routine_id, kind=kind, title=title or routine_id.title())


def test_entries_keep_the_catalogue_order_and_word_the_length() -> None:
    entries = routine_entries([made("calf", Kind.EVENING), made("cramp-rescue", Kind.RESCUE)])
    assert entries == [
        RoutineEntry("calf", "Calf", "A routine for tests.", "40 s", False),
        RoutineEntry("cramp-rescue", "Cramp-Rescue", "A routine for tests.", "40 s", True),
    ]


def test_the_built_in_rescue_is_preferred() -> None:
    routines = [made("a-rescue", Kind.RESCUE), made("cramp-rescue", Kind.RESCUE)]
    assert rescue_id(routines) == "cramp-rescue"


def test_without_the_built_in_rescue_the_first_by_id_is_used() -> None:
    routines = [made("z-rescue", Kind.RESCUE), made("b-rescue", Kind.RESCUE)]
    assert rescue_id(routines) == "b-rescue"
    assert rescue_id([made("calf", Kind.EVENING)]) is None


def test_a_reminder_may_start_anything_but_a_rescue() -> None:
    routines = [
        made("calf", Kind.EVENING, "Calf"),
        made("cramp-rescue", Kind.RESCUE),
        made("break", Kind.DAYTIME, "Break"),
    ]
    assert reminder_choices(routines) == [("calf", "Calf"), ("break", "Break")]


def test_start_now_falls_back_to_the_first_evening_routine() -> None:
    from nightstretch.core import resources
    from nightstretch.core.routine_loader import load_catalogue
    from nightstretch.core.routine_menu import evening_routine

    routines = load_catalogue(resources.routines_dir(), resources.assets_dir()).routines
    assert evening_routine(routines, "quick-calf") == "quick-calf"
    fallback = evening_routine(routines, "gone-from-her-folder")
    assert fallback is not None and routines[fallback].kind.value == "evening"
    assert evening_routine({}, "pre-bed-calf") is None
