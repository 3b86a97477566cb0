"""Every sentence, tile, heading and table cell of the appointment report, as plain text.

The PDF drawing (``report.py``) only places these on the page, so what the report says can
be read and tested without Qt or a PDF. No Qt is imported here; the module sits on the
services floor only because ``ReportData`` is defined in the store. Every word is marked
for the catalogue and looked up when the report is made, so the report is in her language;
numbers, dates and plurals come from ``core/wording.py``, like everywhere else. The page is
written for her midwife or doctor: it speaks about her, never to her.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from nightstretch.core import safety, wording
from nightstretch.core.i18n import _, ngettext, pgettext
from nightstretch.core.stats import WeekSummary
from nightstretch.services.report_words import leg, muscle, signs
from nightstretch.store.report_data import ReportCramp, ReportData

__all__ = [
    "WARNING_MARK",
    "clinician_note",
    "cramp_cells",
    "cramp_columns",
    "date_range",
    "footer",
    "header_note",
    "headings",
    "insight_line",
    "left_out_note",
    "legend_labels",
    "legs_line",
    "night_time",
    "nights_line",
    "page_of",
    "routine_and_water",
    "summary_line",
    "tiles",
    "title",
    "warning_cells",
    "warning_columns",
    "warnings_intro",
    "week_cells",
    "week_columns",
    "weekday_labels",
    "weeks_note",
    "who_line",
    "with_year",
]

WARNING_MARK = "!"


def title() -> str:
    return _("Leg cramp summary")


def headings() -> dict[str, str]:
    """The section titles, by the part of the page they head."""
    return {
        "note": pgettext("report", "To ask at this visit"),
        "warnings": pgettext("report", "Warning signs"),
        "nights": pgettext("report", "Nights"),
        "weeks": pgettext("report", "Week by week"),
        "routine": pgettext("report", "Routine and water"),
        "cramps": pgettext("report", "Cramps"),
    }


def header_note(attached: bool) -> str:
    """The small print under the title: who kept it, how nights are counted, the files."""
    parts = [
        _(
            "Kept by the person herself in Nightstretch, an app for night-time leg cramps in "
            "pregnancy. It shows what was logged; it is not a diagnosis."
        ),
        _(
            "Nights run from 06:00 to 06:00 and are named by their evening (a cramp at 03:30 "
            "on a Thursday is on Wednesday's night). A night's cramps are the entries logged "
            "for it, or her morning check-in answer if higher; a night is reported when "
            "either is known."
        ),
    ]
    if attached:
        parts.append(
            _(
                "The entries of these nights are attached to this PDF as CSV and JSON files "
                "(the format of Nightstretch's export)."
            )
        )
    return " ".join(parts)


def date_range(data: ReportData) -> str:
    return _("{first} to {last}").format(
        first=wording.day_month_year(data.first_night),
        last=wording.day_month_year(data.last_night),
    )


def nights_line(data: ReportData) -> str:
    line = ngettext(
        "Nights of {range} ({n} week)", "Nights of {range} ({n} weeks)", data.weeks
    ).format(range=date_range(data), n=data.weeks)
    if data.until is None:
        return line
    moment = f"{wording.weekday_day_month(data.until.date())} {wording.clock(data.until)}"
    if data.until == data.made:
        return _("{nights}, up to now, {moment}").format(nights=line, moment=moment)
    return _("{nights}, up to {moment}").format(nights=line, moment=moment)


def _weeks_part(data: ReportData) -> str | None:
    if data.pregnancy_weeks is None:
        return None
    first, last = data.pregnancy_weeks
    if first == 0 and last > 0:  # the range starts before the pregnancy (a long report)
        return _("week {week} on the last night (the range starts before the pregnancy)").format(
            week=last
        )
    if first == last:
        return _("pregnancy week {week}").format(week=last)
    return _("pregnancy weeks {first} to {last}").format(first=first, last=last)


def who_line(data: ReportData) -> str | None:
    """ "Anna K. · due 3 Mar 2027 · pregnancy weeks 30 to 33": whatever she gave, or None."""
    parts: list[str] = []
    if data.name:
        parts.append(data.name)
    if data.due is not None:
        parts.append(_("due {date}").format(date=wording.day_month_year(data.due)))
    weeks = _weeks_part(data)
    if weeks is not None:
        parts.append(weeks)
    if not parts:
        return None
    text = " \u00b7 ".join(parts)
    return text[:1].upper() + text[1:]


def _on_nights(data: ReportData) -> str:
    """ "on 9 of 25 reported nights"."""
    return ngettext(
        "on {nights} of {n} reported night",
        "on {nights} of {n} reported nights",
        data.reported_nights,
    ).format(nights=data.cramp_nights, n=data.reported_nights)


def _cramps_on(data: ReportData) -> str:
    """ "12 cramps on 9 of 25 reported nights"."""
    cramps = ngettext("{n} cramp", "{n} cramps", data.cramps_total).format(n=data.cramps_total)
    return f"{cramps} {_on_nights(data)}"


def _sources(data: ReportData) -> str:
    """Where the count comes from, when both sources add to it."""
    return _("{logged} logged as entries, {checkins} from check-in answers only").format(
        logged=data.cramps_logged, checkins=data.cramps_from_checkins
    )


def _routine_done(data: ReportData) -> str:
    return ngettext(
        "routine done on {done} of {n} night",
        "routine done on {done} of {n} nights",
        data.counted_nights,
    ).format(done=data.routine_done, n=data.counted_nights)


def summary_line(data: ReportData) -> str:
    """The one sentence that says it all, for the top of the report (and for tests)."""
    first = _cramps_on(data)
    if data.cramps_from_checkins and data.cramps_logged:
        first += f" ({_sources(data)})"
    parts = [first]
    if data.warning_entries:
        parts.append(
            ngettext(
                "{n} entry with warning signs",
                "{n} entries with warning signs",
                data.warning_entries,
            ).format(n=data.warning_entries)
        )
    else:
        parts.append(_("no warning signs logged"))
    if data.adherence_pct is not None:
        parts.append(f"{_routine_done(data)} ({data.adherence_pct}%)")
    if data.water_avg_ml is not None:
        parts.append(
            _("water {amount} a day on average").format(
                amount=wording.millilitres(data.water_avg_ml)
            )
        )
    return ngettext("In {n} week: {parts}.", "In {n} weeks: {parts}.", data.weeks).format(
        n=data.weeks, parts="; ".join(parts)
    )


def tiles(data: ReportData) -> list[tuple[str, str]]:
    """The four numbers at the top, (value, caption); the second is the warning tile."""
    ml = wording.millilitres
    water = (
        (
            ml(data.water_avg_ml),
            _("water a day on average (goal {goal})").format(goal=ml(data.water_goal_ml)),
        )
        if data.water_avg_ml is not None
        else ("-", _("no water logged"))
    )
    word = ngettext("cramp", "cramps", data.cramps_total)  # the number is the tile's value
    cramps = f"{word} {_on_nights(data)}"
    if data.cramps_from_checkins:
        cramps += (
            " ("
            + _("{logged} logged, {checkins} from check-ins").format(
                logged=data.cramps_logged, checkins=data.cramps_from_checkins
            )
            + ")"
        )
    warned = ngettext(
        "entry with warning signs", "entries with warning signs", data.warning_entries
    )
    return [
        (str(data.cramps_total), cramps),
        (
            f"{WARNING_MARK} {data.warning_entries}" if data.warning_entries else "0",
            warned,
        ),
        (
            f"{data.adherence_pct}%" if data.adherence_pct is not None else "-",
            _routine_done(data),
        ),
        water,
    ]


def week_columns() -> list[str]:
    return [
        pgettext("report", "Week of"),
        pgettext("report", "Nights"),
        pgettext("report", "Routine done"),
        pgettext("report", "Partly"),
        pgettext("report", "Cramp nights"),
        pgettext("report", "Cramps"),
        pgettext("report", "Reported"),
        pgettext("report", "Water a day"),
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


def weeks_note(data: ReportData) -> str:
    """The table's footnote, without the brackets sentence when no row has brackets."""
    parts = [_("Weeks start on Monday.")]
    if any(w.counted != w.nights for w in data.week_rows):
        parts.append(_("Nights in brackets: nights not marked paused or sick."))
    parts.append(
        _(
            "Reported: nights whose cramps are known (logged or answered in the morning "
            "check-in). Water is averaged over the days with any water logged."
        )
    )
    return " ".join(parts)


