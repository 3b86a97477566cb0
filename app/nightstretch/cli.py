"""The ``nightstretch`` command line: a contract that users and tests rely on.

Commands that only read or write files never import Qt, so they are quick and work on a
machine without a display. Every error is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from datetime import tzinfo
from pathlib import Path

from nightstretch.cli_parser import EXIT_FAILED, build_parser, fail, speak_argparse
from nightstretch.core import resources
from nightstretch.core.clock import Clock, SystemClock
from nightstretch.core.i18n import _, use_language
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.routine_loader import (
    Catalogue,
    RoutineError,
    load_catalogue,
    load_routine_file,
)
from nightstretch.core.routine_table import routine_lines
from nightstretch.store.leftovers import clean_leftovers
from nightstretch.store.paths import HOME_ENV, AppPaths
from nightstretch.store.private import set_private_umask
from nightstretch.store.settings import SettingsFile, language_of

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
"""The commands of ``cli_logbook``, loaded only when one of them is run."""
EXIT_INTERRUPTED = 130
"""128 + SIGINT, as a shell reports Ctrl+C."""
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: the reader (``| head``) went away; nothing to say about it."""


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
    from nightstretch.launch import run_gui
    from nightstretch.services.restart import RESTART_EXIT, start_again

    home = args.home or os.environ.get(HOME_ENV) or None
    code = run_gui(paths, routine_id, tray_only=args.tray, home=Path(home) if home else None)
    if code == RESTART_EXIT:  # a new language: the lock is released, the logbook closed
        return 0 if start_again(args.home) else EXIT_FAILED
    return code


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
        return fail(str(exc), EXIT_FAILED)
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
        return fail(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""), 1)


def _main(argv: Sequence[str] | None, clock: Clock | None, zone: tzinfo | None) -> int:
    set_private_umask()
    use_language()  # the system's, for --help and argument errors (before --home is known)
    speak_argparse()
    args = build_parser().parse_args(argv)
    if args.home is not None and not args.home.strip():
        return fail(_("--home must name a folder (it was empty)"))
    paths = AppPaths.resolve(args.home)
    chosen = language_of(paths.settings_file)
    if chosen:  # her choice in Settings wins over the system's
        use_language(chosen)
    if args.command in FILE_COMMANDS:
        from nightstretch.cli_logbook import logbook_command

        clean_leftovers(paths)
        return logbook_command(args, paths, clock or SystemClock(), zone)
    if args.command == "routines":
        if args.routines_command == "list":
            return _routines_list(paths, clock or SystemClock())
        return _routines_check(args.file)
    if args.command == "install-desktop-entry":
        return _install_desktop_entry(args)
    if args.command == "start":
        known = _catalogue(paths).ids()
        if args.routine_id not in known:
            return fail(
                _('unknown routine "{id}"; valid ids: {ids}').format(
                    id=args.routine_id, ids=", ".join(known)
                )
            )
        return _start_gui(args, paths, args.routine_id)
    return _start_gui(args, paths, None)
