"""Times and numbers as typed are bounded before anything is stored (issue 17, hole 4 and 9)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from nightstretch.core.entries import EntryError, parse_at, whole_number

NOW = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0900-06-01T12:00", "the time must be in 2000 or later (got 0900-06-01)"),
        ("0001-01-01T00:00", "the time must be in 2000 or later (got 0001-01-01)"),
        ("1999-12-31T23:59", "the time must be in 2000 or later (got 1999-12-31)"),
        ("9999-12-31T23:59-12:00", "the time 9999-12-31 23:59 is in the future"),
        ("9999-12-31T23:59", "the time 9999-12-31 23:59 is in the future"),
        ("\uff12\uff10\uff12\uff16-11-21T10:00", "the time must look like"),
    ],
)
def test_times_outside_the_range_are_one_line_not_a_traceback(text: str, message: str) -> None:
    with pytest.raises(EntryError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_at(text, NOW, UTC)


def test_times_inside_the_range_still_pass() -> None:
    assert parse_at("2000-01-01T00:00", NOW, UTC) == datetime(2000, 1, 1, tzinfo=UTC)
    zone = timezone(timedelta(hours=-12))
    assert parse_at("2026-11-21T09:00-12:00", NOW, zone) == datetime(2026, 11, 21, 9, tzinfo=zone)


@pytest.mark.parametrize("text", ["1_000", "١٢٣", "१२३", "+5", "--5", "-", "5.0", "", " ", "²"])
def test_only_ascii_digits_make_a_number(text: str) -> None:
    with pytest.raises(EntryError, match="is not a whole number written with the digits 0-9"):
        whole_number(text)


def test_plain_numbers_pass() -> None:
    assert whole_number("250") == 250
    assert whole_number(" 7 ") == 7
    assert whole_number("-1") == -1  # for the range check's clearer message
