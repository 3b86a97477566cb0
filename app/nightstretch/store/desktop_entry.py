"""Installs the launcher, icons and AppStream file for the current user (freedesktop.org).

A wheel cannot put files into ``~/.local/share``, so ``nightstretch install-desktop-entry``
copies them there: the ``.desktop`` launcher into ``applications/``, the icons into the
``hicolor`` theme and the metainfo into ``metainfo/``. Only files, no Qt, so it lives on
the store floor next to the other code that writes the user's folders.

A desktop session's ``PATH`` is the login one, not the shell's: a virtualenv active in the
terminal she typed ``install-desktop-entry`` in is not on it, so a launcher saying
``Exec=nightstretch`` would do nothing on click. The bare name is written only when it is
this very install and sits in a folder every login has on ``PATH`` (the Debian package's
``/usr/bin``, pipx's ``~/.local/bin``); otherwise the absolute path of the running entry point.

The launcher is named after the AppStream component id, as software centres, GNOME Shell
and Wayland compositors expect; the ``nightstretch.desktop`` that older versions wrote is
removed so an upgrade leaves one menu entry, not two.

``entry_point_command`` and ``exec_line`` are the one launcher builder: the autostart entry
(``store/autostart.py``) starts this install and quotes its ``Exec`` the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from nightstretch.store.files import atomic_write

APP_ID = "io.github.nightstretch.Nightstretch"
"""The AppStream component id (reverse DNS)."""
DESKTOP_FILE = f"{APP_ID}.desktop"
"""Matches ``QGuiApplication.setDesktopFileName(APP_ID)`` and the metainfo launchable."""
LEGACY_DESKTOP_FILE = "nightstretch.desktop"
"""The launcher's name before it followed the component id (0.1.0 and earlier)."""
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_NAME = "nightstretch"
COMMAND = "nightstretch"
PACKAGED_COMMAND = Path("/usr/bin") / COMMAND
"""The Debian package's symlink to the bundle's executable."""


class DesktopEntryError(Exception):
    """A file could not be written or removed; the message names it."""


@dataclass(frozen=True)
class InstallResult:
    written: tuple[Path, ...]
    command: tuple[str, ...]
    """What the launcher runs (``Exec``), before quoting."""


