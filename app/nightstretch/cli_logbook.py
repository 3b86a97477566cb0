"""The logbook commands (log, checkin, cramps, history, export, backup, restore, report,
doctor): the same use cases as the windows, answered from the arguments.

Apart from ``cli.py`` so that starting the app does not load them: ``cli`` imports this
module only when one of these commands is run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TypeVar

from nightstretch.cli_parser import EXIT_FAILED, fail
from nightstretch.core import entries, safety
from nightstretch.core.clock import Clock, night_of
from nightstretch.core.entries import CrampEntry, EntryError
from nightstretch.core.i18n import N_, _, pgettext
from nightstretch.core.wording import clock, weekday, weekday_day_month
from nightstretch.core.wording import count as counted
from nightstretch.services.logbook_actions import (
    REPORT_WEEKS,
    ExportFormat,
    Failed,
    LogbookActions,
    Target,
)
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.own_files import refuse_own_files
from nightstretch.store.paths import AppPaths
from nightstretch.store.salvage import salvage_message
from nightstretch.store.settings import SettingsFile

Zone = tzinfo | None
HISTORY_DAYS_MAX = 3660


T = TypeVar("T")


@dataclass(frozen=True)
class _Given:
    """The use cases' questions answered from the arguments: typing the command was the "yes"."""

    path: Path
    force: bool = False
    format: ExportFormat = "json"

    def save_target(self, title: str, suggested: str, name_filter: str) -> Target:
        return Target(self.path, self.force)

    def export_target(self, suggested_stem: str) -> tuple[Target, ExportFormat]:
        return Target(self.path, self.force), self.format

    def source(self, title: str, name_filter: str) -> Path:
        return self.path

    def confirm(self, title: str, question: str) -> bool:
        return True

    def working(self) -> AbstractContextManager[object]:
        return nullcontext()


def _actions(paths: AppPaths, now: datetime, *, reading: bool = False) -> LogbookActions:
    """The logbook opens only when an action needs it, after its arguments were checked.

    ``reading`` (export, backup, report) also works on a logbook she may not write.
    """
    opener = _open_for_reading if reading else _open_logbook
    return LogbookActions(
        lambda: opener(paths, now),
        lambda: now,
        lambda: SettingsFile(paths.settings_file).load(now).settings,
        guard=lambda target: refuse_own_files(paths, target),
    )


def _finish(outcome: T | Failed | None, say: Callable[[T], str]) -> int:
    if isinstance(outcome, Failed):
        return fail(outcome.reason, EXIT_FAILED)
    if outcome is not None:  # always: the command line's answers never cancel
        print(say(outcome))
    return 0


def _open_logbook(paths: AppPaths, now: datetime) -> Logbook:
    book = Logbook(paths.logbook, now)
    if book.moved_aside is not None:
        if book.salvage is not None and book.salvage.recovered > 0:
            print(f"nightstretch: {salvage_message(book.salvage)}", file=sys.stderr)
        else:
            said = _(
                "the logbook could not be read, so it was kept as {path} and a new one was started"
            ).format(path=book.moved_aside)
            print(f"nightstretch: {said}", file=sys.stderr)
    return book


def _open_for_reading(paths: AppPaths, now: datetime) -> Logbook:
    """The logbook as usual; where she may not write (a read-only file or folder), read-only."""
    try:
        return _open_logbook(paths, now)
    except LogbookError:
        if os.access(paths.logbook, os.W_OK) and os.access(paths.data_dir, os.W_OK):
            raise
    book = Logbook.open_read_only(paths.logbook)
    if book.salvage is not None:
        print(f"nightstretch: {salvage_message(book.salvage)}", file=sys.stderr)
    return book


def _log_water(args: argparse.Namespace, paths: AppPaths, now: datetime, zone: Zone) -> int:
    ml = entries.water_ml(args.ml)
    at = entries.parse_at(args.at, now, zone) if args.at else now
    logged = _actions(paths, now).log_water(ml, at, source="cli")
    if isinstance(logged, Failed):
        return fail(logged.reason, EXIT_FAILED)
    night = logged.night
    if night == night_of(now):
        said = _("Logged {ml} ml of water; {total} ml so far today.")
    else:
        said = _("Logged {ml} ml of water; {total} ml on {day}.")
    print(said.format(ml=ml, total=logged.total_ml, day=weekday_day_month(night)))
    return 0


