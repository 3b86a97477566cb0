"""The launcher, icons and AppStream file: valid, installed where desktops look, removable."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from nightstretch import __version__
from nightstretch.cli import main
from nightstretch.core import resources
from nightstretch.store import desktop_entry
from nightstretch.store.desktop_entry import (
    APP_ID,
    DESKTOP_FILE,
    ICON_NAME,
    LEGACY_DESKTOP_FILE,
    METAINFO_FILE,
    data_home,
    entry_point_command,
    exec_argument,
    install,
    launcher_text,
    login_path,
    uninstall,
    was_our_launcher,
)

DESKTOP_DIR = resources.asset("desktop")
REPO = Path(__file__).resolve().parents[2]


def read_desktop(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def installed_files(share: Path) -> set[str]:
    return {str(p.relative_to(share)) for p in share.rglob("*") if p.is_file()}


# -- the shipped files ------------------------------------------------------------------


def test_shipped_launcher_names_the_app_its_icon_and_the_rescue_action() -> None:
    entry = read_desktop(DESKTOP_DIR / DESKTOP_FILE)
    main_group = entry["Desktop Entry"]
    assert main_group["Exec"] == "nightstretch"
    assert main_group["Icon"] == ICON_NAME
    assert main_group["Categories"] == "Utility;"
    assert main_group["StartupNotify"] == "true"
    assert entry["Desktop Action cramp-rescue"]["Exec"] == "nightstretch start cramp-rescue"
    assert main_group["Actions"] == "cramp-rescue;"


def test_the_launcher_is_named_after_the_component_id() -> None:
    """Software centres, GNOME Shell and Wayland find the app by ``<id>.desktop``."""
    assert DESKTOP_FILE == "io.github.nightstretch.Nightstretch.desktop" == f"{APP_ID}.desktop"
    assert sorted(p.name for p in DESKTOP_DIR.iterdir()) == [DESKTOP_FILE, METAINFO_FILE]
    launchable = ET.parse(DESKTOP_DIR / METAINFO_FILE).getroot().find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE


def test_metainfo_matches_launcher_icon_and_version() -> None:
    root = ET.parse(DESKTOP_DIR / METAINFO_FILE).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE
    assert root.findtext("icon") == ICON_NAME
    versions = [r.get("version") for r in root.iter("release")]
    assert __version__ in versions
    assert root.find("content_rating") is not None
    for image in root.iter("image"):
        assert (image.text or "").startswith("https://"), "screenshots need absolute URLs"


def test_metainfo_passes_appstreamcli_without_warnings() -> None:
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed (Debian package appstream)")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(DESKTOP_DIR / METAINFO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    problems = [line for line in output.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == [], output


def desktop_file_validate(path: Path) -> None:
    tool = shutil.which(
        "desktop-file-validate", path=f"{os.environ.get('PATH', '')}{os.pathsep}{os.defpath}"
    )
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_shipped_launcher_passes_desktop_file_validate() -> None:
    desktop_file_validate(DESKTOP_DIR / DESKTOP_FILE)


def test_wheel_build_includes_the_desktop_folder() -> None:
    """pyproject copies all of assets/ into the wheel; the desktop files are inside it."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"assets" = "nightstretch/_data/assets"' in text
    assert (REPO / "assets" / "desktop" / DESKTOP_FILE).is_file()


# -- where the files go -----------------------------------------------------------------