def weekday_labels() -> list[str]:
    """Monday to Sunday, short, for the calendar's rows."""
    monday = date(2024, 1, 1)
    return [wording.weekday(monday + timedelta(days=n)) for n in range(7)]


def legend_labels() -> list[str]:
    """The calendar's key, in the order ``report.py`` draws its samples."""
    return [
        pgettext("report", "routine done"),
        pgettext("report", "routine partly done"),
        pgettext("report", "routine not done"),
        pgettext("report", "paused (P) or sick (S)"),
        pgettext("report", "cramps (logged or answered)"),
        pgettext("report", "answered: no cramps"),
        pgettext("report", "no mark: not answered, none logged"),
        pgettext("report", "warning sign logged"),
    ]


def mark_letter(mark: str) -> str:
    """The letter in a paused or sick night's cell (the legend names both)."""
    return pgettext("report mark", "S") if mark == "sick" else pgettext("report mark", "P")


def routine_and_water(data: ReportData) -> str:
    """The "Routine and water" section: one line each, and the insight if there is one."""
    ml = wording.millilitres
    lines: list[str] = []
    if data.counted_nights:
        line = ngettext(
            "Evening stretching routine: done on {done}, partly done on {partly} and not done "
            "on {none} of {n} night ({pct} done).",
            "Evening stretching routine: done on {done}, partly done on {partly} and not done "
            "on {none} of {n} nights ({pct} done).",
            data.counted_nights,
        ).format(
            done=data.routine_done,
            partly=data.routine_partial,
            none=data.routine_none,
            n=data.counted_nights,
            pct=f"{data.adherence_pct}%",
        )
        if data.marked_nights:
            line += " " + ngettext(
                "{n} night marked paused or sick is not counted.",
                "{n} nights marked paused or sick are not counted.",
                data.marked_nights,
            ).format(n=data.marked_nights)
        lines.append(line)
    else:
        lines.append(_("Evening stretching routine: every night in this period was paused."))
    lines.append(
        _("Current run of routine nights: {current}; longest run in this period: {best}.").format(
            current=wording.count(data.streaks.current, "night"),
            best=wording.count(data.streaks.best, "night"),
        )
    )
    if data.water_avg_ml is not None:
        lines.append(
            ngettext(
                "Water: logged on {days} of {n} day, {avg} a day on average on those days; the "
                "daily goal of {goal} was reached on {reached}.",
                "Water: logged on {days} of {n} days, {avg} a day on average on those days; the "
                "daily goal of {goal} was reached on {reached}.",
                len(data.nights),
            ).format(
                days=data.water_days,
                n=len(data.nights),
                avg=ml(data.water_avg_ml),
                goal=ml(data.water_goal_ml),
                reached=wording.count(data.water_goal_days, "day"),
            )
        )
    else:
        lines.append(_("Water: none logged in this period."))
    if data.insight is not None:
        lines.append(insight_line(data))
    return "\n".join(lines)


