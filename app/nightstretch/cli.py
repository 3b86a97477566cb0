"""The ``nightstretch`` command line: a contract that users and tests rely on.

Commands that only read or write files never import Qt, so they are quick and work on a
machine without a display. Every error is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TypeVar

from nightstretch.cli_parser import EXIT_USAGE, build_parser, speak_argparse
from nightstretch.core import entries, resources, safety
from nightstretch.core.clock import Clock, SystemClock, night_of
from nightstretch.core.entries import CrampEntry, EntryError
from nightstretch.core.i18n import N_, _, pgettext, use_language
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.routine_loader import (
    Catalogue,
    RoutineError,
    load_catalogue,
    load_routine_file,
)
from nightstretch.core.routine_table import routine_lines
from nightstretch.core.wording import clock, weekday, weekday_day_month
from nightstretch.core.wording import count as counted
from nightstretch.services.logbook_actions import (
    ExportFormat,
    Failed,
    LogbookActions,
    Target,
)
from nightstretch.store.leftovers import clean_leftovers
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.own_files import refuse_own_files
from nightstretch.store.paths import HOME_ENV, AppPaths
from nightstretch.store.private import set_private_umask
from nightstretch.store.salvage import salvage_message
from nightstretch.store.settings import SettingsFile, language_of

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
"""128 + SIGINT, as a shell reports Ctrl+C."""
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: the reader (``| head``) went away; nothing to say about it."""


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"nightstretch: {message}", file=sys.stderr)
    return code


def _catalogue(paths: AppPaths) -> Catalogue:
    return load_catalogue(
        resources.routines_dir(), resources.assets_dir(), [paths.user_routines_dir]
    )


def _routines_list(paths: AppPaths, clock: Clock) -> int:
    """The length she will play this week: the pregnancy week rules may leave steps out."""
    catalogue = _catalogue(paths)
    now = clock.now()
    pregnancy = Pregnancy.from_settings(SettingsFile(paths.settings_file).load(now).settings)
    for line in routine_lines(catalogue.routines.values(), pregnancy, now.date()):
        print(line)
    for notice in catalogue.notices:
        print(f"nightstretch: {notice}", file=sys.stderr)
    for error in catalogue.errors:
        for line in error.lines:
            print("nightstretch: " + _("not loaded: {why}").format(why=line), file=sys.stderr)
    return 0


def _routines_check(file: Path) -> int:
    """Valid or not, then which fields each language still shows in English."""
    import tomllib

    from nightstretch.core.routine_translations import missing_translations

    try:
        load_routine_file(file, str(file), resources.assets_dir())
    except RoutineError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return EXIT_FAILED
    print(_("ok"))
    data = tomllib.loads(file.read_text(encoding="utf-8"))  # it just loaded: it parses
    for language, fields in missing_translations(data).items():
        if fields:
            said = _("{language}: not translated, shown in English: {fields}")
            print(said.format(language=language, fields=", ".join(fields)))
    return 0


def _start_gui(args: argparse.Namespace, paths: AppPaths, routine_id: str | None) -> int:
    """Qt is imported only here; a running instance gets the command instead."""
    from nightstretch.services.pyside_import import load_pyside

    load_pyside()  # before the app's own Qt modules, so none of them is kept as text
    from nightstretch.bootstrap import run_gui
    from nightstretch.services.restart import RESTART_EXIT, start_again

    home = args.home or os.environ.get(HOME_ENV) or None
    code = run_gui(paths, routine_id, tray_only=args.tray, home=Path(home) if home else None)
    if code == RESTART_EXIT:  # a new language: the lock is released, the logbook closed
        return 0 if start_again(args.home) else EXIT_FAILED
    return code


# -- logbook commands ----------------------------------------------------------------