_WHERE = {
    "calf": (N_("the left calf"), N_("the right calf"), N_("both calves")),
    "foot": (N_("the left foot"), N_("the right foot"), N_("both feet")),
    "thigh": (N_("the left thigh"), N_("the right thigh"), N_("both thighs")),
}
"""Where a cramp was, whole phrases: the words for "left" and "calf" agree in other languages."""


def _log_cramp(args: argparse.Namespace, paths: AppPaths, now: datetime, zone: Zone) -> int:
    happened = (
        entries.parse_at(args.at, now, zone) if args.at else entries.default_cramp_time(now, zone)
    )
    entry = CrampEntry(
        happened=happened,
        leg=entries.leg(args.leg),
        severity=entries.severity(args.severity),
        muscle=entries.muscle(args.muscle),
        duration_min=entries.minutes(args.minutes),
        helped=args.helped,
        swelling=args.swelling,
        redness=args.redness,
        warmth=args.warmth,
        pain_not_easing=args.pain_not_easing,
    )
    logged = _actions(paths, now).log_cramp(entry)
    if isinstance(logged, Failed):
        return fail(logged.reason, EXIT_FAILED)
    if entry.warning_signs:
        signs = ", ".join(_(sign) for sign in entry.warning_signs)
        print(_("You noted: {signs}.").format(signs=signs))
        print(safety.clot_text())
    where = _(_WHERE[entry.muscle][("left", "right", "both").index(entry.leg)])
    lasting = (
        _(", lasting {minutes} min").format(minutes=entry.duration_min)
        if entry.duration_min is not None
        else ""
    )
    said = _(
        "Logged a cramp in {where}, severity {severity}/10{lasting}, "
        "at {time} on the night of {night}."
    )
    print(
        said.format(
            where=where,
            severity=entry.severity,
            lasting=lasting,
            time=clock(happened),
            night=weekday_day_month(entry.night_date),
        )
    )
    return 0


