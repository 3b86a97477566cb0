"""Start at login: an XDG autostart entry on Linux, HKCU Run on Windows, a LaunchAgent on macOS.

The entry is the user's as much as ours. We remember that we wrote it (a marker file in
Nightstretch's own config folder), so:

- switching the setting on writes the entry;
- with the setting still on, an entry the user deleted by hand stays deleted (most
  desktops' "Startup Applications" tools delete the file); it only comes back when the
  setting is switched off and on again;
- switching it off removes only an entry that we wrote, never one the user made.

The XDG entry is named after the AppStream component id, like the launcher; the
``nightstretch.desktop`` that older versions wrote is moved to that name (only if it
carries our managed key), so an upgrade never starts the app twice.

Every location is a constructor argument, so ``--home`` and the tests never touch the real
home folder. Only the Linux backend is tested here; the others are kept deliberately small.
No Qt: it only writes files, so it lives on the store floor beside the desktop launcher,
whose command builder and ``Exec`` quoting it shares, and writes through ``atomic_write``.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, Final, Protocol

from nightstretch.store.desktop_entry import (
    APP_ID,
    LEGACY_DESKTOP_FILE,
    PACKAGE_ROOT,
    entry_point_command,
    exec_line,
)
from nightstretch.store.files import atomic_write

DESKTOP_NAME: Final = f"{APP_ID}.desktop"
LEGACY_DESKTOP_NAME: Final = LEGACY_DESKTOP_FILE
MANAGED_KEY: Final = "X-Nightstretch-Managed"
MARKER_NAME: Final = "autostart-written"
RUN_KEY: Final = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE: Final = "Nightstretch"
AGENT_LABEL: Final = "org.nightstretch.app"


def launch_command(
    home: Path | None = None,
    *,
    which: Callable[[str], str | None] = shutil.which,
    executable: str | None = None,
    argv0: str | None = None,
    package_root: Path = PACKAGE_ROOT,
    frozen: bool | None = None,
) -> list[str]:
    """How this very installation is started (the launcher's ``entry_point_command``), plus
    ``--home`` when one is in use.

    The shell she typed ``nightstretch`` in may have had a virtualenv active that a login
    does not; ``entry_point_command`` names such an install absolutely.
    """
    command = list(
        entry_point_command(
            which=which,
            executable=executable,
            argv0=argv0,
            package_root=package_root,
            frozen=frozen,
        )
    )
    if home is not None:
        command += ["--home", str(Path(home).expanduser().absolute())]
    return [*command, "--tray"]  # at login: quietly into the tray, no window


def xdg_autostart_dir(home: Path | None = None) -> Path:
    """``$XDG_CONFIG_HOME/autostart``; under ``home`` when Nightstretch runs with ``--home``."""
    if home is not None:
        return Path(home).expanduser().absolute() / "autostart"
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if Path(base).is_absolute() else Path.home() / ".config"
    return root / "autostart"


class _Backend(Protocol):
    def write(self, command: Sequence[str]) -> None: ...

    def remove(self) -> None: ...

    def exists(self) -> bool: ...

    def is_ours(self) -> bool:
        """The entry there was written by Nightstretch (so it may be refreshed or removed)."""
        ...

    def matches(self, command: Sequence[str]) -> bool:
        """True if the entry is there and would run ``command`` (nothing to refresh)."""
        ...


class XdgBackend:
    """``io.github.nightstretch.Nightstretch.desktop`` in an XDG autostart folder.

    An entry under the old name counts as the entry until it is rewritten under the new one.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / DESKTOP_NAME
        self.legacy = folder / LEGACY_DESKTOP_NAME

    def _current(self) -> Path:
        """The entry there is: the new name, else the old one (possibly absent too)."""
        return self.legacy if not self.path.is_file() and self.legacy.is_file() else self.path

    def render(self, command: Sequence[str]) -> str:
        return (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Nightstretch\n"
            "Comment=Calf-stretch reminders and a cramp logbook\n"
            f"Exec={exec_line(command)}\n"
            "Icon=nightstretch\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
            f"{MANAGED_KEY}=true\n"
        )

    def write(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, self.render(command), 0o644)
        if self._carries_our_key(self.legacy):
            self.legacy.unlink(missing_ok=True)

    def remove(self) -> None:
        """Only a file carrying our managed key: one the user wrote stays."""
        for path in (self.path, self.legacy):
            if self._carries_our_key(path):
                path.unlink(missing_ok=True)

    def exists(self) -> bool:
        return self._current().is_file()

    def is_ours(self) -> bool:
        return self._carries_our_key(self._current())

    @staticmethod
    def _carries_our_key(path: Path) -> bool:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        return f"{MANAGED_KEY}=true" in text.splitlines()

    def matches(self, command: Sequence[str]) -> bool:
        try:
            return self.path.read_text(encoding="utf-8") == self.render(command)
        except (OSError, UnicodeDecodeError):
            return False


class WindowsRunBackend:
    """A value under HKCU's Run key (untested here: no Windows on this machine)."""

    def __init__(self) -> None:
        # Imported by name so type checks on other platforms see no Windows-only module.
        self._winreg: Any = importlib.import_module("winreg")

    def _read(self) -> str | None:
        reg = self._winreg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_READ) as key:
                value, _kind = reg.QueryValueEx(key, RUN_VALUE)
        except OSError:
            return None
        return str(value)

    def write(self, command: Sequence[str]) -> None:
        reg = self._winreg
        with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
            reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, subprocess.list2cmdline(command))

    def remove(self) -> None:
        reg = self._winreg
        with (
            suppress(OSError),
            reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key,
        ):
            reg.DeleteValue(key, RUN_VALUE)

    def exists(self) -> bool:
        return self._read() is not None

    def is_ours(self) -> bool:
        """The value carries our name; what it runs may be refreshed."""
        return self.exists()

    def matches(self, command: Sequence[str]) -> bool:
        return self._read() == subprocess.list2cmdline(command)


