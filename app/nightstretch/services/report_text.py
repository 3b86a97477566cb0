"""Every sentence, tile and table cell of the appointment report, as plain text.

The PDF drawing (``report.py``) only places these on the page, so what the report says can
be read and tested without Qt or a PDF. No Qt is imported here; the module sits on the
services floor only because ``ReportData`` is defined in the store. Numbers, dates and
plurals come from ``core/wording.py``, like everywhere else.
"""

from __future__ import annotations

from nightstretch.core import safety, wording
from nightstretch.core.stats import WeekSummary
from nightstretch.store.report_data import ReportCramp, ReportData

__all__ = [
    "ATTACHED",
    "DISCLAIMER",
    "NIGHTS_NOTE",
    "NO_CRAMPS",
    "TITLE",
    "WARNING_MARK",
    "WEEKS_NOTE",
    "clinician_note",
    "cramp_cells",
    "date_range",
    "footer",
    "insight_line",
    "left_out_note",
    "legs_line",
    "night_time",
    "nights_line",
    "pregnancy_line",
    "routine_and_water",
    "summary_line",
    "tiles",
    "week_cells",
    "weeks_note",
]

TITLE = "Leg cramp summary"
WARNING_MARK = "!"
DISCLAIMER = (
    "Kept by the person herself in Nightstretch, an app for night-time leg cramps in "
    "pregnancy. It shows what was logged; it is not a diagnosis."
)
WEEKS_NOTE = (
    "Weeks start on Monday. Nights in brackets: nights not marked paused or sick. "
    "Reported: nights whose cramps are known (logged or answered in the morning check-in). "
    "Water is averaged over the days with any water logged."
)


def weeks_note(data: ReportData) -> str:
    """The table's footnote, without the brackets sentence when no row has brackets."""
    if any(w.counted != w.nights for w in data.week_rows):
        return WEEKS_NOTE
    return WEEKS_NOTE.replace(" Nights in brackets: nights not marked paused or sick.", "")


ATTACHED = (
    "The entries of these nights are attached to this PDF as CSV and JSON files "
    "(the format of Nightstretch's export)."
)
NO_CRAMPS = "No cramps were logged in these weeks."


def date_range(data: ReportData) -> str:
    return (
        f"{wording.day_month_year(data.first_night)} to {wording.day_month_year(data.last_night)}"
    )


def _cramps(data: ReportData) -> int:
    return sum(n.cramps or 0 for n in data.nights)


def summary_line(data: ReportData) -> str:
    """The one sentence that says it all, for the top of the report (and for tests)."""
    count = wording.count
    parts = [
        f"{count(_cramps(data), 'cramp')} on {data.cramp_nights} of "
        f"{count(data.reported_nights, 'reported night')}"
        + (
            f" ({data.cramps_logged} logged as entries, {data.cramps_from_checkins} from "
            "check-in answers only)"
            if data.cramps_from_checkins and data.cramps_logged
            else ""
        )
    ]
    if data.warning_entries:
        parts.append(f"{count(data.warning_entries, 'entry', 'entries')} with warning signs")
    else:
        parts.append("no warning signs logged")
    if data.adherence_pct is not None:
        parts.append(
            f"routine done on {data.routine_done} of {data.counted_nights} nights "
            f"({data.adherence_pct}%)"
        )
    if data.water_avg_ml is not None:
        parts.append(f"water {wording.millilitres(data.water_avg_ml)} a day on average")
    return f"In these {count(data.weeks, 'week')}: " + "; ".join(parts) + "."


def nights_line(data: ReportData) -> str:
    line = f"Nights of {date_range(data)} ({wording.count(data.weeks, 'week')})"
    if data.until is None:
        return line
    moment = f"{wording.weekday_day_month(data.until.date())} {wording.clock(data.until)}"
    return f"{line}, up to {'now, ' if data.until == data.made else ''}{moment}"


NIGHTS_NOTE = (
    "Nights run from 06:00 to 06:00 and are named by their evening (a cramp at 03:30 on a "
    "Thursday is on Wednesday's night). A night's cramps are the entries logged for it, or "
    "her morning check-in answer if higher; a night is reported when either is known."
)


def pregnancy_line(data: ReportData) -> str | None:
    if data.pregnancy_weeks is None:
        return None
    first, last = data.pregnancy_weeks
    if first == 0 and last > 0:  # the range starts before the pregnancy (a long report)
        return f"Pregnancy week {last} on the last night (the range starts before the pregnancy)"
    weeks = f"week {first}" if first == last else f"weeks {first} to {last}"
    return f"Pregnancy {weeks}"


def tiles(data: ReportData) -> list[tuple[str, str]]:
    """The four numbers at the top, (value, caption); the second is the warning tile."""
    ml = wording.millilitres
    water = (
        (ml(data.water_avg_ml), f"water a day on average (goal {ml(data.water_goal_ml)})")
        if data.water_avg_ml is not None
        else ("-", "no water logged")
    )
    return [
        (
            str(_cramps(data)),
            f"cramps on {data.cramp_nights} of {data.reported_nights} reported nights"
            + (
                f" ({data.cramps_logged} logged, {data.cramps_from_checkins} from check-ins)"
                if data.cramps_from_checkins
                else ""
            ),
        ),
        (
            f"{WARNING_MARK} {data.warning_entries}" if data.warning_entries else "0",
            "entries with warning signs"
            if data.warning_entries != 1
            else "entry with warning signs",
        ),
        (
            f"{data.adherence_pct}%" if data.adherence_pct is not None else "-",
            f"routine done on {data.routine_done} of {data.counted_nights} nights",
        ),
        water,
    ]


