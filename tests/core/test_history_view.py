"""The History view from plain data: the grid's nights, cell wording, entry lines, undo text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from nightstretch.core.entries import CrampEntry
from nightstretch.core.history_view import (
    ENTRY_PAGE_NIGHTS,
    WEEKS_SHOWN,
    EntryRef,
    NightCell,
    calendar_nights,
    checkin_item,
    cramp_item,
    entries_since,
    history_view,
    night_cell,
    session_item,
    water_item,
)
from nightstretch.core.stats import NightSummary

ZONE = timezone(timedelta(hours=1))
TONIGHT = "2026-11-22"  # a Sunday


@dataclass(frozen=True)
class Session:
    id: int = 1
    started_utc: str = "2026-11-21T20:40:00Z"
    routine_id: str = "evening-calf"
    status: str = "completed"
    steps_done: int = 6
    steps_total: int = 6
    source: str = "player"
    feeling: str | None = None


@dataclass(frozen=True)
class Glass:
    id: int = 2
    at_utc: str = "2026-11-21T09:15:00Z"
    ml: int = 250


@dataclass(frozen=True)
class Cramp:
    id: int = 3
    happened_utc: str = "2026-11-22T02:10:00Z"


@dataclass(frozen=True)
class Checkin:
    id: int = 4
    answered_utc: str = "2026-11-22T06:35:00Z"
    night_date: str = "2026-11-21"
    cramp_count: int = 0


def summary(night: str, **fields: object) -> NightSummary:
    values: dict[str, object] = {
        "night_date": night,
        "routine": "done",
        "sessions": 1,
        "cramps": 0,
        "cramps_logged": 0,
        "checkin_cramps": 0,
        "worst_severity": None,
        "warning_signs": False,
        "water_ml": 0,
        "water_entries": 0,
        "mark": None,
        **fields,
    }
    return NightSummary(**values)  # type: ignore[arg-type]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def test_the_grid_is_whole_weeks_from_a_monday_ending_with_tonights_week() -> None:
    nights = calendar_nights(TONIGHT)
    assert len(nights) == 7 * WEEKS_SHOWN
    assert nights[0] == "2026-08-31" and date.fromisoformat(nights[0]).weekday() == 0
    assert nights[-1] == TONIGHT
    assert calendar_nights("2026-11-18")[-1] == TONIGHT  # a Wednesday: the week runs on
    assert entries_since(TONIGHT, 1) == "2026-10-26"
    assert (
        entries_since(TONIGHT, 2)
        == (date(2026, 11, 22) - timedelta(days=2 * ENTRY_PAGE_NIGHTS - 1)).isoformat()
    )


def test_cells_word_the_night() -> None:
    assert night_cell("2026-11-23", None) == NightCell(
        "2026-11-23", "future", None, False, "Mon 23 Nov: still to come"
    )
    busy = night_cell(
        "2026-11-21",
        summary(
            "2026-11-21",
            routine="partial",
            cramps=2,
            worst_severity=7,
            warning_signs=True,
            water_ml=1500,
        ),
    )
    assert busy.state == "partial" and busy.cramps == 2 and busy.warning
    assert busy.tooltip == (
        "Sat 21 Nov: routine started, 2 cramps (worst 7/10), warning signs noted, water 1.5 l"
    )
    one = night_cell("2026-11-20", summary("2026-11-20", routine="none", cramps=1))
    assert one.tooltip == "Fri 20 Nov: no routine, 1 cramp"
    unknown = night_cell("2026-11-19", summary("2026-11-19", cramps=None, mark="sick"))
    assert unknown.state == "sick"
    assert unknown.tooltip == (
        "Thu 19 Nov: routine done, cramps not reported, marked sick: not counted"
    )


def test_entry_lines() -> None:
    plain = session_item(Session(), at(21, 21, 40))
    assert (plain.when, plain.what, plain.details) == (
        "Sat 21 Nov  21:40",
        "Routine",
        "evening calf, done, 6 of 6 steps",
    )
    assert not plain.editable and plain.sort_key == "2026-11-21T20:40:00Z"
    by_hand = session_item(
        Session(status="partial", steps_total=0, source="manual", feeling="loose"),
        at(21, 21, 40),
    )
    assert by_hand.details == "evening calf, stopped early, logged by hand, felt loose and calm"

    glass = water_item(Glass(), at(21, 10, 15))
    assert (glass.ref, glass.details, glass.water_ml) == (EntryRef("water", 2), "250 ml", 250)
    assert glass.water_at == at(21, 10, 15) and glass.editable

    entry = CrampEntry(
        happened=at(22, 3, 10),
        leg="left",
        severity=6,
        muscle="foot",
        duration_min=4,
        helped="walked",
        redness=True,
    )
    cramp = cramp_item(Cramp(), entry)
    assert cramp.when == "Sun 22 Nov  03:10" and cramp.warning and cramp.cramp == entry
    assert cramp.details == (
        "left foot, 6/10; 4 min; helped: walked; warning signs: redness; "
        "not yet discussed with your midwife or doctor"
    )
    assert cramp.flagged and cramp.flag == "To discuss" and cramp.discussed_at is None
    talked = cramp_item(Cramp(), entry, discussed=at(24, 10, 0))
    assert talked.details.endswith("warning signs: redness; discussed on Tue 24 Nov")
    assert talked.warning and not talked.flagged and talked.discussed_at == at(24, 10, 0)
    both = cramp_item(Cramp(), CrampEntry(happened=at(22, 3, 10), leg="both", severity=3))
    assert both.details == "both legs, 3/10" and not both.warning and not both.flagged
    quiet = cramp_item(Cramp(), both.cramp or entry, discussed=at(24, 10, 0))
    assert quiet.discussed_at is None  # a mark on a cramp without warning signs means nothing

    answer = checkin_item(Checkin(), at(22, 7, 35))
    assert answer.details == "Night of Sat 21 Nov: no cramps" and answer.checkin_count == 0
    assert checkin_item(Checkin(cramp_count=1), at(22, 7, 35)).details.endswith("1 cramp")


def test_the_view_sorts_entries_and_words_undo() -> None:
    nights = [n for n in calendar_nights(TONIGHT) if n <= TONIGHT]
    summaries = [summary(n, water_ml=2000 if n == TONIGHT else 500) for n in nights]
    older = water_item(Glass(), at(21, 10, 15))
    newer = checkin_item(Checkin(), at(22, 7, 35))
    view = history_view(
        tonight=TONIGHT,
        summaries=summaries,
        water_goal_ml=1800,
        entries=(older, newer),
        since="2026-10-26",
        more_entries=True,
        undo_label="delete cramp",
    )
    assert view.entries == (newer, older)
    assert (view.can_undo, view.undo_text) == (True, "Undo delete cramp")
    assert view.streak_current == len(nights)
    assert len(view.weeks) == WEEKS_SHOWN and view.weeks[-1].label == "16 Nov"
    assert len(view.water) == 14 and view.water[-1].label == "Sun 22" and view.water[-1].met
    assert not view.water[0].met
    assert view.cells[-1].state == "done"

    empty = history_view(
        tonight=TONIGHT,
        summaries=[],
        water_goal_ml=2000,
        entries=(),
        since="2026-10-26",
        more_entries=False,
        undo_label=None,
    )
    assert (empty.can_undo, empty.undo_text, empty.score) == (False, "Nothing to undo", 0.0)
    assert all(c.state == "future" for c in empty.cells)


def test_the_warning_line_counts_what_is_still_to_discuss() -> None:
    def view(undiscussed: int, only: bool = False) -> str:
        made = history_view(
            tonight=TONIGHT,
            summaries=[],
            water_goal_ml=2000,
            entries=(),
            since="2026-10-26",
            more_entries=False,
            undo_label=None,
            undiscussed=undiscussed,
            warnings_only=only,
        )
        return made.warning_line + " | " + made.warning_action

    assert view(0) == " | Show them"  # nothing to say: the line is hidden
    assert view(1) == "⚠ 1 entry with warning signs not yet discussed | Show them"
    assert view(2).startswith("⚠ 2 entries with warning signs not yet discussed")
    assert view(0, only=True) == (
        "Showing every entry with warning signs, of any date. | Show all entries"
    )