class LaunchAgentBackend:
    """``~/Library/LaunchAgents/org.nightstretch.app.plist`` (untested here: no macOS)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / f"{AGENT_LABEL}.plist"

    def _render(self, command: Sequence[str]) -> bytes:
        import plistlib  # macOS only; with its XML parser it is ~9 ms of everyone's launch

        return plistlib.dumps(
            {"Label": AGENT_LABEL, "ProgramArguments": list(command), "RunAtLoad": True}
        )

    def write(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, self._render(command), 0o644)

    def remove(self) -> None:
        if self.is_ours():
            self.path.unlink(missing_ok=True)

    def exists(self) -> bool:
        return self.path.is_file()

    def is_ours(self) -> bool:
        import plistlib

        try:
            data = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException):
            return False
        return isinstance(data, dict) and data.get("Label") == AGENT_LABEL

    def matches(self, command: Sequence[str]) -> bool:
        try:
            return self.path.read_bytes() == self._render(command)
        except OSError:
            return False


class Autostart:
    """One login entry for this installation, and the memory of having written it."""

    def __init__(
        self,
        config_dir: Path,
        command: Sequence[str],
        *,
        autostart_dir: Path | None = None,
        platform: str = sys.platform,
    ) -> None:
        """``config_dir`` is Nightstretch's own config folder (the marker lives there);
        ``autostart_dir`` the login-entry folder (XDG autostart or LaunchAgents), which must
        be given explicitly whenever a ``--home`` is in use."""
        self.marker = config_dir / MARKER_NAME
        self.command = list(command)
        self.backend: _Backend
        if platform.startswith("win"):
            self.backend = WindowsRunBackend()
        elif platform == "darwin":
            folder = autostart_dir or Path.home() / "Library" / "LaunchAgents"
            self.backend = LaunchAgentBackend(folder)
        else:
            self.backend = XdgBackend(autostart_dir or xdg_autostart_dir())

    @classmethod
    def for_home(cls, config_dir: Path, home: Path | None) -> Autostart:
        """The usual wiring: with ``--home`` the entry goes under that home, never the real one."""
        folder = xdg_autostart_dir(home) if home is not None else None
        if home is not None and sys.platform == "darwin":
            folder = Path(home).expanduser().absolute() / "LaunchAgents"
        return cls(config_dir, launch_command(home), autostart_dir=folder)

    @property
    def path(self) -> Path | None:
        """Where the entry lives, for a settings hint (None for the Windows registry)."""
        return getattr(self.backend, "path", None)

    def is_enabled(self) -> bool:
        return self.backend.exists()

    def we_wrote_it(self) -> bool:
        return self.marker.is_file()

    def enable(self) -> None:
        """Write (or refresh) the entry and remember that we did."""
        if not self.backend.matches(self.command):
            self.backend.write(self.command)
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.write_text(f"{self.path or RUN_KEY}\n", encoding="utf-8")

    def disable(self) -> None:
        """Remove the entry only if we wrote it; forget that we did."""
        if self.we_wrote_it():
            self.backend.remove()
            self.marker.unlink(missing_ok=True)

    def sync(self, wanted: bool, previously_wanted: bool) -> None:
        """Bring the entry in line with the setting without overruling the user.

        Call at start with ``(setting, setting)`` and on a settings change with
        ``(new, old)``. Switched on: written. Still on: refreshed if we wrote it and it is
        still there (an interpreter that moved), left deleted if she deleted it, written if
        we never did. Off: ours removed.
        """
        if not wanted:
            self.disable()
            return
        switched_on = not previously_wanted
        never_written = not self.we_wrote_it()
        still_ours = self.backend.exists() and self.backend.is_ours()
        if switched_on or never_written or still_ours:
            self.enable()