def week_cells(week: WeekSummary) -> list[str]:
    """One row of "Week by week", in the order of its columns."""
    return [
        wording.day_month_year(week.week_start),
        str(week.nights) + ("" if week.counted == week.nights else f" ({week.counted})"),
        str(week.routine_done),
        str(week.routine_partial),
        str(week.cramp_nights),
        str(week.cramps),
        str(week.reported_nights),
        wording.millilitres(week.water_avg_ml) if week.water_avg_ml is not None else "-",
    ]


def routine_and_water(data: ReportData) -> str:
    """The "Routine and water" section: one line each, and the insight if there is one."""
    count, ml = wording.count, wording.millilitres
    lines: list[str] = []
    if data.counted_nights:
        lines.append(
            f"Evening stretching routine: done on {data.routine_done}, partly done on "
            f"{data.routine_partial} and not done on {data.routine_none} of "
            f"{count(data.counted_nights, 'night')} ({data.adherence_pct}% done)."
            + (
                f" {count(data.marked_nights, 'night')} marked paused or sick "
                f"{'is' if data.marked_nights == 1 else 'are'} not counted."
                if data.marked_nights
                else ""
            )
        )
    else:
        lines.append("Evening stretching routine: every night in this period was paused.")
    lines.append(
        f"Current run of routine nights: {count(data.streaks.current, 'night')}; "
        f"longest run in this period: {count(data.streaks.best, 'night')}."
    )
    if data.water_avg_ml is not None:
        lines.append(
            f"Water: logged on {data.water_days} of {count(len(data.nights), 'day')}, "
            f"{ml(data.water_avg_ml)} a day on average on those days; the daily goal of "
            f"{ml(data.water_goal_ml)} was reached on {count(data.water_goal_days, 'day')}."
        )
    else:
        lines.append("Water: none logged in this period.")
    if data.insight is not None:
        lines.append(insight_line(data))
    return "\n".join(lines)


def insight_line(data: ReportData) -> str:
    """The History insight, reworded for a clinician reading about her (not to her)."""
    i = data.insight
    if i is None:
        return ""
    after = wording.count(i.after_routine_nights, "reported night")
    return (
        f"Nights with the evening routine done: cramps on {i.after_routine_cramp_nights} of "
        f"{after}; "
        f"other nights: on {i.other_cramp_nights} of {i.other_nights}. "
        "This is what she logged; it does not show cause and effect."
    )


def legs_line(data: ReportData) -> str | None:
    """Which leg and muscle, from the logged entries: a one-sided pattern matters (a clot)."""
    if not data.cramps:
        return None

    def tally(values: list[str], order: tuple[str, ...]) -> str:
        return ", ".join(f"{v.title()} {values.count(v)}" for v in order if values.count(v))

    legs = [c.leg for c in data.cramps]
    muscles = [c.muscle for c in data.cramps]
    line = (
        f"Logged entries by leg: {tally(legs, ('left', 'right', 'both'))}. "
        f"By muscle: {tally(muscles, ('calf', 'foot', 'thigh'))}."
    )
    warned = [c.leg for c in data.cramps if c.warning_signs]
    if warned:
        line += f" Entries with warning signs by leg: {tally(warned, ('left', 'right', 'both'))}."
    return line


def clinician_note() -> str:
    """Why warning-sign rows stand out, in the words of core/safety.py."""
    clot = safety.CLOT_ACTION.split(". ")[0]  # "These can be signs of a blood clot (DVT)"
    signs = " ".join(safety.CLOT_SIGNS)
    return (
        f"Rows marked {WARNING_MARK} in bold had a warning sign ticked. {signs} "
        f"{clot} and need a clinician's attention."
    )


def cramp_cells(cramp: ReportCramp) -> list[str]:
    """One row of the cramp table, in the order of its columns."""
    warn = bool(cramp.warning_signs)
    return [
        WARNING_MARK if warn else "",
        wording.weekday_day_month(cramp.night_date),
        night_time(cramp),
        cramp.leg,
        cramp.muscle,
        f"{cramp.severity}/10",
        "-" if cramp.duration_min is None else str(cramp.duration_min),
        cramp.helped or "",
        ", ".join(cramp.warning_signs) if warn else "none",
    ]


def night_time(cramp: ReportCramp) -> str:
    """The clock time, with the weekday when it is the morning after the night's evening."""
    if cramp.happened.date().isoformat() == cramp.night_date:
        return wording.clock(cramp.happened)
    return f"{cramp.happened:%a}\u00a0{wording.clock(cramp.happened)}"  # never wrapped


def left_out_note(shown: int, logged: int, max_pages: int, attached: bool = False) -> str:
    """Said when the cramp table had to leave older cramps out to keep to the page budget."""
    left_out = logged - shown
    return (
        f"Showing {shown} of {logged} cramps logged as entries to keep this summary to "
        f"{max_pages} pages: every entry with a warning sign and the most recent others. "
        f"The {wording.count(left_out, 'earlier cramp')} {'is' if left_out == 1 else 'are'} "
        + (
            "counted above and listed in the files attached to this PDF."
            if attached
            else "counted above and listed in the full logbook export."
        )
    )


def footer(data: ReportData, version: str) -> str:
    return f"{TITLE}, {date_range(data)}. Nightstretch {version}."