def test_data_home_follows_xdg_and_home(tmp_path: Path) -> None:
    assert data_home(None, {"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert data_home(None, {"XDG_DATA_HOME": "relative/ignored"}) == (
        Path.home() / ".local" / "share"
    )
    assert data_home(None, {}) == Path.home() / ".local" / "share"
    assert data_home(tmp_path / "h", {"XDG_DATA_HOME": "/elsewhere"}) == tmp_path / "h" / "share"


def test_install_writes_launcher_icons_and_metainfo(tmp_path: Path) -> None:
    share = data_home(None, {"XDG_DATA_HOME": str(tmp_path / "xdg")})
    result = install(resources.assets_dir(), share, ("nightstretch",))
    files = installed_files(share)
    assert f"applications/{DESKTOP_FILE}" in files
    assert f"metainfo/{METAINFO_FILE}" in files
    assert f"icons/hicolor/scalable/apps/{ICON_NAME}.svg" in files
    pngs = sorted(resources.asset("icons/hicolor").glob(f"*/apps/{ICON_NAME}.png"))
    assert len(pngs) >= 4
    for png in pngs:
        target = share / "icons" / "hicolor" / png.relative_to(resources.asset("icons/hicolor"))
        assert target.read_bytes() == png.read_bytes()
    assert len(result.written) == len(files) == len(pngs) + 3
    launcher = share / "applications" / DESKTOP_FILE
    assert launcher.read_text(encoding="utf-8") == (DESKTOP_DIR / DESKTOP_FILE).read_text(
        encoding="utf-8"
    )
    assert oct(launcher.stat().st_mode & 0o777) == "0o644"


def test_install_twice_replaces_and_uninstall_keeps_other_files(tmp_path: Path) -> None:
    share = tmp_path / "share"
    install(resources.assets_dir(), share, ("nightstretch",))
    install(resources.assets_dir(), share, ("/opt/ns/bin/nightstretch",))
    other = share / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert "Exec=/opt/ns/bin/nightstretch\n" in (share / "applications" / DESKTOP_FILE).read_text()
    removed = uninstall(resources.assets_dir(), share)
    assert len(removed) == len(installed_files(share)) + len(removed) - 1
    assert installed_files(share) == {"applications/someone-else.desktop"}
    assert uninstall(resources.assets_dir(), share) == []


def old_launcher(share: Path, text: str | None = None) -> Path:
    """What ``install-desktop-entry`` wrote before the launcher followed the component id."""
    if text is None:
        template = (DESKTOP_DIR / DESKTOP_FILE).read_text(encoding="utf-8")
        text = launcher_text(template, ["/home/a/.venv/bin/nightstretch"], None)
    path = share / "applications" / LEGACY_DESKTOP_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_install_replaces_the_launcher_an_older_version_wrote(tmp_path: Path) -> None:
    share = tmp_path / "share"
    legacy = old_launcher(share)
    assert was_our_launcher(legacy.read_text(encoding="utf-8"))
    install(resources.assets_dir(), share, ("nightstretch",))
    assert sorted(p.name for p in (share / "applications").iterdir()) == [DESKTOP_FILE]


def test_uninstall_also_removes_the_launcher_an_older_version_wrote(tmp_path: Path) -> None:
    share = tmp_path / "share"
    legacy = old_launcher(share)
    assert uninstall(resources.assets_dir(), share) == [legacy]
    assert installed_files(share) == set()


def test_a_nightstretch_desktop_she_made_herself_stays(tmp_path: Path) -> None:
    share = tmp_path / "share"
    hers = "[Desktop Entry]\nType=Application\nName=Nightstretch\nExec=/opt/mine/run\n"
    legacy = old_launcher(share, hers)
    install(resources.assets_dir(), share, ("nightstretch",))
    uninstall(resources.assets_dir(), share)
    assert legacy.read_text(encoding="utf-8") == hers
    assert installed_files(share) == {f"applications/{LEGACY_DESKTOP_FILE}"}


def test_missing_source_files_write_nothing(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    shutil.copytree(resources.assets_dir() / "icons", assets / "icons")
    with pytest.raises(desktop_entry.DesktopEntryError, match=DESKTOP_FILE):
        install(assets, tmp_path / "share", ("nightstretch",))
    assert not (tmp_path / "share").exists()


# -- the Exec line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("nightstretch", "nightstretch"),
        ("/opt/night stretch/bin/nightstretch", '"/opt/night stretch/bin/nightstretch"'),
        ("/home/a$b/x", '"/home/a\\\\$b/x"'),
        ("100%", "100%%"),
        ("PYTHONPATH=/src", "PYTHONPATH=/src"),
    ],
)
def test_exec_arguments_are_quoted_by_the_spec(arg: str, quoted: str) -> None:
    assert exec_argument(arg) == quoted


def test_launcher_text_points_every_exec_at_the_command(tmp_path: Path) -> None:
    template = (DESKTOP_DIR / DESKTOP_FILE).read_text(encoding="utf-8")
    text = launcher_text(template, ["/opt/my apps/nightstretch"], tmp_path / "h")
    home = tmp_path / "h"
    assert f'Exec="/opt/my apps/nightstretch" --home {home}\n' in text
    assert f'Exec="/opt/my apps/nightstretch" --home {home} start cramp-rescue\n' in text
    assert "Exec=nightstretch" not in text


