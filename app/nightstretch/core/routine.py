"""The routine model: immutable data that the loader validates and the player expands."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from nightstretch.core.i18n import N_, _, pgettext


class Kind(StrEnum):
    EVENING = "evening"
    RESCUE = "rescue"
    DAYTIME = "daytime"


class Position(StrEnum):
    STANDING = "standing"
    SITTING = "sitting"
    SIDE_LYING = "side-lying"
    BACK_LYING = "back-lying"
    WALKING = "walking"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def label(self) -> str:
        return _("Left leg") if self is Side.LEFT else _("Right leg")


@dataclass(frozen=True)
class Cues:
    """Spoken texts; ``None`` means the player derives a sensible default."""

    start: str | None = None
    switch: str | None = None
    halfway: str | None = None
    finish: str | None = None


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    instructions: str
    duration_s: int
    position: Position
    illustration: str
    """As written in the file, relative to assets/ or to the routine's own folder."""
    picture: Path
    """The illustration file the loader found."""
    sides: tuple[Side, ...] = ()
    repeats: int = 1
    rest_after_s: int = 0
    caution: str | None = None
    avoid_from_week: int | None = None
    alternative: str | None = None
    """Id of a step in the same routine played in this one's place once it is avoided.

    A step named as an alternative is a stand-in: it plays only in place of the avoided
    step (see ``nightstretch.core.pregnancy.filter_routine``), never on its own as well.
    """
    cues: Cues = field(default_factory=Cues)


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    summary: str
    kind: Kind
    sources: tuple[str, ...]
    steps: tuple[Step, ...]
    get_ready_s: int = 5
    switch_s: int = 5
    origin: str = ""
    """Where the routine came from, for messages (``routines/x.toml`` or a user path)."""


def format_duration(seconds: int) -> str:
    """``7 min 30 s`` style, for lists and the player's "time left"."""
    minutes, secs = divmod(max(0, seconds), 60)
    m, s = pgettext("unit", "min"), pgettext("unit", "s")
    if minutes and secs:
        return f"{minutes} {m} {secs:02d} {s}"
    if minutes:
        return f"{minutes} {m}"
    return f"{secs} {s}"


FEELINGS: tuple[tuple[str, str], ...] = (
    ("loose", N_("Loose and calm")),
    ("better", N_("Better than before")),
    ("tight", N_("Still a bit tight")),
    ("sore", N_("Sore or crampy")),
)
"""Answers to "How do your legs feel?": stored key, then the words (English, marked:
``_(words)`` where shown; the logbook stores the key)."""