def insight_line(data: ReportData) -> str:
    """The History insight, reworded for a clinician reading about her (not to her)."""
    i = data.insight
    if i is None:
        return ""
    return ngettext(
        "Nights with the evening routine done: cramps on {after_cramps} of {n} reported "
        "night; other nights: on {other_cramps} of {other}. This is what she logged; it does "
        "not show cause and effect.",
        "Nights with the evening routine done: cramps on {after_cramps} of {n} reported "
        "nights; other nights: on {other_cramps} of {other}. This is what she logged; it does "
        "not show cause and effect.",
        i.after_routine_nights,
    ).format(
        after_cramps=i.after_routine_cramp_nights,
        n=i.after_routine_nights,
        other_cramps=i.other_cramp_nights,
        other=i.other_nights,
    )


def legs_line(data: ReportData) -> str | None:
    """Which leg and muscle, from the logged entries: a one-sided pattern matters (a clot)."""
    if not data.cramps:
        return None

    def tally(values: list[str], order: tuple[str, ...], word: Callable[[str], str]) -> str:
        said = (word(v) for v in order if values.count(v))
        return ", ".join(
            f"{w[:1].upper()}{w[1:]} {values.count(v)}"
            for v, w in zip((v for v in order if values.count(v)), said, strict=True)
        )

    sides = ("left", "right", "both")
    legs = [c.leg for c in data.cramps]
    muscles = [c.muscle for c in data.cramps]
    line = _("Logged entries by leg: {legs}. By muscle: {muscles}.").format(
        legs=tally(legs, sides, leg), muscles=tally(muscles, ("calf", "foot", "thigh"), muscle)
    )
    warned = [c.leg for c in data.cramps if c.warning_signs]
    if warned:
        line += " " + _("Entries with warning signs by leg: {legs}.").format(
            legs=tally(warned, sides, leg)
        )
    return line


def clinician_note(marked: bool = True) -> str:
    """What a warning mark means (when rows carry one) and which signs the app shows her,
    in core/safety.py's words and her language: a clot, then pre-eclampsia and the baby's
    movements."""
    clot = " ".join(_(sign) for sign in safety.CLOT_SIGNS)
    urgent = " ".join(_(sign) for sign in safety.URGENT_SIGNS)
    shown = _("The app shows her these signs and tells her to get help now:")
    if marked:
        shown = " ".join(
            [
                _(
                    "Rows marked {mark} in bold have a warning sign she has not yet marked as "
                    "discussed with her midwife or doctor."
                ).format(mark=WARNING_MARK),
                shown,
            ]
        )
    return "\n".join(
        [
            shown,
            _("A possible blood clot (DVT): {signs}").format(signs=clot),
            _("Possible pre-eclampsia, and the baby's movements: {signs}").format(signs=urgent),
        ]
    )


