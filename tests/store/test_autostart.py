"""Start at login: the XDG entry is written, refreshed and removed without overruling the user."""

from __future__ import annotations

import plistlib
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from nightstretch.store.autostart import (
    DESKTOP_NAME,
    LEGACY_DESKTOP_NAME,
    MANAGED_KEY,
    Autostart,
    launch_command,
    xdg_autostart_dir,
)
from nightstretch.store.desktop_entry import entry_point_command, exec_line

COMMAND = ["/opt/night stretch/bin/python", "-m", "nightstretch", "--home", "/tmp/h"]


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """App config folder and autostart folder; the real home is moved out of reach."""
    monkeypatch.setenv("HOME", str(tmp_path / "real-home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "real-home" / ".config"))
    return tmp_path / "home" / "config", tmp_path / "home" / "autostart"


@pytest.fixture
def autostart(folders: tuple[Path, Path]) -> Autostart:
    config, entries = folders
    return Autostart(config, COMMAND, autostart_dir=entries, platform="linux")


def exec_args(desktop: Path) -> list[str]:
    """Read ``Exec=`` back the way the Desktop Entry spec says a launcher does."""
    [line] = [x for x in desktop.read_text().splitlines() if x.startswith("Exec=")]
    value = line.removeprefix("Exec=").replace("\\\\", "\\")  # string-level escape first
    args: list[str] = []
    current: str | None = None
    chars = iter(value)
    for ch in chars:
        if ch == " " and current is not None:
            args.append(current)
            current = None
        elif ch == '"':
            current = current or ""
            for inner in chars:
                if inner == '"':
                    break
                if inner == "\\":
                    escaped = next(chars)
                    assert escaped in '"`$\\', f"undefined escape \\{escaped}"
                    current += escaped
                else:
                    current += inner
        elif ch != " ":
            assert ch not in '"`$\\', f"reserved {ch!r} outside quotes"
            current = (current or "") + ch
    if current is not None:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def test_enable_writes_a_managed_entry_that_runs_this_install(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    config, entries = folders
    autostart.enable()
    desktop = entries / DESKTOP_NAME
    assert autostart.is_enabled() and autostart.path == desktop
    text = desktop.read_text()
    assert "[Desktop Entry]" in text and f"{MANAGED_KEY}=true" in text.splitlines()
    assert exec_args(desktop) == COMMAND
    assert autostart.we_wrote_it() and autostart.marker.parent == config
    assert not (Path.home()).exists()  # the real home was never touched


def test_the_entry_is_named_after_the_component_id_like_the_launcher() -> None:
    assert DESKTOP_NAME == "io.github.nightstretch.Nightstretch.desktop"
    assert LEGACY_DESKTOP_NAME == "nightstretch.desktop"


def old_entry(entries: Path, managed: bool = True) -> Path:
    """An entry under the name older versions used; ours carries the managed key."""
    legacy = entries / LEGACY_DESKTOP_NAME
    legacy.parent.mkdir(parents=True, exist_ok=True)
    key = f"{MANAGED_KEY}=true\n" if managed else ""
    legacy.write_text(f"[Desktop Entry]\nType=Application\nExec=/old/nightstretch\n{key}")
    return legacy


def test_an_upgrade_moves_our_old_entry_to_the_new_name(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    legacy = old_entry(folders[1])
    autostart.marker.parent.mkdir(parents=True, exist_ok=True)
    autostart.marker.write_text(f"{legacy}\n")  # the old version wrote it
    assert autostart.is_enabled()
    autostart.sync(wanted=True, previously_wanted=True)  # first start after the upgrade
    assert [p.name for p in folders[1].iterdir()] == [DESKTOP_NAME]
    assert exec_args(folders[1] / DESKTOP_NAME) == COMMAND


def test_switching_off_after_an_upgrade_removes_our_old_entry(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    old_entry(folders[1])
    autostart.marker.parent.mkdir(parents=True, exist_ok=True)
    autostart.marker.write_text("old\n")
    autostart.sync(wanted=False, previously_wanted=True)
    assert not autostart.is_enabled() and list(folders[1].iterdir()) == []


def test_an_old_name_entry_she_made_is_never_moved_or_removed(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    hers = old_entry(folders[1], managed=False)
    autostart.sync(wanted=True, previously_wanted=False)
    autostart.sync(wanted=False, previously_wanted=True)
    assert [p.name for p in folders[1].iterdir()] == [LEGACY_DESKTOP_NAME]
    assert hers.read_text().endswith("Exec=/old/nightstretch\n")


def test_the_entry_is_written_whole_and_readable_by_the_session(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    autostart.enable()
    autostart.command = ["/moved/python", "-m", "nightstretch"]
    autostart.enable()  # refreshed in place: no staging copy is left beside it
    assert [p.name for p in folders[1].iterdir()] == [DESKTOP_NAME]
    assert stat.S_IMODE((folders[1] / DESKTOP_NAME).stat().st_mode) == 0o644
    assert exec_args(folders[1] / DESKTOP_NAME) == ["/moved/python", "-m", "nightstretch"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no validator")
def test_the_entry_passes_desktop_file_validate(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    autostart.enable()
    result = subprocess.run(
        ["desktop-file-validate", str(folders[1] / DESKTOP_NAME)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["/usr/bin/nightstretch"],
        ["/a b/py", "-m", "nightstretch"],
        ['/we"ird/$HOME/`x`/back\\slash/py', "--home", "/h/100%"],
        ["/x", ""],
    ],
)
def test_exec_quoting_round_trips(command: list[str], tmp_path: Path) -> None:
    desktop = tmp_path / "x.desktop"
    desktop.write_text(f"Exec={exec_line(command)}\n")
    assert exec_args(desktop) == command


def test_disable_removes_only_what_we_wrote(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    autostart.enable()
    autostart.disable()
    assert not autostart.is_enabled() and not autostart.we_wrote_it()
    # a file she made herself, with no marker and no managed key, stays
    desktop = folders[1] / DESKTOP_NAME
    desktop.write_text("[Desktop Entry]\nType=Application\nName=Mine\nExec=/usr/bin/true\n")
    autostart.disable()
    assert desktop.exists()
    autostart.marker.parent.mkdir(parents=True, exist_ok=True)
    autostart.marker.write_text("stale\n")
    autostart.disable()
    assert desktop.exists()  # even a stale marker never deletes a file without our key


def test_a_hand_removed_entry_stays_removed_while_the_setting_stays_on(
    autostart: Autostart,
) -> None:
    autostart.sync(wanted=True, previously_wanted=False)  # switched on
    assert autostart.is_enabled()
    assert autostart.path is not None
    autostart.path.unlink()  # removed in "Startup Applications"
    for _ in range(3):  # restarts with the setting still on
        autostart.sync(wanted=True, previously_wanted=True)
    assert not autostart.is_enabled()
    autostart.sync(wanted=False, previously_wanted=True)  # switched off...
    assert not autostart.we_wrote_it()
    autostart.sync(wanted=True, previously_wanted=False)  # ...and on again
    assert autostart.is_enabled()


def test_a_setting_that_was_on_before_we_ever_wrote_is_honoured(autostart: Autostart) -> None:
    autostart.sync(wanted=True, previously_wanted=True)  # settings file edited by hand
    assert autostart.is_enabled() and autostart.we_wrote_it()


def test_still_on_refreshes_our_entry_when_the_install_moved(folders: tuple[Path, Path]) -> None:
    config, entries = folders
    Autostart(
        config, ["/old/python", "-m", "nightstretch"], autostart_dir=entries, platform="linux"
    ).enable()
    moved = Autostart(
        config, ["/new/python", "-m", "nightstretch"], autostart_dir=entries, platform="linux"
    )
    moved.sync(wanted=True, previously_wanted=True)
    assert exec_args(entries / DESKTOP_NAME) == ["/new/python", "-m", "nightstretch"]


def test_still_on_never_overwrites_a_file_she_replaced(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    autostart.enable()
    desktop = folders[1] / DESKTOP_NAME
    desktop.write_text("[Desktop Entry]\nType=Application\nName=Mine\nExec=/usr/bin/true\n")
    autostart.sync(wanted=True, previously_wanted=True)
    assert "Name=Mine" in desktop.read_text()


def test_off_from_the_start_writes_nothing(
    autostart: Autostart, folders: tuple[Path, Path]
) -> None:
    autostart.sync(wanted=False, previously_wanted=False)
    assert not folders[1].exists() and not autostart.marker.exists()


def test_with_a_home_the_entry_goes_under_it(folders: tuple[Path, Path], tmp_path: Path) -> None:
    home = tmp_path / "portable"
    autostart = Autostart.for_home(home / "config", home)
    autostart.enable()
    assert autostart.path == home / "autostart" / DESKTOP_NAME
    args = exec_args(autostart.path)
    assert args[-3:] == ["--home", str(home), "--tray"]
    assert not Path.home().exists()


def test_xdg_config_home_is_honoured_and_a_relative_one_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert xdg_autostart_dir() == tmp_path / "cfg" / "autostart"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/cfg")
    assert xdg_autostart_dir() == tmp_path / ".config" / "autostart"
    assert xdg_autostart_dir(tmp_path / "h") == tmp_path / "h" / "autostart"


def test_launch_command_uses_this_interpreter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An installed package (site-packages) with no console script beside the interpreter.
    python = str(tmp_path / "py" / "bin" / "python")
    installed = tmp_path / "py" / "lib" / "site-packages"
    monkeypatch.setattr(sys, "argv", ["-c"])
    assert launch_command(executable=python, package_root=installed) == [
        python,
        "-m",
        "nightstretch",
        "--tray",
    ]
    script = tmp_path / "bin" / "nightstretch"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script)])
    assert launch_command(tmp_path / "h", executable=python, package_root=installed) == [
        str(script),
        "--home",
        str(tmp_path / "h"),
        "--tray",
    ]


def test_launch_command_is_the_launchers_and_never_a_bare_name_from_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    on_path = tmp_path / "venv-active" / "nightstretch"
    on_path.parent.mkdir()
    on_path.write_text("#!/bin/sh\n")
    on_path.chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path.parent))  # an activated virtualenv, not a login's
    python = str(tmp_path / "bin" / "python")
    checkout = tmp_path / "src"
    command = launch_command(executable=python, argv0="-m", package_root=checkout)
    # the same command the desktop launcher writes when nightstretch is not on PATH
    assert command[:-1] == list(
        entry_point_command(
            which=lambda _: None, executable=python, argv0="-m", package_root=checkout
        )
    )
    assert command == ["env", f"PYTHONPATH={checkout}", python, "-m", "nightstretch", "--tray"]


def test_launch_command_of_a_bundle_is_its_executable(tmp_path: Path) -> None:
    bundle = tmp_path / "opt" / "nightstretch" / "nightstretch"
    command = launch_command(executable=str(bundle), argv0=str(bundle), frozen=True)
    assert command == [str(bundle), "--tray"]


def test_macos_launch_agent_behind_the_same_interface(folders: tuple[Path, Path]) -> None:
    config, entries = folders
    agent = Autostart(config, COMMAND, autostart_dir=entries, platform="darwin")
    agent.sync(wanted=True, previously_wanted=False)
    assert agent.path is not None
    data = plistlib.loads(agent.path.read_bytes())
    assert data == {"Label": "org.nightstretch.app", "ProgramArguments": COMMAND, "RunAtLoad": True}
    agent.sync(wanted=False, previously_wanted=True)
    assert not agent.is_enabled()
