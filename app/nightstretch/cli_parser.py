"""The command line's words: every command, option and help line, and argparse's own.

Kept apart from ``cli.py`` (which runs the commands) so the parser, the part a translator
reads most, stays in one short file. Built after ``use_language``, so --help is in her
language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from nightstretch import __version__
from nightstretch.core import entries
from nightstretch.core.entries import EntryError
from nightstretch.core.i18n import N_, _, ngettext
from nightstretch.store.paths import HOME_ENV

EXIT_USAGE = 2
EXIT_FAILED = 1


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """One line on stderr, named, and the exit code: how every command says no."""
    print(f"nightstretch: {message}", file=sys.stderr)
    return code


def _number(text: str) -> int:
    """argparse's ``int`` takes ``1_000``, ``+5`` and any script's digits; she types 0-9."""
    try:
        return entries.whole_number(text)
    except EntryError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)
"""The words of Python's argparse that --help and its errors show, in our catalogue.

argparse looks them up in gettext's global "argparse" domain, which follows the system
locale, not her setting; ``speak_argparse`` points it at our catalogue instead."""


def speak_argparse() -> None:
    """argparse reads its module-level ``_`` and ``ngettext`` at each call: ours answer."""
    setattr(argparse, "_", _)  # noqa: B010 (not in the stubs)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One clear line, as for every other error, plus where to read more."""
        said = _("{message} (see nightstretch --help)").format(message=message)
        self.exit(EXIT_USAGE, f"nightstretch: {said}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nightstretch",
        description=_(
            "A calm companion for night-time leg cramps in pregnancy. "
            "Without a command, starts the app."
        ),
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help=_("keep settings, logbook and logs under DIR (also ${variable})").format(
            variable=HOME_ENV
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"nightstretch {__version__}",
        help=_("show program's version number and exit"),  # Python 3.11 does not mark it
    )
    parser.add_argument(
        "--tray",
        action="store_true",
        help=_("start quietly in the tray, without opening a window (as at login)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    start = commands.add_parser("start", help=_("play a routine now"))
    start.add_argument("routine_id", metavar="ROUTINE_ID")
    routines = commands.add_parser("routines", help=_("list or check routine files"))
    routine_commands = routines.add_subparsers(
        dest="routines_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    routine_commands.add_parser("list", help=_("list the routines that load, with their length"))
    check = routine_commands.add_parser("check", help=_("validate one routine file"))
    check.add_argument("file", metavar="FILE", type=Path)
    _add_logbook_commands(commands)
    _add_desktop_command(commands)
    return parser


def _add_logbook_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    log = commands.add_parser("log", help=_("log water or a cramp"))
    what = log.add_subparsers(
        dest="log_command", metavar="WHAT", required=True, parser_class=_Parser
    )
    water = what.add_parser(
        "water", help=_("log water (default one glass, {ml} ml)").format(ml=entries.GLASS_ML)
    )
    water.add_argument("ml", metavar="ML", type=_number, nargs="?", help=_("millilitres, 1-2000"))
    water.add_argument(
        "--at",
        metavar="ISO-TIME",
        help=_("when (default now), e.g. 2026-11-21T15:00; from the year 2000 to now"),
    )
    cramp = what.add_parser("cramp", help=_("log a leg cramp"))
    cramp.add_argument("--leg", required=True, metavar="left|right|both")
    cramp.add_argument("--severity", required=True, type=_number, metavar="1-10")
    cramp.add_argument("--minutes", type=_number, metavar="N", help=_("how long it lasted, 0-240"))
    cramp.add_argument(
        "--at",
        metavar="ISO-TIME",
        help=_(
            "when it happened (from the year 2000 to now); "
            "default before 11:00 is 03:00 last night, later it is now"
        ),
    )
    cramp.add_argument("--muscle", default="calf", metavar="calf|foot|thigh")
    cramp.add_argument("--helped", metavar="TEXT", help=_("what eased it, in your words"))
    for flag, text in (
        ("--swelling", _("the leg is swollen")),
        ("--redness", _("the leg is red")),
        ("--warmth", _("the leg feels warm")),
        ("--pain-not-easing", _("the pain does not ease with stretching or massage")),
    ):
        said = _("warning sign: {sign}").format(sign=text)
        cramp.add_argument(flag, action="store_true", help=said)
    checkin = commands.add_parser("checkin", help=_('answer "Any cramps last night?"'))
    answer = checkin.add_mutually_exclusive_group(required=True)
    answer.add_argument("--none", action="store_true", help=_("no cramps"))
    answer.add_argument("--cramps", type=_number, metavar="N", help=_("how many cramps"))
    checkin.add_argument("--night", metavar="DATE", help=_("which night (default: last night)"))
    cramps = commands.add_parser("cramps", help=_("cramps with warning signs, and their marks"))
    cramp_commands = cramps.add_subparsers(
        dest="cramps_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    talked = cramp_commands.add_parser(
        "discussed",
        help=_("mark a cramp with warning signs as discussed with your midwife or doctor"),
    )
    talked.add_argument(
        "id", metavar="ID", type=_number, nargs="?", help=_("without ID, list them with their ids")
    )
    talked.add_argument("--undo", action="store_true", help=_("take a mark set by mistake back"))
    history = commands.add_parser("history", help=_("routines, cramps and water per night"))
    history.add_argument(
        "--days", type=_number, default=14, metavar="N", help=_("nights (default 14)")
    )
    history.add_argument("--json", action="store_true", help=_("a machine-readable document"))
    history.add_argument("--reminders", action="store_true", help=_("also list reminder events"))
    export = commands.add_parser("export", help=_("write the whole logbook as csv or json"))
    export.add_argument("--format", required=True, choices=("csv", "json"))
    export.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="PATH",
        help=_("a folder for csv, a file for json"),
    )
    export.add_argument("--force", action="store_true", help=_("replace existing files"))
    backup = commands.add_parser("backup", help=_("copy the logbook to a file"))
    backup_what = backup.add_mutually_exclusive_group(required=True)
    backup_what.add_argument("--out", type=Path, metavar="FILE")
    backup_what.add_argument(
        "--list", action="store_true", help=_("the automatic daily backups, newest first")
    )
    backup.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    commands.add_parser(
        "doctor", help=_("check the logbook and recover what a damaged one still holds")
    )
    restore = commands.add_parser(
        "restore", help=_("replace the logbook with the checked entries of a backup")
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    report = commands.add_parser("report", help=_("a PDF summary to take to an appointment"))
    report.add_argument(
        "--weeks",
        type=_number,
        metavar="N",  # default: the use case's REPORT_WEEKS (its module loads with the command)
        help=_("how many weeks, 1-52 (default 4)"),
    )
    report.add_argument(
        "--until",
        metavar="ISO-TIME",
        help=_("where the range ends (default now, so tonight is included), e.g. 2026-11-22T08:00"),
    )
    report.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help=_(".pdf is added if missing")
    )
    report.add_argument("--force", action="store_true", help=_("replace FILE.pdf if it exists"))


def _add_desktop_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    desktop = commands.add_parser(
        "install-desktop-entry",
        help=_("add Nightstretch to your application menu (launcher and icons, this user only)"),
    )
    desktop.add_argument(
        "--uninstall", action="store_true", help=_("remove the launcher and icons again")
    )