def with_year(data: ReportData, cramps: Iterable[ReportCramp] = ()) -> bool:
    """Dates need their year when the range (or an earlier entry listed) spans two years."""
    last = date.fromisoformat(data.last_night).year
    if date.fromisoformat(data.first_night).year != last:
        return True
    return any(date.fromisoformat(c.night_date).year != last for c in cramps)


def _night_day(cramp: ReportCramp, year: bool) -> str:
    if year:
        return wording.weekday_day_month_year(cramp.night_date)
    return wording.weekday_day_month(cramp.night_date)


def cramp_columns() -> list[str]:
    return [
        "",
        pgettext("report", "Night of"),
        pgettext("report", "Time"),
        pgettext("report", "Leg"),
        pgettext("report", "Muscle"),
        pgettext("report", "Severity"),
        pgettext("report", "Minutes"),
        pgettext("report", "What helped"),
        pgettext("report", "Warning signs"),
    ]


def _discussed(day: date) -> str:
    return _("discussed on {date}").format(date=wording.day_month_year(day))


def cramp_cells(cramp: ReportCramp, year: bool = False) -> list[str]:
    """One row of the cramp table, in the order of its columns."""
    if cramp.warning_signs:
        warned = signs(cramp.warning_signs)
        if cramp.discussed is not None:
            warned += f"; {_discussed(cramp.discussed)}"
    else:
        warned = pgettext("report", "none")
    return [
        WARNING_MARK if cramp.flagged else "",
        _night_day(cramp, year),
        night_time(cramp),
        leg(cramp.leg),
        muscle(cramp.muscle),
        f"{cramp.severity}/10",
        "-" if cramp.duration_min is None else str(cramp.duration_min),
        cramp.helped or "",
        warned,
    ]


def warning_columns() -> list[str]:
    return [
        "",
        pgettext("report", "Night of"),
        pgettext("report", "Time"),
        pgettext("report", "Leg"),
        pgettext("report", "Severity"),
        pgettext("report", "Signs"),
        pgettext("report", "Discussed"),
    ]


def warning_cells(cramp: ReportCramp, year: bool = False) -> list[str]:
    """One row of the warning-sign list: flagged until discussed, then the day it was."""
    return [
        WARNING_MARK if cramp.flagged else "",
        _night_day(cramp, year),
        night_time(cramp),
        leg(cramp.leg),
        f"{cramp.severity}/10",
        signs(cramp.warning_signs),
        pgettext("report", "not yet") if cramp.discussed is None else _discussed(cramp.discussed),
    ]


def warnings_intro(data: ReportData) -> str:
    """Above the warning-sign list: what is on it, and what is not."""
    if not data.warnings_listed:
        return _(
            "No warning signs were logged in these weeks, and none from earlier is waiting "
            "to be discussed."
        )
    text = _(
        "Cramps she logged with a warning sign are listed in every report, whatever their "
        "date, until she marks them as discussed with her midwife or doctor."
    )
    if data.earlier_warnings:
        text += " " + ngettext(
            "{n} is from before these weeks.",
            "{n} are from before these weeks.",
            len(data.earlier_warnings),
        ).format(n=len(data.earlier_warnings))
    return text


def night_time(cramp: ReportCramp) -> str:
    """The clock time, with the weekday when it is the morning after the night's evening."""
    if cramp.happened.date().isoformat() == cramp.night_date:
        return wording.clock(cramp.happened)
    day = wording.weekday(cramp.happened.date())
    return f"{day}\u00a0{wording.clock(cramp.happened)}"  # never wrapped


def no_cramps() -> str:
    return _("No cramps were logged in these weeks.")


def left_out_note(shown: int, logged: int, max_pages: int, attached: bool = False) -> str:
    """Said when the cramp table had to leave older cramps out to keep to the page budget."""
    left_out = logged - shown
    head = ngettext(
        "Showing {shown} of {n} cramps logged as entries to keep this summary to {pages} "
        "page: every entry with a warning sign and the most recent others.",
        "Showing {shown} of {n} cramps logged as entries to keep this summary to {pages} "
        "pages: every entry with a warning sign and the most recent others.",
        max_pages,
    ).format(shown=shown, n=logged, pages=max_pages)
    if attached:
        tail = ngettext(
            "The {n} earlier cramp is counted above and listed in the files attached to this PDF.",
            "The {n} earlier cramps are counted above and listed in the files attached to "
            "this PDF.",
            left_out,
        )
    else:
        tail = ngettext(
            "The {n} earlier cramp is counted above and listed in the full logbook export.",
            "The {n} earlier cramps are counted above and listed in the full logbook export.",
            left_out,
        )
    return f"{head} {tail.format(n=left_out)}"


def footer(data: ReportData, version: str) -> str:
    return _("{title}, {range}. Nightstretch {version}.").format(
        title=title(), range=date_range(data), version=version
    )


def page_of(page: int, pages: int) -> str:
    return _("Page {page} of {pages}").format(page=page, pages=pages)
