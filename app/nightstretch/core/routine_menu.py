"""Which routines the tray, the control window and the settings offer, and which is the rescue.

Pure choices over the loaded catalogue, kept out of the widgets so they are tested without
Qt and decided once for every place that lists routines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nightstretch.core.routine import Kind, Routine, format_duration
from nightstretch.core.timeline import routine_length_s

PREFERRED_RESCUE = "cramp-rescue"
"""The built-in rescue; a user routine of the same kind is only used when it is missing."""


@dataclass(frozen=True)
class RoutineEntry:
    """How a routine is listed in the tray menu and the control window."""

    id: str
    title: str
    summary: str
    length: str
    rescue: bool


def routine_entries(routines: Iterable[Routine]) -> list[RoutineEntry]:
    """One entry per routine, in the catalogue's order, with its length worded ("4 min")."""
    return [
        RoutineEntry(
            r.id,
            r.title,
            r.summary,
            format_duration(routine_length_s(r)),
            r.kind is Kind.RESCUE,
        )
        for r in routines
    ]


def rescue_id(routines: Iterable[Routine]) -> str | None:
    """The routine behind "Cramp rescue": the built-in one, else the first rescue by id."""
    rescues = sorted(r.id for r in routines if r.kind is Kind.RESCUE)
    return PREFERRED_RESCUE if PREFERRED_RESCUE in rescues else next(iter(rescues), None)


def reminder_choices(routines: Iterable[Routine]) -> list[tuple[str, str]]:
    """(id, title) of what the evening reminder may start (in Settings): all but rescues."""
    return [(r.id, r.title) for r in routines if r.kind is not Kind.RESCUE]


def evening_routine(routines: Mapping[str, Routine], wanted: str) -> str | None:
    """The routine "Start now" plays: the one she chose, else the first evening routine
    that loaded (her file may have been removed), else None (the control window opens)."""
    if wanted in routines:
        return wanted
    evenings = [r.id for r in routines.values() if r.kind is Kind.EVENING]
    return evenings[0] if evenings else None