def script_at(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_login_path_has_the_system_folders_and_pipxs(tmp_path: Path) -> None:
    assert login_path(tmp_path) == (
        Path("/usr/local/bin"),
        Path("/usr/bin"),
        Path("/bin"),
        tmp_path / ".local" / "bin",
    )


def test_entry_point_is_the_bare_name_from_usr_bin(tmp_path: Path) -> None:
    """A system install: the script PATH finds is the one running, in a login folder."""
    usr_bin = tmp_path / "usr" / "bin"
    script = script_at(usr_bin / "nightstretch")
    command = entry_point_command(
        which=lambda _: str(script),
        executable=str(usr_bin / "python3"),
        argv0=str(script),
        login_folders=(Path("/usr/local/bin"), usr_bin),
    )
    assert command == ("nightstretch",)


def test_entry_point_is_the_bare_name_from_pipxs_local_bin(tmp_path: Path) -> None:
    """pipx links ~/.local/bin/nightstretch to the script in its own venv."""
    venv_bin = tmp_path / ".local" / "share" / "pipx" / "venvs" / "nightstretch" / "bin"
    script = script_at(venv_bin / "nightstretch")
    link = tmp_path / ".local" / "bin" / "nightstretch"
    link.parent.mkdir(parents=True)
    link.symlink_to(script)
    for argv0 in (str(link), "-m"):  # the command, or python -m from pipx's venv
        command = entry_point_command(
            which=lambda _: str(link),
            executable=str(venv_bin / "python"),
            argv0=argv0,
            login_folders=login_path(tmp_path),
        )
        assert command == ("nightstretch",), argv0
    unset = entry_point_command(  # pipx ensurepath not run yet: the link, absolutely
        which=lambda _: None,
        executable=str(venv_bin / "python"),
        argv0=str(link),
        login_folders=login_path(tmp_path),
    )
    assert unset == (str(link),)


def test_entry_point_from_an_activated_venv_is_the_absolute_script(tmp_path: Path) -> None:
    """Her shell has .venv/bin on PATH; the desktop session does not."""
    venv_bin = tmp_path / "project" / ".venv" / "bin"
    script = script_at(venv_bin / "nightstretch")
    command = entry_point_command(
        which=lambda _: str(script),
        executable=str(venv_bin / "python"),
        argv0=str(script),
        login_folders=login_path(tmp_path),
    )
    assert command == (str(script),)


def test_entry_point_ignores_another_install_on_a_login_path(tmp_path: Path) -> None:
    other = script_at(tmp_path / "usr" / "bin" / "nightstretch")
    venv_bin = tmp_path / "venv" / "bin"
    script = script_at(venv_bin / "nightstretch")
    command = entry_point_command(
        which=lambda _: str(other),
        executable=str(venv_bin / "python"),
        argv0=str(script),
        login_folders=(other.parent,),
    )
    assert command == (str(script),)


def test_a_frozen_bundle_is_the_packages_usr_bin_link_or_its_own_executable(
    tmp_path: Path,
) -> None:
    bundle = script_at(tmp_path / "usr" / "lib" / "nightstretch" / "nightstretch")
    packaged = tmp_path / "usr" / "bin" / "nightstretch"
    packaged.parent.mkdir(parents=True)
    packaged.symlink_to(bundle)

    def frozen(executable: Path, packaged: Path) -> tuple[str, ...]:
        return entry_point_command(
            which=lambda _: pytest.fail("a bundle does not ask PATH"),
            executable=str(executable),
            argv0=str(executable),
            frozen=True,
            packaged=packaged,
        )

    assert frozen(bundle, packaged) == (str(packaged),)  # from the Debian package
    unpacked = script_at(tmp_path / "Downloads" / "nightstretch" / "nightstretch")
    assert frozen(unpacked, packaged) == (str(unpacked),)  # a folder she unpacked
    assert frozen(bundle, tmp_path / "absent") == (str(bundle),)


def test_entry_point_is_the_absolute_console_script_when_not_on_path(tmp_path: Path) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "nightstretch"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    command = entry_point_command(
        which=lambda _: None, executable=str(bin_dir / "python"), argv0="-c"
    )
    assert command == (str(script),)


def test_entry_point_without_console_script_finds_the_package(tmp_path: Path) -> None:
    python = str(tmp_path / "bin" / "python")
    checkout = entry_point_command(
        which=lambda _: None, executable=python, argv0="-m", package_root=tmp_path / "src"
    )
    assert checkout == ("env", f"PYTHONPATH={tmp_path / 'src'}", python, "-m", "nightstretch")
    site = entry_point_command(
        which=lambda _: None, executable=python, argv0="-m", package_root=tmp_path / "site-packages"
    )
    assert site == (python, "-m", "nightstretch")


# -- the command line -------------------------------------------------------------------


def test_cli_installs_under_home_only_and_the_launcher_starts(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # nightstretch is not on PATH
    assert main(["--home", str(home), "install-desktop-entry"]) == 0
    out = capsys.readouterr().out
    assert "is not on PATH" in out
    assert not xdg.exists(), "--home keeps the real data folder untouched"
    launcher = home / "share" / "applications" / DESKTOP_FILE
    desktop_file_validate(launcher)

    # What a desktop would run: the Exec line, here with --version appended.
    exec_line = read_desktop(launcher)["Desktop Entry"]["Exec"]
    argv = [a.replace("%%", "%") for a in shlex.split(exec_line.replace("\\\\", "\\"))]
    assert argv[-2:] == ["--home", str(home)]
    env = dict(os.environ, PATH=os.defpath)
    result = subprocess.run(
        [*argv, "--version"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"nightstretch {__version__}"

    assert main(["--home", str(home), "install-desktop-entry", "--uninstall"]) == 0
    assert "Removed the launcher" in capsys.readouterr().out
    assert installed_files(home / "share") == set()
    assert main(["--home", str(home), "install-desktop-entry", "--uninstall"]) == 0
    assert "No Nightstretch launcher" in capsys.readouterr().out


def test_cli_uses_xdg_data_home_without_a_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NIGHTSTRETCH_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.defpath}")
    assert main(["install-desktop-entry"]) == 0
    capsys.readouterr()
    assert (tmp_path / "xdg" / "applications" / DESKTOP_FILE).is_file()
    assert (
        tmp_path / "xdg" / "icons" / "hicolor" / "48x48" / "apps" / "nightstretch.png"
    ).is_file()


def test_cli_reports_an_unwritable_folder(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "share").write_text("a file where a folder should be", encoding="utf-8")
    assert main(["--home", str(home), "install-desktop-entry"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nightstretch: could not write") and err.count("\n") == 1
