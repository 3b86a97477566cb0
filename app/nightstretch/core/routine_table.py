"""``nightstretch routines list`` as lines: id, title, the length played this week, kind.

The length is what the player will play on ``today``: the pregnancy week rules may leave
steps out, and then the full length is shown beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.routine import Routine, format_duration
from nightstretch.core.timeline import routine_length_s


def played_length(routine: Routine, pregnancy: Pregnancy, today: date) -> str:
    full = format_duration(routine_length_s(routine))
    played = format_duration(routine_length_s(pregnancy.routine_for(routine, today)[0]))
    return full if played == full else f"{played} (of {full})"


def routine_lines(routines: Iterable[Routine], pregnancy: Pregnancy, today: date) -> list[str]:
    rows = [
        (r.id, r.title, played_length(r, pregnancy, today), r.kind.value)
        for r in sorted(routines, key=lambda r: r.id)
    ]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    return [
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}"
        for row in rows
    ]
