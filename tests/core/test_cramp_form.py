"""The cramp dialog's rules and the warning-signs text, without Qt."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, timezone

import pytest
from nightstretch.core import cramp_form, safety, warning_text
from nightstretch.core.entries import CrampEntry, EntryError, Leg

NOW = datetime(2026, 11, 22, 8, 15, tzinfo=UTC)
NO_SIGNS = {key: False for key, _ in cramp_form.SIGNS}


def read(
    *,
    happened: datetime = NOW - timedelta(hours=5),
    leg: Leg | None = "right",
    severity: int = 7,
    minutes: str = "",
    helped: str = "",
    signs: Mapping[str, bool] = NO_SIGNS,
) -> CrampEntry:
    return cramp_form.read_entry(
        happened=happened,
        now=NOW,
        leg=leg,
        severity=severity,
        minutes=minutes,
        muscle=None,
        helped=helped,
        signs=signs,
    )


def test_letter_keys_are_distinct_capitals() -> None:
    letters = [letter for _, _, letter in (*cramp_form.LEG_CHOICES, *cramp_form.MUSCLE_CHOICES)]
    assert len(set(letters)) == len(letters)
    assert all(letter.isupper() and len(letter) == 1 for letter in letters)


def test_titles_say_whether_she_edits() -> None:
    assert cramp_form.title(True) == "Edit this cramp"
    assert cramp_form.window_title(False) == "Log a cramp — Nightstretch"


def test_last_night_is_three_in_the_morning_unless_that_is_still_ahead() -> None:
    zone = timezone(timedelta(hours=1))
    morning = datetime(2026, 11, 22, 8, 0, tzinfo=zone)
    assert cramp_form.last_night(morning, zone) == datetime(2026, 11, 22, 3, 0, tzinfo=zone)
    small_hours = datetime(2026, 11, 22, 2, 0, tzinfo=zone)
    assert cramp_form.last_night(small_hours, zone) == small_hours


def test_a_complete_form_reads_into_an_entry() -> None:
    entry = read(minutes=" 4 ", helped="walking", signs={**NO_SIGNS, "warmth": True})
    assert entry.leg == "right"
    assert entry.muscle == "calf"
    assert entry.duration_min == 4
    assert entry.helped == "walking"
    assert entry.warmth is True
    assert read(minutes="").duration_min is None


@pytest.mark.parametrize(
    ("attempt", "line"),
    [
        (lambda: read(leg=None), "Choose which leg: L, R or B."),
        (lambda: read(severity=0), "Choose how bad it was: type a number from 1 to 10."),
        (lambda: read(minutes="ten"), 'Minutes must be a whole number (got "ten").'),
    ],
)
def test_each_gap_is_one_line_to_fix(attempt: Callable[[], CrampEntry], line: str) -> None:
    with pytest.raises(EntryError) as problem:
        attempt()
    assert cramp_form.problem_line(problem.value) == line


def test_a_time_in_the_future_is_refused() -> None:
    with pytest.raises(EntryError) as problem:
        read(happened=NOW + timedelta(hours=2))
    assert cramp_form.problem_line(problem.value).endswith(".")


def test_warning_text_holds_every_sign_escaped() -> None:
    assert warning_text.bullets(("a < b",)) == "<ul><li>a &lt; b</li></ul>"
    every = warning_text.warning_signs_html()
    clots = warning_text.clot_guidance_html()
    for sign in safety.CLOT_SIGNS:
        assert sign.replace("'", "&#x27;") in every
        assert sign.replace("'", "&#x27;") in clots
    assert every.index("<ul>") < every.index(safety.OTHER_HEADLINE.replace("'", "&#x27;"))