def _checkin(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    count = 0 if args.none else entries.cramp_count(args.cramps)
    night = entries.night_date(args.night) if args.night else entries.last_night(now)
    if night > night_of(now):
        raise EntryError(_("the night of {night} has not come yet").format(night=night))
    with _open_logbook(paths, now) as book:
        replaced = book.set_checkin(night, count, now)
    answer = _("no cramps") if count == 0 else counted(count, "cramp")
    if replaced:
        said = _("Updated the night of {night}: {answer}.")
    else:
        said = _("Saved the night of {night}: {answer}.")
    print(said.format(night=weekday_day_month(night), answer=answer))
    return 0


def _cramps(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    """``cramps discussed [ID] [--undo]``: without an id, the list to choose from."""
    from nightstretch.services.warning_marks import set_mark, warning_lines

    if args.id is None:
        if args.undo:
            raise EntryError(_("--undo needs the ID of the cramp"))
        with _open_for_reading(paths, now) as book:
            print("\n".join(warning_lines(book)))
        return 0
    with _open_logbook(paths, now) as book:
        print(set_mark(book, args.id, now, undo=args.undo))
    return 0


_ROUTINE_STATE = {"done": N_("done"), "partial": N_("partial"), "none": N_("none")}
"""The history table's Routine column (``core.stats.RoutineState``), in her words."""


def _history(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    from nightstretch.store.export import history_document, reminder_history
    from nightstretch.store.nights import nights_back, summarize_nights

    days = entries.check_range(N_("days"), args.days, 1, HISTORY_DAYS_MAX)
    nights = nights_back(night_of(now), days)
    with _open_for_reading(paths, now) as book:
        if args.json:
            document = history_document(book, nights, now, args.reminders)
            print(json.dumps(document, indent=2, ensure_ascii=False))
            return 0
        summaries = summarize_nights(book, nights)
        events = reminder_history(book, nights) if args.reminders else []
    rows = [(_("Night"), _("Routine"), _("Cramps"), _("Water"), _("Note"))]
    for s in reversed(summaries):
        if s.cramps is None:
            cramps = "-"
        elif s.cramps == 0:
            cramps = _("none")
        else:
            cramps = str(s.cramps)
            if s.worst_severity is not None:
                cramps += " " + _("(worst {severity}/10)").format(severity=s.worst_severity)
            if s.warning_signs:
                cramps += ", " + _("warning signs")
        water = f"{s.water_ml} " + pgettext("unit", "ml") if s.water_entries else "-"
        label = f"{weekday(date.fromisoformat(s.night_date))} {s.night_date}"
        rows.append((label, _(_ROUTINE_STATE[s.routine]), cramps, water, s.mark or ""))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [f"{cell:<{width}}" for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[4]]).rstrip())
    if args.reminders:
        print()
        print(_("Reminders") if events else _("No reminders in these nights."))
        for event in events:
            at = datetime.fromisoformat(str(event["at"]))
            detail = f"  {event['detail']}" if event["detail"] else ""
            when = f"{weekday(at.date())} {at:%Y-%m-%d %H:%M}"
            print(f"{when}  {event['kind']!s:<9}  {event['event']}{detail}")
    return 0


def _export(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    given = _Given(args.out.expanduser(), args.force, args.format)
    return _finish(
        _actions(paths, now, reading=True).export(given),
        lambda done: _("Exported {n} entries to {path}.").format(n=done.entries, path=done.path),
    )


def _backup(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    if args.list:
        from nightstretch.services.backup_list import backup_lines

        for line in backup_lines(paths.data_dir):
            print(line)
        return 0
    given = _Given(args.out.expanduser(), args.force)
    return _finish(
        _actions(paths, now, reading=True).backup(given),
        lambda done: _("Backed up the logbook to {path}.").format(path=done.path),
    )


def _restore(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    return _finish(
        _actions(paths, now).restore(_Given(args.file.expanduser())),
        lambda done: _(
            "Restored the logbook from {source}; the previous one is kept as {kept}.\nBack: {rows}."
        ).format(source=done.source, kept=done.kept, rows=done.rows),
    )


def _report(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    """Qt (for the PDF writer) is loaded only once every check has passed."""
    from nightstretch.store.report_data import WEEKS_MAX, WEEKS_MIN

    asked = REPORT_WEEKS if args.weeks is None else args.weeks
    weeks = entries.check_range(N_("weeks"), asked, WEEKS_MIN, WEEKS_MAX)
    until = None if args.until is None else entries.parse_at(args.until, now, now.tzinfo)
    out = args.out.expanduser()
    if out.suffix.lower() != ".pdf" and not out.is_dir():
        out = out.with_name(out.name + ".pdf")  # as the app's save dialog does
    given = _Given(out, args.force)
    return _finish(
        _actions(paths, now, reading=True).report(given, weeks, until),
        lambda done: _("Wrote the report ({pages}) to {path}.").format(
            pages=counted(done.pages, "page"), path=done.path
        ),
    )


def _doctor(paths: AppPaths, now: datetime) -> int:
    """The same check and salvage as at every start, on demand; exit 1 when it was needed."""
    from nightstretch.store.doctor import doctor

    result = doctor(paths, now)
    for line in result.lines():
        print(line)
    return 0 if result.healthy else EXIT_FAILED


def logbook_command(args: argparse.Namespace, paths: AppPaths, clock: Clock, zone: Zone) -> int:
    """Bad values exit 2 before the logbook is opened, so nothing is written."""
    now = entries.to_local(clock.now(), zone)
    try:
        if args.command == "log":
            if args.log_command == "water":
                return _log_water(args, paths, now, zone)
            return _log_cramp(args, paths, now, zone)
        if args.command == "checkin":
            return _checkin(args, paths, now)
        if args.command == "history":
            return _history(args, paths, now)
        if args.command == "cramps":
            return _cramps(args, paths, now)
        if args.command == "export":
            return _export(args, paths, now)
        if args.command == "report":
            return _report(args, paths, now)
        if args.command == "backup":
            return _backup(args, paths, now)
        if args.command == "doctor":
            return _doctor(paths, now)
        return _restore(args, paths, now)
    except EntryError as exc:
        return fail(str(exc))
    except LogbookError as exc:
        return fail(str(exc), EXIT_FAILED)
