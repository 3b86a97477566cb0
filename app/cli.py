"""The ``nightstretch`` command line: a contract that users and tests rely on.

Commands that only read or write files never import Qt, so they are quick and work on a
machine without a display. Every error is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.core import resources
from app.core.routine import format_duration
from app.core.routine_loader import Catalogue, RoutineError, load_catalogue, load_routine_file
from app.core.timeline import routine_length_s
from app.store.paths import HOME_ENV, AppPaths

EXIT_USAGE = 2
EXIT_FAILED = 1


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
    return parser


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"nightstretch: {message}", file=sys.stderr)
    return code


def _catalogue(paths: AppPaths) -> Catalogue:
    return load_catalogue(
        resources.routines_dir(), resources.assets_dir(), [paths.user_routines_dir]
    )


def _routines_list(paths: AppPaths) -> int:
    catalogue = _catalogue(paths)
    rows = [
        (r.id, r.title, format_duration(routine_length_s(r)), r.kind.value)
        for r in sorted(catalogue.routines.values(), key=lambda r: r.id)
    ]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    for row in rows:
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}")
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


def _start_gui(paths: AppPaths, routine_id: str | None) -> int:
    from app.services.qt_env import startup_problem

    problem = startup_problem()
    if problem is not None:
        return _fail(problem, EXIT_FAILED)
    from app.services.application import run_gui

    return run_gui(paths, routine_id)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = AppPaths.resolve(args.home)
    if args.command == "routines":
        if args.routines_command == "list":
            return _routines_list(paths)
        return _routines_check(args.file)
    if args.command == "start":
        known = _catalogue(paths).ids()
        if args.routine_id not in known:
            return _fail(f'unknown routine "{args.routine_id}"; valid ids: {", ".join(known)}')
        return _start_gui(paths, args.routine_id)
    return _start_gui(paths, None)
