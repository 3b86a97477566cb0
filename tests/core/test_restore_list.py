"""The Restore… list as words: newest first, counted, a damaged copy said and not chosen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from nightstretch.core.restore_list import restore_list

TODAY = date(2026, 11, 30)


@dataclass(frozen=True)
class Copy:
    path: Path
    day: date
    counts: dict[str, int] | None


def test_newest_first_with_counts_and_a_damaged_copy_said() -> None:
    counts = {"cramps": 12, "water": 30, "sessions": 8, "checkins": 2}
    view = restore_list(
        [
            Copy(Path("a"), date(2026, 11, 23), counts),
            Copy(Path("c"), TODAY, None),
            Copy(Path("b"), date(2026, 11, 29), {**counts, "cramps": 13}),
        ],
        TODAY,
    )
    assert [c.path.name for c in view.choices] == ["c", "b", "a"]
    assert [c.title for c in view.choices] == [
        "Mon 30 Nov 2026 (today)",
        "Sun 29 Nov 2026 (yesterday)",
        "Mon 23 Nov 2026",
    ]
    assert view.choices[1].detail == "53 entries: cramps 13, water 30, routines 8, check-ins 2"
    assert view.choices[0].detail == "Damaged or not a logbook: it cannot be restored."
    assert [c.usable for c in view.choices] == [False, True, True]
    assert view.first_usable == 1  # the newest copy that can be read
    assert "kept as a copy first" in view.intro


def test_no_backups_yet() -> None:
    view = restore_list([], TODAY)
    assert view.choices == () and view.first_usable is None
    assert view.intro.startswith("There are no automatic backups yet")
