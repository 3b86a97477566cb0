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
from typing import NoReturn, TypeVar

from nightstretch import __version__
from nightstretch.core import entries, resources, safety
from nightstretch.core.clock import Clock, SystemClock, night_of
from nightstretch.core.entries import CrampEntry, EntryError
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.routine_loader import (
    Catalogue,
    RoutineError,
    load_catalogue,
    load_routine_file,
)
from nightstretch.core.routine_table import routine_lines
from nightstretch.core.wording import clock, weekday_day_month
from nightstretch.core.wording import count as counted
from nightstretch.services.logbook_actions import (
    REPORT_WEEKS,
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
from nightstretch.store.settings import SettingsFile

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
"""128 + SIGINT, as a shell reports Ctrl+C."""
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: the reader (``| head``) went away; nothing to say about it."""


def _number(text: str) -> int:
    """argparse's ``int`` takes ``1_000``, ``+5`` and any script's digits; she types 0-9."""
    try:
        return entries.whole_number(text)
    except EntryError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One clear line, as for every other error, plus where to read more."""
        self.exit(EXIT_USAGE, f"nightstretch: {message} (see nightstretch --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nightstretch",
        description="A calm companion for night-time leg cramps in pregnancy. "
        "Without a command, starts the app.",
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help=f"keep settings, logbook and logs under DIR (also ${HOME_ENV})",
    )
    parser.add_argument("--version", action="version", version=f"nightstretch {__version__}")
    parser.add_argument(
        "--tray",
        action="store_true",
        help="start quietly in the tray, without opening a window (as at login)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    start = commands.add_parser("start", help="play a routine now")
    start.add_argument("routine_id", metavar="ROUTINE_ID")
    routines = commands.add_parser("routines", help="list or check routine files")
    routine_commands = routines.add_subparsers(
        dest="routines_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    routine_commands.add_parser("list", help="list the routines that load, with their length")
    check = routine_commands.add_parser("check", help="validate one routine file")
    check.add_argument("file", metavar="FILE", type=Path)
    _add_logbook_commands(commands)
    _add_desktop_command(commands)
    return parser


def _add_logbook_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    log = commands.add_parser("log", help="log water or a cramp")
    what = log.add_subparsers(
        dest="log_command", metavar="WHAT", required=True, parser_class=_Parser
    )
    water = what.add_parser("water", help=f"log water (default one glass, {entries.GLASS_ML} ml)")
    water.add_argument("ml", metavar="ML", type=_number, nargs="?", help="millilitres, 1-2000")
    water.add_argument(
        "--at",
        metavar="ISO-TIME",
        help="when (default now), e.g. 2026-11-21T15:00; from the year 2000 to now",
    )
    cramp = what.add_parser("cramp", help="log a leg cramp")
    cramp.add_argument("--leg", required=True, metavar="left|right|both")
    cramp.add_argument("--severity", required=True, type=_number, metavar="1-10")
    cramp.add_argument("--minutes", type=_number, metavar="N", help="how long it lasted, 0-240")
    cramp.add_argument(
        "--at",
        metavar="ISO-TIME",
        help="when it happened (from the year 2000 to now); "
        "default before 11:00 is 03:00 last night, later it is now",
    )
    cramp.add_argument("--muscle", default="calf", metavar="calf|foot|thigh")
    cramp.add_argument("--helped", metavar="TEXT", help="what eased it, in your words")
    for flag, text in (
        ("--swelling", "the leg is swollen"),
        ("--redness", "the leg is red"),
        ("--warmth", "the leg feels warm"),
        ("--pain-not-easing", "the pain does not ease with stretching or massage"),
    ):
        cramp.add_argument(flag, action="store_true", help=f"warning sign: {text}")
    checkin = commands.add_parser("checkin", help='answer "Any cramps last night?"')
    answer = checkin.add_mutually_exclusive_group(required=True)
    answer.add_argument("--none", action="store_true", help="no cramps")
    answer.add_argument("--cramps", type=_number, metavar="N", help="how many cramps")
    checkin.add_argument("--night", metavar="DATE", help="which night (default: last night)")
    history = commands.add_parser("history", help="routines, cramps and water per night")
    history.add_argument(
        "--days", type=_number, default=14, metavar="N", help="nights (default 14)"
    )
    history.add_argument("--json", action="store_true", help="a machine-readable document")
    history.add_argument("--reminders", action="store_true", help="also list reminder events")
    export = commands.add_parser("export", help="write the whole logbook as csv or json")
    export.add_argument("--format", required=True, choices=("csv", "json"))
    export.add_argument(
        "--out", required=True, type=Path, metavar="PATH", help="a folder for csv, a file for json"
    )
    export.add_argument("--force", action="store_true", help="replace existing files")
    backup = commands.add_parser("backup", help="copy the logbook to a file")
    backup_what = backup.add_mutually_exclusive_group(required=True)
    backup_what.add_argument("--out", type=Path, metavar="FILE")
    backup_what.add_argument(
        "--list", action="store_true", help="the automatic daily backups, newest first"
    )
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    commands.add_parser(
        "doctor", help="check the logbook and recover what a damaged one still holds"
    )
    restore = commands.add_parser(
        "restore", help="replace the logbook with the checked entries of a backup"
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    report = commands.add_parser("report", help="a PDF summary to take to an appointment")
    report.add_argument(
        "--weeks",
        type=_number,
        default=REPORT_WEEKS,
        metavar="N",
        help="how many weeks, 1-52 (default 4)",
    )
    report.add_argument(
        "--until",
        metavar="ISO-TIME",
        help="where the range ends (default now, so tonight is included), e.g. 2026-11-22T08:00",
    )
    report.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help=".pdf is added if missing"
    )
    report.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")


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
            print(f"nightstretch: not loaded: {line}", file=sys.stderr)
    return 0


def _routines_check(file: Path) -> int:
    try:
        load_routine_file(file, str(file), resources.assets_dir())
    except RoutineError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return EXIT_FAILED
    print("ok")
    return 0


def _start_gui(args: argparse.Namespace, paths: AppPaths, routine_id: str | None) -> int:
    """Qt is imported only here; a running instance gets the command instead."""
    from nightstretch.services.pyside_import import load_pyside

    load_pyside()  # before the app's own Qt modules, so none of them is kept as text
    from nightstretch.bootstrap import run_gui

    home = args.home or os.environ.get(HOME_ENV) or None
    return run_gui(paths, routine_id, tray_only=args.tray, home=Path(home) if home else None)


# -- logbook commands ----------------------------------------------------------------

Zone = tzinfo | None
HISTORY_DAYS_MAX = 3660
FILE_COMMANDS = (
    "log",
    "checkin",
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
            print(
                f"nightstretch: the logbook could not be read, so it was kept as "
                f"{book.moved_aside} and a new one was started",
                file=sys.stderr,
            )
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
    when = "so far today" if night == night_of(now) else f"on {weekday_day_month(night)}"
    print(f"Logged {ml} ml of water; {logged.total_ml} ml {when}.")
    return 0


_PLURAL = {"calf": "calves", "foot": "feet", "thigh": "thighs"}


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
        print(f"You noted: {', '.join(entry.warning_signs)}.")
        print(safety.clot_text())
    where = (
        f"both {_PLURAL[entry.muscle]}"
        if entry.leg == "both"
        else f"the {entry.leg} {entry.muscle}"
    )
    lasting = f", lasting {entry.duration_min} min" if entry.duration_min is not None else ""
    print(
        f"Logged a cramp in {where}, severity {entry.severity}/10{lasting}, "
        f"at {clock(happened)} on the night of {weekday_day_month(entry.night_date)}."
    )
    return 0


def _checkin(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    count = 0 if args.none else entries.cramp_count(args.cramps)
    night = entries.night_date(args.night) if args.night else entries.last_night(now)
    if night > night_of(now):
        raise EntryError(f"the night of {night} has not come yet")
    with _open_logbook(paths, now) as book:
        replaced = book.set_checkin(night, count, now)
    answer = "no cramps" if count == 0 else counted(count, "cramp")
    verb = "Updated" if replaced else "Saved"
    print(f"{verb} the night of {weekday_day_month(night)}: {answer}.")
    return 0


def _history(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    from nightstretch.store.export import history_document, reminder_history
    from nightstretch.store.nights import nights_back, summarize_nights

    days = entries.check_range("days", args.days, 1, HISTORY_DAYS_MAX)
    nights = nights_back(night_of(now), days)
    with _open_for_reading(paths, now) as book:
        if args.json:
            document = history_document(book, nights, now, args.reminders)
            print(json.dumps(document, indent=2, ensure_ascii=False))
            return 0
        summaries = summarize_nights(book, nights)
        events = reminder_history(book, nights) if args.reminders else []
    rows = [("Night", "Routine", "Cramps", "Water", "Note")]
    for s in reversed(summaries):
        if s.cramps is None:
            cramps = "-"
        elif s.cramps == 0:
            cramps = "none"
        else:
            cramps = str(s.cramps)
            if s.worst_severity is not None:
                cramps += f" (worst {s.worst_severity}/10)"
            if s.warning_signs:
                cramps += ", warning signs"
        water = f"{s.water_ml} ml" if s.water_entries else "-"
        label = f"{date.fromisoformat(s.night_date):%a %Y-%m-%d}"
        rows.append((label, s.routine, cramps, water, s.mark or ""))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [f"{cell:<{width}}" for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[4]]).rstrip())
    if args.reminders:
        print()
        print("Reminders" if events else "No reminders in these nights.")
        for event in events:
            at = datetime.fromisoformat(str(event["at"]))
            detail = f"  {event['detail']}" if event["detail"] else ""
            print(f"{at:%a %Y-%m-%d %H:%M}  {event['kind']!s:<9}  {event['event']}{detail}")
    return 0


def _export(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    given = _Given(args.out.expanduser(), args.force, args.format)
    return _finish(
        _actions(paths, now, reading=True).export(given),
        lambda done: f"Exported {done.entries} entries to {done.path}.",
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
        lambda done: f"Backed up the logbook to {done.path}.",
    )


def _restore(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    return _finish(
        _actions(paths, now).restore(_Given(args.file.expanduser())),
        lambda done: (
            f"Restored the logbook from {done.source}; the previous one is kept as {done.kept}."
            f"\nBack: {done.rows}."
        ),
    )


def _report(args: argparse.Namespace, paths: AppPaths, now: datetime) -> int:
    """Qt (for the PDF writer) is loaded only once every check has passed."""
    from nightstretch.store.report_data import WEEKS_MAX, WEEKS_MIN

    weeks = entries.check_range("weeks", args.weeks, WEEKS_MIN, WEEKS_MAX)
    until = None if args.until is None else entries.parse_at(args.until, now, now.tzinfo)
    out = args.out.expanduser()
    if out.suffix.lower() != ".pdf" and not out.is_dir():
        out = out.with_name(out.name + ".pdf")  # as the app's save dialog does
    given = _Given(out, args.force)
    return _finish(
        _actions(paths, now, reading=True).report(given, weeks, until),
        lambda done: f"Wrote the report ({counted(done.pages, 'page')}) to {done.path}.",
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


def _add_desktop_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    desktop = commands.add_parser(
        "install-desktop-entry",
        help="add Nightstretch to your application menu (launcher and icons, this user only)",
    )
    desktop.add_argument(
        "--uninstall", action="store_true", help="remove the launcher and icons again"
    )


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
                print(f"No Nightstretch launcher was installed in {share}.")
                return 0
            print(f"Removed the launcher and icons ({len(removed)} files) from {share}.")
            return 0
        command = desktop_entry.entry_point_command()
        result = desktop_entry.install(resources.assets_dir(), share, command, home)
    except desktop_entry.DesktopEntryError as exc:
        return _fail(str(exc), EXIT_FAILED)
    launcher = result.written[0]
    print(f"Installed the launcher {launcher} and {len(result.written) - 2} icons.")
    if command != (desktop_entry.COMMAND,):
        runs = " ".join(command)
        print(f"nightstretch is not on PATH in a desktop session, so the launcher runs {runs}.")
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
        print("\nnightstretch: interrupted; nothing was half written", file=sys.stderr)
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
    args = build_parser().parse_args(argv)
    if args.home is not None and not args.home.strip():
        return _fail("--home must name a folder (it was empty)")
    paths = AppPaths.resolve(args.home)
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
            return _fail(f'unknown routine "{args.routine_id}"; valid ids: {", ".join(known)}')
        return _start_gui(args, paths, args.routine_id)
    return _start_gui(args, paths, None)