Zone = tzinfo | None
HISTORY_DAYS_MAX = 3660
FILE_COMMANDS = (
    "log",
    "checkin",
    "cramps",
    "history",
    "export",
    "backup",
    "restore",
    "report",
    "doctor",
)


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
        return _fail(outcome.reason, EXIT_FAILED)
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
        return _fail(logged.reason, EXIT_FAILED)
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
        return _fail(logged.reason, EXIT_FAILED)
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

    weeks = entries.check_range(N_("weeks"), args.weeks, WEEKS_MIN, WEEKS_MAX)
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


def _logbook_command(args: argparse.Namespace, paths: AppPaths, clock: Clock, zone: Zone) -> int:
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
        return _fail(str(exc))
    except LogbookError as exc:
        return _fail(str(exc), EXIT_FAILED)


# -- desktop integration ---------------------------------------------------------------


def _install_desktop_entry(args: argparse.Namespace) -> int:
    """Under --home (or $NIGHTSTRETCH_HOME) the files go to HOME/share, never the real home."""
    from nightstretch.store import desktop_entry

    chosen = args.home if args.home is not None else os.environ.get(HOME_ENV) or None
    home = Path(chosen).expanduser().absolute() if chosen is not None else None
    share = desktop_entry.data_home(home)
    try:
        if args.uninstall:
            removed = desktop_entry.uninstall(resources.assets_dir(), share)
            if not removed:
                print(_("No Nightstretch launcher was installed in {path}.").format(path=share))
                return 0
            said = _("Removed the launcher and icons ({n} files) from {path}.")
            print(said.format(n=len(removed), path=share))
            return 0
        command = desktop_entry.entry_point_command()
        result = desktop_entry.install(resources.assets_dir(), share, command, home)
    except desktop_entry.DesktopEntryError as exc:
        return _fail(str(exc), EXIT_FAILED)
    launcher = result.written[0]
    said = _("Installed the launcher {path} and {n} icons.")
    print(said.format(path=launcher, n=len(result.written) - 2))
    if command != (desktop_entry.COMMAND,):
        runs = " ".join(command)
        print(
            _(
                "nightstretch is not on PATH in a desktop session, so the launcher runs {command}."
            ).format(command=runs)
        )
    return 0


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    zone: tzinfo | None = None,
) -> int:
    """``clock`` and ``zone`` let tests fix "now" and the local time zone.

    No traceback reaches her: Ctrl+C exits 130 (every write is atomic, so nothing is half
    written), a closed pipe (``| head``) exits quietly, any other failure is one line.
    """
    try:
        return _main(argv, clock, zone)
    except KeyboardInterrupt:
        print("\nnightstretch: " + _("interrupted; nothing was half written"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Python would complain again at exit while flushing the dead stdout.
        with suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""), 1)


def _main(argv: Sequence[str] | None, clock: Clock | None, zone: tzinfo | None) -> int:
    set_private_umask()
    use_language()  # the system's, for --help and argument errors (before --home is known)
    speak_argparse()
    args = build_parser().parse_args(argv)
    if args.home is not None and not args.home.strip():
        return _fail(_("--home must name a folder (it was empty)"))
    paths = AppPaths.resolve(args.home)
    chosen = language_of(paths.settings_file)
    if chosen:  # her choice in Settings wins over the system's
        use_language(chosen)
    if args.command in FILE_COMMANDS:
        clean_leftovers(paths)
        return _logbook_command(args, paths, clock or SystemClock(), zone)
    if args.command == "routines":
        if args.routines_command == "list":
            return _routines_list(paths, clock or SystemClock())
        return _routines_check(args.file)
    if args.command == "install-desktop-entry":
        return _install_desktop_entry(args)
    if args.command == "start":
        known = _catalogue(paths).ids()
        if args.routine_id not in known:
            return _fail(
                _('unknown routine "{id}"; valid ids: {ids}').format(
                    id=args.routine_id, ids=", ".join(known)
                )
            )
        return _start_gui(args, paths, args.routine_id)
    return _start_gui(args, paths, None)