def data_home(home: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Where user-installed desktop files go.

    With ``--home`` (or ``NIGHTSTRETCH_HOME``) everything stays inside that folder, in
    ``HOME/share``, so tests and portable installs never touch the real home.
    """
    if home is not None:
        return home / "share"
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_DATA_HOME", "")
    if xdg and Path(xdg).is_absolute():  # the spec says to ignore a relative path
        return Path(xdg)
    return Path.home() / ".local" / "share"


PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent
"""The folder that holds the ``nightstretch`` package: site-packages, or a source checkout."""


def login_path(user_home: Path | None = None) -> tuple[Path, ...]:
    """Folders a desktop session has on ``PATH`` whatever the terminal had.

    ``~/.local/bin`` is where pipx puts its commands; Debian's and Ubuntu's ``~/.profile``
    add it to the login ``PATH`` once it exists.
    """
    user_home = Path.home() if user_home is None else user_home
    return (Path("/usr/local/bin"), Path("/usr/bin"), Path("/bin"), user_home / ".local" / "bin")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _console_script(executable: str, argv0: str) -> Path | None:
    """The running install's ``nightstretch`` script: the one started, or the one beside
    the interpreter (``python -m nightstretch`` from a venv that has it)."""
    for candidate in (Path(argv0), Path(executable).parent / COMMAND):
        if candidate.name == COMMAND and candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.absolute()
    return None


def entry_point_command(
    which: Callable[[str], str | None] = shutil.which,
    executable: str | None = None,
    argv0: str | None = None,
    package_root: Path = PACKAGE_ROOT,
    *,
    frozen: bool | None = None,
    packaged: Path = PACKAGED_COMMAND,
    login_folders: Sequence[Path] | None = None,
) -> tuple[str, ...]:
    """A command that starts this install from a desktop session, whose ``PATH`` is a login's.

    Bare ``nightstretch`` only if ``PATH`` finds this install's script in a login folder;
    else the script's absolute path. A PyInstaller bundle (``sys.frozen``) is ``/usr/bin/
    nightstretch`` when that is the package's link to it, else its own executable. Without
    a console script (``python -m nightstretch`` from a checkout) the launcher must also
    find the package, which ``env PYTHONPATH=...`` gives it when it is not installed.
    """
    executable = sys.executable if executable is None else executable
    if getattr(sys, "frozen", False) if frozen is None else frozen:
        if _same_file(packaged, Path(executable)):
            return (str(packaged),)
        return (str(Path(executable).absolute()),)
    argv0 = (sys.argv[0] if sys.argv else "") if argv0 is None else argv0
    script = _console_script(executable, argv0)
    if script is not None:
        found = which(COMMAND)
        folders = login_path() if login_folders is None else login_folders
        if (
            found is not None
            and _same_file(Path(found), script)
            and Path(os.path.abspath(found)).parent in {Path(f) for f in folders}
        ):
            return (COMMAND,)
        return (str(script),)
    python = (str(Path(executable).absolute()), "-m", "nightstretch")
    if package_root.name in ("site-packages", "dist-packages"):
        return python
    return ("env", f"PYTHONPATH={package_root}", *python)


_EXEC_RESERVED = re.compile(r'[\s"\'\\><~|&;$*?#()`]')


def exec_argument(arg: str) -> str:
    """Quotes one argument for an ``Exec`` line (Desktop Entry spec, "The Exec key").

    Reserved characters need double quotes, inside which ``"``, `````, ``$`` and ``\\``
    are escaped with a backslash; ``%`` is doubled because it starts field codes. An empty
    argument is ``""`` so it is not lost. The result is a string value, whose own escaping
    doubles every backslash again.
    """
    arg = arg.replace("%", "%%")
    if not arg or _EXEC_RESERVED.search(arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return arg.replace("\\", "\\\\")


def exec_line(command: Sequence[str]) -> str:
    return " ".join(exec_argument(arg) for arg in command)


def launcher_text(template: str, command: Sequence[str], home: Path | None) -> str:
    """The shipped launcher with every ``Exec=nightstretch`` pointing at ``command``.

    With a home folder the launcher also passes ``--home``, so the icon opens the same
    logbook the entry was installed for.
    """
    prefix = [*command, *(["--home", str(home)] if home is not None else [])]

    def rewrite(match: re.Match[str]) -> str:
        rest = match.group(1).split()
        return "Exec=" + exec_line([*prefix, *rest])

    return re.sub(rf"^Exec={COMMAND}((?: \S+)*)$", rewrite, template, flags=re.MULTILINE)


def _planned_files(assets: Path, share: Path) -> list[tuple[Path, Path]]:
    """(source, target) pairs; the launcher is first and handled separately."""
    pairs = [
        (assets / "desktop" / DESKTOP_FILE, share / "applications" / DESKTOP_FILE),
        (assets / "desktop" / METAINFO_FILE, share / "metainfo" / METAINFO_FILE),
        (
            assets / "icons" / f"{ICON_NAME}.svg",
            share / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg",
        ),
    ]
    hicolor = assets / "icons" / "hicolor"
    for png in sorted(hicolor.glob(f"*/apps/{ICON_NAME}.png")):
        pairs.append((png, share / "icons" / "hicolor" / png.relative_to(hicolor)))
    return pairs


def install(
    assets: Path,
    share: Path,
    command: Sequence[str],
    home: Path | None = None,
) -> InstallResult:
    """Copies launcher, metainfo and icons under ``share``; replaces older copies."""
    pairs = _planned_files(assets, share)
    missing = [str(source) for source, _ in pairs if not source.is_file()]
    if missing:
        raise DesktopEntryError(f"the app's own files are missing: {', '.join(missing)}")
    written = []
    try:
        for index, (source, target) in enumerate(pairs):
            target.parent.mkdir(parents=True, exist_ok=True)
            if index == 0:
                text = launcher_text(source.read_text(encoding="utf-8"), command, home)
                atomic_write(target, text, 0o644)
            else:
                atomic_write(target, source.read_bytes(), 0o644)
            written.append(target)
    except OSError as exc:
        raise DesktopEntryError(f"could not write {exc.filename or share}: {exc.strerror}") from exc
    _remove_legacy_launcher(share)
    _touch_theme(share)
    return InstallResult(tuple(written), tuple(command))


def was_our_launcher(text: str) -> bool:
    """An old ``nightstretch.desktop`` that ``install`` wrote, told from one she made herself.

    It carried no marker, so it is known by what only ours had together: the name, the icon
    and the "Cramp rescue" action, whatever its ``Exec`` ran.
    """
    lines = set(text.splitlines())
    ours = {"Name=Nightstretch", f"Icon={ICON_NAME}", "[Desktop Action cramp-rescue]"}
    return "[Desktop Entry]" in lines and ours <= lines


def _remove_legacy_launcher(share: Path) -> Path | None:
    """Takes away the launcher an older version wrote under its old name, if it is ours."""
    legacy = share / "applications" / LEGACY_DESKTOP_FILE
    try:
        if not was_our_launcher(legacy.read_text(encoding="utf-8")):
            return None
        legacy.unlink()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    except OSError as exc:
        raise DesktopEntryError(f"could not remove {legacy}: {exc.strerror}") from exc
    return legacy


def uninstall(assets: Path, share: Path) -> list[Path]:
    """Removes exactly the files ``install`` writes (and once wrote under the launcher's old
    name); other files are left alone."""
    removed = []
    legacy = _remove_legacy_launcher(share)
    if legacy is not None:
        removed.append(legacy)
    for _, target in _planned_files(assets, share):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopEntryError(f"could not remove {target}: {exc.strerror}") from exc
        removed.append(target)
    if removed:
        _touch_theme(share)
    return removed


def _touch_theme(share: Path) -> None:
    """Icon caches and launchers watch folder times; a newer hicolor folder is noticed."""
    theme = share / "icons" / "hicolor"
    if theme.is_dir():
        os.utime(theme)
